/**
 * Old Vietnamese 8-bit encodings that arrive as Unicode text. Before Unicode, Vietnamese was typed with a
 * font-based encoding: the bytes were Latin-1 (Windows-1252) codes and a special font drew them as Vietnamese
 * letters. Copied out of such a document today, the text arrives as the Latin-1 characters of those bytes:
 *
 *  - TCVN3 (TCVN 5712:1993, table VN3; typed with ABC / Vietkey in the .Vn… fonts: .VnTime, .VnArial):
 *    one byte per Vietnamese letter. 'Phßng Lao ®éng - Th­¬ng binh vµ X· héi' is
 *    'Phòng Lao động - Thương binh và Xã hội'.
 *  - VNI (VNI-Windows; the VNI-… fonts: VNI-Times, VNI-Helve): an ASCII base letter followed by a mark byte,
 *    e.g. 'Vieät Nam', 'Phoøng', 'ñöôøng' (đường).
 *
 * detectLegacyEncoding() says whether a text reads as one of them (confidently: ordinary English, French,
 * German or correct Vietnamese gives null); convertLegacy() converts, returning NFC.
 *
 * Capitals in TCVN3. VN3 has single codes only for the lower-case toned vowels; the upper-case ones do not
 * exist. Writers got capitals either from a capital font (.VnTimeH, .VnArialH: the same lower-case codes drawn
 * as capitals, next to ASCII capitals) or, for the seven letters that do exist, from the capital codes
 * Ă Â Ê Ô Ơ Ư Đ (¡ ¢ £ ¤ ¥ ¦ §). The case of a toned vowel is therefore not in the text; conversion decides:
 *  - the capital codes always give capitals, the toned codes give lower case;
 *  - except in an all-capitals context, where converted letters are upper-cased too: a word with at least two
 *    capital letters (ASCII A–Z or the capital codes) and no ASCII lower-case letter ('CéNG' → 'CỘNG',
 *    'VIÖT' → 'VIỆT'), and every word of a line without ASCII lower-case letters where at least half of the
 *    words with toned letters are such capitals words ('CéNG HßA X· HéI' → 'CỘNG HÒA XÃ HỘI'). A title-case word
 *    stays as it is: 'X· héi' → 'Xã hội', and so does 'Sè: 12/Q§-UBND' → 'Số: 12/QĐ-UBND' (acronyms alone do
 *    not make a capitals line).
 *  - With { capitalFont: true } (the source font is known to be a capital font, .VnTimeH …) everything is
 *    upper-cased, as the font drew it.
 * What remains ambiguous: a single-capital word in an all-caps line that also has lower-case ASCII words
 * ('Së Y TÕ' typed with a capital font mixed with lower-case text) comes out title-case ('Sở Y Tế').
 * Codes that VN3 leaves unassigned (° ± ² ³ ´ º ¿ À–Å Í Ù Ú Û à ð ÿ, which the fuller VN1 table uses for more
 * capitals and combining marks) are left unchanged: in real text they are the ordinary symbols (25°C, ±5).
 */

export type LegacyEncoding = 'tcvn3' | 'vni';

export interface ConvertOptions {
  /** TCVN3 only: the text was set in a capital font (.VnTimeH, .VnArialH…), so it shows as capitals. */
  capitalFont?: boolean;
}

const GRAVE = '\u0300';
const HOOK = '\u0309';
const TILDE = '\u0303';
const ACUTE = '\u0301';
const DOT = '\u0323';
const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';
const HORN = '\u031b';

/** Tones in the order TCVN3 lists them: none, grave (huyền), hook (hỏi), tilde (ngã), acute (sắc), dot (nặng). */
const TCVN3_TONES = ['', GRAVE, HOOK, TILDE, ACUTE, DOT] as const;

/**
 * TCVN 5712:1993 VN3, by vowel: the codes (as Latin-1 characters) of the vowel with no tone, grave, hook,
 * tilde, acute and dot below. An ASCII letter stands for itself.
 */
