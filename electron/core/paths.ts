import os from 'node:os';
import path from 'node:path';

/** The folder name under the platform's application-data folder; Electron's userData is set to the same. */
export const APP_FOLDER = 'ToaSoan';

/** The platform's application-data folder, as Electron's app.getPath('appData') gives it. */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
}

export function defaultDataDir(): string {
  return path.join(appDataDir(), APP_FOLDER);
}
