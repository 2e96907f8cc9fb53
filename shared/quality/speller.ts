/**
 * Vietnamese syllable spelling, offline: nspell over the dictionary-vi word list (GPL-2.0, see docs/quality.md),
 * which the caller loads and hands in (files are the core's to read; a renderer would bundle or fetch them).
 *
 * The dictionary only knows the modern tone placement (hoà, thuỷ, uỷ), so a word in the traditional style is moved
 * to the modern one before the lookup. Suggestions come from an index of the dictionary by its bare letters, ranked
 * by how few marks differ, by the syllable's frequency in official writing and by the word that follows
 * ('chât lượng' → 'chất'); nspell's own suggestions are too slow here (tens of ms a word) and rank Vietnamese poorly.
 * A verdict is kept per distinct word: a long report repeats a few thousand syllables.
 */
import nspell from 'nspell';
import { COMMON_PAIRS, COMMON_SYLLABLES } from './common-words';
import {
  foldLetters,
  fromTelex,
  inToneStyle,
  markDistance,
  placeTone,
  splitTone,
  toneMisplaced,
  type ToneStyle,
} from './syllable';

export interface DictionaryFiles {
  aff: string;
  dic: string;
}

/** What the speller says of one lower-case word. */
export type WordVerdict =
  | { kind: 'ok' }
  /** Not a word it can judge (foreign, another script, too long): never a finding. */
  | { kind: 'unknown' }
  | { kind: 'misspelt'; suggestion: string | null; how: 'spelling' | 'telex' | 'qui' };

/** Loan words written the Vietnamese way that read as Telex ('bus' would become 'bú'). */
const NOT_TELEX = new Set(['bus', 'gas', 'yes', 'fax', 'jazz', 'test', 'virus', 'visa', 'taxi', 'tennis', 'pass']);

