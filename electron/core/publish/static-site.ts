import fs from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../../../shared/contract/articles';
import type { TargetConfig } from '../../../shared/contract/publishing';
import { attachmentsOf } from '../../../shared/render/attachments';
import { RELATED_LIMIT } from '../handlers/preview';
import { statement } from '../db/statements';
import { sqliteBinding } from '../db/sqlite';
import { SiteFiles } from './site-files';
import { ArticlePages, type WrittenPage } from './site-pages';
import {
  renderInWorkers,
  renderWorkerCount,
  RenderWorkersUnavailable,
  type RenderJob,
  type RenderWorkerOptions,
} from './site-render-pool';
import {
  approvalOfPublication,
  buildManifest,
  buildMonth,
  MANIFEST_FILES,
  monthFile,
  saveApproval,
  savePageHashes,
  signatureOf,
  signedFile,
  SIGNED_MANIFEST,
  siteKey,
  SITE_PUBLIC_KEY,
  type SiteKey,
} from './site-manifest';
import { PLAIN_SECRET_BOX } from './secrets';
import {
  entryOf,
  fileBase,
  pageRel,
  parsePageRel,
  SiteRecord,
  siteLookData,
  UNCATEGORIZED_FOLDER,
  withMediaCheck,
  type SiteLookData,
  type SiteEntry,
  type SiteItem,
} from './site-model';
import {
  absoluteUrl,
  CATEGORY_PAGE_SIZE,
  FEED_ITEMS,
  HOME_PER_CATEGORY,
  monthPageCount,
  monthPageFile,
  monthSitemapFile,
  PAGES_SITEMAP,
  renderFolderIndex,
  renderFolderRss,
  renderHome,
  renderMonthPage,
  renderMonthSitemap,
  renderPagesSitemap,
  renderSiteRss,
  renderSearchIndex,
  renderSearchShard,
  renderSitemapIndex,
  searchShardFile,
  SEARCH_INDEX,
  siteAssets,
  type SiteLook,
  type SiteSection,
} from './site-render';
import {
  PublishFailure,
  type FindWork,
  type PublishWork,
  type RemoteRecord,
  type TargetContext,
  type UnpublishWork,
} from './target';

/**
 * The static portal site of one target, kept incrementally from its record (site_entries): publishing or taking off
 * one article rewrites its page, its folder's index and feed, its month's archive pages, the pages of the (up to
 * RELATED_LIMIT) newer articles of its folder whose 'Tin đã đưa' lists it, the home page, the site feed, its month's
 * sitemap and the sitemap index — a number of files that does not depend on how many articles the site has.
 * A reader never meets a link to a missing page: a page is written before anything lists it and removed after
 * nothing does.
 */

const DEFAULT_BASE_URL = 'http://localhost/';

export type SiteConfig = TargetConfig<'static-site'>;

export interface SiteHooks {
  /** Called with each file's path (relative, '/') after it is written: lets tests count what one publication costs. */
  onWrite?: (rel: string) => void;
}

// ---------------------------------------------------------------------------------------------- the folder and its errors

function failure(kind: PublishFailure['kind'], code: string, folder: string, vi: string, en: string): PublishFailure {
  return new PublishFailure(
    kind,
    code,
    `Thư mục xuất bản "${folder}" ${vi}`,
    `The publication folder "${folder}" ${en}`,
  );
}

const invalid = (folder: string, vi: string, en: string): PublishFailure =>
  failure('permanent', 'TARGET_INVALID', folder, vi, en);
const missing = (folder: string): PublishFailure =>
  failure(
    'offline',
    'TARGET_MISSING',
    folder,
    'không truy cập được (ổ đĩa chưa cắm hoặc thư mục cha không còn); sẽ thử lại khi có.',
    'cannot be reached (a drive not plugged in, or its parent folder is gone); it will be tried again.',
  );

const errnoOf = (error: unknown): string | null => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : null;
};

