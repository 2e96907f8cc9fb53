import fs from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../../../shared/contract/articles';
import { ContractError } from '../../../shared/contract/errors';
import { bodyMediaRefs, escapeHtml, legacyHtmlToParagraphs, renderBodyHtml, type RenderOptions } from '../../../shared/render/article-html';
import { MEDIA_REF_PATTERN, parseBody } from '../../../shared/render/body-nodes';
import { renderPortalPage, type RelatedArticleLink } from '../../../shared/render/portal-page';
import { portalDateLine } from '../../../shared/text/dateline';
import type { Db } from '../db/database';
import { RELATED_LIMIT } from '../handlers/preview';
import { mediaFilePath } from '../media/media-store';
import { getArticle } from '../store/articles';
import { listCategories } from '../store/categories';
import { getPortalProfile } from '../store/settings';
import { writeAtomic } from './site-files';

/**
 * The static portal site: every published, non-trashed article as the same page the preview shows, category pages,
 * a home page, RSS 2.0 feeds and a sitemap, written atomically into outDir.
 */

export const UNCATEGORIZED_FOLDER = 'tin-tuc';
export const CATEGORY_PAGE_SIZE = 20;
export const HOME_PER_CATEGORY = 5;
export const FEED_ITEMS = 50;
export const DEFAULT_BASE_URL = 'http://localhost/';
/** The list of files the previous build wrote (so the next one removes only its own leftovers). */
export const MANIFEST_FILE = '.toasoan-site.json';

export interface StaticSiteOptions {
  /** The site's public address, for feed and sitemap URLs (default http://localhost/). */
  baseUrl?: string;
}

export interface StaticSiteResult {
  articles: number;
  pages: number;
  files: number;
}

const RESERVED_FOLDERS = new Set(['images', 'assets']);
const RESERVED_FILES = /^(?:index|rss|sitemap|trang-\d+)$/;

