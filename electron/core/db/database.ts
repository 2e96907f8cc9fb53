import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { ContractError } from '../../../shared/contract/errors';
import { foldForSearch } from '../../../shared/text/fold';
import { htmlToIndexText } from '../store/index-text';
import { openSqlite } from './sqlite';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

/** 'TSOA' — marks the file as ours, so a foreign SQLite file is refused instead of migrated. */
export const APPLICATION_ID = 0x54534f41;
export const DATABASE_FILE = 'toasoan.sqlite';

interface SqliteError extends Error {
  code?: string;
}

/** File-system failures met while creating the folder or the file. */
const UNWRITABLE_FS_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'EEXIST', 'ENOTDIR', 'ENOSPC']);

/** A SQLite failure as a contract error that names the file; null when it is not a storage failure. */
export function storageError(error: unknown, file: string): ContractError | null {
  const code = (error as SqliteError | null)?.code ?? '';
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return ContractError.of('DB_CORRUPT', 'db.corrupt', { file });
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return ContractError.of('DB_LOCKED', 'db.locked', { file });
  }
  if (
    code.startsWith('SQLITE_READONLY') ||
    code === 'SQLITE_CANTOPEN' ||
    code.startsWith('SQLITE_IOERR') ||
    code === 'SQLITE_PERM' ||
    code === 'SQLITE_FULL' ||
    UNWRITABLE_FS_CODES.has(code)
  ) {
    return ContractError.of('DB_READONLY', 'db.readonly', { file });
  }
  return null;
}

function newerVersionError(file: string, version: number): ContractError {
  return ContractError.of('DB_NEWER_VERSION', 'db.newerVersion', { file, version, latest: LATEST_SCHEMA_VERSION });
}

function foreignFileError(file: string): ContractError {
  return ContractError.of('DB_FOREIGN', 'db.foreign', { file });
}

/** The search folding as SQL functions, so a migration can index in plain SQL with the live rules. */
function registerTextFunctions(db: Db): void {
  db.function('search_fold', { deterministic: true }, (text: unknown) =>
    foldForSearch(typeof text === 'string' ? text : ''),
  );
  db.function('search_text', { deterministic: true }, (html: unknown) =>
    htmlToIndexText(typeof html === 'string' ? html : ''),
  );
}

function applyMigrations(db: Db, from: number, migrations: readonly Migration[]): void {
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      migration.run?.(db);
      db.pragma(`user_version = ${migration.version}`);
    }
    db.pragma(`application_id = ${APPLICATION_ID}`);
  }).immediate();
}

export interface OpenOptions {
  /** Only for tests of upgrades: stop at this schema version. */
  migrations?: readonly Migration[];
}

/**
 * Opens (creating if needed) the database in dataDir. The header is read before anything is written,
 * so a newer, foreign or corrupt file is refused without being changed.
 */
export function openDatabase(
  dataDir: string,
  options: OpenOptions = {},
): { db: Db; file: string; schemaVersion: number } {
  const file = path.join(dataDir, DATABASE_FILE);
  const migrations = options.migrations ?? MIGRATIONS;
  let db: Db | undefined;
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    db = openSqlite(file, { timeout: 5000 });
    const version = db.pragma('user_version', { simple: true }) as number;
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const latest = migrations[migrations.length - 1]?.version ?? 0;
    if (applicationId !== APPLICATION_ID) {
      const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").get() as {
        n: number;
      };
      if (applicationId !== 0 || tables.n > 0) throw foreignFileError(file);
    }
    if (version > latest) throw newerVersionError(file, version);
    db.pragma('journal_mode = WAL');
    // FULL: a save that has returned survives a crash of the machine, not only of the process.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    registerTextFunctions(db);
    applyMigrations(db, version, migrations);
    return { db, file, schemaVersion: db.pragma('user_version', { simple: true }) as number };
  } catch (error) {
    db?.close();
    if (error instanceof ContractError) throw error;
    throw storageError(error, file) ?? error;
  }
}
