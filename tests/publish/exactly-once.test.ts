import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import type { PublishJob } from '../../shared/contract/publishing';
import { cleanupAll, fails, ok, openCore, tempDataDir } from '../helpers';
import { startFlakyPortal, type FlakyPortal } from '../support/flaky-portal';
import { fakeClock, jobsOf, published, republished, settle, unpublished, type FakeClock } from '../support/publishing';

/**
 * Exactly once on the portal when answers are lost (issue 14): a job whose request may have reached the portal is
 * 'uncertain', and what follows it (a newer version, an unpublish) asks the portal what it holds before acting.
 */

const portals: FlakyPortal[] = [];
afterEach(async () => {
  for (const portal of portals.splice(0)) await portal.close();
  await cleanupAll();
});

async function queueOnPortal(dataDir = tempDataDir(), clock = fakeClock()) {
  const core = openCore(dataDir, undefined, { clock: clock.now, random: () => 0.5 });
  const server = await startFlakyPortal();
  portals.push(server);
  await ok(core, 'targets.create', {
    kind: 'http-json',
    name: 'Cổng tỉnh',
    config: { endpoint: server.endpoint, timeoutMs: 1000 },
  });
  return { clock, core, server };
}

/** The portal's items of an app article. */
const copiesOf = (server: FlakyPortal, articleId: number) =>
  [...server.articles.values()].filter((item) => item.article.id === articleId);

async function runOnce(core: Core): Promise<void> {
  await core.queue?.runDue();
}

async function settled(core: Core, clock: FakeClock): Promise<void> {
  await settle(core, clock);
}

describe('an answer lost after the portal did the work', () => {
  it('leaves the job uncertain, and a newer version updates the one copy instead of creating a second', async () => {
    const { clock, core, server } = await queueOnPortal();
    const news = await ok(core, 'categories.create', { name: 'Thời sự' });
    const economy = await ok(core, 'categories.create', { name: 'Kinh tế' });
    const article = await published(core, 'Tin mất câu trả lời', { categoryId: news.id });
    server.plan('lostAnswer');
    await runOnce(core);
    expect(copiesOf(server, article.id)).toHaveLength(1);
    const [first] = await jobsOf(core, article.id);
    expect(first?.state).toBe('uncertain');
    expect(first?.lastError?.message).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệ]/);

    // The editor moves it to another category and republishes (Cập nhật) while the first answer is unknown.
    await republished(core, article, { categoryId: economy.id });
    await settled(core, clock);

    const copies = copiesOf(server, article.id);
    expect(copies).toHaveLength(1);
    expect(copies[0]?.article.category).toBe('Kinh tế');
    expect(server.effects.filter((e) => e.kind === 'created')).toHaveLength(1);
    const states = (await jobsOf(core, article.id)).map((j) => [j.kind, j.state]);
    expect(states[0]).toEqual(['update', 'succeeded']);
    // The uncertain job was settled by asking the portal, never left for ever in doubt.
    expect(states.every(([, state]) => state === 'succeeded' || state === 'cancelled')).toBe(true);
  });

  it('takes the article down when it is unpublished while the publication is uncertain', async () => {
    const { clock, core, server } = await queueOnPortal();
    const article = await published(core, 'Tin gỡ khi chưa rõ');
    server.plan('lostAnswer');
    await runOnce(core);
    expect(copiesOf(server, article.id)).toHaveLength(1);

    await unpublished(core, article);
    await settled(core, clock);

    expect(copiesOf(server, article.id)).toHaveLength(0);
    const jobs = await jobsOf(core, article.id);
    expect(jobs[0]).toMatchObject({ kind: 'unpublish', state: 'succeeded' });
  });

  it('takes the article down when the unpublish comes while the publication is in flight', async () => {
    const { clock, core, server } = await queueOnPortal();
    const article = await published(core, 'Tin gỡ khi đang gửi');
    server.plan({ slow: 300 });
    const running = runOnce(core);
    await server.waitForRequests(1);
    await unpublished(core, article);
    await running;
    await settled(core, clock);
    expect(copiesOf(server, article.id)).toHaveLength(0);
    expect((await jobsOf(core, article.id)).map((j) => [j.kind, j.state])).toEqual([
      ['unpublish', 'succeeded'],
      ['publish', 'succeeded'],
    ]);
  });
});

