import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../shared/contract/articles';
import type { TargetConfig } from '../../shared/contract/publishing';
import { openDatabase, type Db } from '../../electron/core/db/database';
import {
  PublishFailure,
  type PublishWork,
  type RemoteRecord,
  type TargetContext,
  type UnpublishWork,
} from '../../electron/core/publish/target';
import { httpJsonTarget } from '../../electron/core/publish/targets/http-json';
import { workstationId } from '../../electron/core/store/publishing';
import { cleanupAll, ok, openCore, tempDataDir } from '../helpers';
import {
  startFlakyPortal,
  type FlakyPortal,
  type FlakyPortalOptions,
  type PortalBehaviour,
} from '../support/flaky-portal';
import { expectExplained as expectExplainedBoth, failureOf } from '../support/publish-failures';

let article: Article;
let db: Db;
let dataDir: string;
const portals: FlakyPortal[] = [];

beforeAll(async () => {
  const core = openCore(tempDataDir());
  const category = await ok(core, 'categories.create', { name: 'Thời sự' });
  article = await ok(core, 'articles.create', {
    title: 'Khánh thành cầu Rạch Miễu 2',
    lead: 'Cây cầu nối Tiền Giang và Bến Tre.',
    author: 'Nguyễn Văn An',
    department: 'Phòng Thời sự',
    categoryId: category.id,
    publishedAt: '2030-01-02T03:00:00.000Z',
    bodyJson: JSON.stringify({
      root: {
        type: 'root',
        children: [
          { type: 'paragraph', children: [{ type: 'text', text: 'Sáng nay, cầu chính thức thông xe.', format: 1 }] },
          { type: 'image', src: `media:${'c'.repeat(64)}.jpg`, alt: 'Cầu', caption: 'Toàn cảnh cây cầu' },
        ],
      },
    }),
  });
  dataDir = tempDataDir();
  db = openDatabase(dataDir).db;
});

afterEach(async () => {
  await Promise.all(portals.splice(0).map((portal) => portal.close()));
});

afterAll(async () => {
  db.close();
  await cleanupAll();
});

async function portalFor(options?: FlakyPortalOptions): Promise<FlakyPortal> {
  const portal = await startFlakyPortal(options);
  portals.push(portal);
  return portal;
}

function contextOf(overrides: Partial<TargetContext> = {}): TargetContext {
  return {
    db,
    dataDir,
    now: () => new Date(),
    signal: new AbortController().signal,
    progress: () => undefined,
    secret: null,
    ...overrides,
  };
}

let keys = 0;
function workOf(previous: RemoteRecord | null, overrides: Partial<PublishWork> = {}): PublishWork {
  keys += 1;
  return {
    targetId: 1,
    articleId: article.id,
    article,
    idempotencyKey: `job-${keys}`,
    scheduledFor: null,
    previous,
    ...overrides,
  };
}

function unpublishWorkOf(previous: RemoteRecord | null): UnpublishWork {
  keys += 1;
  return { targetId: 1, articleId: article.id, idempotencyKey: `job-${keys}`, previous };
}

function targetOf(portal: FlakyPortal | string, config: Partial<TargetConfig<'http-json'>> = {}) {
  return httpJsonTarget({
    endpoint: typeof portal === 'string' ? portal : portal.endpoint,
    timeoutMs: 1000,
    ...config,
  });
}

/** A plain message in both languages that names the server. */
function expectExplained(failure: PublishFailure, host: string): void {
  expectExplainedBoth(failure, host);
  expect(failure.messageEn).toMatch(/\bthe server\b/i);
}

const hostOf = (portal: FlakyPortal): string => new URL(portal.url).host;

