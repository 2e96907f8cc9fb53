import crypto from 'node:crypto';
import type { Article } from '../../../shared/contract/articles';
import type { PublishedAttachment } from '../../../shared/contract/attachments';
import type { JobKind } from '../../../shared/contract/publishing';
import type { TransitionAction } from '../../../shared/contract/workflow';
import { parseBody } from '../../../shared/render/body-nodes';
import type { Db } from '../db/database';
import { statement } from '../db/statements';
import { getArticle } from '../store/articles';
import { publishedAttachments } from '../store/attachments';
import {
  hasJobInDoubt,
  insertJob,
  remoteRecord,
  setJobOutcome,
  targetRow,
  targetRows,
  waitingJobsOf,
  type TargetRow,
} from '../store/publishing';
import type { PublishTarget } from './target';
import { createTarget } from './targets';

/**
 * What a status change puts in the queue: one job per target, carrying the article as it was when the change was
 * made. Runs inside the transition's transaction, so the status and its jobs are stored together or not at all.
 */

/** The same work (kind, target, article, version) always has the same key: a second enqueue is the same job. */
export function idempotencyKey(kind: JobKind, targetId: number, articleId: number, version: number): string {
  return `${kind}:t${targetId}:a${articleId}:v${version}`;
}

const SUPERSEDED = {
  message: 'Đã hủy: có lệnh mới hơn cho bài này trên đích này.',
  messageEn: 'Cancelled: a newer job for this article on this target replaced it.',
};
const UNPUBLISHED_FIRST = {
  message: 'Đã hủy: bài đã được gỡ xuống trước khi lệnh này chạy, nên không đăng nữa.',
  messageEn: 'Cancelled: the article was unpublished before this job ran, so it is not published.',
};

/**
 * Cancels the waiting jobs of an article on a target that have certainly not reached it, saying why (they would
 * publish an outdated version). An uncertain one stays: it asks the target first, and what follows acts on the answer.
 */
function cancelWaiting(
  db: Db,
  targetId: number,
  articleId: number,
  why: { message: string; messageEn: string },
  now: string,
): void {
  for (const job of waitingJobsOf(db, targetId, articleId))
    setJobOutcome(db, job.id, { state: 'cancelled', notice: why, finished: true }, now);
}

function built(target: TargetRow): PublishTarget | null {
  try {
    return createTarget(target.kind, JSON.parse(target.config), target.name);
  } catch {
    // Settings that no longer parse: the jobs queued for it fail with the reason.
    return null;
  }
}

const serverSchedules = (target: TargetRow): boolean => built(target)?.serverSchedule ?? false;
const collaborates = (target: TargetRow): boolean => built(target)?.collaboration !== undefined;

/** The sites this workstation collaborates through: a submission goes up, a return goes back to the writer. */
function queueReview(
  db: Db,
  kind: 'submit' | 'return',
  article: Article,
  reason: string,
  actorId: number | null,
  now: string,
): void {
  for (const target of targetRows(db, true)) {
    if (!collaborates(target)) continue;
    // A return only where the post is (it came down from the site, or went up from here).
    if (kind === 'return' && remoteRecord(db, target.id, article.id) === null) continue;
    cancelWaiting(db, target.id, article.id, SUPERSEDED, now);
    insertJob(
      db,
      {
        targetId: target.id,
        articleId: article.id,
        kind,
        articleVersion: article.version,
        snapshot: JSON.stringify({ article: publishedCopy(db, article), ...(kind === 'return' ? { reason } : {}) }),
        idempotencyKey: idempotencyKey(kind, target.id, article.id, article.version),
        runAt: now,
        scheduledFor: null,
        createdBy: actorId,
      },
      now,
    );
  }
}

/** Every enabled collaborating target has its one recurring pull job (it never ends; it waits for its next turn). */
export function ensurePullJobs(db: Db, now: string): void {
  for (const target of targetRows(db, true)) {
    if (!collaborates(target)) continue;
    insertJob(
      db,
      {
        targetId: target.id,
        articleId: null,
        kind: 'pull',
        articleVersion: null,
        snapshot: null,
        idempotencyKey: `pull:t${target.id}`,
        runAt: now,
        scheduledFor: null,
        createdBy: null,
      },
      now,
    );
  }
}

