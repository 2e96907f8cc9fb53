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
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
