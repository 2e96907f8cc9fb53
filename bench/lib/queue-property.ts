/**
 * The publishing queue's property (issue 14): seeded random interleavings of publish, update, unpublish, republish,
 * retry, cancel, queue runs, kill -9 and restart, against a portal on 127.0.0.1 that fails a share of requests
 * (errors, resets, lost and cut-off answers, web pages, empty and id-less answers, redirects to a login page). Once
 * the portal behaves, the editor has retried what was cancelled or failed (the channel refuses what is no longer
 * wanted) and the queue is run to rest, the portal must hold exactly the published articles, each once and as last
 * approved. Run at a small size by tests/publish/queue-property.test.ts, at full size by the bench
 * (`npm run bench -- --only exactly-once`).
 *
 * kill -9 is taken as the data folder copied while jobs are in flight (between two JavaScript turns no transaction is
 * half written, as at any instant a killed process leaves it) and a new core opened on the copy; the old core is
 * stopped without its later writes counting (they go to the folder left behind), and its requests that reached the
 * portal stay done.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Article } from '../../shared/contract/articles';
import type { PublishJob } from '../../shared/contract/publishing';
import { createCore, type Core } from '../../electron/core/core';
import { RETRY } from '../../electron/core/publish/queue';
import { startFlakyPortal, type FlakyPortal, type PortalBehaviour } from '../../tests/support/flaky-portal';
import { prng } from './random';

export interface QueuePropertyOptions {
  seed: number;
  operations: number;
  /** An empty folder for the data folders (one per kill). */
  root: string;
  /** The share of requests the portal fails (default 0.3). */
  failureRate?: number;
}

export interface QueuePropertyResult {
  seed: number;
  operations: number;
  /** How many of each operation ran. */
  counts: Record<Operation, number>;
  articles: number;
  published: number;
  portalRequests: number;
  /** Every way the end state breaks the property (empty: it holds). */
  problems: string[];
}

type Operation = 'publish' | 'update' | 'unpublish' | 'republish' | 'retry' | 'cancel' | 'run' | 'kill' | 'restart';

const WEIGHTS: [Operation, number][] = [
  ['publish', 18],
  ['update', 18],
  ['unpublish', 10],
  ['republish', 6],
  ['retry', 6],
  ['cancel', 8],
  ['run', 22],
  ['kill', 8],
  ['restart', 4],
];

/** What the portal does when it fails a request: every way an answer can be lost, wrong or refused. */
const FAILURES: PortalBehaviour[] = [
  'status500',
  'status503',
  { status: 429 },
  'reset',
  'lostAnswer',
  'lostAnswer',
  'cutOff',
  'html',
  'emptyOk',
  'noId',
  'loginRedirect',
  { slow: 40 },
];

const ADMIN = { username: 'quantri', displayName: 'Quản trị', password: 'mat-khau-quan-tri' };
const BODY = JSON.stringify({
  root: {
    type: 'root',
    children: [{ type: 'paragraph', children: [{ type: 'text', text: 'Hội nghị sơ kết công tác năm của xã.' }] }],
  },
});
const CATEGORIES = ['Tin hoạt động', 'Thông báo', 'Văn bản'];

class Workstation {
  private constructor(
    readonly core: Core,
    readonly dataDir: string,
    private readonly session: string,
  ) {}

