import type Database from 'better-sqlite3';

/**
 * One numbered migration. Each runs once, in order, inside one transaction with the version bump; PRAGMA
 * user_version records the schema version. A migration is frozen once it has landed (tests/core/migrations.test.ts
 * checks every file against its recorded hash): change the schema by adding the next file, never by editing one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Data work after the SQL, in the same transaction. */
  run?: (db: Database.Database) => void;
}
