import type { RenderWorkerOptions } from './site-render-pool';
import type { Article } from '../../../shared/contract/articles';
import { ContractError } from '../../../shared/contract/errors';
import type { JobKind } from '../../../shared/contract/publishing';
import { shortDateTime } from '../../../shared/text/dateline';
import type { Db } from '../db/database';
import { statement } from '../db/statements';
import { getArticle, transitionArticle } from '../store/articles';
import { recordVersion } from '../store/versions';
import type { AuditInput } from '../store/audit';
import {
  claimJob,
  deleteRemoteRecord,
  dueJobs,
  hasLaterOpenJob,
  heldRecord,
  holdTargetJobs,
  pullBackWaits,
  releaseJob,
  resumeInterruptedJobs,
  saveRemoteRecord,
  setJobOutcome,
  setJobProgress,
  targetRows,
  type DueJobRow,
  type TargetRow,
} from '../store/publishing';
import { requestSignal } from './http-failures';
import { openSecret, type SecretBox } from './secrets';
import {
  PublishFailure,
  type CollaborationTarget,
  type PublishTarget,
  type RemoteRecord,
  type TargetContext,
} from './target';
import { ensurePullJobs } from './enqueue';
import { applyPull, syncCursor } from './wordpress/sync';
import { createTarget } from './targets';

/**
 * The publishing queue, run by the main process: hands due jobs to their targets, as many at once as each target
 * takes (PublishTarget.concurrency), and keeps their state in SQLite so that nothing is lost or done twice across
 * crashes, restarts and offline periods.
 *
 * Commits are grouped. One transaction (one fsync) stores the outcomes of the jobs that ended and claims the jobs
 * that can start: one per free place on each target, and, on a target that finishes jobs faster than FLUSH_MS, as
 * many more as it finishes in that time, which start as places free up without another commit. It is written once
 * FLUSH_MS has passed since the first outcome not stored yet, or at once when a target has a free place and nothing
 * claimed to fill it: an outcome never waits behind a job that hangs. A job claimed (running) whose outcome was not
 * stored when the app died is resumed at the next start with the same idempotency key: the target recognises the
 * repeat. A claim that never started is given back as it was (no attempt counted) when the queue stops, the target
 * goes offline or is turned off.
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
  /** Handed to the targets (the static site's rebuild). */
  renderWorker?: RenderWorkerOptions;
}

export interface PublishQueue {
  /** Runs every job that is due now (side by side where a target takes several); answers how many ran. */
  runDue(): Promise<number>;
  /** Runs due work on a timer from now on (the app); tests call runDue with a fake clock instead. */
  start(): void;
  /** Asks the running queue to look for work now (a job was just queued). */
  wake(): void;
  /** Stops the timer and aborts the jobs in flight, resumed at the next start; resolves once their state is stored. */
  stop(): Promise<void>;
}

const RESUMED = {
  message: 'Lệnh đang chạy thì ứng dụng bị tắt; lệnh được tiếp tục khi ứng dụng mở lại (không đăng hai lần).',
  messageEn:
    'The app stopped while this job was running; it was resumed when the app started again (nothing is published twice).',
};

function lateNotice(scheduledFor: string, at: Date): { message: string; messageEn: string } {
  return {
    message: `Bài được hẹn đăng lúc ${shortDateTime(scheduledFor)} nhưng khi đó ứng dụng đang đóng; bài đã được đăng lúc ${shortDateTime(at)}, khi ứng dụng mở lại.`,
    messageEn: `The article was scheduled for ${shortDateTime(scheduledFor)} (Vietnam time), but the app was closed then; it was published at ${shortDateTime(at)}, when the app started again.`,
  };
}

/** How long an outcome may wait to be stored in one commit with the outcomes and claims that come after it. */
const FLUSH_MS = 25;
/** The most jobs claimed ahead on one target (besides those that start at once). */
const MAX_AHEAD = 64;