describe('http-json target: publishing', () => {
  it('creates with POST: the article as JSON with the key, its HTML from the shared renderer without images', async () => {
    const portal = await portalFor();
    const work = workOf(null, { scheduledFor: '2030-01-02T03:00:00.000Z' });
    const record = await targetOf(portal).publish(work, contextOf());

    expect(record.remoteId).toBe('1');
    expect(record.url).toBe(`${portal.url}/bai/1-${article.slug}`);
    expect(record.remoteModified).toMatch(/^\d{4}-\d\d-\d\dT/);
    const [request] = portal.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/api/articles');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.accept).toBe('application/json');
    // Keys and articles carry this workstation's id: two workstations' keys and articles never collide on one portal.
    const origin = workstationId(db);
    expect(request?.idempotencyKey).toBe(`${origin}:${work.idempotencyKey}`);
    expect(request?.authorization).toBeNull();
    expect(request?.body).toEqual({
      idempotencyKey: work.idempotencyKey,
      origin,
      article: {
        id: article.id,
        slug: article.slug,
        title: 'Khánh thành cầu Rạch Miễu 2',
        lead: 'Cây cầu nối Tiền Giang và Bến Tre.',
        html: '<p><strong>Sáng nay, cầu chính thức thông xe.</strong></p>',
        author: 'Nguyễn Văn An',
        department: 'Phòng Thời sự',
        category: 'Thời sự',
        publishedAt: '2030-01-02T03:00:00.000Z',
        scheduledFor: '2030-01-02T03:00:00.000Z',
      },
    });
    expect(portal.effects.map((e) => [e.kind, e.articleId])).toEqual([['created', article.id]]);
  });

  it('sends the stored HTML of an article without an editor body as plain paragraphs', async () => {
    const portal = await portalFor();
    const legacy = {
      ...article,
      bodyJson: null,
      bodyHtml: '<p>Bài <b>cũ</b></p><script>alert(1)</script><div>Đoạn hai</div>',
    };
    await targetOf(portal).publish(workOf(null, { article: legacy }), contextOf());
    expect((portal.requests[0]?.body as { article: { html: string } }).article.html).toBe(
      '<p>Bài cũ</p>\n<p>Đoạn hai</p>',
    );
  });

  it('updates with PUT where the portal holds it, keeping the url when the answer has none', async () => {
    const portal = await portalFor();
    const target = targetOf(portal);
    const created = await target.publish(workOf(null), contextOf());
    const updated = await target.publish(workOf(created), contextOf());

    expect(updated.remoteId).toBe(created.remoteId);
    expect(portal.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/articles', 'PUT /api/articles/1']);
    expect(portal.articles.get('1')?.version).toBe(2);
    expect(portal.effects.map((e) => e.kind)).toEqual(['created', 'updated']);

    portal.plan({ status: 200, json: { id: 1 } });
    expect((await target.publish(workOf(created), contextOf())).url).toBe(created.url);
  });

  it('publishes anew when the portal deleted it (PUT 404 → POST), once however often the work is repeated', async () => {
    const portal = await portalFor();
    const target = targetOf(portal);
    const created = await target.publish(workOf(null), contextOf());
    await target.unpublish(unpublishWorkOf(created), contextOf());

    const work = workOf(created);
    const again = await target.publish(work, contextOf());
    const repeat = await target.publish(work, contextOf());

    expect(again.remoteId).toBe('2');
    expect(repeat).toEqual(again);
    expect(portal.effects.map((e) => `${e.kind} ${e.remoteId}`)).toEqual(['created 1', 'deleted 1', 'created 2']);
    expect(portal.requests.slice(2).map((r) => `${r.method} ${r.path} ${r.replayed}`)).toEqual([
      'PUT /api/articles/1 false',
      'POST /api/articles false',
      'PUT /api/articles/1 false',
      'POST /api/articles true',
    ]);
  });

  it('publishes exactly once when the answer is lost and the same work is sent again', async () => {
    const portal = await portalFor();
    const target = targetOf(portal);
    const work = workOf(null);
    portal.plan('lostAnswer');
    expect((await failureOf(target.publish(work, contextOf()))).code).toBe('TARGET_RESET');
    const record = await target.publish(work, contextOf());

    expect(record.remoteId).toBe('1');
    expect(portal.effects).toHaveLength(1);
    expect(portal.requests.map((r) => r.replayed)).toEqual([false, true]);
    expect([...portal.articles.keys()]).toEqual(['1']);
  });

  it('publishes exactly once when the answer is cut off mid-body and the work is sent again', async () => {
    const portal = await portalFor();
    const target = targetOf(portal);
    const work = workOf(null);
    portal.plan('cutOff');
    const failure = await failureOf(target.publish(work, contextOf()));
    expect([failure.kind, failure.code]).toEqual(['transient', 'TARGET_RESET']);
    expect((await target.publish(work, contextOf())).remoteId).toBe('1');
    expect(portal.effects).toHaveLength(1);
  });

  it('answers in time when the server is slow but within the timeout', async () => {
    const portal = await portalFor();
    portal.plan({ slow: 300 });
    expect((await targetOf(portal).publish(workOf(null), contextOf())).remoteId).toBe('1');
  });

  it('sends the secret as a Bearer token', async () => {
    const portal = await portalFor({ token: 'bi-mat' });
    const target = targetOf(portal);
    expect((await target.publish(workOf(null), contextOf({ secret: 'bi-mat' }))).remoteId).toBe('1');
    expect(portal.requests[0]?.authorization).toBe('Bearer bi-mat');

    const refused = await failureOf(target.publish(workOf(null), contextOf({ secret: 'sai' })));
    expect([refused.kind, refused.code]).toEqual(['permanent', 'TARGET_AUTH']);
  });
});

describe('http-json target: unpublishing, rebuilding, checking', () => {
  it('deletes with DELETE; done when the portal holds nothing or never got it', async () => {
    const portal = await portalFor();
    const target = targetOf(portal);
    const created = await target.publish(workOf(null), contextOf());

    await target.unpublish(unpublishWorkOf(created), contextOf());
    await target.unpublish(unpublishWorkOf(created), contextOf());
    await target.unpublish(unpublishWorkOf(null), contextOf());

    expect(portal.articles.size).toBe(0);
    expect(portal.requests.slice(1).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'DELETE /api/articles/1 200',
      'DELETE /api/articles/1 404',
    ]);
  });

  it('fails an unpublish the server refuses', async () => {
    const portal = await portalFor();
    const target = targetOf(portal);
    const created = await target.publish(workOf(null), contextOf());
    portal.plan('status503', 'status403');
    expect((await failureOf(target.unpublish(unpublishWorkOf(created), contextOf()))).code).toBe('TARGET_SERVER_ERROR');
    expect((await failureOf(target.unpublish(unpublishWorkOf(created), contextOf()))).code).toBe('TARGET_FORBIDDEN');
    expect(portal.articles.size).toBe(1);
  });

  it('rebuilds nothing: it reports one step done and sends no request', async () => {
    const portal = await portalFor();
    const progress: [number, number][] = [];
    await targetOf(portal).rebuild(1, contextOf({ progress: (done, total) => progress.push([done, total]) }));
    expect(progress).toEqual([[1, 1]]);
    expect(portal.requests).toHaveLength(0);
  });

  it('checks with GET /health, or the endpoint itself where there is none, publishing nothing', async () => {
    const portal = await portalFor();
    const target = targetOf(portal);
    await target.check(contextOf());
    portal.plan({ status: 404 });
    await target.check(contextOf());
    expect(portal.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /api/health 200',
      'GET /api/health 404',
      'GET /api 200',
    ]);
    expect(portal.effects).toHaveLength(0);
  });

  it('fails a check the server does not pass', async () => {
    const portal = await portalFor();
    const target = targetOf(portal);
    portal.plan('status503', 'html', 'status401');
    expect((await failureOf(target.check(contextOf()))).code).toBe('TARGET_SERVER_ERROR');
    expect((await failureOf(target.check(contextOf()))).code).toBe('TARGET_NOT_JSON');
    expect((await failureOf(target.check(contextOf()))).code).toBe('TARGET_AUTH');
    await portal.goOffline();
    expect((await failureOf(target.check(contextOf()))).code).toBe('TARGET_OFFLINE');
  });

  it('schedules on its server only when its settings say the portal does', () => {
    expect(targetOf('http://127.0.0.1:9/api').serverSchedule).toBe(false);
    expect(httpJsonTarget({ endpoint: 'http://127.0.0.1:9/api', serverSchedule: true }).serverSchedule).toBe(true);
  });
});

