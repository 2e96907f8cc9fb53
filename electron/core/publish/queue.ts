import type { Article } from '../../../shared/contract/articles';
import { ContractError } from '../../../shared/contract/errors';
import { shortDateTime } from '../../../shared/text/dateline';
import type { Db } from '../db/database';
import { statement } from '../db/statements';
import { transitionArticle } from '../store/articles';
import type { AuditInput } from '../store/audit';
import {
  claimJob,
  deleteRemoteRecord,
  holdTargetJobs,
  nextDueJob,
  remoteRecord,
  resumeInterruptedJobs,
  saveRemoteRecord,
  setJobOutcome,
  setJobProgress,
  targetRow,
  type JobRow,
} from '../store/publishing';
import { openSecret, type SecretBox } from './secrets';
import { PublishFailure, type CollaborationTarget, type PublishTarget, type TargetContext } from './target';
import { ensurePullJobs } from './enqueue';
import { applyPull, syncCursor } from './wordpress/sync';
import { createTarget } from './targets';

/**
 * The publishing queue, run by the main process: takes due jobs one at a time, hands each to its target, and keeps
 * its state in SQLite so that nothing is lost or done twice across crashes, restarts and offline periods.
 */

export const RETRY = {
  /** The first retry waits about this long; each next one twice as long, up to capMs. */
  baseMs: 5_000,
  capMs: 10 * 60_000,
  /** Attempts that reached the target before a job fails for good (offline waits are not attempts). */
  maxAttempts: 8,
  /** How often an unreachable target is tried again. */
  offlineMs: 15_000,
  /** A scheduled publication this much after its time, by a queue that started after it, was missed while closed. */
  lateGraceMs: 60_000,
  /** How often a workstation fetches what changed on a site it collaborates through. */
  pullMs: 10_000,
};

function collaborationOf(target: PublishTarget, name: string): CollaborationTarget {
  if (target.collaboration) return target.collaboration;
  throw new PublishFailure(
    'permanent',
    'TARGET_NO_COLLABORATION',
    `Đích "${name}" không bật cộng tác giữa các máy; hãy bật trong Cài đặt.`,
    `Target "${name}" does not have collaboration between workstations turned on; turn it on in Settings.`,
  );
}

