import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SiteItem, SiteLookData } from './site-model';
import type { WrittenPage } from './site-pages';

/**
 * A rebuild's article pages rendered and written by worker threads (site-render-worker.ts), while the core's thread
 * writes the lists: the pages are most of a rebuild, and they depend on nothing but their entry and its neighbours.
 */

/** What every render worker of one rebuild is started with. */
export interface RenderSetup {
  /** The site folder (prepared by the core's thread). */
  root: string;
  dataDir: string;
  /** The store's SQLite file: each worker reads the entries' snapshots on a read-only connection of its own. */
  dbFile: string;
  /** better-sqlite3's native module as the core loaded it (sqlite.ts). */
  sqliteBinding: string | null;
  targetId: number;
  look: SiteLookData;
}

/** One article page to write: its entry and the 'Tin đã đưa' shown under it. */
export interface RenderJob {
  item: SiteItem;
  related: SiteItem[];
}

export interface RenderedPage extends WrittenPage {
  item: Pick<SiteItem, 'articleId' | 'month'>;
}

/** A failure as it crosses the thread boundary: the file-system fields the site turns into a PublishFailure. */
export interface RenderFailure {
  message: string;
  code?: string;
  errno?: number;
  syscall?: string;
  path?: string;
}

/** A worker serves one rebuild at a time: opened with its setup, handed batches of pages, closed at its end. */
export type ToRenderWorker =
  { kind: 'open'; setup: RenderSetup } | { kind: 'pages'; jobs: RenderJob[] } | { kind: 'close' };
/** `unavailable`: the worker could not open the store (its native module, its file), so it cannot serve at all. */
export type FromRenderWorker = { pages: RenderedPage[] } | { failure: RenderFailure; unavailable?: boolean };

/**
 * The workers could not start or open the store (a packaged app that cannot load the worker's file, a native module
 * the worker cannot load): the rebuild writes its pages in the core's thread instead.
 */
export class RenderWorkersUnavailable extends Error {
  constructor(cause: unknown) {
    super('the site render workers could not start', { cause });
  }
}

/** Where the build finds its worker and when it starts one (TargetContext.renderWorker). */
export interface RenderWorkerOptions {
  /** The bundled worker script (scripts/build.mjs: dist/electron/site-render-worker.cjs). */
  script: string;
  /** Fewer pages than this are written in the core's thread: starting a worker costs more than they do. */
  minPages?: number;
  /** At most this many workers (default: one a core, up to MAX_WORKERS). */
  workers?: number;
}

/** The worker's file name in the shell's bundle folder (scripts/build.mjs writes it beside core-child.cjs). */
export const RENDER_WORKER_FILE = 'site-render-worker.cjs';

/** The render workers of the bundle in `dir`, or none when it has no worker file (a core run from its sources). */
export function bundledRenderWorker(dir: string): RenderWorkerOptions | undefined {
  const script = path.join(dir, RENDER_WORKER_FILE);
  return fs.existsSync(script) ? { script } : undefined;
}

const DEFAULT_MIN_PAGES = 300;
/**
 * Workers stay this long after a rebuild: the next one (an administrator's second try, a bench's next run) finds them
 * started and their compiled code warm — a new worker spends as much again compiling the renderer as rendering.
 */
const IDLE_MS = 60_000;
const MAX_WORKERS = 4;
/** Pages a worker is handed at once: few enough to share the tail of the work out evenly. */
const BATCH = 24;

/** How many workers a rebuild of this many pages starts: none for a small site. */
export function renderWorkerCount(options: RenderWorkerOptions | undefined, pages: number): number {
  if (!options || pages < (options.minPages ?? DEFAULT_MIN_PAGES)) return 0;
  return Math.max(1, Math.min(options.workers ?? MAX_WORKERS, os.availableParallelism(), Math.ceil(pages / BATCH)));
}

function errorOf(failure: RenderFailure): Error {
  const { message, ...fields } = failure;
  return Object.assign(new Error(message), fields);
}

