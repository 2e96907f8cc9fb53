import { foldForSearch, searchTerms } from '../../../shared/text/fold';
import type { Db } from '../db/database';
import { statement } from '../db/statements';
import { htmlToIndexText } from './index-text';

export interface IndexedText {
  title: string;
  lead: string;
  bodyHtml: string;
  author: string;
  department: string;
}

/** Replaces the index entry of one article; call inside the transaction that writes the article. */
export function indexArticle(db: Db, id: number, text: IndexedText): void {
  statement(db, 'DELETE FROM articles_fts WHERE rowid = ?').run(id);
  statement(db, 'INSERT INTO articles_fts (rowid, title, lead, body, byline) VALUES (?, ?, ?, ?, ?)').run(
    id,
    foldForSearch(text.title),
    foldForSearch(text.lead),
    foldForSearch(htmlToIndexText(text.bodyHtml)),
    foldForSearch(`${text.author} ${text.department}`),
  );
}

/**
 * Leaves an article's index entry to be rewritten later (flushPendingIndex): a body autosave of a long report does not
 * wait for 20,000 words to be indexed. The mark is written in the save's transaction, so a crash cannot lose it.
 */
export function deferIndexing(db: Db, id: number): void {
  statement(db, 'INSERT OR IGNORE INTO articles_fts_pending (article_id) VALUES (?)').run(id);
}

export function pendingIndexIds(db: Db): number[] {
  return (statement(db, 'SELECT article_id FROM articles_fts_pending').all() as { article_id: number }[]).map(
    (row) => row.article_id,
  );
}

export function clearPendingIndex(db: Db, id: number): void {
  statement(db, 'DELETE FROM articles_fts_pending WHERE article_id = ?').run(id);
}

export function unindexArticle(db: Db, id: number): void {
  statement(db, 'DELETE FROM articles_fts WHERE rowid = ?').run(id);
}

/**
 * An FTS5 MATCH expression: every word must appear; the finished words whole, the last one as a prefix (search as
 * you type: `phong lao d` finds "Phòng Lao động", while `ho ngheo` does not find "học nghề").
 */
export function matchExpression(query: string): string | null {
  const terms = searchTerms(query);
  if (terms.length === 0) return null;
  return terms.map((term, i) => (i === terms.length - 1 ? `"${term}"*` : `"${term}"`)).join(' ');
}
