import type { Migration } from './migration';

const migration: Migration = {
  version: 9,
  name: "publishing jobs may be 'uncertain'; the images each static-site page shows",
  // A job whose request may have reached its target without an answer is 'uncertain' until the queue has asked the
  // target what it holds. The state CHECK widens, so publish_jobs is rebuilt (no table refers to it). site_images
  // lets a static site remove an image once no page shows it, as a full rebuild would.
  sql: `
    CREATE TABLE publish_jobs_new (
      id INTEGER PRIMARY KEY,
      target_id INTEGER NOT NULL REFERENCES publish_targets(id) ON DELETE CASCADE,
      article_id INTEGER,
      kind TEXT NOT NULL CHECK (kind IN ('publish','update','unpublish','rebuild','submit','return','pull')),
      article_version INTEGER,
      snapshot TEXT CHECK (snapshot IS NULL OR json_valid(snapshot)),
      idempotency_key TEXT NOT NULL UNIQUE,
      state TEXT NOT NULL CHECK (state IN ('pending','running','retrying','uncertain','succeeded','failed','cancelled')),
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
    INSERT INTO publish_jobs_new SELECT id, target_id, article_id, kind, article_version, snapshot, idempotency_key,
      state, attempts, run_at, scheduled_for, last_error_code, last_error, last_error_en, progress_done, progress_total,
      result_url, notice, notice_en, created_by, created_at, updated_at, started_at, finished_at FROM publish_jobs;
    DROP TABLE publish_jobs;
    ALTER TABLE publish_jobs_new RENAME TO publish_jobs;
    CREATE INDEX publish_jobs_due ON publish_jobs(state, run_at, id);
    CREATE INDEX publish_jobs_by_article ON publish_jobs(article_id, target_id, id);
    CREATE INDEX publish_jobs_by_target ON publish_jobs(target_id, state, id);
    CREATE TABLE site_images (
      target_id INTEGER NOT NULL REFERENCES publish_targets(id) ON DELETE CASCADE,
      article_id INTEGER NOT NULL,
      image TEXT NOT NULL,
      PRIMARY KEY (target_id, article_id, image)
    ) WITHOUT ROWID;
    CREATE INDEX site_images_by_image ON site_images(target_id, image);
  `,
};

export default migration;