export const SITE_CSS = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;background:#e9ebee;color:#1f1f1f;font-family:Arial,"Helvetica Neue",Helvetica,"Segoe UI",Roboto,sans-serif;font-size:15px;line-height:1.5}
a{color:#0b3d91}
a:hover,a:focus{color:#8f1d21}
:focus-visible{outline:2px solid #d4a017;outline-offset:2px}
.wrap{max-width:1200px;margin:0 auto;padding:0 16px}
.portal-header{background:linear-gradient(180deg,#a3242a 0%,#8f1d21 100%);border-bottom:4px solid #d4a017;color:#fff}
.portal-header .wrap{min-height:88px;display:flex;align-items:center;padding-top:16px;padding-bottom:16px}
.portal-name{margin:0;font-size:24px;line-height:1.3;font-weight:bold;text-transform:uppercase;color:#fff;text-decoration:none}
.content{background:#fff;border:1px solid #d5d9df;padding:20px 24px 24px;margin:20px auto 24px}
.section-title{margin:0 0 10px;padding-bottom:6px;border-bottom:2px solid #8f1d21;color:#8f1d21;font-size:17px;font-weight:bold;text-transform:uppercase}
.section{margin-bottom:24px}
.items{margin:0;padding:0;list-style:none}
.items li{padding:10px 0;border-bottom:1px dotted #c3c8d0}
.item-title{margin:0 0 4px;font-size:17px;line-height:1.35}
.item-title a{text-decoration:none;color:#0d2c6c}
.item-title a:hover,.item-title a:focus{text-decoration:underline}
.dateline{margin:0 0 4px;color:#555;font-size:13px;font-style:italic}
.item-lead{margin:0;text-align:justify}
.pager{display:flex;justify-content:space-between;gap:16px;margin-top:16px}
.more{margin:8px 0 0;text-align:right;font-size:14px}
.portal-footer{background:#8f1d21;border-top:4px solid #d4a017;color:#fff;font-size:14px;text-align:center}
.portal-footer .wrap{padding-top:16px;padding-bottom:18px}
.portal-footer p{margin:2px 0}
@media (max-width:600px){.wrap{padding:0 10px}.portal-name{font-size:17px}.content{padding:14px}}
`.trim();

const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

interface SiteArticle {
  article: Article;
  folder: string;
  file: string;
  /** The page's path under outDir, with '/' separators. */
  rel: string;
  categoryName: string | null;
  sortKey: string;
}

interface SiteCategory {
  folder: string;
  name: string;
  items: SiteArticle[];
}

const present = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

function safeName(slug: string, fallback: string): string {
  const s = slug
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 150);
  return s || fallback;
}

function dateLineOf(iso: string | null | undefined): string {
  if (!present(iso)) return '';
  try {
    return portalDateLine(iso);
  } catch {
    return '';
  }
}

function validDate(iso: string | null | undefined): Date | null {
  if (!present(iso)) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function folderError(dir: string, vi: string, en: string): ContractError {
  return new ContractError('VALIDATION', `Thư mục xuất bản "${dir}" ${vi}`, `The publication folder "${dir}" ${en}`);
}

/** Refuses a dangerous outDir; creates a missing one; checks that it is a writable folder. */
async function prepareOutDir(dataDir: string, outDir: string): Promise<string> {
  if (typeof outDir !== 'string' || outDir.trim() === '') throw folderError(String(outDir), 'không hợp lệ.', 'is not valid.');
  const out = path.resolve(outDir);
  const data = path.resolve(dataDir);
  if (out === path.parse(out).root) throw folderError(out, 'là thư mục gốc của ổ đĩa; hãy chọn một thư mục riêng.', 'is the root of the drive; choose a folder of its own.');
  if (isInside(out, data) || isInside(data, out)) {
    throw folderError(out, 'là (hoặc nằm trong, hoặc chứa) thư mục dữ liệu của Tòa Soạn; hãy chọn thư mục khác.', "is (or is inside, or contains) Tòa Soạn's data folder; choose another folder.");
  }
  let stat: import('node:fs').Stats | null = null;
  try {
    stat = await fs.stat(out);
  } catch {
    stat = null;
  }
  if (stat && !stat.isDirectory()) throw folderError(out, 'là một tệp, không phải thư mục.', 'is a file, not a folder.');
  try {
    await fs.mkdir(out, { recursive: true });
    const probe = path.join(out, `.toasoan-probe-${process.pid}-${Date.now()}.tmp`);
    await fs.writeFile(probe, '');
    await fs.rm(probe, { force: true });
  } catch {
    throw folderError(out, 'không tạo được hoặc không ghi được; hãy kiểm tra quyền ghi.', 'cannot be created or written to; check its permissions.');
  }
  return out;
}

function bodyHtmlOf(article: Article, mediaUrl: RenderOptions['mediaUrl']): string {
  const body = parseBody(article.bodyJson);
  if (body === null) return legacyHtmlToParagraphs(article.bodyHtml);
  return renderBodyHtml(body, { mediaUrl });
}

function mediaRefsOf(article: Article): string[] {
  const refs = bodyMediaRefs(parseBody(article.bodyJson));
  if (typeof article.featuredImage === 'string' && MEDIA_REF_PATTERN.test(article.featuredImage) && !refs.includes(article.featuredImage)) {
    refs.push(article.featuredImage);
  }
  return refs;
}

function absolute(baseUrl: string, rel: string): string {
  return new URL(rel, baseUrl).href;
}

// ---------------------------------------------------------------------------------------------- pages

function shell(opts: { title: string; portalName: string; cssHref: string; homeHref: string; main: string; footer: string }): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="vi">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(PAGE_CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(opts.title)}</title>`,
    `<link rel="stylesheet" href="${escapeHtml(opts.cssHref)}">`,
    '</head>',
    '<body>',
    `<header class="portal-header"><div class="wrap"><a class="portal-name" href="${escapeHtml(opts.homeHref)}">${escapeHtml(opts.portalName)}</a></div></header>`,
    `<main class="wrap content">\n${opts.main}\n</main>`,
    opts.footer,
    '</body>',
    '</html>',
  ].join('\n');
}

function itemHtml(item: SiteArticle, href: string): string {
  const a = item.article;
  const date = dateLineOf(a.publishedAt);
  return [
    '<li>',
    `<h3 class="item-title"><a href="${escapeHtml(href)}">${escapeHtml(present(a.title) ? a.title.trim() : item.file)}</a></h3>`,
    date ? `<p class="dateline">${escapeHtml(date)}</p>` : '',
    present(a.lead) ? `<p class="item-lead">${escapeHtml(a.lead.trim())}</p>` : '',
    '</li>',
  ]
    .filter(Boolean)
    .join('');
}

function footerHtml(portalName: string, address: string | null | undefined): string {
  const lines = [`<p>© ${escapeHtml(portalName.toUpperCase())}</p>`];
  if (present(address)) lines.push(`<p>Địa chỉ: ${escapeHtml(address.trim())}</p>`);
  return `<footer class="portal-footer"><div class="wrap">${lines.join('')}</div></footer>`;
}

function rssXml(title: string, link: string, selfDescription: string, items: SiteArticle[], baseUrl: string): string {
  const rows = items.slice(0, FEED_ITEMS).map((item) => {
    const a = item.article;
    const url = absolute(baseUrl, item.rel);
    const date = validDate(a.publishedAt);
    return [
      '<item>',
      `<title>${escapeHtml(present(a.title) ? a.title.trim() : item.file)}</title>`,
      `<link>${escapeHtml(url)}</link>`,
      `<guid isPermaLink="true">${escapeHtml(url)}</guid>`,
      date ? `<pubDate>${date.toUTCString()}</pubDate>` : '',
      present(a.lead) ? `<description>${escapeHtml(a.lead.trim())}</description>` : '',
      '</item>',
    ]
      .filter(Boolean)
      .join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0">',
    '<channel>',
    `<title>${escapeHtml(title)}</title>`,
    `<link>${escapeHtml(link)}</link>`,
    `<description>${escapeHtml(selfDescription)}</description>`,
    '<language>vi</language>',
    ...rows,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------- the build

export async function buildStaticSite(
  db: Db,
  dataDir: string,
  outDir: string,
  onProgress?: (done: number, total: number) => void,
  options: StaticSiteOptions = {},
): Promise<StaticSiteResult> {
  const out = await prepareOutDir(dataDir, outDir);
  let baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  try {
    const u = new URL(baseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
    baseUrl = u.href.endsWith('/') ? u.href : `${u.href}/`;
  } catch {
    throw new ContractError('VALIDATION', `Địa chỉ trang "${baseUrl}" không hợp lệ (cần http:// hoặc https://).`, `The site address "${baseUrl}" is not valid (http:// or https:// expected).`);
  }

  const portal = getPortalProfile(db);
  const portalName = portal && present(portal.name) ? portal.name.trim() : 'Cổng thông tin điện tử';

  // Folders for the categories, in their order; reserved or clashing names get a suffix.
  const categories = listCategories(db);
  const folderOf = new Map<number, { folder: string; name: string }>();
  const usedFolders = new Set<string>([UNCATEGORIZED_FOLDER, ...RESERVED_FOLDERS]);
  for (const c of categories) {
    let folder = safeName(c.slug, `chuyen-muc-${c.id}`);
    if (usedFolders.has(folder)) {
      let n = 2;
      while (usedFolders.has(`${folder}-${n}`)) n++;
      folder = `${folder}-${n}`;
    }
    usedFolders.add(folder);
    folderOf.set(c.id, { folder, name: c.name });
  }

  const ids = (db.prepare("SELECT id FROM articles WHERE status = 'published' AND trashed_at IS NULL ORDER BY id").all() as { id: number }[]).map((r) => r.id);
  const usedFiles = new Map<string, Set<string>>();
  const articles: SiteArticle[] = [];
  for (const id of ids) {
    const article = getArticle(db, id);
    const cat = article.categoryId === null ? undefined : folderOf.get(article.categoryId);
    const folder = cat?.folder ?? UNCATEGORIZED_FOLDER;
    const used = usedFiles.get(folder) ?? new Set<string>();
    usedFiles.set(folder, used);
    const base = safeName(article.slug, `bai-${article.id}`);
    let file = RESERVED_FILES.test(base) ? `${base}-bai` : base;
    if (used.has(file)) {
      let n = 2;
      while (used.has(`${file}-${n}`)) n++;
      file = `${file}-${n}`;
    }
    used.add(file);
    const date = validDate(article.publishedAt);
    articles.push({
      article,
      folder,
      file,
      rel: `${folder}/${file}.html`,
      categoryName: cat?.name ?? null,
      sortKey: date ? date.toISOString() : '',
    });
  }
  // Newest first (unknown dates last), then by id descending.
  const newestFirst = (a: SiteArticle, b: SiteArticle): number =>
    a.sortKey === b.sortKey ? b.article.id - a.article.id : a.sortKey === '' ? 1 : b.sortKey === '' ? -1 : a.sortKey < b.sortKey ? 1 : -1;
  const sorted = [...articles].sort(newestFirst);

  const groups = new Map<string, SiteCategory>();
  for (const c of categories) {
    const f = folderOf.get(c.id);
    if (f) groups.set(f.folder, { folder: f.folder, name: c.name, items: [] });
  }
  groups.set(UNCATEGORIZED_FOLDER, { folder: UNCATEGORIZED_FOLDER, name: 'Tin tức', items: [] });
  for (const item of sorted) groups.get(item.folder)?.items.push(item);
  const activeGroups = [...groups.values()].filter((g) => g.items.length > 0);

  // Media present in the data folder: only those are referenced and copied.
  const media = new Map<string, string>();
  for (const item of articles) {
    for (const ref of mediaRefsOf(item.article)) {
      if (media.has(ref)) continue;
      const m = MEDIA_REF_PATTERN.exec(ref);
      if (!m) continue;
      const source = mediaFilePath(dataDir, `${m[1]}.${m[2]}`);
      if (!source) continue;
      try {
        if ((await fs.stat(source)).isFile()) media.set(ref, source);
      } catch {
        // Missing: the image is left out of the page.
      }
    }
  }
  const mediaUrl: RenderOptions['mediaUrl'] = (ref) => {
    if (!media.has(ref)) return null;
    const m = MEDIA_REF_PATTERN.exec(ref);
    return m ? `/images/${m[1]}.${m[2]}` : null;
  };

  // Every output: path → producer.
  const outputs: { rel: string; make: () => Promise<string | Buffer> | string | Buffer }[] = [];
  let pages = 0;
  outputs.push({ rel: 'assets/site.css', make: () => `${SITE_CSS}\n` });

  for (const item of articles) {
    pages++;
    outputs.push({
      rel: item.rel,
      make: () => {
        const group = groups.get(item.folder);
        const relatedLinks: RelatedArticleLink[] = (group?.items ?? [])
          .filter((other) => other !== item)
          .slice(0, RELATED_LIMIT)
          .map((other) => ({ title: other.article.title, href: `${other.file}.html`, publishedAt: other.article.publishedAt }));
        return renderPortalPage({
          portal,
          article: { ...item.article, categoryName: item.categoryName },
          bodyHtml: bodyHtmlOf(item.article, mediaUrl),
          related: relatedLinks,
          mediaUrl,
          mediaOrigins: ["'self'"],
          purpose: 'site',
          lang: 'vi',
        });
      },
    });
  }

  const footer = footerHtml(portalName, portal?.address);
  const categoryPagesOf = new Map<string, string[]>();
  for (const group of activeGroups) {
    const count = Math.max(1, Math.ceil(group.items.length / CATEGORY_PAGE_SIZE));
    const names = Array.from({ length: count }, (_, i) => (i === 0 ? 'index.html' : `trang-${i + 1}.html`));
    categoryPagesOf.set(group.folder, names);
    names.forEach((name, i) => {
      pages++;
      outputs.push({
        rel: `${group.folder}/${name}`,
        make: () => {
          const slice = group.items.slice(i * CATEGORY_PAGE_SIZE, (i + 1) * CATEGORY_PAGE_SIZE);
          const pager = [
            i > 0 ? `<a rel="prev" href="${names[i - 1]}">« Trang trước</a>` : '<span></span>',
            i < count - 1 ? `<a rel="next" href="${names[i + 1]}">Trang sau »</a>` : '<span></span>',
          ];
          const main = [
            `<h1 class="section-title">${escapeHtml(group.name)}${count > 1 ? ` <small>(trang ${i + 1}/${count})</small>` : ''}</h1>`,
            `<ul class="items">${slice.map((item) => itemHtml(item, `${item.file}.html`)).join('')}</ul>`,
            count > 1 ? `<nav class="pager" aria-label="Phân trang">${pager.join('')}</nav>` : '',
          ]
            .filter(Boolean)
            .join('\n');
          const title = `${group.name}${i > 0 ? ` - Trang ${i + 1}` : ''} - ${portalName}`;
          return shell({ title, portalName, cssHref: '../assets/site.css', homeHref: '../index.html', main, footer });
        },
      });
    });
    outputs.push({
      rel: `${group.folder}/rss.xml`,
      make: () => rssXml(`${group.name} - ${portalName}`, absolute(baseUrl, `${group.folder}/index.html`), `Tin mới của chuyên mục ${group.name}`, group.items, baseUrl),
    });
  }

  pages++;
  outputs.push({
    rel: 'index.html',
    make: () => {
      const sections = activeGroups.map(
        (group) =>
          `<section class="section"><h2 class="section-title"><a href="${group.folder}/index.html">${escapeHtml(group.name)}</a></h2>` +
          `<ul class="items">${group.items
            .slice(0, HOME_PER_CATEGORY)
            .map((item) => itemHtml(item, item.rel))
            .join('')}</ul>` +
          (group.items.length > HOME_PER_CATEGORY ? `<p class="more"><a href="${group.folder}/index.html">Xem tất cả »</a></p>` : '') +
          '</section>',
      );
      const main = [`<h1 class="sr-only section-title">${escapeHtml(portalName)}</h1>`, sections.length > 0 ? sections.join('\n') : '<p>Chưa có bài viết nào được xuất bản.</p>'].join('\n');
      return shell({ title: portalName, portalName, cssHref: 'assets/site.css', homeHref: 'index.html', main, footer });
    },
  });
  outputs.push({ rel: 'rss.xml', make: () => rssXml(portalName, baseUrl, `Tin mới của ${portalName}`, sorted, baseUrl) });
  outputs.push({
    rel: 'sitemap.xml',
    make: () => {
      const latest = sorted.find((item) => item.sortKey !== '')?.sortKey ?? null;
      const entry = (rel: string, lastmod: string | null): string =>
        `<url><loc>${escapeHtml(absolute(baseUrl, rel))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`;
      const lastmodOf = (a: Article): string | null => validDate(a.updatedAt)?.toISOString() ?? validDate(a.publishedAt)?.toISOString() ?? null;
      const rows = [entry('index.html', latest)];
      for (const group of activeGroups) {
        const groupLatest = group.items.find((item) => item.sortKey !== '')?.sortKey ?? null;
        for (const name of categoryPagesOf.get(group.folder) ?? []) rows.push(entry(`${group.folder}/${name}`, groupLatest));
      }
      for (const item of articles) rows.push(entry(item.rel, lastmodOf(item.article)));
      return ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...rows, '</urlset>', ''].join('\n');
    },
  });
  for (const [ref, source] of media) {
    const m = MEDIA_REF_PATTERN.exec(ref) as RegExpExecArray;
    outputs.push({ rel: `images/${m[1]}.${m[2]}`, make: () => fs.readFile(source) });
  }

  const total = outputs.length;
  let done = 0;
  onProgress?.(0, total);
  const written = new Set<string>();
  for (const output of outputs) {
    const target = path.join(out, ...output.rel.split('/'));
    if (!isInside(target, out)) continue;
    try {
      await writeAtomic(target, await output.make());
    } catch (error) {
      throw folderError(out, `không ghi được tệp ${output.rel}: ${(error as Error).message}`, `could not take the file ${output.rel}: ${(error as Error).message}`);
    }
    written.add(output.rel);
    done++;
    onProgress?.(done, total);
  }

  // Remove what the previous build wrote and this one did not (its unpublished articles' pages, old list pages).
  let previous: string[] = [];
  try {
    const parsed: unknown = JSON.parse(await fs.readFile(path.join(out, MANIFEST_FILE), 'utf8'));
    if (Array.isArray(parsed)) previous = parsed.filter((p): p is string => typeof p === 'string');
  } catch {
    previous = [];
  }
  for (const rel of previous) {
    if (written.has(rel) || rel.includes('..') || path.isAbsolute(rel)) continue;
    const target = path.join(out, ...rel.split('/'));
    if (!isInside(target, out) || target === out) continue;
    await fs.rm(target, { force: true }).catch(() => undefined);
    await fs.rmdir(path.dirname(target)).catch(() => undefined);
  }
  await writeAtomic(path.join(out, MANIFEST_FILE), `${JSON.stringify([...written].sort())}\n`);

  return { articles: articles.length, pages, files: written.size };
}
