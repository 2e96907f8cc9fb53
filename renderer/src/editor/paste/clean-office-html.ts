import { TEXT_FORMAT } from '../../../../shared/render/body-nodes';
import { colourToHex, fontSizeInPt, ptToPx } from '../../../../shared/style/css-values';
import { escapeHtml, escapeText } from '../../../../shared/text/escape-html';

/**
 * Clipboard HTML from Microsoft Word, Google Docs, LibreOffice or a web page, reduced to the small canonical
 * vocabulary the editor's importer (import-clean-html.ts) reads:
 *
 *   p (style="text-align: center|right|justify" when not left), h2, h3, blockquote — also aligned the same way,
 *   ul / ol with li (a nested list sits INSIDE its parent li, after the item's text; style="list-style-type: …"
 *   when the numbering is not the default: lower-alpha, lower-roman, circle…),
 *   table with an optional caption, tr, and th / td (colspan, rowspan) holding blocks of this same vocabulary
 *   (a table nested in a cell becomes its cells' paragraphs),
 *   strong, em, u, s, sub, sup, a href (http, https, mailto), br,
 *   span style="color: #rrggbb; font-size: Npx" (either part alone when the other is default).
 *
 * Everything else is dropped. Nothing from the source is copied through as markup: the output is written from
 * scratch from a walk over the parsed clipboard document, so classes, ids, mso-* styles, fonts, event handlers
 * and unknown attributes cannot survive. The walk is one pass over the DOM with an explicit stack (no recursion,
 * no querySelectorAll inside loops) and the output is joined once from an array, so the time is linear in the
 * size of the paste.
 *
 * Semantics are "what a browser would show": whitespace collapses like CSS `white-space: normal` (preserved under
 * pre / pre-wrap, which Google Docs uses), hidden text (display:none, mso-hide:all) is dropped, a trailing <br>
 * that a browser would not draw is dropped, and inline formatting is inherited the way CSS inherits it.
 * The importer takes text literally (like Lexical, which shows text as pre-wrap), so the output text is exactly
 * what should be displayed: a lone &nbsp; between words becomes a plain space, a run of several visible spaces
 * stays as &nbsp; characters.
 */

export type ClipboardSource = 'word' | 'google-docs' | 'other';

export interface CleanClipboardResult {
  html: string;
  source: ClipboardSource;
}

const BOLD = TEXT_FORMAT.bold;
const ITALIC = TEXT_FORMAT.italic;
const STRIKE = TEXT_FORMAT.strikethrough;
const UNDERLINE = TEXT_FORMAT.underline;
const SUB = TEXT_FORMAT.subscript;
const SUP = TEXT_FORMAT.superscript;

/** Word's body text sizes in px (11.5pt to 14pt): pasted without a size. */
const WORD_BODY_PX = [15, 19] as const;
/** Google Docs' default text size: 11pt text carries no size of its own after cleaning. */
const GOOGLE_DOCS_DEFAULT_PT = 11;

type Align = '' | 'center' | 'right' | 'justify';
/** 0: white-space normal (collapse), 1: pre / pre-wrap (keep spaces and newlines), 2: pre-line (keep newlines). */
type WhiteSpace = 0 | 1 | 2;

interface Link {
  href: string;
}

/** The inherited formatting at one point of the walk; immutable, shared until an element changes something. */
interface Ctx {
  fmt: number;
  /** #rrggbb or null (none / black). */
  color: string | null;
  /** The computed size in pt, when known (to resolve em and %). */
  pt: number | null;
  /** The size to write, in px: rounded, clamped, null when unknown or the document's default. */
  px: number | null;
  link: Link | null;
  ws: WhiteSpace;
  align: Align;
}

const TEXT = 0;
const BREAK = 1;

interface TextRun {
  kind: typeof TEXT;
  parts: string[];
  fmt: number;
  color: string | null;
  px: number | null;
  link: Link | null;
}

interface BreakRun {
  kind: typeof BREAK;
  link: Link | null;
}

type Inline = TextRun | BreakRun;

interface FinalRun {
  kind: typeof TEXT;
  text: string;
  fmt: number;
  color: string | null;
  px: number | null;
  link: Link | null;
}

type FinalInline = FinalRun | BreakRun;

/** Something that collects inline content: a block or a list item. */
interface Sink {
  inl: Inline[];
  /** The last thing written is a collapsible space (or nothing yet / a line break): a following space is dropped. */
  lastSpace: boolean;
}

interface WordListRef {
  id: string;
  level: number;
  lfo: string;
}

interface Block extends Sink {
  t: 'block';
  tag: 'p' | 'h2' | 'h3' | 'blockquote';
  align: Align;
  word: WordListRef | null;
  marker: string;
}

interface Item extends Sink {
  lists: List[];
}

interface List {
  t: 'list';
  ordered: boolean;
  /** A list-style-type other than the list's default (decimal, disc), or null. */
  styleType: ListStyle | null;
  items: Item[];
}

interface Cell {
  header: boolean;
  colSpan: number;
  rowSpan: number;
  /** The cell's content, cleaned like a paste of its own. */
  html: string;
}

interface Table {
  t: 'table';
  caption: string;
  rows: Cell[][];
}

type TopNode = Block | List | Table;

/**
 * Lists nest at most this deep (Word's own limit is 9 levels). A paste is untrusted: a list nested deeper continues
 * the deepest one, its items kept in order, so no paste yields a body nested past what an article may hold
 * (shared/render/body-nodes.ts) or a walk over it that recurses as deep as the paste.
 */
export const MAX_LIST_NESTING = 9;

type Container =
  | { k: 'root' }
  | { k: 'quote'; block: Block | null; pendingBreak: boolean; align: Align }
  | { k: 'list'; list: List; pendingBreak: boolean; depth: number }
  | { k: 'item'; item: Item; pendingBreak: boolean };

/** Elements dropped with everything inside them. */
const DROP = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'canvas',
  'svg',
  'math',
  'video',
  'audio',
  'picture',
  'img',
  'image',
  'source',
  'track',
  'map',
  'area',
  'meta',
  'link',
  'title',
  'head',
  'base',
  'xml',
  'input',
  'button',
  'select',
  'textarea',
  'option',
  'optgroup',
  'datalist',
  'output',
  'progress',
  'meter',
  'dialog',
  'param',
  'rp',
  'rt',
  'colgroup',
  'col',
  'portal',
  'fencedframe',
  'basefont',
  'bgsound',
  'keygen',
  'wbr',
  'slot',
]);