const TCVN3_ROWS: [string, string][] = [
  ['a', 'a\u00b5\u00b6\u00b7\u00b8\u00b9'], //    a  µ ¶ · ¸ ¹   = a à ả ã á ạ
  ['a\u0306', '\u00a8\u00bb\u00bc\u00bd\u00be\u00c6'], // ¨ » ¼ ½ ¾ Æ = ă ằ ẳ ẵ ắ ặ
  ['a\u0302', '\u00a9\u00c7\u00c8\u00c9\u00ca\u00cb'], // © Ç È É Ê Ë = â ầ ẩ ẫ ấ ậ
  ['e', 'e\u00cc\u00ce\u00cf\u00d0\u00d1'], //    e  Ì Î Ï Ð Ñ   = e è ẻ ẽ é ẹ
  ['e\u0302', '\u00aa\u00d2\u00d3\u00d4\u00d5\u00d6'], // ª Ò Ó Ô Õ Ö = ê ề ể ễ ế ệ
  ['i', 'i\u00d7\u00d8\u00dc\u00dd\u00de'], //    i  × Ø Ü Ý Þ   = i ì ỉ ĩ í ị
  ['o', 'o\u00df\u00e1\u00e2\u00e3\u00e4'], //    o  ß á â ã ä   = o ò ỏ õ ó ọ
  ['o\u0302', '\u00ab\u00e5\u00e6\u00e7\u00e8\u00e9'], // « å æ ç è é = ô ồ ổ ỗ ố ộ
  ['o\u031b', '\u00ac\u00ea\u00eb\u00ec\u00ed\u00ee'], // ¬ ê ë ì í î = ơ ờ ở ỡ ớ ợ
  ['u', 'u\u00ef\u00f1\u00f2\u00f3\u00f4'], //    u  ï ñ ò ó ô   = u ù ủ ũ ú ụ
  ['u\u031b', '\u00ad\u00f5\u00f6\u00f7\u00f8\u00f9'], // ­ õ ö ÷ ø ù = ư ừ ử ữ ứ ự
  ['y', 'y\u00fa\u00fb\u00fc\u00fd\u00fe'], //    y  ú û ü ý þ   = y ỳ ỷ ỹ ý ỵ
];

/** The capitals VN3 does have, and đ. */
const TCVN3_SINGLES: [string, string][] = [
  ['\u00ae', 'đ'],
  ['\u00a1', 'Ă'],
  ['\u00a2', 'Â'],
  ['\u00a3', 'Ê'],
  ['\u00a4', 'Ô'],
  ['\u00a5', 'Ơ'],
  ['\u00a6', 'Ư'],
  ['\u00a7', 'Đ'],
];

const TCVN3_CAPITAL_CODES = new Set(['\u00a1', '\u00a2', '\u00a3', '\u00a4', '\u00a5', '\u00a6', '\u00a7']);

const TCVN3 = new Map<string, string>();
for (const [vowel, codes] of TCVN3_ROWS) {
  [...codes].forEach((code, tone) => {
    if (code.charCodeAt(0) >= 0x80) TCVN3.set(code, (vowel + TCVN3_TONES[tone]).normalize('NFC'));
  });
}
for (const [code, letter] of TCVN3_SINGLES) TCVN3.set(code, letter);

// VNI-Windows. A mark byte after a base letter; the mark's case follows the base's in real text, either is read.
const VNI_TONE = new Map<string, string>([
  ['\u00f9', ACUTE], // ù
  ['\u00f8', GRAVE], // ø
  ['\u00fb', HOOK], // û
  ['\u00f5', TILDE], // õ
  ['\u00ef', DOT], // ï
]);
/** After a, e, o: the circumflex (â ê ô), alone or with a tone. */
const VNI_CIRCUMFLEX = new Map<string, string>([
  ['\u00e2', ''], // â
  ['\u00e1', ACUTE], // á
  ['\u00e0', GRAVE], // à
  ['\u00e5', HOOK], // å
  ['\u00e3', TILDE], // ã
  ['\u00e4', DOT], // ä
]);
/** After a: the breve (ă), alone or with a tone. */
const VNI_BREVE = new Map<string, string>([
  ['\u00ea', ''], // ê
  ['\u00e9', ACUTE], // é
  ['\u00e8', GRAVE], // è
  ['\u00fa', HOOK], // ú
  ['\u00fc', TILDE], // ü
  ['\u00eb', DOT], // ë
]);
/** Letters VNI writes as one byte. */
const VNI_SINGLE = new Map<string, string>([
  ['\u00f4', 'ơ'], // ô
  ['\u00f6', 'ư'], // ö
  ['\u00f1', 'đ'], // ñ
  ['\u00e6', 'ỉ'], // æ
  ['\u00ec', 'ì'], // ì
  ['\u00ed', 'í'], // í
  ['\u00f3', 'ĩ'], // ó
  ['\u00f2', 'ị'], // ò
  ['\u00ee', 'ỵ'], // î
]);

function withUpper(map: Map<string, string>, upperValues: boolean): Map<string, string> {
  const out = new Map(map);
  for (const [key, value] of map) out.set(key.toUpperCase(), upperValues ? value.toUpperCase() : value);
  return out;
}

const VNI_TONES = withUpper(VNI_TONE, false);
const VNI_CIRCUMFLEXES = withUpper(VNI_CIRCUMFLEX, false);
const VNI_BREVES = withUpper(VNI_BREVE, false);
const VNI_SINGLES = withUpper(VNI_SINGLE, true);