const VIETNAMESE_WORD = /^[a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+$/;
const OK: WordVerdict = { kind: 'ok' };
const UNKNOWN: WordVerdict = { kind: 'unknown' };
const ASCII_WORD = /^[a-z]+$/;
/** The longest Vietnamese syllable has 7 letters (nghiêng, nghiếng). */
const MAX_SYLLABLE = 7;

export class Speller {
  private readonly spell: ReturnType<typeof nspell>;
  /** The dictionary's words by their folded letters ('chat' → chát, chạt, chất, chắt, chật…). */
  private readonly byLetters = new Map<string, string[]>();
  private readonly plain = new Map<string, WordVerdict | null>();
  private readonly misspelt = new Map<string, WordVerdict>();
  private readonly rank = new Map<string, number>();
  /** COMMON_PAIRS in the modern tone style, as the lookup compares them. */
  private readonly pairs = new Set<string>();

  /** The dictionary's files, kept so another speller (with its own word cache) can be made from them. */
  readonly files: DictionaryFiles;

  constructor(files: DictionaryFiles) {
    this.files = files;
    this.spell = nspell({ aff: files.aff, dic: files.dic });
    for (const line of files.dic.split('\n').slice(1)) {
      const word = line.split('/')[0]?.trim().normalize('NFC');
      if (!word || word !== word.toLowerCase()) continue;
      const key = foldLetters(word);
      const list = this.byLetters.get(key);
      if (list) list.push(word);
      else this.byLetters.set(key, [word]);
    }
    COMMON_SYLLABLES.forEach((word, index) => this.rank.set(inToneStyle(word, 'modern'), index));
    for (const pair of COMMON_PAIRS) this.pairs.add(modernWords(pair));
  }

  /** Whether the dictionary knows a lower-case word, in either tone style. */
  knows(word: string): boolean {
    const modern = inToneStyle(word, 'modern');
    // Names the dictionary lists capitalised (Nguyễn, Nẵng) are words too.
    const capital = (w: string) => (w[0] ?? '').toUpperCase() + w.slice(1);
    return [word, modern, capital(word), capital(modern)].some((w) => this.spell.correct(w));
  }

  /**
   * The verdict on one lower-case NFC word, cached. `next` is the following word (lower case), used only to rank
   * the suggestions for a misspelt one.
   */
  check(word: string, style: ToneStyle, next = ''): WordVerdict {
    let plain = this.plain.get(word);
    if (plain === undefined) {
      plain = this.plainVerdict(word);
      this.plain.set(word, plain);
    }
    if (plain !== null) return plain;
    const key = `${style}\u0000${word}\u0000${next}`;
    let verdict = this.misspelt.get(key);
    if (verdict === undefined) {
      verdict = this.judge(word, style, next);
      this.misspelt.set(key, verdict);
    }
    return verdict;
  }

  /** 'ok' or 'unknown' when the word needs no suggestion; null when it is misspelt. */
  private plainVerdict(word: string): WordVerdict | null {
    if (word.length > MAX_SYLLABLE + 2 || !VIETNAMESE_WORD.test(word)) return UNKNOWN;
    if (this.knows(word) && !toneMisplaced(word)) return OK;
    return null;
  }

  private judge(word: string, style: ToneStyle, next: string): WordVerdict {
    if (/^qui/.test(word) || /^qu[ìíỉĩị]/.test(word)) {
      const { bare, tone } = splitTone(word);
      const quy = placeTone(`quy${bare.slice(3)}`, tone, style);
      if (this.knows(quy)) return { kind: 'misspelt', suggestion: quy, how: 'qui' };
    }
    if (ASCII_WORD.test(word)) {
      const telex = NOT_TELEX.has(word) ? null : fromTelex(word, style);
      if (telex !== null && this.knows(telex)) return { kind: 'misspelt', suggestion: telex, how: 'telex' };
      // A plain-ASCII word the dictionary does not know is most likely a foreign one ('online', 'chat').
      return UNKNOWN;
    }
    if (word.length > MAX_SYLLABLE) return UNKNOWN;
    return { kind: 'misspelt', suggestion: this.suggest(word, style, next), how: 'spelling' };
  }

  /**
   * The dictionary words a misspelt one may have meant, best first (at most `limit`): same letters first, then one
   * letter added, dropped or changed. Ranked by how few marks differ, by the syllable's frequency in official writing
   * and by the word that follows.
   */
  suggestions(word: string, style: ToneStyle, next = '', limit = 5): string[] {
    const letters = foldLetters(word);
    let candidates = this.byLetters.get(letters) ?? [];
    let extra = 0;
    if (candidates.length === 0) {
      extra = 2;
      const seen = new Set<string>();
      for (const variant of oneEditAway(letters))
        for (const candidate of this.byLetters.get(variant) ?? []) seen.add(candidate);
      candidates = [...seen];
    }
    const scored: { word: string; score: number }[] = [];
    for (const candidate of candidates) {
      let score = extra + markDistance(word, candidate) * 10;
      score += Math.min(this.rank.get(candidate) ?? 1000, 1000) / 1000;
      if (next !== '' && this.pairs.has(`${inToneStyle(candidate, 'modern')} ${inToneStyle(next, 'modern')}`))
        score -= 9;
      // More than three marks apart is no longer a slip of the keyboard.
      if (score <= extra + 30) scored.push({ word: inToneStyle(candidate, style), score });
    }
    scored.sort((a, b) => a.score - b.score);
    return [...new Set(scored.map((s) => s.word))].filter((s) => s !== word).slice(0, limit);
  }

  /** The best dictionary word for a misspelt one, or null when none is near enough (the word is unknown). */
  private suggest(word: string, style: ToneStyle, next: string): string | null {
    return this.suggestions(word, style, next, 1)[0] ?? null;
  }
}

const modernWords = (text: string): string =>
  text
    .split(' ')
    .map((word) => inToneStyle(word, 'modern'))
    .join(' ');

const LETTERS = 'abcdeghiklmnopqrstuvxy';

/** Every string one letter away (added, dropped or changed) from ASCII `letters`. */
function oneEditAway(letters: string): string[] {
  const out: string[] = [];
  for (let i = 0; i <= letters.length; i++) {
    for (const ch of LETTERS) out.push(letters.slice(0, i) + ch + letters.slice(i));
    if (i < letters.length) {
      out.push(letters.slice(0, i) + letters.slice(i + 1));
      for (const ch of LETTERS) if (ch !== letters[i]) out.push(letters.slice(0, i) + ch + letters.slice(i + 1));
    }
  }
  return out;
}
