import type { Migration } from './migration';

const migration: Migration = {
  version: 15,
  name: "the featured image of a static site's entry in its own column",
  // Every list of the site (home, categories, months, feeds) showed each entry's featured image by reading it out of
  // the entry's whole published JSON: for the 20 newest articles of a site whose newest were long reports (260 KB
  // each), one publication spent 190 ms parsing JSON. The column is written with the entry from now on; the rows
  // already there take theirs from the snapshot once, here (a featured image is a string or nothing).
  sql: `
    ALTER TABLE site_entries ADD COLUMN image TEXT;
    UPDATE site_entries SET image = CASE WHEN json_type(snapshot, '$.featuredImage') = 'text'
      THEN json_extract(snapshot, '$.featuredImage') END;
  `,
};

export default migration;
