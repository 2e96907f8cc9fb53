import { app } from 'electron';
import type { UpdateFeed } from './update-feed';

/**
 * Updates through electron-updater, off unless the organisation profile names its own generic update server
 * (`updates.url`: a folder holding latest.yml and the installers electron-builder wrote). Then the packaged app checks
 * once at start, downloads a newer version in the background and installs it when the app quits. An unpackaged run
 * never checks.
 */
export async function startUpdates(feed: UpdateFeed | null): Promise<void> {
  if (!feed) {
    console.log('[toasoan] updates: off (the organisation profile names no update server)');
    return;
  }
  if (!app.isPackaged) {
    console.log(`[toasoan] updates: ${feed.url} is not checked by an unpackaged run`);
    return;
  }
  const { autoUpdater } = await import('electron-updater');
  autoUpdater.setFeedURL(feed);
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.allowDowngrade = false;
  autoUpdater.on('error', (error: Error) => console.warn(`[toasoan] updates: ${error.message}`));
  autoUpdater.on('update-downloaded', (info: { version: string }) =>
    console.log(`[toasoan] updates: ${info.version} downloaded; it installs when Tòa Soạn quits`),
  );
  try {
    await autoUpdater.checkForUpdates();
  } catch (error) {
    console.warn(`[toasoan] updates: could not check ${feed.url}: ${(error as Error).message}`);
  }
}
