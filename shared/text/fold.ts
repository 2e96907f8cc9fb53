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

export function foldForSearch(text: string): string {
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (ch.charCodeAt(0) < 0x80) {
      out += ch.toLowerCase();
      continue;
    }
    let folded = FOLDED.get(ch);
    if (folded === undefined) {
      folded = foldWhole(ch);
      FOLDED.set(ch, folded);
    }
    out += folded;
  }
  return out;
}

/** The words of a query, folded; punctuation separates words. */
export function searchTerms(query: string): string[] {
  return foldForSearch(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 0);
}
