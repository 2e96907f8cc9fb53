import type { Migration } from './migration';

const migration: Migration = {
  version: 10,
  name: 'attached documents of articles (Văn bản đính kèm)',
  // The file itself is in the media store, named by the SHA-256 of its bytes ('<sha>.<ext>'); a row is one
  // attachment of one article, in the order the writer gave. issued_on is a calendar date (YYYY-MM-DD) or NULL.
  sql: `
    CREATE TABLE article_attachments (
      id INTEGER PRIMARY KEY,
      article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
      file_name TEXT NOT NULL CHECK (file_name GLOB '[0-9a-f]*.*'),
      kind TEXT NOT NULL CHECK (kind IN ('pdf','doc','docx','xls','xlsx','odt')),
      bytes INTEGER NOT NULL CHECK (bytes > 0),
      display_name TEXT NOT NULL,
      scanned INTEGER NOT NULL DEFAULT 0 CHECK (scanned IN (0, 1)),
      doc_number TEXT NOT NULL DEFAULT '',
      issued_on TEXT CHECK (issued_on IS NULL OR issued_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      issuer TEXT NOT NULL DEFAULT '',
      position INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (article_id, file_name)
    );
    CREATE INDEX article_attachments_in_order ON article_attachments(article_id, position, id);
  `,
};

export default migration;