/** Elements that end the current paragraph and start a new one (their text becomes paragraphs). */
const BLOCKS = new Set([
  'p',
  'div',
  'address',
  'center',
  'article',
  'section',
  'header',
  'footer',
  'nav',
  'main',
  'aside',
  'figure',
  'figcaption',
  'dl',
  'dt',
  'dd',
  'pre',
  'listing',
  'xmp',
  'plaintext',
  'fieldset',
  'legend',
  'form',
  'details',
  'summary',
  'hgroup',
  'search',
  'body',
  'html',
  'hr',
  // A table nested in a table's cell: each of its cells (and its caption) becomes its own paragraph(s), row by row,
  // left to right, so no text is lost (the editor keeps one level of tables).
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
]);

// Maps, not object literals: a tag or value named 'constructor' or '__proto__' must not find Object's members.
const HEADINGS = new Map<string, 'h2' | 'h3'>([
  ['h1', 'h2'],
  ['h2', 'h2'],
  ['h3', 'h3'],
  ['h4', 'h3'],
  ['h5', 'h3'],
  ['h6', 'h3'],
]);

/** List elements → ordered. */
const LIST_TAGS = new Map<string, boolean>([
  ['ul', false],
  ['ol', true],
  ['menu', false],
  ['dir', false],
]);

const BULLET_STYLES = new Set(['disc', 'circle', 'square', 'none', 'disclosure-open', 'disclosure-closed']);

type ListStyle =
  'lower-alpha' | 'upper-alpha' | 'lower-roman' | 'upper-roman' | 'decimal' | 'disc' | 'circle' | 'square';

/** list-style-type values kept (the others fall back to the list's default); latin is CSS's other name for alpha. */
const LIST_STYLES = new Map<string, ListStyle>([
  ['lower-alpha', 'lower-alpha'],
  ['lower-latin', 'lower-alpha'],
  ['upper-alpha', 'upper-alpha'],
  ['upper-latin', 'upper-alpha'],
  ['lower-roman', 'lower-roman'],
  ['upper-roman', 'upper-roman'],
  ['decimal', 'decimal'],
  ['disc', 'disc'],
  ['circle', 'circle'],
  ['square', 'square'],
]);

/** Word's mso-level-number-format names, as list-style-type. */
const WORD_NUMBER_FORMATS = new Map<string, ListStyle>([
  ['alpha-lower', 'lower-alpha'],
  ['alpha-upper', 'upper-alpha'],
  ['roman-lower', 'lower-roman'],
  ['roman-upper', 'upper-roman'],
]);

/** The <ol type> attribute's values. */
const OL_TYPES = new Map<string, ListStyle>([
  ['a', 'lower-alpha'],
  ['A', 'upper-alpha'],
  ['i', 'lower-roman'],
  ['I', 'upper-roman'],
  ['1', 'decimal'],
]);

/** A style the list shows anyway (decimal for numbers, disc for bullets) is not written. */
function nonDefaultStyle(style: ListStyle | undefined, ordered: boolean): ListStyle | null {
  if (!style) return null;
  return style === (ordered ? 'decimal' : 'disc') ? null : style;
}

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

// ---------------------------------------------------------------------------------------------------------------
// CSS values

/** Declarations of a style attribute, property names lower case, the last one winning (as in CSS). */
function parseStyle(style: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of style.split(';')) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    const name = part.slice(0, colon).trim().toLowerCase();
    let value = part.slice(colon + 1).trim();
    if (value.endsWith('!important')) value = value.slice(0, -10).trim();
    if (name && value) out.set(name, value);
  }
  return out;
}

/** The legacy <font size=1..7> scale, in px. */
const FONT_TAG_PX = [10, 10, 13, 16, 18, 24, 32, 48];

function fontTagSize(value: string): number | undefined {
  const v = value.trim();
  const m = /^([+-]?)(\d)$/.exec(v);
  if (!m) return undefined;
  let n = Number(m[2]);
  if (m[1] === '+') n = 3 + n;
  else if (m[1] === '-') n = 3 - n;
  n = Math.max(1, Math.min(7, n));
  return FONT_TAG_PX[n]! * 0.75;
}

function alignOf(value: string): Align | undefined {
  switch (value.trim().toLowerCase()) {
    case 'left':
    case 'start':
    case '-webkit-left':
      return '';
    case 'center':
    case 'middle':
    case '-webkit-center':
      return 'center';
    case 'right':
    case 'end':
    case '-webkit-right':
      return 'right';
    case 'justify':
      return 'justify';
    default:
      return undefined;
  }
}

function weightIsBold(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'bold' || v === 'bolder') return true;
  if (v === 'normal' || v === 'lighter') return false;
  const n = Number(v);
  return Number.isFinite(n) && v !== '' ? n >= 600 : undefined;
}

/** A safe link target or null: http(s) and mailto only, after the whitespace a URL parser would ignore. */
export function allowedHref(raw: string | null): string | null {
  if (!raw) return null;
  // The URL parser strips leading/trailing C0 controls and spaces, and tabs/newlines anywhere.

  const href = raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  if (!/^(https?:\/\/|mailto:)/i.test(href)) return null;
  try {
    const url = new URL(href);
    return ALLOWED_PROTOCOLS.has(url.protocol) ? href : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Word's style sheet: list level definitions and the Normal style's size

interface WordStyles {
  /** 'l0:1' → the level's mso-level-number-format (lower case), '' when the level exists without one. */
  levels: Map<string, string>;
  normalPt: number | null;
}

function readWordStyles(root: ParentNode): WordStyles {
  const sheets = root.querySelectorAll('style');
  const texts: string[] = [];
  for (let i = 0; i < sheets.length; i++) texts.push(sheets[i]!.textContent ?? '');
  const css = texts.join('\n');
  const levels = new Map<string, string>();
  const listRe = /@list\s+(l\d+)\s*:\s*level(\d+)\s*\{([^}]*)\}/gi;
  for (let m = listRe.exec(css); m; m = listRe.exec(css)) {
    const decl = parseStyle(m[3]!);
    levels.set(`${m[1]!.toLowerCase()}:${Number(m[2])}`, (decl.get('mso-level-number-format') ?? '').toLowerCase());
  }
  let normalPt: number | null = null;
  const normal = /p\.MsoNormal\b[^{]*\{([^}]*)\}/i.exec(css);
  if (normal) {
    const size = parseStyle(normal[1]!).get('font-size');
    const pt = size ? fontSizeInPt(size, null) : undefined;
    if (typeof pt === 'number') normalPt = pt;
  }
  return { levels, normalPt };
}

/** A list marker that is a number or letter ("1.", "2)", "a.", "iv.", "(b)", "1.2.3") rather than a symbol. */
const NUMBER_MARKER = /^[([]?(?:\d+(?:\.\d+)*\.?|(?:[ivxlcdm]+|[a-z]{1,2})[.)\]])[)\]]?$/i;