/** Jobs that change what a target holds of one article: their request may reach the target without an answer. */
const WRITES: ReadonlySet<JobKind> = new Set(['publish', 'update', 'unpublish', 'submit', 'return']);

/** What one attempt of a job knows of its effect on the target, for the state its failure leaves it in. */
interface Attempt {
  /** The target may hold this job's work, and has not been asked since (the job was uncertain). */
  doubt: boolean;
  /** The job's request went out (or may have): a failure after it leaves the job uncertain. */
  sent: boolean;
}

/** How an uncertain job ended once the target was asked and a newer job of the article was waiting to act. */
function reconciledNotice(kind: JobKind, found: boolean): { message: string; messageEn: string } {
  if (kind === 'unpublish') {
    return found
      ? {
          message: 'Đã hỏi đích: bài vẫn còn trên đó; lệnh mới hơn của bài này sẽ làm tiếp.',
          messageEn: 'The target was asked: the article is still there; the newer job for this article carries on.',
        }
      : {
          message: 'Đã hỏi đích: bài không còn trên đó; lệnh mới hơn của bài này sẽ làm tiếp.',
          messageEn: 'The target was asked: the article is no longer there; the newer job for this article carries on.',
        };
  }
  return found
    ? {
        message: 'Đã hỏi đích: bài đã có trên đó; lệnh mới hơn sẽ đưa phiên bản mới nhất lên chính bản đó.',
        messageEn:
          'The target was asked: it holds the article; the newer job puts the latest version on that same copy.',
      }
    : {
        message: 'Đã hỏi đích: yêu cầu này chưa tới đó; lệnh mới hơn thay cho nó.',
        messageEn: 'The target was asked: this request never reached it; the newer job replaces it.',
      };
}

/** Jobs that run alone on their target: a rebuild rewrites everything it holds; collaboration keeps a cursor and posts' states. */
const ALONE: ReadonlySet<JobKind> = new Set(['rebuild', 'pull', 'submit', 'return']);

/** A target as the queue uses it, built once from its row (again only when the row's settings or secret change). */
interface Built {
  key: string;
  name: string;
  /** Null when its settings no longer parse or its secret cannot be opened: then `failure` fails each of its jobs. */
  target: PublishTarget | null;
  secret: string | null;
  failure: unknown;
  concurrency: number;
}

interface Claimed {
  /** The row as it was before the claim (to give the claim back as it was). */
  job: DueJobRow;
  target: Built;
}

/** What one target does now. */
interface Lane {
  running: number;
  /** A job that runs alone holds the target. */
  alone: boolean;
  /** Claimed and waiting for a free place, oldest first. */
  ready: Claimed[];
  /** Jobs ended since the last commit (how many to claim ahead). */
  ended: number;
}

/** How a job ended, written with the others that ended close to it, in one transaction. */
type Outcome = () => void;

