/**
 * The static portal site: a full build of N articles by the static-site target (staticSiteTarget(config).rebuild,
 * from site_entries) against Hugo building the same articles with a comparable template (bench/lib/hugo.ts); and the
 * incremental publication of one new article (publish) on a site of 1,000 articles and on one of the whole corpus.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../../shared/contract/articles';
import type { Db } from '../../electron/core/db/database';
import { mediaFilePath } from '../../electron/core/media/media-store';
import {
  entryOf,
  fileBase,
  SiteRecord,
  UNCATEGORIZED_FOLDER,
  type SiteItem,
} from '../../electron/core/publish/site-model';
import { bundledRenderWorker, renderWorkerCount } from '../../electron/core/publish/site-render-pool';
import { imageRel } from '../../electron/core/publish/site-render';
import type { TargetContext } from '../../electron/core/publish/target';
import { staticSiteTarget } from '../../electron/core/publish/targets/static-site';
import { getArticle } from '../../electron/core/store/articles';
import { insertTarget } from '../../electron/core/store/publishing';
import { CORPUS_END } from '../lib/corpus';
import { buildWithHugo, countFiles, hugoVersion, writeHugoSite, type HugoEntry } from '../lib/hugo';
import { figure, fmt, log, profiled, settleDisk, stats, type Figure } from '../lib/measure';
import type { BenchContext } from '../lib/context';

const BASE_URL = 'http://cong.example.vn/';

/** The bench's clock for publications: just after the corpus ends, one second further at every call. */
function benchClock(): () => Date {
  let t = CORPUS_END + 60_000;
  return () => new Date((t += 1000));
}

/** The render workers as the shells have them: the bundle's worker file beside the core's (dist/electron). */
const RENDER_WORKER = bundledRenderWorker(fileURLToPath(new URL('../electron/', import.meta.url)));

/** --render-workers N: at most N workers (0: every page in the core's thread, the build before render workers). */
function targetContext(db: Db, dataDir: string, now: () => Date, workers: number | null): TargetContext {
  const renderWorker =
    workers === 0 || !RENDER_WORKER ? undefined : workers === null ? RENDER_WORKER : { ...RENDER_WORKER, workers };
  return {
    db,
    dataDir,
    now,
    signal: new AbortController().signal,
    progress: () => undefined,
    secret: null,
    ...(renderWorker ? { renderWorker } : {}),
  };
}

/** A site target (disabled: nothing else queues for it) and its folder. */
function siteTarget(db: Db, workDir: string, name: string): { id: number; folder: string } {
  const folder = path.join(workDir, name);
  const id = insertTarget(
    db,
    { kind: 'static-site', name, config: { folder, baseUrl: BASE_URL }, enabled: false, secret: null },
    new Date(CORPUS_END).toISOString(),
  );
  return { id, folder };
}

/** The article as it is published: articles never published get their last change as publication time. */
function asPublished(article: Article): Article {
  const publishedAt = article.status === 'published' || article.status === 'unpublished' ? article.publishedAt : null;
  return { ...article, status: 'published', publishedAt: publishedAt ?? article.updatedAt };
}

