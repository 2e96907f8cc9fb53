import { BrowserWindow, shell } from 'electron';
import { APP_URL, isAppUrl } from './app-protocol';
import { secureWebPreferences } from './web-preferences';

function openExternally(url: string): void {
  // Only web and mail links leave the app, and they go to the system browser, never into a window of ours.
  if (/^(https?|mailto):/i.test(url)) void shell.openExternal(url);
}

export function createMainWindow(preloadDir: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Tòa Soạn',
    show: false,
    backgroundColor: '#f5f6f8',
    webPreferences: secureWebPreferences(preloadDir),
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) {
      event.preventDefault();
      openExternally(url);
    }
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  void window.loadURL(APP_URL);
  return window;
}
