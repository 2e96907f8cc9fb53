import type { Migration } from './migration';

const migration: Migration = {
  version: 11,
  name: "the static site's signed manifest: each page's hash and approval, and the site's own signing key",
  // A static site writes a manifest of its article pages (the SHA-256 of each page as written, the approval of the
  // version it shows), signed with a key of its own. The hash and approval are kept with the page's record, so one
  // publication writes the manifest without reading the other pages again, and a rebuild gives the same manifest.
  sql: `
    ALTER TABLE site_entries ADD COLUMN page_sha256 TEXT;
    ALTER TABLE site_entries ADD COLUMN approval TEXT CHECK (approval IS NULL OR json_valid(approval));
    CREATE TABLE site_keys (
      target_id INTEGER PRIMARY KEY REFERENCES publish_targets(id) ON DELETE CASCADE,
      public_key TEXT NOT NULL,
      sealed_key BLOB NOT NULL,
      scheme TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
  `,
};

export default migration;