describe('an answer that is not what a write must get', () => {
  it('does not count a 200 HTML page to DELETE as taken down: it is retried until the portal removes it', async () => {
    const { clock, core, server } = await queueOnPortal();
    const article = await published(core, 'Tin gỡ gặp trang đăng nhập');
    await settled(core, clock);
    server.plan('html');
    await unpublished(core, article);
    await runOnce(core);
    const [unpublish] = await jobsOf(core, article.id);
    expect(unpublish?.kind).toBe('unpublish');
    expect(unpublish?.state).not.toBe('succeeded');
    expect(unpublish?.lastError?.code).toBe('TARGET_NOT_JSON');
    expect(copiesOf(server, article.id)).toHaveLength(1);

    await settled(core, clock);
    expect(copiesOf(server, article.id)).toHaveLength(0);
    expect((await jobsOf(core, article.id))[0]?.state).toBe('succeeded');
  });
});

describe('bad answers from the portal', () => {
  const writesThatMayHaveHappened = [
    ['emptyOk', '200 with an empty body'],
    ['noId', '201 without an id'],
    ['loginRedirect', 'a redirect to a login page'],
  ] as const;
  for (const [behaviour, what] of writesThatMayHaveHappened) {
    it(`is not a publication: ${what}; the job is uncertain, says why in both languages, and ends with one copy`, async () => {
      const { clock, core, server } = await queueOnPortal();
      const article = await published(core, `Tin gặp câu trả lời lạ (${behaviour})`);
      server.plan(behaviour);
      await runOnce(core);
      const [job] = await jobsOf(core, article.id);
      expect(job?.state).toBe('uncertain');
      expect(job?.lastError?.message).toContain('127.0.0.1');
      expect(job?.lastError?.messageEn).toContain('127.0.0.1');
      expect(job?.lastError?.message).not.toBe(job?.lastError?.messageEn);

      await settled(core, clock);
      expect(copiesOf(server, article.id)).toHaveLength(1);
      expect((await jobsOf(core, article.id))[0]?.state).toBe('succeeded');
    });
  }

  it("is not a publication: another article's id; the article gets its own copy and the other is untouched", async () => {
    const { clock, core, server } = await queueOnPortal();
    const first = await published(core, 'Tin thứ nhất');
    await settled(core, clock);
    const second = await published(core, 'Tin thứ hai');
    server.plan('wrongId');
    await runOnce(core);
    const [job] = await jobsOf(core, second.id);
    expect(job?.state).toBe('uncertain');
    expect(job?.lastError?.code).toBe('TARGET_BAD_ANSWER');
    expect(job?.lastError?.message).toContain(`bài #${first.id}`);
    expect(job?.lastError?.messageEn).toContain(`article #${first.id}`);

    await settled(core, clock);
    expect(copiesOf(server, first.id)).toHaveLength(1);
    expect(copiesOf(server, second.id)).toHaveLength(1);
    expect(copiesOf(server, first.id)[0]?.version).toBe(1);
    // What the workstation holds of each is its own copy.
    const [secondCopy] = copiesOf(server, second.id);
    expect((await jobsOf(core, second.id))[0]?.url).toBe(secondCopy?.url);
  });

  it('is not a take-down: a redirect to a login page in answer to DELETE', async () => {
    const { clock, core, server } = await queueOnPortal();
    const article = await published(core, 'Tin gỡ gặp chuyển hướng');
    await settled(core, clock);
    server.plan('loginRedirect');
    await unpublished(core, article);
    await runOnce(core);
    expect((await jobsOf(core, article.id))[0]).toMatchObject({
      kind: 'unpublish',
      state: 'uncertain',
      lastError: expect.objectContaining({ code: 'TARGET_REDIRECTED' }),
    });
    expect(copiesOf(server, article.id)).toHaveLength(1);
    await settled(core, clock);
    expect(copiesOf(server, article.id)).toHaveLength(0);
  });
});

