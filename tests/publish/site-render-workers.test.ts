import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { listFiles } from '../../electron/core/publish/site-files';
import { pageRel, SiteRecord } from '../../electron/core/publish/site-model';
import { renderWorkerCount } from '../../electron/core/publish/site-render-pool';
import { rebuildSite } from '../../electron/core/publish/static-site';
import { PublishFailure, type TargetContext } from '../../electron/core/publish/target';
import { staticSiteTarget } from '../../electron/core/publish/targets/static-site';
import { createArticle } from '../../electron/core/store/articles';
import { createCategory } from '../../electron/core/store/categories';
import { insertTarget } from '../../electron/core/store/publishing';
import { cleanupAll, tempDataDir } from '../helpers';
import { renderWorkerBundle } from '../support/node-bundle';

/**
 * A rebuild's article pages written by render workers (electron/core/publish/site-render-pool.ts): what a failure in a
 * worker and a stop become, and that the workers serve the next rebuild after either. That the pages they write are
 * the pages written in the core's thread is tests/publish/static-site-incremental.test.ts.
 */

const dbs: Db[] = [];
const workerScript = renderWorkerBundle();
afterAll(async () => {
  for (const db of dbs.splice(0)) db.close();
  await cleanupAll();
});

/** A store whose static site holds `count` articles in two categories. */
async function siteOf(count: number) {
  const dataDir = tempDataDir();
  const { db } = openDatabase(dataDir);
  dbs.push(db);
  const categories = [
    createCategory(db, { name: 'Tin hoạt động', slug: 'tin-hoat-dong' }),
    createCategory(db, { name: 'Thông báo', slug: 'thong-bao' }),
  ];
  const ctx: TargetContext = {
    db,
    dataDir,
    now: () => new Date('2030-06-01T00:00:00.000Z'),
    signal: new AbortController().signal,
    progress: () => undefined,
    secret: null,
  };
  const config = { folder: path.join(tempDataDir('toasoan-site-'), 'site'), baseUrl: 'https://xa.example.gov.vn/' };
  const targetId = insertTarget(
    db,
    { kind: 'static-site', name: 'Trang tĩnh', config, enabled: true, secret: null },
    new Date().toISOString(),
  );
  const target = staticSiteTarget(config);
  for (let i = 1; i <= count; i++) {
    const article = createArticle(db, {
      title: `Tin số ${i} của xã`,
      status: 'published',
      categoryId: categories[i % 2]?.id ?? null,
      publishedAt: new Date(Date.parse('2030-01-01T00:00:00.000Z') + i * 3_600_000).toISOString(),
    });
    await target.publish(
      { targetId, articleId: article.id, article, idempotencyKey: `k${i}`, scheduledFor: null, previous: null },
      ctx,
    );
  }
  const withWorkers = (more: Partial<TargetContext> = {}): TargetContext => ({
    ...ctx,
    renderWorker: { script: workerScript(), minPages: 1, workers: 2 },
    ...more,
  });
  return { db, ctx, targetId, withWorkers, pages: new SiteRecord(db, targetId).everything().map(pageRel) };
}

describe('static site rebuild in render workers', () => {
  it('starts workers only for a site large enough, at most one a core', () => {
    expect(renderWorkerCount(undefined, 10_000)).toBe(0);
    expect(renderWorkerCount({ script: 'w.cjs' }, 299)).toBe(0);
    expect(renderWorkerCount({ script: 'w.cjs', minPages: 1, workers: 2 }, 5)).toBe(1);
    const many = renderWorkerCount({ script: 'w.cjs' }, 10_000);
    expect(many).toBeGreaterThanOrEqual(1);
    expect(many).toBeLessThanOrEqual(4);
  });

  it("a worker's file-system error is the site's failure naming the folder; the next rebuild succeeds", async () => {
    const s = await siteOf(60);
    const folder = path.join(tempDataDir('toasoan-site-'), 'site');
    // A folder where a page must go: the worker cannot put the page there.
    const blocked = path.join(folder, ...(s.pages[7] as string).split('/'));
    fs.mkdirSync(path.join(blocked, 'x'), { recursive: true });
    const failed = await rebuildSite({ folder }, s.targetId, s.withWorkers()).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(PublishFailure);
    expect((failed as PublishFailure).code).toBe('TARGET_INVALID');
    expect((failed as PublishFailure).message).toContain(folder);
    expect((failed as PublishFailure).messageEn).toContain('a file where a folder is needed');

    fs.rmSync(blocked, { recursive: true });
    await rebuildSite({ folder }, s.targetId, s.withWorkers());
    const written = new Set(await listFiles(folder));
    for (const page of s.pages) expect(written.has(page), page).toBe(true);
  });

  it('a stop while the workers write ends the rebuild; the workers then serve the next one', async () => {
    const s = await siteOf(120);
    const stop = new AbortController();
    const folder = path.join(tempDataDir('toasoan-site-'), 'site');
    let heard = 0;
    const stopped = await rebuildSite(
      { folder },
      s.targetId,
      s.withWorkers({
        signal: stop.signal,
        progress: (done) => {
          heard = done;
          if (done > 0) stop.abort(new Error('the app is closing'));
        },
      }),
    ).then(
      () => null,
      (error: unknown) => error,
    );
    expect((stopped as Error).message).toBe('the app is closing');
    expect(heard).toBeGreaterThan(0);

    await rebuildSite({ folder }, s.targetId, s.withWorkers());
    const written = new Set(await listFiles(folder));
    for (const page of s.pages) expect(written.has(page), page).toBe(true);
    const hashes = s.db
      .prepare('SELECT count(*) FROM site_entries WHERE target_id = ? AND page_sha256 IS NOT NULL')
      .pluck()
      .get(s.targetId);
    expect(hashes).toBe(120);
  });

  it("when the workers cannot start (a missing or broken worker file), the pages are written in the core's thread", async () => {
    const s = await siteOf(40);
    const broken = path.join(tempDataDir('toasoan-worker-'), 'broken-worker.cjs');
    fs.writeFileSync(broken, "throw new Error('cannot load');\n");
    for (const bad of [path.join(path.dirname(broken), 'missing.cjs'), broken]) {
      const folder = path.join(tempDataDir('toasoan-site-'), 'site');
      await rebuildSite({ folder }, s.targetId, { ...s.ctx, renderWorker: { script: bad, minPages: 1, workers: 2 } });
      const written = new Set(await listFiles(folder));
      for (const page of s.pages) expect(written.has(page), `${bad}: ${page}`).toBe(true);
    }
  });
});
