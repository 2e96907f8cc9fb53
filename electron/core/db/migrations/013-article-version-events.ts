import type { Migration } from './migration';

const migration: Migration = {
  version: 13,
  name: 'what made each version of an article: the event, the step of its chain, who, when; its size once counted',
  // One row per version an article keeps (its kept revisions and the current one): the revisions panel says
  // "Lê Minh Tâm, duyệt bước 2/2" instead of a bare number. `words` is counted when first listed, then kept.
  sql: `
    CREATE TABLE article_versions (
      article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
      version INTEGER NOT NULL,
      event TEXT NOT NULL,
      step INTEGER,
      step_count INTEGER,
      from_version INTEGER,
      user_id INTEGER,
      made_at TEXT NOT NULL,
      words INTEGER,
      PRIMARY KEY (article_id, version)
    ) WITHOUT ROWID;
  `,
};

export default migration;
