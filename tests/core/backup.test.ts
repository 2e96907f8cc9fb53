import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import {
  MANIFEST_NAME,
  RESTORE_JOURNAL,
  recoverInterruptedRestore,
  stageRestore,
  type BackupManifest,
} from '../../electron/core/backup/backup';
import { readTar, TarWriter } from '../../electron/core/backup/tar';
import { DATABASE_FILE } from '../../electron/core/db/database';
import { cleanupAll, fails, ok, openCore, sha256, tempDataDir } from '../helpers';

afterEach(cleanupAll);

const png = (colour: string) =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: colour } })
    .png()
    .toBuffer();

/** A library worth restoring: articles in two categories, one with an image, a second image unused. */
async function library(core: Core): Promise<void> {
  const category = await ok(core, 'categories.create', { name: 'Tin tức' });
  const image = await ok(core, 'media.import', {
    fileName: 'anh.png',
    dataBase64: (await png('#336699')).toString('base64'),
  });
  await ok(core, 'media.import', { fileName: 'anh-2.png', dataBase64: (await png('#993366')).toString('base64') });
  const first = await ok(core, 'articles.create', { title: 'Hội nghị sơ kết', categoryId: category.id });
  await ok(core, 'articles.update', {
    id: first.id,
    baseVersion: first.version,
    changes: { lead: 'Tóm tắt', featuredImage: image.ref },
  });
  await ok(core, 'articles.create', { title: 'Thông báo lịch tiếp dân' });
}

/** What a restore must bring back: the articles as stored, and the media files by name and content. */
function state(dataDir: string): { articles: unknown[]; media: Record<string, string> } {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const articles = db
      .prepare(
        'SELECT id, title, lead, version, status, featured_image, category_id, body_html FROM articles ORDER BY id',
      )
      .all();
    const folder = path.join(dataDir, 'media');
    const media = Object.fromEntries(
      (fs.existsSync(folder) ? fs.readdirSync(folder).sort() : []).map((name) => [
        name,
        sha256(path.join(folder, name)),
      ]),
    );
    return { articles, media };
  } finally {
    db.close();
  }
}

/** The archive's entries, read with the app's own reader. */
async function entries(archive: string): Promise<{ name: string; data: Buffer }[]> {
  const out: { name: string; data: Buffer }[] = [];
  const handle = await fs.promises.open(archive, 'r');
  try {
    await readTar(handle, async (entry, read) => {
      const chunks: Buffer[] = [];
      await read((chunk) => {
        chunks.push(chunk);
      });
      out.push({ name: entry.name, data: Buffer.concat(chunks) });
    });
  } finally {
    await handle.close();
  }
  return out;
}

/** Writes an archive from entries (to forge backups: a correct tar, with whatever content a test wants). */
async function writeArchive(file: string, list: { name: string; data: Buffer }[]): Promise<string> {
  const handle = await fs.promises.open(file, 'w');
  try {
    const writer = new TarWriter(handle);
    for (const entry of list) await writer.addBuffer(entry.name, entry.data);
    await writer.finish();
  } finally {
    await handle.close();
  }
  return file;
}

const manifestOf = (list: { name: string; data: Buffer }[]) =>
  JSON.parse((list[0] as { data: Buffer }).data.toString('utf8')) as BackupManifest;
/** The entries with another manifest, its own hash made right (as a forger would), so the checks behind it are reached. */
const withManifest = (list: { name: string; data: Buffer }[], manifest: BackupManifest) => {
  const { sha256: _old, ...rest } = manifest;
  const signed = { ...rest, sha256: crypto.createHash('sha256').update(JSON.stringify(rest)).digest('hex') };
  return [{ name: MANIFEST_NAME, data: Buffer.from(JSON.stringify(signed)) }, ...list.slice(1)];
};
const hash = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');

