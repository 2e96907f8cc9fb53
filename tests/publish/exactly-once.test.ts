import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { cleanupAll, ok, openCore, tempDataDir } from '../helpers';
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
