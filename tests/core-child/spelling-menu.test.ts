/**
 * The right-click menu's spelling as Electron's main runs it (electron/main/spelling.ts), over the core in its own
 * process (forked by Node here, a utilityProcess in Electron): suggestions under the clicked window's session, the
 * organisation's word list, and a core that does not answer in time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreSpellingSuggester, wordUnderPointer } from '../../electron/main/spelling';
import { tempDataDir } from '../helpers';
import { buildCoreChild, call, exitOf, firstAdmin, forkedCore, removeCoreChild, startOptions } from './support';

let entry: string;

beforeAll(async () => {
  entry = await buildCoreChild();
});

afterAll(() => removeCoreChild(entry));

const SIGNED_IN_WINDOW = 1;
const SIGNED_OUT_WINDOW = 2;

describe('spelling suggestions for the right-click menu, from the core process', () => {
  it('suggests for a doubted word under the window’s session, and honours the organisation’s word list', async () => {
    const { supervisor, processes } = forkedCore(entry, startOptions(tempDataDir()));
    await supervisor.start();
    const token = await firstAdmin(supervisor);
    const logged: string[] = [];
    const spelling = coreSpellingSuggester(
      supervisor,
      (window) => (window === SIGNED_IN_WINDOW ? token : null),
      // Generous: the first call builds the dictionary in the child; lateness is tested below.
      { waitMs: 30_000, log: (message) => logged.push(message) },
    );
    const pointed = wordUnderPointer({ isEditable: true, selectionText: 'chât'.normalize('NFD'), misspelledWord: '' });
    expect(pointed).not.toBeNull();
    const misspelling = await spelling.suggest(SIGNED_IN_WINDOW, pointed!.word);
    expect(misspelling?.word).toBe('chât');
    expect(misspelling?.suggestions[0]).toBe('chất');
    expect(await spelling.suggest(SIGNED_IN_WINDOW, 'chất')).toBeNull();
    expect(await spelling.suggest(SIGNED_IN_WINDOW, 'ASEAN')).toBeNull();
    // A window nobody signed in to gets no suggestions and cannot add words.
    expect(await spelling.suggest(SIGNED_OUT_WINDOW, 'chât')).toBeNull();
    expect(await spelling.addWord(SIGNED_OUT_WINDOW, 'chât')).toBe(false);
    // Thêm vào từ điển: the word is no longer doubted, and the list holds it.
    expect(await spelling.suggest(SIGNED_IN_WINDOW, 'kơnia')).not.toBeNull();
    expect(await spelling.addWord(SIGNED_IN_WINDOW, 'Kơnia')).toBe(true);
    expect(await call<{ words: string[] }>(supervisor, 'quality.settings', {}, token)).toMatchObject({
      words: ['Kơnia'],
    });
    expect(await spelling.suggest(SIGNED_IN_WINDOW, 'kơnia')).toBeNull();
    // Something that is not a word: the core refuses it, the menu simply has no suggestions.
    expect(await spelling.suggest(SIGNED_IN_WINDOW, 'hai từ')).toBeNull();
    expect(logged.join('\n')).toContain('quality.suggest: VALIDATION');
    await supervisor.shutdown();
    expect(await exitOf(processes[0]!)).toEqual({ code: 0, signal: null });
  });

  it('opens the menu without suggestions when the core does not answer in time, and with them once it does', async () => {
    const { supervisor, processes } = forkedCore(entry, startOptions(tempDataDir()));
    await supervisor.start();
    const token = await firstAdmin(supervisor);
    const logged: string[] = [];
    const spelling = coreSpellingSuggester(supervisor, () => token, {
      waitMs: 300,
      log: (message) => logged.push(message),
    });
    const child = processes[0]!;
    // The core is stopped (as a process busy or swapped out would be): it cannot answer at all.
    child.kill('SIGSTOP');
    try {
      expect(await spelling.suggest(1, 'chât')).toBeNull();
      expect(logged).toContain('quality.suggest: no answer within 300 ms; the menu opens without suggestions');
    } finally {
      child.kill('SIGCONT');
    }
    // Running again (the late answer is dropped): the next right-click has its suggestions.
    const generous = coreSpellingSuggester(supervisor, () => token, { waitMs: 30_000 });
    expect((await generous.suggest(1, 'chât'))?.suggestions[0]).toBe('chất');
    await supervisor.shutdown();
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
  });

  it('has no suggestions once the core is gone', async () => {
    const { supervisor } = forkedCore(entry, startOptions(tempDataDir()));
    await supervisor.start();
    const token = await firstAdmin(supervisor);
    await supervisor.shutdown();
    const spelling = coreSpellingSuggester(supervisor, () => token);
    expect(await spelling.suggest(1, 'chât')).toBeNull();
    expect(await spelling.addWord(1, 'chât')).toBe(false);
  });
});
