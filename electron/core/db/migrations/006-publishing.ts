import type { Migration } from './migration';

const migration: Migration = {
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
};

export default migration;
