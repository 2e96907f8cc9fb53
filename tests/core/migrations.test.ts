import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/contract';
import { ContractError } from '../../shared/contract/errors';
import { foldForSearch } from '../../shared/text/fold';
import { APPLICATION_ID, DATABASE_FILE, openDatabase, type Db } from '../../electron/core/db/database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/core/db/migrations';
import { hashPassword } from '../../electron/core/passwords';
import { cleanupAll, fails, ok, openCore, sha256, tempDataDir, TEST_ADMIN } from '../helpers';

afterEach(cleanupAll);

function openError(dir: string): ContractError {
  try {
    const opened = openDatabase(dir);
    opened.db.close();
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    return error as ContractError;
  }
  throw new Error('openDatabase was expected to refuse the file');
}

/** The file and any SQLite side files next to it. */
function sideFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((name) => name !== DATABASE_FILE && name.startsWith(DATABASE_FILE));
}

describe('a new data folder', () => {
  it('gets the latest schema, WAL, foreign keys and our application id', () => {
    const dir = tempDataDir();
    const { db, file, schemaVersion } = openDatabase(path.join(dir, 'nested', 'data'));
    try {
      expect(file).toBe(path.join(dir, 'nested', 'data', DATABASE_FILE));
      expect(fs.existsSync(file)).toBe(true);
      expect(schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS[MIGRATIONS.length - 1]?.version);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      const tables = (
        db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]
      ).map((t) => t.name);
      expect(tables).toEqual(
        expect.arrayContaining([
          'categories',
          'articles',
          'article_revisions',
          'articles_fts',
          'settings',
          'portal_profile',
          'users',
          'sessions',
          'article_comments',
          'audit_log',
        ]),
      );
    } finally {
      db.close();
    }
  });

  it('keeps its data and version when opened again', () => {
    const dir = tempDataDir();
    const first = openDatabase(dir);
    first.db.prepare("INSERT INTO settings (key, value) VALUES ('language', 'en')").run();
    first.db.close();
    const second = openDatabase(dir);
    try {
      expect(second.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(second.db.prepare('SELECT value FROM settings WHERE key = ?').get('language')).toEqual({ value: 'en' });
    } finally {
      second.db.close();
    }
  });

  it('rolls a failing migration back entirely, version bump included', () => {
    const dir = tempDataDir();
    const base = MIGRATIONS.slice(0, 1);
    openDatabase(dir, { migrations: base }).db.close();
    const broken = [
      ...base,
      { version: 2, name: 'broken', sql: 'CREATE TABLE half_done (x INTEGER); THIS IS NOT SQL;' },
    ];
    expect(() => openDatabase(dir, { migrations: broken })).toThrow();
    const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});

/** The featured image of the seeded site page. */
const SEED_IMAGE = `images/${'e'.repeat(64)}.jpg`;

/** Data valid at each schema version, written with raw SQL as that version of the app would have. */
const SEEDS: { since: number; write: (db: Db) => void }[] = [
  {
    since: 1,
    write: (db) => {
      db.prepare(
        "INSERT INTO categories (id, name, slug, position, created_at) VALUES (1, 'Chính trị', 'chinh-tri', 0, '2023-01-01T00:00:00.000Z')",
      ).run();
      db.prepare(
        `INSERT INTO articles (id, category_id, title, lead, body_html, author, department, published_at, status, slug, view_count, version, created_at, updated_at)
         VALUES (1, 1, 'Đường làng nông thôn mới', 'Tin vắn', '<p>Nội dung</p>', 'Lam Nguyễn', 'Phòng Văn hóa', '2023-03-23T01:05:00.000Z',
           'published', 'duong-lang-nong-thon-moi', 277, 2, '2023-01-01T00:00:00.000Z', '2023-01-02T00:00:00.000Z')`,
      ).run();
      db.prepare(
        `INSERT INTO article_revisions (article_id, version, snapshot, created_at) VALUES (1, 1, json_object('title', 'Bản nháp đầu'), '2023-01-01T00:00:00.000Z')`,
      ).run();
    },
  },
  {
    since: 2,
    write: (db) => {
      db.prepare('INSERT INTO articles_fts (rowid, title, lead, body, byline) VALUES (1, ?, ?, ?, ?)').run(
        foldForSearch('Đường làng nông thôn mới'),
        foldForSearch('Tin vắn'),
        foldForSearch('Nội dung'),
        foldForSearch('Lam Nguyễn Phòng Văn hóa'),
      );
    },
  },
  {
    since: 3,
    write: (db) => {
      db.prepare("INSERT INTO settings (key, value) VALUES ('language', 'en')").run();
      db.prepare(
        "INSERT INTO portal_profile (id, name, address, phone, fax, responsible, updated_at) VALUES (1, 'Cổng TTĐT', 'Khóm 1', '0291', '0292', 'Ông A', '2023-01-01T00:00:00.000Z')",
      ).run();
    },
  },
  {
    // Schema 4 only changes indexes: the data of schema 3 is the data of schema 4.
    since: 4,
    write: () => undefined,
  },
  {
    // Users (the test administrator, with a real scrypt hash, and a writer who owns the article), a session,
    // a review comment and audit entries.
    since: 5,
    write: (db) => {
      const insertUser = db.prepare(
        `INSERT INTO users (id, username, display_name, password_hash, role, disabled, failed_attempts, created_at, last_sign_in_at)
         VALUES (?, ?, ?, ?, ?, 0, 0, '2023-04-01T00:00:00.000Z', NULL)`,
      );
      insertUser.run(1, TEST_ADMIN.username, TEST_ADMIN.displayName, seedPasswordHash, 'admin');
      insertUser.run(2, 'lam.nguyen', 'Lam Nguyễn', seedPasswordHash, 'writer');
      db.prepare(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ('00ff', 2, '2023-04-01T00:00:00.000Z', '2023-04-01T00:00:00.000Z')",
      ).run();
      db.prepare('UPDATE articles SET owner_id = 2 WHERE id = 1').run();
      db.prepare(
        "INSERT INTO article_comments (article_id, author_id, body, kind, reply_to, created_at) VALUES (1, 1, 'Cần thêm nguồn', 'return', NULL, '2023-04-02T00:00:00.000Z')",
      ).run();
      db.prepare(
        "INSERT INTO audit_log (at, user_id, username, action, target_type, target_id, details) VALUES ('2023-04-02T00:00:00.000Z', 1, 'quantri', 'article.transition', 'article', 1, '{\"action\":\"return\"}')",
      ).run();
    },
  },
  {
    // A publishing target, the job that published the article there, and what the target holds of it.
    since: 6,
    write: (db) => {
      db.prepare(
        `INSERT INTO publish_targets (id, kind, name, config, enabled, created_at, updated_at)
         VALUES (1, 'http-json', 'Cổng tỉnh', '{"endpoint":"http://127.0.0.1:9/api"}', 1, '2023-05-01T00:00:00.000Z', '2023-05-01T00:00:00.000Z')`,
      ).run();
      db.prepare(
        `INSERT INTO publish_jobs (target_id, article_id, kind, article_version, snapshot, idempotency_key, state, attempts, run_at, result_url, created_at, updated_at, finished_at)
         VALUES (1, 1, 'publish', 2, '{"title":"Đường làng nông thôn mới"}', 'publish:t1:a1:v2', 'succeeded', 1, '2023-05-01T00:00:00.000Z',
           'https://tinh.example/bai/1', '2023-05-01T00:00:00.000Z', '2023-05-01T00:00:01.000Z', '2023-05-01T00:00:01.000Z')`,
      ).run();
      db.prepare(
        "INSERT INTO publish_remote (target_id, article_id, remote_id, url, version, updated_at) VALUES (1, 1, '1', 'https://tinh.example/bai/1', 2, '2023-05-01T00:00:01.000Z')",
      ).run();
    },
  },
  {
    // Schema 7 only adds an index.
    since: 7,
    write: () => undefined,
  },
  {
    // A leader (the role the migration allows), a two-step chain for the category, and the article's first step.
    since: 8,
    write: (db) => {
      db.prepare(
        `INSERT INTO users (id, username, display_name, password_hash, role, disabled, failed_attempts, created_at)
         VALUES (3, 'lanhdao', 'Lê Minh Tâm', '!', 'leader', 0, 0, '2023-07-01T00:00:00.000Z')`,
      ).run();
      db.prepare(
        `INSERT INTO approval_chains (category_id, steps, updated_at) VALUES (1,
           '[{"role":"editor","userIds":[],"signed":false},{"role":"leader","userIds":[3],"signed":true}]', '2023-07-01T00:00:00.000Z')`,
      ).run();
      db.prepare(
        `INSERT INTO approval_records (article_id, step, step_count, decision, actor_id, version, content_hash, reason, at)
         VALUES (1, 0, 2, 'approve', 1, 2, '${'b'.repeat(64)}', '', '2023-07-02T00:00:00.000Z')`,
      ).run();
    },
  },
  {
    // A job whose answer was lost (uncertain), and an image the static site shows.
    since: 9,
    write: (db) => {
      db.prepare(
        `INSERT INTO publish_jobs (target_id, article_id, kind, article_version, snapshot, idempotency_key, state, attempts, run_at, created_at, updated_at)
         VALUES (1, 1, 'update', 3, '{"title":"Đường làng nông thôn mới"}', 'update:t1:a1:v3', 'uncertain', 1, '2023-06-01T00:00:00.000Z',
           '2023-06-01T00:00:00.000Z', '2023-06-01T00:00:01.000Z')`,
      ).run();
      db.prepare(
        "INSERT INTO site_images (target_id, article_id, image) VALUES (1, 1, 'images/" + 'a'.repeat(64) + ".png')",
      ).run();
    },
  },
  {
    // An attached legal document of the article, with its number, date of issue and issuing body.
    since: 10,
    write: (db) => {
      db.prepare(
        `INSERT INTO article_attachments (article_id, file_name, kind, bytes, display_name, scanned, doc_number, issued_on, issuer, position, created_at, updated_at)
         VALUES (1, '${'c'.repeat(64)}.pdf', 'pdf', 1234, 'Quyết định 15.pdf', 1, '15/2023/QĐ-UBND', '2023-03-15', 'UBND thị xã Giá Rai', 0,
           '2023-08-01T00:00:00.000Z', '2023-08-01T00:00:00.000Z')`,
      ).run();
    },
  },
  {
    // A site page's hash and approval for the signed manifest, and the site's sealed signing key (on the one target).
    since: 11,
    write: (db) => {
      db.prepare(
        `INSERT INTO site_entries (target_id, article_id, folder, section, file, month, sort_key, title, lead, published_at, updated_at, snapshot, page_sha256, approval)
         VALUES (1, 1, 'tin-tuc', 'Tin tức', 'duong-lang', '2023-09', '2023-09-01T00:00:00.000Z', 'Đường làng nông thôn mới', '',
           '2023-09-01T00:00:00.000Z', '2023-09-01T00:00:00.000Z', '{"title":"Đường làng nông thôn mới"}', '${'d'.repeat(64)}',
           '{"version":2,"contentHash":"${'b'.repeat(64)}","steps":[],"certificates":{}}')`,
      ).run();
      // A second page, with a featured image: its lists show the image (schema 15 keeps it in a column of its own).
      db.prepare(
        `INSERT INTO site_entries (target_id, article_id, folder, section, file, month, sort_key, title, lead, published_at, updated_at, snapshot)
         VALUES (1, 2, 'tin-tuc', 'Tin tức', 'cau-moi', '2023-09', '2023-09-02T00:00:00.000Z', 'Cầu mới', '',
           '2023-09-02T00:00:00.000Z', '2023-09-02T00:00:00.000Z', '{"title":"Cầu mới","featuredImage":"${SEED_IMAGE}"}')`,
      ).run();
      db.prepare(
        "INSERT INTO site_keys (target_id, public_key, sealed_key, scheme, created_at) VALUES (1, '-----BEGIN PUBLIC KEY-----', x'00', 'plain', '2023-09-01T00:00:00.000Z')",
      ).run();
    },
  },
  {
    // An article whose index entry a body autosave left to be rewritten.
    since: 12,
    write: (db) => {
      db.prepare('INSERT INTO articles_fts_pending (article_id) VALUES (1)').run();
    },
  },
  {
    // What made the article's current version: saved by the administrator.
    since: 13,
    write: (db) => {
      db.prepare(
        "INSERT INTO article_versions (article_id, version, event, user_id, made_at) VALUES (1, 1, 'saved', 1, '2023-09-01T00:00:00.000Z')",
      ).run();
    },
  },
  {
    // Schema 14 only adds an index.
    since: 14,
    write: () => undefined,
  },
  {
    // The site entry's featured image, as the static site writes it from schema 15 on.
    since: 15,
    write: (db) => {
      db.prepare('UPDATE site_entries SET image = ? WHERE target_id = 1 AND article_id = 2').run(SEED_IMAGE);
    },
  },
];

/** A real hash of TEST_ADMIN's password, so the helpers can sign in to an upgraded schema-5 file. */
let seedPasswordHash = '';
beforeAll(async () => {
  seedPasswordHash = await hashPassword(TEST_ADMIN.password);
});

describe('upgrading from every earlier schema version', () => {
  it('has a seed for every migration', () => {
    expect(SEEDS.map((s) => s.since)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  // Up to the latest version itself: a file of the current schema, with every seed, opens with all its data.
  for (let k = 1; k <= MIGRATIONS.length; k += 1) {
    const from = MIGRATIONS[k - 1]?.version ?? 0;
    it(`keeps the data of a schema ${from} file and brings it to the latest version`, async () => {
      const dir = tempDataDir();
      const old = openDatabase(dir, { migrations: MIGRATIONS.slice(0, k) });
      expect(old.schemaVersion).toBe(from);
      for (const seed of SEEDS.filter((s) => s.since <= from)) old.db.transaction(() => seed.write(old.db))();
      old.db.close();

      const upgraded = openDatabase(dir);
      expect(upgraded.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      // The site's entries keep their featured image, taken from the published JSON by the upgrade to schema 15.
      expect(upgraded.db.prepare('SELECT article_id AS id, image FROM site_entries ORDER BY article_id').all()).toEqual(
        from >= 11
          ? [
              { id: 1, image: null },
              { id: 2, image: SEED_IMAGE },
            ]
          : [],
      );
      expect(upgraded.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      upgraded.db.close();

      const core = openCore(dir);
      expect(core.startupError).toBeNull();
      const info = await ok(core, 'app.info', {});
      expect(info.schemaVersion).toBe(LATEST_SCHEMA_VERSION);

      const article = await ok(core, 'articles.get', { id: 1 });
      expect(article).toMatchObject({
        title: 'Đường làng nông thôn mới',
        categoryName: 'Chính trị',
        author: 'Lam Nguyễn',
        viewCount: 277,
        version: 2,
        status: 'published',
      });
      const list = await ok(core, 'articles.list', {});
      expect(list.items.map((a) => a.id)).toEqual([1]);
      const revisions = await ok(core, 'articles.revisions', { id: 1 });
      expect(revisions.map((r) => [r.version, r.title])).toEqual([[1, 'Bản nháp đầu']]);
      const categories = await ok(core, 'categories.list', {});
      expect(categories.map((c) => [c.name, c.articleCount])).toEqual([['Chính trị', 1]]);

      // Whether the index was written at schema 2 or built by the upgrade, old articles are found.
      const found = await ok(core, 'articles.list', { query: 'duong lang' });
      expect(found.items.map((a) => a.id)).toEqual([1]);
      if (from >= 3) {
        expect(await ok(core, 'settings.get', {})).toEqual({ language: 'en' });
        expect((await ok(core, 'portal.get', {}))?.name).toBe('Cổng TTĐT');
      } else {
        // Tables added by the upgrade start empty, with their defaults.
        expect(await ok(core, 'settings.get', {})).toEqual({ language: 'vi' });
        expect(await ok(core, 'portal.get', {})).toBeNull();
      }

      if (from >= 5) {
        expect(article.ownerId).toBe(2);
        expect((await ok(core, 'comments.list', { articleId: 1 })).map((c) => [c.kind, c.body, c.authorName])).toEqual([
          ['return', 'Cần thêm nguồn', TEST_ADMIN.displayName],
        ]);
        expect((await ok(core, 'audit.list', { action: 'article.transition' })).total).toBe(1);
      } else {
        // Articles from before users existed are owned by nobody: only editors and administrators may edit them.
        expect(article).toMatchObject({ ownerId: null, ownerName: null });
        expect(await ok(core, 'comments.list', { articleId: 1 })).toEqual([]);
        // The upgrade's first administrator, created by the helpers, is in the fresh audit log.
        expect((await ok(core, 'audit.list', { action: 'auth.setupFirstAdmin' })).total).toBe(1);
      }

      const { jobs } = await ok(core, 'publish.jobs', {});
      if (from >= 6) {
        expect((await ok(core, 'targets.list', {})).map((t) => [t.name, t.kind, t.enabled])).toEqual([
          ['Cổng tỉnh', 'http-json', true],
        ]);
        expect(jobs.map((j) => [j.state, j.url, j.articleTitle])).toEqual([
          ...(from >= 9 ? [['uncertain', null, 'Đường làng nông thôn mới']] : []),
          ['succeeded', 'https://tinh.example/bai/1', 'Đường làng nông thôn mới'],
        ]);
        if (from >= 8) {
          expect((await ok(core, 'users.list', {})).find((u) => u.username === 'lanhdao')?.role).toBe('leader');
          const chains = await ok(core, 'approval.chains', {});
          expect(chains.chains.map((c) => [c.categoryId, c.steps.map((s) => s.role)])).toEqual([
            [1, ['editor', 'leader']],
          ]);
          const status = await ok(core, 'approval.status', { articleId: 1 });
          expect(status.records.map((r) => [r.step, r.decision, r.actorName])).toEqual([
            [0, 'approve', TEST_ADMIN.displayName],
          ]);
        }
      } else {
        expect(jobs).toEqual([]);
      }

      // Attached documents: the seeded one from schema 10 on, none before (the table starts empty).
      const attachments = await ok(core, 'attachments.list', { articleId: 1 });
      expect(attachments.map((a) => [a.displayName, a.kind, a.scanned, a.docNumber, a.issuedOn, a.issuer])).toEqual(
        from >= 10 ? [['Quyết định 15.pdf', 'pdf', true, '15/2023/QĐ-UBND', '2023-03-15', 'UBND thị xã Giá Rai']] : [],
      );

      // The upgraded store takes new writes.
      const created = await ok(core, 'articles.create', { title: 'Đường làng nông thôn mới', categoryId: 1 });
      expect(created.slug).toBe('duong-lang-nong-thon-moi-2');
      expect(created.ownerName).toBe(TEST_ADMIN.displayName);
    });
  }
});

describe('files that must not be opened', () => {
  it('refuses a file from a newer version, naming it, without changing a byte', async () => {
    const dir = tempDataDir();
    const made = openDatabase(dir);
    made.db.prepare("INSERT INTO settings (key, value) VALUES ('language', 'en')").run();
    made.db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    made.db.close();
    const file = path.join(dir, DATABASE_FILE);
    expect(sideFiles(dir)).toEqual([]);
    const before = sha256(file);

    const error = openError(dir);
    expect(error.code).toBe('DB_NEWER_VERSION');
    expect(error.message).toContain(file);
    expect(error.messageEn).toContain(file);
    expect(error.messageEn).toContain(String(LATEST_SCHEMA_VERSION + 1));

    const core = openCore(dir);
    expect(core.startupError?.code).toBe('DB_NEWER_VERSION');
    const answer = await fails(core, 'articles.list', {});
    expect(answer.code).toBe('DB_NEWER_VERSION');
    core.close();

    expect(sha256(file)).toBe(before);
    expect(sideFiles(dir)).toEqual([]);
  });

  it('refuses random bytes as corrupt, naming the file, without changing it', () => {
    const dir = tempDataDir();
    const file = path.join(dir, DATABASE_FILE);
    fs.writeFileSync(file, crypto.randomBytes(16 * 1024));
    const before = sha256(file);
    const error = openError(dir);
    expect(error.code).toBe('DB_CORRUPT');
    expect(error.message).toContain(file);
    expect(error.messageEn).toContain(file);
    expect(sha256(file)).toBe(before);
    expect(sideFiles(dir)).toEqual([]);
  });

  it('refuses a real database whose header was overwritten, without changing it', () => {
    const dir = tempDataDir();
    const made = openDatabase(dir);
    made.db.prepare("INSERT INTO categories (name, slug, created_at) VALUES ('Kinh tế', 'kinh-te', 'now')").run();
    made.db.close();
    const file = path.join(dir, DATABASE_FILE);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    bytes.write('this is not it!!', 0, 'latin1');
    fs.writeFileSync(file, bytes);
    const before = sha256(file);

    const error = openError(dir);
    expect(error.code).toBe('DB_CORRUPT');
    expect(error.messageEn).toContain(file);
    expect(sha256(file)).toBe(before);
    expect(sideFiles(dir)).toEqual([]);
  });

  it("refuses another program's SQLite database, without changing it", () => {
    const dir = tempDataDir();
    const file = path.join(dir, DATABASE_FILE);
    const foreign = new Database(file);
    foreign.exec(
      'CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (12.5);',
    );
    expect(foreign.pragma('application_id', { simple: true })).toBe(0);
    foreign.close();
    const before = sha256(file);

    const error = openError(dir);
    expect(error.code).toBe('DB_FOREIGN');
    expect(error.message).toContain(file);
    expect(error.messageEn).toContain(file);
    expect(sha256(file)).toBe(before);
    expect(sideFiles(dir)).toEqual([]);
  });

  it("calls another program's database with a high user_version foreign, not newer", () => {
    const dir = tempDataDir();
    const file = path.join(dir, DATABASE_FILE);
    const foreign = new Database(file);
    foreign.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
    foreign.pragma('user_version = 9');
    foreign.close();
    const before = sha256(file);
    expect(openError(dir).code).toBe('DB_FOREIGN');
    expect(sha256(file)).toBe(before);
  });

  it('answers DB_READONLY naming the path when the data folder is a file, never throwing', async () => {
    const parent = tempDataDir();
    const notAFolder = path.join(parent, 'data');
    fs.writeFileSync(notAFolder, 'a file where the folder should be');
    expect(openError(notAFolder).code).toBe('DB_READONLY');
    const core = openCore(notAFolder, () => undefined);
    expect(core.startupError?.code).toBe('DB_READONLY');
    expect(core.startupError?.message).toContain(notAFolder);
    expect(await core.invoke('articles.list', {})).toMatchObject({ ok: false, error: { code: 'DB_READONLY' } });
  });

  it('refuses an empty SQLite file that carries another application id', () => {
    const dir = tempDataDir();
    const file = path.join(dir, DATABASE_FILE);
    const foreign = new Database(file);
    foreign.pragma('application_id = 0x12345678');
    foreign.close();
    const before = sha256(file);
    expect(openError(dir).code).toBe('DB_FOREIGN');
    expect(sha256(file)).toBe(before);
  });
});

describe('a core that could not open its store', () => {
  it.each([
    ['DB_CORRUPT', (file: string) => fs.writeFileSync(file, 'plain text, not a database '.repeat(400))],
    [
      'DB_FOREIGN',
      (file: string) => {
        const foreign = new Database(file);
        foreign.exec('CREATE TABLE notes (body TEXT)');
        foreign.close();
      },
    ],
    [
      'DB_NEWER_VERSION',
      (file: string) => {
        const made = openDatabase(path.dirname(file));
        made.db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
        made.db.close();
      },
    ],
  ] as const)('answers %s on every channel, never an empty result', async (code, prepare) => {
    const dir = tempDataDir();
    const file = path.join(dir, DATABASE_FILE);
    prepare(file);
    const before = sha256(file);
    const core = openCore(dir);
    expect(core.startupError?.code).toBe(code);
    expect(core.databasePath).toBeNull();
    for (const channel of CHANNEL_NAMES) {
      // Valid-looking and invalid payloads alike get the startup error, never data.
      for (const payload of [{}, { id: 1 }, { title: 'x' }]) {
        const error = await fails(core, channel, payload);
        expect(error.code, channel).toBe(code);
        expect(error.messageEn).toContain(file);
      }
    }
    core.close();
    expect(sha256(file)).toBe(before);
  });
});