/** Started workers no rebuild is using, by script; ended after IDLE_MS. */
const idle = new Map<string, Worker[]>();
const idleTimers = new Map<string, NodeJS.Timeout>();

function lease(script: string, count: number): Worker[] {
  const ready = idle.get(script) ?? [];
  const leased = ready.splice(0, count);
  while (leased.length < count) {
    let worker: Worker;
    try {
      worker = new Worker(script);
    } catch (error) {
      for (const started of leased) void started.terminate();
      throw new RenderWorkersUnavailable(error);
    }
    // An idle worker that fails or ends leaves the idle list.
    worker.on('exit', () => {
      const list = idle.get(script);
      if (list?.includes(worker)) list.splice(list.indexOf(worker), 1);
    });
    leased.push(worker);
  }
  // Held while in use, so that a process waiting for a rebuild does not exit under it; an idle one holds nothing.
  for (const worker of leased) worker.ref();
  return leased;
}

function giveBack(script: string, workers: readonly Worker[]): void {
  const list = idle.get(script) ?? [];
  idle.set(script, list);
  for (const worker of workers) {
    worker.postMessage({ kind: 'close' } satisfies ToRenderWorker);
    worker.unref();
    list.push(worker);
  }
  clearTimeout(idleTimers.get(script));
  const timer = setTimeout(() => {
    for (const worker of idle.get(script)?.splice(0) ?? []) void worker.terminate();
  }, IDLE_MS);
  timer.unref();
  idleTimers.set(script, timer);
}

/**
 * Writes the pages of `jobs` in `count` workers, handing out batches as workers finish theirs; `onPage` hears of each
 * page written. Rejects with the first failure (its workers are ended) or when the signal aborts.
 */
export function renderInWorkers(
  options: RenderWorkerOptions,
  setup: RenderSetup,
  jobs: readonly RenderJob[],
  count: number,
  signal: AbortSignal,
  onPage: (page: RenderedPage) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      return;
    }
    let workers: Worker[];
    try {
      workers = lease(options.script, count);
    } catch (error) {
      reject(error instanceof Error ? error : new RenderWorkersUnavailable(error));
      return;
    }
    const detach: (() => void)[] = [];
    let next = 0;
    let pending = 0;
    let settled = false;
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      for (const undo of detach) undo();
      if (error === undefined) {
        giveBack(options.script, workers);
        resolve();
      } else {
        for (const worker of workers) void worker.terminate();
        reject(error instanceof Error ? error : new Error('site render workers stopped', { cause: error }));
      }
    };
    const onAbort = (): void => finish(signal.reason);
    const handOut = (worker: Worker): void => {
      if (next >= jobs.length) {
        if (pending === 0) finish();
        return;
      }
      const message: ToRenderWorker = { kind: 'pages', jobs: jobs.slice(next, next + BATCH) };
      next += BATCH;
      pending += 1;
      worker.postMessage(message);
    };
    signal.addEventListener('abort', onAbort);
    for (const worker of workers) {
      /** Whether this worker has answered once: an error before that is one of starting, not of a page. */
      let answered = false;
      const failed = (error: Error): void => finish(answered ? error : new RenderWorkersUnavailable(error));
      const onMessage = (answer: FromRenderWorker): void => {
        pending -= 1;
        if ('failure' in answer) {
          const error = errorOf(answer.failure);
          return finish(answer.unavailable ? new RenderWorkersUnavailable(error) : error);
        }
        answered = true;
        try {
          for (const page of answer.pages) onPage(page);
        } catch (error) {
          return finish(error);
        }
        handOut(worker);
      };
      const onError = (error: Error): void => failed(error);
      const onExit = (code: number): void => failed(new Error(`site render worker stopped (exit code ${code})`));
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      detach.push(() => worker.off('message', onMessage).off('error', onError).off('exit', onExit));
      worker.postMessage({ kind: 'open', setup } satisfies ToRenderWorker);
      handOut(worker);
    }
  });
}
