import path from 'node:path';
import type { WebPreferences } from 'electron';

/** The renderer's isolation, by Electron's security checklist: no Node, isolated world, OS sandbox. */
export function secureWebPreferences(preloadDir: string): WebPreferences {
  return {
    preload: path.join(preloadDir, 'preload.cjs'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // Chromium's spell checker fetches its dictionaries from Google at run time, which these offices cannot reach:
    // off. The app's own checker (bundled dictionary) works in the page; its suggestions reach the context menu.
    spellcheck: false,
  };
}

/**
 * Where Chromium would fetch a spelling dictionary, should anything turn its checker on: a local address where nothing
 * listens (port 1), so no request ever leaves the machine.
 */
export const NO_DICTIONARY_DOWNLOAD_URL = 'http://127.0.0.1:1/toasoan-no-dictionary-download/';