/** Exponential backoff with "equal jitter": half the delay fixed, half random, so retries of many jobs spread out. */
export function retryDelay(attempt: number, random: () => number): number {
  const delay = Math.min(RETRY.capMs, RETRY.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(delay / 2 + random() * (delay / 2));
}

export interface QueueOptions {
  db: Db;
  dataDir: string;
  now: () => Date;
  secrets: SecretBox;
  audit: (entry: AuditInput) => void;
  log: (message: string, error: unknown) => void;
  /** For the jitter (tests make it predictable). */
  random?: () => number;
  /** How often the running queue looks for due work when nothing wakes it. */
  pollMs?: number;
  /** How often a collaborating target is asked what changed (default RETRY.pullMs). */
  pullMs?: number;
}

export interface PublishQueue {
  /** Runs every job that is due now, one after the other; answers how many ran. */
  runDue(): Promise<number>;
  /** Runs due work on a timer from now on (the app); tests call runDue with a fake clock instead. */
  start(): void;
  /** Asks the running queue to look for work now (a job was just queued). */
  wake(): void;
  /** Stops the timer and aborts the job in flight, which is resumed at the next start; resolves once it is stopped. */
  stop(): Promise<void>;
}

const RESUMED = {
  message: 'Lệnh đang chạy thì ứng dụng bị tắt; lệnh được tiếp tục khi ứng dụng mở lại (không đăng hai lần).',
  messageEn: 'The app stopped while this job was running; it was resumed when the app started again (nothing is published twice).',
};

function lateNotice(scheduledFor: string, at: Date): { message: string; messageEn: string } {
  return {
    message: `Bài được hẹn đăng lúc ${shortDateTime(scheduledFor)} nhưng khi đó ứng dụng đang đóng; bài đã được đăng lúc ${shortDateTime(at)}, khi ứng dụng mở lại.`,
    messageEn: `The article was scheduled for ${shortDateTime(scheduledFor)} (Vietnam time), but the app was closed then; it was published at ${shortDateTime(at)}, when the app started again.`,
  };
}

function asFailure(error: unknown, log: QueueOptions['log']): PublishFailure {
  if (error instanceof PublishFailure) return error;
  if (error instanceof ContractError) return new PublishFailure('permanent', error.code, error.message, error.messageEn);
  log('publishing job failed unexpectedly', error);
  return new PublishFailure(
    'transient',
    'INTERNAL',
    'Lỗi ngoài dự kiến khi xuất bản; lệnh sẽ được thử lại. Chi tiết đã được ghi vào nhật ký.',
    'An unexpected error while publishing; the job will be tried again. Details were written to the log.',
  );
}

export function createPublishQueue(options: QueueOptions): PublishQueue {
  const { db, now, log } = options;
  const random = options.random ?? Math.random;
  const pollMs = options.pollMs ?? 1_000;
  const pullMs = options.pullMs ?? RETRY.pullMs;
  const fetchImage = async (url: string): Promise<Buffer | null> => {
    try {
      const answer = await fetch(url, { signal: AbortSignal.any([controller.signal, AbortSignal.timeout(30_000)]) });
      return answer.ok ? Buffer.from(await answer.arrayBuffer()) : null;
    } catch {
      return null;
    }
  };
  const startedAt = now().getTime();
  let controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let current: Promise<number> | null = null;
  let started = false;
  let again = false;

  // A job that was running when the app died runs again: the target recognises the repeat by its idempotency key.
  const resumed = resumeInterruptedJobs(db, now().toISOString(), RESUMED);
  if (resumed > 0) options.audit({ actor: null, action: 'publish.resumed', details: { jobs: resumed } });

  /** Scheduled articles whose time has come become published (the jobs that carry them are due at the same time). */
  function publishDueScheduled(at: Date): void {
    const iso = at.toISOString();
    const due = statement(db, "SELECT id, version, published_at AS publishedAt FROM articles WHERE status = 'scheduled' AND trashed_at IS NULL AND published_at <= ?").all(iso) as {
      id: number;
      version: number;
      publishedAt: string;
    }[];
    for (const row of due) {
      db.transaction(() => {
        const { after } = transitionArticle(db, row.id, row.version, iso, (current) => ({ status: 'published', publishedAt: current.publishedAt }));
        const late = Date.parse(row.publishedAt) < startedAt && at.getTime() - Date.parse(row.publishedAt) > RETRY.lateGraceMs;
        options.audit({
          actor: null,
          action: 'article.transition',
          target: { type: 'article', id: row.id },
          details: { action: 'publish', from: 'scheduled', to: 'published', version: after.version, title: after.title, automatic: true, scheduledFor: row.publishedAt, late },
        });
      }).immediate();
    }
  }

  async function runJob(job: JobRow): Promise<void> {
    const startedIso = now().toISOString();
    if (!claimJob(db, job.id, startedIso)) return;
    const attempts = job.attempts + 1;
    let targetName = `#${job.target_id}`;
    try {
      const row = targetRow(db, job.target_id);
      targetName = row.name;
      const target = createTarget(row.kind, JSON.parse(row.config), row.name);
      const context: TargetContext = {
        db,
        dataDir: options.dataDir,
        now,
        signal: controller.signal,
        progress: (done, total) => setJobProgress(db, job.id, done, total, now().toISOString()),
        secret: openSecret(options.secrets, row.secret, row.secret_scheme, row.name),
      };
      const previous = job.article_id === null ? null : remoteRecord(db, job.target_id, job.article_id);
      let url: string | null = null;
      /** What the target now holds, stored with the outcome: one commit (one fsync) per job besides its claim. */
      let remember: (() => void) | null = null;
      if (job.kind === 'pull') {
        const result = await collaborationOf(target, row.name).pull(syncCursor(db, job.target_id), context);
        const applied = await applyPull({ db, dataDir: options.dataDir, targetId: job.target_id, targetName: row.name, now: now().toISOString(), audit: options.audit, fetchImage }, result);
        // A pull is never done: it waits for its next turn, saying what the last one brought.
        const at = now();
        setJobOutcome(
          db,
          job.id,
          {
            state: 'pending',
            runAt: new Date(at.getTime() + pullMs).toISOString(),
            attempts: 0,
            error: null,
            notice: {
              message: `Lần nhận gần nhất lúc ${shortDateTime(at)}: ${applied.articles} bài, ${applied.comments} bình luận thay đổi.`,
              messageEn: `Last fetched at ${shortDateTime(at)} (Vietnam time): ${applied.articles} articles, ${applied.comments} comments changed.`,
            },
          },
          at.toISOString(),
        );
        return;
      } else if (job.kind === 'submit' || job.kind === 'return') {
        const snapshot = JSON.parse(job.snapshot ?? 'null') as { article: Article; reason?: string };
        const collaboration = collaborationOf(target, row.name);
        const work = { targetId: job.target_id, articleId: job.article_id as number, article: snapshot.article, idempotencyKey: job.idempotency_key, previous };
        const record = job.kind === 'submit' ? await collaboration.submit({ ...work, scheduledFor: null }, context) : await collaboration.returnToWriter({ ...work, reason: snapshot.reason ?? '' }, context);
        remember = () => saveRemoteRecord(db, job.target_id, job.article_id as number, record, job.article_version ?? snapshot.article.version, now().toISOString());
        url = record.url;
      } else if (job.kind === 'rebuild') {
        await target.rebuild(job.target_id, context);
      } else if (job.kind === 'unpublish') {
        await target.unpublish({ targetId: job.target_id, articleId: job.article_id as number, idempotencyKey: job.idempotency_key, previous }, context);
        remember = () => deleteRemoteRecord(db, job.target_id, job.article_id as number);
      } else {
        const article = JSON.parse(job.snapshot ?? 'null') as Article;
        const handOver = target.serverSchedule && job.scheduled_for !== null && Date.parse(job.scheduled_for) > now().getTime();
        const record = await target.publish(
          { targetId: job.target_id, articleId: job.article_id as number, article, idempotencyKey: job.idempotency_key, scheduledFor: handOver ? job.scheduled_for : null, previous },
          context,
        );
        remember = () => saveRemoteRecord(db, job.target_id, job.article_id as number, record, job.article_version ?? article.version, now().toISOString());
        url = record.url;
      }
      const finished = now();
      const missed = job.scheduled_for !== null && !target.serverSchedule && Date.parse(job.scheduled_for) < startedAt && finished.getTime() - Date.parse(job.scheduled_for) > RETRY.lateGraceMs;
      db.transaction(() => {
        remember?.();
        setJobOutcome(
          db,
          job.id,
          { state: 'succeeded', error: null, url, finished: true, ...(missed && job.scheduled_for ? { notice: lateNotice(job.scheduled_for, finished) } : {}) },
          finished.toISOString(),
        );
        options.audit({
          actor: null,
          action: 'publish.succeeded',
          ...(job.article_id !== null ? { target: { type: 'article' as const, id: job.article_id } } : {}),
          details: { job: job.id, kind: job.kind, target: targetName, attempts, ...(url ? { url } : {}), ...(missed ? { late: true } : {}) },
        });
      }).immediate();
    } catch (error) {
      const at = now();
      const iso = at.toISOString();
      if (controller.signal.aborted) {
        // Stopped mid-way (the app is closing): not an attempt; it runs again at the next start.
        setJobOutcome(db, job.id, { state: 'retrying', runAt: iso, attempts: job.attempts }, iso);
        return;
      }
      const failure = asFailure(error, log);
      const reason = { code: failure.code, message: failure.message, messageEn: failure.messageEn };
      if (failure.kind === 'offline') {
        const until = new Date(at.getTime() + RETRY.offlineMs).toISOString();
        db.transaction(() => {
          setJobOutcome(db, job.id, { state: 'retrying', runAt: until, attempts: job.attempts, error: reason }, iso);
          holdTargetJobs(db, job.target_id, until, reason, iso);
        }).immediate();
      } else if (failure.kind === 'transient' && attempts < RETRY.maxAttempts) {
        setJobOutcome(db, job.id, { state: 'retrying', runAt: new Date(at.getTime() + retryDelay(attempts, random)).toISOString(), error: reason }, iso);
      } else {
        db.transaction(() => {
          setJobOutcome(db, job.id, { state: 'failed', error: reason, finished: true }, iso);
          options.audit({
            actor: null,
            action: 'publish.failed',
            ...(job.article_id !== null ? { target: { type: 'article' as const, id: job.article_id } } : {}),
            details: { job: job.id, kind: job.kind, target: targetName, attempts, code: failure.code, reason: failure.message },
          });
        }).immediate();
      }
    }
  }

  async function drain(): Promise<number> {
    let ran = 0;
    publishDueScheduled(now());
    ensurePullJobs(db, now().toISOString());
    for (;;) {
      if (controller.signal.aborted) break;
      const job = nextDueJob(db, now().toISOString());
      if (!job) break;
      await runJob(job);
      ran++;
    }
    return ran;
  }

  function runDue(): Promise<number> {
    // One drain at a time: a wake during a run makes the run look again when it ends.
    if (current) {
      again = true;
      return current;
    }
    const run = (async () => {
      let total = 0;
      do {
        again = false;
        total += await drain();
      } while (again && !controller.signal.aborted);
      return total;
    })();
    current = run.finally(() => {
      current = null;
    });
    return current;
  }

  function schedule(delay: number): void {
    if (!started) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      runDue()
        .catch((error: unknown) => log('publishing queue run failed', error))
        .finally(() => schedule(pollMs));
    }, delay);
    timer.unref?.();
  }

  return {
    runDue,
    start() {
      if (started) return;
      started = true;
      if (controller.signal.aborted) controller = new AbortController();
      schedule(0);
    },
    wake() {
      if (current) again = true;
      else schedule(0);
    },
    async stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = null;
      controller.abort();
      await current?.catch(() => undefined);
      controller = new AbortController();
    },
  };
}
