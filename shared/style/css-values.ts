/**
 * THE module for the CSS colour and font-size values an article carries: the 8–72 px bounds of the editor's size
 * field, the named-colour table, the strict colour/size check the renderer writes back into published HTML, and
 * the lenient readers the clean paste uses to turn whatever Word, Google Docs or a web page wrote into #rrggbb
 * and a size in pt.
 */

/** The smallest and largest text size an article may use, in px (toolbar field, paste and renderer alike). */
export const FONT_SIZE_MIN_PX = 8;
export const FONT_SIZE_MAX_PX = 72;

/** A colour as the toolbar's custom-colour field takes it: #rrggbb. */
export const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** The CSS named colours (CSS Color Module Level 4), name → #rrggbb. */
export const NAMED_COLOURS: ReadonlyMap<string, string> = new Map(
  (
    'aliceblue:f0f8ff antiquewhite:faebd7 aqua:00ffff aquamarine:7fffd4 azure:f0ffff beige:f5f5dc bisque:ffe4c4 ' +
    'black:000000 blanchedalmond:ffebcd blue:0000ff blueviolet:8a2be2 brown:a52a2a burlywood:deb887 ' +
    'cadetblue:5f9ea0 chartreuse:7fff00 chocolate:d2691e coral:ff7f50 cornflowerblue:6495ed cornsilk:fff8dc ' +
    'crimson:dc143c cyan:00ffff darkblue:00008b darkcyan:008b8b darkgoldenrod:b8860b darkgray:a9a9a9 ' +
    'darkgreen:006400 darkgrey:a9a9a9 darkkhaki:bdb76b darkmagenta:8b008b darkolivegreen:556b2f ' +
    'darkorange:ff8c00 darkorchid:9932cc darkred:8b0000 darksalmon:e9967a darkseagreen:8fbc8f ' +
    'darkslateblue:483d8b darkslategray:2f4f4f darkslategrey:2f4f4f darkturquoise:00ced1 darkviolet:9400d3 ' +
    'deeppink:ff1493 deepskyblue:00bfff dimgray:696969 dimgrey:696969 dodgerblue:1e90ff firebrick:b22222 ' +
    'floralwhite:fffaf0 forestgreen:228b22 fuchsia:ff00ff gainsboro:dcdcdc ghostwhite:f8f8ff gold:ffd700 ' +
    'goldenrod:daa520 gray:808080 green:008000 greenyellow:adff2f grey:808080 honeydew:f0fff0 hotpink:ff69b4 ' +
    'indianred:cd5c5c indigo:4b0082 ivory:fffff0 khaki:f0e68c lavender:e6e6fa lavenderblush:fff0f5 ' +
    'lawngreen:7cfc00 lemonchiffon:fffacd lightblue:add8e6 lightcoral:f08080 lightcyan:e0ffff ' +
    'lightgoldenrodyellow:fafad2 lightgray:d3d3d3 lightgreen:90ee90 lightgrey:d3d3d3 lightpink:ffb6c1 ' +
    'lightsalmon:ffa07a lightseagreen:20b2aa lightskyblue:87cefa lightslategray:778899 lightslategrey:778899 ' +
    'lightsteelblue:b0c4de lightyellow:ffffe0 lime:00ff00 limegreen:32cd32 linen:faf0e6 magenta:ff00ff ' +
    'maroon:800000 mediumaquamarine:66cdaa mediumblue:0000cd mediumorchid:ba55d3 mediumpurple:9370db ' +
    'mediumseagreen:3cb371 mediumslateblue:7b68ee mediumspringgreen:00fa9a mediumturquoise:48d1cc ' +
    'mediumvioletred:c71585 midnightblue:191970 mintcream:f5fffa mistyrose:ffe4e1 moccasin:ffe4b5 ' +
    'navajowhite:ffdead navy:000080 oldlace:fdf5e6 olive:808000 olivedrab:6b8e23 orange:ffa500 ' +
    'orangered:ff4500 orchid:da70d6 palegoldenrod:eee8aa palegreen:98fb98 paleturquoise:afeeee ' +
    'palevioletred:db7093 papayawhip:ffefd5 peachpuff:ffdab9 peru:cd853f pink:ffc0cb plum:dda0dd ' +
    'powderblue:b0e0e6 purple:800080 rebeccapurple:663399 red:ff0000 rosybrown:bc8f8f royalblue:4169e1 ' +
    'saddlebrown:8b4513 salmon:fa8072 sandybrown:f4a460 seagreen:2e8b57 seashell:fff5ee sienna:a0522d ' +
    'silver:c0c0c0 skyblue:87ceeb slateblue:6a5acd slategray:708090 slategrey:708090 snow:fffafa ' +
    'springgreen:00ff7f steelblue:4682b4 tan:d2b48c teal:008080 thistle:d8bfd8 tomato:ff6347 ' +
    'turquoise:40e0d0 violet:ee82ee wheat:f5deb3 white:ffffff whitesmoke:f5f5f5 yellow:ffff00 ' +
    'yellowgreen:9acd32'
  )
    .split(' ')
    .map((pair) => {
      const [name, hex] = pair.split(':') as [string, string];
      return [name, `#${hex}`];
    }),
);

