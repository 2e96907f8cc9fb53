import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Article } from '../../shared/contract/articles';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { JOURNAL_FILE, listFiles, MANIFEST_FILE } from '../../electron/core/publish/site-files';
import { SIGNED_MANIFEST } from '../../electron/core/publish/site-manifest';
import { rebuildSite } from '../../electron/core/publish/static-site';
import type { RemoteRecord, TargetContext } from '../../electron/core/publish/target';
import { staticSiteTarget } from '../../electron/core/publish/targets/static-site';
import { createArticle } from '../../electron/core/store/articles';
import { createCategory } from '../../electron/core/store/categories';
import { setPortalProfile } from '../../electron/core/store/settings';
import { prng } from '../../bench/lib/random';
import { cleanupAll, tempDataDir } from '../helpers';
import { renderWorkerBundle } from '../support/node-bundle';

/**
 * The static site kept one publication at a time is the site a full rebuild makes from the same record: the same
 * files with the same bytes, images included (issue 14, failure 4). The comparison is of the two folders only, so it
 * holds whatever the pages look like.
 */

const dbs: Db[] = [];
/** The render worker's bundle: every comparison also rebuilds with the article pages written by two workers. */
const renderWorker = renderWorkerBundle();
afterAll(async () => {
  for (const db of dbs.splice(0)) db.close();
  await cleanupAll();
});

/** The site's own bookkeeping (what it wrote, for the next rebuild), not part of what it serves. */
const BOOKKEEPING = new Set([MANIFEST_FILE, JOURNAL_FILE]);

/** Every served file of a folder with its bytes' hash. */
async function snapshotOf(folder: string): Promise<Map<string, string>> {
  const files = (await listFiles(folder)).filter((rel) => !BOOKKEEPING.has(rel)).sort();
  return new Map(
    files.map((rel) => [
      rel,
      crypto
        .createHash('sha256')
        .update(fs.readFileSync(path.join(folder, ...rel.split('/'))))
        .digest('hex'),
    ]),
  );
}

const shaOf = (n: number): string => crypto.createHash('sha256').update(`anh-${n}`).digest('hex');

function bodyWith(text: string, images: readonly string[]): string {
  return JSON.stringify({
    root: {
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'text', text }] },
        ...images.map((ref) => ({ type: 'image', src: ref, alt: 'Ảnh', caption: 'Chú thích ảnh' })),
      ],
    },
  });
}

function setup() {
  const dataDir = tempDataDir();
  const { db } = openDatabase(dataDir);
  dbs.push(db);
  setPortalProfile(db, {
    name: 'Cổng thông tin điện tử xã',
    address: '1 Đường Lê Lợi',
    phone: '',
    fax: '',
    responsible: '',
  });
  const categories = ['Tin hoạt động', 'Thông báo', 'Văn bản'].map((name, i) =>
    createCategory(db, { name, slug: ['tin-hoat-dong', 'thong-bao', 'van-ban'][i] }),
  );
  // Images in the media store, and one reference whose file is missing (the page leaves it out).
  fs.mkdirSync(path.join(dataDir, 'media'), { recursive: true });
  const images = Array.from({ length: 30 }, (_, n) => n).map((n) => {
    fs.writeFileSync(path.join(dataDir, 'media', `${shaOf(n)}.png`), `png-${n}`);
    return `media:${shaOf(n)}.png`;
  });
  images.push(`media:${shaOf(99)}.png`);

  const folder = path.join(tempDataDir('toasoan-site-'), 'site');
  let clock = Date.parse('2030-03-01T01:00:00.000Z');
  const ctx: TargetContext = {
    db,
    dataDir,
    now: () => new Date(clock),
    signal: new AbortController().signal,
    progress: () => undefined,
    secret: null,
  };
  const config = { folder, baseUrl: 'https://xa.example.gov.vn/' };
  const at = new Date().toISOString();
  const targetId = Number(
    db
      .prepare(
        "INSERT INTO publish_targets (kind, name, config, created_at, updated_at) VALUES ('static-site', 'Trang tĩnh', ?, ?, ?)",
      )
      .run(JSON.stringify(config), at, at).lastInsertRowid,
  );
  const target = staticSiteTarget(config);
  const held = new Map<number, RemoteRecord>();
  let keys = 0;

  return {
    db,
    categories,
    images,
    folder,
    tick: (ms: number) => {
      clock += ms;
    },
    async publish(article: Article) {
      const record = await target.publish(
        {
          targetId,
          articleId: article.id,
          article,
          idempotencyKey: `k${++keys}`,
          scheduledFor: null,
          previous: held.get(article.id) ?? null,
        },
        ctx,
      );
      held.set(article.id, record);
    },
    async unpublish(articleId: number) {
      await target.unpublish(
        { targetId, articleId, idempotencyKey: `k${++keys}`, previous: held.get(articleId) ?? null },
        ctx,
      );
      held.delete(articleId);
    },
    /**
     * The incremental folder against a full rebuild of the same record into an empty folder, and that rebuild against
     * one whose article pages two render workers wrote (the same files and bytes, the same hashes and images recorded).
     */
    async compareWithRebuild() {
      const fresh = path.join(tempDataDir('toasoan-rebuilt-'), 'site');
      await rebuildSite({ ...config, folder: fresh }, targetId, ctx);
      const recorded = () => ({
        hashes: db.prepare('SELECT article_id, page_sha256 FROM site_entries ORDER BY article_id').all(),
        images: db.prepare('SELECT article_id, image FROM site_images ORDER BY article_id, image').all(),
      });
      const inThread = recorded();
      const inWorkers = path.join(tempDataDir('toasoan-rebuilt-'), 'site');
      const script = renderWorker();
      await rebuildSite({ ...config, folder: inWorkers }, targetId, {
        ...ctx,
        renderWorker: { script, minPages: 1, workers: 2 },
      });
      expect(recorded()).toEqual(inThread);
      expect(inThread.hashes.length).toBeGreaterThan(0);
      const rebuilt = await snapshotOf(fresh);
      expect(differences(rebuilt, await snapshotOf(inWorkers))).toEqual([]);
      return { incremental: await snapshotOf(folder), rebuilt };
    },
  };
}

