import type { PortalProfile } from '../contract/app';
import type { ProfileExtras } from '../contract/profile';
import { portalDateLine, vietnamDateParts } from '../text/dateline';
import { escapeHtml } from '../text/escape-html';
import { safeLinkUrl, safeMediaSrc, type RenderOptions } from './article-html';
import { renderAttachmentList, type AttachmentLink } from './attachments';
import { MEDIA_REF_PATTERN } from './body-nodes';

/**
 * The portal's pages as complete HTML documents, all in one frame: the skip link, the header with the portal's logo
 * and name, the category menu, the sidebar (each block only when there is something true to show), the content and
 * the full footer. The article page (tests/fixtures/README.md, top to bottom) is the preview's page and the published
 * page alike: the same function with the same data. A missing field is left out entirely: no 'null', no empty label
 * or heading. The only inline script is the reader controls', allowed by its sha256 hash in the page's CSP.
 */

export interface PortalPageArticle {
  title?: string | null;
  lead?: string | null;
  categoryName?: string | null;
  /** ISO 8601; printed as the portal's date line in Vietnam time. */
  publishedAt?: string | null;
  author?: string | null;
  department?: string | null;
  viewCount?: number | null;
  /** A media reference 'media:<sha256>.<ext>'. */
  featuredImage?: string | null;
  featuredCaption?: string | null;
}

export interface RelatedArticleLink {
  title: string;
  href: string;
  publishedAt: string | null;
}

/** A link of the frame, relative to the page. */
export interface FrameLink {
  label: string;
  href: string;
}

/** Visitor figures, shown only where a publishing target counts them (a static site cannot). */
export interface VisitorCounts {
  online: number;
  today: number;
  total: number;
}

/** The portal's own pages, linked from every page's footer: their names and files at the site's root. */
export const PORTAL_TOOLS = [
  { label: 'Liên hệ', page: 'lien-he.html' },
  { label: 'Sơ đồ trang', page: 'so-do-trang.html' },
  { label: 'RSS', page: 'rss.xml' },
] as const;
export const SEARCH_PAGE = 'tim-kiem.html';

/** What every page of a portal shares around its content. */
export interface PortalFrame {
  portal: PortalProfile | null;
  /** The organisation profile's logo, sidebar links, poll and contacts; a block without its data is left out. */
  extras?: Partial<Pick<ProfileExtras, 'logo' | 'sidebarLinks' | 'poll' | 'contact'>>;
  /** The home page, when the pages have one (the header's name links to it). */
  home?: string | null;
  /** The category menu, in the categories' order. */
  menu?: readonly FrameLink[];
  /** The menu entry of the page's own category (aria-current). */
  currentMenu?: string | null;
  /** The search page, at the menu's end. */
  search?: string | null;
  /** The portal's own pages (search, contacts, sitemap, RSS), in the footer. */
  tools?: readonly FrameLink[];
  visitors?: VisitorCounts | null;
}

export interface PortalPageInput extends PortalFrame {
  article: PortalPageArticle;
  /** The body as renderBodyHtml (or legacyHtmlToParagraphs) wrote it; inserted as is. */
  bodyHtml: string;
  related: readonly RelatedArticleLink[];
  mediaUrl: RenderOptions['mediaUrl'];
  lang: 'vi';
  /**
   * Where images may load from (the CSP's img-src, with data:): origins such as 'http://127.0.0.1:41234' or
   * 'app://toasoan', or "'self'". Default "'self'". Anything else is ignored.
   */
  mediaOrigins?: readonly string[];
  /** Only a target that counts readers shows the article's view count ('Số lượt xem'); the static site cannot. */
  showViewCount?: boolean;
  /** The attached documents (Văn bản đính kèm), each with the address of its file on this page. */
  attachments?: readonly AttachmentLink[];
}

// ---------------------------------------------------------------------------------------------- reader controls

/** Reader-side text colours (Màu chữ) and the size steps (Cỡ chữ) the script applies to the article body. */
export const READER_COLORS = [
  { value: '#1a1a1a', name: 'Đen', className: 'swatch-black' },
  { value: '#0b3d91', name: 'Xanh đậm', className: 'swatch-blue' },
  { value: '#8b1a1a', name: 'Đỏ đậm', className: 'swatch-red' },
] as const;
export const READER_SIZE = { min: 12, base: 16, max: 26, step: 2 } as const;
export const READER_STORAGE_KEY = 'toasoan.reader';

