import fs from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../shared/contract/errors';
import type { Article } from '../../shared/contract/articles';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { buildStaticSite } from '../../electron/core/publish/static-site';
import { listFiles } from '../../electron/core/publish/site-files';
import { createArticle } from '../../electron/core/store/articles';
import type { Core } from '../../electron/core/core';
import { cleanupAll, ok, openCore, tempDataDir } from '../helpers';

afterAll(cleanupAll);

const SHA_BODY = 'a'.repeat(64);
const SHA_FEATURED = 'b'.repeat(64);

function bodyWithImage(text: string, sha: string): string {
  return JSON.stringify({
    root: {
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'text', text }] },
        { type: 'image', src: `media:${sha}.png`, alt: 'Ảnh', caption: 'Chú thích' },
      ],
    },
  });
}

async function publish(core: Core, fields: Parameters<typeof ok<'articles.create'>>[2]): Promise<Article> {
  let a = (await ok(core, 'articles.create', fields)) as Article;
  for (const action of ['submit', 'approve', 'publish'] as const) {
    a = (await ok(core, 'articles.transition', { id: a.id, baseVersion: a.version, action })) as Article;
  }
  return a;
}

interface XmlElement {
  getElementsByTagName(name: string): ArrayLike<XmlElement> & Iterable<XmlElement>;
  getAttribute(name: string): string | null;
  textContent: string | null;
}
interface XmlDocument extends XmlElement {
  documentElement: XmlElement;
}

function xmlDoc(text: string): XmlDocument {
  const window = new Window();
  const doc = new window.DOMParser().parseFromString(text, 'application/xml') as unknown as XmlDocument;
  expect(doc.getElementsByTagName('parsererror').length).toBe(0);
  return doc;
}

