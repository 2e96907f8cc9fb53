import type { Article } from '../../../shared/contract/articles';
import { legacyHtmlToParagraphs, renderBodyHtml, type RenderOptions } from '../../../shared/render/article-html';
import type { AttachmentLink } from '../../../shared/render/attachments';
import { MEDIA_REF_PATTERN, parseBody } from '../../../shared/render/body-nodes';
import {
  PORTAL_TOOLS,
  renderPortalDocument,
  renderPortalPage,
  SEARCH_PAGE,
  type PortalFrame,
} from '../../../shared/render/portal-page';
import { portalDateLine } from '../../../shared/text/dateline';
import { escapeHtml, escapeText } from '../../../shared/text/escape-html';
import { searchTerms } from '../../../shared/text/fold';
import { pageRel, type SiteItem, type SiteLook } from './site-model';

/** The static site's pages, feeds and search index, as pure functions of what they show. */

export type { SiteLook } from './site-model';

export const CATEGORY_PAGE_SIZE = 20;
export const HOME_PER_CATEGORY = 5;
export const FEED_ITEMS = 50;

/** The portal's own pages at the site's root, and the search page's script and index in assets/. */
export { SEARCH_PAGE };
export const CONTACTS_PAGE = 'lien-he.html';
export const SITEMAP_PAGE = 'so-do-trang.html';
export const SEARCH_SCRIPT = 'assets/tim-kiem.js';
export const SEARCH_INDEX = 'assets/tim-kiem.json';