function wordListOrdered(ref: WordListRef, marker: string, styles: WordStyles): boolean {
  const format = styles.levels.get(`${ref.id}:${ref.level}`);
  if (format === 'bullet' || format === 'none') return false;
  const m =
    marker
      .replace(/[\s\u00a0]+/g, ' ')
      .trim()
      .split(' ')[0] ?? '';
  if (m) return NUMBER_MARKER.test(m);
  // No marker text: a defined level without a format is Word's default, decimal.
  return format !== undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// The walk

const COLLAPSIBLE = /[ \t\n\r\f]+/g;
/** A single no-break space between two visible characters shows as an ordinary space. */
const LONE_NBSP = /(?<=[^ \u00a0])\u00a0(?=[^ \u00a0])/g;

const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;

const HAS_CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;
/** Whitespace that collapses: a tab, a line break, or two spaces in a row. */
const HAS_COLLAPSIBLE = /[\t\n\r\f]| {2}/;

function newBlock(tag: Block['tag'], align: Align): Block {
  return { t: 'block', tag, align, inl: [], lastSpace: true, word: null, marker: '' };
}

function newItem(): Item {
  return { inl: [], lastSpace: true, lists: [] };
}

function lastOf<T>(array: T[]): T | undefined {
  return array[array.length - 1];
}

/**
 * DOM reads that a hostile paste cannot clobber: a <form> exposes its named controls as properties, so
 * <form><input name="tagName"> would turn form.tagName into an element. The walk reads through the realm's
 * Node and Element prototypes instead (plain property reads where a prototype is not there to use).
 */
interface Dom {
  firstChild: (node: Node) => Node | null;
  nextSibling: (node: Node) => Node | null;
  nodeType: (node: Node) => number;
  tagName: (el: Element) => string;
  attr: (el: Element, name: string) => string | null;
  hasAttr: (el: Element, name: string) => boolean;
}

function domAccess(doc: Document): Dom {
  const realm = doc.defaultView ?? globalThis;
  const nodeProto: object | undefined = realm.Node?.prototype;
  const elementProto: object | undefined = realm.Element?.prototype;
  // The prototype's own getters, called on each node with `.call`: unbound on purpose.
  const getter = (proto: object | undefined, name: string): ((this: unknown) => unknown) | undefined =>
    // eslint-disable-next-line @typescript-eslint/unbound-method
    proto ? Object.getOwnPropertyDescriptor(proto, name)?.get : undefined;
  const method = (
    proto: object | undefined,
    name: string,
  ): ((this: unknown, ...args: unknown[]) => unknown) | undefined => {
    const value: unknown = proto ? Object.getOwnPropertyDescriptor(proto, name)?.value : undefined;
    return typeof value === 'function' ? (value as (this: unknown, ...args: unknown[]) => unknown) : undefined;
  };
  const firstChild = getter(nodeProto, 'firstChild');
  const nextSibling = getter(nodeProto, 'nextSibling');
  const nodeType = getter(nodeProto, 'nodeType');
  const tagName = getter(elementProto, 'tagName');
  const getAttribute = method(elementProto, 'getAttribute');
  const hasAttribute = method(elementProto, 'hasAttribute');
  return {
    firstChild: firstChild ? (node) => firstChild.call(node) as Node | null : (node) => node.firstChild,
    nextSibling: nextSibling ? (node) => nextSibling.call(node) as Node | null : (node) => node.nextSibling,
    nodeType: nodeType ? (node) => nodeType.call(node) as number : (node) => node.nodeType,
    tagName: tagName ? (el) => String(tagName.call(el)) : (el) => String(el.tagName),
    attr: getAttribute
      ? (el, name) => getAttribute.call(el, name) as string | null
      : (el, name) => el.getAttribute(name),
    hasAttr: hasAttribute ? (el, name) => Boolean(hasAttribute.call(el, name)) : (el, name) => el.hasAttribute(name),
  };
}

interface Frame {
  node: Node | null;
  ctx: Ctx;
  exit: (() => void) | null;
}

class Walker {
  readonly out: TopNode[] = [];
  private readonly stack: Container[] = [{ k: 'root' }];
  private cur: Block | null = null;
  /** Inside Word's <![if !supportLists]> … <![endif]>: the list marker, not text. */
  private skipMarker = false;
  /** Inside spans with mso-list:Ignore: also the marker. */
  private ignoreDepth = 0;
  private marker: string[] = [];
  /** The walk still to do: a stack of frames, so that it can stop between two nodes and go on later. */
  private frames: Frame[] = [];

  constructor(
    /** Sizes that are the document's body text, written without a size (the portal's own body size applies). */
    private readonly isBodySize: (px: number) => boolean,
    private readonly dom: Dom,
    /** Cleans a table cell's content as a paste of its own; null inside a cell (a nested table becomes text). */
    private readonly cleanCell: ((cell: Element, ctx: Ctx) => string) | null,
  ) {}

  private get top(): Container {
    return this.stack[this.stack.length - 1]!;
  }

  // --- sinks ---

  /** The sink that inline content goes to, without creating one (null: nothing open, or a break is pending). */
  private peekSink(): Sink | null {
    const c = this.top;
    switch (c.k) {
      case 'root':
        return this.cur;
      case 'quote':
        return c.pendingBreak ? null : c.block;
      case 'list':
        return c.pendingBreak ? null : (lastOf(c.list.items) ?? null);
      case 'item':
        return c.pendingBreak ? null : c.item;
    }
  }

  /** The sink for inline content, opening a paragraph (or quote, or item) as needed. */
  private sink(ctx: Ctx): Sink {
    const c = this.top;
    switch (c.k) {
      case 'root':
        if (!this.cur) {
          this.cur = newBlock('p', ctx.align);
          this.out.push(this.cur);
        }
        return this.cur;
      case 'quote':
        if (!c.block) {
          c.block = newBlock('blockquote', c.align);
          this.out.push(c.block);
        } else if (c.pendingBreak && c.block.inl.length > 0) {
          c.block.inl.push({ kind: BREAK, link: null });
          c.block.lastSpace = true;
        }
        c.pendingBreak = false;
        return c.block;
      case 'list': {
        let item = lastOf(c.list.items);
        if (!item) {
          item = newItem();
          c.list.items.push(item);
        } else if (c.pendingBreak && item.inl.length > 0) {
          item.inl.push({ kind: BREAK, link: null });
          item.lastSpace = true;
        }
        c.pendingBreak = false;
        return item;
      }
      case 'item':
        if (c.pendingBreak && c.item.inl.length > 0) {
          c.item.inl.push({ kind: BREAK, link: null });
          c.item.lastSpace = true;
        }
        c.pendingBreak = false;
        return c.item;
    }
  }

  // --- structure ---

  private blockStart(tag: Block['tag'], align: Align, word: WordListRef | null): void {
    const c = this.top;
    if (c.k === 'root') {
      this.cur = newBlock(tag, align);
      this.cur.word = word;
      this.out.push(this.cur);
      this.marker = [];
      this.skipMarker = false;
    } else {
      c.pendingBreak = true;
    }
  }

  private blockEnd(): void {
    const c = this.top;
    if (c.k === 'root') {
      if (this.cur && this.marker.length > 0) this.cur.marker = this.marker.join('');
      this.cur = null;
      this.marker = [];
      this.skipMarker = false;
    } else {
      c.pendingBreak = true;
    }
  }

  /** The list frame nearest the top of the stack (items and lists alternate, so this is a step or two down). */
  private innermostList(): Extract<Container, { k: 'list' }> | null {
    for (let i = this.stack.length - 1; i > 0; i--) {
      const frame = this.stack[i]!;
      if (frame.k === 'list') return frame;
      if (frame.k !== 'item') return null;
    }
    return null;
  }

  private listStart(ordered: boolean, styleType: ListStyle | null): void {
    const enclosing = this.innermostList();
    if (enclosing && enclosing.depth >= MAX_LIST_NESTING) {
      this.stack.push({ k: 'list', list: enclosing.list, pendingBreak: false, depth: enclosing.depth });
      return;
    }
    const list: List = { t: 'list', ordered, styleType, items: [] };
    const c = this.top;
    switch (c.k) {
      case 'root':
        this.cur = null;
        this.out.push(list);
        break;
      case 'quote':
        c.block = null;
        c.pendingBreak = false;
        this.out.push(list);
        break;
      case 'item':
        c.item.lists.push(list);
        c.pendingBreak = true;
        break;
      case 'list': {
        // Google Docs: a sub-list is a sibling of the items inside the parent list; it belongs to the item before.
        let item = lastOf(c.list.items);
        if (!item) {
          item = newItem();
          c.list.items.push(item);
        }
        item.lists.push(list);
        c.pendingBreak = true;
        break;
      }
    }
    this.stack.push({ k: 'list', list, pendingBreak: false, depth: (enclosing?.depth ?? 0) + 1 });
  }

  private itemStart(): boolean {
    const c = this.top;
    if (c.k !== 'list') return false;
    const item = newItem();
    c.list.items.push(item);
    this.stack.push({ k: 'item', item, pendingBreak: false });
    return true;
  }

  private quoteStart(align: Align): boolean {
    if (this.top.k !== 'root') return false;
    this.cur = null;
    this.stack.push({ k: 'quote', block: null, pendingBreak: false, align });
    return true;
  }

  private pop(): void {
    if (this.stack.length > 1) this.stack.pop();
  }

  // --- content ---

  private pushText(sink: Sink, text: string, ctx: Ctx): void {
    const last = lastOf(sink.inl);
    if (
      last &&
      last.kind === TEXT &&
      last.fmt === ctx.fmt &&
      last.color === ctx.color &&
      last.px === ctx.px &&
      last.link === ctx.link
    ) {
      last.parts.push(text);
    } else {
      sink.inl.push({ kind: TEXT, parts: [text], fmt: ctx.fmt, color: ctx.color, px: ctx.px, link: ctx.link });
    }
  }

  private lineBreak(ctx: Ctx): void {
    if (this.skipMarker || this.ignoreDepth > 0) return;
    const sink = this.sink(ctx);
    sink.inl.push({ kind: BREAK, link: ctx.link });
    sink.lastSpace = true;
  }

  text(raw: string, ctx: Ctx): void {
    if (this.skipMarker || this.ignoreDepth > 0) {
      this.marker.push(raw);
      return;
    }
    let text = HAS_CONTROL.test(raw) ? raw.replace(CONTROL, '') : raw;
    if (ctx.ws === 0) {
      if (HAS_COLLAPSIBLE.test(text)) text = text.replace(COLLAPSIBLE, ' ');
      if (text === '') return;
      if (text === ' ') {
        const open = this.peekSink();
        if (!open || open.lastSpace) return;
        this.pushText(open, ' ', ctx);
        open.lastSpace = true;
        return;
      }
      const sink = this.sink(ctx);
      if (sink.lastSpace && text.charCodeAt(0) === 32) text = text.slice(1);
      if (text.includes('\u00a0')) text = text.replace(LONE_NBSP, ' ');
      sink.lastSpace = text.charCodeAt(text.length - 1) === 32;
      this.pushText(sink, text, ctx);
      return;
    }
    // pre / pre-wrap / pre-line: newlines are line breaks.
    text = text.replace(/\r\n?/g, '\n');
    if (/^[\s\u00a0]*$/.test(text) && !this.peekSink()) return;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (i > 0) this.lineBreak(ctx);
      let line = lines[i]!;
      if (ctx.ws === 2) {
        line = line.replace(COLLAPSIBLE, ' ');
        const open = this.peekSink();
        if (line === ' ' && (!open || open.lastSpace)) continue;
      } else {
        line = line.replace(/[\t\f]/g, ' ');
      }
      if (line === '') continue;
      const sink = this.sink(ctx);
      if (ctx.ws === 2 && sink.lastSpace && line.charCodeAt(0) === 32) line = line.slice(1);
      if (line === '') continue;
      sink.lastSpace = ctx.ws === 2 && line.charCodeAt(line.length - 1) === 32;
      this.pushText(sink, line, ctx);
    }
  }

  comment(data: string): void {
    const d = data.trim();
    if (/^\[if\s+!supportLists\]$/i.test(d)) this.skipMarker = true;
    else if (/^\[endif\]$/i.test(d)) this.skipMarker = false;
  }

  // --- elements ---

  private derive(el: Element, tag: string, decl: Map<string, string> | null, ctx: Ctx, block: boolean): Ctx {
    let { fmt, color, pt, link, ws, align } = ctx;
    switch (tag) {
      case 'b':
      case 'strong':
        // Google Docs wraps the whole fragment in <b style="font-weight:normal" id="docs-internal-guid-…">.
        if (!(this.dom.attr(el, 'id') ?? '').startsWith('docs-internal-guid')) fmt |= BOLD;
        break;
      case 'i':
      case 'em':
      case 'cite':
      case 'dfn':
      case 'var':
        fmt |= ITALIC;
        break;
      case 'u':
      case 'ins':
        fmt |= UNDERLINE;
        break;
      case 's':
      case 'strike':
      case 'del':
        fmt |= STRIKE;
        break;
      case 'sub':
        fmt = (fmt & ~SUP) | SUB;
        break;
      case 'sup':
        fmt = (fmt & ~SUB) | SUP;
        break;
      case 'font': {
        const c = this.dom.attr(el, 'color');
        const colour = c ? colourToHex(c) : undefined;
        if (colour !== undefined) color = colour;
        const size = this.dom.attr(el, 'size');
        const fontPt = size ? fontTagSize(size) : undefined;
        if (fontPt !== undefined) pt = fontPt;
        break;
      }
      case 'a':
        if (!link) {
          const href = allowedHref(this.dom.attr(el, 'href'));
          if (href) link = { href };
        }
        break;
      case 'pre':
      case 'listing':
      case 'xmp':
      case 'plaintext':
        ws = 1;
        break;
      case 'center':
        align = 'center';
        break;
      case 'td':
      case 'th':
        align = '';
        break;
    }
    if (block && tag !== 'table') {
      const attr = this.dom.attr(el, 'align');
      const a = attr ? alignOf(attr) : undefined;
      if (a !== undefined) align = a;
    }
    if (decl) {
      const font = decl.get('font');
      if (font) {
        // The shorthand resets weight and style; its size is the token with a unit, before any '/line-height'.
        let bold = false;
        let italic = false;
        for (const token of font.toLowerCase().split(/\s+/)) {
          const size = fontSizeInPt(token.split('/')[0]!, pt);
          if (size !== undefined) {
            pt = size;
            break;
          }
          if (token === 'italic' || token === 'oblique') italic = true;
          else if (weightIsBold(token)) bold = true;
        }
        fmt = bold ? fmt | BOLD : fmt & ~BOLD;
        fmt = italic ? fmt | ITALIC : fmt & ~ITALIC;
      }
      const weight = decl.get('font-weight');
      if (weight) {
        const bold = weightIsBold(weight);
        if (bold === true) fmt |= BOLD;
        else if (bold === false) fmt &= ~BOLD;
      }
      const style = decl.get('font-style');
      if (style) {
        const s = style.toLowerCase();
        if (s.startsWith('italic') || s.startsWith('oblique')) fmt |= ITALIC;
        else if (s === 'normal') fmt &= ~ITALIC;
      }
      // text-decoration does not inherit but propagates: 'none' on a child does not remove a parent's line.
      const decoration = `${decl.get('text-decoration') ?? ''} ${decl.get('text-decoration-line') ?? ''}`.toLowerCase();
      if (decoration.includes('underline')) fmt |= UNDERLINE;
      if (decoration.includes('line-through')) fmt |= STRIKE;
      const vertical = decl.get('vertical-align')?.toLowerCase();
      if (vertical === 'sub') fmt = (fmt & ~SUP) | SUB;
      else if (vertical === 'super') fmt = (fmt & ~SUB) | SUP;
      const c = decl.get('color');
      if (c) {
        const colour = colourToHex(c);
        if (colour !== undefined) color = colour;
      }
      const size = decl.get('font-size');
      if (size) {
        const next = fontSizeInPt(size, pt);
        if (next !== undefined) pt = next;
      }
      const space = decl.get('white-space')?.toLowerCase();
      if (space) {
        if (space === 'pre' || space === 'pre-wrap' || space === 'break-spaces') ws = 1;
        else if (space === 'pre-line') ws = 2;
        else if (space === 'normal' || space === 'nowrap') ws = 0;
      }
      if (block) {
        const a = decl.get('text-align');
        const value = a ? alignOf(a) : undefined;
        if (value !== undefined) align = value;
      }
    }
    // Black is the page's own text colour; a colour too light to read on the page's white vanishes (its background,
    // a cell's or a highlight's, is never kept).
    if (color === '#000000' || (color !== null && vanishesOnWhite(color))) color = null;
    if (
      fmt === ctx.fmt &&
      color === ctx.color &&
      pt === ctx.pt &&
      link === ctx.link &&
      ws === ctx.ws &&
      align === ctx.align
    )
      return ctx;
    let px = pt === ctx.pt ? ctx.px : pt === null ? null : ptToPx(pt);
    if (px !== null && this.isBodySize(px)) px = null;
    return { fmt, color, pt, px, link, ws, align };
  }

  /** Enter an element: the context for its children and what to do after them, or null to skip it whole. */
  enter(el: Element, ctx: Ctx): { ctx: Ctx; exit: (() => void) | null } | null {
    // tagName, not localName: happy-dom gives <o:p> the localName 'p'.
    const tag = this.dom.tagName(el).toLowerCase();
    // Namespaced elements (o:p, st1:place, w:*, v:*, m:*): unwrapped, their text kept.
    if (tag.includes(':')) return { ctx, exit: null };
    if (DROP.has(tag)) return null;
    if (this.dom.hasAttr(el, 'hidden')) return null;
    const styleAttr = this.dom.attr(el, 'style');
    const decl = styleAttr ? parseStyle(styleAttr) : null;
    if (decl) {
      if (decl.get('display')?.toLowerCase() === 'none') return null;
      if (decl.get('mso-hide')?.toLowerCase() === 'all') return null;
    }

    if (tag === 'br') {
      if (/\bApple-interchange-newline\b/.test(this.dom.attr(el, 'class') ?? '')) return null;
      if (
        decl?.get('page-break-before')?.toLowerCase() === 'always' ||
        decl?.get('mso-special-character')?.toLowerCase() === 'page-break'
      ) {
        this.blockEnd();
        return null;
      }
      this.lineBreak(ctx);
      return null;
    }
    if (tag === 'hr') {
      this.blockEnd();
      return null;
    }

    const heading = HEADINGS.get(tag);
    const ordered = LIST_TAGS.get(tag);
    const isBlock =
      heading !== undefined || ordered !== undefined || tag === 'li' || tag === 'blockquote' || BLOCKS.has(tag);
    const next = this.derive(el, tag, decl, ctx, isBlock);

    let exit: (() => void) | null = null;
    if (decl?.get('mso-list')?.toLowerCase() === 'ignore') {
      this.ignoreDepth++;
      exit = () => {
        this.ignoreDepth--;
      };
    }
    const then = (after: () => void): void => {
      const first = exit;
      exit = first
        ? () => {
            after();
            first();
          }
        : after;
    };

    if (!isBlock) return { ctx: next, exit };

    if (tag === 'table' && this.cleanCell) {
      this.table(el, next);
      exit?.();
      return null;
    }

    if (ordered !== undefined) {
      const styleType = decl?.get('list-style-type')?.toLowerCase();
      const isOrdered = styleType ? !BULLET_STYLES.has(styleType) : ordered;
      const type = this.dom.attr(el, 'type');
      const style = LIST_STYLES.get(styleType ?? '') ?? (isOrdered && type ? OL_TYPES.get(type) : undefined);
      this.listStart(isOrdered, nonDefaultStyle(style, isOrdered));
      then(() => this.pop());
    } else if (tag === 'li') {
      // Google Docs writes the numbering style on each item, not on the list.
      const top = this.top;
      const itemStyle = LIST_STYLES.get(decl?.get('list-style-type')?.toLowerCase() ?? '');
      if (top.k === 'list' && top.list.items.length === 0 && itemStyle && !top.list.styleType)
        top.list.styleType = nonDefaultStyle(itemStyle, top.list.ordered);
      if (this.itemStart()) then(() => this.pop());
      else {
        this.blockStart('p', next.align, null);
        then(() => this.blockEnd());
      }
    } else if (tag === 'blockquote') {
      if (this.quoteStart(next.align)) then(() => this.pop());
      else {
        this.blockStart('p', next.align, null);
        then(() => this.blockEnd());
      }
    } else {
      const word = tag === 'p' || heading ? wordListRef(decl) : null;
      this.blockStart(heading ?? 'p', next.align, word);
      then(() => this.blockEnd());
    }
    return { ctx: next, exit };
  }

  /**
   * A table with its rows and cells (in thead, tbody, tfoot or straight in the table), each cell cleaned as a paste
   * of its own; it goes after whatever block is open (a table cannot sit in a list item or a quote).
   */
  private table(el: Element, ctx: Ctx): void {
    const dom = this.dom;
    const table: Table = { t: 'table', caption: '', rows: [] };
    const cleanCell = this.cleanCell!;
    const row = (tr: Element, inHead: boolean): void => {
      const cells: Cell[] = [];
      for (let child = dom.firstChild(tr); child; child = dom.nextSibling(child)) {
        if (dom.nodeType(child) !== 1) continue;
        const cell = child as Element;
        const tag = dom.tagName(cell).toLowerCase();
        if (tag !== 'td' && tag !== 'th') continue;
        const styleAttr = dom.attr(cell, 'style');
        const decl = styleAttr ? parseStyle(styleAttr) : null;
        if (decl?.get('display')?.toLowerCase() === 'none') continue;
        const span = (name: string, max: number): number =>
          Math.min(max, Math.max(1, Math.trunc(Number(dom.attr(cell, name) ?? '1')) || 1));
        cells.push({
          header: inHead || tag === 'th',
          colSpan: span('colspan', 1000),
          rowSpan: span('rowspan', 65534),
          html: cleanCell(cell, this.derive(cell, tag, decl, ctx, true)),
        });
      }
      if (cells.length > 0) table.rows.push(cells);
    };
    for (let child = dom.firstChild(el); child; child = dom.nextSibling(child)) {
      if (dom.nodeType(child) !== 1) continue;
      const part = child as Element;
      const tag = dom.tagName(part).toLowerCase();
      if (tag === 'tr') row(part, false);
      else if (tag === 'caption') table.caption = (part.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 500);
      else if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot')
        for (let tr = dom.firstChild(part); tr; tr = dom.nextSibling(tr))
          if (dom.nodeType(tr) === 1 && dom.tagName(tr as Element).toLowerCase() === 'tr')
            row(tr as Element, tag === 'thead');
    }
    if (table.rows.length === 0) return;
    const c = this.top;
    if (c.k === 'root') this.blockEnd();
    else if (c.k === 'quote') c.block = null;
    this.cur = null;
    this.out.push(table);
  }

  /** Walks a node's content, all of it now. */
  walk(root: Node, rootCtx: Ctx): void {
    this.begin(root, rootCtx);
    this.walkOn(Infinity);
  }

  begin(root: Node, rootCtx: Ctx): void {
    this.frames = [{ node: this.dom.firstChild(root), ctx: rootCtx, exit: null }];
  }

  /** Walks on until the walk is done (true) or the clock passes `until` (a performance.now() time; false). */
  walkOn(until: number): boolean {
    const dom = this.dom;
    const frames = this.frames;
    let steps = 0;
    while (frames.length > 0) {
      // The clock is read every few hundred nodes: a read costs more than a node.
      if (++steps % 256 === 0 && performance.now() > until) return false;
      const frame = frames[frames.length - 1]!;
      const node = frame.node;
      if (!node) {
        frames.pop();
        frame.exit?.();
        continue;
      }
      frame.node = dom.nextSibling(node);
      switch (dom.nodeType(node)) {
        case 3: // text
        case 4: // CDATA
          this.text((node as CharacterData).data, frame.ctx);
          break;
        case 8: // comment
          this.comment((node as Comment).data);
          break;
        case 1: {
          const entered = this.enter(node as Element, frame.ctx);
          if (entered) frames.push({ node: dom.firstChild(node), ctx: entered.ctx, exit: entered.exit });
          break;
        }
      }
    }
    this.blockEnd();
    return true;
  }
}