/**
 * The article page's one script: the reader controls and 'In bài viết'. Remembers the reader's choice in localStorage where it may, and silently in memory where
 * it may not (a sandboxed iframe throws on any access to storage).
 */
export const READER_SCRIPT = `(function () {
  'use strict';
  var KEY = ${JSON.stringify(READER_STORAGE_KEY)};
  var COLORS = ${JSON.stringify(READER_COLORS.map((c) => c.value))};
  var MIN = ${READER_SIZE.min}, BASE = ${READER_SIZE.base}, MAX = ${READER_SIZE.max}, STEP = ${READER_SIZE.step};
  var memory = {};
  function load() {
    var state = memory;
    try {
      var raw = window.localStorage.getItem(KEY);
      if (raw) state = JSON.parse(raw);
    } catch (e) {}
    state = state && typeof state === 'object' ? state : {};
    return {
      color: COLORS.indexOf(state.color) >= 0 ? state.color : '',
      size: typeof state.size === 'number' && state.size >= MIN && state.size <= MAX ? state.size : BASE
    };
  }
  function save(state) {
    memory = state;
    try { window.localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) {}
  }
  var body = document.getElementById('article-body');
  var colorButtons = document.querySelectorAll('[data-reader-color]');
  var sizeButtons = document.querySelectorAll('[data-reader-size]');
  var state = load();
  function apply() {
    if (body) {
      body.style.color = state.color;
      body.style.fontSize = state.size === BASE ? '' : state.size + 'px';
    }
    for (var i = 0; i < colorButtons.length; i++) {
      colorButtons[i].setAttribute('aria-pressed', String(colorButtons[i].getAttribute('data-reader-color') === state.color));
    }
    for (var j = 0; j < sizeButtons.length; j++) {
      var step = sizeButtons[j].getAttribute('data-reader-size');
      sizeButtons[j].disabled = (step === '-1' && state.size <= MIN) || (step === '1' && state.size >= MAX);
    }
  }
  function onColor(event) {
    var value = event.currentTarget.getAttribute('data-reader-color');
    state = { color: value === state.color ? '' : value, size: state.size };
    save(state);
    apply();
  }
  function onSize(event) {
    var step = Number(event.currentTarget.getAttribute('data-reader-size'));
    var size = step === 0 ? BASE : Math.min(MAX, Math.max(MIN, state.size + step * STEP));
    state = { color: state.color, size: size };
    save(state);
    apply();
  }
  var printButton = document.querySelector('[data-print]');
  if (printButton) printButton.addEventListener('click', function () { window.print(); });
  for (var k = 0; k < colorButtons.length; k++) colorButtons[k].addEventListener('click', onColor);
  for (var m = 0; m < sizeButtons.length; m++) sizeButtons[m].addEventListener('click', onSize);
  apply();
})();`;

/**
 * The CSP hash source of READER_SCRIPT. Written here rather than computed, because shared/ has no synchronous
 * SHA-256 (Web Crypto's digest is a promise); tests/render/portal-page.test.ts checks it against node:crypto and
 * shows the new value when the script changes.
 */
export const READER_SCRIPT_HASH = 'sha256-Y3OCRHaX4IkH0LMBtk3fk6OeIcYcleNbjZaEqR9Ov4I=';

// ---------------------------------------------------------------------------------------------- the page's style

