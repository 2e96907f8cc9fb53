// The static site's list pages, its own pages, feeds and search index as pure functions of what they show: bad input
// (no profile extras, empty category, a very long category, articles without picture) and markup in every field.
import vm from 'node:vm';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { EMPTY_PROFILE_EXTRAS } from '../../shared/contract/profile';
import { foldForSearch, searchTerms } from '../../shared/text/fold';
import type { SiteItem, SiteLook } from '../../electron/core/publish/site-model';
import {
  renderContactsPage,
  renderFolderIndex,
  renderFolderRss,
  renderHome,
  renderMonthPage,
  renderSearchShard,
  renderSiteRss,
  renderSitemapPage,
  SEARCH_SCRIPT_SOURCE,
} from '../../electron/core/publish/site-render';

const XSS = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
const SHA = 'a'.repeat(64);

function look(overrides: Partial<SiteLook> = {}): SiteLook {
  return {
    portal: {
      name: 'Cổng thông tin điện tử thị xã Giá Rai',
      address: 'Khóm 1',
      phone: '0291',
      fax: '',
      responsible: '',
    },
    portalName: 'Cổng thông tin điện tử thị xã Giá Rai',
    baseUrl: 'https://giarai.example.org/',
    extras: EMPTY_PROFILE_EXTRAS,
    menu: [
      { folder: 'van-hoa-xa-hoi', name: 'Văn hóa - Xã hội', empty: false },
      { folder: 'thong-bao', name: 'Thông báo', empty: true },
    ],
    hasImage: (ref) => ref.includes(SHA),
    ...overrides,
  };
}

function item(n: number, overrides: Partial<SiteItem> = {}): SiteItem {
  const time = new Date(Date.UTC(2023, 2, 28) - n * 60_000).toISOString();
  return {
    articleId: n + 1,
    folder: 'van-hoa-xa-hoi',
    section: 'Văn hóa - Xã hội',
    file: `bai-${n}`,
    month: '2023-03',
    sortKey: time,
    title: `Bài số ${n}`,
    lead: `Sa pô của bài ${n}`,
    publishedAt: time,
    updatedAt: time,
    image: null,
    ...overrides,
  };
}