/** Contrast with white below 1.5 : 1 (white, yellow, lime, pale tints): text in it cannot be read on the page. */
function vanishesOnWhite(hex: string): boolean {
  const channel = (offset: number): number => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05) < 1.5;
}

function wordListRef(decl: Map<string, string> | null): WordListRef | null {
  const value = decl?.get('mso-list');
  if (!value) return null;
  const m = /\b(l\d+)\s+level(\d+)(?:\s+(lfo\d+))?/i.exec(value);
  if (!m) return null;
  return { id: m[1]!.toLowerCase(), level: Number(m[2]), lfo: (m[3] ?? '').toLowerCase() };
}

// ---------------------------------------------------------------------------------------------------------------
// After the walk: Word lists, trimming, serialising

/**
 * Word's list paragraphs become real lists. Consecutive paragraphs of the same list (lN) and the same
 * list instance (lfoM) form one list; a deeper level nests one level deeper inside the last item, however many
 * levels Word skipped (as CKEditor does); a shallower level closes the deeper lists.
 */
function groupWordLists(nodes: TopNode[], styles: WordStyles): TopNode[] {
  const result: TopNode[] = [];
  let open: { level: number; list: List }[] = [];
  let key = '';
  for (const node of nodes) {
    if (node.t !== 'block' || !node.word || node.tag !== 'p') {
      open = [];
      key = '';
      result.push(node);
      continue;
    }
    const ref = node.word;
    const k = `${ref.id} ${ref.lfo}`;
    if (k !== key) {
      open = [];
      key = k;
    }
    const item: Item = { inl: node.inl, lastSpace: false, lists: [] };
    while (open.length > 0 && lastOf(open)!.level > ref.level) open.pop();
    const top = lastOf(open);
    if (top && (top.level === ref.level || open.length >= MAX_LIST_NESTING)) {
      top.list.items.push(item);
      continue;
    }
    const ordered = wordListOrdered(ref, node.marker, styles);
    const format = WORD_NUMBER_FORMATS.get(styles.levels.get(`${ref.id}:${ref.level}`) ?? '');
    const list: List = { t: 'list', ordered, styleType: ordered ? nonDefaultStyle(format, true) : null, items: [item] };
    if (top) lastOf(top.list.items)!.lists.push(list);
    else result.push(list);
    open.push({ level: ref.level, list });
  }
  return result;
}