  static async open(dataDir: string, clock: () => Date, random: () => number): Promise<Workstation> {
    const core = createCore({
      dataDir,
      version: '0.0.0-property',
      shell: 'browser',
      log: () => undefined,
      clock,
      queue: { random },
    });
    const status = await core.invoke('auth.status', {});
    const first = status.ok && (status.value as { needsFirstAdmin: boolean }).needsFirstAdmin;
    const signed = first
      ? await core.invoke('auth.setupFirstAdmin', ADMIN)
      : await core.invoke('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    if (!signed.ok) throw new Error(`sign-in: ${signed.error.messageEn}`);
    return new Workstation(core, dataDir, (signed.value as { sessionToken: string }).sessionToken);
  }

  /** A channel's value; throws on a refusal. */
  async call<T>(channel: string, payload: unknown): Promise<T> {
    const result = await this.core.invoke(channel, payload, { sessionToken: this.session });
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.messageEn}`);
    return result.value as T;
  }

  /** A channel's refusal is an answer too (a retry of a job that cannot run again, a cancel of a running one). */
  async attempt(channel: string, payload: unknown): Promise<boolean> {
    return (await this.core.invoke(channel, payload, { sessionToken: this.session })).ok;
  }

  async jobs(): Promise<PublishJob[]> {
    return (await this.call<{ jobs: PublishJob[] }>('publish.jobs', { limit: 500 })).jobs;
  }

  async transition(article: Article, action: string): Promise<Article> {
    const current = await this.call<Article>('articles.get', { id: article.id });
    return this.call<Article>('articles.transition', { id: current.id, baseVersion: current.version, action });
  }
}

/** Copies a data folder as a killed process leaves it (the SQLite file and its WAL; the shared-memory index is rebuilt). */
function copyDataFolder(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true, filter: (source) => !source.endsWith('-shm') });
}

export async function runQueueProperty(options: QueuePropertyOptions): Promise<QueuePropertyResult> {
  const random = prng(options.seed);
  const portalRandom = prng(options.seed ^ 0x5bd1e995);
  const failureRate = options.failureRate ?? 0.3;
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const total = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  const nextOperation = (): Operation => {
    let roll = random() * total;
    for (const [operation, weight] of WEIGHTS) {
      roll -= weight;
      if (roll < 0) return operation;
    }
    return 'run';
  };

  let now = Date.parse('2030-05-01T01:00:00.000Z');
  const clock = () => new Date(now);
  const portal: FlakyPortal = await startFlakyPortal({ slowMs: 40 });
  portal.behave(() =>
    portalRandom() < failureRate ? FAILURES[Math.floor(portalRandom() * FAILURES.length)] : undefined,
  );
  let folders = 0;
  const folder = () => path.join(options.root, `data-${++folders}`);
  let station = await Workstation.open(folder(), clock, random);
  const counts = Object.fromEntries(WEIGHTS.map(([operation]) => [operation, 0])) as Record<Operation, number>;
  const articles: number[] = [];

  try {
    const categories: { id: number; name: string }[] = [];
    for (const name of CATEGORIES) categories.push(await station.call('categories.create', { name }));
    await station.call('targets.create', {
      kind: 'http-json',
      name: 'Cổng tỉnh',
      config: { endpoint: portal.endpoint, timeoutMs: 1000 },
    });
    const articleOf = (id: number) => station.call<Article>('articles.get', { id });
    const withStatus = async (status: string): Promise<number[]> => {
      const out: number[] = [];
      for (const id of articles) if ((await articleOf(id)).status === status) out.push(id);
      return out;
    };

    for (let step = 1; step <= options.operations; step++) {
      const operation = nextOperation();
      now += 1_000;
      if (operation === 'publish') {
        let article = await station.call<Article>('articles.create', {
          title: `Tin số ${articles.length + 1} của xã`,
          lead: 'Tóm tắt tin.',
          bodyJson: BODY,
          categoryId: pick(categories)?.id ?? null,
        });
        for (const action of ['submit', 'approve', 'publish']) article = await station.transition(article, action);
        articles.push(article.id);
      } else if (operation === 'update') {
        const id = pick(await withStatus('published'));
        if (id === undefined) continue;
        const article = await articleOf(id);
        const category = pick(categories.filter((c) => c.id !== article.categoryId)) ?? categories[0];
        await station.call('articles.update', {
          id,
          baseVersion: article.version,
          changes: { categoryId: category?.id ?? null },
        });
        await station.transition(article, 'update');
      } else if (operation === 'unpublish') {
        const id = pick(await withStatus('published'));
        if (id === undefined) continue;
        await station.transition(await articleOf(id), 'unpublish');
      } else if (operation === 'republish') {
        const id = pick(await withStatus('unpublished'));
        if (id === undefined) continue;
        let article = await articleOf(id);
        for (const action of ['reopen', 'submit', 'approve', 'publish'])
          article = await station.transition(article, action);
      } else if (operation === 'retry') {
        const job = pick((await station.jobs()).filter((j) => j.state === 'failed' || j.state === 'cancelled'));
        if (job === undefined) continue;
        await station.attempt('publish.retry', { id: job.id });
      } else if (operation === 'cancel') {
        const job = pick((await station.jobs()).filter((j) => j.state !== 'succeeded' && j.state !== 'failed'));
        if (job === undefined) continue;
        await station.attempt('publish.cancel', { id: job.id });
      } else if (operation === 'run') {
        await station.core.queue?.runDue();
        // Past some backoffs, not all.
        now += Math.floor(random() * RETRY.capMs);
      } else {
        // Jobs in flight: a kill loses their answers, a restart stops them as the app does when closed.
        const seen = portal.requests.length;
        const running = station.core.queue?.runDue() ?? Promise.resolve(0);
        await portal.waitForRequests(seen + 1, 500).catch(() => undefined);
        if (operation === 'kill') {
          const copy = folder();
          copyDataFolder(station.dataDir, copy);
          await station.core.shutdown();
          await running.catch(() => 0);
          station = await Workstation.open(copy, clock, random);
        } else {
          await station.core.shutdown();
          await running.catch(() => 0);
          station = await Workstation.open(station.dataDir, clock, random);
        }
      }
      counts[operation] += 1;
    }

    // The portal behaves again; the editor asks again for what was cancelled or failed (the channel refuses what
    // is no longer wanted: an older version, a take-down of what was republished); the queue runs to rest.
    portal.behave(null);
    for (const job of await station.jobs())
      if (job.state === 'failed' || job.state === 'cancelled') await station.attempt('publish.retry', { id: job.id });
    for (let round = 0; round < 60; round++) {
      await station.core.queue?.runDue();
      const open = (await station.jobs()).filter((j) =>
        ['pending', 'running', 'retrying', 'uncertain'].includes(j.state),
      );
      if (open.length === 0) break;
      now += RETRY.capMs + 1;
    }

    const problems: string[] = [];
    for (const job of await station.jobs()) {
      if (['pending', 'running', 'retrying', 'uncertain'].includes(job.state))
        problems.push(`job #${job.id} (${job.kind}, article ${job.articleId}) still ${job.state}`);
    }
    const allJobs = await station.jobs();
    /** An article's jobs, oldest first, to read what happened to it. */
    const history = (id: number): string =>
      allJobs
        .filter((j) => j.articleId === id)
        .reverse()
        .map((j) => `${j.kind}#${j.id}:${j.state}${j.lastError ? `(${j.lastError.code})` : ''}`)
        .join(' ');
    let published = 0;
    for (const id of articles) {
      const article = await articleOf(id);
      const copies = [...portal.articles.values()].filter((item) => item.article.id === id);
      if (article.status === 'published') {
        published += 1;
        if (copies.length !== 1)
          problems.push(`article ${id} is published and the portal holds ${copies.length} copies: ${history(id)}`);
        else if (copies[0]?.article.category !== article.categoryName)
          problems.push(
            `article ${id}: the portal shows category ${copies[0]?.article.category}, the last approved version ${article.categoryName}: ${history(id)}`,
          );
      } else if (copies.length > 0) {
        problems.push(
          `article ${id} is ${article.status} and the portal holds ${copies.length} copies: ${history(id)}`,
        );
      }
    }
    const unknown = [...portal.articles.values()].filter((item) => !articles.includes(item.article.id));
    if (unknown.length > 0) problems.push(`the portal holds ${unknown.length} items of no article`);
    return {
      seed: options.seed,
      operations: options.operations,
      counts,
      articles: articles.length,
      published,
      portalRequests: portal.requests.length,
      problems,
    };
  } finally {
    await station.core.shutdown();
    await portal.close();
  }
}
