/**
 * Folding for search: case, diacritics and đ/Đ are ignored, so 'duong' finds 'Đường'.
 * SQLite's unicode61 tokenizer strips combining marks but keeps đ (U+0111, a letter of its own),
 * so the indexed text and the query are both folded here, by the same function.
 */
const COMBINING_MARKS = /[\u0300-\u036f]/g;

export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .normalize('NFC');
}

/** The words of a query, folded; punctuation separates words. */
export function searchTerms(query: string): string[] {
  return foldForSearch(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 0);
}