/** A file-system error while writing the site as the PublishFailure the queue acts on. */
export function siteFailure(error: unknown, folder: string): PublishFailure {
  if (error instanceof PublishFailure) return error;
  const code = errnoOf(error);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return failure(
        'permanent',
        'TARGET_READONLY',
        folder,
        'chỉ đọc hoặc không có quyền ghi; hãy cấp quyền ghi hoặc chọn thư mục khác.',
        'is read-only or not writable; grant write access or choose another folder.',
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return failure(
        'transient',
        'TARGET_FULL',
        folder,
        'nằm trên ổ đĩa đã đầy; hãy giải phóng dung lượng, lệnh sẽ được thử lại.',
        'is on a full drive; free some space, the job will be tried again.',
      );
    case 'ENOENT':
    case 'ENODEV':
    case 'ENXIO':
      return missing(folder);
    case 'ENOTDIR':
    case 'EISDIR':
      return invalid(
        folder,
        'có một tệp ở chỗ cần một thư mục (hoặc ngược lại); hãy kiểm tra thư mục.',
        'has a file where a folder is needed (or the other way round); check the folder.',
      );
    default:
      return failure(
        'transient',
        'TARGET_WRITE_FAILED',
        folder,
        `không ghi được (${code ?? String(error)}); lệnh sẽ được thử lại.`,
        `could not be written (${code ?? String(error)}); the job will be tried again.`,
      );
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Refuses a folder that must not hold the site; creates it when only it is missing (not its parent). */
export async function prepareSiteFolder(folder: string, dataDir: string): Promise<string> {
  const out = path.resolve(folder);
  const data = path.resolve(dataDir);
  if (out === path.parse(out).root)
    throw invalid(
      out,
      'là thư mục gốc của ổ đĩa; hãy chọn một thư mục riêng.',
      'is the root of the drive; choose a folder of its own.',
    );
  if (isInside(out, data) || isInside(data, out)) {
    throw invalid(
      out,
      'là (hoặc nằm trong, hoặc chứa) thư mục dữ liệu của Tòa Soạn; hãy chọn thư mục khác.',
      "is (or is inside, or contains) Tòa Soạn's data folder; choose another folder.",
    );
  }
  const notFolder = (): PublishFailure =>
    invalid(
      out,
      'là một tệp (hoặc nằm dưới một tệp), không phải thư mục.',
      'is a file (or lies under one), not a folder.',
    );
  const stat = await fs.stat(out).catch((error: unknown) => {
    if (errnoOf(error) === 'ENOENT') return null;
    throw errnoOf(error) === 'ENOTDIR' ? notFolder() : siteFailure(error, out);
  });
  if (stat) {
    if (!stat.isDirectory()) throw notFolder();
    return out;
  }
  const parent = await fs.stat(path.dirname(out)).catch((error: unknown) => {
    throw errnoOf(error) === 'ENOENT'
      ? missing(out)
      : errnoOf(error) === 'ENOTDIR'
        ? notFolder()
        : siteFailure(error, out);
  });
  if (!parent.isDirectory()) throw notFolder();
  await fs.mkdir(out).catch((error: unknown) => {
    if (errnoOf(error) !== 'EEXIST') throw siteFailure(error, out);
  });
  return out;
}

function siteBase(config: SiteConfig): string {
  const u = new URL(config.baseUrl ?? DEFAULT_BASE_URL);
  u.search = '';
  u.hash = '';
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return u.href;
}

// ---------------------------------------------------------------------------------------------- one site

class StaticSite {
  readonly look: SiteLook;
  /** The look as plain data, for the render workers of a rebuild. */
  readonly lookData: SiteLookData;
  private readonly pages: ArticlePages;
  private readonly workerMedia = new Set<string>();
  /** The images each page written shows, until saveShown stores them (site_images). */
  private readonly shown = new Map<number, string[]>();
  /** The SHA-256 of each article page written, until writeManifest stores them (site_entries.page_sha256). */
  private readonly pageHashes = new Map<number, string>();
  /** The months whose part of the manifest changes: a page of theirs was written, or an article left them. */
  private readonly touchedMonths = new Set<string>();
  private folderOrder: Map<string, number> | null = null;

  constructor(
    private readonly ctx: TargetContext,
    readonly record: SiteRecord,
    readonly files: SiteFiles,
    baseUrl: string,
  ) {
    this.lookData = siteLookData(ctx.db, record.targetId, baseUrl);
    this.look = withMediaCheck(this.lookData, ctx.dataDir);
    this.pages = new ArticlePages(this.look, ctx.dataDir, files);
  }

  /** Folders in the home page's order: the categories', then any others by name, uncategorised last. */
  sortFolders(folders: string[]): string[] {
    this.folderOrder ??= new Map([...this.record.categoryFolders().values()].map((f, i) => [f, i]));
    const rank = (f: string): number =>
      f === UNCATEGORIZED_FOLDER ? Number.MAX_SAFE_INTEGER : (this.folderOrder?.get(f) ?? Number.MAX_SAFE_INTEGER - 1);
    return folders.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  }

  /** The files every site has (its own pages, the search script, empty categories' pages), rewritten when changed. */
  async ensureAssets(): Promise<void> {
    for (const { rel, content } of siteAssets(this.look)) {
      const current = await fs.readFile(path.join(this.files.root, ...rel.split('/')), 'utf8').catch(() => null);
      if (current !== content) await this.files.write(rel, content);
    }
  }

  /** The paths of the images and documents the pages written copied or found in place. */
  imageRels(): string[] {
    return [...this.pages.copied(), ...this.workerMedia];
  }

  /** The images the article's page shows (site_images, kept as each page is written). */
  imagesOf(articleId: number): string[] {
    return (
      statement(this.ctx.db, 'SELECT image FROM site_images WHERE target_id = ? AND article_id = ?').all(
        this.record.targetId,
        articleId,
      ) as { image: string }[]
    ).map((row) => row.image);
  }

  /** The article's page shows these images now (none: it is gone); stored by saveShown. */
  forgetShown(articleId: number): void {
    this.shown.set(articleId, []);
  }

  /** Stores which images the pages written show, in one commit; `everything`: those pages are the whole site. */
  saveShown(everything = false): void {
    const { db } = this.ctx;
    const targetId = this.record.targetId;
    db.transaction(() => {
      if (everything) statement(db, 'DELETE FROM site_images WHERE target_id = ?').run(targetId);
      for (const [articleId, images] of this.shown) {
        if (!everything)
          statement(db, 'DELETE FROM site_images WHERE target_id = ? AND article_id = ?').run(targetId, articleId);
        for (const image of new Set(images))
          statement(db, 'INSERT INTO site_images (target_id, article_id, image) VALUES (?, ?, ?)').run(
            targetId,
            articleId,
            image,
          );
      }
    })();
    this.shown.clear();
  }

  /** Removes those of `images` no page shows any more (called once the pages that showed them are rewritten or gone). */
  async removeUnshown(images: readonly string[]): Promise<void> {
    for (const image of images) {
      const shown = statement(this.ctx.db, 'SELECT 1 FROM site_images WHERE target_id = ? AND image = ? LIMIT 1').get(
        this.record.targetId,
        image,
      );
      if (shown === undefined) {
        await this.files.remove(image);
        // Copied by this instance earlier (a page since rewritten without it): no longer part of what it produced.
        this.pages.forget(image);
      }
    }
  }

  /**
   * Writes an article's page once the images it shows are in images/ and its attached documents in files/ (a page
   * never links to a missing one).
   */
  async writeArticle(item: SiteItem, article: Article, related: readonly SiteItem[]): Promise<void> {
    this.wrote(item, await this.pages.write(item, article, related));
  }

  /** Keeps what writing a page produced, here or in a render worker, until saveShown and writeManifest store it. */
  wrote(item: Pick<SiteItem, 'articleId' | 'month'>, page: WrittenPage): void {
    this.pageHashes.set(item.articleId, page.hash);
    this.touchedMonths.add(item.month);
    this.shown.set(item.articleId, page.shown);
  }

  /** Media files a render worker copied or found in place (the rebuild keeps them). */
  workerCopied(rels: readonly string[]): void {
    for (const rel of rels) this.workerMedia.add(rel);
  }

  /** The page of an entry as the record has it now, leaving `exclude` out of its 'Tin đã đưa'. */
  async writeEntryPage(entry: SiteEntry, article: Article, exclude: number): Promise<void> {
    const related =
      entry.folder === UNCATEGORIZED_FOLDER
        ? []
        : this.record.earlierInFolder(entry.folder, entry.sortKey, RELATED_LIMIT, exclude);
    await this.writeArticle(entry, article, related);
  }

  /**
   * Rewrites every list and page that shows an article at this place, as the record is without `skip` (0: as it is).
   * Files that no longer have anything to show are removed last, once nothing written links to them.
   */
  async refreshAround(place: Pick<SiteItem, 'folder' | 'month' | 'sortKey'>, skip: number): Promise<void> {
    const { record, files, look } = this;
    const { folder, month } = place;
    const gone: string[] = [];

    const latest = record.latestInFolder(folder, FEED_ITEMS, skip);
    if (latest[0]) {
      await files.write(
        `${folder}/index.html`,
        renderFolderIndex(look, latest[0].section, latest, record.monthsOfFolder(folder, skip)),
      );
      await files.write(`${folder}/rss.xml`, renderFolderRss(look, folder, latest[0].section, latest));
    } else {
      const category = look.menu.find((entry) => entry.folder === folder);
      // A category's page stays (the menu links to it), saying that it has nothing; its feed goes.
      if (category) await files.write(`${folder}/index.html`, renderFolderIndex(look, category.name, [], []));
      else gone.push(`${folder}/index.html`);
      gone.push(`${folder}/rss.xml`);
    }

    const inMonth = record.folderMonth(folder, month, skip);
    const pages = monthPageCount(inMonth.length);
    for (let p = 1; p <= pages; p++)
      await files.write(`${folder}/${monthPageFile(month, p)}`, renderMonthPage(look, month, inMonth, p));
    // One publication changes a month by one article, so by one page at the most.
    gone.push(`${folder}/${monthPageFile(month, pages + 1)}`);

    if (folder !== UNCATEGORIZED_FOLDER) {
      for (const newer of record.newerInFolder(folder, place.sortKey, RELATED_LIMIT, skip)) {
        await this.writeEntryPage(newer, JSON.parse(newer.snapshot) as Article, skip);
      }
    }

    const folders = this.sortFolders(record.folders(skip));
    await this.writeHome(folders, skip);
    await files.write('rss.xml', renderSiteRss(look, record.latestOnSite(FEED_ITEMS, skip)));
    const siteMonth = record.siteMonth(month, skip);
    if (siteMonth.length > 0) {
      await files.write(monthSitemapFile(month), renderMonthSitemap(look, month, siteMonth));
      await files.write(searchShardFile(month), renderSearchShard(siteMonth));
    } else gone.push(monthSitemapFile(month), searchShardFile(month));
    await files.write(PAGES_SITEMAP, renderPagesSitemap(look, folders));
    const months = record.monthsOfSite(skip);
    await files.write('sitemap.xml', renderSitemapIndex(look, months));
    await files.write(SEARCH_INDEX, renderSearchIndex(months));

    for (const rel of gone) await files.remove(rel);
  }

  private async writeHome(folders: readonly string[], skip: number): Promise<void> {
    const sections: SiteSection[] = [];
    for (const folder of folders) {
      const items = this.record.latestInFolder(folder, HOME_PER_CATEGORY + 1, skip);
      if (items[0]) sections.push({ folder, section: items[0].section, items });
    }
    await this.files.write('index.html', renderHome(this.look, sections));
  }

  /** An article leaves this month (unpublished, or moved): the month's part of the manifest is written again. */
  touchMonth(month: string): void {
    this.touchedMonths.add(month);
  }

  /**
   * Stores the hashes of the pages written, then writes the signed manifest as the site's record is now: the months
   * touched, and the list of months (a month left without pages goes).
   */
  async writeManifest(key: SiteKey): Promise<void> {
    const { db } = this.ctx;
    const targetId = this.record.targetId;
    savePageHashes(db, targetId, this.pageHashes);
    this.pageHashes.clear();
    const emptied: string[] = [];
    const parts: { rel: string; content: string }[] = [];
    for (const month of [...this.touchedMonths].sort()) {
      const part = buildMonth(db, targetId, month, (rel) => absoluteUrl(this.look, rel));
      const rel = monthFile(month);
      if (part.pages.length === 0) emptied.push(rel, signatureOf(rel));
      else parts.push(...signedFile(rel, part, key));
    }
    this.touchedMonths.clear();
    // A rebuild signs every month: their files are written side by side (each atomically), the manifest after them.
    await runPool(
      parts.map((file) => () => this.files.write(file.rel, file.content)),
      8,
      this.ctx.signal,
      () => undefined,
    );
    const manifest = buildManifest(db, targetId, this.look.baseUrl, key.fingerprint);
    for (const file of signedFile(SIGNED_MANIFEST, manifest, key)) await this.files.write(file.rel, file.content);
    const current = await fs.readFile(path.join(this.files.root, SITE_PUBLIC_KEY), 'utf8').catch(() => null);
    if (current !== key.publicKeyPem) await this.files.write(SITE_PUBLIC_KEY, key.publicKeyPem);
    for (const rel of emptied) await this.files.remove(rel);
  }

  /** Removes a page path the record no longer gives to any article (a moved page, one left by a crash). */
  async removeOrphanPage(rel: string): Promise<void> {
    const page = parsePageRel(rel);
    if (page && this.record.ownerOf(page.folder, page.file) === null) await this.files.remove(rel);
  }
}

async function openSite(
  config: SiteConfig,
  targetId: number,
  ctx: TargetContext,
  hooks: SiteHooks,
  journal = true,
): Promise<StaticSite> {
  const root = await prepareSiteFolder(config.folder, ctx.dataDir);
  return new StaticSite(
    ctx,
    new SiteRecord(ctx.db, targetId),
    new SiteFiles(root, hooks.onWrite, journal),
    siteBase(config),
  );
}

/** Runs a site operation; file-system errors become PublishFailures naming the folder. */
async function guarded<T>(config: SiteConfig, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw errnoOf(error) ? siteFailure(error, path.resolve(config.folder)) : error;
  }
}

// ---------------------------------------------------------------------------------------------- the operations

/** Puts one article on the site (or updates it there); its URL stays while its slug and category stay. */
export function publishToSite(
  config: SiteConfig,
  work: PublishWork,
  ctx: TargetContext,
  hooks: SiteHooks = {},
): Promise<RemoteRecord> {
  return guarded(config, async () => {
    // The key first: a site that cannot sign its manifest is left as it is.
    const key = siteKey(ctx.db, work.targetId, ctx.secrets ?? PLAIN_SECRET_BOX, ctx.now());
    const site = await openSite(config, work.targetId, ctx, hooks);
    const { record } = site;
    const article = work.article;
    const old = record.entry(work.articleId);
    if (old) site.touchMonth(old.month);
    const imagesBefore = site.imagesOf(work.articleId);
    const folder =
      (article.categoryId === null ? undefined : record.categoryFolders().get(article.categoryId)) ??
      UNCATEGORIZED_FOLDER;
    const file =
      old && old.folder === folder && old.slug === article.slug
        ? old.file
        : record.allocateFile(folder, fileBase(article.slug, work.articleId), work.articleId);
    const entry = entryOf(work.articleId, article, folder, file, ctx.now());
    const rel = pageRel(entry);
    const approval = approvalOfPublication(
      ctx.db,
      ctx.dataDir,
      work.articleId,
      article.version,
      attachmentsOf(article),
    );

    await site.ensureAssets();
    await site.writeEntryPage(entry, article, work.articleId);
    // Moved (folder, file or time): the old place's lists lose it before the record moves it, so a failure before
    // the move leaves the old place on the record and the retry redoes both places.
    if (
      old &&
      (old.folder !== entry.folder ||
        old.file !== entry.file ||
        old.month !== entry.month ||
        old.sortKey !== entry.sortKey)
    ) {
      await site.refreshAround(old, work.articleId);
    }
    record.upsert(entry);
    saveApproval(ctx.db, work.targetId, work.articleId, approval);
    await site.refreshAround(entry, 0);
    for (const before of new Set([old ? pageRel(old) : null, work.previous?.remoteId ?? null])) {
      if (before && before !== rel) await site.removeOrphanPage(before);
    }
    // An image the earlier version showed and no page shows now goes, as a rebuild would leave it out.
    site.saveShown();
    await site.removeUnshown(imagesBefore);
    await site.writeManifest(key);
    return { remoteId: rel, url: absoluteUrl(site.look, rel), remoteModified: null };
  });
}

/** Takes one article off the site: every list forgets it first, then its page goes. Done when it is not there. */
export function unpublishFromSite(
  config: SiteConfig,
  work: UnpublishWork,
  ctx: TargetContext,
  hooks: SiteHooks = {},
): Promise<void> {
  return guarded(config, async () => {
    const key = siteKey(ctx.db, work.targetId, ctx.secrets ?? PLAIN_SECRET_BOX, ctx.now());
    const site = await openSite(config, work.targetId, ctx, hooks);
    const old = site.record.entry(work.articleId);
    const imagesBefore = site.imagesOf(work.articleId);
    if (old) {
      site.touchMonth(old.month);
      await site.refreshAround(old, work.articleId);
      site.record.remove(work.articleId);
    }
    for (const rel of new Set([old ? pageRel(old) : null, work.previous?.remoteId ?? null]))
      if (rel) await site.removeOrphanPage(rel);
    // Its images last, once no page links to them; those another page shows stay.
    site.forgetShown(work.articleId);
    site.saveShown();
    await site.removeUnshown(imagesBefore);
    await site.writeManifest(key);
  });
}

/**
 * What the site holds of an article: its record (site_entries), written as its pages are, is the folder's own account
 * of itself; a publication or unpublication repeated from there redoes whatever a crash left half done.
 */
export async function findOnSite(config: SiteConfig, work: FindWork, ctx: TargetContext): Promise<RemoteRecord | null> {
  const entry = new SiteRecord(ctx.db, work.targetId).entry(work.articleId);
  if (!entry) return null;
  const rel = pageRel(entry);
  return { remoteId: rel, url: new URL(rel, siteBase(config)).href, remoteModified: null };
}

/** Checks that the folder can be created and written to, leaving nothing behind. */
export function checkSite(config: SiteConfig, ctx: TargetContext): Promise<void> {
  return guarded(config, async () => {
    const root = await prepareSiteFolder(config.folder, ctx.dataDir);
    const probe = path.join(root, `.toasoan-probe-${process.pid}-${Date.now()}.tmp`);
    try {
      await fs.writeFile(probe, '');
    } finally {
      await fs.rm(probe, { force: true }).catch(() => undefined);
    }
  });
}

/** The items by key, each group in the items' order. */
function groupBy(items: readonly SiteItem[], key: (item: SiteItem) => string): Map<string, SiteItem[]> {
  const groups = new Map<string, SiteItem[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Runs tasks a few at a time (writes overlap with the next pages' rendering). */
async function runPool(
  tasks: readonly (() => Promise<void>)[],
  width: number,
  signal: AbortSignal,
  onDone: () => void,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      signal.throwIfAborted();
      const task = tasks[next++] as () => Promise<void>;
      await task();
      onDone();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
}

/**
 * Makes the lists (yielding between them, so that the workers' answers are heard) while `pages` writes the pages; the
 * first failure of either stops both.
 */
async function makeListsBeside(
  lists: readonly { rel: string; make: () => string }[],
  pages: (signal: AbortSignal) => Promise<void>,
  outer: AbortSignal,
): Promise<{ rel: string; content: string }[]> {
  const stop = new AbortController();
  const signal = AbortSignal.any([outer, stop.signal]);
  const stopOnFailure = (error: unknown): never => {
    stop.abort(error);
    throw error;
  };
  const made: { rel: string; content: string }[] = [];
  const makeAll = async (): Promise<void> => {
    for (const { rel, make } of lists) {
      signal.throwIfAborted();
      made.push({ rel, content: make() });
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all([pages(signal).catch(stopOnFailure), makeAll().catch(stopOnFailure)]);
  return made;
}

/**
 * Rewrites the whole site from the record, then removes what an earlier build or publication wrote and nothing
 * produces now; files the site never wrote are left alone. O(n log n) in the articles: one sort, no per-article scan.
 */
export function rebuildSite(
  config: SiteConfig,
  targetId: number,
  ctx: TargetContext,
  hooks: SiteHooks = {},
): Promise<void> {
  return guarded(config, async () => {
    // A key sealed by another machine's keychain is replaced here (the administrator asked for the whole site).
    const key = siteKey(ctx.db, targetId, ctx.secrets ?? PLAIN_SECRET_BOX, ctx.now(), true);
    const site = await openSite(config, targetId, ctx, hooks, false);
    const { record, files, look } = site;
    const items = record.everything();
    const byFolder = groupBy(items, (item) => item.folder);
    const byMonth = groupBy(items, (item) => item.month);
    const newestFirst = (a: SiteItem, b: SiteItem): number =>
      a.sortKey === b.sortKey ? b.articleId - a.articleId : a.sortKey < b.sortKey ? 1 : -1;
    const months = [...byMonth.keys()].sort().reverse();
    const folders = site.sortFolders([...byFolder.keys()]);

    const planned: string[] = [];
    /** The lists (indexes, feeds, archives, sitemaps, search), each made from the record's items alone. */
    const lists: { rel: string; make: () => string }[] = [];
    const output = (rel: string, make: () => string): void => {
      planned.push(rel);
      lists.push({ rel, make });
    };
    /** The article pages, each with its 'Tin đã đưa': written by render workers on a large site, else with the lists. */
    const pages: RenderJob[] = [];

    planned.push(...siteAssets(look).map((asset) => asset.rel), ...MANIFEST_FILES);
    const sections: SiteSection[] = [];
    for (const folder of folders) {
      const list = byFolder.get(folder) as SiteItem[];
      const categorised = folder !== UNCATEGORIZED_FOLDER;
      list.forEach((item, i) => {
        planned.push(pageRel(item));
        // 'Tin đã đưa': the next ones down the list that were published strictly earlier (as the preview has it).
        let from = i + 1;
        while (categorised && from < list.length && (list[from] as SiteItem).sortKey === item.sortKey) from++;
        pages.push({ item, related: categorised ? list.slice(from, from + RELATED_LIMIT) : [] });
      });
      const head = list[0] as SiteItem;
      const perMonth = groupBy(list, (item) => item.month);
      output(`${folder}/index.html`, () =>
        renderFolderIndex(look, head.section, list.slice(0, CATEGORY_PAGE_SIZE), [...perMonth.keys()]),
      );
      output(`${folder}/rss.xml`, () => renderFolderRss(look, folder, head.section, list.slice(0, FEED_ITEMS)));
      for (const [month, inMonth] of perMonth) {
        for (let p = 1; p <= monthPageCount(inMonth.length); p++)
          output(`${folder}/${monthPageFile(month, p)}`, () => renderMonthPage(look, month, inMonth, p));
      }
      sections.push({ folder, section: head.section, items: list.slice(0, HOME_PER_CATEGORY + 1) });
    }
    output('index.html', () => renderHome(look, sections));
    output('rss.xml', () => renderSiteRss(look, [...items].sort(newestFirst).slice(0, FEED_ITEMS)));
    for (const month of months) {
      const inMonth = (byMonth.get(month) as SiteItem[]).sort(newestFirst);
      output(monthSitemapFile(month), () => renderMonthSitemap(look, month, inMonth));
      output(searchShardFile(month), () => renderSearchShard(inMonth));
    }
    output(SEARCH_INDEX, () => renderSearchIndex(months));
    // The manifest's files are written last (writeManifest), once every page's hash is known.
    for (const month of months) planned.push(monthFile(month), signatureOf(monthFile(month)));
    output(PAGES_SITEMAP, () => renderPagesSitemap(look, folders));
    output('sitemap.xml', () => renderSitemapIndex(look, months));

    // The plan joins the record of what the site wrote before anything is written, so a crash mid-way loses nothing.
    const previous = await files.previous();
    await files.saveManifest(new Set([...previous, ...planned]));
    let done = 0;
    const total = lists.length + pages.length;
    const step = Math.max(1, Math.floor(total / 100));
    const tick = (): void => {
      done++;
      if (done % step === 0 || done === total) ctx.progress(done, total);
    };
    ctx.progress(0, total);
    await site.ensureAssets();
    const writePage =
      ({ item, related }: RenderJob) =>
      () =>
        site.writeArticle(item, JSON.parse(record.snapshotOf(item.articleId)) as Article, related);
    const writeList =
      ({ rel, make }: (typeof lists)[number]) =>
      () =>
        files.write(rel, make());
    // The pages are queued before the lists that link to them (a reader of the site mid-build meets hardly a link to a
    // page not yet written; with render workers, none).
    const inThisThread = (): Promise<void> =>
      runPool([...pages.map(writePage), ...lists.map(writeList)], 8, ctx.signal, tick);
    const workers = ctx.db.memory ? 0 : renderWorkerCount(ctx.renderWorker, pages.length);
    if (workers === 0) await inThisThread();
    else {
      // The workers write the pages while this thread makes the lists, which it writes once every page is there.
      const made = await makeListsBeside(
        lists,
        (signal) =>
          renderInWorkers(
            ctx.renderWorker as RenderWorkerOptions,
            {
              root: files.root,
              dataDir: ctx.dataDir,
              dbFile: ctx.db.name,
              sqliteBinding: sqliteBinding(),
              targetId,
              look: site.lookData,
            },
            pages,
            workers,
            signal,
            (page) => {
              site.wrote(page.item, page);
              site.workerCopied(page.shown);
              tick();
            },
          ),
        ctx.signal,
      ).catch((error: unknown) => {
        if (!(error instanceof RenderWorkersUnavailable)) throw error;
        return null;
      });
      if (made)
        await runPool(
          made.map(
            ({ rel, content }) =>
              () =>
                files.write(rel, content),
          ),
          8,
          ctx.signal,
          tick,
        );
      else {
        // Every page again, here: what the workers wrote before failing is written over with the same bytes.
        done = 0;
        await inThisThread();
      }
    }

    site.saveShown(true);
    await site.writeManifest(key);
    const produced = new Set([...planned, ...site.imageRels()]);
    for (const rel of previous) if (!produced.has(rel)) await files.remove(rel);
    await files.saveManifest(produced);
  });
}
