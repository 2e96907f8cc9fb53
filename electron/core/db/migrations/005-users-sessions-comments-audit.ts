import type { Migration } from './migration';

const migration: Migration = {
  version: 5,
  name: 'users, sessions, article owners, review comments, audit log',
  // Articles written before users existed keep owner_id NULL: owned by nobody, so only editors and admins edit them.
  // The audit log is append-only: triggers refuse any UPDATE or DELETE of its rows.
  sql: `
    CREATE TABLE users (
      id INTEGER PRIMARY KEY,
      username TEXT NOT NULL UNIQUE,
      display_name TEXT NOT NULL,
      password_hash TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('writer','editor','admin')),
      disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
      failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
      locked_until TEXT,
      created_at TEXT NOT NULL,
      last_sign_in_at TEXT
    );
    CREATE TABLE sessions (
      token_hash TEXT PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at TEXT NOT NULL,
      last_seen_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX sessions_by_user ON sessions(user_id);
    ALTER TABLE articles ADD COLUMN owner_id INTEGER REFERENCES users(id);
    CREATE INDEX articles_by_owner ON articles(owner_id, trashed_at, status);
    CREATE TABLE article_comments (
      id INTEGER PRIMARY KEY,
      article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
      author_id INTEGER NOT NULL REFERENCES users(id),
      body TEXT NOT NULL,
      kind TEXT NOT NULL DEFAULT 'comment' CHECK (kind IN ('comment','return')),
      reply_to INTEGER REFERENCES article_comments(id) ON DELETE CASCADE,
      created_at TEXT NOT NULL
    );
    CREATE INDEX article_comments_by_article ON article_comments(article_id, id);
    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      user_id INTEGER,
      username TEXT,
      action TEXT NOT NULL,
      target_type TEXT,
      target_id INTEGER,
      details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
    );
    CREATE INDEX audit_by_time ON audit_log(at, id);
    CREATE INDEX audit_by_user ON audit_log(user_id, at, id);
    CREATE INDEX audit_by_action ON audit_log(action, at, id);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `,
};

export default migration;