// ---------------------------------------------------------------------------------------------- strict (output)

const NUMBER = String.raw`(?:\d{1,3}(?:\.\d{1,6})?|\.\d{1,6})`;
const NUMBER_OR_PERCENT = new RegExp(`^(${NUMBER})(%?)$`);

const canonicalNumber = (n: number): string => String(Number(n.toFixed(4)));

/** One rgb() channel or the alpha, written back canonically when within 0–max (or 0–100%); else null. */
function strictChannel(part: string, max: number): string | null {
  const m = NUMBER_OR_PERCENT.exec(part);
  if (!m) return null;
  const n = Number(m[1]);
  if (m[2] === '%') return n <= 100 ? `${canonicalNumber(n)}%` : null;
  return n <= max ? canonicalNumber(n) : null;
}

/**
 * A colour as the renderer writes it back into published HTML: #rgb, #rrggbb, rgb()/rgba() rebuilt from its
 * numbers, or a named colour; else null. The author's form is kept, only re-derived from what was parsed.
 */
export function sanitizeColor(value: string): string | null {
  const v = value.trim().toLowerCase();
  if (/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/.test(v)) return v;
  if (NAMED_COLOURS.has(v)) return v;
  const fn = /^(rgba?)\(([0-9.,%/ ]{1,80})\)$/.exec(v);
  if (!fn) return null;
  const inner = (fn[2] as string).trim();
  let parts: string[];
  let alphaPart: string | undefined;
  if (inner.includes(',')) {
    parts = inner.split(',').map((p) => p.trim());
    if (parts.length === 4) alphaPart = parts.pop();
  } else {
    const [colour, alpha, ...rest] = inner.split('/').map((p) => p.trim());
    if (rest.length > 0 || colour === undefined) return null;
    parts = colour.split(/ +/);
    alphaPart = alpha;
  }
  if (parts.length !== 3) return null;
  const channels = parts.map((part) => strictChannel(part, 255));
  if (channels.some((c) => c === null)) return null;
  // The three channels are all numbers or all percentages.
  if (new Set(channels.map((c) => (c as string).endsWith('%'))).size > 1) return null;
  if (alphaPart === undefined) return `rgb(${channels.join(', ')})`;
  const alpha = strictChannel(alphaPart, 1);
  return alpha === null ? null : `rgba(${channels.join(', ')}, ${alpha})`;
}

/** A font size in px (8–72) as the renderer writes it back, from px or pt (1pt = 4/3 px); else null. */
export function sanitizeFontSize(value: string): string | null {
  const m = /^(\d{1,4}(?:\.\d{1,4})?)(px|pt)$/.exec(value.trim().toLowerCase());
  if (!m) return null;
  const n = Number(m[1]);
  const px = Number((m[2] === 'pt' ? (n * 4) / 3 : n).toFixed(2));
  return px >= FONT_SIZE_MIN_PX && px <= FONT_SIZE_MAX_PX ? `${px}px` : null;
}

// ---------------------------------------------------------------------------------------------- lenient (paste)

const hex2 = (n: number): string =>
  Math.max(0, Math.min(255, Math.round(n)))
    .toString(16)
    .padStart(2, '0');

/** A channel of rgb(): 0–255 or a percentage. */
function channel(token: string): number {
  return token.endsWith('%') ? (parseFloat(token) * 255) / 100 : parseFloat(token);
}

function alphaOf(token: string | undefined): number {
  if (token === undefined) return 1;
  return token.endsWith('%') ? parseFloat(token) / 100 : parseFloat(token);
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [f(0) * 255, f(8) * 255, f(4) * 255];
}

