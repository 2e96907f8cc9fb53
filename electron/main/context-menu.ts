import { Menu, type Session, type WebContents } from 'electron';
import type { Language } from '../../shared/contract/app';
import { contextMenuTemplate, type SpellingSuggester } from './menu';
import { NO_DICTIONARY_DOWNLOAD_URL } from './web-preferences';

let suggester: SpellingSuggester | null = null;

/** The hook for the app's own spell checker: its suggestions then head the context menu of an editable field. */
export function setSpellingSuggester(suggest: SpellingSuggester | null): void {
  suggester = suggest;
}

/** Right-click in any web contents: cut, copy, paste, select all, in the UI's language. */
export function attachContextMenu(contents: WebContents, language: () => Language): void {
  contents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params, language(), {
      suggest: suggester,
      // The suggester names the selected word; the suggestion takes its place.
      replace: (word) => contents.replace(word),
    });
    Menu.buildFromTemplate(template).popup();
  });
}

/** Chromium's own spell checker stays off and can never download a dictionary (see web-preferences.ts). */
export function keepSpellCheckingOffline(session: Session): void {
  session.setSpellCheckerEnabled(false);
  session.setSpellCheckerDictionaryDownloadURL(NO_DICTIONARY_DOWNLOAD_URL);
}