/** Joined text runs, trailing spaces before line breaks and at the end removed, and the last <br> (which a browser does not draw) dropped. */
function finishInline(inl: Inline[]): FinalInline[] {
  const out: FinalInline[] = [];
  const trimEnd = (): void => {
    for (let last = lastOf(out); last && last.kind === TEXT; last = lastOf(out)) {
      const text = last.text.replace(/[ \u00a0]+$/, '');
      if (text) {
        last.text = text;
        return;
      }
      out.pop();
    }
  };
  for (const run of inl) {
    if (run.kind === BREAK) {
      trimEnd();
      out.push(run);
      continue;
    }
    const text = run.parts.length === 1 ? run.parts[0]! : run.parts.join('');
    if (text) out.push({ kind: TEXT, text, fmt: run.fmt, color: run.color, px: run.px, link: run.link });
  }
  trimEnd();
  if (lastOf(out)?.kind === BREAK) out.pop();
  return out;
}

function inlineHtml(inl: FinalInline[], parts: string[]): void {
  let openLink: Link | null = null;
  for (const run of inl) {
    if (run.link !== openLink) {
      if (openLink) parts.push('</a>');
      if (run.link) parts.push(`<a href="${escapeHtml(run.link.href)}">`);
      openLink = run.link;
    }
    if (run.kind === BREAK) {
      parts.push('<br>');
      continue;
    }
    const close: string[] = [];
    const open = (tag: string): void => {
      parts.push(`<${tag}>`);
      close.push(`</${tag}>`);
    };
    if (run.fmt & BOLD) open('strong');
    if (run.fmt & ITALIC) open('em');
    if (run.fmt & UNDERLINE) open('u');
    if (run.fmt & STRIKE) open('s');
    if (run.fmt & SUB) open('sub');
    else if (run.fmt & SUP) open('sup');
    const style: string[] = [];
    if (run.color) style.push(`color: ${run.color}`);
    if (run.px !== null) style.push(`font-size: ${run.px}px`);
    if (style.length > 0) {
      parts.push(`<span style="${style.join('; ')}">`);
      close.push('</span>');
    }
    // A no-break space is written as &nbsp; so that a run of visible spaces reads as such in the output.
    parts.push(escapeText(run.text.normalize('NFC')).replace(/\u00a0/g, '&nbsp;'));
    for (let i = close.length - 1; i >= 0; i--) parts.push(close[i]!);
  }
  if (openLink) parts.push('</a>');
}