/**
 * Any CSS colour a pasted document may carry, as #rrggbb lower case; undefined when the value is not a colour we
 * can use (transparent, inherit, currentcolor, auto, a colour with alpha 0, garbage).
 */
export function colourToHex(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  if (v.startsWith('#')) {
    const hex = v.slice(1);
    if (!/^[0-9a-f]+$/.test(hex)) return undefined;
    if (hex.length === 3 || hex.length === 4) {
      if (hex.length === 4 && hex[3] === '0') return undefined;
      return `#${hex[0]}${hex[0]}${hex[1]}${hex[1]}${hex[2]}${hex[2]}`;
    }
    if (hex.length === 6 || hex.length === 8) {
      if (hex.length === 8 && hex.slice(6) === '00') return undefined;
      return `#${hex.slice(0, 6)}`;
    }
    return undefined;
  }
  const fn = /^(rgba?|hsla?)\(\s*([^)]*)\)$/.exec(v);
  if (fn) {
    const args = (fn[2] ?? '').split(/[\s,/]+/).filter(Boolean);
    if (args.length < 3) return undefined;
    if (alphaOf(args[3]) <= 0) return undefined;
    if (fn[1]!.startsWith('rgb')) {
      const [r, g, b] = args.slice(0, 3).map(channel) as [number, number, number];
      if ([r, g, b].some((n) => Number.isNaN(n))) return undefined;
      return `#${hex2(r)}${hex2(g)}${hex2(b)}`;
    }
    const h = parseFloat(args[0]!);
    const s = parseFloat(args[1]!) / 100;
    const l = parseFloat(args[2]!) / 100;
    if ([h, s, l].some((n) => Number.isNaN(n))) return undefined;
    const [r, g, b] = hslToRgb(((h % 360) + 360) % 360, Math.max(0, Math.min(1, s)), Math.max(0, Math.min(1, l)));
    return `#${hex2(r)}${hex2(g)}${hex2(b)}`;
  }
  // Word writes the (deprecated) system colour windowtext for automatic black text.
  return v === 'windowtext' ? '#000000' : NAMED_COLOURS.get(v);
}

const SIZE_KEYWORDS_PX = new Map<string, number>([
  ['xx-small', 9],
  ['x-small', 10],
  ['small', 13],
  ['medium', 16],
  ['large', 18],
  ['x-large', 24],
  ['xx-large', 32],
  ['xxx-large', 48],
]);

const SIZE_RE = /^(\d*\.?\d+)(pt|px|em|rem|%|pc|in|cm|mm|q|ex|ch)$/;

/**
 * Any CSS font-size, in pt. `null`: relative (em, %, smaller…) with no known parent size to resolve against;
 * `undefined`: not a size (inherit, garbage).
 */
export function fontSizeInPt(value: string, parentPt: number | null): number | null | undefined {
  const v = value.trim().toLowerCase();
  const keyword = SIZE_KEYWORDS_PX.get(v);
  if (keyword !== undefined) return keyword * 0.75;
  if (v === 'smaller' || v === 'larger')
    return parentPt === null ? null : v === 'larger' ? parentPt * 1.2 : parentPt / 1.2;
  const m = SIZE_RE.exec(v.replace(/\s+/g, ''));
  if (!m) return undefined;
  const n = parseFloat(m[1]!);
  if (!(n > 0)) return undefined;
  switch (m[2]) {
    case 'pt':
      return n;
    case 'px':
      return n * 0.75;
    case 'pc':
      return n * 12;
    case 'in':
      return n * 72;
    case 'cm':
      return (n * 72) / 2.54;
    case 'mm':
      return (n * 72) / 25.4;
    case 'q':
      return (n * 18) / 25.4;
    case 'rem':
      return n * 12; // against the browser's 16px root
    case 'em':
      return parentPt === null ? null : parentPt * n;
    case '%':
      return parentPt === null ? null : (parentPt * n) / 100;
    default: // ex, ch: about half an em
      return parentPt === null ? null : parentPt * n * 0.5;
  }
}

/** A size in pt as the whole px an article uses: Math.round(pt * 4 / 3), clamped to 8–72. */
export function ptToPx(pt: number): number {
  return Math.max(FONT_SIZE_MIN_PX, Math.min(FONT_SIZE_MAX_PX, Math.round((pt * 4) / 3)));
}