describe('backup and restore of the data folder', () => {
  it('writes one archive (a tar other tools read) with the database, every media file and their hashes', async () => {
    const dataDir = tempDataDir();
    const core = openCore(dataDir);
    await library(core);
    const folder = tempDataDir('toasoan-backups-');
    const made = await ok(core, 'backup.create', { folder });
    expect(path.dirname(made.file)).toBe(folder);
    expect(path.basename(made.file)).toMatch(/^toasoan-backup-\d{8}-\d{6}\.tar$/);
    expect(made).toMatchObject({ articles: 2, mediaFiles: 4, appVersion: '0.0.0-test' });
    expect(fs.statSync(made.file).size).toBe(made.bytes);
    // Nothing half-written is left beside it, nor in the data folder.
    expect(fs.readdirSync(folder)).toEqual([path.basename(made.file)]);
    expect(fs.readdirSync(dataDir).filter((name) => name.startsWith('.'))).toEqual([]);

    const list = await entries(made.file);
    expect(list[0]?.name).toBe(MANIFEST_NAME);
    const manifest = manifestOf(list);
    expect(manifest).toMatchObject({
      format: 'toasoan-backup',
      formatVersion: 1,
      applicationId: 0x54534f41,
      articles: 2,
    });
    expect(list.slice(1).map((e) => e.name)).toEqual(manifest.files.map((f) => f.path));
    for (const entry of list.slice(1))
      expect(manifest.files.find((f) => f.path === entry.name)?.sha256).toBe(hash(entry.data));
    expect(list.map((e) => e.name)).toEqual([
      MANIFEST_NAME,
      DATABASE_FILE,
      ...Object.keys(state(dataDir).media).map((name) => `media/${name}`),
    ]);

    const tar = spawnSync('tar', ['-tf', made.file], { encoding: 'utf8' });
    if (tar.status === 0) expect(tar.stdout.trim().split('\n')).toEqual(list.map((e) => e.name));

    const audit = await ok(core, 'audit.list', { action: 'backup.create' });
    expect(JSON.parse(audit.items[0]?.details ?? '{}')).toMatchObject({ file: made.file, articles: 2, mediaFiles: 4 });
  });

  it('restores the same articles and media, ends every session, and records it', async () => {
    const dataDir = tempDataDir();
    const core = openCore(dataDir);
    await library(core);
    const before = state(dataDir);
    const { file } = await ok(core, 'backup.create', { folder: tempDataDir('toasoan-backups-') });
    // Work after the backup: a new article, an edit, a deletion, another image.
    await ok(core, 'articles.create', { title: 'Bài viết sau khi sao lưu' });
    const second = (await ok(core, 'articles.list', {})).items.find((a) => a.title === 'Thông báo lịch tiếp dân');
    await ok(core, 'articles.trash', { id: second?.id as number });
    await ok(core, 'articles.purge', { id: second?.id as number });
    await ok(core, 'media.import', { fileName: 'moi.png', dataBase64: (await png('#00aa00')).toString('base64') });
    expect(state(dataDir)).not.toEqual(before);

    const restored = await ok(core, 'backup.restore', { file });
    expect(restored).toMatchObject({ file, articles: 2, mediaFiles: 4, signedOut: true });
    expect(state(dataDir)).toEqual(before);
    // The restore left no staging folder, journal or old copy behind.
    expect(fs.readdirSync(dataDir).filter((name) => name.startsWith('.') || name === RESTORE_JOURNAL)).toEqual([]);
    // Everyone signs in again, into the restored accounts.
    expect((await fails(core, 'articles.list', {})).code).toBe('AUTH_REQUIRED');
    const signed = await ok(core, 'auth.signIn', { username: 'quantri', password: 'mat-khau-quan-tri' }, null);
    const titles = (await ok(core, 'articles.list', {}, signed.sessionToken)).items.map((a) => a.title).sort();
    expect(titles).toEqual(['Hội nghị sơ kết', 'Thông báo lịch tiếp dân']);
    const audit = await ok(core, 'audit.list', { action: 'backup.restore' }, signed.sessionToken);
    expect(audit.items[0]).toMatchObject({ username: 'quantri', userId: null });
    // The store works on: a new article goes into the restored database.
    await ok(core, 'articles.create', { title: 'Sau khôi phục' }, signed.sessionToken);
  });

  it('refuses a damaged or foreign archive in many ways, and replaces nothing', async () => {
    const dataDir = tempDataDir();
    const core = openCore(dataDir);
    await library(core);
    const folder = tempDataDir('toasoan-backups-');
    const { file } = await ok(core, 'backup.create', { folder });
    await ok(core, 'articles.create', { title: 'Chỉ có ở đây' });
    const current = state(dataDir);
    const original = fs.readFileSync(file);
    const list = await entries(file);
    const manifest = manifestOf(list);
    const mediaIndex = list.findIndex((e) => e.name.startsWith('media/'));
    const at = (name: string) => path.join(folder, name);

    const foreign = new Database(at('foreign.sqlite'));
    foreign.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    foreign.close();
    const foreignBytes = fs.readFileSync(at('foreign.sqlite'));
    const newer = new Database(at('newer.sqlite'));
    newer.pragma('application_id = 1414745921');
    newer.pragma('user_version = 999');
    newer.exec('CREATE TABLE articles (id INTEGER PRIMARY KEY)');
    newer.close();
    const newerBytes = fs.readFileSync(at('newer.sqlite'));
    const swapDb = (bytes: Buffer) =>
      withManifest(
        list.map((e) => (e.name === DATABASE_FILE ? { name: e.name, data: bytes } : e)),
        {
          ...manifest,
          files: manifest.files.map((f) =>
            f.path === DATABASE_FILE ? { ...f, size: bytes.length, sha256: hash(bytes) } : f,
          ),
        },
      );
    const flipped = Buffer.from(list[mediaIndex]?.data as Buffer);
    flipped[flipped.length - 10] = (flipped[flipped.length - 10] as number) ^ 0xff;

    const cases: [string, () => Promise<string>, RegExp][] = [
      [
        'not an archive',
        async () => (fs.writeFileSync(at('a.tar'), 'this is not a tar file at all'), at('a.tar')),
        /not a valid backup archive|truncated/,
      ],
      [
        'a tar of something else',
        () => writeArchive(at('b.tar'), [{ name: 'readme.txt', data: Buffer.from('hello') }]),
        /not a Tòa Soạn backup/,
      ],
      [
        'truncated',
        async () => (fs.writeFileSync(at('c.tar'), original.subarray(0, Math.floor(original.length / 2))), at('c.tar')),
        /truncated/,
      ],
      [
        'a header damaged',
        async () => {
          const bytes = Buffer.from(original);
          // The database's header comes after the manifest's header and data.
          const second = 512 + Math.ceil((list[0] as { data: Buffer }).data.length / 512) * 512;
          bytes[second + 3] = 0x41;
          fs.writeFileSync(at('d.tar'), bytes);
          return at('d.tar');
        },
        /checksum/,
      ],
      [
        'the manifest altered',
        async () => {
          const bytes = Buffer.from(original);
          const text = bytes.subarray(512, 512 + (list[0] as { data: Buffer }).data.length).toString('utf8');
          const where = 512 + Buffer.byteLength(text.slice(0, text.indexOf('"articles": ') + '"articles": '.length));
          bytes[where] = 0x37; // another article count, the JSON still valid
          fs.writeFileSync(at('d2.tar'), bytes);
          return at('d2.tar');
        },
        /manifest is damaged/,
      ],
      [
        'a media file altered',
        () =>
          writeArchive(
            at('e.tar'),
            list.map((e, i) => (i === mediaIndex ? { name: e.name, data: flipped } : e)),
          ),
        /does not match its SHA-256/,
      ],
      [
        'a file missing',
        () =>
          writeArchive(
            at('f.tar'),
            list.filter((_e, i) => i !== mediaIndex),
          ),
        /missing/,
      ],
      [
        'a file the manifest does not list',
        () => writeArchive(at('g.tar'), [...list, { name: 'media/evil.png', data: Buffer.from('x') }]),
        /does not list/,
      ],
      [
        'a path that escapes',
        () =>
          writeArchive(
            at('h.tar'),
            withManifest(list, {
              ...manifest,
              files: [...manifest.files, { path: '../../etc/passwd', size: 1, sha256: '0'.repeat(64) }],
            }),
          ),
        /never holds/,
      ],
      [
        // Its hash made right over the text a lossy reader sees (U+FFFD for the bad byte): only strict UTF-8 refuses it.
        'a manifest with a byte that is not UTF-8',
        () => {
          const [signed, ...rest] = withManifest(list, { ...manifest, appVersion: `${manifest.appVersion}\ufffd` });
          const bytes = Buffer.from((signed as { data: Buffer }).data.toString('utf8').replace('\ufffd', '\u0000'));
          bytes[bytes.indexOf(0)] = 0xff;
          return writeArchive(at('i2.tar'), [{ name: MANIFEST_NAME, data: bytes }, ...rest]);
        },
        /manifest is damaged/,
      ],
      [
        'a manifest with a key given twice',
        () => {
          const [signed, ...rest] = withManifest(list, manifest);
          const text = (signed as { data: Buffer }).data.toString('utf8');
          const twice = text.replace(/"articles":(\d+)/, '"articles":$1,"articles":$1');
          return writeArchive(at('i3.tar'), [{ name: MANIFEST_NAME, data: Buffer.from(twice) }, ...rest]);
        },
        /manifest is damaged/,
      ],
      [
        'a manifest that is not JSON',
        () => writeArchive(at('i.tar'), [{ name: MANIFEST_NAME, data: Buffer.from('{ nope') }, ...list.slice(1)]),
        /manifest is damaged/,
      ],
      [
        'the manifest claims a newer schema',
        () => writeArchive(at('j.tar'), withManifest(list, { ...manifest, schemaVersion: 999 })),
        /newer Tòa Soạn/,
      ],
      [
        'the manifest claims another app',
        () => writeArchive(at('k.tar'), withManifest(list, { ...manifest, applicationId: 7 })),
        /not Tòa Soạn's/,
      ],
      ["another program's database", async () => writeArchive(at('l.tar'), swapDb(foreignBytes)), /not Tòa Soạn's/],
      ['a database of a newer schema', async () => writeArchive(at('m.tar'), swapDb(newerBytes)), /schema version/],
      [
        'a newer backup format',
        () => writeArchive(at('n.tar'), withManifest(list, { ...manifest, formatVersion: 2 })),
        /backup format 2/,
      ],
    ];
    for (const [label, make, reason] of cases) {
      const archive = await make();
      const error = await fails(core, 'backup.restore', { file: archive });
      expect(error.code, label).toBe('BACKUP_INVALID');
      expect(error.messageEn, label).toMatch(reason);
      expect(error.messageEn, label).toContain('Nothing was replaced');
      expect(state(dataDir), label).toEqual(current);
      expect(
        fs.readdirSync(dataDir).filter((name) => name.startsWith('.') || name === RESTORE_JOURNAL),
        label,
      ).toEqual([]);
    }
    expect((await fails(core, 'backup.restore', { file: at('nowhere.tar') })).code).toBe('NOT_FOUND');
    expect((await fails(core, 'backup.restore', { file: 'relative/file.tar' })).code).toBe('VALIDATION');
    // Still the same store, still signed in.
    expect((await ok(core, 'articles.list', {})).items.map((a) => a.title)).toContain('Chỉ có ở đây');
  });

  it('refuses to write a backup inside the data folder or into a folder that does not exist', async () => {
    const dataDir = tempDataDir();
    const core = openCore(dataDir);
    expect((await fails(core, 'backup.create', { folder: dataDir })).code).toBe('BACKUP_INVALID');
    expect((await fails(core, 'backup.create', { folder: path.join(dataDir, 'media') })).code).toBe('BACKUP_INVALID');
    expect((await fails(core, 'backup.create', { folder: path.join(tempDataDir(), 'chua-co') })).messageEn).toMatch(
      /There is no folder/,
    );
  });

  it('finishes a restore that the process died in the middle of, at the next start', async () => {
    const dataDir = tempDataDir();
    const core = openCore(dataDir);
    await library(core);
    const before = state(dataDir);
    const { file } = await ok(core, 'backup.create', { folder: tempDataDir('toasoan-backups-') });
    await ok(core, 'articles.create', { title: 'Sẽ mất khi khôi phục' });
    core.close();
    // As backup.restore does, up to a crash: checked and staged, journal written, the old database moved aside …
    const staged = await stageRestore(dataDir, file);
    fs.writeFileSync(path.join(dataDir, RESTORE_JOURNAL), JSON.stringify({ staging: path.basename(staged.staging) }));
    fs.mkdirSync(path.join(staged.staging, 'previous'));
    fs.renameSync(path.join(dataDir, DATABASE_FILE), path.join(staged.staging, 'previous', DATABASE_FILE));
    // … and the next start finishes it before opening the database.
    const reopened = openCore(dataDir);
    expect(reopened.startupError).toBeNull();
    expect(state(dataDir)).toEqual(before);
    expect(fs.existsSync(path.join(dataDir, RESTORE_JOURNAL))).toBe(false);
    expect(fs.readdirSync(dataDir).filter((name) => name.startsWith('.'))).toEqual([]);
    // A staging folder without a journal (a refused restore the process died in) is only removed.
    const leftover = await stageRestore(dataDir, file);
    expect(recoverInterruptedRestore(dataDir)).toBe(false);
    expect(fs.existsSync(leftover.staging)).toBe(false);
  });
});
