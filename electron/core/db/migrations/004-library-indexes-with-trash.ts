import type { Migration } from './migration';

const migration: Migration = {
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
};

export default migration;
