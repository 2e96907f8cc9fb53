import path from 'node:path';
import { app, BrowserWindow, session } from 'electron';
import { createCore, type Core } from '../core/core';
import { APP_FOLDER } from '../core/paths';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { keychainSecretBox } from './secret-box';
import { profileFileFor, updateFeedOf } from './update-feed';
import { startUpdates } from './updates';
import { createMainWindow, guardWebContents } from './window';

// The same data folder as browser mode's default, whatever the product name's spelling;
// TOASOAN_DATA_DIR moves it (a portable install, a test).
app.setPath('userData', process.env.TOASOAN_DATA_DIR ?? path.join(app.getPath('appData'), APP_FOLDER));
registerAppScheme();
// Every renderer in an OS sandbox, whatever its webPreferences say (Electron's security checklist).
app.enableSandbox();
// Date and time fields in the Vietnamese order (dd/mm/yyyy), whatever the system's language.
app.commandLine.appendSwitch('lang', 'vi');

let core: Core | null = null;

if (!app.requestSingleInstanceLock()) {
  // A second copy on the same data folder would only race the first: focus the first one instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  void app.whenReady().then(() => {
    // Nothing the renderer asks for (camera, notifications, geolocation…) is granted.
    session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    session.defaultSession.setDevicePermissionHandler(() => false);
    // The installer's organisation profile, applied by the core at first run (an empty data folder) only.
    const profileFile = profileFileFor({
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      argv: process.argv,
    });
    core = createCore({
      dataDir: app.getPath('userData'),
      version: app.getVersion(),
      shell: 'electron',
      secrets: keychainSecretBox(),
      profileFile,
    });
    if (core.startupError)
      console.error(
        `[toasoan] ${core.startupError.code}: ${core.startupError.message}\n[toasoan] ${core.startupError.messageEn}`,
      );
    core.queue?.start();
    registerIpc(core);
    serveRenderer(path.join(__dirname, '..', 'renderer'), path.join(app.getPath('userData'), 'media'));
    installMenu();
    createMainWindow(__dirname);
    void startUpdates(updateFeedOf(profileFile));
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(__dirname);
    });
  });

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let quitting = false;
  app.on('will-quit', (event) => {
    if (!core || quitting) return;
    // Let the publishing queue stop cleanly (a job in flight is resumed at the next start), then quit.
    quitting = true;
    event.preventDefault();
    const closing = core;
    core = null;
    void closing.shutdown().finally(() => app.quit());
  });
}
