import Database from 'better-sqlite3';

/**
 * better-sqlite3's native module. Node (tests, browser mode) loads the one `npm install` built; an unpackaged
 * Electron run loads a second build kept in its own folder (scripts/start.mjs), through better-sqlite3's
 * `nativeBinding` option, so that preparing Electron never breaks the tests under Node.
 */
let nativeBinding: string | null = null;

export function useSqliteBinding(file: string | null): void {
  nativeBinding = file;
}

/** The binding in use (a worker thread that opens the store loads the same). */
export function sqliteBinding(): string | null {
  return nativeBinding;
}

export function openSqlite(file: string, options: Database.Options = {}): Database.Database {
  return new Database(file, nativeBinding ? { ...options, nativeBinding } : options);
}

export interface NativeModuleProblem {
  kind: 'abi' | 'corrupt' | 'missing';
  message: string;
  messageEn: string;
  /** What the runtime said, for the log. */
  detail: string;
}

/**
 * The command that builds better-sqlite3 for the runtime that failed to load it. A packaged app's module comes from
 * its installer: that is built again (an .npmrc `nodedir` makes electron-builder's rebuild target Node, so it is
 * cleared).
 */
export function sqliteFixCommand(runtime: 'node' | 'electron', packaged = false): string {
  if (runtime === 'node') return 'npm rebuild better-sqlite3';
  return packaged ? 'npm_config_nodedir= npm run dist' : 'npm start';
}

/**
 * Loads the native module once, on an in-memory database (no file is touched), and explains a failure in one
 * sentence with the command that fixes it: a module built for another runtime (NODE_MODULE_VERSION), a file that is
 * not a loadable module, or no module at all.
 */
export function checkSqliteBinding(
  runtime: 'node' | 'electron' = process.versions.electron ? 'electron' : 'node',
  packaged = false,
): NativeModuleProblem | null {
  try {
    openSqlite(':memory:').close();
    return null;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const fix = sqliteFixCommand(runtime, packaged);
    const here = runtime === 'electron' ? `Electron ${process.versions.electron ?? ''}`.trim() : `Node.js`;
    const versions = /NODE_MODULE_VERSION (\d+)\.[\s\S]*NODE_MODULE_VERSION (\d+)/.exec(detail);
    if (versions) {
      const [, built, wanted] = versions;
      return {
        kind: 'abi',
        message: `Mô-đun better-sqlite3 được dựng cho một môi trường khác (phiên bản mô-đun ${built}), không phải cho ${here} (cần ${wanted}): hãy chạy \`${fix}\`.`,
        messageEn: `better-sqlite3 was built for another runtime (module version ${built}), not for ${here} (which needs ${wanted}): run \`${fix}\`.`,
        detail,
      };
    }
    const code = (error as { code?: string }).code;
    if (code === 'MODULE_NOT_FOUND' || /Could not locate the bindings file|Cannot find module/.test(detail)) {
      return {
        kind: 'missing',
        message: `Không tìm thấy mô-đun gốc của better-sqlite3 cho ${here}: hãy chạy \`${fix}\`.`,
        messageEn: `better-sqlite3's native module for ${here} is missing: run \`${fix}\`.`,
        detail,
      };
    }
    return {
      kind: 'corrupt',
      message: `Mô-đun gốc của better-sqlite3 bị hỏng hoặc không nạp được vào ${here}: hãy chạy \`${fix}\`.`,
      messageEn: `better-sqlite3's native module is damaged or cannot be loaded by ${here}: run \`${fix}\`.`,
      detail,
    };
  }
}
