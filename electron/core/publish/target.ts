import type { Article } from '../../../shared/contract/articles';
import type { TargetConfig, TargetKind } from '../../../shared/contract/publishing';
import type { Db } from '../db/database';
import type { SecretBox } from './secrets';
import type { RenderWorkerOptions } from './site-render-pool';

/**
 * What the queue needs of a publishing target. The queue owns states, attempts, backoff, idempotency and the record of
 * what each target holds; a target only carries one piece of work out and says how it went. A new target is one file
 * in ./targets and one line in ./targets/index.ts.
 */

/** How a target says a piece of work did not go out, so the queue knows whether to wait, retry or give up. */
export type PublishFailureKind =
  /** Not reachable now (no network, refused connection, a drive not mounted): wait, do not use up attempts. */
  | 'offline'
  /** Might work later (5xx, timeout, reset, a full disk, an answer that is not what was expected): retry with backoff. */
  | 'transient'
  /** Will not work by retrying (refused credentials, forbidden, a read-only folder, a bad request): fail now. */
  | 'permanent';

export class PublishFailure extends Error {
  readonly kind: PublishFailureKind;
  readonly code: string;
  readonly messageEn: string;
  /**
   * The target answered that it did not do the work (an error status: 5xx, 429…). A transient failure without it
   * (a timeout, a reset, a page or an answer that cannot be read) may hide work done: the job becomes uncertain.
   */
  readonly answered: boolean;

  constructor(
    kind: PublishFailureKind,
    code: string,
    message: string,
    messageEn: string,
    options: { answered?: boolean } = {},
  ) {
    super(message);
    this.name = 'PublishFailure';
    this.kind = kind;
    this.code = code;
    this.messageEn = messageEn;
    this.answered = options.answered ?? false;
  }
}

/** What a target holds of one article after a publication: its id there and its public address. */
export interface RemoteRecord {
  remoteId: string | null;
  url: string | null;
  /** The target's last-modified time of the item, when it has one (to notice changes made on the server). */
  remoteModified: string | null;
}

export interface TargetContext {
  db: Db;
  dataDir: string;
  now: () => Date;
  /** Aborted when the queue stops (the app is closing): stop soon; the job will be resumed at the next start. */
  signal: AbortSignal;
  /** Reports progress of long work (a rebuild): done of total steps. */
  progress(done: number, total: number): void;
  /** The target's secret (token, password), decrypted, or null. */
  secret: string | null;
  /** Seals what a target keeps of its own (the static site's signing key); unsealed (browser mode's way) when absent. */
  secrets?: SecretBox;
  /** The static site's render workers (a rebuild of a large site writes its article pages in them); absent: none. */
  renderWorker?: RenderWorkerOptions;
}

export interface PublishWork {
  targetId: number;
  articleId: number;
  /** The article as it was approved for publication (the version the job carries). */
  article: Article;
  /** Sent to the target so it can recognise a repeat of the same work (after a crash or a lost answer). */
  idempotencyKey: string;
  /** The article's publication time, when it is in the future and the target schedules on its server. */
  scheduledFor: string | null;
  /** What the target held of this article before, or null the first time. */
  previous: RemoteRecord | null;
}

export interface UnpublishWork {
  targetId: number;
  articleId: number;
  idempotencyKey: string;
  previous: RemoteRecord | null;
}

/** What the queue asks a target when it does not know what the target holds of an article (see PublishTarget.find). */
export interface FindWork {
  targetId: number;
  articleId: number;
  /** The key of the job whose outcome is unknown. */
  idempotencyKey: string;
  /** The article as the job carries it (a publication), or as it is now (an unpublish); null when it is gone. */
  article: Article | null;
  /** What the queue's record says the target holds, which the answer replaces. */
  previous: RemoteRecord | null;
}