describe('http-json target: failures', () => {
  const cases: { behaviour: PortalBehaviour; kind: PublishFailure['kind']; code: string; mentions?: string }[] = [
    { behaviour: 'status500', kind: 'transient', code: 'TARGET_SERVER_ERROR', mentions: '500' },
    { behaviour: 'status503', kind: 'transient', code: 'TARGET_SERVER_ERROR', mentions: '503' },
    { behaviour: { status: 429 }, kind: 'transient', code: 'TARGET_SERVER_ERROR', mentions: '429' },
    { behaviour: { status: 408 }, kind: 'transient', code: 'TARGET_SERVER_ERROR', mentions: '408' },
    { behaviour: 'status401', kind: 'permanent', code: 'TARGET_AUTH', mentions: '401' },
    { behaviour: 'status403', kind: 'permanent', code: 'TARGET_FORBIDDEN', mentions: '403' },
    {
      behaviour: { status: 422, json: { message: 'Tiêu đề quá dài' } },
      kind: 'permanent',
      code: 'TARGET_REJECTED',
      mentions: 'Tiêu đề quá dài',
    },
    { behaviour: 'html', kind: 'transient', code: 'TARGET_NOT_JSON' },
    { behaviour: { status: 200, json: { ok: true } }, kind: 'transient', code: 'TARGET_BAD_ANSWER' },
    { behaviour: { status: 201, json: [1] }, kind: 'transient', code: 'TARGET_BAD_ANSWER' },
    { behaviour: 'reset', kind: 'transient', code: 'TARGET_RESET' },
  ];

  for (const { behaviour, kind, code, mentions } of cases) {
    it(`${JSON.stringify(behaviour)} → ${kind} ${code}`, async () => {
      const portal = await portalFor();
      portal.plan(behaviour);
      const failure = await failureOf(targetOf(portal).publish(workOf(null), contextOf()));
      expect([failure.kind, failure.code]).toEqual([kind, code]);
      expectExplained(failure, hostOf(portal));
      if (mentions) {
        expect(failure.message).toContain(mentions);
        expect(failure.messageEn).toContain(mentions);
      }
      expect(portal.effects).toHaveLength(0);
    });
  }

  it("shortens the server's own message", async () => {
    const portal = await portalFor();
    portal.plan({ status: 400, json: { message: `Sai ${'x'.repeat(5000)}` } });
    const failure = await failureOf(targetOf(portal).publish(workOf(null), contextOf()));
    expect(failure.code).toBe('TARGET_REJECTED');
    expect(failure.message.length).toBeLessThan(400);
    expect(failure.message).toContain('Sai xxx');
  });

  it('gives up on a server that never answers after timeoutMs', async () => {
    const portal = await portalFor();
    portal.plan('hang');
    const started = Date.now();
    const failure = await failureOf(targetOf(portal, { timeoutMs: 1000 }).publish(workOf(null), contextOf()));
    expect([failure.kind, failure.code]).toEqual(['transient', 'TARGET_TIMEOUT']);
    // It waited for the timeout (a lower bound only: a loaded machine may take longer, never less).
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expectExplained(failure, hostOf(portal));
  });

  it('waits for a portal that is offline, and publishes once it is back on the same port', async () => {
    const portal = await portalFor();
    const target = targetOf(portal);
    await portal.goOffline();
    const failure = await failureOf(target.publish(workOf(null), contextOf()));
    expect([failure.kind, failure.code]).toEqual(['offline', 'TARGET_OFFLINE']);
    expectExplained(failure, hostOf(portal));

    await portal.comeBack();
    expect((await target.publish(workOf(null), contextOf())).remoteId).toBe('1');
  });

  it('waits for a server whose name cannot be found', async () => {
    const failure = await failureOf(targetOf('http://may-chu-khong-co.invalid/api').publish(workOf(null), contextOf()));
    expect([failure.kind, failure.code]).toEqual(['offline', 'TARGET_OFFLINE']);
    expect(failure.messageEn).toContain('may-chu-khong-co.invalid');
  });

  it('stops when the app is closing, to be resumed at the next start', async () => {
    const portal = await portalFor();
    portal.plan('hang');
    const closing = new AbortController();
    const sent = targetOf(portal, { timeoutMs: 60_000 }).publish(workOf(null), contextOf({ signal: closing.signal }));
    await portal.waitForRequests(1);
    closing.abort();
    const failure = await failureOf(sent);
    expect([failure.kind, failure.code]).toEqual(['transient', 'STOPPED']);
  });
});
