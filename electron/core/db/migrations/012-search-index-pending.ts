import type { Migration } from './migration';

const migration: Migration = {
  version: 12,
  name: 'search index entries waiting to be rewritten',
  // A body autosave marks its article here, in the save's own transaction, instead of rewriting a long report's
  // index entry while the writer waits; the entry is rewritten once the saves pause, before any search, and at start
  // after a crash.
  sql: `
    CREATE TABLE articles_fts_pending (article_id INTEGER PRIMARY KEY);
  `,
};

export default migration;
