import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import type { Language } from '../../shared/contract/app';
import { CoreFailure, createCoreSupervisor, type CoreSupervisor } from '../core/child/supervisor';
import { APP_FOLDER } from '../core/paths';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { attachContextMenu, keepSpellCheckingOffline, setSpellingSuggester } from './context-menu';
import { launchCoreProcess } from './core-process';
import { writeFailureLog } from './failure-report';
import { coreFailureReport, failAndExit, installFailureHandlers } from './fatal';
import { registerIpc } from './ipc';
import { applicationMenuTemplate } from './menu';
import { osKeychain } from './secret-box';
import { coreSpellingSuggester } from './spelling';
import { chromiumDataDir, coreChildEntry } from './shell-paths';
import { profileFileFor, updateFeedOf } from './update-feed';
import { startUpdates } from './updates';
import { createMainWindow, guardWebContents } from './window';

// The same data folder as browser mode's default, whatever the product name's spelling;
// TOASOAN_DATA_DIR moves it (a portable install, a test). Chromium's caches go elsewhere (shell-paths.ts).
const dataDir = process.env.TOASOAN_DATA_DIR ?? path.join(app.getPath('appData'), APP_FOLDER);
app.setPath('userData', dataDir);
app.setPath('sessionData', chromiumDataDir(process.env.TOASOAN_DATA_DIR));
installFailureHandlers(dataDir);
registerAppScheme();
// Every renderer in an OS sandbox, whatever its webPreferences say (Electron's security checklist).
app.enableSandbox();
// Date and time fields in the Vietnamese order (dd/mm/yyyy), whatever the system's language.
app.commandLine.appendSwitch('lang', 'vi');

let core: CoreSupervisor | null = null;
let language: Language | null = null;

function useLanguage(next: Language): void {
  if (next === language) return;
  language = next;
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(next)));
}

async function startCore(profileFile: string | null): Promise<CoreSupervisor> {
  const keychain = osKeychain();
  if (!keychain)
    console.warn('[toasoan] No OS keychain: publishing secrets are stored unencrypted in the data folder.');
  const supervisor = createCoreSupervisor({
    launch: () => launchCoreProcess(coreChildEntry(__dirname)),
    start: {
      dataDir,
      version: app.getVersion(),
      shell: 'electron',
      profileFile,
      // npm start passes better-sqlite3's Electron build (kept apart from the Node one); a packaged app's own is rebuilt.
      sqliteBinding: app.isPackaged ? null : (process.env.TOASOAN_SQLITE_BINDING ?? null),
      keychain: keychain !== null,
      packaged: app.isPackaged,
    },
    keychain: keychain ?? undefined,
    onRestart: (detail) =>
      writeFailureLog(dataDir, {
        kind: 'childProcessGone',
        message: `Phần lõi dừng đột ngột (${detail}) và được khởi động lại.`,
        messageEn: `The core stopped unexpectedly (${detail}) and was started again.`,
        detail,
      }),
    onFailure: (failure) => failAndExit(dataDir, coreFailureReport(failure)),
    log: (message) => console.warn(`[toasoan] ${message}`),
  });
  const started = await supervisor.start();
  if (started.startupError) {
    const { code, message, messageEn } = started.startupError;
    console.error(`[toasoan] ${code}: ${message}\n[toasoan] ${messageEn}`);
    // The window opens and shows it too; the dialog makes sure it is not missed.
    void dialog.showMessageBox({ type: 'error', title: 'Tòa Soạn', message, detail: messageEn });
  }
  return supervisor;
}

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

  void app.whenReady().then(async () => {
    // Nothing the renderer asks for (camera, notifications, geolocation…) is granted.
    session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    session.defaultSession.setDevicePermissionHandler(() => false);
    keepSpellCheckingOffline(session.defaultSession);
    // The installer's organisation profile, applied by the core at first run (an empty data folder) only.
    const profileFile = profileFileFor({
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      argv: process.argv,
    });
    try {
      core = await startCore(profileFile);
    } catch (failure) {
      if (failure instanceof CoreFailure) failAndExit(dataDir, coreFailureReport(failure));
      else throw failure;
      return;
    }
    const sessionOf = registerIpc(core, useLanguage);
    setSpellingSuggester(
      coreSpellingSuggester(core, sessionOf, { log: (message) => console.warn(`[toasoan] ${message}`) }),
    );
    const settings = await core.invoke('settings.get', {}, { sessionToken: null });
    useLanguage(settings.ok ? (settings.value as { language: Language }).language : 'vi');
    serveRenderer(path.join(__dirname, '..', 'renderer'), path.join(dataDir, 'media'));
    createMainWindow(__dirname);
    void startUpdates(updateFeedOf(profileFile));
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow(__dirname);
    });
  });

  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents);
    attachContextMenu(contents, () => language ?? 'vi');
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let quitting = false;
  app.on('will-quit', (event) => {
    if (!core || quitting) return;
    // Let the core stop its publishing queue (a job in flight is resumed at the next start) and close its store.
    quitting = true;
    event.preventDefault();
    const closing = core;
    core = null;
    void closing.shutdown().finally(() => app.quit());
  });
}
