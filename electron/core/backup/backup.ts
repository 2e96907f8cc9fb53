/**
 * Backup and restore of the data folder (docs/packaging.md, "Backup archives").
 *
 * A backup is one POSIX tar: `toasoan-backup.json` (the manifest: format, app id and schema version of the database,
 * and the size and SHA-256 of every other entry), `toasoan.sqlite` (SQLite's online backup of the running database:
 * a consistent copy, whatever is being written meanwhile) and `media/<file>` for each file of the media store.
 *
 * A restore first extracts the archive into a staging folder inside the data folder and checks all of it: every
 * header, the manifest, each file's size and SHA-256, no file missing or extra, the database's application id,
 * integrity and schema version (not newer than this app's). Only then does it replace anything: a journal is written,
 * the current database and media folder are moved aside and the staged ones moved in, by renames on the same disk.
 * If the process dies in between, the next start finds the journal and finishes the swap (the staged copy was
 * already checked); if a rename fails while the app runs, the previous files are put back.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ContractError } from '../../../shared/contract/errors';
import type { CatalogKey } from '../../../shared/i18n/catalog';
import type { MessageParams } from '../../../shared/i18n/format';
import { vietnamDateParts } from '../../../shared/text/dateline';
import { parseUntrustedJsonBytes } from '../../../shared/text/safe-json';
import { APPLICATION_ID, DATABASE_FILE, type Db } from '../db/database';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { openSqlite } from '../db/sqlite';
import { MEDIA_FOLDER, mediaFilePath } from '../media/media-store';
import { readTar, TarFormatError, TarWriter } from './tar';

export const BACKUP_FORMAT = 'toasoan-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_NAME = 'toasoan-backup.json';
/** In the data folder while a restore swaps files; its presence at start means: finish the swap. */
export const RESTORE_JOURNAL = 'restore-journal.json';
const STAGING_PREFIX = '.restore-';
const SNAPSHOT_PREFIX = '.backup-';
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
/** What a restore moves: the database with its WAL companions, and the media folder. */
const SIDE_FILES = [`${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`];
const SWAPPED = [DATABASE_FILE, MEDIA_FOLDER];

const manifestSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().min(1),
  createdAt: z.string(),
  appVersion: z.string().max(100),
  applicationId: z.number().int(),
  schemaVersion: z.number().int().nonnegative(),
  articles: z.number().int().nonnegative(),
  files: z
    .array(
      z.strictObject({
        path: z.string().min(1).max(100),
        size: z.number().int().nonnegative(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .max(2_000_000),
  /** SHA-256 of this manifest without this field, as compact JSON in this key order: a damaged manifest is seen. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

function manifestHash(manifest: Omit<BackupManifest, 'sha256'> & { sha256?: string }): string {
  const { sha256: _own, ...rest } = manifest;
  return crypto.createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}

export interface BackupFacts {
  file: string;
  bytes: number;
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  articles: number;
  mediaFiles: number;
}

function invalid(vi: string, en: string): ContractError {
  return new ContractError('BACKUP_INVALID', vi, en);
}

/** A backup not restored, and why (backup.refused.* of the catalog); nothing was replaced. */
function refusedArchive(file: string, reason: BackupRefusal, params?: MessageParams): ContractError {
  return ContractError.of('BACKUP_INVALID', `backup.refused.${reason}`, { ...params, file });
}

type BackupRefusal = CatalogKey extends infer K ? (K extends `backup.refused.${infer R}` ? R : never) : never;

/** The entry names a backup may hold besides the manifest: the database, and media under their store names. */
function allowedEntry(name: string): boolean {
  if (name === DATABASE_FILE) return true;
  if (!name.startsWith(`${MEDIA_FOLDER}/`)) return false;
  return mediaFilePath('/', name.slice(MEDIA_FOLDER.length + 1)) !== null;
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(path.resolve(parent), path.resolve(child));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

async function exists(file: string): Promise<boolean> {
  return (await fs.promises.lstat(file).catch(() => null)) !== null;
}

async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** fsync a folder, so the renames in it survive a power cut (a no-op where folders cannot be opened: Windows). */
async function syncDir(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

function backupFileName(now: Date): string {
  const p = vietnamDateParts(now);
  return `toasoan-backup-${p.year}${p.month}${p.day}-${p.hour}${p.minute}${p.second}`;
}

function databaseFacts(file: string): {
  applicationId: number;
  schemaVersion: number;
  articles: number;
  integrity: string;
} {
  const db = openSqlite(file, { readonly: true, fileMustExist: true });
  try {
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const hasArticles = db
      .prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name = 'articles'")
      .get() as { n: number };
    const articles =
      hasArticles.n > 0 ? (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n : 0;
    return { applicationId, schemaVersion, articles, integrity };
  } finally {
    db.close();
  }
}

// ------------------------------------------------------------------------------------------------ backup

/** The copy in rollback-journal mode: one file that holds everything, with no WAL beside it (reopened, the app sets WAL again). */
function selfContained(file: string): void {
  const db = openSqlite(file);
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

export interface CreateBackupOptions {
  db: Db;
  dataDir: string;
  folder: string;
  appVersion: string;
  now: Date;
}

/** Writes `<folder>/toasoan-backup-<date>-<time>.tar` (Vietnam time); the archive appears only once complete. */
export async function createBackup({
  db,
  dataDir,
  folder,
  appVersion,
  now,
}: CreateBackupOptions): Promise<BackupFacts> {
  const target = path.resolve(folder);
  if (isInside(target, dataDir)) {
    throw invalid(
      `Không lưu bản sao lưu vào trong thư mục dữ liệu (${dataDir}); hãy chọn một thư mục khác, tốt nhất trên ổ đĩa khác.`,
      `A backup is not written inside the data folder (${dataDir}); choose another folder, best on another disk.`,
    );
  }
  const stat = await fs.promises.stat(target).catch(() => null);
  if (!stat?.isDirectory()) throw invalid(`Không có thư mục ${target}.`, `There is no folder ${target}.`);

  let base = backupFileName(now);
  for (let n = 2; await exists(path.join(target, `${base}.tar`)); n++) base = `${backupFileName(now)}-${n}`;
  const file = path.join(target, `${base}.tar`);
  const partial = path.join(target, `.${base}.tar.part`);
  const snapshot = path.join(dataDir, `${SNAPSHOT_PREFIX}${crypto.randomBytes(6).toString('hex')}.sqlite`);
  try {
    // SQLite's online backup: a consistent copy of the database while the app keeps working.
    await db.backup(snapshot);
    selfContained(snapshot);
    const facts = databaseFacts(snapshot);
    // Listed after the snapshot: every image the copied articles use was written before they were saved.
    const mediaNames = (await fs.promises.readdir(path.join(dataDir, MEDIA_FOLDER)).catch(() => [] as string[]))
      .filter((name) => mediaFilePath(dataDir, name) !== null)
      .sort();
    const sources = [
      { name: DATABASE_FILE, file: snapshot },
      ...mediaNames.map((name) => ({ name: `${MEDIA_FOLDER}/${name}`, file: path.join(dataDir, MEDIA_FOLDER, name) })),
    ];
    const files: BackupManifest['files'] = [];
    for (const source of sources)
      files.push({
        path: source.name,
        size: (await fs.promises.stat(source.file)).size,
        sha256: await sha256Of(source.file),
      });
    const unsigned: Omit<BackupManifest, 'sha256'> = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: now.toISOString(),
      appVersion,
      applicationId: facts.applicationId,
      schemaVersion: facts.schemaVersion,
      articles: facts.articles,
      files,
    };
    const manifest: BackupManifest = { ...unsigned, sha256: manifestHash(unsigned) };
    const handle = await fs.promises.open(partial, 'wx');
    let bytes: number;
    try {
      const writer = new TarWriter(handle);
      await writer.addBuffer(MANIFEST_NAME, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'), now);
      for (const [index, source] of sources.entries()) {
        const written = await writer.addFile(source.name, source.file);
        if (written.sha256 !== files[index]?.sha256) throw new Error(`${source.name} changed while it was backed up`);
      }
      bytes = await writer.finish();
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(partial, file);
    await syncDir(target);
    return {
      file,
      bytes,
      createdAt: manifest.createdAt,
      appVersion,
      schemaVersion: facts.schemaVersion,
      articles: facts.articles,
      mediaFiles: mediaNames.length,
    };
  } catch (error) {
    await fs.promises.rm(partial, { force: true });
    if (error instanceof ContractError) throw error;
    const reason = (error as Error).message;
    throw invalid(
      `Không ghi được bản sao lưu vào ${target}: ${reason}`,
      `The backup could not be written to ${target}: ${reason}`,
    );
  } finally {
    for (const leftover of [snapshot, `${snapshot}-wal`, `${snapshot}-shm`])
      await fs.promises.rm(leftover, { force: true });
  }
}

// ------------------------------------------------------------------------------------------------ restore: check

export interface StagedRestore {
  /** The staging folder inside the data folder, holding toasoan.sqlite and media/. */
  staging: string;
  manifest: BackupManifest;
  facts: BackupFacts;
}

/**
 * Extracts and checks a whole archive into a staging folder inside dataDir. Throws BACKUP_INVALID (or NOT_FOUND) and
 * removes the staging folder when anything is wrong; the data folder's own files are never touched here.
 */
export async function stageRestore(dataDir: string, archive: string): Promise<StagedRestore> {
  const file = path.resolve(archive);
  const stat = await fs.promises.stat(file).catch(() => null);
  if (!stat?.isFile())
    throw new ContractError('NOT_FOUND', `Không có tệp sao lưu ${file}.`, `There is no backup file ${file}.`);
  const staging = path.join(dataDir, `${STAGING_PREFIX}${crypto.randomBytes(6).toString('hex')}`);
  await fs.promises.mkdir(path.join(staging, MEDIA_FOLDER), { recursive: true });
  const refuse = (reason: BackupRefusal, params?: MessageParams) => refusedArchive(file, reason, params);
  try {
    const handle = await fs.promises.open(file, 'r');
    let manifest: BackupManifest | null = null;
    const expected = new Map<string, { size: number; sha256: string }>();
    const seen = new Set<string>();
    try {
      await readTar(handle, async (entry, read) => {
        if (!manifest) {
          if (entry.name !== MANIFEST_NAME || entry.size > MAX_MANIFEST_BYTES) {
            throw refuse('notABackup');
          }
          const chunks: Buffer[] = [];
          await read((chunk) => {
            chunks.push(chunk);
          });
          let json: unknown;
          try {
            // The hardened parser: strict UTF-8, no prototype or duplicate keys, bounded depth.
            json = parseUntrustedJsonBytes(Buffer.concat(chunks));
          } catch {
            throw refuse('manifestDamaged');
          }
          const parsed = manifestSchema.safeParse(json);
          if (!parsed.success) throw refuse('manifestFormat');
          const m = parsed.data;
          if (manifestHash(json as BackupManifest) !== m.sha256) throw refuse('manifestDamaged');
          if (m.formatVersion > BACKUP_FORMAT_VERSION) {
            throw refuse('newerFormat', { format: m.formatVersion, known: BACKUP_FORMAT_VERSION });
          }
          if (m.applicationId !== APPLICATION_ID) throw refuse('foreignDatabase');
          if (m.schemaVersion > LATEST_SCHEMA_VERSION) {
            throw refuse('newerSchema', { version: m.schemaVersion, latest: LATEST_SCHEMA_VERSION });
          }
          for (const f of m.files) {
            if (!allowedEntry(f.path) || expected.has(f.path)) throw refuse('strangeFile', { entry: f.path });
            expected.set(f.path, { size: f.size, sha256: f.sha256 });
          }
          if (!expected.has(DATABASE_FILE)) throw refuse('noDatabase');
          manifest = m;
          return;
        }
        const want = expected.get(entry.name);
        if (!want || seen.has(entry.name)) throw refuse('unlisted', { entry: entry.name });
        seen.add(entry.name);
        if (entry.size !== want.size) throw refuse('wrongSize', { entry: entry.name });
        const out = await fs.promises.open(path.join(staging, ...entry.name.split('/')), 'wx');
        const hash = crypto.createHash('sha256');
        try {
          let position = 0;
          await read(async (chunk) => {
            hash.update(chunk);
            await out.write(chunk, 0, chunk.length, position);
            position += chunk.length;
          });
          await out.sync();
        } finally {
          await out.close();
        }
        if (hash.digest('hex') !== want.sha256) throw refuse('wrongHash', { entry: entry.name });
      });
    } finally {
      await handle.close();
    }
    const m = manifest as BackupManifest | null;
    if (!m) throw refuse('empty');
    const missing = [...expected.keys()].filter((name) => !seen.has(name));
    if (missing.length > 0) throw refuse('missing', { count: missing.length, entry: missing[0] as string });
    // The database itself, not only the manifest's word for it.
    let facts: ReturnType<typeof databaseFacts>;
    try {
      facts = databaseFacts(path.join(staging, DATABASE_FILE));
    } catch {
      throw refuse('corruptDatabase');
    }
    if (facts.applicationId !== APPLICATION_ID) throw refuse('foreignDatabase');
    if (facts.integrity !== 'ok') throw refuse('integrity');
    if (facts.schemaVersion > LATEST_SCHEMA_VERSION || facts.schemaVersion !== m.schemaVersion) {
      throw refuse('schemaMismatch');
    }
    return {
      staging,
      manifest: m,
      facts: {
        file,
        bytes: stat.size,
        createdAt: m.createdAt,
        appVersion: m.appVersion,
        schemaVersion: facts.schemaVersion,
        articles: facts.articles,
        mediaFiles: m.files.length - 1,
      },
    };
  } catch (error) {
    await fs.promises.rm(staging, { recursive: true, force: true });
    if (error instanceof ContractError) throw error;
    if (error instanceof TarFormatError) throw refuse('notAnArchive', { detail: error.message });
    throw error;
  }
}

// ------------------------------------------------------------------------------------------------ restore: swap

async function writeJournal(dataDir: string, staging: string): Promise<void> {
  const journal = path.join(dataDir, RESTORE_JOURNAL);
  const temp = `${journal}.tmp`;
  const handle = await fs.promises.open(temp, 'w');
  try {
    await handle.writeFile(JSON.stringify({ staging: path.basename(staging) }));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(temp, journal);
  await syncDir(dataDir);
}

/**
 * Moves the current files aside (into <staging>/previous) and the staged ones in, by renames on the same disk.
 * Idempotent: after a crash half-way it is run again from the journal and does what is left.
 */
function rollForward(dataDir: string, staging: string): void {
  const previous = path.join(staging, 'previous');
  fs.mkdirSync(previous, { recursive: true });
  const aside = (name: string) => {
    const current = path.join(dataDir, name);
    if (!fs.existsSync(current)) return;
    let to = path.join(previous, name);
    if (fs.existsSync(to)) to = `${to}.${Date.now()}`;
    fs.renameSync(current, to);
  };
  // The WAL of the old database must never meet the new one.
  for (const name of SIDE_FILES) aside(name);
  for (const name of SWAPPED) {
    const staged = path.join(staging, name);
    if (!fs.existsSync(staged)) continue;
    aside(name);
    fs.renameSync(staged, path.join(dataDir, name));
  }
}

/** Puts the previous files back after a failed rollForward (while the app runs). */
async function rollBack(dataDir: string, staging: string): Promise<void> {
  const previous = path.join(staging, 'previous');
  for (const name of [...SWAPPED].reverse()) {
    const old = path.join(previous, name);
    if (!(await exists(old))) continue;
    const current = path.join(dataDir, name);
    if (await exists(current)) await fs.promises.rename(current, path.join(staging, name));
    await fs.promises.rename(old, current);
  }
  for (const name of SIDE_FILES) {
    const old = path.join(previous, name);
    if (await exists(old)) await fs.promises.rename(old, path.join(dataDir, name));
  }
  await syncDir(dataDir);
}

async function finish(dataDir: string, staging: string): Promise<void> {
  await fs.promises.rm(path.join(dataDir, RESTORE_JOURNAL), { force: true });
  await syncDir(dataDir);
  await fs.promises.rm(staging, { recursive: true, force: true });
}

/**
 * Replaces the data folder's database and media with the staged ones. The store must be closed. On failure the
 * previous files are put back and the error is thrown.
 */
export async function swapInRestore(dataDir: string, staging: string): Promise<void> {
  await writeJournal(dataDir, staging);
  try {
    rollForward(dataDir, staging);
    await syncDir(dataDir);
  } catch (error) {
    await rollBack(dataDir, staging);
    await finish(dataDir, staging);
    const reason = (error as Error).message;
    throw invalid(
      `Không thay được dữ liệu bằng bản sao lưu (${reason}); dữ liệu cũ được giữ nguyên.`,
      `The data could not be replaced by the backup (${reason}); the previous data was kept.`,
    );
  }
  await finish(dataDir, staging);
}

/** Removes a staging folder of a restore that was refused or abandoned before it swapped anything. */
export async function discardStaging(staging: string): Promise<void> {
  await fs.promises.rm(staging, { recursive: true, force: true });
}

/**
 * At start, before the database is opened: finishes a restore the process died in the middle of (the journal says
 * which staging folder; its content was checked before the journal was written), and removes leftovers of refused
 * restores and of backups cut short. Answers whether a restore was finished.
 */
export function recoverInterruptedRestore(dataDir: string): boolean {
  if (!fs.existsSync(dataDir)) return false;
  const entries = fs.readdirSync(dataDir, { withFileTypes: true });
  const journalFile = path.join(dataDir, RESTORE_JOURNAL);
  let finished = false;
  let keep: string | null = null;
  if (fs.existsSync(journalFile)) {
    let staging: string | null = null;
    try {
      const name = (JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { staging?: unknown }).staging;
      if (typeof name === 'string' && /^\.restore-[0-9a-f]{12}$/.test(name)) staging = path.join(dataDir, name);
    } catch {
      staging = null;
    }
    if (staging && fs.existsSync(staging)) {
      keep = staging;
      rollForward(dataDir, staging);
      finished = true;
    }
    fs.rmSync(journalFile, { force: true });
  }
  for (const entry of entries) {
    const full = path.join(dataDir, entry.name);
    if (entry.isDirectory() && entry.name.startsWith(STAGING_PREFIX)) fs.rmSync(full, { recursive: true, force: true });
    else if (entry.isFile() && entry.name.startsWith(SNAPSHOT_PREFIX) && entry.name.endsWith('.sqlite'))
      fs.rmSync(full, { force: true });
  }
  if (keep) fs.rmSync(keep, { recursive: true, force: true });
  return finished;
}