function asFailure(error: unknown, log: QueueOptions['log']): PublishFailure {
  if (error instanceof PublishFailure) return error;
  if (error instanceof ContractError)
    return new PublishFailure('permanent', error.code, error.message, error.messageEn);
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
    const request = requestSignal(controller.signal, 30_000);
    try {
      const answer = await fetch(url, { signal: request.signal });
      return answer.ok ? Buffer.from(await answer.arrayBuffer()) : null;
    } catch {
      return null;
    } finally {
      request.done();
    }
  };
  const startedAt = now().getTime();
  let controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let current: Promise<number> | null = null;
  let started = false;
  let again = false;

  const built = new Map<number, Built>();
  const lanes = new Map<number, Lane>();
  /** Jobs handed to their targets and not ended yet. */
  let inFlight = 0;
  /** Outcomes not stored yet, in the order the jobs ended (kept for the next run when a commit fails). */
  let outcomes: Outcome[] = [];
  /** When the last commit was (real time: how fast targets finish jobs). */
  let lastCommit = performance.now();
  /** Wakes the drain to commit: FLUSH_MS after an outcome (flushTimer), or at once (soon) when a place is free. */
  let ring: (() => void) | null = null;
  let rung = false;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let soon: ReturnType<typeof setImmediate> | null = null;
  /** Jobs started since the queue was made (runDue answers the difference). */
  let ran = 0;

  // A job that was running when the app died runs again: the target recognises the repeat by its idempotency key.
  const resumed = resumeInterruptedJobs(db, now().toISOString(), RESUMED);
  if (resumed > 0) options.audit({ actor: null, action: 'publish.resumed', details: { jobs: resumed } });

  /** Scheduled articles whose time has come become published (the jobs that carry them are due at the same time). */
  function publishDueScheduled(at: Date): void {
    const iso = at.toISOString();
    const due = statement(
      db,
      "SELECT id, version, published_at AS publishedAt FROM articles WHERE status = 'scheduled' AND trashed_at IS NULL AND published_at <= ?",
    ).all(iso) as {
      id: number;
      version: number;
      publishedAt: string;
    }[];
    for (const row of due) {
      db.transaction(() => {
        const { after } = transitionArticle(db, row.id, row.version, iso, (current) => ({
          status: 'published',
          publishedAt: current.publishedAt,
        }));
        recordVersion(db, row.id, after.version, { event: 'publish', userId: null }, iso);
        const late =
          Date.parse(row.publishedAt) < startedAt && at.getTime() - Date.parse(row.publishedAt) > RETRY.lateGraceMs;
        options.audit({
          actor: null,
          action: 'article.transition',
          target: { type: 'article', id: row.id },
          details: {
            action: 'publish',
            from: 'scheduled',
            to: 'published',
            version: after.version,
            title: after.title,
            automatic: true,
            scheduledFor: row.publishedAt,
            late,
          },
        });
      }).immediate();
    }
  }

  /** The target of a row, built again only when its name, settings or secret changed since the last time. */
  function buildTarget(row: TargetRow): Built {
    const key = `${row.kind}\u0000${row.config}\u0000${row.secret_scheme ?? ''}\u0000${row.secret?.toString('base64') ?? ''}`;
    const known = built.get(row.id);
    if (known?.key === key && known.name === row.name) return known;
    let made: Built;
    try {
      const target = createTarget(row.kind, JSON.parse(row.config), row.name);
      const secret = openSecret(options.secrets, row.secret, row.secret_scheme, row.name);
      made = {
        key,
        name: row.name,
        target,
        secret,
        failure: null,
        concurrency: Math.max(1, Math.floor(target.concurrency ?? 1)),
      };
    } catch (failure) {
      made = { key, name: row.name, target: null, secret: null, failure, concurrency: 1 };
    }
    built.set(row.id, made);
    return made;
  }

  function laneOf(targetId: number): Lane {
    let lane = lanes.get(targetId);
    if (!lane) {
      lane = { running: 0, alone: false, ready: [], ended: 0 };
      lanes.set(targetId, lane);
    }
    return lane;
  }

  const waiting = (): number => [...lanes.values()].reduce((n, lane) => n + lane.ready.length, 0);

  /** Gives claims that never started back as they were (in the caller's transaction). */
  function release(claims: readonly Claimed[], iso: string): void {
    for (const { job } of claims) releaseJob(db, job, iso);
  }

  /**
   * Claims, in the caller's transaction, the due jobs that can start now and those the target will be ready for
   * before the next commit, in order, per target; answers them (the lanes take them once the commit is done). A job
   * that runs alone waits for its target to be free, and the target's later jobs wait behind it.
   */
  function claimDue(targets: ReadonlyMap<number, Built>, iso: string, sinceMs: number): Claimed[] {
    const want = new Map<number, number>();
    for (const [id, target] of targets) {
      const lane = laneOf(id);
      const ahead = Math.min(MAX_AHEAD, Math.floor((lane.ended * FLUSH_MS) / Math.max(1, sinceMs)));
      want.set(id, lane.alone ? 0 : target.concurrency - lane.running + ahead - lane.ready.length);
    }
    const claimed: Claimed[] = [];
    for (;;) {
      const busy = [...targets.keys()].filter((id) => (want.get(id) ?? 0) <= 0);
      const free = [...want.values()].reduce((n, w) => n + Math.max(0, w), 0);
      const due = free > 0 ? dueJobs(db, iso, free, busy) : [];
      if (due.length === 0) return claimed;
      // Each pass claims a job or finds a target busy, so this ends.
      for (const job of due) {
        const target = targets.get(job.target_id);
        const left = want.get(job.target_id) ?? 0;
        if (!target || left <= 0) continue;
        const lane = laneOf(job.target_id);
        const alone = ALONE.has(job.kind);
        if (
          alone &&
          (lane.running > 0 || lane.ready.length > 0 || claimed.some((c) => c.job.target_id === job.target_id))
        ) {
          want.set(job.target_id, 0);
          continue;
        }
        if (!claimJob(db, job.id, iso)) continue;
        claimed.push({ job, target });
        want.set(job.target_id, alone ? 0 : left - 1);
      }
    }
  }

  /**
   * One commit: the outcomes of the jobs that ended, then the claims of those that can start; once stopping, no
   * claim, and those that did not start are given back. The lanes change only once it is stored.
   */
  function commit(signal: AbortSignal): void {
    if (flushTimer) clearTimeout(flushTimer);
    if (soon) clearImmediate(soon);
    flushTimer = null;
    soon = null;
    rung = false;
    const since = performance.now() - lastCommit;
    lastCommit += since;
    const writing = outcomes;
    outcomes = [];
    try {
      const { claimed, released } = db
        .transaction(() => {
          const iso = now().toISOString();
          for (const write of writing) write();
          const targets = new Map<number, Built>();
          if (!signal.aborted) for (const row of targetRows(db, true)) targets.set(row.id, buildTarget(row));
          // Stopping, or the target was turned off (or removed) while its claims waited: they wait as they were.
          const giveBack = [...lanes]
            .filter(([id, lane]) => lane.ready.length > 0 && !targets.has(id))
            .map(([, lane]) => lane);
          for (const lane of giveBack) release(lane.ready, iso);
          return { claimed: signal.aborted ? [] : claimDue(targets, iso, since), released: giveBack };
        })
        .immediate();
      for (const lane of released) lane.ready = [];
      for (const lane of lanes.values()) lane.ended = 0;
      for (const claim of claimed) laneOf(claim.job.target_id).ready.push(claim);
    } catch (error) {
      outcomes = writing.concat(outcomes);
      throw error;
    }
  }

  /** Wakes the drain to commit. */
  function wakeDrain(): void {
    if (flushTimer) clearTimeout(flushTimer);
    if (soon) clearImmediate(soon);
    flushTimer = null;
    soon = null;
    if (!ring) {
      rung = true;
      return;
    }
    const resolve = ring;
    ring = null;
    resolve();
  }

  function nextWake(): Promise<void> {
    if (rung) {
      rung = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      ring = resolve;
    });
  }

  /**
   * Asks the target what it holds of the job's article (the job's last request may have reached it) and stores the
   * answer at once, so the record is true whatever this attempt does next. Answers what the job goes on from.
   */
  async function reconcile(
    job: DueJobRow,
    target: PublishTarget,
    article: Article | null,
    context: TargetContext,
  ): Promise<RemoteRecord | null> {
    const previous = heldRecord(job);
    if (!target.find || job.article_id === null) return previous;
    const articleId = job.article_id;
    const found = await target.find(
      { targetId: job.target_id, articleId, idempotencyKey: job.idempotency_key, article, previous },
      context,
    );
    const iso = now().toISOString();
    if (found === null) deleteRemoteRecord(db, job.target_id, articleId);
    else saveRemoteRecord(db, job.target_id, articleId, found, previous?.version ?? job.article_version ?? 0, iso);
    return found;
  }

  /** The article as it is now, for asking a target about an unpublished one (null when it is gone). */
  function currentArticle(articleId: number): Article | null {
    try {
      return getArticle(db, articleId);
    } catch {
      return null;
    }
  }

  /** Carries one claimed job out; answers what to store of it (written with the outcome, in the same commit). */
  async function carryOut(
    { job, target: built }: Claimed,
    snapshot: string | null,
    signal: AbortSignal,
    attempts: number,
    attempt: Attempt,
  ): Promise<Outcome> {
    if (!built.target) throw built.failure;
    const target = built.target;
    const targetName = built.name;
    const context: TargetContext = {
      db,
      dataDir: options.dataDir,
      now,
      signal,
      progress: (done, total) => setJobProgress(db, job.id, done, total, now().toISOString()),
      secret: built.secret,
      secrets: options.secrets,
      renderWorker: options.renderWorker,
    };
    let previous: RemoteRecord | null = heldRecord(job);
    /**
     * The key the work is sent with. Once the target was asked, what follows is new work on what was found (an update
     * of the copy found, a create where none was): a key of its own, since the first may be spent on another request.
     */
    let key = job.idempotency_key;
    /**
     * A job in doubt asks the target first. When a newer job of the article waits, that is all it does: the newer
     * job acts from what was found (a newer version updates the copy found, an unpublish takes it down).
     */
    const settleDoubt = async (article: Article | null): Promise<Outcome | null> => {
      if (!attempt.doubt) return null;
      previous = await reconcile(job, target, article, context);
      attempt.doubt = false;
      key = `${job.idempotency_key}:reconciled`;
      if (!hasLaterOpenJob(db, job)) return null;
      const notice = reconciledNotice(job.kind, previous !== null);
      return () => setJobOutcome(db, job.id, { state: 'cancelled', finished: true, notice }, now().toISOString());
    };
    let url: string | null = null;
    /** What the target now holds, stored with the outcome. */
    let remember: ((iso: string) => void) | null = null;
    if (job.kind === 'pull') {
      const result = await collaborationOf(target, targetName).pull(syncCursor(db, job.target_id), context);
      const applied = await applyPull(
        {
          db,
          dataDir: options.dataDir,
          targetId: job.target_id,
          targetName,
          now: now().toISOString(),
          audit: options.audit,
          fetchImage,
        },
        result,
      );
      // A pull is never done: it waits for its next turn, saying what the last one brought.
      const at = now();
      const notice = {
        message: `Lần nhận gần nhất lúc ${shortDateTime(at)}: ${applied.articles} bài, ${applied.comments} bình luận thay đổi.`,
        messageEn: `Last fetched at ${shortDateTime(at)} (Vietnam time): ${applied.articles} articles, ${applied.comments} comments changed.`,
      };
      return () =>
        setJobOutcome(
          db,
          job.id,
          { state: 'pending', runAt: new Date(at.getTime() + pullMs).toISOString(), attempts: 0, error: null, notice },
          at.toISOString(),
        );
    } else if (job.kind === 'submit' || job.kind === 'return') {
      const { article, reason } = JSON.parse(snapshot ?? 'null') as { article: Article; reason?: string };
      const version = job.article_version ?? article.version;
      const collaboration = collaborationOf(target, targetName);
      const work = {
        targetId: job.target_id,
        articleId: job.article_id as number,
        article,
        idempotencyKey: job.idempotency_key,
        previous,
      };
      attempt.sent = true;
      const record =
        job.kind === 'submit'
          ? await collaboration.submit({ ...work, scheduledFor: null }, context)
          : await collaboration.returnToWriter({ ...work, reason: reason ?? '' }, context);
      remember = (iso) => saveRemoteRecord(db, job.target_id, job.article_id as number, record, version, iso);
      url = record.url;
    } else if (job.kind === 'rebuild') {
      await target.rebuild(job.target_id, context);
    } else if (job.kind === 'unpublish') {
      const settled = await settleDoubt(currentArticle(job.article_id as number));
      if (settled) return settled;
      attempt.sent = true;
      await target.unpublish(
        { targetId: job.target_id, articleId: job.article_id as number, idempotencyKey: key, previous },
        context,
      );
      remember = () => deleteRemoteRecord(db, job.target_id, job.article_id as number);
    } else {
      const article = JSON.parse(snapshot ?? 'null') as Article;
      const version = job.article_version ?? article.version;
      const unrecorded = heldRecord(job) === null;
      const settled = await settleDoubt(article);
      if (settled) return settled;
      const handOver =
        target.serverSchedule && job.scheduled_for !== null && Date.parse(job.scheduled_for) > now().getTime();
      // Nothing was recorded before this job and the target holds a copy now: its own create got there (an earlier
      // job's would have been found and recorded when that job was settled). Done; nothing is sent again.
      const ownCreate = job.state === 'uncertain' && unrecorded && !target.redoFound ? previous : null;
      attempt.sent = ownCreate === null;
      const record =
        ownCreate ??
        (await target.publish(
          {
            targetId: job.target_id,
            articleId: job.article_id as number,
            article,
            idempotencyKey: key,
            scheduledFor: handOver ? job.scheduled_for : null,
            previous,
          },
          context,
        ));
      remember = (iso) => saveRemoteRecord(db, job.target_id, job.article_id as number, record, version, iso);
      url = record.url;
    }
    const finished = now();
    const iso = finished.toISOString();
    const missed =
      job.scheduled_for !== null &&
      !target.serverSchedule &&
      Date.parse(job.scheduled_for) < startedAt &&
      finished.getTime() - Date.parse(job.scheduled_for) > RETRY.lateGraceMs;
    return () => {
      remember?.(iso);
      setJobOutcome(
        db,
        job.id,
        {
          state: 'succeeded',
          error: null,
          url,
          finished: true,
          ...(missed && job.scheduled_for ? { notice: lateNotice(job.scheduled_for, finished) } : {}),
        },
        iso,
      );
      options.audit({
        actor: null,
        action: 'publish.succeeded',
        ...(job.article_id !== null ? { target: { type: 'article' as const, id: job.article_id } } : {}),
        details: {
          job: job.id,
          kind: job.kind,
          target: targetName,
          attempts,
          ...(url ? { url } : {}),
          ...(missed ? { late: true } : {}),
        },
      });
    };
  }

  /** What to store of a job that did not go out: wait (offline, not an attempt), retry with backoff, or fail. */
  function failed(
    { job, target }: Claimed,
    lane: Lane,
    error: unknown,
    signal: AbortSignal,
    attempts: number,
    attempt: Attempt,
  ): Outcome {
    const at = now();
    const iso = at.toISOString();
    // Its request may have reached the target (sent, and no answer that says it did not), or it was in doubt already.
    const write = WRITES.has(job.kind);
    const maybeSent =
      attempt.sent &&
      (signal.aborted || !(error instanceof PublishFailure) || (error.kind === 'transient' && !error.answered));
    const inDoubt = write && (attempt.doubt || maybeSent);
    const waiting = inDoubt ? 'uncertain' : 'retrying';
    if (signal.aborted) {
      // Stopped mid-way (the app is closing): not an attempt; it runs again at the next start.
      return () => setJobOutcome(db, job.id, { state: waiting, runAt: iso, attempts: job.attempts }, iso);
    }
    const failure = asFailure(error, log);
    const reason = { code: failure.code, message: failure.message, messageEn: failure.messageEn };
    if (failure.kind === 'offline') {
      const until = new Date(at.getTime() + RETRY.offlineMs).toISOString();
      // The target's claims that have not started wait with the rest.
      const held = lane.ready.splice(0);
      return () => {
        release(held, iso);
        setJobOutcome(db, job.id, { state: waiting, runAt: until, attempts: job.attempts, error: reason }, iso);
        holdTargetJobs(db, job.target_id, until, reason, iso);
      };
    }
    if (inDoubt) {
      // Never counted out: it stays uncertain, tried at most every RETRY.capMs, until the target has been asked.
      const runAt = new Date(at.getTime() + retryDelay(Math.min(attempts, RETRY.maxAttempts), random)).toISOString();
      return () => setJobOutcome(db, job.id, { state: 'uncertain', runAt, error: reason }, iso);
    }
    if (failure.kind === 'transient' && attempts < RETRY.maxAttempts) {
      const runAt = new Date(at.getTime() + retryDelay(attempts, random)).toISOString();
      return () => setJobOutcome(db, job.id, { state: 'retrying', runAt, error: reason }, iso);
    }
    return () => {
      setJobOutcome(db, job.id, { state: 'failed', error: reason, finished: true }, iso);
      options.audit({
        actor: null,
        action: 'publish.failed',
        ...(job.article_id !== null ? { target: { type: 'article' as const, id: job.article_id } } : {}),
        details: {
          job: job.id,
          kind: job.kind,
          target: target.name,
          attempts,
          code: failure.code,
          reason: failure.message,
        },
      });
    };
  }

  /** Starts the claimed jobs of a target that have a place now; answers how many. */
  function launch(lane: Lane, signal: AbortSignal): number {
    let launched = 0;
    for (;;) {
      const next = lane.ready[0];
      if (!next || signal.aborted || lane.alone || lane.running >= next.target.concurrency) return launched;
      const alone = ALONE.has(next.job.kind);
      if (alone && lane.running > 0) return launched;
      lane.ready.shift();
      lane.running += 1;
      lane.alone = alone;
      launched += 1;
      const attempts = next.job.attempts + 1;
      const attempt: Attempt = { doubt: next.job.state === 'uncertain', sent: false };
      // The job parses its snapshot once; the row it keeps while it runs and waits to be stored stays small.
      const snapshot = next.job.snapshot;
      next.job.snapshot = null;
      inFlight += 1;
      void (async () => {
        try {
          const outcome = await carryOut(next, snapshot, signal, attempts, attempt).catch((error: unknown) =>
            failed(next, lane, error, signal, attempts, attempt),
          );
          outcomes.push(outcome);
        } finally {
          lane.running -= 1;
          lane.alone = false;
          lane.ended += 1;
          inFlight -= 1;
          ran += launch(lane, signal);
          // A free place with nothing claimed to fill it: commit now (after this turn's other answers), to claim more.
          if (lane.ready.length === 0 || inFlight === 0) soon ??= setImmediate(wakeDrain);
          else flushTimer ??= setTimeout(wakeDrain, FLUSH_MS);
        }
      })();
    }
  }

  async function drain(): Promise<number> {
    const signal = controller.signal;
    const before = ran;
    // A clock set back leaves retries due "later" than any wait the queue sets: they are due now.
    pullBackWaits(db, now().toISOString(), new Date(now().getTime() + Math.max(RETRY.capMs, pullMs)).toISOString());
    publishDueScheduled(now());
    ensurePullJobs(db, now().toISOString());
    try {
      for (;;) {
        commit(signal);
        for (const lane of lanes.values()) ran += launch(lane, signal);
        if (inFlight === 0 && outcomes.length === 0 && waiting() === 0) return ran - before;
        await nextWake();
      }
    } catch (error) {
      // A commit failed: the jobs in flight and those claimed run to their end; their outcomes wait for the next run.
      while (inFlight > 0) await nextWake();
      throw error;
    }
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
