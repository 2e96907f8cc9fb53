import { BrowserWindow, shell, type WebContents } from 'electron';
import { APP_URL, isAppUrl } from './app-protocol';
import { isSafeExternalUrl } from './external-links';
import { secureWebPreferences } from './web-preferences';

function openExternally(url: string): void {
  // Only web and mail links leave the app, and they go to the system browser, never into a window of ours.
  if (isSafeExternalUrl(url)) void shell.openExternal(url);
}

/**
 * The navigation rules of every web contents the app has (applied from app 'web-contents-created', so none is
 * forgotten): no new windows (links go to the system browser after a check), no navigation away from app://toasoan/,
 * no <webview>.
 */
export function guardWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) {
      event.preventDefault();
      openExternally(url);
    }
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
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
  guardWebContents(window.webContents);
  void window.loadURL(APP_URL);
  return window;
}
