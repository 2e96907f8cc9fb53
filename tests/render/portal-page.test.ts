// @vitest-environment happy-dom
// Run with TZ unset: the date line comes from Intl with Asia/Ho_Chi_Minh, whatever the machine's zone.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Document, Element, HTMLButtonElement, HTMLElement, Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { PortalProfile } from '../../shared/contract/app';
import { renderBodyHtml, type RenderOptions } from '../../shared/render/article-html';
import { MEDIA_REF_PATTERN, type BodyDocument } from '../../shared/render/body-nodes';
import {
  READER_SCRIPT,
  READER_SCRIPT_HASH,
  READER_STORAGE_KEY,
  mediaOriginOf,
  portalPageCsp,
  renderPortalPage,
  type PortalPageInput,
} from '../../shared/render/portal-page';
import { REPO_ROOT } from '../helpers';

interface Seed {
  portal: PortalProfile & { sidebar: string[] };
  article: {
    category: string;
    publishedAt: string;
    dateLine: string;
    title: string;
    body: string[];
    image: { caption: string };
    author: string;
    department: string;
    byline: string;
    views: number;
    readerControls: string[];
    relatedHeading: string;
  };
}
/** The test environment's happy-dom window (typed from happy-dom: the Node project has no DOM lib). */
const window = (globalThis as unknown as { window: Window }).window;
const document = window.document;

const seed = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, 'tests', 'fixtures', 'seed-article.json'), 'utf8'),
) as Seed;

const SHA = 'c'.repeat(64);
const FEATURED = `media:${SHA}.jpg`;
const mediaUrl: RenderOptions['mediaUrl'] = (ref, variant) => {
  const m = MEDIA_REF_PATTERN.exec(ref);
  if (!m) return null;
  return variant === 'thumb'
    ? `http://127.0.0.1:41234/media/${m[1]}.thumb.webp`
    : `http://127.0.0.1:41234/media/${m[1]}.${m[2]}`;
};

/** The seed article's body as the editor stores it: its paragraphs, justified. */
const seedBody: BodyDocument = {
  root: {
    type: 'root',
    children: seed.article.body.map((text) => ({
      type: 'paragraph',
      format: 'justify',
      indent: 0,
      direction: 'ltr',
      version: 1,
      children: [{ type: 'text', text, format: 0, style: '', detail: 0, mode: 'normal', version: 1 }],
    })),
  },
};

const { sidebar: _sidebar, ...seedPortal } = seed.portal;

function seedInput(overrides: Partial<PortalPageInput> = {}): PortalPageInput {
  return {
    portal: seedPortal,
    article: {
      title: seed.article.title,
      lead: '',
      categoryName: seed.article.category,
      publishedAt: seed.article.publishedAt,
      author: seed.article.author,
      department: seed.article.department,
      viewCount: seed.article.views,
      featuredImage: FEATURED,
      featuredCaption: seed.article.image.caption,
    },
    bodyHtml: renderBodyHtml(seedBody, { mediaUrl }),
    related: [
      {
        title: 'Thị xã Giá Rai tổ chức Hội nghị sơ kết công tác giảm nghèo',
        href: '/tin-tuc/hoi-nghi-so-ket.html',
        publishedAt: '2023-03-20T09:30:00+07:00',
      },
      {
        title: 'Trao nhà đại đoàn kết cho hộ nghèo xã Phong Thạnh A',
        href: 'https://giarai.baclieu.gov.vn/tin/trao-nha',
        publishedAt: '2023-03-15T00:30:00Z',
      },
    ],
    mediaUrl,
    mediaOrigins: ['http://127.0.0.1:41234'],
    lang: 'vi',
    // The seed portal as a target that counts readers would show it: its links, its poll, its figures.
    extras: {
      sidebarLinks: [
        { label: 'Cổng thông tin điện tử Chính phủ', url: 'https://chinhphu.vn/' },
        { label: 'Cổng thông tin điện tử tỉnh Bạc Liêu', url: 'https://baclieu.gov.vn/' },
      ],
      poll: { question: 'Bạn quan tâm nhất đến nội dung nào?', options: ['Tin tức - Sự kiện', 'Thủ tục hành chính'] },
    },
    visitors: { online: 12, today: 345, total: 123456 },
    showViewCount: true,
    ...overrides,
  };
}

