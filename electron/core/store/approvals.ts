/**
 * Approval chains and the record of their steps.
 *
 * The admin sets a chain per category (approval_chains); a category without one has the default chain, one step
 * for editors — the single review step of before chains existed. When an article is submitted, the chain of its
 * category is copied into article_reviews: the article keeps that chain until it is approved, withdrawn to stay a
 * draft for good, or reopened, even if the admin changes the category's chain meanwhile. Every decision at a step
 * (approve, return) is appended to approval_records with the content hash it was given on and, for a signed step, the
 * signature and certificate.
 */
import type { Role } from '../../../shared/contract/auth';
import { ContractError, notFound } from '../../../shared/contract/errors';
import type { ApprovalStep } from '../../../shared/contract/approval';
import { ROLE_NAMES } from '../../../shared/workflow/labels';
import type { Db } from '../db/database';
import { statement } from '../db/statements';

/** The chain of a category without one of its own: editors (and administrators) approve in one step. */
export const DEFAULT_CHAIN: readonly ApprovalStep[] = [{ role: 'editor', userIds: [], signed: false }];

function parseSteps(text: string): ApprovalStep[] {
  try {
    const steps = JSON.parse(text) as ApprovalStep[];
    return Array.isArray(steps) && steps.length > 0 ? steps : [...DEFAULT_CHAIN];
  } catch {
    return [...DEFAULT_CHAIN];
  }
}

export function chainOfCategory(db: Db, categoryId: number | null): ApprovalStep[] {
  if (categoryId === null) return [...DEFAULT_CHAIN];
  const row = statement(db, 'SELECT steps FROM approval_chains WHERE category_id = ?').get(categoryId) as
    { steps: string } | undefined;
  return row ? parseSteps(row.steps) : [...DEFAULT_CHAIN];
}

export function listChains(db: Db): { categoryId: number; steps: ApprovalStep[]; updatedAt: string }[] {
  return (
    statement(db, 'SELECT category_id, steps, updated_at FROM approval_chains ORDER BY category_id').all() as {
      category_id: number;
      steps: string;
      updated_at: string;
    }[]
  ).map((row) => ({ categoryId: row.category_id, steps: parseSteps(row.steps), updatedAt: row.updated_at }));
}

/** Sets a category's chain; an empty list goes back to the default chain. Named users must exist and may approve. */
export function setChain(db: Db, categoryId: number, steps: ApprovalStep[], now: string): void {
  if (!statement(db, 'SELECT 1 FROM categories WHERE id = ?').get(categoryId))
    throw notFound({ vi: 'chuyên mục', en: 'Category' }, categoryId);
  if (steps.length === 0) {
    statement(db, 'DELETE FROM approval_chains WHERE category_id = ?').run(categoryId);
    return;
  }
  steps.forEach((step, index) => {
    for (const userId of step.userIds) {
      const user = statement(db, 'SELECT role, display_name FROM users WHERE id = ?').get(userId) as
        { role: Role; display_name: string } | undefined;
      if (!user) throw notFound({ vi: 'người dùng', en: 'User' }, userId);
      if (user.role === 'writer')
        throw new ContractError(
          'VALIDATION',
          `Bước ${index + 1}: ${user.display_name} là ${ROLE_NAMES.writer.vi}, không được duyệt bài.`,
          `Step ${index + 1}: ${user.display_name} is a writer and may not approve articles.`,
        );
    }
  });
  statement(
    db,
    `INSERT INTO approval_chains (category_id, steps, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (category_id) DO UPDATE SET steps = excluded.steps, updated_at = excluded.updated_at`,
  ).run(categoryId, JSON.stringify(steps), now);
}

/** An article's place in its chain. */
export interface Review {
  articleId: number;
  steps: ApprovalStep[];
  /** The step waiting for a decision (0-based). */
  currentStep: number;
  /** Whether a step has decided since the submission (the writer may withdraw only before). */
  acted: boolean;
  /** Records of this round have ids above this one. */
  sinceRecord: number;
}

export function reviewOf(db: Db, articleId: number): Review | null {
  const row = statement(
    db,
    'SELECT steps, current_step, acted, since_record FROM article_reviews WHERE article_id = ?',
  ).get(articleId) as { steps: string; current_step: number; acted: number; since_record: number } | undefined;
  if (!row) return null;
  return {
    articleId,
    steps: parseSteps(row.steps),
    currentStep: row.current_step,
    acted: row.acted === 1,
    sinceRecord: row.since_record,
  };
}

const lastRecordId = (db: Db): number =>
  (statement(db, 'SELECT coalesce(max(id), 0) AS n FROM approval_records').get() as { n: number }).n;

/**
 * A submission: the article waits at the first step. It keeps the chain it was first submitted into (a resubmission
 * after a return starts that chain again from its first step); a new review takes the category's chain of now.
 */
export function startReview(db: Db, articleId: number, categoryId: number | null, now: string): Review {
  const existing = reviewOf(db, articleId);
  const steps = existing?.steps ?? chainOfCategory(db, categoryId);
  statement(
    db,
    `INSERT INTO article_reviews (article_id, steps, current_step, acted, since_record, started_at) VALUES (?, ?, 0, 0, ?, ?)
     ON CONFLICT (article_id) DO UPDATE SET current_step = 0, acted = 0, since_record = excluded.since_record,
       started_at = excluded.started_at`,
  ).run(articleId, JSON.stringify(steps), lastRecordId(db), now);
  return reviewOf(db, articleId) as Review;
}

