import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../shared/contract/articles';
import type { PublishJob } from '../../shared/contract/publishing';
import { BODY_JSON, callApi, cleanupAll, tempDataDir, TEST_ADMIN } from '../helpers';
import { startFlakyPortal, type FlakyPortal } from '../support/flaky-portal';
import { buildHost, killHard, startHost } from '../support/host-process';

const TOKEN = 'queue-crash-test-token';
let portal: FlakyPortal | null = null;

beforeAll(buildHost, 60_000);
afterEach(async () => {
  await portal?.close();
  portal = null;
  await cleanupAll();
});

async function call<T>(port: number, channel: string, payload: unknown, session: string | null): Promise<T> {
  const { result } = await callApi(port, TOKEN, channel, payload, session);
  if (!result.ok) throw new Error(`${channel}: ${result.error.messageEn}`);
  return result.value as T;
}

async function jobs(port: number, session: string): Promise<PublishJob[]> {
  return (await call<{ jobs: PublishJob[] }>(port, 'publish.jobs', { limit: 500 }, session)).jobs;
}

describe('the publishing queue survives kill -9', () => {
  it('publishes every article exactly once across two hard kills with several publications in flight', async () => {
    const dataDir = tempDataDir();
    const staticDir = tempDataDir('toasoan-static-');
    // Every request is carried out at once but answered late: a kill while waiting loses the answer, not the work.
    portal = await startFlakyPortal({ slowMs: 700 });
    portal.behave(() => 'slow');

    let host = await startHost(dataDir, staticDir, TOKEN);
    const { sessionToken } = await call<{ sessionToken: string }>(host.port, 'auth.setupFirstAdmin', TEST_ADMIN, null);
    await call(
      host.port,
      'targets.create',
      { kind: 'http-json', name: 'Cổng tỉnh', config: { endpoint: portal.endpoint, timeoutMs: 5000 } },
      sessionToken,
    );
    const articles: Article[] = [];
    for (let i = 1; i <= 6; i++) {
      let a = await call<Article>(
        host.port,
        'articles.create',
        { title: `Tin lúc mất điện ${i}`, bodyJson: BODY_JSON },
        sessionToken,
      );
      for (const action of ['submit', 'approve', 'publish'])
        a = await call<Article>(
          host.port,
          'articles.transition',
          { id: a.id, baseVersion: a.version, action },
          sessionToken,
        );
      articles.push(a);
    }

    // The target takes several at once: the kills come with more than one request in flight, each unanswered.
    const unanswered = (from = 0) => portal?.requests.slice(from).filter((r) => r.status === null).length ?? 0;
    await portal.waitForRequests(3, 20_000);
    expect(unanswered()).toBeGreaterThanOrEqual(2);
    await killHard(host.child);
    const before = portal.requests.length;
    host = await startHost(dataDir, staticDir, TOKEN);
    await portal.waitForRequests(before + 2, 20_000);
    expect(unanswered(before)).toBeGreaterThanOrEqual(2);
    await killHard(host.child);

    // Third start: answered at once from now on; everything still waiting goes out.
    portal.behave(null);
    host = await startHost(dataDir, staticDir, TOKEN);
    const deadline = Date.now() + 30_000;
    let all = await jobs(host.port, sessionToken);
    while (all.some((j) => j.state !== 'succeeded' && j.state !== 'failed') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      all = await jobs(host.port, sessionToken);
    }
    await killHard(host.child);

    expect(all).toHaveLength(6);
    expect(all.map((j) => j.state)).toEqual(Array(6).fill('succeeded'));
    const created = portal.effects.filter((e) => e.kind === 'created').map((e) => e.articleId);
    expect(created.sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(articles.map((a) => a.id));
    expect(portal.effects.filter((e) => e.kind !== 'created')).toEqual([]);
    expect(portal.articles.size).toBe(6);
    // At least one job was caught running by a kill and resumed.
    expect(all.some((j) => j.notice?.messageEn.includes('resumed'))).toBe(true);
  }, 120_000);
});
