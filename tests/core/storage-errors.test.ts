import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/database';
import { createCore } from '../../electron/core/core';
import { tempDataDir } from '../helpers';

const opened: { close(): void }[] = [];
afterEach(() => {
  for (const handle of opened.splice(0)) handle.close();
});

describe('storage failures name the file and change nothing', () => {
  it('a database locked by another program answers DB_LOCKED with its path, and opens once the lock is gone', async () => {
    const dir = tempDataDir();
    openDatabase(dir).db.close();
    const file = path.join(dir, 'toasoan.sqlite');
    // Another program holding an exclusive lock (a backup tool, a second copy of an old version).
    const other = new Database(file);
    opened.push(other);
    other.pragma('locking_mode = EXCLUSIVE');
    other.exec('BEGIN EXCLUSIVE');
    const core = createCore({ dataDir: dir, version: 'test', shell: 'browser', log: () => undefined });
    opened.push(core);
    expect(core.startupError?.code).toBe('DB_LOCKED');
    expect(core.startupError?.message).toContain(file);
    expect(core.startupError?.messageEn).toContain(file);
    other.exec('ROLLBACK');
    other.close();
    // Once the other program lets go, the next call opens the store.
    const answer = await core.invoke('auth.status', {});
    expect(answer).toMatchObject({ ok: true, value: { user: null, needsFirstAdmin: true } });
  }, 20_000);

  it('a data folder where the database cannot be written answers DB_READONLY with its path', async () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'toasoan.sqlite');
    // The write-ahead log cannot be created (a directory stands in its place): as good as a read-only disk,
    // and it holds for root too, whom file permissions do not stop.
    fs.mkdirSync(`${file}-wal`);
    const core = createCore({ dataDir: dir, version: 'test', shell: 'browser', log: () => undefined });
    opened.push(core);
    expect(core.startupError?.code).toBe('DB_READONLY');
    expect(core.startupError?.message).toContain(file);
    const answer = await core.invoke('articles.list', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'DB_READONLY' } });
  });
});