function alignAttr(align: Align): string {
  return align ? ` style="text-align: ${align}"` : '';
}

function listHtml(list: List, parts: string[]): void {
  const tag = list.ordered ? 'ol' : 'ul';
  parts.push(list.styleType ? `<${tag} style="list-style-type: ${list.styleType}">` : `<${tag}>`);
  for (const item of list.items) {
    parts.push('<li>');
    inlineHtml(finishInline(item.inl), parts);
    for (const sub of item.lists) listHtml(sub, parts);
    parts.push('</li>');
  }
  parts.push(`</${tag}>`);
}

function tableHtml(table: Table, parts: string[]): void {
  parts.push('<table>');
  if (table.caption) parts.push(`<caption>${escapeText(table.caption)}</caption>`);
  for (const row of table.rows) {
    parts.push('<tr>');
    for (const cell of row) {
      const tag = cell.header ? 'th' : 'td';
      const spans =
        (cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : '') + (cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : '');
      parts.push(`<${tag}${spans}>${cell.html}</${tag}>`);
    }
    parts.push('</tr>');
  }
  parts.push('</table>');
}

interface FinishedBlock {
  block: Block;
  inl: FinalInline[];
}

/** The cleaned HTML and where the clipboard content came from. Runs in Chromium and in happy-dom. */
export function cleanClipboardHtml(html: string, doc: Document = document): CleanClipboardResult {
  const cleaning = startCleaning(html, doc);
  cleaning.walkOn(Infinity);
  return cleaning.result();
}

