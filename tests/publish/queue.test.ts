import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../../shared/contract/articles';
import type { PublishJob } from '../../shared/contract/publishing';
import type { Core } from '../../electron/core/core';
import { RETRY, retryDelay } from '../../electron/core/publish/queue';
import * as targets from '../../electron/core/publish/targets';
import { cleanupAll, fails, ok, openCore, tempDataDir } from '../helpers';
import { startFlakyPortal, type FlakyPortal } from '../support/flaky-portal';
import { approved, fakeClock, jobsOf, published, republished, settle } from '../support/publishing';

afterEach(cleanupAll);
afterEach(() => {
  vi.restoreAllMocks();
});

const portals: FlakyPortal[] = [];
afterEach(async () => {
  for (const portal of portals.splice(0)) await portal.close();
});

async function portal(): Promise<FlakyPortal> {
  const p = await startFlakyPortal({ slowMs: 300 });
  portals.push(p);
  return p;
}

async function httpTarget(core: Core, endpoint: string, extra: { secret?: string } = {}) {
  return ok(core, 'targets.create', {
    kind: 'http-json',
    name: 'Cổng tỉnh',
    config: { endpoint, timeoutMs: 1000 },
    ...extra,
  });
}

/** A core on a fake clock (jitter fixed at its middle) with one HTTP target on a fresh flaky portal. */
async function queueOnPortal(): Promise<{ clock: ReturnType<typeof fakeClock>; core: Core; server: FlakyPortal }> {
  const clock = fakeClock();
  const core = openCore(tempDataDir(), undefined, { clock: clock.now, random: () => 0.5 });
  const server = await portal();
  await httpTarget(core, server.endpoint);
  return { clock, core, server };
}

