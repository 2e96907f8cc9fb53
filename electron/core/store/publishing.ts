import type { Article } from '../../../shared/contract/articles';
import { notFound } from '../../../shared/contract/errors';
import {
  JOB_STATES,
  OPEN_JOB_STATES,
  type JobKind,
  type JobState,
  type PublishJob,
  type PublishTargetInfo,
  type TargetKind,
} from '../../../shared/contract/publishing';
import type { Db } from '../db/database';
import { statement } from '../db/statements';
import type { RemoteRecord } from '../publish/target';

/** The publishing tables: targets, the job queue and what each target holds of each article (migration 6). */

const TARGET_WHAT = { vi: 'đích xuất bản', en: 'Publishing target' };
const JOB_WHAT = { vi: 'lệnh xuất bản', en: 'Publishing job' };

export interface TargetRow {
  id: number;
  kind: TargetKind;
  name: string;
  config: string;
  enabled: number;
  secret: Buffer | null;
  secret_scheme: string | null;
  created_at: string;
  updated_at: string;
}

export function targetRow(db: Db, id: number): TargetRow {
  const row = statement(db, 'SELECT * FROM publish_targets WHERE id = ?').get(id) as TargetRow | undefined;
  if (!row) throw notFound(TARGET_WHAT, id);
  return row;
}

export function targetRows(db: Db, onlyEnabled = false): TargetRow[] {
  return statement(db, `SELECT * FROM publish_targets ${onlyEnabled ? 'WHERE enabled = 1' : ''} ORDER BY id`).all() as TargetRow[];
}

