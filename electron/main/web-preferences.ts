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
    spellcheck: true,
  };
}
