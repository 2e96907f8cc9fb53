import type { Migration } from './migration';

const migration: Migration = {
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
};

export default migration;
