import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../../shared/contract/articles';
import type { PublishJob } from '../../shared/contract/publishing';
import type { Core } from '../../electron/core/core';
import { RETRY, retryDelay } from '../../electron/core/publish/queue';
import { cleanupAll, fails, ok, openCore, tempDataDir } from '../helpers';
import { startFlakyPortal, type FlakyPortal } from '../support/flaky-portal';

afterEach(cleanupAll);

const portals: FlakyPortal[] = [];
afterEach(async () => {
  for (const portal of portals.splice(0)) await portal.close();
});

/** A clock the test moves by hand: backoff and schedules are reached without sleeping. */
function fakeClock(start = '2026-12-01T02:00:00.000Z') {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

async function portal(): Promise<FlakyPortal> {
  const p = await startFlakyPortal({ slowMs: 300 });
  portals.push(p);
  return p;
}

async function httpTarget(core: Core, endpoint: string, extra: { secret?: string } = {}) {
  return ok(core, 'targets.create', { kind: 'http-json', name: 'Cổng tỉnh', config: { endpoint, timeoutMs: 1000 }, ...extra });
}

/** A core on a fake clock (jitter fixed at its middle) with one HTTP target on a fresh flaky portal. */
async function queueOnPortal(): Promise<{ clock: ReturnType<typeof fakeClock>; core: Core; server: FlakyPortal }> {
  const clock = fakeClock();
  const core = openCore(tempDataDir(), undefined, { clock: clock.now, random: () => 0.5 });
  const server = await portal();
  await httpTarget(core, server.endpoint);
  return { clock, core, server };
}

async function approved(core: Core, title: string): Promise<Article> {
  let a = await ok(core, 'articles.create', { title, lead: `Tóm tắt ${title}` });
  for (const action of ['submit', 'approve'] as const) a = await ok(core, 'articles.transition', { id: a.id, baseVersion: a.version, action });
  return a;
}

async function published(core: Core, title: string): Promise<Article> {
  const a = await approved(core, title);
  return ok(core, 'articles.transition', { id: a.id, baseVersion: a.version, action: 'publish' });
}

async function jobsOf(core: Core, articleId?: number): Promise<PublishJob[]> {
  return (await ok(core, 'publish.jobs', articleId === undefined ? {} : { articleId })).jobs;
}

/** Runs the queue, moving the clock past every backoff, until no job is waiting (or the rounds run out). */
async function settle(core: Core, clock: ReturnType<typeof fakeClock>, rounds = 40): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await core.queue?.runDue();
    const { counts } = await ok(core, 'publish.jobs', {});
    if (counts.pending + counts.retrying + counts.running === 0) return;
    clock.advance(RETRY.capMs + 1);
  }
}

describe('the publishing queue against a server that fails on purpose', () => {
  it('ends every job succeeded, each article published once, through 500s, resets, hangs, slow and HTML answers and lost answers', async () => {
    const { clock, core, server } = await queueOnPortal();
    const articles: Article[] = [];
    for (let i = 1; i <= 10; i++) articles.push(await published(core, `Tin số ${i}`));
    // Failures first, in the order requests arrive; then everything is answered.
    server.plan('status500', 'reset', 'hang', 'html', 'lostAnswer', 'status503', 'slow', 'reset', { status: 429 }, 'lostAnswer', 'status500');

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
    const { clock, core, server } = await queueOnPortal();
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
    const { clock, core, server } = await queueOnPortal();
    let article = await published(core, 'Tin sẽ sửa');
    await core.queue?.runDue();
    article = await ok(core, 'articles.update', { id: article.id, baseVersion: article.version, changes: { title: 'Tin đã sửa' } });
    article = await ok(core, 'articles.transition', { id: article.id, baseVersion: article.version, action: 'update' });
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

  it('cancels only a waiting job; a finished one cannot be cancelled', async () => {
    const { clock, core, server } = await queueOnPortal();
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
    await ok(core, 'targets.create', { kind: 'http-json', name: 'Cổng tự hẹn giờ', config: { endpoint: server.endpoint, serverSchedule: true } });
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
