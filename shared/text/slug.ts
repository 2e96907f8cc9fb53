import { foldForSearch } from './fold';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 120;

/** URL slug: diacritics removed, đ → d, words joined by '-', cut at a word boundary. */
export function slugify(text: string, maxLength = SLUG_MAX_LENGTH): string {
  const words = foldForSearch(text)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > maxLength) break;
    slug = next;
  }
  return slug || words[0]?.slice(0, maxLength) || '';
}
