/**
 * What made each version of an article (migration 13): the event (created, autosave, saved, restored, received, or
 * a status change), the step of the approval chain, who and when. One row per version the article keeps: the row of
 * a version that an autosave replaced without keeping it as a revision is dropped, as are rows older than the oldest
 * kept revision. The size in words is counted the first time a version is listed, then kept.
 */
import type { VersionEvent, VersionHistoryEntry } from '../../../shared/contract/workflow';
import { notFound } from '../../../shared/contract/errors';
import type { Db } from '../db/database';
import { statement } from '../db/statements';

export interface VersionMade {
  event: VersionEvent;
  /** The person; null for the publishing queue or a collaborating site. */
  userId: number | null;
  step?: number | undefined;
  stepCount?: number | undefined;
  fromVersion?: number | undefined;
}

/** Records what made `version` of the article; call in the transaction that made it. */
export function recordVersion(db: Db, articleId: number, version: number, made: VersionMade, at: string): void {
  statement(
    db,
    `INSERT OR REPLACE INTO article_versions (article_id, version, event, step, step_count, from_version, user_id, made_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    articleId,
    version,
    made.event,
    made.step ?? null,
    made.stepCount ?? null,
    made.fromVersion ?? null,
    made.userId,
    at,
  );
  // Rows of versions the article no longer keeps: neither current nor a kept revision.
  statement(
    db,
    `DELETE FROM article_versions WHERE article_id = ? AND version < ?
       AND version NOT IN (SELECT version FROM article_revisions WHERE article_id = ?)`,
  ).run(articleId, version, articleId);
}

interface HistoryRow {
  version: number;
  current: number;
  event: VersionEvent | null;
  step: number | null;
  step_count: number | null;
  from_version: number | null;
  author_name: string | null;
  made_at: string;
  words: number | null;
}

/**
 * Every version the article keeps, the current first. `countWords` counts a version's words when its row has none
 * yet (or it has no row: versions from before events were recorded); the count is kept for the next time.
 */
export function versionHistory(
  db: Db,
  articleId: number,
  countWords: (version: number) => number,
): VersionHistoryEntry[] {
  const article = statement(db, 'SELECT version, updated_at FROM articles WHERE id = ?').get(articleId) as
    { version: number; updated_at: string } | undefined;
  if (!article) throw notFound('article', articleId);
  const rows = statement(
    db,
    `WITH kept(version, current, made_at) AS (
       SELECT ?, 1, ?
       UNION ALL
       SELECT version, 0, json_extract(snapshot, '$.updated_at') FROM article_revisions WHERE article_id = ?
     )
     SELECT k.version, k.current, v.event, v.step, v.step_count, v.from_version, u.display_name AS author_name,
       COALESCE(v.made_at, k.made_at) AS made_at, v.words
     FROM kept k
     LEFT JOIN article_versions v ON v.article_id = ? AND v.version = k.version
     LEFT JOIN users u ON u.id = v.user_id
     ORDER BY k.version DESC`,
  ).all(article.version, article.updated_at, articleId, articleId) as HistoryRow[];
  return rows.map((row) => {
    let words = row.words;
    if (words === null) {
      words = countWords(row.version);
      if (row.event !== null)
        statement(db, 'UPDATE article_versions SET words = ? WHERE article_id = ? AND version = ?').run(
          words,
          articleId,
          row.version,
        );
    }
    return {
      version: row.version,
      current: row.current === 1,
      event: row.event,
      step: row.step,
      stepCount: row.step_count,
      fromVersion: row.from_version,
      authorName: row.author_name,
      madeAt: row.made_at ?? article.updated_at,
      words,
    };
  });
}