/** The article leaves review for good (reopened, or withdrawn): its next submission takes the category's chain. */
export function endReview(db: Db, articleId: number): void {
  statement(db, 'DELETE FROM article_reviews WHERE article_id = ?').run(articleId);
}

/** The display names of users, joined ('Lê Minh Tâm, Trần An'). */
export function userNames(db: Db, ids: number[]): string {
  const rows = statement(
    db,
    'SELECT display_name FROM users WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id',
  ).all(JSON.stringify(ids)) as { display_name: string }[];
  return rows.map((r) => r.display_name).join(', ');
}

/** Whether this person may decide at the step: a named user, or the step's role; administrators at every step. */
export function mayDecide(step: ApprovalStep, actor: { id: number; role: Role }): boolean {
  if (actor.role === 'admin') return true;
  if (step.userIds.length > 0) return step.userIds.includes(actor.id);
  return step.role === actor.role;
}

export interface ApprovalSignature {
  signature: Buffer;
  certificatePem: string;
  signedAt: string;
}

export interface DecisionRecord {
  articleId: number;
  step: number;
  stepCount: number;
  decision: 'approve' | 'return';
  actorId: number;
  version: number;
  contentHash: string;
  reason: string;
  signature: ApprovalSignature | null;
}

/** Appends a decision and moves the review: the next step, or (a return) back to the writer. */
export function recordDecision(db: Db, record: DecisionRecord, now: string): number {
  const info = statement(
    db,
    `INSERT INTO approval_records (article_id, step, step_count, decision, actor_id, version, content_hash, signature,
       certificate, signed_at, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    record.articleId,
    record.step,
    record.stepCount,
    record.decision,
    record.actorId,
    record.version,
    record.contentHash,
    record.signature?.signature ?? null,
    record.signature?.certificatePem ?? null,
    record.signature?.signedAt ?? null,
    record.reason,
    now,
  );
  const next = record.decision === 'approve' ? record.step + 1 : 0;
  statement(db, 'UPDATE article_reviews SET current_step = ?, acted = 1 WHERE article_id = ?').run(
    Math.min(next, record.stepCount - 1),
    record.articleId,
  );
  return Number(info.lastInsertRowid);
}

export interface StoredRecord {
  id: number;
  articleId: number;
  step: number;
  stepCount: number;
  decision: 'approve' | 'return';
  actorId: number;
  actorName: string;
  version: number;
  contentHash: string;
  signature: Buffer | null;
  certificatePem: string | null;
  signedAt: string | null;
  reason: string;
  at: string;
}

interface RecordRow {
  id: number;
  article_id: number;
  step: number;
  step_count: number;
  decision: 'approve' | 'return';
  actor_id: number;
  actor_name: string | null;
  version: number;
  content_hash: string;
  signature: Buffer | null;
  certificate: string | null;
  signed_at: string | null;
  reason: string;
  at: string;
}

function toRecord(row: RecordRow): StoredRecord {
  return {
    id: row.id,
    articleId: row.article_id,
    step: row.step,
    stepCount: row.step_count,
    decision: row.decision,
    actorId: row.actor_id,
    actorName: row.actor_name ?? `#${row.actor_id}`,
    version: row.version,
    contentHash: row.content_hash,
    signature: row.signature,
    certificatePem: row.certificate,
    signedAt: row.signed_at,
    reason: row.reason,
    at: row.at,
  };
}

const RECORD_SELECT = `SELECT r.*, u.display_name AS actor_name FROM approval_records r LEFT JOIN users u ON u.id = r.actor_id`;

/** Every decision on an article, oldest first. */
export function recordsOf(db: Db, articleId: number): StoredRecord[] {
  return (statement(db, `${RECORD_SELECT} WHERE r.article_id = ? ORDER BY r.id`).all(articleId) as RecordRow[]).map(
    toRecord,
  );
}

export function recordById(db: Db, id: number): StoredRecord | null {
  const row = statement(db, `${RECORD_SELECT} WHERE r.id = ?`).get(id) as RecordRow | undefined;
  return row ? toRecord(row) : null;
}

/** The approval at the last step that made the article approved most recently, or null. */
export function finalApproval(db: Db, articleId: number): StoredRecord | null {
  const row = statement(
    db,
    `${RECORD_SELECT} WHERE r.article_id = ? AND r.decision = 'approve' AND r.step = r.step_count - 1 ORDER BY r.id DESC LIMIT 1`,
  ).get(articleId) as RecordRow | undefined;
  return row ? toRecord(row) : null;
}

/**
 * An edit while the article waits in its chain: the step that approved the text before the edit must approve the new
 * text (the article goes back to that step). Answers the step it went back to, or null when nothing changed.
 */
export function sendBackAfterEdit(db: Db, articleId: number): number | null {
  const review = reviewOf(db, articleId);
  if (!review || review.currentStep === 0) return null;
  const last = statement(
    db,
    "SELECT step FROM approval_records WHERE article_id = ? AND id > ? AND decision = 'approve' ORDER BY id DESC LIMIT 1",
  ).get(articleId, review.sinceRecord) as { step: number } | undefined;
  if (!last || last.step !== review.currentStep - 1) return null;
  statement(db, 'UPDATE article_reviews SET current_step = ? WHERE article_id = ?').run(last.step, articleId);
  return last.step;
}