describe('the publishing queue against a server that fails on purpose', () => {
  it('ends every job succeeded, each article published once, through 500s, resets, hangs, slow and HTML answers and lost answers', async () => {
    const { clock, core, server } = await queueOnPortal();
    const articles: Article[] = [];
    for (let i = 1; i <= 10; i++) articles.push(await published(core, `Tin số ${i}`));
    // Failures first, in the order requests arrive; then everything is answered.
    server.plan(
      'status500',
      'reset',
      'hang',
      'html',
      'lostAnswer',
      'status503',
      'slow',
      'reset',
      { status: 429 },
      'lostAnswer',
      'status500',
    );

    await settle(core, clock);

    const jobs = await jobsOf(core);
    expect(jobs).toHaveLength(10);
    expect(jobs.map((j) => j.state)).toEqual(Array(10).fill('succeeded'));
    // Exactly one creation per article: the repeats after lost answers carried the same key.
    const created = server.effects.filter((e) => e.kind === 'created');
    expect(created.map((e) => e.articleId).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(articles.map((a) => a.id));
    expect(server.articles.size).toBe(10);
    expect(server.requests.length).toBeGreaterThan(10);
    for (const job of jobs) expect(job.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const retried = jobs.filter((j) => j.attempts > 1);
    expect(retried.length).toBeGreaterThan(0);
  }, 60_000);

  it('waits while the server is unreachable without using up attempts, and publishes when it comes back', async () => {
    const { clock, core, server } = await queueOnPortal();
    await server.goOffline();
    for (let i = 1; i <= 3; i++) await published(core, `Tin khi mất mạng ${i}`);

    for (let round = 0; round < 5; round++) {
      await core.queue?.runDue();
      clock.advance(RETRY.offlineMs + 1);
    }
    let jobs = await jobsOf(core);
    expect(jobs.map((j) => j.state)).toEqual(['retrying', 'retrying', 'retrying']);
    expect(jobs.map((j) => j.attempts)).toEqual([0, 0, 0]);
    expect(jobs.some((j) => j.lastError?.code === 'TARGET_OFFLINE')).toBe(true);
    expect(jobs.find((j) => j.lastError)?.lastError?.message).toMatch(/kết nối/);

    await server.comeBack();
    clock.advance(RETRY.offlineMs + 1);
    await core.queue?.runDue();
    jobs = await jobsOf(core);
    expect(jobs.map((j) => j.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(server.effects.filter((e) => e.kind === 'created')).toHaveLength(3);
  }, 30_000);

  it('fails a job for good after the last attempt, with its reason, and a retry runs it again', async () => {
    const { clock, core, server } = await queueOnPortal();
    server.behave(() => 'status500');
    const article = await published(core, 'Tin gặp lỗi máy chủ');

    const waits: number[] = [];
    for (let i = 0; i < RETRY.maxAttempts; i++) {
      await core.queue?.runDue();
      const [job] = await jobsOf(core);
      if (job?.state === 'retrying') {
        waits.push(Date.parse(job.runAt) - clock.now().getTime());
        clock.advance(Date.parse(job.runAt) - clock.now().getTime());
      }
    }
    const [failed] = await jobsOf(core);
    expect(failed?.state).toBe('failed');
    expect(failed?.attempts).toBe(RETRY.maxAttempts);
    expect(failed?.lastError?.code).toBe('TARGET_SERVER_ERROR');
    expect(failed?.lastError?.message).toMatch(/500/);
    // Exponential with the jitter fixed at its middle, capped.
    expect(waits).toEqual(Array.from({ length: RETRY.maxAttempts - 1 }, (_, i) => retryDelay(i + 1, () => 0.5)));
    expect(waits.at(-1)).toBeLessThanOrEqual(RETRY.capMs);
    expect(server.effects).toHaveLength(0);

    server.behave(null);
    await ok(core, 'publish.retry', { id: (failed as PublishJob).id });
    await core.queue?.runDue();
    const [again] = await jobsOf(core, article.id);
    expect(again?.state).toBe('succeeded');
    expect(server.effects.filter((e) => e.kind === 'created')).toHaveLength(1);
  }, 30_000);

  it('fails at once on refused credentials and says so in plain words', async () => {
    const clock = fakeClock();
    const core = openCore(tempDataDir(), undefined, { clock: clock.now });
    const server = await startFlakyPortal({ token: 'dung-roi' });
    portals.push(server);
    const target = await httpTarget(core, server.endpoint, { secret: 'sai-roi' });
    expect(target.hasSecret).toBe(true);
    expect(JSON.stringify(await ok(core, 'targets.list', {}))).not.toContain('sai-roi');
    await published(core, 'Tin bị từ chối');
    await core.queue?.runDue();
    const [job] = await jobsOf(core);
    expect(job?.state).toBe('failed');
    expect(job?.attempts).toBe(1);
    expect(job?.lastError?.code).toBe('TARGET_AUTH');

    await ok(core, 'targets.update', { id: target.id, secret: 'dung-roi' });
    await ok(core, 'publish.retry', { id: (job as PublishJob).id });
    await core.queue?.runDue();
    expect((await jobsOf(core))[0]?.state).toBe('succeeded');
  });
});

describe('what a status change queues', () => {
  it('cancels a publication still waiting when the article is unpublished, and sends nothing', async () => {
    const { core, server } = await queueOnPortal();
    const article = await published(core, 'Tin gỡ ngay');
    await ok(core, 'articles.transition', { id: article.id, baseVersion: article.version, action: 'unpublish' });
    await core.queue?.runDue();
    const jobs = await jobsOf(core, article.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.state).toBe('cancelled');
    expect(jobs[0]?.notice?.message).toMatch(/gỡ xuống trước/);
    expect(server.requests).toHaveLength(0);
    // It cannot be brought back by a retry: the article is no longer published.
    expect((await fails(core, 'publish.retry', { id: (jobs[0] as PublishJob).id })).code).toBe('INVALID_TRANSITION');
  });

  it('updates the same item after an edit and removes it on unpublish', async () => {
    const { core, server } = await queueOnPortal();
    let article = await published(core, 'Tin sẽ sửa');
    await core.queue?.runDue();
    article = await republished(core, article, { title: 'Tin đã sửa' });
    await core.queue?.runDue();
    const [item] = [...server.articles.values()];
    expect(item?.article.title).toBe('Tin đã sửa');
    expect(server.articles.size).toBe(1);
    await ok(core, 'articles.transition', { id: article.id, baseVersion: article.version, action: 'unpublish' });
    await core.queue?.runDue();
    expect(server.articles.size).toBe(0);
    expect(server.effects.map((e) => e.kind)).toEqual(['created', 'updated', 'deleted']);
    expect((await jobsOf(core, article.id)).map((j) => [j.kind, j.state])).toEqual([
      ['unpublish', 'succeeded'],
      ['update', 'succeeded'],
      ['publish', 'succeeded'],
    ]);
  });

  it("keeps a job's article without the HTML of its editor document, and sends the HTML rendered from that document", async () => {
    const { core, server } = await queueOnPortal();
    const bodyJson = JSON.stringify({
      root: {
        type: 'root',
        children: [
          {
            type: 'paragraph',
            children: [{ type: 'text', text: 'Nội dung từ tài liệu soạn thảo', format: 1, style: '' }],
          },
        ],
      },
    });
    let article = await ok(core, 'articles.create', { title: 'Tin có thân bài', bodyJson });
    expect(article.bodyHtml).toContain('Nội dung từ tài liệu soạn thảo');
    for (const action of ['submit', 'approve', 'publish'] as const)
      article = await ok(core, 'articles.transition', { id: article.id, baseVersion: article.version, action });
    const db = new Database(core.databasePath as string, { readonly: true });
    const stored = JSON.parse(
      db.prepare('SELECT snapshot FROM publish_jobs WHERE article_id = ?').pluck().get(article.id) as string,
    ) as Article;
    db.close();
    expect(stored.bodyHtml).toBe('');
    expect(stored.bodyJson).toBe(bodyJson);
    await core.queue?.runDue();
    const [item] = [...server.articles.values()];
    expect(item?.article.html).toBe('<p><strong>Nội dung từ tài liệu soạn thảo</strong></p>');
  });

  it('cancels only a waiting job; a finished one cannot be cancelled', async () => {
    const { core, server } = await queueOnPortal();
    const article = await published(core, 'Tin sẽ hủy');
    const [waiting] = await jobsOf(core, article.id);
    const cancelled = await ok(core, 'publish.cancel', { id: (waiting as PublishJob).id });
    expect(cancelled.state).toBe('cancelled');
    await core.queue?.runDue();
    expect(server.requests).toHaveLength(0);
    expect((await fails(core, 'publish.cancel', { id: cancelled.id })).code).toBe('INVALID_TRANSITION');
  });
});

describe('scheduling, with a fake clock', () => {
  it('publishes a scheduled article at its time, not before', async () => {
    const { clock, core, server } = await queueOnPortal();
    const a = await approved(core, 'Tin hẹn giờ');
    const at = new Date(clock.now().getTime() + 3_600_000).toISOString();
    await ok(core, 'articles.transition', { id: a.id, baseVersion: a.version, action: 'schedule', scheduledAt: at });

    clock.advance(3_599_000);
    await core.queue?.runDue();
    expect(server.requests).toHaveLength(0);
    expect((await ok(core, 'articles.get', { id: a.id })).status).toBe('scheduled');

    clock.advance(1_000);
    await core.queue?.runDue();
    expect((await ok(core, 'articles.get', { id: a.id })).status).toBe('published');
    const [job] = await jobsOf(core, a.id);
    expect(job).toMatchObject({ state: 'succeeded', scheduledFor: at, notice: null });
    expect(server.articles.size).toBe(1);
  });

  it('hands the time over at once to a target that schedules on its server', async () => {
    const clock = fakeClock();
    const core = openCore(tempDataDir(), undefined, { clock: clock.now });
    const server = await portal();
    await ok(core, 'targets.create', {
      kind: 'http-json',
      name: 'Cổng tự hẹn giờ',
      config: { endpoint: server.endpoint, serverSchedule: true },
    });
    const a = await approved(core, 'Tin máy chủ hẹn giờ');
    const at = new Date(clock.now().getTime() + 3_600_000).toISOString();
    await ok(core, 'articles.transition', { id: a.id, baseVersion: a.version, action: 'schedule', scheduledAt: at });
    await core.queue?.runDue();
    const [item] = [...server.articles.values()];
    expect(item?.article.scheduledFor).toBe(at);
    expect((await ok(core, 'articles.get', { id: a.id })).status).toBe('scheduled');
    expect((await jobsOf(core, a.id))[0]?.state).toBe('succeeded');
  });

  it('publishes at the next start when the app was closed at the time, and says so', async () => {
    const dir = tempDataDir();
    const clock = fakeClock();
    const first = openCore(dir, undefined, { clock: clock.now });
    const server = await portal();
    await httpTarget(first, server.endpoint);
    const a = await approved(first, 'Tin hẹn giờ khi máy tắt');
    const at = new Date(clock.now().getTime() + 3_600_000).toISOString();
    await ok(first, 'articles.transition', { id: a.id, baseVersion: a.version, action: 'schedule', scheduledAt: at });
    await first.shutdown();

    clock.advance(3 * 3_600_000);
    const second = openCore(dir, undefined, { clock: clock.now });
    await second.queue?.runDue();
    expect((await ok(second, 'articles.get', { id: a.id })).status).toBe('published');
    const [job] = await jobsOf(second, a.id);
    expect(job?.state).toBe('succeeded');
    expect(job?.notice?.message).toMatch(/ứng dụng đang đóng/);
    expect(job?.notice?.messageEn).toMatch(/the app was closed/);
    const audit = await ok(second, 'audit.list', { action: 'article.transition' });
    expect(JSON.parse(audit.items[0]?.details ?? '{}')).toMatchObject({ automatic: true, late: true, to: 'published' });
  });
});

describe('after a crash', () => {
  it('resumes a job that was running, and the target does not get it twice', async () => {
    const dir = tempDataDir();
    const clock = fakeClock();
    const first = openCore(dir, undefined, { clock: clock.now });
    const server = await portal();
    await httpTarget(first, server.endpoint);
    const article = await published(first, 'Tin lúc mất điện');
    // The server does the work but the answer never arrives; then the app dies with the job marked running.
    server.plan('lostAnswer');
    await first.queue?.runDue();
    await first.shutdown();
    const db = new Database(first.databasePath as string);
    db.prepare("UPDATE publish_jobs SET state = 'running'").run();
    db.close();

    const second = openCore(dir, undefined, { clock: clock.now });
    clock.advance(RETRY.capMs);
    await second.queue?.runDue();
    const [job] = await jobsOf(second, article.id);
    expect(job?.state).toBe('succeeded');
    expect(job?.notice?.message).toMatch(/tiếp tục/);
    expect(server.effects.filter((e) => e.kind === 'created')).toHaveLength(1);
  });
});

/** A portal that answers every request after delayMs and notes what was in flight at once (in all, and per article). */
async function countingPortal(delayMs: number) {
  const seen = { maxInFlight: 0, sameArticleAtOnce: 0, order: [] as string[] };
  const inFlight = new Map<number, number>();
  let now = 0;
  let next = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as { article?: { id: number } } | null;
      const articleId = body?.article?.id ?? 0;
      now += 1;
      seen.maxInFlight = Math.max(seen.maxInFlight, now);
      inFlight.set(articleId, (inFlight.get(articleId) ?? 0) + 1);
      if ((inFlight.get(articleId) ?? 0) > 1) seen.sameArticleAtOnce += 1;
      seen.order.push(`${request.method} ${articleId}`);
      setTimeout(() => {
        now -= 1;
        inFlight.set(articleId, (inFlight.get(articleId) ?? 1) - 1);
        const id = request.method === 'POST' ? ++next : Number(request.url?.split('/').pop());
        response.writeHead(request.method === 'POST' ? 201 : 200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ id, url: `http://cong.example.vn/bai/${id}` }));
        seen.order.push(`done ${request.method} ${articleId}`);
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  portals.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  } as FlakyPortal);
  return { endpoint: `http://127.0.0.1:${port}/api`, seen };
}

/** A second connection to the core's database: what is stored (committed), seen from outside the queue. */
function observer(core: Core) {
  const db = new Database(core.databasePath as string, { readonly: true });
  const states = () =>
    Object.fromEntries(
      (
        db.prepare('SELECT state, count(*) AS n FROM publish_jobs GROUP BY state').all() as {
          state: string;
          n: number;
        }[]
      ).map((r) => [r.state, r.n]),
    ) as Record<string, number>;
  return { db, states, close: () => db.close() };
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('jobs side by side', () => {
  it('runs the jobs of an HTTP target several at once, never more than it takes, and never two of one article at once', async () => {
    const clock = fakeClock();
    const core = openCore(tempDataDir(), undefined, { clock: clock.now });
    const portal = await countingPortal(80);
    await httpTarget(core, portal.endpoint);
    const articles: Article[] = [];
    for (let i = 1; i <= 10; i++) articles.push(await published(core, `Tin song song ${i}`));

    const running = core.queue?.runDue();
    // While the first article's publication is in flight, it is edited and updated: that job must wait for it.
    await until(() => portal.seen.order.includes(`POST ${articles[0]?.id}`), 5_000);
    const first = articles[0] as Article;
    await republished(core, first, { title: 'Tin song song 1, đã sửa' });
    await running;
    await core.queue?.runDue();

    expect(portal.seen.maxInFlight).toBeGreaterThanOrEqual(2);
    expect(portal.seen.maxInFlight).toBeLessThanOrEqual(4);
    expect(portal.seen.sameArticleAtOnce).toBe(0);
    // The update went out after the publication it follows had its answer.
    const order = portal.seen.order;
    expect(order.indexOf(`PUT ${first.id}`)).toBeGreaterThan(order.indexOf(`done POST ${first.id}`));
    const jobs = await jobsOf(core);
    expect(jobs).toHaveLength(11);
    expect(jobs.every((j) => j.state === 'succeeded' && j.attempts === 1)).toBe(true);
  }, 30_000);

  it('runs the jobs of a static-site target one at a time', async () => {
    let inside = 0;
    let most = 0;
    const real = targets.createTarget;
    vi.spyOn(targets, 'createTarget').mockImplementation((kind, config, name) => {
      const target = real(kind, config, name);
      if (kind !== 'static-site') return target;
      const counted = <T>(work: () => Promise<T>): Promise<T> => {
        inside += 1;
        most = Math.max(most, inside);
        return work().finally(() => {
          inside -= 1;
        });
      };
      return { ...target, publish: (work, context) => counted(() => target.publish(work, context)) };
    });
    const core = openCore(tempDataDir());
    const target = await ok(core, 'targets.create', {
      kind: 'static-site',
      name: 'Trang tĩnh',
      config: { folder: tempDataDir('toasoan-site-') },
    });
    for (let i = 1; i <= 6; i++) await published(core, `Tin trang tĩnh ${i}`);
    expect(await core.queue?.runDue()).toBe(6);
    expect(most).toBe(1);
    const jobs = await jobsOf(core);
    expect(jobs.map((j) => [j.targetId, j.state])).toEqual(Array(6).fill([target.id, 'succeeded']));
  }, 30_000);

  it('stores how the other jobs went while one hangs', async () => {
    const clock = fakeClock();
    const core = openCore(tempDataDir(), undefined, { clock: clock.now });
    const server = await portal();
    await ok(core, 'targets.create', {
      kind: 'http-json',
      name: 'Cổng tỉnh',
      config: { endpoint: server.endpoint, timeoutMs: 30_000 },
    });
    const articles: Article[] = [];
    for (let i = 1; i <= 6; i++) articles.push(await published(core, `Tin khi một lệnh treo ${i}`));
    server.plan('hang');
    const outside = observer(core);

    const running = core.queue?.runDue();
    // Stored (committed) while the hanging request is still running, long before its 30 s timeout.
    await until(() => outside.states().succeeded === 5, 25_000);
    expect(outside.states()).toEqual({ succeeded: 5, running: 1 });
    const hung = outside.db
      .prepare("SELECT id, article_id AS articleId FROM publish_jobs WHERE state = 'running'")
      .get() as { id: number; articleId: number };
    expect(hung.articleId).toBe(articles[0]?.id);
    // Running (claimed and in flight): it cannot be cancelled, as before.
    expect(await fails(core, 'publish.cancel', { id: hung.id })).toMatchObject({
      code: 'INVALID_TRANSITION',
      messageEn: expect.stringMatching(/is running/),
    });

    await core.queue?.stop();
    await running;
    // Stopped, not failed: no attempt counted, and it goes out at the next run. Its request had reached the portal:
    // uncertain, so the next run asks the portal first.
    expect(outside.states()).toEqual({ succeeded: 5, uncertain: 1 });
    expect((await jobsOf(core, articles[0]?.id))[0]).toMatchObject({ state: 'uncertain', attempts: 0 });
    await core.queue?.runDue();
    expect(outside.states()).toEqual({ succeeded: 6 });
    outside.close();
    expect(server.effects.filter((e) => e.kind === 'created')).toHaveLength(6);
  }, 30_000);

  it('gives every claimed job back on stop, started or not, with no attempt counted', async () => {
    const clock = fakeClock();
    const dir = tempDataDir();
    const core = openCore(dir, undefined, { clock: clock.now });
    const server = await portal();
    await ok(core, 'targets.create', {
      kind: 'http-json',
      name: 'Cổng tỉnh',
      config: { endpoint: server.endpoint, timeoutMs: 30_000 },
    });
    for (let i = 1; i <= 40; i++) await published(core, `Tin trước khi đóng ứng dụng ${i}`);
    // Quick answers first (the queue claims ahead of what it starts), then answers that take long.
    server.behave((request) => (request.seq <= 12 ? 'ok' : { slow: 20_000 }));
    const outside = observer(core);

    const running = core.queue?.runDue();
    await server.waitForRequests(16, 5_000);
    // More claimed than in flight: some are claimed and waiting for a place.
    await until(() => (outside.states().running ?? 0) > 4, 5_000);
    await core.queue?.stop();
    await running;

    const rows = outside.db
      .prepare('SELECT state, attempts, started_at AS startedAt FROM publish_jobs ORDER BY id')
      .all() as { state: string; attempts: number; startedAt: string | null }[];
    expect(rows.filter((r) => r.state === 'running')).toEqual([]);
    expect(rows.filter((r) => r.state === 'succeeded')).toHaveLength(12);
    for (const row of rows.filter((r) => r.state !== 'succeeded')) {
      expect(['pending', 'uncertain']).toContain(row.state);
      expect(row.attempts).toBe(0);
    }
    // The four stopped mid-request may have reached the portal.
    expect(rows.filter((r) => r.state === 'uncertain')).toHaveLength(4);
    // Those that never started are as they were before their claim.
    expect(rows.filter((r) => r.state === 'pending').every((r) => r.startedAt === null)).toBe(true);
    expect(rows.filter((r) => r.state === 'pending').length).toBeGreaterThan(0);

    server.behave(null);
    await core.queue?.runDue();
    expect(outside.states()).toEqual({ succeeded: 40 });
    outside.close();
    // The four stopped mid-request had reached the portal: their repeats were recognised, nothing was created twice.
    const created = server.effects.filter((e) => e.kind === 'created').map((e) => e.articleId);
    expect(new Set(created).size).toBe(40);
    expect(created).toHaveLength(40);
  }, 30_000);
});