/**
 * The same, a slice of `sliceMs` at a time with the window answering between slices: a long Word paste takes
 * seconds to clean, which one task would hold the window for. (Parsing the HTML stays one task.)
 */
export async function cleanClipboardHtmlInSlices(
  html: string,
  sliceMs: number,
  doc: Document = document,
): Promise<CleanClipboardResult> {
  const cleaning = startCleaning(html, doc);
  while (!cleaning.walkOn(performance.now() + sliceMs)) await new Promise((resolve) => setTimeout(resolve, 0));
  return cleaning.result();
}

function startCleaning(
  html: string,
  doc: Document,
): { walkOn(until: number): boolean; result(): CleanClipboardResult } {
  const source = detectSource(html);
  const parsed = parse(html, doc);
  const styles = source === 'word' ? readWordStyles(parsed) : { levels: new Map<string, string>(), normalPt: null };
  const defaultPt = source === 'google-docs' ? GOOGLE_DOCS_DEFAULT_PT : styles.normalPt;
  const defaultPx = defaultPt === null ? null : ptToPx(defaultPt);
  // Word documents set their body text in 11.5–14pt (Times New Roman 13 or 14 in Vietnamese administrative
  // documents): that is body text on the portal too, not a size of its own.
  const isBodySize = (px: number): boolean =>
    px === defaultPx || (source === 'word' && px >= WORD_BODY_PX[0] && px <= WORD_BODY_PX[1]);
  const dom = domAccess(doc);
  const cleanCell = (cell: Element, ctx: Ctx): string => {
    const inner = new Walker(isBodySize, dom, null);
    inner.walk(cell, ctx);
    return serialise(inner.out, styles);
  };
  const walker = new Walker(isBodySize, dom, cleanCell);
  const rootCtx: Ctx = { fmt: 0, color: null, pt: defaultPt, px: null, link: null, ws: 0, align: '' };
  walker.begin(parsed, rootCtx);
  return {
    walkOn: (until) => walker.walkOn(until),
    result: () => ({ html: serialise(walker.out, styles), source }),
  };
}