const isAsciiUpper = (c: number): boolean => c >= 65 && c <= 90;
const isAsciiLower = (c: number): boolean => c >= 97 && c <= 122;
const isAsciiLetter = (c: number): boolean => isAsciiUpper(c) || isAsciiLower(c);

function convertVni(text: string): string {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const next = text[i + 1];
    const lower = ch.toLowerCase();
    if (next !== undefined) {
      if ((lower === 'a' || lower === 'e' || lower === 'o') && VNI_CIRCUMFLEXES.has(next)) {
        out.push(ch + CIRCUMFLEX + VNI_CIRCUMFLEXES.get(next)!);
        i++;
        continue;
      }
      if (lower === 'a' && VNI_BREVES.has(next)) {
        out.push(ch + BREVE + VNI_BREVES.get(next)!);
        i++;
        continue;
      }
      if (VNI_TONES.has(next)) {
        if (lower === 'a' || lower === 'e' || lower === 'o' || lower === 'u' || lower === 'y') {
          out.push(ch + VNI_TONES.get(next)!);
          i++;
          continue;
        }
        if (lower === '\u00f4' || lower === '\u00f6') {
          // ô = ơ, ö = ư, then the tone
          out.push(
            (lower === '\u00f4' ? (ch === lower ? 'o' : 'O') : ch === lower ? 'u' : 'U') + HORN + VNI_TONES.get(next)!,
          );
          i++;
          continue;
        }
      }
    }
    out.push(VNI_SINGLES.get(ch) ?? ch);
  }
  return out.join('').normalize('NFC');
}

/** Capital letters (ASCII and VN3's capital codes) and ASCII lower-case letters in a stretch of TCVN3 text. */
function caseCounts(text: string): { upper: number; lower: number } {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isAsciiUpper(c) || TCVN3_CAPITAL_CODES.has(text[i]!)) upper++;
    else if (isAsciiLower(c)) lower++;
  }
  return { upper, lower };
}

function convertTcvn3(text: string, capitalFont: boolean): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    // Words and the spaces between them, so the text is rebuilt exactly.
    const pieces = line.split(/(\s+)/);
    const isWord = (piece: string): boolean => piece !== '' && !/^\s+$/.test(piece);
    const capsWord = (piece: string): boolean => {
      const counts = caseCounts(piece);
      return counts.lower === 0 && counts.upper >= 2;
    };
    // A capitals line: no ASCII lower case, and at least half of its words with toned letters are capitals words.
    let lineCaps = capitalFont;
    if (!lineCaps && caseCounts(line).lower === 0) {
      let toned = 0;
      let capsToned = 0;
      for (const piece of pieces) {
        if (!isWord(piece) || ![...piece].some((ch) => TCVN3.has(ch) && !TCVN3_CAPITAL_CODES.has(ch))) continue;
        toned++;
        if (capsWord(piece)) capsToned++;
      }
      lineCaps = capsToned > 0 && capsToned * 2 >= toned;
    }
    const converted = pieces.map((piece) => {
      if (!isWord(piece)) return piece;
      const caps = lineCaps || capsWord(piece);
      let word = '';
      for (const ch of piece) {
        const letter = TCVN3.get(ch);
        if (letter === undefined) word += capitalFont ? ch.toUpperCase() : ch;
        else word += caps ? letter.toUpperCase() : letter;
      }
      return word;
    });
    out.push(converted.join(''));
  }
  return out.join('\n').normalize('NFC');
}

/** The text converted from the legacy encoding to Unicode, NFC. */
export function convertLegacy(text: string, encoding: LegacyEncoding, options: ConvertOptions = {}): string {
  return encoding === 'tcvn3' ? convertTcvn3(text, options.capitalFont === true) : convertVni(text);
}

// ---------------------------------------------------------------------------------------------------------------
// Detection

/** Letters only correct (Unicode) Vietnamese has: with them the text is not legacy-encoded. */
const UNICODE_VIETNAMESE =
  /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9\u0300\u0301\u0303\u0309\u0323]/;

/** TCVN3 letters that are Latin-1 symbols: in Western text they are never glued to letters. */
const TCVN3_SYMBOL_LETTERS = new Set([
  ...'\u00a1\u00a2\u00a3\u00a4\u00a5\u00a6\u00a7\u00a8\u00a9\u00aa\u00ab\u00ac\u00ae\u00b5\u00b6\u00b7\u00b8\u00b9\u00bb\u00bc\u00bd\u00be\u00d7\u00f7',
]);
/** ă and â never end a Vietnamese word (they always take a final consonant), nor does đ (always initial): these need a letter after them. ® © also mark trade names ('Microsoft®'). */
const TCVN3_NEED_LETTER_AFTER = new Set([
  ...'\u00a8\u00bb\u00bc\u00bd\u00be\u00c6\u00a9\u00c7\u00c8\u00c9\u00ca\u00cb\u00a1\u00a2\u00ae\u00a7',
]);
/** TCVN3 lower-case toned vowels that look like Latin-1 capitals ('TiÕng', 'ViÖt', 'chÊt'). */
const TCVN3_CAPITAL_LOOKALIKES = new Set([
  ...'\u00c6\u00c7\u00c8\u00c9\u00ca\u00cb\u00cc\u00ce\u00cf\u00d0\u00d1\u00d2\u00d3\u00d4\u00d5\u00d6\u00d8\u00dc\u00dd\u00de',
]);