const window = new Window();
const parse = (html: string) => new window.DOMParser().parseFromString(html, 'text/html');
const textOf = (el: { textContent: string | null } | null | undefined) =>
  (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** What a complete page has, and none of what a broken one shows. */
function expectComplete(html: string): void {
  const doc = parse(html);
  expect(doc.documentElement.getAttribute('lang')).toBe('vi');
  expect(doc.querySelector('a.skip-link[href="#noi-dung"]')).not.toBeNull();
  expect(doc.querySelector('main#noi-dung')).not.toBeNull();
  expect(doc.querySelector('header.portal-header')).not.toBeNull();
  expect(doc.querySelector('nav[aria-label="Chuyên mục"]')).not.toBeNull();
  expect(doc.querySelector('footer.portal-footer')).not.toBeNull();
  expect(html).not.toMatch(/\b(?:null|undefined|NaN)\b|\[object/);
  for (const img of doc.querySelectorAll('img')) {
    expect(img.getAttribute('src')).toMatch(/^(?:data:image\/|(?:\.\.\/)?images\/[0-9a-f]{64}\.)/);
    expect(img.hasAttribute('alt')).toBe(true);
  }
  const empty = [...doc.querySelectorAll('main *, aside *, footer *, header *')].filter(
    (el) => !['IMG', 'BR', 'INPUT'].includes(el.tagName) && textOf(el) === '' && !el.querySelector('img, input'),
  );
  expect(empty.map((el) => el.outerHTML.slice(0, 80))).toEqual([]);
}

describe('the site’s pages with little to show', () => {
  it('without logo, links, poll or figures: no sidebar, no logo, the content takes the width', () => {
    const html = renderHome(look(), [{ folder: 'van-hoa-xa-hoi', section: 'Văn hóa - Xã hội', items: [item(1)] }]);
    expectComplete(html);
    const doc = parse(html);
    expect(doc.querySelector('aside, .portal-logo, .thumb')).toBeNull();
    expect(doc.querySelector('.page-single')).not.toBeNull();
    expect(textOf(doc.querySelector('.top-story'))).toContain('Bài số 1');
    expect(doc.querySelector('.top-story-text-only')).not.toBeNull();
  });

  it('an empty category says so, with no feed, no archive and no pagination', () => {
    const html = renderFolderIndex(look(), 'Thông báo', [], []);
    expectComplete(html);
    const doc = parse(html);
    expect(textOf(doc.querySelector('main'))).toContain('Chuyên mục chưa có bài viết nào.');
    expect(doc.querySelector('link[rel="alternate"], .months, .pagination')).toBeNull();
    expect(doc.querySelector('nav a[aria-current="page"]')?.getAttribute('href')).toBe('../thong-bao/index.html');
  });

  it('a home page with nothing published says so', () => {
    const html = renderHome(look(), []);
    expectComplete(html);
    expect(textOf(parse(html).querySelector('main'))).toContain('Chưa có bài viết nào được xuất bản.');
  });

  it('10,000 articles in one month of one category: 20 a page, every page linked, quickly', () => {
    const items = Array.from({ length: 10_000 }, (_, n) => item(n));
    const started = performance.now();
    const first = renderMonthPage(look(), '2023-03', items, 1);
    const last = renderMonthPage(look(), '2023-03', items, 500);
    const index = renderFolderIndex(look(), 'Văn hóa - Xã hội', items.slice(0, 20), ['2023-03']);
    const elapsed = performance.now() - started;
    for (const html of [first, last, index]) expectComplete(html);
    const doc = parse(first);
    expect(doc.querySelectorAll('main .item').length).toBe(20);
    expect(doc.querySelectorAll('.pager-list li').length).toBe(500);
    expect(doc.querySelector('.pager-list [aria-current="page"]')?.textContent).toBe('1');
    expect(doc.querySelector('a[rel="next"]')?.getAttribute('href')).toBe('thang-2023-03-trang-2.html');
    expect(parse(last).querySelector('a[rel="prev"]')?.getAttribute('href')).toBe('thang-2023-03-trang-499.html');
    expect(parse(last).querySelectorAll('main .item').length).toBe(20);
    console.log(`three pages of a 10,000-article month rendered in ${elapsed.toFixed(0)} ms`);
  });

  it('an article with a picture the site holds gets a thumbnail; one without, or with a missing file, gets none', () => {
    const items = [
      item(1, { image: `media:${SHA}.jpg` }),
      item(2, { image: null }),
      item(3, { image: `media:${'b'.repeat(64)}.jpg` }),
    ];
    const doc = parse(renderFolderIndex(look(), 'Văn hóa - Xã hội', items, ['2023-03']));
    expect([...doc.querySelectorAll('img.thumb')].map((img) => img.getAttribute('src'))).toEqual([
      `../images/${SHA}.jpg`,
    ]);
    // The newest with a picture leads the home page.
    const home = parse(renderHome(look(), [{ folder: 'van-hoa-xa-hoi', section: 'Văn hóa - Xã hội', items }]));
    expect(textOf(home.querySelector('.top-story .item-title'))).toBe('Bài số 1');
    expect(home.querySelector('.top-story img')?.getAttribute('src')).toBe(`images/${SHA}.jpg`);
  });

  it('the contacts page has the profile’s card in Vietnamese and, when given, in English', () => {
    const contact = {
      email: 'ubnd@example.org',
      nameEn: 'Gia Rai Town Portal',
      addressEn: 'Khom 1',
      responsibleEn: '',
    };
    const doc = parse(renderContactsPage(look({ extras: { ...EMPTY_PROFILE_EXTRAS, contact } })));
    const rows = (selector: string) =>
      [...doc.querySelectorAll(`${selector} .contacts div`)].map((row) => [
        textOf(row.querySelector('dt')),
        textOf(row.querySelector('dd')),
      ]);
    expect(rows('section[aria-labelledby="contacts-vi"]')).toContainEqual(['Điện thoại', '0291']);
    expect(rows('section[lang="en"]')).toContainEqual(['Organisation', 'Gia Rai Town Portal']);
    expect(rows('section[lang="en"]')).toContainEqual(['E-mail', 'ubnd@example.org']);
    const bare = renderContactsPage(look());
    expectComplete(bare);
    expect(parse(bare).querySelector('section[lang="en"] dd')?.textContent).toBe('0291');
    expectComplete(renderSitemapPage(look()));
  });
});

describe('markup in every field stays text', () => {
  const hostile = look({
    portal: { name: XSS, address: XSS, phone: XSS, fax: XSS, responsible: XSS },
    portalName: XSS,
    extras: {
      ...EMPTY_PROFILE_EXTRAS,
      sidebarLinks: [{ label: XSS, url: 'https://example.org/' }],
      poll: { question: XSS, options: [XSS, XSS] },
      contact: { email: '', nameEn: XSS, addressEn: XSS, responsibleEn: XSS },
    },
    menu: [{ folder: 'muc', name: XSS, empty: false }],
  });
  const items = [item(1, { title: XSS, lead: XSS, section: XSS, folder: 'muc' })];

  it('in the pages', () => {
    for (const html of [
      renderHome(hostile, [{ folder: 'muc', section: XSS, items }]),
      renderFolderIndex(hostile, XSS, items, ['2023-03']),
      renderMonthPage(hostile, '2023-03', items, 1),
      renderContactsPage(hostile),
      renderSitemapPage(hostile),
    ]) {
      const doc = parse(html);
      expect(doc.querySelectorAll('img[src="x"], body script').length).toBe(0);
      expect(doc.body.textContent).toContain('<img src=x onerror="alert(1)">');
    }
  });

  it('in the feeds, read as XML and then as HTML by a feed reader', () => {
    for (const xml of [renderSiteRss(hostile, items), renderFolderRss(hostile, 'muc', XSS, items)]) {
      const feed = new window.DOMParser().parseFromString(xml, 'application/xml');
      expect(feed.getElementsByTagName('parsererror').length).toBe(0);
      const fields = [...feed.querySelectorAll('title, description, category')];
      expect(fields.length).toBeGreaterThanOrEqual(5);
      for (const field of fields) {
        const asHtml = parse(field.textContent ?? '');
        expect(asHtml.querySelectorAll('img, script').length, field.tagName).toBe(0);
      }
      const description = parse(feed.querySelector('item > description')?.textContent ?? '');
      expect(description.querySelector('p')?.textContent).toBe(XSS);
    }
  });

  it('in the search index, which the page writes as text nodes only', () => {
    const shard = JSON.parse(renderSearchShard(items)) as { items: string[][] };
    expect(shard.items[0]?.[1]).toBe(XSS);
    expect(SEARCH_SCRIPT_SOURCE).not.toMatch(/innerHTML|insertAdjacentHTML|document\.write/);
  });
});

describe('the search page’s script', () => {
  /** The script's own fold and word split, run as the page runs them (in a context of their own). */
  const functions = /function fold[\s\S]*?\n  }\n  function words[\s\S]*?\n  }/.exec(SEARCH_SCRIPT_SOURCE)?.[0] ?? '';
  const scriptWords = (text: string): string[] => vm.runInNewContext(`${functions}; words(text)`, { text }) as string[];

  it('folds and splits as the app’s own search (shared/text/fold.ts)', () => {
    for (const text of [
      'Phòng Lao động Thương binh và Xã hội',
      'ĐƯỜNG Đặng Thùy Trâm, phường 1 — thị xã Giá Rai!',
      'Nghị định 42/2022/NĐ-CP',
      'Ủy ban nhân dân ỦY BAN',
    ])
      expect(scriptWords(text)).toEqual(searchTerms(text));
    expect(scriptWords('duong')).toEqual([foldForSearch('Đường')]);
  });

  it('the shard holds the folded words the script compares', () => {
    const shard = JSON.parse(renderSearchShard([item(1, { title: 'Phòng Lao động', lead: 'Hỗ trợ hộ nghèo' })])) as {
      items: string[][];
    };
    expect(shard.items[0]).toEqual([
      'van-hoa-xa-hoi/bai-1.html',
      'Phòng Lao động',
      expect.stringMatching(/^Thứ/),
      'Văn hóa - Xã hội',
      'phong lao dong',
      'ho tro ho ngheo van hoa xa hoi',
    ]);
  });
});