/**
 * The article as a job keeps it: every target renders the body from its editor document, so the stored HTML of
 * that document is left out (it is half of a job's row, which the queue writes twice and reads back per job). An
 * article without a readable document keeps its HTML: that is what the targets publish then. Its attached documents
 * go with it as they are now (shared/render/attachments.ts reads them back).
 */
function publishedCopy(db: Db, article: Article): Article & { attachments?: PublishedAttachment[] } {
  const copy = parseBody(article.bodyJson) === null ? article : { ...article, bodyHtml: '' };
  const attachments = publishedAttachments(db, article.id);
  return attachments.length === 0 ? copy : { ...copy, attachments };
}

function queuePublication(
  db: Db,
  target: TargetRow,
  article: Article,
  runAt: string,
  scheduledFor: string | null,
  actorId: number | null,
  now: string,
): number {
  cancelWaiting(db, target.id, article.id, SUPERSEDED, now);
  // Held, or may be: a job running or uncertain may have put it there.
  const held = remoteRecord(db, target.id, article.id) !== null || hasJobInDoubt(db, target.id, article.id);
  const kind: JobKind = held ? 'update' : 'publish';
  return insertJob(
    db,
    {
      targetId: target.id,
      articleId: article.id,
      kind,
      articleVersion: article.version,
      snapshot: JSON.stringify(publishedCopy(db, article)),
      idempotencyKey: idempotencyKey(kind, target.id, article.id, article.version),
      runAt,
      scheduledFor,
      createdBy: actorId,
    },
    now,
  );
}

function queueUnpublication(db: Db, target: TargetRow, article: Article, actorId: number | null, now: string): void {
  cancelWaiting(db, target.id, article.id, UNPUBLISHED_FIRST, now);
  // Wherever the target holds it or may: a publication running now, or one whose answer was lost (uncertain).
  if (remoteRecord(db, target.id, article.id) === null && !hasJobInDoubt(db, target.id, article.id)) return;
  insertJob(
    db,
    {
      targetId: target.id,
      articleId: article.id,
      kind: 'unpublish',
      articleVersion: article.version,
      snapshot: null,
      idempotencyKey: idempotencyKey('unpublish', target.id, article.id, article.version),
      runAt: now,
      scheduledFor: null,
      createdBy: actorId,
    },
    now,
  );
}

/** Queues what a status change means for every target. */
export function enqueueForTransition(
  db: Db,
  action: TransitionAction,
  article: Article,
  actorId: number | null,
  now: string,
  reason = '',
): void {
  if (action === 'submit' || action === 'return') {
    queueReview(db, action, article, reason, actorId, now);
  } else if (action === 'publish' || action === 'update') {
    for (const target of targetRows(db, true)) queuePublication(db, target, article, now, null, actorId, now);
  } else if (action === 'schedule' && article.publishedAt) {
    for (const target of targetRows(db, true)) {
      // A target that schedules on its server gets the time now; the static site waits for it here.
      const runAt = serverSchedules(target) ? now : article.publishedAt;
      queuePublication(db, target, article, runAt, article.publishedAt, actorId, now);
    }
  } else if (action === 'unpublish') {
    // Every target, enabled or not: a disabled one still holds the article and takes it down when enabled again.
    for (const target of targetRows(db, false)) queueUnpublication(db, target, article, actorId, now);
  }
}

/** Queues every article published now (not in the trash) for one target: for a target added after them. */
export function enqueuePublished(db: Db, targetId: number, actorId: number | null, now: string): number {
  const target = targetRow(db, targetId);
  const ids = (
    statement(
      db,
      "SELECT id FROM articles WHERE status = 'published' AND trashed_at IS NULL ORDER BY published_at, id",
    ).all() as { id: number }[]
  ).map((r) => r.id);
  for (const id of ids) queuePublication(db, target, getArticle(db, id), now, null, actorId, now);
  return ids.length;
}

export function enqueueRebuild(db: Db, targetId: number, actorId: number | null, now: string): number {
  targetRow(db, targetId);
  return insertJob(
    db,
    {
      targetId,
      articleId: null,
      kind: 'rebuild',
      articleVersion: null,
      snapshot: null,
      idempotencyKey: `rebuild:t${targetId}:${now}:${crypto.randomBytes(4).toString('hex')}`,
      runAt: now,
      scheduledFor: null,
      createdBy: actorId,
    },
    now,
  );
}