const isLatin1Letter = (c: number): boolean => c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7;
const isLetterish = (ch: string | undefined): boolean => {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return isAsciiLetter(c) || isLatin1Letter(c) || TCVN3.has(ch);
};

/** Whether a word shows a pattern only TCVN3 text has. */
function tcvn3Evidence(word: string): boolean {
  const allCaps = caseCounts(word).lower === 0;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i]!;
    const before = word[i - 1];
    const after = word[i + 1];
    if (TCVN3_SYMBOL_LETTERS.has(ch)) {
      const letterBefore = isLetterish(before);
      const letterAfter = isLetterish(after);
      if (TCVN3_NEED_LETTER_AFTER.has(ch)) {
        if (letterAfter) return true;
      } else if (letterBefore || (before === undefined && after !== undefined && isAsciiLower(after.charCodeAt(0)))) {
        return true;
      }
    } else if (ch === '\u00ad') {
      // ư as a soft hyphen: Western text has soft hyphens between ASCII letters, TCVN3 has 'Th­¬ng', 'ng­êi'.
      if (after !== undefined && after.charCodeAt(0) >= 0xa0 && TCVN3.has(after)) return true;
    } else if (TCVN3_CAPITAL_LOOKALIKES.has(ch)) {
      if (before !== undefined && isAsciiLower(before.charCodeAt(0))) return true;
    } else if (
      allCaps &&
      before !== undefined &&
      isAsciiUpper(before.charCodeAt(0)) &&
      ch !== '\u00df' &&
      TCVN3.has(ch)
    ) {
      // A lower-case letter inside a capitals word ('CéNG', 'CHñ'): Western capitals would be capitals (É, Ñ).
      // ß is left out: German capitals are written with it ('STRAßE').
      return true;
    }
  }
  return false;
}

const VNI_BASES = 'aeouyAEOUY\u00f4\u00f6\u00d4\u00d6';
/** Pairs that occur in French, Spanish or Dutch too ('où', 'goût', 'naïf', 'aéroport', 'Israël', 'baúl'): they do not count. */
const VNI_WEAK_PAIRS = new Set([
  'o\u00f9',
  'o\u00fb',
  'a\u00ef',
  'o\u00ef',
  'u\u00ef',
  'e\u00ef',
  'a\u00e9',
  'a\u00eb',
  'a\u00fa',
  'e\u00e3',
]);

/** Whether a word shows a pattern only VNI text has: a base letter followed by a VNI mark, or 'öô' (ươ). */
function vniEvidence(word: string): boolean {
  for (let i = 0; i + 1 < word.length; i++) {
    const base = word[i]!;
    const mark = word[i + 1]!;
    const lower = base.toLowerCase();
    const pair = lower + mark.toLowerCase();
    if (VNI_WEAK_PAIRS.has(pair)) continue;
    if ('aeo'.includes(lower) && VNI_CIRCUMFLEXES.has(mark)) return true;
    if (lower === 'a' && VNI_BREVES.has(mark)) return true;
    if (VNI_BASES.includes(base) && VNI_TONES.has(mark)) return true;
    if (pair === '\u00f6\u00f4') return true;
  }
  return false;
}

/**
 * 'tcvn3' or 'vni' when the text clearly reads as that legacy encoding, else null. Confident by design: a word
 * counts only for a pattern that ordinary text does not have, at least 15% of the words (and at least one)
 * must show it, and text with letters only Unicode Vietnamese has is never legacy.
 */
export function detectLegacyEncoding(text: string): LegacyEncoding | null {
  if (!text || UNICODE_VIETNAMESE.test(text)) return null;
  let words = 0;
  let tcvn3 = 0;
  let vni = 0;
  for (const word of text.split(/\s+/)) {
    if (!word || ![...word].some((ch) => isLetterish(ch))) continue;
    words++;
    if (tcvn3Evidence(word)) tcvn3++;
    if (vniEvidence(word)) vni++;
  }
  if (words === 0) return null;
  const needed = Math.max(1, Math.ceil(words * 0.15));
  const tcvn3Ok = tcvn3 >= needed;
  const vniOk = vni >= needed;
  if (tcvn3Ok && (!vniOk || tcvn3 > vni)) return 'tcvn3';
  if (vniOk && (!tcvn3Ok || vni > tcvn3)) return 'vni';
  return null;
}
