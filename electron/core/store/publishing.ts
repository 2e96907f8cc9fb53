import type { Article } from '../../../shared/contract/articles';
import { notFound } from '../../../shared/contract/errors';
import crypto from 'node:crypto';
import {
  JOB_STATES,
  OPEN_JOB_STATES,
  UNSENT_JOB_STATES,
  type JobKind,
  type JobState,
  type PublishJob,
  type PublishTargetInfo,
  type TargetKind,
} from '../../../shared/contract/publishing';
import { jobTransitionError, mayMove, statesBefore } from '../../../shared/publishing/job-states';
import type { Db } from '../db/database';
import { statement } from '../db/statements';
import type { RemoteRecord } from '../publish/target';
import { readSetting, writeSetting } from './settings';

/** The publishing tables: targets, the job queue and what each target holds of each article (migration 6). */

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
  if (!row) throw notFound('publishTarget', id);
  return row;
}

export function targetRows(db: Db, onlyEnabled = false): TargetRow[] {
  return statement(
    db,
    `SELECT * FROM publish_targets ${onlyEnabled ? 'WHERE enabled = 1' : ''} ORDER BY id`,
  ).all() as TargetRow[];
}

export function toTargetInfo(row: TargetRow, serverSchedule: boolean, siteKey: string | null): PublishTargetInfo {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    config: JSON.parse(row.config) as Record<string, unknown>,
    enabled: row.enabled === 1,
    hasSecret: row.secret !== null,
    siteKey,
    serverSchedule,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function insertTarget(
  db: Db,
  target: {
    kind: TargetKind;
    name: string;
    config: unknown;
    enabled: boolean;
    secret: { sealed: Buffer; scheme: string } | null;
  },
  now: string,
): number {
  const info = statement(
    db,
    'INSERT INTO publish_targets (kind, name, config, enabled, secret, secret_scheme, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    target.kind,
    target.name,
    JSON.stringify(target.config),
    target.enabled ? 1 : 0,
    target.secret?.sealed ?? null,
    target.secret?.scheme ?? null,
    now,
    now,
  );
  return Number(info.lastInsertRowid);
}

export function updateTargetRow(
  db: Db,
  id: number,
  change: { name?: string; enabled?: boolean; config?: unknown; secret?: { sealed: Buffer; scheme: string } | null },
  now: string,
): void {
  const row = targetRow(db, id);
  const secret =
    change.secret === undefined
      ? { sealed: row.secret, scheme: row.secret_scheme }
      : { sealed: change.secret?.sealed ?? null, scheme: change.secret?.scheme ?? null };
  statement(
    db,
    'UPDATE publish_targets SET name = ?, enabled = ?, config = ?, secret = ?, secret_scheme = ?, updated_at = ? WHERE id = ?',
  ).run(
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
    articleTitle:
      row.article_title ??
      (row.snapshot && row.article_id !== null ? ((JSON.parse(row.snapshot) as Partial<Article>).title ?? null) : null),
    kind: row.kind,
    articleVersion: row.article_version,
    state: row.state,
    attempts: row.attempts,
    runAt: row.run_at,
    scheduledFor: row.scheduled_for,
    lastError: row.last_error_code
      ? { code: row.last_error_code, message: row.last_error ?? '', messageEn: row.last_error_en ?? '' }
      : null,
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
  if (!row) throw notFound('publishJob', id);
  return toJob(row);
}

export function jobRow(db: Db, id: number): JobRow {
  const row = statement(db, 'SELECT * FROM publish_jobs WHERE id = ?').get(id) as JobRow | undefined;
  if (!row) throw notFound('publishJob', id);
  return row;
}

export function listJobs(
  db: Db,
  filter: { articleId?: number; states?: readonly JobState[]; limit: number; beforeId?: number },
): PublishJob[] {
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
      : statement(db, 'SELECT state, COUNT(*) AS n FROM publish_jobs WHERE article_id = ? GROUP BY state').all(
          articleId,
        )
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
  ).run(
    job.targetId,
    job.articleId,
    job.kind,
    job.articleVersion,
    job.snapshot,
    job.idempotencyKey,
    job.runAt,
    job.scheduledFor,
    job.createdBy,
    now,
    now,
  );
  return (
    statement(db, 'SELECT id FROM publish_jobs WHERE idempotency_key = ?').get(job.idempotencyKey) as { id: number }
  ).id;
}

/** SQL for a list of states: ('a', 'b'); the states are the contract's own words, never input. */
const sqlStates = (states: readonly JobState[]): string => `(${states.map((state) => `'${state}'`).join(', ')})`;

/** The waiting jobs of an article on a target whose request has certainly not reached it, oldest first. */
export function waitingJobsOf(db: Db, targetId: number, articleId: number): JobRow[] {
  return statement(
    db,
    `SELECT * FROM publish_jobs WHERE target_id = ? AND article_id = ? AND state IN ${sqlStates(UNSENT_JOB_STATES)} ORDER BY id`,
  ).all(targetId, articleId) as JobRow[];
}

/**
 * Whether a job of the article on the target may have reached it without the queue knowing yet: running now, or
 * uncertain (sent, answer lost). What follows must count with it, not as if it had not happened.
 */
export function hasJobInDoubt(db: Db, targetId: number, articleId: number): boolean {
  return (
    statement(
      db,
      "SELECT 1 FROM publish_jobs WHERE target_id = ? AND article_id = ? AND state IN ('running', 'uncertain') LIMIT 1",
    ).get(targetId, articleId) !== undefined
  );
}

/** Whether a later job of the same article on the same target is waiting (it carries the newer intent). */
export function hasLaterOpenJob(db: Db, job: Pick<JobRow, 'id' | 'target_id' | 'article_id'>): boolean {
  return (
    statement(
      db,
      `SELECT 1 FROM publish_jobs WHERE target_id = ? AND article_id = ? AND id > ? AND state IN ${sqlStates(OPEN_JOB_STATES)} LIMIT 1`,
    ).get(job.target_id, job.article_id, job.id) !== undefined
  );
}

/**
 * This workstation's id, made once per data folder: what a shared portal tells workstations apart by (the
 * http-json target sends it as the article's origin and in its idempotency keys).
 */
export function workstationId(db: Db): string {
  const known = readSetting(db, 'publishing.workstation');
  if (known) return known;
  const made = crypto.randomBytes(12).toString('hex');
  writeSetting(db, 'publishing.workstation', made);
  return made;
}

export function hasOpenJobs(db: Db, targetId: number): boolean {
  return (
    statement(
      db,
      `SELECT 1 FROM publish_jobs WHERE target_id = ? AND state IN (${OPEN_JOB_STATES.map(() => '?').join(', ')}) LIMIT 1`,
    ).get(targetId, ...OPEN_JOB_STATES) !== undefined
  );
}

/** A due job, with what its target holds of its article (publish_remote: held_version is null when nothing). */
export interface DueJobRow extends JobRow {
  held_remote_id: string | null;
  held_url: string | null;
  held_remote_modified: string | null;
  held_version: number | null;
}

/** What the target held of the job's article when the job was read (as remoteRecord answers it). */
export function heldRecord(job: DueJobRow): (RemoteRecord & { version: number }) | null {
  return job.held_version === null
    ? null
    : {
        remoteId: job.held_remote_id,
        url: job.held_url,
        remoteModified: job.held_remote_modified,
        version: job.held_version,
      };
}

/**
 * Up to `limit` jobs due at `now`, in the order they are to run (run_at, then id): on enabled targets, not on the
 * targets in `skipTargets` (the queue's busy ones), and each the oldest open job of its article on its target (an
 * article's jobs go out in order: an unpublish never overtakes the publication it takes back, nor does a job start
 * while the one before it on the same article and target is running). Each comes with what its target holds of its
 * article, read in the claim's transaction: it stays so while the job runs, since only that article's jobs on that
 * target write it (and a pull, which runs alone on its target).
 */
export function dueJobs(db: Db, now: string, limit: number, skipTargets: readonly number[] = []): DueJobRow[] {
  const skip = JSON.stringify(skipTargets);
  // One state at a time, so each walks the (state, run_at, id) index in order instead of sorting every open job.
  const of = (state: JobState) =>
    statement(
      db,
      `SELECT j.*, r.remote_id AS held_remote_id, r.url AS held_url, r.remote_modified AS held_remote_modified, r.version AS held_version
       FROM publish_jobs j JOIN publish_targets t ON t.id = j.target_id AND t.enabled = 1
         LEFT JOIN publish_remote r ON r.target_id = j.target_id AND r.article_id = j.article_id
       WHERE j.state = ? AND j.run_at <= ? AND j.target_id NOT IN (SELECT value FROM json_each(?))
         AND NOT EXISTS (SELECT 1 FROM publish_jobs e WHERE e.target_id = j.target_id AND e.article_id = j.article_id
                         AND e.id < j.id AND e.state IN ${sqlStates(OPEN_JOB_STATES)})
       ORDER BY j.run_at, j.id LIMIT ?`,
    ).all(state, now, skip, limit) as DueJobRow[];
  const again = [...of('retrying'), ...of('uncertain')];
  if (again.length === 0) return of('pending');
  return [...of('pending'), ...again]
    .sort((x, y) => (x.run_at === y.run_at ? x.id - y.id : x.run_at < y.run_at ? -1 : 1))
    .slice(0, limit);
}

/** Marks a waiting job running and counts the attempt; false when someone else got to it first. */
export function claimJob(db: Db, id: number, now: string): boolean {
  return (
    statement(
      db,
      `UPDATE publish_jobs SET state = 'running', attempts = attempts + 1, started_at = ?, updated_at = ? WHERE id = ? AND state IN ${sqlStates(statesBefore('running'))}`,
    ).run(now, now, id).changes === 1
  );
}

/** Gives back a claim that never started (as `job`, the row read before it): its state, attempts and start as they were. */
export function releaseJob(db: Db, job: JobRow, now: string): void {
  statement(
    db,
    "UPDATE publish_jobs SET state = ?, attempts = ?, started_at = ?, updated_at = ? WHERE id = ? AND state = 'running'",
  ).run(job.state, job.attempts, job.started_at, now, job.id);
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

/** Stores how a job went; what the outcome leaves out (undefined) stays as it was. Only a move JOB_TRANSITIONS lists. */
export function setJobOutcome(db: Db, id: number, outcome: JobOutcome, now: string): void {
  const { error, notice, url } = outcome;
  const current = statement(db, 'SELECT state FROM publish_jobs WHERE id = ?').get(id) as
    { state: JobState } | undefined;
  if (!current) throw notFound('publishJob', id);
  if (current.state !== outcome.state && !mayMove(current.state, outcome.state))
    throw jobTransitionError(id, current.state, outcome.state);
  const changed = statement(
    db,
    `UPDATE publish_jobs SET state = @state, run_at = coalesce(@runAt, run_at), attempts = coalesce(@attempts, attempts),
       last_error_code = iif(@setError, @errorCode, last_error_code), last_error = iif(@setError, @error, last_error),
       last_error_en = iif(@setError, @errorEn, last_error_en), result_url = iif(@setUrl, @url, result_url),
       notice = iif(@setNotice, @notice, notice), notice_en = iif(@setNotice, @noticeEn, notice_en),
       finished_at = @finishedAt, updated_at = @now WHERE id = @id`,
  ).run({
    id,
    now,
    state: outcome.state,
    runAt: outcome.runAt ?? null,
    attempts: outcome.attempts ?? null,
    setError: error === undefined ? 0 : 1,
    errorCode: error?.code ?? null,
    error: error?.message ?? null,
    errorEn: error?.messageEn ?? null,
    setUrl: url === undefined ? 0 : 1,
    url: url ?? null,
    setNotice: notice === undefined ? 0 : 1,
    notice: notice?.message ?? null,
    noticeEn: notice?.messageEn ?? null,
    finishedAt: outcome.finished ? now : null,
  }).changes;
  if (changed === 0) throw notFound('publishJob', id);
}

export function setJobProgress(db: Db, id: number, done: number, total: number, now: string): void {
  statement(db, 'UPDATE publish_jobs SET progress_done = ?, progress_total = ?, updated_at = ? WHERE id = ?').run(
    done,
    total,
    now,
    id,
  );
}

/**
 * Jobs that were running when the app stopped (a crash, a kill) run again now. One that carries an article may have
 * reached its target: it is uncertain, and asks the target what it holds before doing anything. The attempt cut
 * short is not counted, as when the app is closed.
 */
export function resumeInterruptedJobs(db: Db, now: string, notice: { message: string; messageEn: string }): number {
  return statement(
    db,
    `UPDATE publish_jobs SET state = iif(article_id IS NULL, 'retrying', 'uncertain'), run_at = ?, notice = ?, notice_en = ?,
       attempts = max(attempts - 1, 0), updated_at = ? WHERE state = 'running'`,
  ).run(now, notice.message, notice.messageEn, now).changes;
}

/**
 * Retries waiting past `latest` (no wait the queue sets is that long: the clock was set back since) and the recurring
 * pulls likewise are due `now`. Scheduled publications keep their time.
 */
export function pullBackWaits(db: Db, now: string, latest: string): number {
  return statement(
    db,
    `UPDATE publish_jobs SET run_at = @now WHERE (state IN ('retrying', 'uncertain') AND run_at > @latest)
       OR (kind = 'pull' AND state = 'pending' AND run_at > @latest)`,
  ).run({ now, latest }).changes;
}

/** While a target is offline its due jobs wait together, until `at`, showing why. */
export function holdTargetJobs(
  db: Db,
  targetId: number,
  at: string,
  reason: { code: string; message: string; messageEn: string },
  now: string,
): void {
  statement(
    db,
    `UPDATE publish_jobs SET state = iif(state = 'uncertain', 'uncertain', 'retrying'), run_at = ?, last_error_code = ?,
       last_error = ?, last_error_en = ?, updated_at = ?
     WHERE target_id = ? AND state IN ${sqlStates(statesBefore('running'))} AND run_at < ?`,
  ).run(at, reason.code, reason.message, reason.messageEn, now, targetId, at);
}

// ---------------------------------------------------------------------------------------------- what targets hold

export function remoteRecord(db: Db, targetId: number, articleId: number): (RemoteRecord & { version: number }) | null {
  const row = statement(
    db,
    'SELECT remote_id, url, remote_modified, version FROM publish_remote WHERE target_id = ? AND article_id = ?',
  ).get(targetId, articleId) as
    { remote_id: string | null; url: string | null; remote_modified: string | null; version: number } | undefined;
  return row
    ? { remoteId: row.remote_id, url: row.url, remoteModified: row.remote_modified, version: row.version }
    : null;
}

export function saveRemoteRecord(
  db: Db,
  targetId: number,
  articleId: number,
  record: RemoteRecord,
  version: number,
  now: string,
): void {
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
