/**
 * Numbered migrations. Each runs once, in order, inside one transaction with the version bump;
 * PRAGMA user_version records the schema version. Never edit a migration that has shipped: add one.
 */
import type Database from 'better-sqlite3';
import { indexArticle } from '../store/search-index';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Data work after the SQL, in the same transaction. */
  run?: (db: Database.Database) => void;
}

interface IndexRow {
  id: number;
  title: string;
  lead: string;
  body_html: string;
  author: string;
  department: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'categories, articles, revisions',
    sql: `
      CREATE TABLE categories (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        slug TEXT NOT NULL UNIQUE,
        position INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );
      CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        category_id INTEGER REFERENCES categories(id) ON DELETE RESTRICT,
        title TEXT NOT NULL,
        lead TEXT NOT NULL DEFAULT '',
        body_json TEXT,
        body_html TEXT NOT NULL DEFAULT '',
        featured_image TEXT,
        featured_caption TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        department TEXT NOT NULL DEFAULT '',
        published_at TEXT,
        status TEXT NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft','pending_review','returned','approved','scheduled','published','unpublished')),
        slug TEXT NOT NULL UNIQUE,
        view_count INTEGER NOT NULL DEFAULT 0 CHECK (view_count >= 0),
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        trashed_at TEXT
      );
      CREATE INDEX articles_by_update ON articles(updated_at DESC, id DESC);
      CREATE INDEX articles_by_status ON articles(status, updated_at DESC, id DESC);
      CREATE INDEX articles_by_category ON articles(category_id, updated_at DESC, id DESC);
      CREATE TABLE article_revisions (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        snapshot TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (article_id, version)
      );
    `,
  },
  {
    version: 2,
    name: 'full-text index on folded text',
    // Contentless: it stores only the index of the folded words; the text stays in articles.
    sql: `
      CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, lead, body, byline,
        content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3'
      );
    `,
    // Articles written before the index existed become searchable too.
    run: (db) => {
      const batch = db.prepare('SELECT id, title, lead, body_html, author, department FROM articles WHERE id > ? ORDER BY id LIMIT 500');
      for (let rows = batch.all(0) as IndexRow[]; rows.length > 0; rows = batch.all(rows[rows.length - 1]?.id) as IndexRow[]) {
        for (const row of rows) {
          indexArticle(db, row.id, { title: row.title, lead: row.lead, bodyHtml: row.body_html, author: row.author, department: row.department });
        }
      }
    },
  },
  {
    version: 3,
    name: 'settings and portal profile',
    sql: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE portal_profile (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        address TEXT NOT NULL,
        phone TEXT NOT NULL,
        fax TEXT NOT NULL,
        responsible TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'library indexes that include the trash flag',
    // The library always filters on trashed_at: with it in the index, a page and its count read the index only.
    sql: `
      DROP INDEX articles_by_update;
      DROP INDEX articles_by_status;
      DROP INDEX articles_by_category;
      CREATE INDEX articles_by_update ON articles(trashed_at, updated_at DESC, id DESC);
      CREATE INDEX articles_by_status ON articles(status, trashed_at, updated_at DESC, id DESC);
      CREATE INDEX articles_by_category ON articles(category_id, trashed_at, updated_at DESC, id DESC);
    `,
  },
  {
    version: 5,
    name: 'users, sessions, article owners, review comments, audit log',
    // Articles written before users existed keep owner_id NULL: owned by nobody, so only editors and admins edit them.
    // The audit log is append-only: triggers refuse any UPDATE or DELETE of its rows.
    sql: `
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('writer','editor','admin')),
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        locked_until TEXT,
        created_at TEXT NOT NULL,
        last_sign_in_at TEXT
      );
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX sessions_by_user ON sessions(user_id);
      ALTER TABLE articles ADD COLUMN owner_id INTEGER REFERENCES users(id);
      CREATE INDEX articles_by_owner ON articles(owner_id, trashed_at, status);
      CREATE TABLE article_comments (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        author_id INTEGER NOT NULL REFERENCES users(id),
        body TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'comment' CHECK (kind IN ('comment','return')),
        reply_to INTEGER REFERENCES article_comments(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL
      );
      CREATE INDEX article_comments_by_article ON article_comments(article_id, id);
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id INTEGER,
        username TEXT,
        action TEXT NOT NULL,
        target_type TEXT,
        target_id INTEGER,
        details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
      );
      CREATE INDEX audit_by_time ON audit_log(at, id);
      CREATE INDEX audit_by_user ON audit_log(user_id, at, id);
      CREATE INDEX audit_by_action ON audit_log(action, at, id);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `,
  },
  {
    version: 6,
    name: 'publishing targets, the publishing queue, what each target holds',
    // A job is one article version (its snapshot, taken when it was approved for publication) going to one target;
    // the idempotency key makes a second enqueue of the same work a no-op and lets a target refuse a repeat.
    // site_entries is the static site's own record of its pages, so one publication rewrites only what it touches.
    sql: `
      CREATE TABLE publish_targets (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        config TEXT NOT NULL CHECK (json_valid(config)),
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        secret BLOB,
        secret_scheme TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE publish_jobs (
        id INTEGER PRIMARY KEY,
        target_id INTEGER NOT NULL REFERENCES publish_targets(id) ON DELETE CASCADE,
        article_id INTEGER,
        kind TEXT NOT NULL CHECK (kind IN ('publish','update','unpublish','rebuild','submit','return','pull')),
        article_version INTEGER,
        snapshot TEXT CHECK (snapshot IS NULL OR json_valid(snapshot)),
        idempotency_key TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL CHECK (state IN ('pending','running','retrying','succeeded','failed','cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        run_at TEXT NOT NULL,
        scheduled_for TEXT,
        last_error_code TEXT,
        last_error TEXT,
        last_error_en TEXT,
        progress_done INTEGER NOT NULL DEFAULT 0,
        progress_total INTEGER NOT NULL DEFAULT 0,
        result_url TEXT,
        notice TEXT,
        notice_en TEXT,
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
      );
      CREATE INDEX publish_jobs_due ON publish_jobs(state, run_at, id);
      CREATE INDEX publish_jobs_by_article ON publish_jobs(article_id, target_id, id);
      CREATE INDEX publish_jobs_by_target ON publish_jobs(target_id, state, id);
      CREATE TABLE publish_remote (
        target_id INTEGER NOT NULL REFERENCES publish_targets(id) ON DELETE CASCADE,
        article_id INTEGER NOT NULL,
        remote_id TEXT,
        url TEXT,
        version INTEGER NOT NULL,
        remote_modified TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (target_id, article_id)
      ) WITHOUT ROWID;
      CREATE INDEX publish_remote_by_remote_id ON publish_remote(target_id, remote_id);
      CREATE TABLE target_media (
        target_id INTEGER NOT NULL REFERENCES publish_targets(id) ON DELETE CASCADE,
        media_ref TEXT NOT NULL,
        remote_id TEXT NOT NULL,
        url TEXT NOT NULL,
        PRIMARY KEY (target_id, media_ref)
      ) WITHOUT ROWID;
      CREATE TABLE target_sync (
        target_id INTEGER PRIMARY KEY REFERENCES publish_targets(id) ON DELETE CASCADE,
        posts_after TEXT,
        comments_after TEXT,
        last_pull_at TEXT,
        last_error TEXT
      );
      -- A rowid table: a row holds a whole article (WITHOUT ROWID suits small rows only).
      CREATE TABLE site_entries (
        target_id INTEGER NOT NULL REFERENCES publish_targets(id) ON DELETE CASCADE,
        article_id INTEGER NOT NULL,
        folder TEXT NOT NULL,
        section TEXT NOT NULL,
        file TEXT NOT NULL,
        month TEXT NOT NULL,
        sort_key TEXT NOT NULL,
        title TEXT NOT NULL,
        lead TEXT NOT NULL,
        published_at TEXT,
        updated_at TEXT NOT NULL,
        snapshot TEXT NOT NULL CHECK (json_valid(snapshot)),
        PRIMARY KEY (target_id, article_id),
        UNIQUE (target_id, folder, file)
      );
      CREATE INDEX site_entries_by_folder ON site_entries(target_id, folder, sort_key, article_id);
      CREATE INDEX site_entries_by_month ON site_entries(target_id, folder, month, sort_key, article_id);
      CREATE INDEX site_entries_by_site_month ON site_entries(target_id, month, sort_key, article_id);
      CREATE INDEX site_entries_by_time ON site_entries(target_id, sort_key, article_id);
    `,
  },
  {
    version: 7,
    name: 'index for a category and a status together',
    // The library's category + status filter had no index covering both: 155 ms at 100,000 articles, 0.1 ms with it.
    sql: `
      CREATE INDEX articles_by_category_status ON articles(category_id, status, trashed_at, updated_at DESC, id DESC);
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