export function toTargetInfo(row: TargetRow, serverSchedule: boolean): PublishTargetInfo {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    config: JSON.parse(row.config) as Record<string, unknown>,
    enabled: row.enabled === 1,
    hasSecret: row.secret !== null,
    serverSchedule,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function insertTarget(
  db: Db,
  target: { kind: TargetKind; name: string; config: unknown; enabled: boolean; secret: { sealed: Buffer; scheme: string } | null },
  now: string,
): number {
  const info = statement(
    db,
    'INSERT INTO publish_targets (kind, name, config, enabled, secret, secret_scheme, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(target.kind, target.name, JSON.stringify(target.config), target.enabled ? 1 : 0, target.secret?.sealed ?? null, target.secret?.scheme ?? null, now, now);
  return Number(info.lastInsertRowid);
}

export function updateTargetRow(
  db: Db,
  id: number,
  change: { name?: string; enabled?: boolean; config?: unknown; secret?: { sealed: Buffer; scheme: string } | null },
  now: string,
): void {
  const row = targetRow(db, id);
  const secret = change.secret === undefined ? { sealed: row.secret, scheme: row.secret_scheme } : { sealed: change.secret?.sealed ?? null, scheme: change.secret?.scheme ?? null };
  statement(db, 'UPDATE publish_targets SET name = ?, enabled = ?, config = ?, secret = ?, secret_scheme = ?, updated_at = ? WHERE id = ?').run(
    change.name ?? row.name,
    change.enabled === undefined ? row.enabled : change.enabled ? 1 : 0,
    change.config === undefined ? row.config : JSON.stringify(change.config),
    secret.sealed,
    secret.scheme,
    now,
    id,
  );
}

export function deleteTargetRow(db: Db, id: number): void {
  statement(db, 'DELETE FROM publish_targets WHERE id = ?').run(id);
}

// ---------------------------------------------------------------------------------------------- jobs

export interface JobRow {
  id: number;
  target_id: number;
  article_id: number | null;
  kind: JobKind;
  article_version: number | null;
  snapshot: string | null;
  idempotency_key: string;
  state: JobState;
  attempts: number;
  run_at: string;
  scheduled_for: string | null;
  last_error_code: string | null;
  last_error: string | null;
  last_error_en: string | null;
  progress_done: number;
  progress_total: number;
  result_url: string | null;
  notice: string | null;
  notice_en: string | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
}

interface ListedJobRow extends JobRow {
  target_name: string;
  target_kind: TargetKind;
  article_title: string | null;
}

const LISTED_JOB = `SELECT j.*, t.name AS target_name, t.kind AS target_kind, a.title AS article_title
  FROM publish_jobs j JOIN publish_targets t ON t.id = j.target_id LEFT JOIN articles a ON a.id = j.article_id`;

function toJob(row: ListedJobRow): PublishJob {
  return {
    id: row.id,
    targetId: row.target_id,
    targetName: row.target_name,
    targetKind: row.target_kind,
    articleId: row.article_id,
    articleTitle: row.article_title ?? (row.snapshot && row.article_id !== null ? ((JSON.parse(row.snapshot) as Partial<Article>).title ?? null) : null),
    kind: row.kind,
    articleVersion: row.article_version,
    state: row.state,
    attempts: row.attempts,
    runAt: row.run_at,
    scheduledFor: row.scheduled_for,
    lastError: row.last_error_code ? { code: row.last_error_code, message: row.last_error ?? '', messageEn: row.last_error_en ?? '' } : null,
    progress: { done: row.progress_done, total: row.progress_total },
    url: row.result_url,
    notice: row.notice ? { message: row.notice, messageEn: row.notice_en ?? row.notice } : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export function getJob(db: Db, id: number): PublishJob {
  const row = statement(db, `${LISTED_JOB} WHERE j.id = ?`).get(id) as ListedJobRow | undefined;
  if (!row) throw notFound(JOB_WHAT, id);
  return toJob(row);
}

export function jobRow(db: Db, id: number): JobRow {
  const row = statement(db, 'SELECT * FROM publish_jobs WHERE id = ?').get(id) as JobRow | undefined;
  if (!row) throw notFound(JOB_WHAT, id);
  return row;
}

export function listJobs(db: Db, filter: { articleId?: number; states?: readonly JobState[]; limit: number; beforeId?: number }): PublishJob[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.articleId !== undefined) {
    where.push('j.article_id = ?');
    params.push(filter.articleId);
  }
  if (filter.states && filter.states.length > 0) {
    where.push(`j.state IN (${filter.states.map(() => '?').join(', ')})`);
    params.push(...filter.states);
  }
  if (filter.beforeId !== undefined) {
    where.push('j.id < ?');
    params.push(filter.beforeId);
  }
  const sql = `${LISTED_JOB} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY j.id DESC LIMIT ?`;
  return (statement(db, sql).all(...params, filter.limit) as ListedJobRow[]).map(toJob);
}

export function countJobs(db: Db, articleId?: number): Record<JobState, number> {
  const rows = (
    articleId === undefined
      ? statement(db, 'SELECT state, COUNT(*) AS n FROM publish_jobs GROUP BY state').all()
      : statement(db, 'SELECT state, COUNT(*) AS n FROM publish_jobs WHERE article_id = ? GROUP BY state').all(articleId)
  ) as { state: JobState; n: number }[];
  const counts = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
  for (const row of rows) counts[row.state] = row.n;
  return counts;
}

export interface NewJob {
  targetId: number;
  articleId: number | null;
  kind: JobKind;
  articleVersion: number | null;
  snapshot: string | null;
  idempotencyKey: string;
  runAt: string;
  scheduledFor: string | null;
  createdBy: number | null;
}

/** Queues a job; the same idempotency key twice is the same job (the first is kept). Answers the job's id. */
export function insertJob(db: Db, job: NewJob, now: string): number {
  statement(
    db,
    `INSERT INTO publish_jobs (target_id, article_id, kind, article_version, snapshot, idempotency_key, state, run_at, scheduled_for, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
  ).run(job.targetId, job.articleId, job.kind, job.articleVersion, job.snapshot, job.idempotencyKey, job.runAt, job.scheduledFor, job.createdBy, now, now);
  return (statement(db, 'SELECT id FROM publish_jobs WHERE idempotency_key = ?').get(job.idempotencyKey) as { id: number }).id;
}

/** The waiting (not running) jobs of an article on a target, oldest first. */
export function waitingJobsOf(db: Db, targetId: number, articleId: number): JobRow[] {
  return statement(db, "SELECT * FROM publish_jobs WHERE target_id = ? AND article_id = ? AND state IN ('pending', 'retrying') ORDER BY id").all(targetId, articleId) as JobRow[];
}

export function hasRunningJob(db: Db, targetId: number, articleId: number): boolean {
  return statement(db, "SELECT 1 FROM publish_jobs WHERE target_id = ? AND article_id = ? AND state = 'running' LIMIT 1").get(targetId, articleId) !== undefined;
}

export function hasOpenJobs(db: Db, targetId: number): boolean {
  return statement(db, `SELECT 1 FROM publish_jobs WHERE target_id = ? AND state IN (${OPEN_JOB_STATES.map(() => '?').join(', ')}) LIMIT 1`).get(targetId, ...OPEN_JOB_STATES) !== undefined;
}

/**
 * The next job to run at `now`: due, on an enabled target, and the oldest open job of its article on that target
 * (an article's jobs go out in order: an unpublish never overtakes the publication it takes back).
 */
export function nextDueJob(db: Db, now: string): JobRow | null {
  // One state at a time, so each walks the (state, run_at, id) index in order instead of sorting every open job.
  const first = (state: 'pending' | 'retrying') =>
    statement(
      db,
      `SELECT j.* FROM publish_jobs j JOIN publish_targets t ON t.id = j.target_id AND t.enabled = 1
       WHERE j.state = ? AND j.run_at <= ?
         AND NOT EXISTS (SELECT 1 FROM publish_jobs e WHERE e.target_id = j.target_id AND e.article_id = j.article_id
                         AND e.id < j.id AND e.state IN ('pending', 'running', 'retrying'))
       ORDER BY j.run_at, j.id LIMIT 1`,
    ).get(state, now) as JobRow | undefined;
  const pending = first('pending');
  const retrying = first('retrying');
  if (!pending || !retrying) return pending ?? retrying ?? null;
  return retrying.run_at < pending.run_at || (retrying.run_at === pending.run_at && retrying.id < pending.id) ? retrying : pending;
}

/** When the next waiting job becomes due (to sleep until then), or null when none waits. */
export function nextRunAt(db: Db): string | null {
  const row = statement(
    db,
    "SELECT MIN(j.run_at) AS at FROM publish_jobs j JOIN publish_targets t ON t.id = j.target_id AND t.enabled = 1 WHERE j.state IN ('pending', 'retrying')",
  ).get() as { at: string | null };
  return row.at;
}

/** Marks a waiting job running and counts the attempt; false when someone else got to it first. */
export function claimJob(db: Db, id: number, now: string): boolean {
  return (
    statement(db, "UPDATE publish_jobs SET state = 'running', attempts = attempts + 1, started_at = ?, updated_at = ? WHERE id = ? AND state IN ('pending', 'retrying')").run(
      now,
      now,
      id,
    ).changes === 1
  );
}

export interface JobOutcome {
  state: JobState;
  runAt?: string;
  attempts?: number;
  error?: { code: string; message: string; messageEn: string } | null;
  url?: string | null;
  notice?: { message: string; messageEn: string } | null;
  finished?: boolean;
}

export function setJobOutcome(db: Db, id: number, outcome: JobOutcome, now: string): void {
  const row = jobRow(db, id);
  const error = outcome.error === undefined ? { code: row.last_error_code, message: row.last_error, messageEn: row.last_error_en } : outcome.error;
  const notice = outcome.notice === undefined ? { message: row.notice, messageEn: row.notice_en } : outcome.notice;
  statement(
    db,
    `UPDATE publish_jobs SET state = ?, run_at = ?, attempts = ?, last_error_code = ?, last_error = ?, last_error_en = ?, result_url = ?,
       notice = ?, notice_en = ?, finished_at = ?, updated_at = ? WHERE id = ?`,
  ).run(
    outcome.state,
    outcome.runAt ?? row.run_at,
    outcome.attempts ?? row.attempts,
    error?.code ?? null,
    error?.message ?? null,
    error?.messageEn ?? null,
    outcome.url === undefined ? row.result_url : outcome.url,
    notice?.message ?? null,
    notice?.messageEn ?? null,
    outcome.finished ? now : null,
    now,
    id,
  );
}

export function setJobProgress(db: Db, id: number, done: number, total: number, now: string): void {
  statement(db, 'UPDATE publish_jobs SET progress_done = ?, progress_total = ?, updated_at = ? WHERE id = ?').run(done, total, now, id);
}

/** Jobs that were running when the app stopped (a crash, a kill): they go back to waiting, to run again now. */
export function resumeInterruptedJobs(db: Db, now: string, notice: { message: string; messageEn: string }): number {
  return statement(
    db,
    "UPDATE publish_jobs SET state = 'retrying', run_at = ?, notice = ?, notice_en = ?, updated_at = ? WHERE state = 'running'",
  ).run(now, notice.message, notice.messageEn, now).changes;
}

/** While a target is offline its due jobs wait together, until `at`, showing why. */
export function holdTargetJobs(db: Db, targetId: number, at: string, reason: { code: string; message: string; messageEn: string }, now: string): void {
  statement(
    db,
    `UPDATE publish_jobs SET state = 'retrying', run_at = ?, last_error_code = ?, last_error = ?, last_error_en = ?, updated_at = ?
     WHERE target_id = ? AND state IN ('pending', 'retrying') AND run_at < ?`,
  ).run(at, reason.code, reason.message, reason.messageEn, now, targetId, at);
}

// ---------------------------------------------------------------------------------------------- what targets hold

export function remoteRecord(db: Db, targetId: number, articleId: number): (RemoteRecord & { version: number }) | null {
  const row = statement(db, 'SELECT remote_id, url, remote_modified, version FROM publish_remote WHERE target_id = ? AND article_id = ?').get(targetId, articleId) as
    | { remote_id: string | null; url: string | null; remote_modified: string | null; version: number }
    | undefined;
  return row ? { remoteId: row.remote_id, url: row.url, remoteModified: row.remote_modified, version: row.version } : null;
}

export function saveRemoteRecord(db: Db, targetId: number, articleId: number, record: RemoteRecord, version: number, now: string): void {
  statement(
    db,
    `INSERT INTO publish_remote (target_id, article_id, remote_id, url, version, remote_modified, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (target_id, article_id) DO UPDATE SET remote_id = excluded.remote_id, url = excluded.url, version = excluded.version,
       remote_modified = excluded.remote_modified, updated_at = excluded.updated_at`,
  ).run(targetId, articleId, record.remoteId, record.url, version, record.remoteModified, now);
}

export function deleteRemoteRecord(db: Db, targetId: number, articleId: number): void {
  statement(db, 'DELETE FROM publish_remote WHERE target_id = ? AND article_id = ?').run(targetId, articleId);
}