/** Every internal href/src of every HTML page resolves to a file in outDir. */
function checkLinks(outDir: string, files: string[]): void {
  for (const rel of files.filter((f) => f.endsWith('.html'))) {
    const html = fs.readFileSync(path.join(outDir, rel), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="vi">'), rel).toBe(true);
    expect(html).toMatch(/<title>[^<]+<\/title>/);
    expect(html).not.toMatch(/>[^<]*\b(?:null|undefined)\b[^<]*</);
    // A published page claims nothing it cannot do: no sample poll, no made-up visitor numbers.
    expect(html).not.toMatch(/Câu hỏi mẫu|Số liệu minh họa|bản xem trước/);
    for (const m of html.matchAll(/\b(?:href|src)="([^"]*)"/g)) {
      const url = (m[1] as string).replace(/&amp;/g, '&');
      if (url.startsWith('#') || /^[a-z]+:/i.test(url)) continue;
      const target = url.startsWith('/') ? path.join(outDir, url.split(/[?#]/)[0] as string) : path.join(outDir, path.dirname(rel), url.split(/[?#]/)[0] as string);
      expect(fs.existsSync(target) && fs.statSync(target).isFile(), `${rel} → ${url}`).toBe(true);
    }
  }
}

describe('buildStaticSite', () => {
  it('builds a complete site, handles collisions, images and a rebuild after unpublishing', async () => {
    const dataDir = tempDataDir();
    const core = openCore(dataDir);
    const cat = await ok(core, 'categories.create', { name: 'Tin hoạt động', slug: 'tin-hoat-dong' });
    fs.mkdirSync(path.join(dataDir, 'media'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'media', `${SHA_BODY}.png`), 'body-png');
    fs.writeFileSync(path.join(dataDir, 'media', `${SHA_FEATURED}.png`), 'featured-png');

    const first = await publish(core, {
      title: 'Hội nghị <tổng kết> & "năm"',
      lead: 'Sáng nay, UBND tỉnh tổ chức hội nghị.',
      categoryId: cat.id,
      bodyJson: bodyWithImage('Nội dung bài một.', SHA_BODY),
      featuredImage: `media:${SHA_FEATURED}.png`,
    });
    const second = await publish(core, { title: 'Tin thứ hai', lead: 'Tóm tắt hai.', categoryId: cat.id });
    const loose = await publish(core, { title: 'Tin không chuyên mục', lead: 'Không có chuyên mục.' });
    const draft = (await ok(core, 'articles.create', { title: 'Bản nháp bí mật', categoryId: cat.id })) as Article;
    const trashed = await publish(core, { title: 'Bài đã xóa', categoryId: cat.id });
    await ok(core, 'articles.trash', { id: trashed.id });

    const { db } = openDatabase(dataDir);
    // Two slugs that differ only in case land on the same file name: the later one (by id) gets '-2'.
    const c1 = await publish(core, { title: 'Trùng tên', categoryId: cat.id });
    const c2 = await publish(core, { title: 'Trùng tên khác', categoryId: cat.id });
    db.prepare('UPDATE articles SET slug = ? WHERE id = ?').run('trung-ten', c1.id);
    db.prepare('UPDATE articles SET slug = ? WHERE id = ?').run('TRUNG-TEN', c2.id);

    const outDir = path.join(tempDataDir('toasoan-site-'), 'site');
    const progress: number[][] = [];
    const result = await buildStaticSite(db, dataDir, outDir, (d, t) => progress.push([d, t]), { baseUrl: 'https://congthongtin.example.gov.vn/' });
    expect(result.articles).toBe(5);
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);

    const files = await listFiles(outDir);
    expect(files).toContain('index.html');
    expect(files).toContain('assets/site.css');
    expect(files).toContain('tin-hoat-dong/index.html');
    expect(files).toContain('tin-tuc/index.html');
    expect(files).toContain(`tin-hoat-dong/${first.slug}.html`);
    expect(files).toContain(`tin-hoat-dong/${second.slug}.html`);
    expect(files).toContain(`tin-tuc/${loose.slug}.html`);
    expect(files).toContain('tin-hoat-dong/trung-ten.html');
    expect(files).toContain('tin-hoat-dong/trung-ten-2.html');
    expect(files).toContain(`images/${SHA_BODY}.png`);
    expect(files).toContain(`images/${SHA_FEATURED}.png`);
    expect(fs.readFileSync(path.join(outDir, 'images', `${SHA_BODY}.png`), 'utf8')).toBe('body-png');
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
    expect(fs.readFileSync(path.join(outDir, 'tin-hoat-dong', 'trung-ten-2.html'), 'utf8')).toContain('Trùng tên khác');
    checkLinks(outDir, files);

    const page = fs.readFileSync(path.join(outDir, 'tin-hoat-dong', `${first.slug}.html`), 'utf8');
    expect(page).toContain(`src="/images/${SHA_BODY}.png"`);
    expect(page).toContain(`src="/images/${SHA_FEATURED}.png"`);
    expect(page).toContain('img-src &#39;self&#39; data:');
    expect(page).toContain('Tin đã đưa');
    expect(page).toContain(`href="${second.slug}.html"`);
    expect(page).toContain('Hội nghị &lt;tổng kết&gt; &amp; &quot;năm&quot;');

    const all = files.map((f) => fs.readFileSync(path.join(outDir, f), 'utf8')).join('\n');
    expect(all).not.toContain('Bản nháp bí mật');
    expect(all).not.toContain('Bài đã xóa');
    expect(all).not.toContain(draft.slug);

    const rss = xmlDoc(fs.readFileSync(path.join(outDir, 'rss.xml'), 'utf8'));
    expect(rss.documentElement.getAttribute('version')).toBe('2.0');
    const items = [...rss.getElementsByTagName('item')];
    expect(items.length).toBe(5);
    const links = items.map((i) => i.getElementsByTagName('link')[0]?.textContent);
    expect(links).toContain(`https://congthongtin.example.gov.vn/tin-hoat-dong/${first.slug}.html`);
    for (const item of items) expect(item.getElementsByTagName('pubDate')[0]?.textContent).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    const catRss = xmlDoc(fs.readFileSync(path.join(outDir, 'tin-hoat-dong', 'rss.xml'), 'utf8'));
    expect(catRss.getElementsByTagName('item').length).toBe(4);
    const sitemap = xmlDoc(fs.readFileSync(path.join(outDir, 'sitemap.xml'), 'utf8'));
    const locs = [...sitemap.getElementsByTagName('loc')].map((l) => l.textContent);
    for (const f of files.filter((f) => f.endsWith('.html'))) expect(locs).toContain(`https://congthongtin.example.gov.vn/${f}`);

    // Unpublish the second article and rebuild: its page is gone, and so is every mention of it.
    const current = (await ok(core, 'articles.get', { id: second.id })) as Article;
    await ok(core, 'articles.transition', { id: second.id, baseVersion: current.version, action: 'unpublish' });
    const again = await buildStaticSite(db, dataDir, outDir, undefined, { baseUrl: 'https://congthongtin.example.gov.vn/' });
    expect(again.articles).toBe(4);
    const files2 = await listFiles(outDir);
    expect(files2).not.toContain(`tin-hoat-dong/${second.slug}.html`);
    const all2 = files2.map((f) => fs.readFileSync(path.join(outDir, f), 'utf8')).join('\n');
    expect(all2).not.toContain(`${second.slug}.html`);
    expect(all2).not.toContain('Tin thứ hai');
    checkLinks(outDir, files2);
    db.close();
  }, 60_000);

  it('refuses dangerous or unusable folders with VALIDATION', async () => {
    const dataDir = tempDataDir();
    const core = openCore(dataDir);
    await ok(core, 'auth.status', {});
    const { db } = openDatabase(dataDir);
    const refuse = async (out: string): Promise<ContractError> => {
      const error = await buildStaticSite(db, dataDir, out).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ContractError);
      expect((error as ContractError).code).toBe('VALIDATION');
      return error as ContractError;
    };
    const e = await refuse(dataDir);
    expect(e.message).toContain(path.resolve(dataDir));
    expect(e.messageEn).toContain('data folder');
    await refuse(path.join(dataDir, 'site'));
    await refuse('/');
    const file = path.join(tempDataDir('toasoan-file-'), 'a-file');
    fs.writeFileSync(file, 'x');
    await refuse(file);
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
    expect(fs.existsSync(path.join(dataDir, 'index.html'))).toBe(false);
    db.close();
  });

  it('builds 200 articles (time printed, not asserted)', async () => {
    const dataDir = tempDataDir();
    const core = openCore(dataDir);
    const cat = await ok(core, 'categories.create', { name: 'Thông báo', slug: 'thong-bao' });
    const { db } = openDatabase(dataDir);
    const body = JSON.stringify({ root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'Nội dung. '.repeat(100) }] }] } });
    for (let i = 0; i < 200; i++) {
      createArticle(db, {
        title: `Thông báo số ${i + 1}`,
        lead: `Tóm tắt ${i + 1}`,
        categoryId: i % 2 === 0 ? cat.id : null,
        bodyJson: body,
        status: 'published',
        publishedAt: new Date(Date.UTC(2030, 0, 1) + i * 60_000).toISOString(),
      });
    }
    const outDir = path.join(tempDataDir('toasoan-site-'), 'site');
    const t0 = performance.now();
    const result = await buildStaticSite(db, dataDir, outDir);
    console.log(`buildStaticSite: ${result.articles} articles, ${result.pages} pages, ${result.files} files in ${Math.round(performance.now() - t0)} ms`);
    expect(result.articles).toBe(200);
    const files = await listFiles(outDir);
    expect(files).toContain('thong-bao/trang-5.html');
    expect(files).not.toContain('thong-bao/trang-6.html');
    const page2 = fs.readFileSync(path.join(outDir, 'thong-bao', 'trang-2.html'), 'utf8');
    expect(page2).toContain('href="index.html">« Trang trước</a>');
    expect(page2).toContain('href="trang-3.html">Trang sau »</a>');
    expect(page2.match(/<li>/g)?.length).toBe(20);
    const home = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
    expect(home.match(/<li>/g)?.length).toBe(10);
    expect(home).toContain('Thông báo số 199');
    checkLinks(outDir, files);
    db.close();
  }, 120_000);
});
