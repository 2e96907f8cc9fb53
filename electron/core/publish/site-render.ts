import type { PortalProfile } from '../../../shared/contract/app';
import type { ProfileExtras } from '../../../shared/contract/profile';
import type { Article } from '../../../shared/contract/articles';
import { legacyHtmlToParagraphs, renderBodyHtml, type RenderOptions } from '../../../shared/render/article-html';
import { MEDIA_REF_PATTERN, parseBody } from '../../../shared/render/body-nodes';
import { renderPortalPage } from '../../../shared/render/portal-page';
import { portalDateLine } from '../../../shared/text/dateline';
import { escapeHtml } from '../../../shared/text/escape-html';
import { pageRel, type SiteItem } from './site-model';

/** The static site's pages and feeds, as pure functions of what they list. */

export const CATEGORY_PAGE_SIZE = 20;
export const HOME_PER_CATEGORY = 5;
export const FEED_ITEMS = 50;

export const SITE_CSS = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;background:#e9ebee;color:#1f1f1f;font-family:Arial,"Helvetica Neue",Helvetica,"Segoe UI",Roboto,sans-serif;font-size:15px;line-height:1.5}
a{color:#0b3d91}
a:hover,a:focus{color:#8f1d21}
:focus-visible{outline:2px solid #d4a017;outline-offset:2px}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
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
.months{display:flex;flex-wrap:wrap;gap:6px 18px;margin:0;padding:0;list-style:none}
.pager{display:flex;justify-content:space-between;gap:16px;margin-top:16px}
.more{margin:8px 0 0;text-align:right;font-size:14px}
.portal-footer{background:#8f1d21;border-top:4px solid #d4a017;color:#fff;font-size:14px;text-align:center}
.portal-footer .wrap{padding-top:16px;padding-bottom:18px}
.portal-footer p{margin:2px 0}
@media (max-width:600px){.wrap{padding:0 10px}.portal-name{font-size:17px}.content{padding:14px}}
`.trim();

const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

/** What every page of one site shares. */
export interface SiteLook {
  portal: PortalProfile | null;
  portalName: string;
  /** The site's public address, ending in '/'. */
  baseUrl: string;
  /** The organisation profile's logo, sidebar links and poll. */
  extras: ProfileExtras;
}

export interface SiteSection {
  folder: string;
  section: string;
  /** Newest first; one more than the home page shows tells that there are more. */
  items: SiteItem[];
}

const present = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

export function absoluteUrl(look: SiteLook, rel: string): string {
  return new URL(rel, look.baseUrl).href;
}

export function monthPageFile(month: string, page: number): string {
  return page === 1 ? `thang-${month}.html` : `thang-${month}-trang-${page}.html`;
}

export function monthPageCount(items: number): number {
  return Math.ceil(items / CATEGORY_PAGE_SIZE);
}

function monthLabel(month: string): string {
  const [year, mm] = month.split('-');
  return `Tháng ${mm}/${year}`;
}

function dateLineOf(iso: string | null): string {
  if (!present(iso)) return '';
  try {
    return portalDateLine(iso);
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------------------------- article pages

function bodyHtmlOf(article: Article, mediaUrl: RenderOptions['mediaUrl']): string {
  const body = parseBody(article.bodyJson);
  if (body === null) return legacyHtmlToParagraphs(article.bodyHtml);
  return renderBodyHtml(body, { mediaUrl });
}

/** Where a media reference lies in the site ('images/<sha>.<ext>'), or null when it is not one. */
export function imageRel(ref: string): string | null {
  const m = MEDIA_REF_PATTERN.exec(ref);
  return m ? `images/${m[1]}.${m[2]}` : null;
}

/**
 * The article's page: the preview's page (renderPortalPage, purpose 'site') with 'Tin đã đưa' linking to the earlier
 * pages of its folder and images from /images (those `image` takes; the others are left out).
 */
export function renderArticlePage(
  look: SiteLook,
  article: Article,
  related: readonly SiteItem[],
  image: (ref: string) => boolean,
): string {
  const mediaUrl: RenderOptions['mediaUrl'] = (ref) => {
    const rel = imageRel(ref);
    return rel && image(ref) ? `../${rel}` : null;
  };
  return renderPortalPage({
    portal: look.portal,
    article,
    bodyHtml: bodyHtmlOf(article, mediaUrl),
    related: related.map((item) => ({ title: item.title, href: `${item.file}.html`, publishedAt: item.publishedAt })),
    mediaUrl,
    mediaOrigins: ["'self'"],
    purpose: 'site',
    extras: look.extras,
    lang: 'vi',
  });
}

// ---------------------------------------------------------------------------------------------- lists

function shell(look: SiteLook, opts: { title: string; depth: 0 | 1; feed: string | null; main: string }): string {
  const up = opts.depth === 1 ? '../' : '';
  const portal = look.portal;
  const footer = [
    `<p>© ${escapeHtml(look.portalName.toUpperCase())}</p>`,
    present(portal?.address) ? `<p>Địa chỉ: ${escapeHtml(portal.address.trim())}</p>` : '',
  ].join('');
  return [
    '<!DOCTYPE html>',
    '<html lang="vi">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(PAGE_CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(opts.title)}</title>`,
    `<link rel="stylesheet" href="${up}assets/site.css">`,
    opts.feed ? `<link rel="alternate" type="application/rss+xml" title="RSS" href="${escapeHtml(opts.feed)}">` : '',
    '</head>',
    '<body>',
    `<header class="portal-header"><div class="wrap"><a class="portal-name" href="${up}index.html">${escapeHtml(look.portalName)}</a></div></header>`,
    `<main class="wrap content">\n${opts.main}\n</main>`,
    `<footer class="portal-footer"><div class="wrap">${footer}</div></footer>`,
    '</body>',
    '</html>',
  ]
    .filter(Boolean)
    .join('\n');
}

function itemsHtml(items: readonly SiteItem[], href: (item: SiteItem) => string): string {
  const rows = items.map((item) => {
    const date = dateLineOf(item.publishedAt);
    return [
      '<li>',
      `<h3 class="item-title"><a href="${escapeHtml(href(item))}">${escapeHtml(item.title)}</a></h3>`,
      date ? `<p class="dateline">${escapeHtml(date)}</p>` : '',
      item.lead ? `<p class="item-lead">${escapeHtml(item.lead)}</p>` : '',
      '</li>',
    ].join('');
  });
  return `<ul class="items">${rows.join('')}</ul>`;
}

/** <folder>/index.html: the latest articles, then every month's archive ('Tin đã đưa'). */
export function renderFolderIndex(
  look: SiteLook,
  section: string,
  latest: readonly SiteItem[],
  months: readonly string[],
): string {
  const main = [
    `<h1 class="section-title">${escapeHtml(section)}</h1>`,
    itemsHtml(latest.slice(0, CATEGORY_PAGE_SIZE), (item) => `${item.file}.html`),
    months.length > 0
      ? `<section class="section"><h2 class="section-title">Tin đã đưa</h2><ul class="months">${months
          .map((m) => `<li><a href="${monthPageFile(m, 1)}">${monthLabel(m)}</a></li>`)
          .join('')}</ul></section>`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
  return shell(look, { title: `${section} - ${look.portalName}`, depth: 1, feed: 'rss.xml', main });
}

/** One page (from 1) of a folder's month archive; `items` is the whole month, newest first. */
export function renderMonthPage(look: SiteLook, month: string, items: readonly SiteItem[], page: number): string {
  const count = monthPageCount(items.length);
  const section = items[0]?.section ?? '';
  const slice = items.slice((page - 1) * CATEGORY_PAGE_SIZE, page * CATEGORY_PAGE_SIZE);
  const pager =
    count > 1
      ? `<nav class="pager" aria-label="Phân trang">${page > 1 ? `<a rel="prev" href="${monthPageFile(month, page - 1)}">« Trang trước</a>` : '<span></span>'}${
          page < count ? `<a rel="next" href="${monthPageFile(month, page + 1)}">Trang sau »</a>` : '<span></span>'
        }</nav>`
      : '';
  const heading = `${section} - ${monthLabel(month)}${count > 1 ? ` (trang ${page}/${count})` : ''}`;
  const main = [
    `<h1 class="section-title">${escapeHtml(heading)}</h1>`,
    itemsHtml(slice, (item) => `${item.file}.html`),
    pager,
    `<p class="more"><a href="index.html">« Về chuyên mục ${escapeHtml(section)}</a></p>`,
  ]
    .filter(Boolean)
    .join('\n');
  return shell(look, { title: `${heading} - ${look.portalName}`, depth: 1, feed: 'rss.xml', main });
}

export function renderHome(look: SiteLook, sections: readonly SiteSection[]): string {
  const blocks = sections.map(
    (s) =>
      `<section class="section"><h2 class="section-title"><a href="${s.folder}/index.html">${escapeHtml(s.section)}</a></h2>` +
      itemsHtml(s.items.slice(0, HOME_PER_CATEGORY), pageRel) +
      (s.items.length > HOME_PER_CATEGORY
        ? `<p class="more"><a href="${s.folder}/index.html">Xem tất cả »</a></p>`
        : '') +
      '</section>',
  );
  const main = [
    `<h1 class="sr-only">${escapeHtml(look.portalName)}</h1>`,
    blocks.length > 0 ? blocks.join('\n') : '<p>Chưa có bài viết nào được xuất bản.</p>',
  ].join('\n');
  return shell(look, { title: look.portalName, depth: 0, feed: 'rss.xml', main });
}

// ---------------------------------------------------------------------------------------------- feeds and sitemaps

function renderRss(
  look: SiteLook,
  title: string,
  link: string,
  description: string,
  items: readonly SiteItem[],
): string {
  const rows = items.slice(0, FEED_ITEMS).map((item) => {
    const url = absoluteUrl(look, pageRel(item));
    return [
      '<item>',
      `<title>${escapeHtml(item.title)}</title>`,
      `<link>${escapeHtml(url)}</link>`,
      `<guid isPermaLink="true">${escapeHtml(url)}</guid>`,
      `<pubDate>${new Date(item.publishedAt ?? item.sortKey).toUTCString()}</pubDate>`,
      item.lead ? `<description>${escapeHtml(item.lead)}</description>` : '',
      '</item>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0">',
    '<channel>',
    `<title>${escapeHtml(title)}</title>`,
    `<link>${escapeHtml(link)}</link>`,
    `<description>${escapeHtml(description)}</description>`,
    '<language>vi</language>',
    ...rows,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}

export function renderSiteRss(look: SiteLook, latest: readonly SiteItem[]): string {
  return renderRss(look, look.portalName, look.baseUrl, `Tin mới của ${look.portalName}`, latest);
}

export function renderFolderRss(look: SiteLook, folder: string, section: string, latest: readonly SiteItem[]): string {
  return renderRss(
    look,
    `${section} - ${look.portalName}`,
    absoluteUrl(look, `${folder}/index.html`),
    `Tin mới của chuyên mục ${section}`,
    latest,
  );
}

function urlset(look: SiteLook, rows: readonly { rel: string; lastmod: string | null }[]): string {
  const urls = rows.map(
    (r) =>
      `<url><loc>${escapeHtml(absoluteUrl(look, r.rel))}</loc>${r.lastmod ? `<lastmod>${r.lastmod}</lastmod>` : ''}</url>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}

export const PAGES_SITEMAP = 'sitemap-pages.xml';

export function monthSitemapFile(month: string): string {
  return `sitemap-${month}.xml`;
}

/** sitemap-pages.xml: the home page and each folder's index. */
export function renderPagesSitemap(look: SiteLook, folders: readonly string[]): string {
  return urlset(look, [
    { rel: 'index.html', lastmod: null },
    ...folders.map((f) => ({ rel: `${f}/index.html`, lastmod: null })),
  ]);
}

/** sitemap-YYYY-MM.xml: the month's article pages and each folder's archive pages of that month. */
export function renderMonthSitemap(look: SiteLook, month: string, items: readonly SiteItem[]): string {
  const perFolder = new Map<string, number>();
  for (const item of items) perFolder.set(item.folder, (perFolder.get(item.folder) ?? 0) + 1);
  const archives = [...perFolder].flatMap(([folder, n]) =>
    Array.from({ length: monthPageCount(n) }, (_, i) => ({
      rel: `${folder}/${monthPageFile(month, i + 1)}`,
      lastmod: null,
    })),
  );
  return urlset(look, [...items.map((item) => ({ rel: pageRel(item), lastmod: item.updatedAt })), ...archives]);
}

/** sitemap.xml: the index of the pages sitemap and the month sitemaps, newest month first. */
export function renderSitemapIndex(look: SiteLook, months: readonly string[]): string {
  const rows = [PAGES_SITEMAP, ...months.map(monthSitemapFile)].map(
    (rel) => `<sitemap><loc>${escapeHtml(absoluteUrl(look, rel))}</loc></sitemap>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...rows,
    '</sitemapindex>',
    '',
  ].join('\n');
}