/** Where two folders differ, by path: what one has and the other lacks or has other bytes of. */
function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [rel, hash] of a)
    if (b.get(rel) !== hash) out.push(b.has(rel) ? `bytes ${rel}` : `only incremental ${rel}`);
  for (const rel of b.keys()) if (!a.has(rel)) out.push(`only rebuilt ${rel}`);
  return out;
}

describe('the static site kept incrementally equals a full rebuild', () => {
  it('removes the image of an unpublished article that no other page shows', async () => {
    const s = setup();
    const [first, second] = s.images;
    const shown = createArticle(s.db, {
      title: 'Lễ khánh thành nhà văn hóa',
      status: 'published',
      categoryId: s.categories[0]?.id ?? null,
      publishedAt: '2030-02-20T02:00:00.000Z',
      featuredImage: first ?? null,
      bodyJson: bodyWith('Nội dung có hai ảnh.', [second as string]),
    });
    const other = createArticle(s.db, {
      title: 'Thông báo lịch tiếp dân',
      status: 'published',
      categoryId: s.categories[1]?.id ?? null,
      publishedAt: '2030-02-21T02:00:00.000Z',
      bodyJson: bodyWith('Cùng một ảnh.', [second as string]),
    });
    await s.publish(shown);
    await s.publish(other);
    await s.unpublish(shown.id);

    const { incremental, rebuilt } = await s.compareWithRebuild();
    expect(differences(incremental, rebuilt)).toEqual([]);
    expect(incremental.has(`images/${shaOf(0)}.png`)).toBe(false);
    // Still shown by the other article's page.
    expect(incremental.has(`images/${shaOf(1)}.png`)).toBe(true);
  });

  it('after 200 random publications, updates, moves and unpublications (seeded)', async () => {
    const s = setup();
    const random = prng(20261207);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const pool: Article[] = [];
    for (let i = 1; i <= 24; i++) {
      pool.push(
        createArticle(s.db, {
          title: `Tin số ${i} về công tác của xã`,
          lead: `Tóm tắt tin số ${i}.`,
          status: 'published',
          categoryId: pick([...s.categories.map((c) => c.id), null]),
          publishedAt: new Date(
            Date.parse('2030-01-01T00:00:00.000Z') + Math.floor(random() * 80) * 86_400_000,
          ).toISOString(),
        }),
      );
    }
    const current = new Map(pool.map((a) => [a.id, a]));
    const onSite = new Set<number>();
    const counts = { publish: 0, update: 0, move: 0, unpublish: 0 };
    // One or two of many images each, so an image often leaves the site with the only article that showed it.
    const images = () => (random() < 0.5 ? [pick(s.images)] : [pick(s.images), pick(s.images)]);

    for (let step = 1; step <= 200; step++) {
      s.tick(60_000);
      const article = current.get(pick(pool).id) as Article;
      const roll = random();
      if (!onSite.has(article.id)) {
        const next = {
          ...article,
          featuredImage: random() < 0.5 ? pick(s.images) : null,
          bodyJson: bodyWith(article.title, images()),
        };
        current.set(article.id, next);
        await s.publish(next);
        onSite.add(article.id);
        counts.publish += 1;
      } else if (roll < 0.35) {
        const next = {
          ...article,
          lead: `${article.lead} Cập nhật ${step}.`,
          featuredImage: random() < 0.5 ? pick(s.images) : null,
          bodyJson: bodyWith(`Nội dung bản ${step}`, images()),
        };
        current.set(article.id, next);
        await s.publish(next);
        counts.update += 1;
      } else if (roll < 0.7) {
        // A move: another category, another address, or another publication time (another month's pages).
        const category = pick([...s.categories, null]);
        const next = {
          ...article,
          categoryId: category?.id ?? null,
          categoryName: category?.name ?? null,
          slug: random() < 0.3 ? `${article.slug}-${step}` : article.slug,
          publishedAt:
            random() < 0.5
              ? new Date(Date.parse('2030-01-01T00:00:00.000Z') + Math.floor(random() * 80) * 86_400_000).toISOString()
              : article.publishedAt,
        };
        current.set(article.id, next);
        await s.publish(next);
        counts.move += 1;
      } else {
        await s.unpublish(article.id);
        onSite.delete(article.id);
        counts.unpublish += 1;
      }
      if (step % 100 === 0) {
        const { incremental, rebuilt } = await s.compareWithRebuild();
        expect(differences(incremental, rebuilt), `after step ${step}`).toEqual([]);
        // The signed manifest is among the files compared: the same pages, hashes and approvals, the same signature.
        expect(incremental.has(SIGNED_MANIFEST)).toBe(true);
      }
    }
    // Every kind of operation happened, many times.
    for (const n of Object.values(counts)) expect(n).toBeGreaterThan(20);
  }, 120_000);
});
