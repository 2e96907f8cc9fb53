/**
 * Numbered migrations. Each runs once, in order, inside one transaction with the version bump;
 * PRAGMA user_version records the schema version. Never edit a migration that has shipped: add one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
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
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
