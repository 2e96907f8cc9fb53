import type { ContextMenuParams } from 'electron';
import type { CoreCaller } from './ipc';

/** A word the app's spell checker doubts, and what could replace it (best first). */
export interface Misspelling {
  word: string;
  suggestions: string[];
}

/** How long the right-click menu waits for the core's suggestions before it opens without them. */
export const SUGGESTION_WAIT_MS = 300;

export type PointerParams = Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'misspelledWord'>;

/** The word right-clicked in an editable field, with the spaces selected around it (kept when it is replaced). */
export interface PointedWord {
  word: string;
  before: string;
  after: string;
  /** Named by Chromium's own checker (replaced with replaceMisspelling), not by the selection. */
  fromChromium: boolean;
}

/** One word: letters and marks, inner apostrophes or hyphens (as the organisation's word list takes them). */
const ONE_WORD = /^(\s*)([\p{L}\p{M}][\p{L}\p{M}'’-]{0,59})(\s*)$/u;

/**
 * What was right-clicked: Chromium's misspelled word when it names one, else the selection when it is one word
 * (a double-click, or the word a right-click selects). Nothing outside an editable field, nor for several words.
 */
export function wordUnderPointer(params: PointerParams): PointedWord | null {
  if (!params.isEditable) return null;
  const fromChromium = params.misspelledWord !== '';
  const match = ONE_WORD.exec(fromChromium ? params.misspelledWord : params.selectionText);
  if (!match) return null;
  return { before: match[1] ?? '', word: match[2] ?? '', after: match[3] ?? '', fromChromium };
}

/** The text that takes the selection's place: the suggestion, with the spaces that were selected around the word. */
export function replacementFor(pointed: PointedWord, suggestion: string): string {
  return `${pointed.before}${suggestion}${pointed.after}`;
}

/** The app's spell checker as the right-click menu asks it, for the window (web contents id) that was clicked. */
export interface SpellingSuggester {
  /** The word's suggestions when the core doubts it; null when it does not, nobody is signed in, or it is late. */
  suggest(ownerId: number, word: string): Promise<Misspelling | null>;
  /** Adds the word to the organisation's list (Thêm vào từ điển); whether the core took it. */
  addWord(ownerId: number, word: string): Promise<boolean>;
}

/**
 * The spell checker of the core (quality.suggest, quality.addWord), called with the session of the window that was
 * clicked, as its own calls are. An answer later than waitMs is dropped: the menu must open at once.
 */
export function coreSpellingSuggester(
  core: CoreCaller,
  sessionOf: (ownerId: number) => string | null,
  options: { waitMs?: number; log?: (message: string) => void } = {},
): SpellingSuggester {
  const waitMs = options.waitMs ?? SUGGESTION_WAIT_MS;
  const log = options.log ?? (() => undefined);
  return {
    async suggest(ownerId, word) {
      const sessionToken = sessionOf(ownerId);
      if (sessionToken === null) return null;
      const asked = core.invoke('quality.suggest', { word }, { sessionToken }).then((result) => {
        if (!result.ok) {
          log(`quality.suggest: ${result.error.code} ${result.error.messageEn}`);
          return null;
        }
        const answer = result.value as { word: string; misspelt: boolean; suggestions: string[] };
        return answer.misspelt ? { word: answer.word, suggestions: answer.suggestions } : null;
      });
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<null>((resolve) => {
        timer = setTimeout(() => {
          log(`quality.suggest: no answer within ${waitMs} ms; the menu opens without suggestions`);
          resolve(null);
        }, waitMs);
      });
      try {
        return await Promise.race([asked, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    async addWord(ownerId, word) {
      const sessionToken = sessionOf(ownerId);
      if (sessionToken === null) return false;
      const result = await core.invoke('quality.addWord', { word }, { sessionToken });
      if (!result.ok) log(`quality.addWord: ${result.error.code} ${result.error.messageEn}`);
      return result.ok;
    },
  };
}