/** Fills a target's record (site_entries) with the articles, as publishing each would (no files written). */
async function fillSite(db: Db, targetId: number, ids: readonly number[], now: () => Date): Promise<void> {
  const record = new SiteRecord(db, targetId);
  const folders = record.categoryFolders();
  for (let from = 0; from < ids.length; from += 2_000) {
    db.transaction(() => {
      for (const id of ids.slice(from, from + 2_000)) {
        const article = asPublished(getArticle(db, id));
        const folder =
          (article.categoryId === null ? undefined : folders.get(article.categoryId)) ?? UNCATEGORIZED_FOLDER;
        record.upsert(entryOf(id, article, folder, record.allocateFile(folder, fileBase(article.slug, id), id), now()));
      }
    }).immediate();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Every k-th of the list, n of them. */
function spread<T>(list: readonly T[], n: number): T[] {
  if (n >= list.length) return [...list];
  const step = list.length / n;
  return Array.from({ length: n }, (_, i) => list[Math.floor(i * step)] as T);
}

/** The target's article page split around its main content, so Hugo's single page wears the same page. */
function chromeOf(folder: string, item: SiteItem): { head: string; tail: string } {
  const html = fs.readFileSync(path.join(folder, item.folder, `${item.file}.html`), 'utf8');
  const open = html.indexOf('<main');
  const close = html.indexOf('</main>');
  if (open < 0 || close < 0) throw new Error('the article page has no <main>');
  return { head: html.slice(0, html.indexOf('>', open) + 1), tail: html.slice(close) };
}

export async function staticSiteFigures(ctx: BenchContext, db: Db): Promise<Figure[]> {
  const version = hugoVersion();
  if (!version) throw new Error('hugo is not installed (apt-get install hugo)');
  const now = benchClock();
  const target = targetContext(db, ctx.dataDir, now, ctx.renderWorkers);
  const fullCount = ctx.quick ? 1_000 : 10_000;
  const buildRuns = ctx.quick ? 2 : 4;
  const publishRuns = ctx.quick ? 8 : 20;
  const publishWarmup = 2;

  const published = db
    .prepare("SELECT id FROM articles WHERE status = 'published' AND trashed_at IS NULL ORDER BY id")
    .pluck()
    .all() as number[];
  const every = db.prepare('SELECT id FROM articles WHERE trashed_at IS NULL ORDER BY id').pluck().all() as number[];
  // New articles to publish, one a run, on neither site before.
  const pool = published.slice(-(publishWarmup + publishRuns));
  const inPool = new Set(pool);

  // ------------------------------------------------------------------ full build against Hugo
  const full = siteTarget(db, ctx.workDir, 'site-full');
  const fullIds = spread(
    published.filter((id) => !inPool.has(id)),
    fullCount,
  );
  let t0 = performance.now();
  await fillSite(db, full.id, fullIds, now);
  log(
    `static site: ${fullIds.length.toLocaleString('en-US')} articles recorded for the full build in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const site = staticSiteTarget({ folder: full.folder, baseUrl: BASE_URL });
  const ours: number[] = [];
  const hugo: number[] = [];
  let ourFiles = 0;
  let hugoFiles = 0;
  const hugoSrc = path.join(ctx.workDir, 'hugo-site');
  const hugoOut = path.join(ctx.workDir, 'hugo-public');
  // Every build is a first build, into an empty folder: the last output is moved aside (a rename) before and
  // deleted after the timed part, for both (deleting ten thousand files is slow on some disks).
  const emptied = (folder: string, run: number): void => {
    if (fs.existsSync(folder)) fs.renameSync(folder, `${folder}.old-${run}`);
  };
  const dropOld = (folder: string, run: number): void =>
    fs.rmSync(`${folder}.old-${run}`, { recursive: true, force: true });
  for (let run = 0; run <= buildRuns; run++) {
    emptied(full.folder, run);
    settleDisk();
    t0 = performance.now();
    await (run === buildRuns
      ? profiled('static-full-build', () => site.rebuild(full.id, target))
      : site.rebuild(full.id, target));
    const oursMs = performance.now() - t0;
    if (run === 0) {
      // The Hugo project is written once the target has made a page to take the portal's page from.
      const record = new SiteRecord(db, full.id);
      const items = record.everything();
      const entries: HugoEntry[] = items.map((item) => ({
        item,
        article: JSON.parse(record.snapshotOf(item.articleId)) as Article,
      }));
      const images = new Map(
        ctx.corpus.images.map((ref) => [
          imageRel(ref) as string,
          mediaFilePath(ctx.dataDir, (imageRel(ref) as string).slice('images/'.length)) as string,
        ]),
      );
      writeHugoSite({
        dir: hugoSrc,
        portalName: 'Cổng thông tin điện tử',
        baseUrl: BASE_URL,
        chrome: chromeOf(full.folder, items[0] as SiteItem),
        entries,
        sections: new Map(items.map((item) => [item.folder, item.section])),
        images,
      });
    }
    emptied(hugoOut, run);
    settleDisk();
    const built = buildWithHugo(hugoSrc, hugoOut);
    dropOld(full.folder, run);
    dropOld(hugoOut, run);
    if (run === 0) {
      ourFiles = countFiles(full.folder);
      hugoFiles = built.files;
      log(`  warm-up: target ${fmt(oursMs)} ms (${ourFiles} files), hugo ${fmt(built.ms)} ms (${hugoFiles} files)`);
      continue;
    }
    ours.push(oursMs);
    hugo.push(built.ms);
    log(`  run ${run}: target ${fmt(oursMs)} ms, hugo ${fmt(built.ms)} ms`);
  }
  const oursBuild = stats(ours);
  const hugoBuild = stats(hugo);

  // ------------------------------------------------------------------ incremental publication, small and large site
  const small = siteTarget(db, ctx.workDir, 'site-small');
  const large = siteTarget(db, ctx.workDir, 'site-large');
  const rest = every.filter((id) => !inPool.has(id));
  const smallIds = spread(
    published.filter((id) => !inPool.has(id)),
    1_000,
  );
  await fillSite(db, small.id, smallIds, now);
  t0 = performance.now();
  await fillSite(db, large.id, rest, now);
  log(
    `  ${rest.length.toLocaleString('en-US')} articles recorded for the large site in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  settleDisk();
  const publishTo = (where: { id: number; folder: string }, articleId: number) => {
    const at = now();
    const article = { ...asPublished(getArticle(db, articleId)), publishedAt: at.toISOString() };
    return staticSiteTarget({ folder: where.folder, baseUrl: BASE_URL }).publish(
      {
        targetId: where.id,
        articleId,
        article,
        idempotencyKey: `bench:${where.id}:${articleId}`,
        scheduledFor: null,
        previous: null,
      },
      target,
    );
  };
  const smallMs: number[] = [];
  const largeMs: number[] = [];
  await profiled('static-incremental', async () => {
    for (const [i, articleId] of pool.entries()) {
      // Alternate which site goes first, so neither always meets a warmer cache.
      const order = i % 2 === 0 ? ([small, large] as const) : ([large, small] as const);
      for (const where of order) {
        const started = performance.now();
        await publishTo(where, articleId);
        const ms = performance.now() - started;
        if (i >= publishWarmup) (where === small ? smallMs : largeMs).push(ms);
      }
    }
  });
  const smallPublish = stats(smallMs);
  const largePublish = stats(largeMs);
  log(
    `  publish one new article: ${smallIds.length.toLocaleString('en-US')}-article site p50 ${fmt(smallPublish.p50)} ms p95 ${fmt(smallPublish.p95)} ms; ` +
      `${rest.length.toLocaleString('en-US')}-article site p50 ${fmt(largePublish.p50)} ms p95 ${fmt(largePublish.p95)} ms\n`,
  );

  const n = fullIds.length.toLocaleString('en-US');
  return [
    figure({
      figure: `static site full build, ${n} articles`,
      value: oursBuild.p50 / 1000,
      unit: 's',
      spread: { min: Math.min(...ours) / 1000, max: Math.max(...ours) / 1000 },
      baseline: { value: hugoBuild.p50 / 1000, of: `Hugo ${version.split(' ')[1] ?? ''}, same articles` },
      goal: { text: '≤ 1.0× Hugo', maxRatio: 1.0 },
      note:
        `p50 of ${oursBuild.runs} builds into an empty folder after a warm-up build; target ${ourFiles} files, Hugo ${hugoFiles} files; ` +
        `p95 target ${fmt(oursBuild.p95 / 1000)} s, Hugo ${fmt(hugoBuild.p95 / 1000)} s; ` +
        `Hugo's builds ${fmt(Math.min(...hugo) / 1000)}–${fmt(Math.max(...hugo) / 1000)} s (the spread column is the target's); ` +
        `article pages written by ${renderWorkerCount(target.renderWorker, fullIds.length) || 'no'} render workers ` +
        `(the workers started by the warm-up build stay for the timed ones, as they stay for a minute in the app).`,
    }),
    figure({
      figure: `incremental publish, ${rest.length.toLocaleString('en-US')} vs ${smallIds.length.toLocaleString('en-US')} articles p50`,
      value: largePublish.p50,
      unit: 'ms',
      baseline: { value: smallPublish.p50, of: `same, on a ${smallIds.length.toLocaleString('en-US')}-article site` },
      goal: { text: 'flat within 2×', maxRatio: 2 },
      note: `publishToSite of a new article published now (end of the corpus's last, busiest month), ${largePublish.runs} runs after ${publishWarmup} warm-up; p95 ${fmt(largePublish.p95)} vs ${fmt(smallPublish.p95)} ms.`,
    }),
  ];
}