function parsePage(html: string): Document {
  return new window.DOMParser().parseFromString(html, 'text/html');
}

const textOf = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

const VOID = new Set(['img', 'br', 'input', 'hr', 'meta', 'link', 'source', 'wbr']);

/** Elements that show nothing: no text and no image or control inside. */
function emptyElements(doc: Document): string[] {
  return Array.from(doc.querySelectorAll('body *, title'))
    .filter((el) => {
      const tag = el.tagName.toLowerCase();
      if (VOID.has(tag) || tag === 'script' || tag === 'style') return false;
      return textOf(el) === '' && !el.querySelector('img, input');
    })
    .map((el) => el.outerHTML.slice(0, 120));
}

function cspOf(doc: Document): Map<string, string[]> {
  const content = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
  return new Map(
    content
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

// ---------------------------------------------------------------------------------------------- the seed page

describe('renderPortalPage: the seed article', () => {
  const html = renderPortalPage(seedInput());
  const doc = parsePage(html);

  it('is a complete Vietnamese HTML document', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="vi">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(doc.querySelector('meta[charset]')?.getAttribute('charset')).toBe('utf-8');
    expect(doc.querySelector('meta[name="viewport"]')?.getAttribute('content')).toContain('width=device-width');
    expect(textOf(doc.querySelector('title'))).toBe(`${seed.article.title} - ${seed.portal.name}`);
  });

  it('shows the portal name in the header', () => {
    expect(textOf(doc.querySelector('header .portal-name'))).toBe(seed.portal.name);
  });

  it('has the sidebar blocks with the data it was given, and nothing made up', () => {
    const titles = Array.from(doc.querySelectorAll('aside .box-title'), textOf);
    expect(titles).toEqual(seed.portal.sidebar);
    const links = Array.from(doc.querySelectorAll('aside .box-links a'));
    expect(links.map(textOf)).toContain('Cổng thông tin điện tử tỉnh Bạc Liêu');
    for (const a of links) expect(a.getAttribute('href')).toMatch(/^https:\/\//);
    expect(textOf(doc.querySelector('.poll-question'))).toBe('Bạn quan tâm nhất đến nội dung nào?');
    expect(Array.from(doc.querySelectorAll('.poll-options li'), textOf)).toEqual([
      'Tin tức - Sự kiện',
      'Thủ tục hành chính',
    ]);
    expect(Array.from(doc.querySelectorAll('aside .stats dd'), textOf)).toEqual(['12', '345', '123.456']);
    expect(textOf(doc.querySelector('aside'))).not.toMatch(/mẫu|minh họa|xem trước/);
    expect(doc.querySelector('form')).toBeNull();
  });

  it('prints the category, the date line in Vietnam time and the title', () => {
    expect(textOf(doc.querySelector('.category'))).toBe('Văn hóa - Xã hội');
    expect(textOf(doc.querySelector('time.dateline'))).toBe('Thứ năm, 23/03/2023, 08:05');
    expect(seed.article.dateLine).toBe('Thứ năm, 23/03/2023, 08:05');
    expect(doc.querySelector('time.dateline')?.getAttribute('datetime')).toBe('2023-03-23T01:05:00.000Z');
    const h1 = doc.querySelectorAll('h1');
    expect(h1.length).toBe(1);
    expect(textOf(h1[0])).toBe(seed.article.title);
    // The original page printed 'null' before the title.
    expect(html).not.toMatch(/\bnull\b/);
    expect(html).not.toMatch(/\bundefined\b/);
  });

  it('has the reader controls Màu chữ and Cỡ chữ', () => {
    const controls = doc.querySelector('.reader-controls');
    expect(textOf(controls)).toContain('Màu chữ');
    expect(textOf(controls)).toContain('Cỡ chữ');
    expect(doc.querySelectorAll('[data-reader-color]').length).toBeGreaterThanOrEqual(3);
    const sizes = Array.from(doc.querySelectorAll('[data-reader-size] [aria-hidden="true"]'), textOf);
    expect(sizes).toEqual(['A-', 'A', 'A+']);
    for (const button of Array.from(doc.querySelectorAll('[data-reader-color], [data-reader-size]'))) {
      expect(button.getAttribute('type')).toBe('button');
      expect(textOf(button.querySelector('.sr-only')).length).toBeGreaterThan(0);
    }
    const print = doc.querySelector('.reader-controls [data-print]');
    expect(textOf(print)).toBe('In bài viết');
    expect(print?.getAttribute('type')).toBe('button');
  });

  it('renders the body paragraphs justified, then the byline right-aligned and the view count', () => {
    const paragraphs = Array.from(doc.querySelectorAll('#article-body > p'));
    expect(paragraphs.map(textOf)).toEqual(seed.article.body);
    for (const p of paragraphs) expect(p.getAttribute('style')).toBe('text-align: justify');
    const byline = doc.querySelector('.byline');
    expect(textOf(byline)).toBe('Lam Nguyễn - Phòng LĐTB&XH thị xã');
    expect(textOf(byline)).toBe(seed.article.byline);
    expect(byline?.getAttribute('style')).toBe('text-align: right');
    expect(html).toContain('Lam Nguyễn - Phòng LĐTB&amp;XH thị xã');
    expect(textOf(doc.querySelector('.views'))).toBe('Số lượt xem: 277');
  });

  it('shows the featured image with its caption', () => {
    const figure = doc.querySelector('figure.featured');
    expect(figure?.querySelector('img')?.getAttribute('src')).toBe(`http://127.0.0.1:41234/media/${SHA}.jpg`);
    expect(figure?.querySelector('img')?.getAttribute('alt')).toBe(seed.article.image.caption);
    expect(textOf(figure?.querySelector('figcaption'))).toMatch(/^Hộ Nguyễn Chí Công ấp 18 xã Phong Thạnh A/);
  });

  it('lists the earlier news under Tin đã đưa, each a link with a short date', () => {
    const section = doc.querySelector('.related');
    expect(textOf(section?.querySelector('h2'))).toBe('Tin đã đưa');
    const items = Array.from(section?.querySelectorAll('li') ?? []);
    expect(items.map((li) => textOf(li.querySelector('a')))).toEqual([
      'Thị xã Giá Rai tổ chức Hội nghị sơ kết công tác giảm nghèo',
      'Trao nhà đại đoàn kết cho hộ nghèo xã Phong Thạnh A',
    ]);
    expect(items.map((li) => li.querySelector('a')?.getAttribute('href'))).toEqual([
      '/tin-tuc/hoi-nghi-so-ket.html',
      'https://giarai.baclieu.gov.vn/tin/trao-nha',
    ]);
    expect(items.map((li) => textOf(li.querySelector('.related-date')))).toEqual(['(20/03/2023)', '(15/03/2023)']);
  });

  it('ends with the footer: name uppercased, address, phone, fax and the person responsible', () => {
    const footer = doc.querySelector('footer');
    const lines = Array.from(footer?.querySelectorAll('p') ?? [], textOf);
    expect(lines[0]).toBe('© CỔNG THÔNG TIN ĐIỆN TỬ THỊ XÃ GIÁ RAI TỈNH BẠC LIÊU');
    expect(lines).toContain('Địa chỉ: Khóm 1, phường 1, Thị xã Giá Rai, tỉnh Bạc Liêu');
    expect(lines).toContain('Điện thoại: 0291.3850215-850216-850260 - Fax: 0291.3850965');
    expect(textOf(footer)).toContain('Chịu trách nhiệm chính: Nguyễn Cẩm Tú, Phó Chủ tịch UBND Thị xã Giá Rai');
  });

  it('keeps the order of the portal page, top to bottom', () => {
    const body = textOf(doc.body);
    const order = [
      seed.portal.name,
      'Liên kết web',
      'Thăm dò',
      'Thống kê truy cập',
      'Văn hóa - Xã hội',
      'Thứ năm, 23/03/2023, 08:05',
      'Màu chữ',
      'Cỡ chữ',
      seed.article.title,
      'Hộ Nguyễn Chí Công ấp 18',
      seed.article.body[0] as string,
      seed.article.body[2] as string,
      seed.article.byline,
      'Số lượt xem: 277',
      'Tin đã đưa',
      '© CỔNG THÔNG TIN',
      'Chịu trách nhiệm chính',
    ];
    const positions = order.map((needle) =>
      body.indexOf(needle, needle === seed.article.title ? body.indexOf('Cỡ chữ') : 0),
    );
    for (const [i, position] of positions.entries()) expect(position, order[i]).toBeGreaterThanOrEqual(0);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('has one script, allowed by its sha256 hash in the CSP, and no inline event handlers', () => {
    const scripts = Array.from(doc.querySelectorAll('script'));
    expect(scripts.length).toBe(1);
    const inline = scripts[0]?.textContent ?? '';
    expect(inline).toBe(READER_SCRIPT);
    const expected = `'sha256-${crypto.createHash('sha256').update(inline, 'utf8').digest('base64')}'`;
    expect(`'${READER_SCRIPT_HASH}'`).toBe(expected);
    const csp = cspOf(doc);
    expect(csp.get('script-src')).toEqual([expected]);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('style-src')).toEqual(["'unsafe-inline'"]);
    expect(csp.get('img-src')).toEqual(['http://127.0.0.1:41234', 'data:']);
    expect([...csp.keys()].sort()).toEqual([
      'base-uri',
      'default-src',
      'form-action',
      'img-src',
      'script-src',
      'style-src',
    ]);
    expect(html).not.toContain('unsafe-eval');
    for (const el of Array.from(doc.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes))
        expect(attr.name.startsWith('on'), `${attr.name} on <${el.tagName}>`).toBe(false);
    }
    // The CSP comes before the first style and the script, so it governs them.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
    expect(doc.querySelectorAll('style').length).toBe(1);
  });

  it('has no empty elements', () => {
    expect(emptyElements(doc)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------- missing fields

describe('renderPortalPage: missing fields are left out entirely', () => {
  const bare: PortalPageInput = {
    portal: null,
    article: {
      title: 'Chỉ có tiêu đề',
      lead: null,
      categoryName: null,
      publishedAt: null,
      author: null,
      department: null,
      viewCount: null,
      featuredImage: null,
      featuredCaption: null,
    },
    bodyHtml: '',
    related: [],
    mediaUrl: () => null,
    lang: 'vi',
  };

  it('prints no null, no undefined, no empty element and no dangling label', () => {
    for (const input of [bare, { ...bare, article: { title: 'Chỉ có tiêu đề' } }, { ...bare, article: {} }]) {
      const html = renderPortalPage(input);
      const doc = parsePage(html);
      expect(html).not.toMatch(/\bnull\b/i);
      expect(html).not.toMatch(/\bundefined\b/i);
      expect(html).not.toContain('NaN');
      expect(html).not.toContain('[object');
      expect(emptyElements(doc)).toEqual([]);
      const text = textOf(doc.body);
      for (const label of [
        'Số lượt xem',
        'Tin đã đưa',
        'Địa chỉ',
        'Điện thoại',
        'Fax',
        'Chịu trách nhiệm chính',
        '©',
        'Màu chữ',
        'Cỡ chữ',
      ]) {
        expect(text, label).not.toContain(label);
      }
      expect(doc.querySelector('header')).toBeNull();
      expect(doc.querySelector('footer')).toBeNull();
      expect(
        doc.querySelector('.byline, .category, .dateline, .lead, figure, .related, #article-body, .views'),
      ).toBeNull();
      expect(text).not.toMatch(/ - (?:\s|$)|^- /);
      expect(textOf(doc.querySelector('title')).length).toBeGreaterThan(0);
      // No profile, no figures: no sidebar at all, the content takes the width.
      expect(doc.querySelector('aside')).toBeNull();
      expect(doc.querySelector('.page-single')).not.toBeNull();
    }
  });

  it('prints the one title when that is all there is', () => {
    const doc = parsePage(renderPortalPage(bare));
    expect(textOf(doc.querySelector('h1'))).toBe('Chỉ có tiêu đề');
    expect(textOf(doc.querySelector('title'))).toBe('Chỉ có tiêu đề');
  });

  it('treats blank strings as missing', () => {
    const html = renderPortalPage({
      ...bare,
      portal: { name: 'Cổng X', address: ' ', phone: '', fax: '  ', responsible: '' },
      article: {
        ...bare.article,
        lead: '   ',
        categoryName: ' ',
        author: ' ',
        department: '',
        featuredCaption: ' ',
        publishedAt: '',
      },
    });
    const doc = parsePage(html);
    expect(emptyElements(doc)).toEqual([]);
    expect(Array.from(doc.querySelectorAll('footer p'), textOf)).toEqual(['© CỔNG X']);
    expect(doc.querySelector('.byline, .lead, .category, .dateline')).toBeNull();
  });

  it('joins only the byline parts that exist', () => {
    const byline = (author: string | null, department: string | null) =>
      textOf(
        parsePage(renderPortalPage({ ...bare, article: { ...bare.article, author, department } })).querySelector(
          '.byline',
        ),
      );
    expect(byline('Lam Nguyễn', null)).toBe('Lam Nguyễn');
    expect(byline('', 'Phòng LĐTB&XH thị xã')).toBe('Phòng LĐTB&XH thị xã');
    expect(byline(' Lam Nguyễn ', ' Phòng LĐTB&XH thị xã ')).toBe('Lam Nguyễn - Phòng LĐTB&XH thị xã');
    expect(byline(null, null)).toBe('');
  });

  it('prints phone and fax apart when only one exists', () => {
    const footer = (phone: string, fax: string) =>
      Array.from(
        parsePage(
          renderPortalPage({ ...bare, portal: { name: 'Cổng X', address: '', phone, fax, responsible: '' } }),
        ).querySelectorAll('footer p'),
        textOf,
      );
    expect(footer('0291.3850215', '')).toEqual(['© CỔNG X', 'Điện thoại: 0291.3850215']);
    expect(footer('', '0291.3850965')).toEqual(['© CỔNG X', 'Fax: 0291.3850965']);
  });

  it('leaves out a date it cannot read, an image it cannot serve and a caption without an image', () => {
    const doc = parsePage(
      renderPortalPage({
        ...bare,
        article: {
          ...bare.article,
          publishedAt: 'not a date',
          featuredImage: 'https://evil.example/x.jpg',
          featuredCaption: 'Chú thích',
        },
        mediaUrl,
      }),
    );
    expect(doc.querySelector('.dateline, figure')).toBeNull();
    const noUrl = parsePage(
      renderPortalPage({
        ...bare,
        article: { ...bare.article, featuredImage: FEATURED, featuredCaption: 'Chú thích' },
      }),
    );
    expect(noUrl.querySelector('figure')).toBeNull();
  });

  it('shows a view count only where the target counts readers: 0 but not a nonsense one', () => {
    const views = (viewCount: number | null, showViewCount = true) =>
      textOf(
        parsePage(renderPortalPage({ ...bare, article: { ...bare.article, viewCount }, showViewCount })).querySelector(
          '.views',
        ),
      );
    expect(views(277, false)).toBe('');
    expect(views(0)).toBe('Số lượt xem: 0');
    expect(views(-1)).toBe('');
    expect(views(1.5)).toBe('');
    expect(views(Number.NaN)).toBe('');
  });

  it('shows a note rather than an empty main when the article has nothing at all', () => {
    const doc = parsePage(renderPortalPage({ ...bare, article: {} }));
    expect(textOf(doc.querySelector('main'))).toBe('Bài viết chưa có nội dung.');
  });
});

// ---------------------------------------------------------------------------------------------- escaping

describe('renderPortalPage: escaping', () => {
  const EVIL = `<b>x</b><script>alert(1)</script>&"' onload="alert(1)`;

  it('escapes every field', () => {
    const html = renderPortalPage({
      portal: { name: `Cổng ${EVIL}`, address: EVIL, phone: EVIL, fax: EVIL, responsible: EVIL },
      article: {
        title: `Tiêu đề ${EVIL}`,
        lead: EVIL,
        categoryName: EVIL,
        publishedAt: seed.article.publishedAt,
        author: EVIL,
        department: EVIL,
        viewCount: 3,
        featuredImage: FEATURED,
        featuredCaption: EVIL,
      },
      bodyHtml: '<p>thân bài</p>',
      related: [
        { title: EVIL, href: '#', publishedAt: null },
        { title: 'Liên kết xấu', href: 'javascript:alert(1)', publishedAt: 'not a date' },
        { title: 'Liên kết xấu 2', href: '//evil.example/x', publishedAt: null },
        { title: 'Liên kết xấu 3', href: `/x" onclick="alert(1)`, publishedAt: null },
        { title: 'Liên kết xấu 4', href: ' javascript:alert(1)', publishedAt: null },
      ],
      mediaUrl,
      mediaOrigins: [
        'http://127.0.0.1:41234',
        "https://x; script-src 'unsafe-inline'",
        'javascript:',
        'app://toasoan',
        "'self'",
      ],
      lang: 'vi',
    });
    const doc = parsePage(html);
    expect(doc.querySelectorAll('b').length).toBe(0);
    expect(doc.querySelectorAll('script').length).toBe(1);
    for (const el of Array.from(doc.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes))
        expect(attr.name.startsWith('on'), `${attr.name} on <${el.tagName}>`).toBe(false);
    }
    const text = textOf(doc.body);
    const evilText = EVIL.replace(/\s+/g, ' ');
    for (const shown of [
      `Cổng ${evilText}`,
      `Tiêu đề ${evilText}`,
      `Địa chỉ: ${evilText}`,
      `Điện thoại: ${evilText}`,
      `Fax: ${evilText}`,
      `Chịu trách nhiệm chính: ${evilText}`,
      `${evilText} - ${evilText}`,
    ]) {
      expect(text).toContain(shown);
    }
    expect(textOf(doc.querySelector('.lead'))).toBe(evilText);
    expect(textOf(doc.querySelector('.category'))).toBe(evilText);
    expect(textOf(doc.querySelector('figcaption'))).toBe(evilText);
    expect(doc.querySelector('figure img')?.getAttribute('alt')).toBe(EVIL);
    expect(textOf(doc.querySelector('footer .footer-name'))).toBe(`© CỔNG ${evilText.toUpperCase()}`);
    expect(textOf(doc.querySelector('title'))).toContain('<script>');
    const links = Array.from(doc.querySelectorAll('.related li'));
    expect(links.map((li) => li.querySelector('a')?.getAttribute('href') ?? null)).toEqual([
      '#',
      null,
      null,
      null,
      null,
    ]);
    expect(links.map(textOf).slice(1)).toEqual(['Liên kết xấu', 'Liên kết xấu 2', 'Liên kết xấu 3', 'Liên kết xấu 4']);
    expect(cspOf(doc).get('img-src')).toEqual(['http://127.0.0.1:41234', 'app://toasoan', "'self'", 'data:']);
    expect(cspOf(doc).get('script-src')).toEqual([`'${READER_SCRIPT_HASH}'`]);
  });
});

describe('portalPageCsp and mediaOriginOf', () => {
  it('derives the img-src origin from a media base', () => {
    expect(mediaOriginOf('http://127.0.0.1:41234/')).toBe('http://127.0.0.1:41234');
    expect(mediaOriginOf('http://127.0.0.1:41234/media/')).toBe('http://127.0.0.1:41234');
    expect(mediaOriginOf('app://toasoan/')).toBe('app://toasoan');
    expect(mediaOriginOf('media/')).toBe("'self'");
  });

  it('defaults to self and never lets a source inject a directive', () => {
    expect(portalPageCsp()).toContain("img-src 'self' data:");
    expect(portalPageCsp(['http://a.vn; script-src *'])).toContain('img-src data:;');
    expect(portalPageCsp(['*'])).toContain('img-src data:;');
  });
});

// ---------------------------------------------------------------------------------------------- the reader controls' script

describe('the reader controls script', () => {
  const original = Object.getOwnPropertyDescriptor(window, 'localStorage');
  afterEach(() => {
    if (original) Object.defineProperty(window, 'localStorage', original);
    try {
      window.localStorage.clear();
    } catch {
      // storage was denied by the test
    }
    document.body.innerHTML = '';
  });

  function mount(): void {
    const page = parsePage(renderPortalPage(seedInput()));
    // innerHTML does not run scripts; the script is run below, as the page would.
    document.body.innerHTML = page.body.innerHTML;
    // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call -- the page's own reader script, run as the browser would
    new Function(READER_SCRIPT)();
  }
  const click = (selector: string) => (document.querySelector(selector) as HTMLButtonElement).click();
  const body = () => document.getElementById('article-body') as HTMLElement;

  it('changes the body text size and colour and remembers them in localStorage', () => {
    mount();
    click('[data-reader-size="1"]');
    click('[data-reader-size="1"]');
    expect(body().style.fontSize).toBe('20px');
    click('[data-reader-color="#8b1a1a"]');
    expect(document.querySelector('[data-reader-color="#8b1a1a"]')?.getAttribute('aria-pressed')).toBe('true');
    expect(JSON.parse(window.localStorage.getItem(READER_STORAGE_KEY) ?? '{}')).toEqual({ color: '#8b1a1a', size: 20 });
    click('[data-reader-size="0"]');
    expect(body().style.fontSize).toBe('');
    for (let i = 0; i < 10; i += 1) click('[data-reader-size="-1"]');
    expect(body().style.fontSize).toBe('12px');
    expect((document.querySelector('[data-reader-size="-1"]') as HTMLButtonElement).disabled).toBe(true);

    // A new page load reads the choice back.
    mount();
    expect(body().style.fontSize).toBe('12px');
  });

  it('works in memory, silently, where storage is denied (a sandboxed iframe)', () => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new window.DOMException('The document is sandboxed.', 'SecurityError');
      },
    });
    expect(() => window.localStorage).toThrow();
    expect(() => mount()).not.toThrow();
    expect(() => click('[data-reader-size="1"]')).not.toThrow();
    expect(body().style.fontSize).toBe('18px');
    click('[data-reader-color="#0b3d91"]');
    expect(document.querySelector('[data-reader-color="#0b3d91"]')?.getAttribute('aria-pressed')).toBe('true');
  });

  it('ignores a tampered stored value', () => {
    window.localStorage.setItem(READER_STORAGE_KEY, JSON.stringify({ color: 'url(javascript:alert(1))', size: 500 }));
    mount();
    expect(body().style.fontSize).toBe('');
    expect(body().style.color).toBe('');
    window.localStorage.setItem(READER_STORAGE_KEY, '{not json');
    expect(() => mount()).not.toThrow();
  });
});

describe('renderPortalPage: the organisation profile in the sidebar and header', () => {
  const logo = `data:image/png;base64,${'iVBORw0KGgo'}AAAA`;
  const extras = {
    logo,
    sidebarLinks: [{ label: 'Sở Thông tin và Truyền thông', url: 'https://stttt.baclieu.gov.vn/' }],
    poll: { question: 'Dịch vụ công nào bạn dùng nhiều nhất?', options: ['Hộ tịch', 'Đất đai'] },
  };

  it('shows the profile’s logo, links and poll', () => {
    const doc = parsePage(renderPortalPage({ ...seedInput(), extras }));
    expect(doc.querySelector('.portal-header img.portal-logo')?.getAttribute('src')).toBe(logo);
    expect(Array.from(doc.querySelectorAll('.box-links a'), (a) => [textOf(a), a.getAttribute('href')])).toEqual([
      ['Sở Thông tin và Truyền thông', 'https://stttt.baclieu.gov.vn/'],
    ]);
    expect(textOf(doc.querySelector('.poll-question'))).toBe('Dịch vụ công nào bạn dùng nhiều nhất?');
    expect(Array.from(doc.querySelectorAll('.poll-options li'), textOf)).toEqual(['Hộ tịch', 'Đất đai']);
  });

  it('leaves out each block without its data: no logo, no links, no poll, no figures', () => {
    const without = { logo: null, sidebarLinks: [], poll: null };
    const doc = parsePage(renderPortalPage({ ...seedInput(), extras: without, visitors: null }));
    expect(doc.querySelector('.portal-logo, aside')).toBeNull();
    const onlyPoll = parsePage(
      renderPortalPage({ ...seedInput(), extras: { ...without, poll: extras.poll }, visitors: null }),
    );
    expect(Array.from(onlyPoll.querySelectorAll('aside .box-title'), textOf)).toEqual(['Thăm dò']);
    expect(emptyElements(doc)).toEqual([]);
  });

  it('prints the e-mail in the footer when the profile has one', () => {
    const contact = { email: 'ubnd@example.org', nameEn: '', addressEn: '', responsibleEn: '' };
    const doc = parsePage(renderPortalPage({ ...seedInput(), extras: { ...extras, contact } }));
    const mail = doc.querySelector('footer a[href^="mailto:"]');
    expect(mail?.getAttribute('href')).toBe('mailto:ubnd@example.org');
    expect(textOf(doc.querySelector('footer'))).toContain('E-mail: ubnd@example.org');
  });
});