export function searchShardFile(month: string): string {
  return `assets/tim-kiem-${month}.json`;
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

// ---------------------------------------------------------------------------------------------- the frame

/** The frame of a page `up` below the root ('' or '../'), its menu entry marked when it is a category's page. */
function frameOf(look: SiteLook, up: '' | '../', folder: string | null = null): PortalFrame {
  return {
    portal: look.portal,
    extras: look.extras,
    home: `${up}index.html`,
    menu: look.menu.map((entry) => ({ label: entry.name, href: `${up}${entry.folder}/index.html` })),
    currentMenu: folder ? `${up}${folder}/index.html` : null,
    search: `${up}${SEARCH_PAGE}`,
    tools: PORTAL_TOOLS.map((tool) => ({ label: tool.label, href: `${up}${tool.page}` })),
  };
}

function feedLink(href: string): string {
  return `<link rel="alternate" type="application/rss+xml" title="RSS" href="${escapeHtml(href)}">`;
}

/** A list page of the site: the frame around `main`, no script. */
function listPage(
  look: SiteLook,
  opts: { title: string; up: '' | '../'; folder?: string | null; feed: string | null; main: string },
): string {
  return renderPortalDocument({
    title: opts.title,
    frame: frameOf(look, opts.up, opts.folder ?? null),
    main: opts.main,
    mediaOrigins: ["'self'"],
    scripts: null,
    head: opts.feed ? feedLink(opts.feed) : '',
  });
}

// ---------------------------------------------------------------------------------------------- article pages

function bodyHtmlOf(article: Article, mediaUrl: RenderOptions['mediaUrl']): string {
  const body = parseBody(article.bodyJson);
  if (body === null) return legacyHtmlToParagraphs(article.bodyHtml);
  return renderBodyHtml(body, { mediaUrl });
}

/** Where an attached document's file lies in the site: 'files/<sha>.<ext>', named as in the media store. */
export function attachmentRel(fileName: string): string {
  return `files/${fileName}`;
}

/** Where a media reference lies in the site ('images/<sha>.<ext>'), or null when it is not one. */
export function imageRel(ref: string): string | null {
  const m = MEDIA_REF_PATTERN.exec(ref);
  return m ? `images/${m[1]}.${m[2]}` : null;
}

/**
 * The article's page: the preview's page (renderPortalPage with the same data) in the site's frame, 'Tin đã đưa'
 * linking to the earlier pages of its folder and images from /images (those `image` takes; the others are left out).
 */
export function renderArticlePage(
  look: SiteLook,
  article: Article,
  related: readonly SiteItem[],
  image: (ref: string) => boolean,
  attachments: readonly AttachmentLink[] = [],
): string {
  const mediaUrl: RenderOptions['mediaUrl'] = (ref) => {
    const rel = imageRel(ref);
    return rel && image(ref) ? `../${rel}` : null;
  };
  return renderPortalPage({
    // Its category marked in the menu: by the name it was published under (the folder of its earlier news else).
    ...frameOf(
      look,
      '../',
      look.menu.find((entry) => entry.name === article.categoryName)?.folder ?? related[0]?.folder ?? null,
    ),
    article,
    bodyHtml: bodyHtmlOf(article, mediaUrl),
    related: related.map((item) => ({ title: item.title, href: `${item.file}.html`, publishedAt: item.publishedAt })),
    mediaUrl,
    mediaOrigins: ["'self'"],
    lang: 'vi',
    attachments,
  });
}

// ---------------------------------------------------------------------------------------------- lists

/** An item's thumbnail (its featured image, as its page shows it), or '' when it has none the site can show. */
function thumbnail(look: SiteLook, item: SiteItem, up: '' | '../', className = 'thumb'): string {
  const ref = item.image;
  if (!present(ref) || !look.hasImage(ref)) return '';
  const rel = imageRel(ref);
  // The title beside it says what the picture is about: the image itself is decoration here.
  return rel ? `<img class="${className}" src="${escapeHtml(up + rel)}" alt="" loading="lazy">` : '';
}

function itemHtml(look: SiteLook, item: SiteItem, href: string, up: '' | '../', withLead: boolean): string {
  const date = dateLineOf(item.publishedAt);
  return [
    '<li class="item">',
    thumbnail(look, item, up),
    '<div class="item-text">',
    `<h3 class="item-title"><a href="${escapeHtml(href)}">${escapeHtml(item.title)}</a></h3>`,
    date ? `<p class="item-date">${escapeHtml(date)}</p>` : '',
    withLead && item.lead ? `<p class="item-lead">${escapeHtml(item.lead)}</p>` : '',
    '</div></li>',
  ].join('');
}

function itemsHtml(look: SiteLook, items: readonly SiteItem[], up: '' | '../', withLead = true): string {
  const href = (item: SiteItem): string => (up === '' ? pageRel(item) : `${item.file}.html`);
  return `<ul class="items">${items.map((item) => itemHtml(look, item, href(item), up, withLead)).join('')}</ul>`;
}

/** The section's name as the menu has it for a folder with nothing on the site (its articles' name otherwise). */
function folderOf(look: SiteLook, section: string, latest: readonly SiteItem[]): string | null {
  return latest[0]?.folder ?? look.menu.find((entry) => entry.name === section)?.folder ?? null;
}

/** <folder>/index.html: the latest articles, then every month's archive ('Tin đã đưa'); an empty category says so. */
export function renderFolderIndex(
  look: SiteLook,
  section: string,
  latest: readonly SiteItem[],
  months: readonly string[],
): string {
  const main = [
    `<h1 class="section-title">${escapeHtml(section)}</h1>`,
    latest.length > 0
      ? itemsHtml(look, latest.slice(0, CATEGORY_PAGE_SIZE), '../')
      : '<p class="empty">Chuyên mục chưa có bài viết nào.</p>',
    months.length > 0
      ? `<section class="section" aria-labelledby="archive-title"><h2 class="section-title" id="archive-title">Tin đã đưa</h2><ul class="months">${months
          .map((m) => `<li><a href="${monthPageFile(m, 1)}">${monthLabel(m)}</a></li>`)
          .join('')}</ul></section>`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
  return listPage(look, {
    title: `${section} - ${look.portalName}`,
    up: '../',
    folder: folderOf(look, section, latest),
    feed: latest.length > 0 ? 'rss.xml' : null,
    main,
  });
}

/** Links to every page of a month's archive, the current one marked, with the pages before and after. */
function pager(month: string, page: number, count: number): string {
  if (count < 2) return '';
  const pages = Array.from({ length: count }, (_, i) => i + 1)
    .map((n) =>
      n === page
        ? `<li><span aria-current="page">${n}</span></li>`
        : `<li><a href="${monthPageFile(month, n)}" aria-label="Trang ${n}">${n}</a></li>`,
    )
    .join('');
  const prev = page > 1 ? `<a rel="prev" href="${monthPageFile(month, page - 1)}">« Trang trước</a>` : '';
  const next = page < count ? `<a rel="next" href="${monthPageFile(month, page + 1)}">Trang sau »</a>` : '';
  return `<nav class="pagination" aria-label="Phân trang"><ul class="pager-list">${pages}</ul><div class="pager">${prev}${next}</div></nav>`;
}

/** One page (from 1) of a folder's month archive; `items` is the whole month, newest first. */
export function renderMonthPage(look: SiteLook, month: string, items: readonly SiteItem[], page: number): string {
  const count = monthPageCount(items.length);
  const section = items[0]?.section ?? '';
  const slice = items.slice((page - 1) * CATEGORY_PAGE_SIZE, page * CATEGORY_PAGE_SIZE);
  const heading = `${section} - ${monthLabel(month)}${count > 1 ? ` (trang ${page}/${count})` : ''}`;
  const main = [
    `<h1 class="section-title">${escapeHtml(heading)}</h1>`,
    itemsHtml(look, slice, '../'),
    pager(month, page, count),
    `<p class="more"><a href="index.html">« Về chuyên mục ${escapeHtml(section)}</a></p>`,
  ]
    .filter(Boolean)
    .join('\n');
  return listPage(look, {
    title: `${heading} - ${look.portalName}`,
    up: '../',
    folder: items[0]?.folder ?? null,
    feed: 'rss.xml',
    main,
  });
}

/**
 * The article that leads the home page: the newest with a picture the site can show among those the home page lists,
 * else the newest of them (the lists are newest first, so the sections hold the site's newest).
 */
function topStory(look: SiteLook, sections: readonly SiteSection[]): SiteItem | null {
  const newer = (a: SiteItem, b: SiteItem | null): boolean =>
    !b || a.sortKey > b.sortKey || (a.sortKey === b.sortKey && a.articleId > b.articleId);
  let newest: SiteItem | null = null;
  let pictured: SiteItem | null = null;
  for (const s of sections) {
    for (const item of s.items.slice(0, HOME_PER_CATEGORY)) {
      if (newer(item, newest)) newest = item;
      if (present(item.image) && look.hasImage(item.image) && newer(item, pictured)) pictured = item;
    }
  }
  return pictured ?? newest;
}

export function renderHome(look: SiteLook, sections: readonly SiteSection[]): string {
  const top = topStory(look, sections);
  const topHtml = top
    ? (() => {
        const picture = thumbnail(look, top, '', 'top-image');
        const date = dateLineOf(top.publishedAt);
        return [
          `<section class="top-story${picture ? '' : ' top-story-text-only'}" aria-labelledby="top-story-title">`,
          picture,
          '<div>',
          `<h2 class="item-title" id="top-story-title"><a href="${escapeHtml(pageRel(top))}">${escapeHtml(top.title)}</a></h2>`,
          date ? `<p class="item-date">${escapeHtml(date)}</p>` : '',
          top.lead ? `<p class="item-lead">${escapeHtml(top.lead)}</p>` : '',
          '</div></section>',
        ].join('');
      })()
    : '';
  const blocks = sections.map(
    (s, i) =>
      `<section class="section" aria-labelledby="home-section-${i}"><h2 class="section-title" id="home-section-${i}"><a href="${s.folder}/index.html">${escapeHtml(s.section)}</a></h2>` +
      itemsHtml(look, s.items.slice(0, HOME_PER_CATEGORY), '', false) +
      (s.items.length > HOME_PER_CATEGORY
        ? `<p class="more"><a href="${s.folder}/index.html">Xem tất cả tin ${escapeHtml(s.section)} »</a></p>`
        : '') +
      '</section>',
  );
  const main = [
    `<h1 class="sr-only">${escapeHtml(look.portalName)}</h1>`,
    topHtml,
    blocks.length > 0
      ? `<div class="home-sections">${blocks.join('\n')}</div>`
      : '<p class="empty">Chưa có bài viết nào được xuất bản.</p>',
  ]
    .filter(Boolean)
    .join('\n');
  return listPage(look, { title: look.portalName, up: '', feed: 'rss.xml', main });
}

// ---------------------------------------------------------------------------------------------- the portal's own pages

/** tim-kiem.html: a form and the results, filled in by assets/tim-kiem.js from the prebuilt index (no server). */
export function renderSearchPage(look: SiteLook): string {
  const main = [
    '<h1 class="section-title">Tìm kiếm</h1>',
    `<form class="search-form" id="search-form" action="${SEARCH_PAGE}" method="get" role="search">`,
    '<label for="search-q">Từ khóa (có dấu hoặc không dấu)</label>',
    '<input type="search" id="search-q" name="q" autocomplete="off" required>',
    '<button type="submit">Tìm</button>',
    '</form>',
    '<p class="search-status" id="search-status" role="status" aria-live="polite"></p>',
    '<ol class="items" id="search-results"></ol>',
    '<noscript><p class="empty">Trang tìm kiếm cần JavaScript; mọi bài viết có trong <a href="so-do-trang.html">Sơ đồ trang</a>.</p></noscript>',
  ].join('\n');
  return renderPortalDocument({
    title: `Tìm kiếm - ${look.portalName}`,
    frame: frameOf(look, ''),
    main,
    mediaOrigins: ["'self'"],
    scripts: 'self',
    scriptFile: SEARCH_SCRIPT,
    head: feedLink('rss.xml'),
  });
}

function contactRows(rows: readonly (readonly [string, string])[]): string {
  return rows
    .filter(([, value]) => value !== '')
    .map(([label, value]) => `<div><dt>${escapeHtml(label)}</dt><dd>${value}</dd></div>`)
    .join('');
}

/** lien-he.html: the organisation's contacts from the profile, in Vietnamese and in English. */
export function renderContactsPage(look: SiteLook): string {
  const portal = look.portal;
  const contact = look.extras.contact;
  const plain = (value: string | undefined | null): string => (present(value) ? escapeHtml(value.trim()) : '');
  const email = present(contact?.email)
    ? `<a href="mailto:${escapeHtml(contact.email.trim())}">${escapeHtml(contact.email.trim())}</a>`
    : '';
  const phone = plain(portal?.phone);
  const fax = plain(portal?.fax);
  const vi = contactRows([
    ['Cơ quan', plain(portal?.name) || escapeHtml(look.portalName)],
    ['Địa chỉ', plain(portal?.address)],
    ['Điện thoại', phone],
    ['Fax', fax],
    ['E-mail', email],
    ['Chịu trách nhiệm chính', plain(portal?.responsible)],
  ]);
  const en = contactRows([
    ['Organisation', plain(contact?.nameEn)],
    ['Address', plain(contact?.addressEn)],
    ['Telephone', phone],
    ['Fax', fax],
    ['E-mail', email],
    ['Person responsible', plain(contact?.responsibleEn)],
  ]);
  const main = [
    '<h1 class="section-title">Liên hệ</h1>',
    `<section aria-labelledby="contacts-vi"><h2 class="contacts-title" id="contacts-vi">Thông tin liên hệ</h2><dl class="contacts">${vi}</dl></section>`,
    en
      ? `<section lang="en" aria-labelledby="contacts-en"><h2 class="contacts-title" id="contacts-en">Contact information</h2><dl class="contacts">${en}</dl></section>`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
  return listPage(look, { title: `Liên hệ - ${look.portalName}`, up: '', feed: 'rss.xml', main });
}

/** so-do-trang.html: the site's pages for people — home, every category, the portal's own pages and feeds. */
export function renderSitemapPage(look: SiteLook): string {
  const categories = look.menu
    .map((entry) => `<li><a href="${entry.folder}/index.html">${escapeHtml(entry.name)}</a></li>`)
    .join('');
  const main = [
    '<h1 class="section-title">Sơ đồ trang</h1>',
    '<div class="site-map">',
    '<ul><li><a href="index.html">Trang chủ</a></li></ul>',
    categories ? `<h2 class="contacts-title">Chuyên mục</h2><ul>${categories}</ul>` : '',
    '<h2 class="contacts-title">Tiện ích</h2><ul>',
    `<li><a href="${SEARCH_PAGE}">Tìm kiếm</a></li>`,
    `<li><a href="${CONTACTS_PAGE}">Liên hệ</a></li>`,
    '<li><a href="rss.xml">Tin mới (RSS)</a></li>',
    '<li><a href="sitemap.xml">Sơ đồ trang cho máy tìm kiếm (XML)</a></li>',
    '</ul></div>',
  ]
    .filter(Boolean)
    .join('\n');
  return listPage(look, { title: `Sơ đồ trang - ${look.portalName}`, up: '', feed: 'rss.xml', main });
}

/**
 * The search page's script (a same-origin file, allowed by the page's CSP): loads the index of months, then each
 * month's entries, and matches as the app's own search does — case, tone marks and đ ignored (the fold of
 * shared/text/fold.ts), every finished word whole, the last one also as the start of a word, title matches first.
 * Results are written as text nodes: nothing of the index becomes markup.
 */
export const SEARCH_SCRIPT_SOURCE = `(function () {
  'use strict';
  function fold(text) {
    return String(text).normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').replace(/[\\u0111\\u0110]/g, 'd').toLowerCase().normalize('NFC');
  }
  function words(text) {
    return fold(text).split(/[^\\p{L}\\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }
  function matchAll(have, terms) {
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i], last = i === terms.length - 1, found = false;
      for (var j = 0; j < have.length && !found; j++) found = have[j] === term || (last && have[j].indexOf(term) === 0);
      if (!found) return false;
    }
    return true;
  }
  var form = document.getElementById('search-form');
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  if (!form || !input || !status || !list) return;
  var LIMIT = 100;
  var query = new URLSearchParams(window.location.search).get('q') || '';
  input.value = query;
  var terms = words(query);
  if (terms.length === 0) return;
  status.textContent = 'Đang tìm…';
  function json(url) {
    return fetch(url).then(function (r) { if (!r.ok) throw new Error(url); return r.json(); });
  }
  json('${SEARCH_INDEX}').then(function (index) {
    return Promise.all(index.months.map(function (m) { return json('assets/tim-kiem-' + m + '.json'); }));
  }).then(function (shards) {
    var inTitle = [], elsewhere = [];
    shards.forEach(function (shard) {
      shard.items.forEach(function (item) {
        var title = item[4].split(' ');
        if (matchAll(title, terms)) inTitle.push(item);
        else if (matchAll(title.concat(item[5].split(' ')), terms)) elsewhere.push(item);
      });
    });
    var found = inTitle.concat(elsewhere);
    status.textContent = found.length === 0
      ? 'Không tìm thấy bài viết nào cho “' + query + '”.'
      : 'Tìm thấy ' + found.length + ' bài viết cho “' + query + '”' + (found.length > LIMIT ? ', hiện ' + LIMIT + ' bài mới nhất.' : '.');
    found.slice(0, LIMIT).forEach(function (item) {
      var li = document.createElement('li');
      li.className = 'item';
      var box = document.createElement('div');
      box.className = 'item-text';
      var h = document.createElement('h2');
      h.className = 'item-title';
      var a = document.createElement('a');
      a.href = item[0];
      a.textContent = item[1];
      h.appendChild(a);
      box.appendChild(h);
      var meta = document.createElement('p');
      meta.className = 'item-date';
      meta.textContent = [item[3], item[2]].filter(Boolean).join(' - ');
      box.appendChild(meta);
      li.appendChild(box);
      list.appendChild(li);
    });
  }).catch(function () {
    status.textContent = 'Không tải được chỉ mục tìm kiếm; hãy thử lại sau.';
  });
})();
`;

/** The words of a text as the search script compares them: folded, separated by single spaces. */
function searchWords(text: string): string {
  return searchTerms(text).join(' ');
}

/** assets/tim-kiem-YYYY-MM.json: the month's articles, newest first — link, title, date, section, folded words. */
export function renderSearchShard(items: readonly SiteItem[]): string {
  const rows = items.map((item) => {
    const date = dateLineOf(item.publishedAt);
    return [
      pageRel(item),
      item.title,
      date,
      item.section,
      searchWords(item.title),
      searchWords(`${item.lead} ${item.section}`),
    ];
  });
  return `${JSON.stringify({ items: rows })}\n`;
}

/** assets/tim-kiem.json: the months that have a shard, newest first. */
export function renderSearchIndex(months: readonly string[]): string {
  return `${JSON.stringify({ months })}\n`;
}

/**
 * The files every site has whatever it holds, as they are now: the portal's own pages, the search script and the
 * page of each category with nothing on the site yet (so the menu never leads to a missing page).
 */
export function siteAssets(look: SiteLook): { rel: string; content: string }[] {
  return [
    { rel: SEARCH_PAGE, content: renderSearchPage(look) },
    { rel: CONTACTS_PAGE, content: renderContactsPage(look) },
    { rel: SITEMAP_PAGE, content: renderSitemapPage(look) },
    { rel: SEARCH_SCRIPT, content: SEARCH_SCRIPT_SOURCE },
    ...look.menu
      .filter((entry) => entry.empty)
      .map((entry) => ({ rel: `${entry.folder}/index.html`, content: renderFolderIndex(look, entry.name, [], []) })),
  ];
}

// ---------------------------------------------------------------------------------------------- feeds and sitemaps

/**
 * Text for an RSS element that feed readers read as HTML (RSS 2.0 descriptions, and titles in many readers): escaped
 * as HTML (unless it already is HTML of ours), then as XML, so markup in a title or lead stays text in every reader.
 */
function feedHtml(value: string, isText = true): string {
  return escapeHtml(isText ? escapeText(value) : value);
}

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
      `<title>${feedHtml(item.title)}</title>`,
      `<link>${escapeHtml(url)}</link>`,
      `<guid isPermaLink="true">${escapeHtml(url)}</guid>`,
      `<pubDate>${new Date(item.publishedAt ?? item.sortKey).toUTCString()}</pubDate>`,
      `<category>${feedHtml(item.section)}</category>`,
      item.lead ? `<description>${feedHtml(`<p>${escapeHtml(item.lead)}</p>`, false)}</description>` : '',
      '</item>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0">',
    '<channel>',
    `<title>${feedHtml(title)}</title>`,
    `<link>${escapeHtml(link)}</link>`,
    `<description>${feedHtml(description)}</description>`,
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

/** sitemap-pages.xml: the home page, the portal's own pages and each folder's index (every category's included). */
export function renderPagesSitemap(look: SiteLook, folders: readonly string[]): string {
  const all = [...new Set([...look.menu.map((entry) => entry.folder), ...folders])];
  return urlset(look, [
    { rel: 'index.html', lastmod: null },
    ...[SEARCH_PAGE, CONTACTS_PAGE, SITEMAP_PAGE].map((rel) => ({ rel, lastmod: null })),
    ...all.map((f) => ({ rel: `${f}/index.html`, lastmod: null })),
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
