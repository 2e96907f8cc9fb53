import type { Migration } from './migration';

const migration: Migration = {
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
};

export default migration;
