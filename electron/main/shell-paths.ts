import os from 'node:os';
import path from 'node:path';
import { APP_FOLDER } from '../core/paths';

/**
 * Where Chromium keeps its session data (HTTP cache, code cache, GPU cache, local storage): the platform's cache
 * folder, never the data folder, so that copying or backing up the data folder takes only Tòa Soạn's own files.
 * A data folder moved by TOASOAN_DATA_DIR (a portable install, a test) gets a sibling folder of its own.
 */
export function chromiumDataDir(
  dataDirOverride: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (dataDirOverride) return `${path.resolve(dataDirOverride)}-chromium`;
  if (platform === 'win32')
    return path.join(env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'), APP_FOLDER, 'Chromium');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', APP_FOLDER);
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), APP_FOLDER);
}

/** The core's child entry, built next to main.cjs by scripts/build.mjs. */
export function coreChildEntry(mainDir: string): string {
  return path.join(mainDir, 'core-child.cjs');
}