/** The walk's blocks, lists and tables as canonical HTML. */
function serialise(out: TopNode[], styles: WordStyles): string {
  // Blocks with nothing at all in them (Word's <p><o:p></o:p></p>, a paragraph that only held an image) go;
  // blocks that held only spaces or line breaks (Word's <p>&nbsp;</p>) stay as empty paragraphs.
  const kept = out.filter((node) => node.t !== 'block' || node.inl.length > 0);
  for (const node of kept) {
    if (node.t === 'block' && node.word && node.tag !== 'p') {
      // A numbered Word heading keeps its number as text: headings cannot be list items.
      const number = node.marker.replace(/[\s\u00a0]+/g, ' ').trim();
      if (number) node.inl.unshift({ kind: TEXT, parts: [`${number} `], fmt: 0, color: null, px: null, link: null });
    }
  }
  const nodes = groupWordLists(kept, styles);
  const finished: (FinishedBlock | List | Table)[] = nodes.map((node) =>
    node.t === 'block' ? { block: node, inl: finishInline(node.inl) } : node,
  );
  while (finished.length > 0) {
    const last = lastOf(finished)!;
    if ('block' in last && last.inl.length === 0) finished.pop();
    else break;
  }

  const parts: string[] = [];
  for (const node of finished) {
    if (!('block' in node)) {
      if (node.t === 'list') listHtml(node, parts);
      else tableHtml(node, parts);
      continue;
    }
    const { block, inl } = node;
    const tag = inl.length === 0 ? 'p' : block.tag;
    parts.push(`<${tag}${alignAttr(block.align)}>`);
    inlineHtml(inl, parts);
    parts.push(`</${tag}>`);
  }
  return parts.join('');
}

const DOCS_RE = /id=["']?docs-internal-guid-/i;
const WORD_RE =
  /urn:schemas-microsoft-com:office:(?:office|word)|<meta\s[^>]*?(?:Word\.Document|Microsoft Word)|class=["']?Mso[A-Z]|mso-(?:list|spacerun|bidi|fareast|ansi|style|element|bookmark|margin|pagination|tab-count|ascii|hansi|layout)/i;

function detectSource(html: string): ClipboardSource {
  if (DOCS_RE.test(html)) return 'google-docs';
  if (WORD_RE.test(html)) return 'word';
  return 'other';
}

/**
 * The clipboard HTML parsed into an inert fragment: a <template>'s content belongs to a document without a
 * browsing context, so nothing in it runs or loads (no scripts, images, iframes) — in Chromium and in happy-dom
 * alike (happy-dom's DOMParser documents do try to load iframes). Template parsing ignores <html>, <head> and
 * <body> tags and keeps their content in order, so Word's <style> blocks are still there to read.
 */
function parse(html: string, doc: Document): DocumentFragment {
  const template = doc.createElement('template');
  template.innerHTML = html;
  return template.content;
}
