import crypto from 'node:crypto';
import type { ArticleStatus } from '../../../../shared/contract/articles';
import type { VersionEvent } from '../../../../shared/contract/workflow';
import { MEDIA_REF_PATTERN } from '../../../../shared/render/body-nodes';
import { slugify } from '../../../../shared/text/slug';
import type { Db } from '../../db/database';
import { statement } from '../../db/statements';
import { createMediaStore } from '../../media/media-store';
import { createArticle, getArticle, transitionArticle, updateArticle } from '../../store/articles';
import { recordVersion } from '../../store/versions';
import type { AuditInput } from '../../store/audit';
import { insertComment } from '../../store/comments';
import { findUserByName, insertUser } from '../../store/users';
import { remoteRecord, saveRemoteRecord } from '../../store/publishing';
import type { PullResult, RemoteArticle, RemoteComment, SyncCursor } from '../target';

/**
 * Applies what a pull brought from the site every workstation shares: posts waiting for review become articles in
 * 'Chờ duyệt' here, an editor's decision (returned, published, scheduled, taken down) and review comments reach the
 * writer's workstation. Changes made here by the sync are never queued back (they came from the site).
 */

export function syncCursor(db: Db, targetId: number): SyncCursor {
  const row = statement(db, 'SELECT posts_after, comments_after FROM target_sync WHERE target_id = ?').get(targetId) as
    { posts_after: string | null; comments_after: string | null } | undefined;
  return { postsAfter: row?.posts_after ?? null, commentsAfter: row?.comments_after ?? null };
}

function saveCursor(db: Db, targetId: number, cursor: SyncCursor, now: string): void {
  statement(
    db,
    `INSERT INTO target_sync (target_id, posts_after, comments_after, last_pull_at, last_error) VALUES (?, ?, ?, ?, NULL)
     ON CONFLICT (target_id) DO UPDATE SET posts_after = excluded.posts_after, comments_after = excluded.comments_after,
       last_pull_at = excluded.last_pull_at, last_error = NULL`,
  ).run(targetId, cursor.postsAfter, cursor.commentsAfter, now);
}

/** The local article a post is, by the record of what the target holds. */
function articleOfPost(db: Db, targetId: number, remoteId: string): number | null {
  const row = statement(db, 'SELECT article_id FROM publish_remote WHERE target_id = ? AND remote_id = ?').get(
    targetId,
    remoteId,
  ) as { article_id: number } | undefined;
  return row?.article_id ?? null;
}

/**
 * Someone who works on another workstation, as this one knows them: a disabled account (nobody signs in as it) that
 * names the author of pulled articles and comments.
 */
function colleague(db: Db, name: string, now: string): number {
  const display = name.trim() || 'WordPress';
  const username = `wp-${slugify(display).slice(0, 30) || crypto.createHash('sha256').update(display).digest('hex').slice(0, 8)}`;
  const found = findUserByName(db, username);
  if (found) return found.id;
  const user = insertUser(db, { username, displayName: display, role: 'writer', passwordHash: '!' }, now);
  statement(db, 'UPDATE users SET disabled = 1 WHERE id = ?').run(user.id);
  return user.id;
}

function categoryIdByName(db: Db, name: string | null): number | null {
  if (!name) return null;
  const row = statement(db, 'SELECT id FROM categories WHERE name = ? COLLATE NOCASE').get(name.trim()) as
    { id: number } | undefined;
  return row?.id ?? null;
}

/** The status a post's state means here, given where the article is now (null: nothing to change). */
function statusFor(remote: RemoteArticle, current: ArticleStatus): ArticleStatus | null {
  switch (remote.status) {
    case 'pending':
      return current === 'draft' || current === 'returned' ? 'pending_review' : null;
    case 'draft':
      // Back to draft while it was waiting for review: the editor returned it.
      return current === 'pending_review' ? 'returned' : null;
    case 'publish':
      return current === 'published' ? null : 'published';
    case 'future':
      return current === 'scheduled' ? null : 'scheduled';
    case 'private':
    case 'trash':
      return current === 'published' || current === 'scheduled' ? 'unpublished' : null;
  }
}

export interface SyncDeps {
  db: Db;
  dataDir: string;
  targetId: number;
  targetName: string;
  now: string;
  audit(entry: AuditInput): void;
  /** Fetches an image of a pulled post (its address on the site); null when it cannot be had. */
  fetchImage(url: string): Promise<Buffer | null>;
}

/**
 * Images of a pulled document that this workstation does not have: fetched from the post and imported, with the
 * document's refs rewritten to the local ones (the store names images by their bytes).
 */
async function localiseImages(deps: SyncDeps, bodyJson: string, html: string): Promise<string> {
  const refs = [...new Set(bodyJson.match(new RegExp(MEDIA_REF_PATTERN.source.replace(/^\^|\$$/g, ''), 'g')) ?? [])];
  if (refs.length === 0) return bodyJson;
  const sources = [...html.matchAll(/<img\b[^>]*\bsrc="([^"]+)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));
  const store = createMediaStore(deps.dataDir);
  let doc = bodyJson;
  for (const [index, ref] of refs.entries()) {
    const match = MEDIA_REF_PATTERN.exec(ref);
    if (!match) continue;
    const source = sources.find((s) => s.includes(match[1] as string)) ?? sources[index];
    if (!source) continue;
    const bytes = await deps.fetchImage(source);
    if (!bytes) continue;
    try {
      const imported = await store.importImage(bytes, `${match[1]}.${match[2]}`);
      doc = doc.split(ref).join(imported.ref);
    } catch {
      // An image that does not import is left as it was: the figure shows as missing, the text is intact.
    }
  }
  return doc;
}

