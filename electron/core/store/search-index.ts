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
