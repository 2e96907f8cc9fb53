// Types of scripts/electron-setup.mjs, for the tests that import it.
export function electronVersion(root: string): string;
export function electronBinary(): string | null;
export function electronDownloadUrl(
  version: string,
  env?: NodeJS.ProcessEnv,
  platform?: NodeJS.Platform,
  arch?: string,
): string;
export function canReach(url: string, timeoutMs?: number): Promise<boolean>;
export function electronSqliteBinding(root: string, version: string): string;
export function progressLine(version: string, transferred: number, total: number | undefined): string;
export function downloadElectron(root: string, log: (line: string) => void): Promise<void>;
export function buildSqliteForElectron(root: string, version: string, log: (line: string) => void): string;
export function prepareElectron(
  root: string,
  log?: (line: string) => void,
): Promise<
  { electron: string; sqliteBinding: string; browser?: undefined } | { browser: string; electron?: undefined }
>;