export interface PublishTarget {
  readonly kind: TargetKind;
  /** Whether the target schedules on its own server: then a scheduled publication is handed over at once with its time. */
  readonly serverSchedule: boolean;
  /**
   * How many publications and unpublications the queue may run on this target at once (default 1): more where the
   * other end takes requests side by side and nothing the target writes is shared between articles. A rebuild and
   * the collaboration jobs (submit, return, pull) always run alone on their target.
   */
  readonly concurrency?: number;
  /** Publishes the article, or updates it where the target already holds it. Idempotent for the same work. */
  publish(work: PublishWork, context: TargetContext): Promise<RemoteRecord>;
  /**
   * What the target holds of this workstation's article now (null: nothing), asked before a job whose request may
   * have reached the target acts again (reconciling). Throws a PublishFailure when it cannot be told. A target without
   * it is trusted to recognise any repeat by its idempotency key.
   */
  find?(work: FindWork, context: TargetContext): Promise<RemoteRecord | null>;
  /** A copy find answers may be half written (the static site's folder after a crash): the work is done again. */
  readonly redoFound?: boolean;
  /** Takes the article off the target; done (not an error) when the target does not hold it. */
  unpublish(work: UnpublishWork, context: TargetContext): Promise<void>;
  /** Rewrites everything the target holds from the record of what was published (a full rebuild). */
  rebuild(targetId: number, context: TargetContext): Promise<void>;
  /** Throws a PublishFailure when the target cannot be reached or written to now; publishes nothing. */
  check(context: TargetContext): Promise<void>;
  /** Present when workstations meet through this target (see CollaborationTarget). */
  readonly collaboration?: CollaborationTarget;
}

export type TargetFactory<K extends TargetKind> = (config: TargetConfig<K>) => PublishTarget;

// ---------------------------------------------------------------------------------------------- collaboration

/**
 * A target through which workstations meet (WordPress): submissions go up as posts waiting for review, an editor's
 * decision and comments come back down. The queue runs these as jobs too ('submit', 'return', 'pull').
 */
export interface ReturnWork {
  targetId: number;
  articleId: number;
  article: Article;
  idempotencyKey: string;
  previous: RemoteRecord | null;
  /** The editor's reason, posted as a comment the writer's workstation pulls. */
  reason: string;
}

/** Where the last pull stopped (times as the server gives them, UTC ISO). */
export interface SyncCursor {
  postsAfter: string | null;
  commentsAfter: string | null;
}

export type RemoteStatus = 'pending' | 'draft' | 'publish' | 'future' | 'private' | 'trash';

export interface RemoteArticle {
  remoteId: string;
  status: RemoteStatus;
  title: string;
  lead: string;
  /** The body as HTML (the shared renderer's, when it went up from a workstation). */
  html: string;
  /** The editor document (bodyJson) when it went up from a workstation, else null. */
  bodyJson: string | null;
  slug: string;
  /** The server account that wrote it (display name). */
  authorName: string;
  byline: { author: string; department: string } | null;
  categoryName: string | null;
  url: string | null;
  /** The server's modified time (UTC ISO): the same as RemoteRecord.remoteModified after our own write. */
  remoteModified: string;
  /** For 'future': when the server publishes it. */
  scheduledFor: string | null;
}

export interface RemoteComment {
  remoteId: string;
  /** The post it is on. */
  remoteArticleId: string;
  authorName: string;
  text: string;
  createdAt: string;
  /** Posted with a return to the writer (not an ordinary comment). */
  isReturn: boolean;
}

export interface PullResult {
  articles: RemoteArticle[];
  comments: RemoteComment[];
  cursor: SyncCursor;
}

export interface CollaborationTarget {
  /** Pushes an article submitted for review: a post waiting for review on the server (created, or updated). */
  submit(work: PublishWork, context: TargetContext): Promise<RemoteRecord>;
  /** Sends the post back to its writer (a draft again) with the reason as a comment. */
  returnToWriter(work: ReturnWork, context: TargetContext): Promise<RemoteRecord>;
  /** What changed on the server after the cursor (posts waiting for review, decisions, comments), oldest first. */
  pull(cursor: SyncCursor, context: TargetContext): Promise<PullResult>;
}
