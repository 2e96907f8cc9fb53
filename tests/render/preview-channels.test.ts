import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import demo from '../../electron/core/demo/gia-rai.json';
import { READER_SCRIPT_HASH } from '../../shared/render/portal-page';
import { nfcDeep } from '../../shared/text/normalize';
import { cleanupAll, fails, ok, openCore, tempDataDir } from '../helpers';

afterEach(cleanupAll);

let core: Core;
beforeEach(() => {
  core = openCore(tempDataDir());
  expect(core.startupError).toBeNull();
});

/** Runs SQL on the core's file beside its own connection (to set what no channel sets yet, such as the status). */
function rawRun(sql: string, ...params: unknown[]): void {
  const db = new Database(core.databasePath as string);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

/** The page's Content-Security-Policy, as the browser reads the meta's attribute. */
function cspOf(html: string): string {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
  return content
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

const SHA = crypto.createHash('sha256').update('ảnh').digest('hex');
const t = (text: string, format = 0, style = '') => ({
  type: 'text',
  text,
  format,
  style,
  detail: 0,
  mode: 'normal',
  version: 1,
});
const bodyJson = JSON.stringify({
  root: {
    type: 'root',
    format: '',
    indent: 0,
    direction: 'ltr',
    version: 1,
    children: [
      {
        type: 'paragraph',
        format: 'justify',
        children: [t('Mở đầu '), t('đậm', 1), t(' đỏ', 0, 'color: #c0392b; position: fixed')],
      },
      { type: 'paragraph', children: [] },
      { type: 'image', src: `media:${SHA}.png`, alt: 'Ảnh', caption: 'Chú thích <ảnh>' },
      { type: 'paragraph', children: [{ type: 'link', url: 'javascript:alert(1)', children: [t('liên kết xấu')] }] },
      { type: 'paragraph', children: [] },
    ],
  },
});

describe('preview.page', () => {
  it('renders the demo article as the portal page', async () => {
    const { articleId } = await ok(core, 'setup.loadDemo', {});
    const { html } = await ok(core, 'preview.page', { id: articleId });
    const seed = nfcDeep(demo);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<a class="portal-name" href="#">CỔNG THÔNG TIN ĐIỆN TỬ THỊ XÃ GIÁ RAI TỈNH BẠC LIÊU</a>');
    expect(html).toContain('<p class="category">Văn hóa - Xã hội</p>');
    expect(html).toContain('>Thứ năm, 23/03/2023, 08:05</time>');
    expect(html).toContain(`<h1 class="title">${seed.article.title}</h1>`);
    for (const paragraph of seed.article.body)
      expect(html).toContain(`<p style="text-align: justify">${paragraph}</p>`);
    expect(html).toContain('Lam Nguyễn - Phòng LĐTB&amp;XH thị xã');
    // No target counts readers in a preview: no view count, no visitor figures.
    expect(html).not.toMatch(/Số lượt xem|Thống kê truy cập/);
    expect(html).toMatch(/<figure class="featured"><img src="media\/[0-9a-f]{64}\.jpg" alt="Hộ Nguyễn Chí Công/);
    expect(html).toContain('<h2 class="box-title" id="box-links">Liên kết web</h2>');
    expect(html).toContain('<h2 class="box-title" id="box-poll">Thăm dò</h2>');
    expect(html).toContain('© CỔNG THÔNG TIN ĐIỆN TỬ THỊ XÃ GIÁ RAI TỈNH BẠC LIÊU');
    expect(html).toContain('Chịu trách nhiệm chính: Nguyễn Cẩm Tú, Phó Chủ tịch UBND Thị xã Giá Rai');
    expect(html).toContain('Màu chữ');
    expect(html).toContain('Cỡ chữ');
    expect(cspOf(html)).toContain(`script-src '${READER_SCRIPT_HASH}'`);
    expect(cspOf(html)).toContain("img-src 'self' data:");
    expect(html).not.toMatch(/\bnull\b|\bundefined\b/);
    // The demo's earlier article of the same category.
    expect(html).toContain('Tin đã đưa');
    expect(html).toContain(`<li><a href="#">${seed.earlierArticle.title}</a>`);
  });

  it('lists up to 10 earlier published, non-trashed articles of the category, newest first, linking to #', async () => {
    const { articleId } = await ok(core, 'setup.loadDemo', {});
    const demoArticle = await ok(core, 'articles.get', { id: articleId });
    const categories = await ok(core, 'categories.list', {});
    const other = categories.find((c) => c.id !== demoArticle.categoryId);
    const make = async (
      title: string,
      publishedAt: string | null,
      published: boolean,
      categoryId = demoArticle.categoryId,
    ) => {
      const created = await ok(core, 'articles.create', { title, categoryId, publishedAt });
      if (published) rawRun("UPDATE articles SET status = 'published' WHERE id = ?", created.id);
      return created;
    };
    for (let day = 1; day <= 12; day += 1)
      await make(`Tin ngày ${day}`, `2023-03-${String(day).padStart(2, '0')}T08:00:00+07:00`, true);
    await make('Tin sau', '2023-04-01T08:00:00+07:00', true);
    await make('Tin nháp', '2023-03-22T08:00:00+07:00', false);
    await make('Tin chuyên mục khác', '2023-03-22T08:00:00+07:00', true, other?.id ?? null);
    const trashed = await make('Tin đã xóa', '2023-03-21T08:00:00+07:00', true);
    await ok(core, 'articles.trash', { id: trashed.id });

    const { html } = await ok(core, 'preview.page', { id: articleId });
    const section = /<section class="related"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    const titles = [...section.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);
    const earlier = nfcDeep(demo).earlierArticle.title;
    expect(titles).toEqual([['#', earlier], ...[12, 11, 10, 9, 8, 7, 6, 5, 4].map((day) => ['#', `Tin ngày ${day}`])]);
    expect(section).toContain('Tin đã đưa');
    expect(section).toContain('(12/03/2023)');

    // Without a publish time of its own, an article lists every published article of its category, newest first.
    const draft = await make('Bản nháp chưa có giờ đăng', null, false);
    const { html: draftPage } = await ok(core, 'preview.page', { id: draft.id });
    const draftSection = /<section class="related"[\s\S]*?<\/section>/.exec(draftPage)?.[0] ?? '';
    const draftTitles = [...draftSection.matchAll(/<li><a href="#">([^<]*)<\/a>/g)].map((m) => m[1]);
    expect(draftTitles.slice(0, 4)).toEqual(['Tin sau', demoArticle.title, earlier, 'Tin ngày 12']);
    expect(draftTitles).toHaveLength(10);
  });

  it('points images at the given media base and lets only its origin load images', async () => {
    const created = await ok(core, 'articles.create', {
      title: 'Có ảnh',
      bodyJson,
      featuredImage: `media:${SHA}.jpg`,
      featuredCaption: 'Ảnh đại diện',
    });
    const browser = await ok(core, 'preview.page', { id: created.id, mediaBase: 'http://127.0.0.1:41234/media/' });
    expect(browser.html).toContain(`<img src="http://127.0.0.1:41234/media/${SHA}.jpg" alt="Ảnh đại diện">`);
    expect(browser.html).toContain(`<img src="http://127.0.0.1:41234/media/${SHA}.png" alt="Ảnh">`);
    expect(cspOf(browser.html)).toContain('img-src http://127.0.0.1:41234 data:;');
    const electron = await ok(core, 'preview.page', { id: created.id, mediaBase: 'app://toasoan/' });
    expect(electron.html).toContain(`<img src="app://toasoan/${SHA}.jpg"`);
    expect(cspOf(electron.html)).toContain('img-src app://toasoan data:;');
    // Browser mode answers on localhost too, so the page's own origin may be that.
    const local = await ok(core, 'preview.page', { id: created.id, mediaBase: 'http://localhost:41234/media/' });
    expect(cspOf(local.html)).toContain('img-src http://localhost:41234 data:;');
    const relative = await ok(core, 'preview.page', { id: created.id });
    expect(relative.html).toContain(`<img src="media/${SHA}.jpg"`);
    expect(cspOf(relative.html)).toContain("img-src 'self' data:;");
  });

  it('answers NOT_FOUND for an unknown article', async () => {
    expect((await fails(core, 'preview.page', { id: 999 })).code).toBe('NOT_FOUND');
  });

  it.each([
    'javascript:alert(1)',
    'http://evil.example/',
    'https://127.0.0.1:8080/',
    'http://127.0.0.1:8080',
    'http://127.0.0.1/',
    'http://127.0.0.1:0/',
    'http://localhost/',
    'http://localhost.evil.example:8080/',
    'http://127.0.0.1:8080@evil.example/',
    'http://127.0.0.1:8080/../',
    'http://127.0.0.1:8080/a b/',
    'http://127.0.0.1:8080/"><script>/',
    'app://toasoan',
    'app://evil/',
    'app://toasoan/../',
    '//127.0.0.1:8080/',
    'file:///etc/',
    'media',
    '/media/',
    '',
    `http://127.0.0.1:8080/${'a/'.repeat(100)}`,
  ])('refuses the media base %j with VALIDATION', async (mediaBase) => {
    const { articleId } = await ok(core, 'setup.loadDemo', {});
    const error = await fails(core, 'preview.page', { id: articleId, mediaBase });
    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.[0]?.path).toBe('mediaBase');
  });

  it('refuses a malformed id or an unknown field with VALIDATION', async () => {
    expect((await fails(core, 'preview.page', { id: 'x' })).code).toBe('VALIDATION');
    expect((await fails(core, 'preview.page', { id: 1, extra: true })).code).toBe('VALIDATION');
    expect((await fails(core, 'preview.articleHtml', { id: 0 })).code).toBe('VALIDATION');
  });
});

describe('preview.articleHtml', () => {
  it('renders the body JSON set through articles.update', async () => {
    const created = await ok(core, 'articles.create', { title: 'Bài có thân' });
    await ok(core, 'articles.update', { id: created.id, baseVersion: created.version, changes: { bodyJson } });
    const { html } = await ok(core, 'preview.articleHtml', { id: created.id });
    expect(html).toBe(
      [
        '<p style="text-align: justify">Mở đầu <strong>đậm</strong><span style="color: #c0392b"> đỏ</span></p>',
        '<p>&nbsp;</p>',
        `<figure><img src="media/${SHA}.png" alt="Ảnh"><figcaption>Chú thích &lt;ảnh&gt;</figcaption></figure>`,
        '<p>liên kết xấu</p>',
      ].join('\n'),
    );
  });

  it('falls back to the stored HTML as escaped paragraphs when there is no body JSON (an imported page)', async () => {
    const created = await ok(core, 'articles.create', { title: 'Bài cũ' });
    // No channel takes HTML any more; imports store it directly.
    rawRun(
      'UPDATE articles SET body_json = NULL, body_html = ? WHERE id = ?',
      '<p onclick="alert(1)">Một &amp; hai</p><script>alert(1)</script><p><img src=x onerror=alert(1)>Ba</p>',
      created.id,
    );
    const { html } = await ok(core, 'preview.articleHtml', { id: created.id });
    expect(html).toBe('<p>Một &amp; hai</p>\n<p>Ba</p>');
    const page = await ok(core, 'preview.page', { id: created.id });
    expect(page.html).toContain('<div class="article-body" id="article-body"><p>Một &amp; hai</p>\n<p>Ba</p></div>');
  });

  it('falls back the same way when the stored body JSON no longer parses', async () => {
    const created = await ok(core, 'articles.create', { title: 'Hỏng' });
    rawRun(
      'UPDATE articles SET body_json = ?, body_html = ? WHERE id = ?',
      '{"root": 5}',
      '<p>cũ <b>đậm</b></p>',
      created.id,
    );
    expect((await ok(core, 'preview.articleHtml', { id: created.id })).html).toBe('<p>cũ đậm</p>');
  });

  it('answers NOT_FOUND for an unknown article', async () => {
    expect((await fails(core, 'preview.articleHtml', { id: 12345 })).code).toBe('NOT_FOUND');
  });
});