/** A decision taken on the collaborating site, as the event of the version it makes here. */
const EVENT_OF_STATUS: Record<ArticleStatus, VersionEvent> = {
  draft: 'reopen',
  pending_review: 'submit',
  returned: 'return',
  approved: 'approve',
  scheduled: 'schedule',
  published: 'publish',
  unpublished: 'unpublish',
};

async function applyArticle(deps: SyncDeps, remote: RemoteArticle): Promise<void> {
  const { db, targetId, now } = deps;
  const localId = articleOfPost(db, targetId, remote.remoteId);
  const record = { remoteId: remote.remoteId, url: remote.url, remoteModified: remote.remoteModified };
  if (localId === null) {
    // Only posts waiting for review come in: posts written on the site itself are the site's business.
    if (remote.status !== 'pending') return;
    const bodyJson = remote.bodyJson ? await localiseImages(deps, remote.bodyJson, remote.html) : null;
    db.transaction(() => {
      const ownerId = colleague(db, remote.authorName, now);
      const article = createArticle(
        db,
        {
          title: remote.title || '(không tiêu đề)',
          lead: remote.lead,
          ...(bodyJson ? { bodyJson } : { bodyHtml: remote.html }),
          categoryId: categoryIdByName(db, remote.categoryName),
          author: remote.byline?.author ?? remote.authorName,
          department: remote.byline?.department ?? '',
          status: 'pending_review',
          ownerId,
          ...(remote.slug ? { slug: remote.slug } : {}),
        },
        now,
      );
      saveRemoteRecord(db, targetId, article.id, record, article.version, now);
      recordVersion(db, article.id, article.version, { event: 'received', userId: ownerId }, now);
      deps.audit({
        actor: null,
        action: 'sync.received',
        target: { type: 'article', id: article.id },
        details: { target: deps.targetName, post: remote.remoteId, title: article.title, by: remote.authorName },
      });
    }).immediate();
    return;
  }
  const held = remoteRecord(db, targetId, localId);
  // Our own write, seen again: nothing new.
  if (held?.remoteModified === remote.remoteModified) return;
  let article = getArticle(db, localId);
  const contentChanged =
    remote.bodyJson !== null &&
    (remote.bodyJson !== article.bodyJson || remote.title !== article.title || remote.lead !== article.lead);
  const bodyJson = contentChanged && remote.bodyJson ? await localiseImages(deps, remote.bodyJson, remote.html) : null;
  db.transaction(() => {
    article = getArticle(db, localId);
    // Text comes down while the article is with someone else (resubmitted for review), never over one being edited here.
    if (bodyJson && remote.status === 'pending' && article.status === 'returned') {
      article = updateArticle(
        db,
        localId,
        article.version,
        { title: remote.title, lead: remote.lead, bodyJson },
        { now },
      );
      recordVersion(db, localId, article.version, { event: 'received', userId: null }, now);
    }
    const to = statusFor(remote, article.status);
    if (to !== null) {
      const from = article.status;
      const publishedAt =
        to === 'scheduled'
          ? remote.scheduledFor
          : to === 'published'
            ? (article.publishedAt ?? now)
            : article.publishedAt;
      article = transitionArticle(db, localId, article.version, now, () => ({ status: to, publishedAt })).after;
      recordVersion(db, localId, article.version, { event: EVENT_OF_STATUS[to], userId: null }, now);
      deps.audit({
        actor: null,
        action: 'sync.status',
        target: { type: 'article', id: localId },
        details: { target: deps.targetName, post: remote.remoteId, from, to, title: article.title },
      });
    }
    saveRemoteRecord(db, targetId, localId, record, article.version, now);
  }).immediate();
}

function applyComment(deps: SyncDeps, comment: RemoteComment): void {
  const { db, targetId, now } = deps;
  const articleId = articleOfPost(db, targetId, comment.remoteArticleId);
  const text = comment.text.trim();
  if (articleId === null || text === '') return;
  // Already here: written on this workstation (and sent up), or pulled before.
  if (statement(db, 'SELECT 1 FROM article_comments WHERE article_id = ? AND body = ? LIMIT 1').get(articleId, text))
    return;
  db.transaction(() => {
    insertComment(
      db,
      {
        articleId,
        authorId: colleague(db, comment.authorName, now),
        body: text,
        kind: comment.isReturn ? 'return' : 'comment',
        replyTo: null,
      },
      now,
    );
  }).immediate();
}

/** Applies a pull, oldest first, then moves the cursor: an interrupted pull is simply pulled again. */
export async function applyPull(deps: SyncDeps, result: PullResult): Promise<{ articles: number; comments: number }> {
  for (const remote of result.articles) await applyArticle(deps, remote);
  for (const comment of result.comments) applyComment(deps, comment);
  saveCursor(deps.db, deps.targetId, result.cursor, deps.now);
  return { articles: result.articles.length, comments: result.comments.length };
}
