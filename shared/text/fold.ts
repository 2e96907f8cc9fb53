/**
 * Folding for search: case, diacritics and đ/Đ are ignored, so 'duong' finds 'Đường'.
 * SQLite's unicode61 tokenizer strips combining marks but keeps đ (U+0111, a letter of its own),
 * so the indexed text and the query are both folded here, by the same function.
 */
const COMBINING_MARKS = /[\u0300-\u036f]/g;

function foldWhole(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').replace(/[đĐ]/g, 'd').toLowerCase().normalize('NFC');
}

/** Each non-ASCII character folded once: an article of 20,000 words has only a few hundred distinct ones. */
const FOLDED = new Map<string, string>();
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Per UTF-16 unit of the BMP, its fold when that is one unit too (every Vietnamese letter): 0 unknown yet, NOT_ONE none. */
const ONE_UNIT = new Uint16Array(0x10000);
const NOT_ONE = 0xffff;
/**
 * TextDecoder is in every JavaScript this runs on (Node, Chromium); shared/ is typed without DOM or Node, hence the
 * cast. ignoreBOM: a leading U+FEFF is text here, not a byte-order mark.
 */
const utf16 = new (
  globalThis as unknown as {
    TextDecoder: new (label: string, options: { ignoreBOM: boolean }) => { decode(units: Uint16Array): string };
  }
).TextDecoder('utf-16le', { ignoreBOM: true });

function foldCharacter(ch: string): string {
  let folded = FOLDED.get(ch);
  if (folded === undefined) {
    folded = foldWhole(ch);
    FOLDED.set(ch, folded);
  }
  return folded;
}

function foldByCodePoint(text: string): string {
  let out = '';
  for (const ch of text) out += ch.charCodeAt(0) < 0x80 ? ch.toLowerCase() : foldCharacter(ch);
  return out;
}

export function foldForSearch(text: string): string {
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  const nfc = text.normalize('NFC');
  // The common case, a unit for a unit into a typed array: the index folds a 20,000-word report on every save.
  const out = new Uint16Array(nfc.length);
  for (let i = 0; i < nfc.length; i++) {
    const unit = nfc.charCodeAt(i);
    if (unit < 0x80) {
      out[i] = unit >= 0x41 && unit <= 0x5a ? unit + 0x20 : unit;
      continue;
    }
    let folded = ONE_UNIT[unit] as number;
    if (folded === 0) {
      const whole = unit >= 0xd800 && unit <= 0xdfff ? '' : foldCharacter(String.fromCharCode(unit));
      folded = whole.length === 1 ? whole.charCodeAt(0) : NOT_ONE;
      ONE_UNIT[unit] = folded;
    }
    // Surrogate pairs, and characters that fold to more or less than one unit: character by character.
    if (folded === NOT_ONE) return foldByCodePoint(nfc);
    out[i] = folded;
  }
  // Decoded natively: building the string a character at a time is several times slower.
  return utf16.decode(out);
}

/** The words of a query, folded; punctuation separates words. */
export function searchTerms(query: string): string[] {
  return foldForSearch(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 0);
}
