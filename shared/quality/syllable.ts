/**
 * One Vietnamese syllable taken apart: its letters without the tone mark, the tone, and where the tone goes in the
 * traditional and modern styles (Quyết định 1989/QĐ-BGDĐT describes the modern one). Everything here works on
 * lower-case NFC text; callers lower the case first and put it back with `withCaseOf`.
 */

export type ToneStyle = 'traditional' | 'modern';

/** The five tone marks as combining characters (NFD); '' is the level tone. */
const TONE_MARKS = '\u0300\u0301\u0303\u0309\u0323';
const TONE_MARK = /[\u0300\u0301\u0303\u0309\u0323]/g;
/** The vowel modifiers (circumflex, breve, horn): part of the letter, not of the tone. */
const MODIFIER = /[\u0302\u0306\u031b]/;

const VOWELS = 'aăâeêioôơuưy';
const isVowel = (ch: string): boolean => VOWELS.includes(ch);
const MODIFIED_VOWELS = 'ăâêôơư';

/** The tone mark of a syllable ('' for none) and its letters without it. */
export function splitTone(syllable: string): { bare: string; tone: string } {
  const decomposed = syllable.normalize('NFD');
  const tone = decomposed.match(TONE_MARK)?.[0] ?? '';
  return { bare: decomposed.replace(TONE_MARK, '').normalize('NFC'), tone };
}

/** The index of the vowel that carries the tone in `bare` (a syllable without its tone), or -1 when it has no vowel. */
function toneIndex(bare: string, style: ToneStyle): number {
  let first = 0;
  // 'qu' and 'gi' (before another vowel) are the onset: their u and i carry no tone.
  if (bare.startsWith('qu')) first = 2;
  else if (bare.startsWith('gi') && bare.length > 2 && isVowel(bare[2] ?? '')) first = 2;
  while (first < bare.length && !isVowel(bare[first] ?? '')) first++;
  if (first >= bare.length) return bare.startsWith('gi') ? 1 : -1;
  let end = first;
  while (end < bare.length && isVowel(bare[end] ?? '')) end++;
  const cluster = bare.slice(first, end);
  const closed = end < bare.length;
  for (let i = cluster.length - 1; i >= 0; i--) if (MODIFIED_VOWELS.includes(cluster[i] ?? '')) return first + i;
  if (cluster.length === 1) return first;
  if (closed) return end - 1;
  if (cluster.length === 3) return first + 1;
  // Open oa, oe, uy: the one place the two styles differ (hòa / hoà, thủy / thuỷ).
  if (cluster === 'oa' || cluster === 'oe' || cluster === 'uy') return style === 'traditional' ? first : first + 1;
  return first;
}

/** `bare` with `tone` placed as the style places it. */
export function placeTone(bare: string, tone: string, style: ToneStyle): string {
  if (tone === '') return bare;
  const at = toneIndex(bare, style);
  if (at < 0) return bare;
  return (bare.slice(0, at + 1).normalize('NFD') + tone + bare.slice(at + 1).normalize('NFD')).normalize('NFC');
}

/** Whether a lower-case word has its tone mark where neither style puts it ('nghịêp'). */
export function toneMisplaced(word: string): boolean {
  const { bare, tone } = splitTone(word);
  return tone !== '' && word !== placeTone(bare, tone, 'traditional') && word !== placeTone(bare, tone, 'modern');
}

/** Words already put in a style: a long report repeats a few thousand syllables (bounded, for pasted garbage). */
const STYLED = { traditional: new Map<string, string>(), modern: new Map<string, string>() };
const MAX_STYLED = 50_000;

/** The word in the given style (unchanged when the two styles agree, or when its mark is misplaced). */
export function inToneStyle(word: string, style: ToneStyle): string {
  const cache = STYLED[style];
  let styled = cache.get(word);
  if (styled === undefined) {
    if (toneMisplaced(word)) styled = word;
    else {
      const { bare, tone } = splitTone(word);
      styled = placeTone(bare, tone, style);
    }
    if (cache.size >= MAX_STYLED) cache.clear();
    cache.set(word, styled);
  }
  return styled;
}

/** The word's letters with no tone mark and no modifiers, đ as d: 'nghiệp' → 'nghiep'. */
export function foldLetters(word: string): string {
  return word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd');
}

/** How far two words' marks are apart: one per letter whose modifier differs, plus one for a different tone. */
export function markDistance(a: string, b: string): number {
  const marksOf = (word: string) =>
    [...word.normalize('NFC')].map((ch) => (ch === 'đ' ? 'đ' : ch.normalize('NFD').replace(TONE_MARK, '').slice(1)));
  const x = marksOf(a);
  const y = marksOf(b);
  let distance = splitTone(a).tone === splitTone(b).tone ? 0 : 1;
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) if ((x[i] ?? '') !== (y[i] ?? '')) distance++;
  return distance;
}

export const hasModifierOrTone = (word: string): boolean =>
  MODIFIER.test(word.normalize('NFD')) || TONE_MARKS.split('').some((m) => word.normalize('NFD').includes(m));

/** The case of `model` applied to `word`: 'Chât' + 'chất' → 'Chất'; 'UBND'-like all-caps stays all-caps. */
export function withCaseOf(model: string, word: string): string {
  if (model.length > 1 && model === model.toUpperCase() && model !== model.toLowerCase()) return word.toUpperCase();
  const first = model[0] ?? '';
  if (first !== first.toLowerCase()) return (word[0] ?? '').toUpperCase() + word.slice(1);
  return word;
}

const TELEX_TONES: Record<string, string> = { s: '\u0301', f: '\u0300', r: '\u0309', x: '\u0303', j: '\u0323' };
const TELEX_DOUBLES: Record<string, string> = { aa: 'â', ee: 'ê', oo: 'ô', dd: 'đ', aw: 'ă', ow: 'ơ', uw: 'ư' };

/**
 * A lower-case ASCII word read as Telex typed with the input method off: 'thoong' → 'thông', 'baos' → 'báo',
 * 'dduowngf' → 'đường'. Null when nothing in it is Telex. The tone is placed in the given style.
 */
export function fromTelex(word: string, style: ToneStyle): string | null {
  if (!/^[a-z]+$/.test(word)) return null;
  let letters = '';
  let tone = '';
  let seenVowel = false;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i] ?? '';
    const pair = ch + (word[i + 1] ?? '');
    if (pair === 'uo' && word[i + 2] === 'w') {
      letters += 'ươ';
      seenVowel = true;
      i += 2;
      continue;
    }
    const double = TELEX_DOUBLES[pair];
    if (double !== undefined && !(pair === 'dd' && seenVowel)) {
      letters += double;
      seenVowel ||= double !== 'đ';
      i += 1;
      continue;
    }
    if (seenVowel && TELEX_TONES[ch] !== undefined) {
      tone = TELEX_TONES[ch] ?? '';
      continue;
    }
    if (ch === 'w') {
      letters += 'ư';
      seenVowel = true;
      continue;
    }
    letters += ch;
    seenVowel ||= isVowel(ch);
  }
  const result = placeTone(letters, tone, style);
  return result === word ? null : result;
}
