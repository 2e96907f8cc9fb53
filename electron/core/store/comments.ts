import type { Comment } from '../../../shared/contract/workflow';
import { notFound } from '../../../shared/contract/errors';
import type { Db } from '../db/database';
import { statement } from '../db/statements';

interface CommentRow {
  id: number;
  article_id: number;
  author_id: number;
  author_name: string;
  body: string;
  kind: 'comment' | 'return';
  reply_to: number | null;
  created_at: string;
}

const SELECT = `SELECT c.id, c.article_id, c.author_id, u.display_name AS author_name, c.body, c.kind, c.reply_to, c.created_at
  FROM article_comments c JOIN users u ON u.id = c.author_id`;

function toComment(row: CommentRow): Comment {
  return {
    id: row.id,
    articleId: row.article_id,
    authorId: row.author_id,
    authorName: row.author_name,
    body: row.body,
    kind: row.kind,
    replyTo: row.reply_to,
    createdAt: row.created_at,
  };
}

function assertArticle(db: Db, articleId: number): void {
  if (!statement(db, 'SELECT 1 FROM articles WHERE id = ?').get(articleId)) throw notFound('article', articleId);
}

/** Oldest first; a reply points to its comment with replyTo. */
export function listComments(db: Db, articleId: number): Comment[] {
  assertArticle(db, articleId);
  return (statement(db, `${SELECT} WHERE c.article_id = ? ORDER BY c.id`).all(articleId) as CommentRow[]).map(
    toComment,
  );
}

/** Call inside the caller's transaction. A reply must answer a comment of the same article. */
export function insertComment(
  db: Db,
  comment: { articleId: number; authorId: number; body: string; kind: 'comment' | 'return'; replyTo: number | null },
  now: string,
): Comment {
  assertArticle(db, comment.articleId);
  if (
    comment.replyTo !== null &&
    !statement(db, 'SELECT 1 FROM article_comments WHERE id = ? AND article_id = ?').get(
      comment.replyTo,
      comment.articleId,
    )
  ) {
    throw notFound(
      { vi: `bình luận trên bài #${comment.articleId}`, en: `Comment on article #${comment.articleId}` },
      comment.replyTo,
    );
  }
  const info = statement(
    db,
    'INSERT INTO article_comments (article_id, author_id, body, kind, reply_to, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(comment.articleId, comment.authorId, comment.body, comment.kind, comment.replyTo, now);
  return toComment(statement(db, `${SELECT} WHERE c.id = ?`).get(Number(info.lastInsertRowid)) as CommentRow);
}
