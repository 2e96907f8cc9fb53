import { Menu, type ContextMenuParams, type Session, type WebContents } from 'electron';
import type { Language } from '../../shared/contract/app';
import { contextMenuTemplate, type SpellingMenu } from './menu';
import { replacementFor, wordUnderPointer, type SpellingSuggester } from './spelling';
import { NO_DICTIONARY_DOWNLOAD_URL } from './web-preferences';

let suggester: SpellingSuggester | null = null;

/** The hook for the app's own spell checker: its suggestions then head the context menu of an editable field. */
export function setSpellingSuggester(suggest: SpellingSuggester | null): void {
  suggester = suggest;
}

/** The spelling part of the menu for what was right-clicked, when the app's checker doubts the word. */
async function spellingMenu(contents: WebContents, params: ContextMenuParams): Promise<SpellingMenu | null> {
  const pointed = wordUnderPointer(params);
  const checker = suggester;
  if (!pointed || !checker) return null;
  const misspelling = await checker.suggest(contents.id, pointed.word);
  if (!misspelling) return null;
  return {
    ...misspelling,
    replace: (suggestion) =>
      pointed.fromChromium
        ? contents.replaceMisspelling(suggestion)
        : contents.replace(replacementFor(pointed, suggestion)),
    addWord: () => void checker.addWord(contents.id, misspelling.word),
  };
}

/** Right-click in any web contents: spelling suggestions, cut, copy, paste, select all, in the UI's language. */
export function attachContextMenu(contents: WebContents, language: () => Language): void {
  contents.on('context-menu', (_event, params) => {
    // A checker that fails must not cost the menu: it opens without suggestions.
    void spellingMenu(contents, params)
      .catch(() => null)
      .then((spelling) => {
        if (contents.isDestroyed()) return;
        Menu.buildFromTemplate(contextMenuTemplate(params, language(), spelling)).popup();
      });
  });
}

/** Chromium's own spell checker stays off and can never download a dictionary (see web-preferences.ts). */
export function keepSpellCheckingOffline(session: Session): void {
  session.setSpellCheckerEnabled(false);
  session.setSpellCheckerDictionaryDownloadURL(NO_DICTIONARY_DOWNLOAD_URL);
}