describe('a clock that jumps back', () => {
  it('does not hold a retry or an uncertain job for as long as the clock went back', async () => {
    const { clock, core, server } = await queueOnPortal();
    const failed = await published(core, 'Tin thử lại khi đồng hồ lùi');
    const lost = await published(core, 'Tin mất trả lời khi đồng hồ lùi');
    server.plan('status500', 'lostAnswer');
    await runOnce(core);
    expect((await jobsOf(core)).map((j) => j.state).sort()).toEqual(['retrying', 'uncertain']);

    // Someone sets the machine's clock a day back; a minute later the queue runs again.
    clock.advance(-86_400_000);
    clock.advance(60_000);
    await runOnce(core);
    expect((await jobsOf(core)).map((j) => j.state)).toEqual(['succeeded', 'succeeded']);
    expect(copiesOf(server, failed.id)).toHaveLength(1);
    expect(copiesOf(server, lost.id)).toHaveLength(1);
  });
});

describe('two workstations publishing to one portal', () => {
  it('never take one for the other: the same address is refused plainly, the same local ids stay apart', async () => {
    const clock = fakeClock();
    const server = await startFlakyPortal();
    portals.push(server);
    const stations: Core[] = [];
    for (const dir of [tempDataDir(), tempDataDir()]) {
      const core = openCore(dir, undefined, { clock: clock.now, random: () => 0.5 });
      await ok(core, 'targets.create', {
        kind: 'http-json',
        name: 'Cổng tỉnh',
        config: { endpoint: server.endpoint, timeoutMs: 1000 },
      });
      stations.push(core);
    }
    const [a, b] = stations as [Core, Core];
    // The same article typed on both: the same title, so the same address, and the same local id (1) on each.
    const onA = await published(a, 'Lễ khai mạc hội chợ xuân');
    await settled(a, clock);
    const onB = await published(b, 'Lễ khai mạc hội chợ xuân');
    expect(onB.id).toBe(onA.id);
    await settled(b, clock);

    const [refused] = await jobsOf(b, onB.id);
    expect(refused).toMatchObject({ state: 'failed', lastError: expect.objectContaining({ code: 'TARGET_CONFLICT' }) });
    expect(refused?.lastError?.message).toMatch(/máy trạm khác/);
    expect(refused?.lastError?.messageEn).toMatch(/another workstation/);
    expect(server.articles.size).toBe(1);

    // B's other article has A's next local id; it is B's own copy, and B's unpublish of the refused one takes nothing down.
    const second = await published(b, 'Thông báo lịch tiếp công dân');
    await settled(b, clock);
    await unpublished(b, onB);
    await settled(b, clock);
    expect(server.articles.size).toBe(2);
    expect([...server.articles.values()].map((item) => item.article.title).sort()).toEqual([
      'Lễ khai mạc hội chợ xuân',
      'Thông báo lịch tiếp công dân',
    ]);
    expect(copiesOf(server, second.id)).toHaveLength(1);
    expect((await jobsOf(a, onA.id))[0]?.state).toBe('succeeded');
  });
});

describe('what the editor may not do to a take-down', () => {
  it('cannot cancel an unpublish (the article would stay online though unpublished)', async () => {
    const { clock, core, server } = await queueOnPortal();
    const article = await published(core, 'Tin gỡ không hủy được');
    await settled(core, clock);
    await unpublished(core, article);
    const [unpublish] = await jobsOf(core, article.id);
    const refusal = await fails(core, 'publish.cancel', { id: (unpublish as PublishJob).id });
    expect(refusal.code).toBe('INVALID_TRANSITION');
    expect(refusal.message).toMatch(/đăng lại bài/);
    expect(refusal.messageEn).toMatch(/publish the article again/);
    await settled(core, clock);
    expect(copiesOf(server, article.id)).toHaveLength(0);
  });
});