export const PORTAL_PAGE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#e9ebee;color:#1f1f1f;font-family:Arial,"Helvetica Neue",Helvetica,"Segoe UI",Roboto,sans-serif;font-size:15px;line-height:1.5}
a{color:#0b3d91}
a:hover,a:focus{color:#8f1d21}
:focus-visible{outline:3px solid #d4a017;outline-offset:2px}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.skip-link{position:absolute;left:8px;top:-48px;z-index:10;padding:8px 12px;background:#fff;color:#0b3d91;font-weight:bold;border-radius:0 0 4px 4px}
.skip-link:focus{top:0}
.wrap{max-width:1200px;margin:0 auto;padding:0 16px}
.portal-header{background:linear-gradient(180deg,#a3242a 0%,#8f1d21 100%);color:#fff}
.portal-header .wrap{min-height:88px;display:flex;align-items:center;gap:14px;padding-top:16px;padding-bottom:16px}
.portal-logo{width:64px;height:64px;object-fit:contain;flex:none}
.portal-name{margin:0;font-size:24px;line-height:1.3;font-weight:bold;text-transform:uppercase;letter-spacing:.02em;text-shadow:0 1px 2px rgba(0,0,0,.35);color:#fff;text-decoration:none}
a.portal-name:hover,a.portal-name:focus{color:#fff;text-decoration:underline}
.portal-nav{background:#1f3c88;border-bottom:4px solid #d4a017}
.portal-nav ul{display:flex;flex-wrap:wrap;margin:0;padding:0;list-style:none}
.portal-nav a{display:block;padding:10px 14px;color:#fff;font-size:14px;font-weight:bold;text-decoration:none;text-transform:uppercase}
.portal-nav a:hover,.portal-nav a:focus,.portal-nav a[aria-current="page"]{background:#8f1d21;color:#fff}
.portal-nav .nav-tool{margin-left:auto}
.portal-nav .nav-tool~.nav-tool{margin-left:0}
.page{display:grid;grid-template-columns:260px minmax(0,1fr);gap:20px;align-items:start;padding-top:20px;padding-bottom:24px}
.page-single{display:block}
.sidebar{display:flex;flex-direction:column;gap:16px}
.box{background:#f3f4f6;border:1px solid #d5d9df}
.box-title{margin:0;padding:8px 12px;background:#1f3c88;color:#fff;font-size:14px;line-height:1.4;font-weight:bold;text-transform:uppercase;letter-spacing:.02em}
.box-body{padding:10px 12px;font-size:14px}
.box-links{margin:0;padding:0;list-style:none}
.box-links li{padding:6px 0;border-bottom:1px dotted #c3c8d0}
.box-links li:last-child{border-bottom:0}
.box-links a{text-decoration:none}
.box-links a:hover,.box-links a:focus{text-decoration:underline}
.poll-question{margin:0 0 6px;font-weight:bold}
.poll-options{margin:0;padding-left:20px}
.poll-options li{padding:2px 0}
.box-note{margin:8px 0 0;color:#4a505c;font-size:13px;font-style:italic}
.stats{margin:0}
.stats div{display:flex;justify-content:space-between;gap:8px;padding:4px 0;border-bottom:1px dotted #c3c8d0}
.stats div:last-child{border-bottom:0}
.stats dt{margin:0}
.stats dd{margin:0;font-weight:bold;font-variant-numeric:tabular-nums}
.content{background:#fff;border:1px solid #d5d9df;padding:20px 24px 24px;min-width:0}
.category{margin:0 0 10px;padding-bottom:6px;border-bottom:2px solid #8f1d21;color:#8f1d21;font-size:15px;font-weight:bold;text-transform:uppercase}
.meta{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:8px 16px;margin-bottom:12px;color:#555;font-size:13px}
.dateline{font-style:italic}
.reader-controls{display:flex;flex-wrap:wrap;align-items:center;gap:6px 16px}
.rc-group{display:flex;align-items:center;gap:6px}
.rc-label{color:#333;font-weight:bold}
.reader-controls button{cursor:pointer;font:inherit}
.swatch{width:24px;height:24px;padding:0;border:2px solid #fff;border-radius:50%;box-shadow:0 0 0 1px #6b7280}
.swatch[aria-pressed="true"]{box-shadow:0 0 0 3px #d4a017}
.swatch-black{background:#1a1a1a}
.swatch-blue{background:#0b3d91}
.swatch-red{background:#8b1a1a}
.size,.print-button{min-width:32px;height:26px;padding:0 6px;border:1px solid #6b7280;border-radius:3px;background:#f3f4f6;color:#1f1f1f;font-weight:bold;line-height:1}
.print-button{padding:0 10px;font-size:13px}
.size:disabled{opacity:.45;cursor:default}
.size-small{font-size:12px}
.size-base{font-size:14px}
.size-large{font-size:17px}
.title{margin:0 0 12px;color:#0d2c6c;font-size:24px;line-height:1.35;font-weight:bold}
.lead{margin:0 0 14px;font-weight:bold;font-size:16px;line-height:1.6;text-align:justify}
.featured,.article-body figure{margin:16px auto;text-align:center}
.featured img,.article-body img{display:block;max-width:100%;height:auto;margin:0 auto}
.featured figcaption,.article-body figcaption{margin-top:6px;color:#444;font-size:14px;font-style:italic;line-height:1.45}
.article-body{font-size:16px;line-height:1.65;text-align:justify;overflow-wrap:break-word}
.article-body p{margin:0 0 12px}
.article-body h2{margin:18px 0 10px;font-size:19px;line-height:1.35;text-align:left}
.article-body h3{margin:16px 0 8px;font-size:17px;line-height:1.35;text-align:left}
.article-body blockquote{margin:14px 0;padding:8px 14px;border-left:4px solid #c9ced6;background:#f6f7f9;font-style:italic}
.article-body ul,.article-body ol{margin:0 0 12px;padding-left:28px}
.article-body .table-scroll{margin:0 0 14px;max-width:100%}
.article-body table{border-collapse:collapse;text-align:left;font-size:15px}
.article-body caption{caption-side:top;padding:0 0 6px;font-weight:700;text-align:left}
.article-body th,.article-body td{border:1px solid #9aa7b8;padding:5px 8px;vertical-align:top}
.article-body th{background:#eef2f7}
.article-body td p,.article-body th p{margin:0 0 4px}
.article-body li{margin:3px 0}
.article-body li>ul,.article-body li>ol{margin:3px 0 0}
.article-body code{font-family:Consolas,"Courier New",monospace;font-size:.92em;background:#f1f2f4;padding:0 3px}
.article-body mark{background:#fff3a3}
.article-body a{overflow-wrap:anywhere}
.byline{margin:18px 0 4px;font-weight:bold}
.views{margin:0;color:#555;font-size:13px;text-align:right}
.attachments{margin:20px 0 0;padding:10px 14px;border:1px solid #c9ced6;background:#f6f7f9}
.attachments-title{margin:0 0 6px;font-size:16px;color:#8f1d21}
.attachments ul{margin:0;padding-left:20px}
.attachments li{margin:6px 0;line-height:1.5;overflow-wrap:anywhere}
.attachment-type,.attachment-particulars{color:#444;font-size:14px}
.attachment-scan{color:#8b1a1a;font-size:14px}
.related{margin-top:24px}
.related-title,.section-title{margin:0 0 8px;padding-bottom:6px;border-bottom:2px solid #8f1d21;color:#8f1d21;font-size:16px;font-weight:bold;text-transform:uppercase}
.section-title a{color:#8f1d21;text-decoration:none}
.section-title a:hover,.section-title a:focus{text-decoration:underline}
.related ul{margin:0;padding:0;list-style:none}
.related li{padding:6px 0 6px 16px;border-bottom:1px dotted #c3c8d0;position:relative}
.related li::before{content:"";position:absolute;left:2px;top:14px;border:4px solid transparent;border-left-color:#8f1d21}
.related a{text-decoration:none}
.related a:hover,.related a:focus{text-decoration:underline}
.related-date{color:#555;font-size:13px;white-space:nowrap}
.section{margin-bottom:24px}
.items{margin:0;padding:0;list-style:none}
.item{display:flex;gap:12px;align-items:flex-start;padding:10px 0;border-bottom:1px dotted #c3c8d0}
.item:last-child{border-bottom:0}
.thumb{flex:none;width:120px;height:80px;object-fit:cover;background:#e9ebee;border:1px solid #d5d9df}
.item-text{min-width:0}
.item-title{margin:0 0 4px;font-size:16px;line-height:1.35}
.item-title a{text-decoration:none;color:#0d2c6c}
.item-title a:hover,.item-title a:focus{text-decoration:underline}
.item-date{margin:0 0 4px;color:#555;font-size:13px;font-style:italic}
.item-lead{margin:0;text-align:justify;font-size:14px}
.top-story{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:16px;margin-bottom:24px;padding-bottom:16px;border-bottom:2px solid #8f1d21}
.top-story-text-only{display:block}
.top-story img{display:block;width:100%;height:auto;aspect-ratio:3/2;object-fit:cover;border:1px solid #d5d9df}
.top-story .item-title{font-size:21px}
.top-story .item-lead{font-size:15px}
.home-sections{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:8px 24px}
.months{display:flex;flex-wrap:wrap;gap:6px 18px;margin:0;padding:0;list-style:none}
.pager{display:flex;gap:16px;margin-top:16px}
.pager a[rel="next"]{margin-left:auto}
.pager-list{display:flex;flex-wrap:wrap;gap:6px;margin:16px 0 0;padding:0;list-style:none}
.pager-list a,.pager-list span{display:inline-block;min-width:32px;padding:4px 8px;border:1px solid #c3c8d0;text-align:center;text-decoration:none}
.pager-list [aria-current="page"]{background:#1f3c88;border-color:#1f3c88;color:#fff}
.more{margin:8px 0 0;text-align:right;font-size:14px}
.empty{margin:8px 0;color:#444}
.search-form{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end;margin-bottom:16px}
.search-form label{display:flex;flex-direction:column;gap:4px;font-weight:bold;flex:1 1 240px}
.search-form input{padding:8px 10px;border:1px solid #6b7280;border-radius:3px;font:inherit}
.search-form button{padding:8px 16px;border:1px solid #1f3c88;border-radius:3px;background:#1f3c88;color:#fff;font:inherit;font-weight:bold;cursor:pointer}
.search-status{margin:0 0 8px;color:#333}
.contacts{margin:0 0 20px}
.contacts div{display:grid;grid-template-columns:180px minmax(0,1fr);gap:8px;padding:6px 0;border-bottom:1px dotted #c3c8d0}
.contacts dt{font-weight:bold}
.contacts dd{margin:0}
.contacts-title{margin:16px 0 8px;font-size:18px;color:#0d2c6c}
.site-map ul{margin:0 0 12px;padding-left:22px}
.site-map li{padding:3px 0}
.portal-footer{background:#8f1d21;border-top:4px solid #d4a017;color:#fff;font-size:14px;text-align:center}
.portal-footer .wrap{padding-top:16px;padding-bottom:18px}
.portal-footer p{margin:2px 0}
.portal-footer a{color:#fff}
.footer-name{font-weight:bold;font-size:15px}
.footer-links{display:flex;flex-wrap:wrap;justify-content:center;gap:4px 16px;margin:8px 0 0;padding:0;list-style:none}
@media (max-width:900px){
  .page{display:flex;flex-direction:column;gap:16px;padding-top:12px}
  .content{order:1;width:100%}
  .sidebar{order:2;width:100%}
  .portal-nav .nav-tool{margin-left:0}
}
@media (max-width:600px){
  .wrap{padding:0 10px}
  .portal-header .wrap{min-height:64px;padding-top:12px;padding-bottom:12px}
  .portal-logo{width:44px;height:44px}
  .portal-name{font-size:17px}
  .portal-nav a{padding:8px 10px;font-size:13px}
  .content{padding:14px 14px 18px}
  .title{font-size:20px}
  .meta{flex-direction:column;align-items:flex-start}
  .top-story,.home-sections{display:block}
  .thumb{width:96px;height:64px}
  .contacts div{grid-template-columns:minmax(0,1fr)}
  .portal-footer{font-size:13px}
}
@media print{
  body{background:#fff;color:#000;font-size:12pt}
  .skip-link,.portal-nav,.sidebar,.reader-controls,.related,.footer-links,.pager,.pager-list{display:none}
  .portal-header{background:none;color:#000;border-bottom:2px solid #000}
  .portal-header .wrap{min-height:0;padding:0 0 8px}
  .portal-name{color:#000;text-shadow:none;font-size:14pt}
  .page{display:block;padding:12px 0 0}
  .wrap{max-width:none;padding:0}
  .content{border:0;padding:0}
  .title{color:#000}
  .article-body{font-size:12pt;color:#000}
  .article-body a::after{content:" (" attr(href) ")";font-size:10pt}
  .featured img,.article-body img{max-width:70%;page-break-inside:avoid}
  .portal-footer{background:none;color:#000;border-top:1px solid #000;font-size:10pt}
}
`.trim();

// ---------------------------------------------------------------------------------------------- helpers

const present = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const text = (value: string): string => escapeHtml(value.trim());

function dateLine(iso: string | null | undefined): { line: string; iso: string } | null {
  if (!present(iso)) return null;
  try {
    return { line: portalDateLine(iso), iso: new Date(iso).toISOString() };
  } catch {
    return null;
  }
}

function shortDate(iso: string | null | undefined): string | null {
  if (!present(iso)) return null;
  try {
    const p = vietnamDateParts(iso);
    return `${p.day}/${p.month}/${p.year}`;
  } catch {
    return null;
  }
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** A link of the page: http(s), a fragment or a path relative to the page; anything else is refused. */
export function safePageHref(href: unknown): string | null {
  if (typeof href !== 'string' || href === '' || href.length > 2048) return null;
  const url = safeLinkUrl(href);
  if (url) return url.external ? url.href : null;
  if (SCHEME.test(href) || href.startsWith('//') || /[\u0000-\u0020\u007f-\u009f\s\\]/.test(href)) return null;
  return href;
}

const ORIGIN =
  /^(?:https?:\/\/(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?|app:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)*|'self')$/i;

/** The CSP source for images served under a media base: its origin when absolute, "'self'" when relative. */
export function mediaOriginOf(mediaBase: string): string {
  const m = /^((?:https?|app):\/\/[^/?#]+)/i.exec(mediaBase);
  return m ? (m[1] as string).toLowerCase() : "'self'";
}

/**
 * A page's Content-Security-Policy: nothing but its inline style, the media images and its scripts — by default the
 * reader controls' hashed script; `scripts: 'self'` for the search page's same-origin script and index (and its
 * form); `scripts: null` for a page without script.
 */
export function portalPageCsp(
  mediaOrigins: readonly string[] = ["'self'"],
  scripts: 'reader' | 'self' | null = 'reader',
): string {
  const origins = [...new Set(mediaOrigins.filter((origin) => ORIGIN.test(origin)))];
  return [
    "default-src 'none'",
    scripts === 'reader' ? `script-src '${READER_SCRIPT_HASH}'` : scripts === 'self' ? "script-src 'self'" : '',
    scripts === 'self' ? "connect-src 'self'" : '',
    "style-src 'unsafe-inline'",
    `img-src ${[...origins, 'data:'].join(' ')}`,
    "base-uri 'none'",
    scripts === 'self' ? "form-action 'self'" : "form-action 'none'",
  ]
    .filter(Boolean)
    .join('; ');
}

// ---------------------------------------------------------------------------------------------- the frame

function link(item: FrameLink, attrs = ''): string {
  const href = safePageHref(item.href);
  const label = escapeHtml(item.label.trim());
  if (!href) return label;
  const external = safeLinkUrl(href)?.external ? ' rel="noopener noreferrer"' : '';
  return `<a href="${escapeHtml(href)}"${external}${attrs}>${label}</a>`;
}

function header(frame: PortalFrame): string {
  const portal = frame.portal;
  if (!portal || !present(portal.name)) return '';
  const logo = frame.extras?.logo;
  // The logo is a data: URL checked by the profile's schema (PNG, JPEG or WebP in base64); the name beside it says it all.
  const image = present(logo) ? `<img class="portal-logo" src="${escapeHtml(logo)}" alt="">` : '';
  const home = frame.home ? safePageHref(frame.home) : null;
  const name = home
    ? `<a class="portal-name" href="${escapeHtml(home)}">${text(portal.name)}</a>`
    : `<p class="portal-name">${text(portal.name)}</p>`;
  return `<header class="portal-header"><div class="wrap">${image}${name}</div></header>`;
}

function nav(frame: PortalFrame): string {
  const home = frame.home ? safePageHref(frame.home) : null;
  const items = [
    home ? `<li>${link({ label: 'Trang chủ', href: home })}</li>` : '',
    ...(frame.menu ?? []).map(
      (item) => `<li>${link(item, item.href === frame.currentMenu ? ' aria-current="page"' : '')}</li>`,
    ),
    frame.search ? `<li class="nav-tool">${link({ label: 'Tìm kiếm', href: frame.search })}</li>` : '',
  ].filter(Boolean);
  if (items.length === 0) return '';
  return `<nav class="portal-nav" aria-label="Chuyên mục"><div class="wrap"><ul>${items.join('')}</ul></div></nav>`;
}

/** The sidebar's blocks, each only when it has something true to show; '' when none has. */
function sidebar(frame: PortalFrame): string {
  const links = (frame.extras?.sidebarLinks ?? []).filter((item) => safeLinkUrl(item.url)?.external);
  const poll = frame.extras?.poll;
  const visitors = frame.visitors;
  const blocks: string[] = [];
  if (links.length > 0) {
    const items = links
      .map((item) => `<li>${link({ label: item.label, href: item.url }, ' target="_blank"')}</li>`)
      .join('');
    blocks.push(
      `<section class="box" aria-labelledby="box-links"><h2 class="box-title" id="box-links">Liên kết web</h2><div class="box-body"><ul class="box-links">${items}</ul></div></section>`,
    );
  }
  if (poll && present(poll.question) && poll.options.length > 0) {
    // A page of files cannot count votes: the question and its choices, said plainly.
    const options = poll.options.map((option) => `<li>${text(option)}</li>`).join('');
    blocks.push(
      `<section class="box" aria-labelledby="box-poll"><h2 class="box-title" id="box-poll">Thăm dò</h2><div class="box-body">` +
        `<p class="poll-question">${text(poll.question)}</p><ul class="poll-options">${options}</ul></div></section>`,
    );
  }
  if (visitors) {
    const rows = (
      [
        ['Đang truy cập', visitors.online],
        ['Hôm nay', visitors.today],
        ['Tổng lượt truy cập', visitors.total],
      ] as const
    )
      .map(([label, value]) => `<div><dt>${label}</dt><dd>${value.toLocaleString('vi-VN')}</dd></div>`)
      .join('');
    blocks.push(
      `<section class="box" aria-labelledby="box-stats"><h2 class="box-title" id="box-stats">Thống kê truy cập</h2><div class="box-body"><dl class="stats">${rows}</dl></div></section>`,
    );
  }
  if (blocks.length === 0) return '';
  return `<aside class="sidebar" aria-label="Khối thông tin của cổng">\n${blocks.join('\n')}\n</aside>`;
}

function footer(frame: PortalFrame): string {
  const portal = frame.portal;
  const lines: string[] = [];
  if (portal && present(portal.name)) lines.push(`<p class="footer-name">© ${text(portal.name.toUpperCase())}</p>`);
  if (portal && present(portal.address)) lines.push(`<p>Địa chỉ: ${text(portal.address)}</p>`);
  const email = frame.extras?.contact?.email;
  const contact = [
    portal && present(portal.phone) ? `<span>Điện thoại: ${text(portal.phone)}</span>` : '',
    portal && present(portal.fax) ? `<span>Fax: ${text(portal.fax)}</span>` : '',
    present(email) ? `<span>E-mail: <a href="mailto:${escapeHtml(email.trim())}">${text(email)}</a></span>` : '',
  ]
    .filter(Boolean)
    .join(' - ');
  if (contact) lines.push(`<p>${contact}</p>`);
  if (portal && present(portal.responsible)) {
    const responsible = portal.responsible.trim();
    lines.push(`<p>Chịu trách nhiệm chính: ${escapeHtml(responsible)}${/[.!?…]$/.test(responsible) ? '' : '.'}</p>`);
  }
  const tools = (frame.tools ?? []).map((tool) => `<li>${link(tool)}</li>`).join('');
  if (tools) lines.push(`<ul class="footer-links">${tools}</ul>`);
  if (lines.length === 0) return '';
  return `<footer class="portal-footer"><div class="wrap">${lines.join('')}</div></footer>`;
}

export interface PortalDocument {
  title: string;
  frame: PortalFrame;
  /** The content, inside <main>. */
  main: string;
  mediaOrigins?: readonly string[];
  scripts?: 'reader' | 'self' | null;
  /** Extra elements of <head> (a feed link), already escaped. */
  head?: string;
  /** A script file of the site, relative to the page (scripts: 'self'). */
  scriptFile?: string;
}

/** A complete page of the portal: the frame around `main`. */
export function renderPortalDocument(doc: PortalDocument): string {
  const scripts = doc.scripts === undefined ? 'reader' : doc.scripts;
  const aside = sidebar(doc.frame);
  const scriptFile = scripts === 'self' && doc.scriptFile ? safePageHref(doc.scriptFile) : null;
  return [
    '<!DOCTYPE html>',
    '<html lang="vi">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(portalPageCsp(doc.mediaOrigins, scripts))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${PORTAL_PAGE_CSS}</style>`,
    doc.head ?? '',
    '</head>',
    '<body>',
    '<a class="skip-link" href="#noi-dung">Bỏ qua đến nội dung chính</a>',
    header(doc.frame),
    nav(doc.frame),
    `<div class="wrap page${aside ? '' : ' page-single'}">`,
    aside,
    `<main class="content" id="noi-dung">\n${doc.main}\n</main>`,
    '</div>',
    footer(doc.frame),
    scripts === 'reader' ? `<script>${READER_SCRIPT}</script>` : '',
    scriptFile ? `<script src="${escapeHtml(scriptFile)}"></script>` : '',
    '</body>',
    '</html>',
  ]
    .filter(Boolean)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------- the article

function readerControls(): string {
  const swatches = READER_COLORS.map(
    (c) =>
      `<button type="button" class="swatch ${c.className}" data-reader-color="${c.value}" aria-pressed="false" title="${escapeHtml(c.name)}"><span class="sr-only">${escapeHtml(c.name)}</span></button>`,
  ).join('');
  const sizes = [
    ['-1', 'A-', 'Giảm cỡ chữ', 'size-small'],
    ['0', 'A', 'Cỡ chữ mặc định', 'size-base'],
    ['1', 'A+', 'Tăng cỡ chữ', 'size-large'],
  ]
    .map(
      ([step, label, name, cls]) =>
        `<button type="button" class="size ${cls as string}" data-reader-size="${step as string}" title="${escapeHtml(name as string)}"><span aria-hidden="true">${escapeHtml(label as string)}</span><span class="sr-only">${escapeHtml(name as string)}</span></button>`,
    )
    .join('');
  return (
    '<div class="reader-controls">' +
    `<div class="rc-group" role="group" aria-labelledby="rc-color"><span class="rc-label" id="rc-color">Màu chữ</span>${swatches}</div>` +
    `<div class="rc-group" role="group" aria-labelledby="rc-size"><span class="rc-label" id="rc-size">Cỡ chữ</span>${sizes}</div>` +
    '<button type="button" class="print-button" data-print>In bài viết</button>' +
    '</div>'
  );
}

function featuredFigure(article: PortalPageArticle, mediaUrl: PortalPageInput['mediaUrl']): string {
  const ref = article.featuredImage;
  if (typeof ref !== 'string' || !MEDIA_REF_PATTERN.test(ref)) return '';
  let src: string | null;
  try {
    src = safeMediaSrc(mediaUrl(ref, 'web'));
  } catch {
    src = null;
  }
  if (!src) return '';
  const caption = present(article.featuredCaption) ? article.featuredCaption.trim() : '';
  const alt = caption || (present(article.title) ? article.title.trim() : '');
  return `<figure class="featured"><img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}">${caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ''}</figure>`;
}

function related(items: readonly RelatedArticleLink[]): string {
  const rows = items.flatMap((item) => {
    if (!item || !present(item.title)) return [];
    const href = safePageHref(item.href);
    const title = text(item.title);
    const date = shortDate(item.publishedAt);
    const anchor = href ? `<a href="${escapeHtml(href)}">${title}</a>` : title;
    return [`<li>${anchor}${date ? ` <span class="related-date">(${date})</span>` : ''}</li>`];
  });
  if (rows.length === 0) return '';
  return `<section class="related" aria-labelledby="related-title"><h2 class="related-title" id="related-title">Tin đã đưa</h2><ul>${rows.join('')}</ul></section>`;
}

/** The article itself and its 'Tin đã đưa': what the preview and every published page show inside <main>. */
export function renderArticleMain(input: PortalPageInput): string {
  const article = input.article ?? {};
  const bodyHtml = typeof input.bodyHtml === 'string' ? input.bodyHtml.trim() : '';
  const title = present(article.title) ? article.title.trim() : '';
  const date = dateLine(article.publishedAt);
  const byline = [article.author, article.department]
    .filter(present)
    .map((part) => part.trim())
    .join(' - ');
  const views =
    input.showViewCount === true &&
    typeof article.viewCount === 'number' &&
    Number.isInteger(article.viewCount) &&
    article.viewCount >= 0
      ? article.viewCount
      : null;

  const meta = [
    date ? `<time class="dateline" datetime="${escapeHtml(date.iso)}">${escapeHtml(date.line)}</time>` : '',
    bodyHtml ? readerControls() : '',
  ]
    .filter(Boolean)
    .join('');

  const articleParts = [
    present(article.categoryName) ? `<p class="category">${text(article.categoryName)}</p>` : '',
    meta ? `<div class="meta">${meta}</div>` : '',
    title ? `<h1 class="title">${escapeHtml(title)}</h1>` : '',
    present(article.lead) ? `<p class="lead">${text(article.lead)}</p>` : '',
    featuredFigure(article, input.mediaUrl),
    bodyHtml ? `<div class="article-body" id="article-body">${bodyHtml}</div>` : '',
    byline ? `<p class="byline" style="text-align: right">${escapeHtml(byline)}</p>` : '',
    renderAttachmentList(input.attachments ?? []),
    views === null ? '' : `<p class="views">Số lượt xem: ${views}</p>`,
  ].filter(Boolean);

  const mainParts = [
    articleParts.length > 0 ? `<article class="article">\n${articleParts.join('\n')}\n</article>` : '',
    related(input.related ?? []),
  ].filter(Boolean);
  return mainParts.length > 0 ? mainParts.join('\n') : '<p>Bài viết chưa có nội dung.</p>';
}

export function renderPortalPage(input: PortalPageInput): string {
  const article = input.article ?? {};
  const title = present(article.title) ? article.title.trim() : '';
  const portalName = input.portal && present(input.portal.name) ? input.portal.name.trim() : '';
  return renderPortalDocument({
    title: [title, portalName].filter(Boolean).join(' - ') || 'Xem trước bài viết',
    frame: input,
    main: renderArticleMain(input),
    mediaOrigins: input.mediaOrigins,
    scripts: 'reader',
  });
}
