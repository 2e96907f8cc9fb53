import type { Migration } from './migration';

const OLD_ROLE_CHECK = "CHECK (role IN ('writer','editor','admin'))";
const NEW_ROLE_CHECK = "CHECK (role IN ('writer','editor','leader','admin'))";

const migration: Migration = {
  version: 8,
  name: 'approval chains, approval records with signatures, signing keys and trust, the leader role',
  // approval_chains: the admin's chain per category (none: the default single step).
  // article_reviews: the chain an article was submitted into, frozen at submission, and the step it waits at.
  // approval_records: every step's decision, with the content hash it approved and its signature (append-only).
  sql: `
    CREATE TABLE approval_chains (
      category_id INTEGER PRIMARY KEY REFERENCES categories(id) ON DELETE CASCADE,
      steps TEXT NOT NULL CHECK (json_valid(steps)),
      updated_at TEXT NOT NULL
    );
    CREATE TABLE article_reviews (
      article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
      steps TEXT NOT NULL CHECK (json_valid(steps)),
      current_step INTEGER NOT NULL DEFAULT 0 CHECK (current_step >= 0),
      acted INTEGER NOT NULL DEFAULT 0 CHECK (acted IN (0, 1)),
      since_record INTEGER NOT NULL DEFAULT 0,
      started_at TEXT NOT NULL
    );
    CREATE TABLE approval_records (
      id INTEGER PRIMARY KEY,
      article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
      step INTEGER NOT NULL CHECK (step >= 0),
      step_count INTEGER NOT NULL CHECK (step_count >= 1),
      decision TEXT NOT NULL CHECK (decision IN ('approve','return')),
      actor_id INTEGER NOT NULL REFERENCES users(id),
      version INTEGER NOT NULL,
      content_hash TEXT NOT NULL,
      signature BLOB,
      certificate TEXT,
      signed_at TEXT,
      reason TEXT NOT NULL DEFAULT '',
      at TEXT NOT NULL
    );
    CREATE INDEX approval_records_by_article ON approval_records(article_id, id);
    CREATE TRIGGER approval_records_no_update BEFORE UPDATE ON approval_records
      BEGIN SELECT RAISE(ABORT, 'approval_records is append-only'); END;
    CREATE TABLE signing_keys (
      user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      sealed_key BLOB NOT NULL,
      scheme TEXT NOT NULL,
      certificate TEXT NOT NULL,
      added_at TEXT NOT NULL
    );
    CREATE TABLE signing_trust (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('ca','crl')),
      name TEXT NOT NULL,
      data TEXT NOT NULL,
      added_at TEXT NOT NULL
    );
  `,
  // The leader role widens the users' role CHECK. Rebuilding users inside this transaction is not possible: foreign
  // keys are on (sessions would cascade away, comments and articles would point at a dropped table). SQLite documents
  // editing the stored CREATE statement for a change that no stored row can violate (a wider CHECK): done so here,
  // with the schema version bumped so every connection reloads it.
  run: (db) => {
    const row = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'users'").get() as
      { sql: string } | undefined;
    if (!row?.sql.includes(OLD_ROLE_CHECK)) throw new Error('users.role CHECK is not the one migration 5 created');
    const schemaVersion = db.pragma('schema_version', { simple: true }) as number;
    db.unsafeMode(true);
    try {
      db.pragma('writable_schema = ON');
      db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'users'").run(
        row.sql.replace(OLD_ROLE_CHECK, NEW_ROLE_CHECK),
      );
      db.pragma(`schema_version = ${schemaVersion + 1}`);
      db.pragma('writable_schema = OFF');
    } finally {
      db.unsafeMode(false);
    }
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`schema check after widening users.role: ${String(check)}`);
  },
};

export default migration;
