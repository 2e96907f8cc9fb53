import type { Migration } from './migration';

const migration: Migration = {
  version: 2,
  name: 'full-text index on folded text',
  // Contentless: it stores only the index of the folded words; the text stays in articles.
  // Articles written before the index existed become searchable too, folded by the SQL functions that
  // database.ts registers on every connection (search_fold, search_text): the same folding as live writes.
  sql: `
    CREATE VIRTUAL TABLE articles_fts USING fts5(
      title, lead, body, byline,
      content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    );
    INSERT INTO articles_fts (rowid, title, lead, body, byline)
      SELECT id, search_fold(title), search_fold(lead), search_fold(search_text(body_html)),
             search_fold(author || ' ' || department)
      FROM articles ORDER BY id;
  `,
};

export default migration;
