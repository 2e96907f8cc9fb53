import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import type { Article } from '../../shared/contract/articles';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { previewHandlers } from '../../electron/core/handlers/preview';
import { JOURNAL_FILE, listFiles, MANIFEST_FILE, SiteFiles, writeAtomic } from '../../electron/core/publish/site-files';
import { entryOf, fileBase, SiteRecord } from '../../electron/core/publish/site-model';
import { checkSite, prepareSiteFolder, siteFailure } from '../../electron/core/publish/static-site';
import {
  PublishFailure,
  type PublishTarget,
  type RemoteRecord,
  type TargetContext,
} from '../../electron/core/publish/target';
import { staticSiteTarget } from '../../electron/core/publish/targets/static-site';
import { createArticle, getArticle } from '../../electron/core/store/articles';
import { createCategory } from '../../electron/core/store/categories';
import { setPortalProfile } from '../../electron/core/store/settings';
import { cleanupAll, tempDataDir } from '../helpers';

const dbs: Db[] = [];
afterAll(async () => {
  for (const db of dbs.splice(0)) db.close();
  await cleanupAll();
});

const BASE = 'https://congthongtin.example.gov.vn/';
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

/** A data folder with its database, a portal profile and a static-site target writing into a folder of its own. */
function setup(options: { portal?: boolean } = {}) {
  const dataDir = tempDataDir();
  const { db } = openDatabase(dataDir);
  dbs.push(db);
  if (options.portal !== false) {
    setPortalProfile(db, {
      name: 'Cổng thông tin điện tử tỉnh',
      address: '1 Đường Hùng Vương',
      phone: '',
      fax: '',
      responsible: '',
    });
  }
  const outDir = path.join(tempDataDir('toasoan-site-'), 'site');
  const now = new Date('2030-06-01T00:00:00.000Z');
  const ctx: TargetContext = {
    db,
    dataDir,
    now: () => now,
    signal: new AbortController().signal,
    progress: () => undefined,
    secret: null,
  };
  const config = { folder: outDir, baseUrl: BASE };
  const written: string[] = [];
  const target: PublishTarget = staticSiteTarget(config, { onWrite: (rel) => written.push(rel) });
  const targetId = addTarget(db, config);
  const remote = new Map<number, RemoteRecord>();

  /** What the queue does: publish the article as it is now (its snapshot), remembering what the target answered. */
  async function publish(id: number): Promise<{ record: RemoteRecord; writes: string[] }> {
    written.length = 0;
    const record = await target.publish(
      {
        targetId,
        articleId: id,
        article: getArticle(db, id),
        idempotencyKey: crypto.randomUUID(),
        scheduledFor: null,
        previous: remote.get(id) ?? null,
      },
      ctx,
    );
    remote.set(id, record);
    return { record, writes: [...written] };
  }
  async function unpublish(id: number): Promise<string[]> {
    written.length = 0;
    await target.unpublish(
      { targetId, articleId: id, idempotencyKey: crypto.randomUUID(), previous: remote.get(id) ?? null },
      ctx,
    );
    remote.delete(id);
    return [...written];
  }
  return { dataDir, db, outDir, ctx, config, target, targetId, publish, unpublish, written, remote };
}

function addTarget(db: Db, config: object): number {
  const at = new Date().toISOString();
  return Number(
    db
      .prepare(
        "INSERT INTO publish_targets (kind, name, config, created_at, updated_at) VALUES ('static-site', 'Cổng', ?, ?, ?)",
      )
      .run(JSON.stringify(config), at, at).lastInsertRowid,
  );
}

const published = (db: Db, fields: Parameters<typeof createArticle>[1]): Article =>
  createArticle(db, { status: 'published', ...fields });
/** Published articles of one category, each [title, publication time]. */
const series = (db: Db, categoryId: number, items: [string, string][]): Article[] =>
  items.map(([title, publishedAt]) => published(db, { title, categoryId, publishedAt }));

interface XmlElement {
  getElementsByTagName(name: string): ArrayLike<XmlElement> & Iterable<XmlElement>;
  getAttribute(name: string): string | null;
  textContent: string | null;
}
interface XmlDocument extends XmlElement {
  documentElement: XmlElement & { tagName: string };
}

function xmlDoc(text: string): XmlDocument {
  const window = new Window();
  const doc = new window.DOMParser().parseFromString(text, 'application/xml') as unknown as XmlDocument;
  expect(doc.getElementsByTagName('parsererror').length).toBe(0);
  return doc;
}

function htmlDoc(text: string) {
  const window = new Window();
  return new window.DOMParser().parseFromString(text, 'text/html');
}

const read = (outDir: string, rel: string): string => fs.readFileSync(path.join(outDir, rel), 'utf8');
const locsOf = (doc: XmlDocument): string[] => [...doc.getElementsByTagName('loc')].map((l) => l.textContent ?? '');

/**
 * The whole site holds together: every page parses and every internal link resolves to a file; the feeds are RSS
 * 2.0; the sitemap index and its sitemaps parse and list exactly the site's pages; no temp file is left.
 */
async function expectWholeSite(outDir: string, db: Db, targetId: number): Promise<string[]> {
  const files = await listFiles(outDir);
  expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  const html = files.filter((f) => f.endsWith('.html'));
  for (const rel of html) {
    const text = read(outDir, rel);
    expect(text.startsWith('<!DOCTYPE html>\n<html lang="vi">'), rel).toBe(true);
    const doc = htmlDoc(text);
    expect(doc.title.trim().length, rel).toBeGreaterThan(0);
    expect(doc.querySelector('main'), rel).not.toBeNull();
    expect(text).not.toMatch(/>[^<]*\b(?:null|undefined)\b[^<]*</);
    // A published page claims nothing it cannot do: no sample poll, no made-up visitor numbers.
    expect(text).not.toMatch(/Câu hỏi mẫu|Số liệu minh họa|bản xem trước/);
    for (const m of text.matchAll(/\b(?:href|src)="([^"]*)"/g)) {
      const url = (m[1] as string).replace(/&amp;/g, '&');
      if (url.startsWith('#') || /^[a-z]+:/i.test(url)) continue;
      const clean = url.split(/[?#]/)[0] as string;
      const file = clean.startsWith('/') ? path.join(outDir, clean) : path.join(outDir, path.dirname(rel), clean);
      expect(fs.existsSync(file) && fs.statSync(file).isFile(), `${rel} → ${url}`).toBe(true);
    }
  }
  for (const rss of files.filter((f) => f.endsWith('rss.xml'))) {
    const doc = xmlDoc(read(outDir, rss));
    expect(doc.documentElement.tagName.toLowerCase()).toBe('rss');
    expect(doc.documentElement.getAttribute('version')).toBe('2.0');
    expect(doc.getElementsByTagName('channel').length).toBe(1);
    for (const item of doc.getElementsByTagName('item')) {
      const link = item.getElementsByTagName('link')[0]?.textContent ?? '';
      expect(files).toContain(link.slice(BASE.length));
      expect(item.getElementsByTagName('pubDate')[0]?.textContent).toMatch(
        /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/,
      );
    }
  }
  const index = xmlDoc(read(outDir, 'sitemap.xml'));
  expect(index.documentElement.tagName.toLowerCase()).toBe('sitemapindex');
  const listed: string[] = [];
  for (const loc of locsOf(index)) {
    const rel = loc.slice(BASE.length);
    expect(files).toContain(rel);
    const sitemap = xmlDoc(read(outDir, rel));
    expect(sitemap.documentElement.tagName.toLowerCase()).toBe('urlset');
    listed.push(...locsOf(sitemap).map((l) => l.slice(BASE.length)));
  }
  expect([...listed].sort()).toEqual([...html].sort());
  const entries = db.prepare('SELECT folder, file FROM site_entries WHERE target_id = ?').all(targetId) as {
    folder: string;
    file: string;
  }[];
  for (const e of entries) expect(listed).toContain(`${e.folder}/${e.file}.html`);
  expect(files.filter((f) => /^sitemap-\d{4}-\d{2}\.xml$/.test(f)).length).toBe(locsOf(index).length - 1);
  return files;
}

/** Every file's text, to look for what must not be anywhere. */
const everything = (outDir: string, files: string[]): string =>
  files
    .filter((f) => !f.startsWith('images/') && !f.startsWith('.'))
    .map((f) => read(outDir, f))
    .join('\n');

describe('static site target: publishing one article at a time', () => {
  it('builds a complete site whose pages are the preview’s, with images, lists by month, feeds and sitemaps', async () => {
    const s = setup();
    const hd = createCategory(s.db, { name: 'Tin hoạt động', slug: 'tin-hoat-dong' });
    const tb = createCategory(s.db, { name: 'Thông báo', slug: 'thong-bao' });
    fs.mkdirSync(path.join(s.dataDir, 'media'), { recursive: true });
    fs.writeFileSync(path.join(s.dataDir, 'media', `${SHA_BODY}.png`), 'body-png');
    fs.writeFileSync(path.join(s.dataDir, 'media', `${SHA_FEATURED}.png`), 'featured-png');

    const first = published(s.db, {
      title: 'Hội nghị <tổng kết> & "năm"',
      lead: 'Sáng nay, UBND tỉnh tổ chức hội nghị.',
      categoryId: hd.id,
      author: 'Nguyễn Văn An',
      bodyJson: bodyWithImage('Nội dung bài một.', SHA_BODY),
      featuredImage: `media:${SHA_FEATURED}.png`,
      publishedAt: '2030-04-10T02:00:00.000Z',
    });
    const others = [
      published(s.db, {
        title: 'Tin thứ hai',
        lead: 'Tóm tắt hai.',
        categoryId: hd.id,
        publishedAt: '2030-05-01T01:00:00.000Z',
      }),
      // 30 April 23:30 UTC is 1 May in Vietnam: its month is May.
      published(s.db, { title: 'Tin đêm cuối tháng', categoryId: hd.id, publishedAt: '2030-04-30T23:30:00.000Z' }),
      published(s.db, { title: 'Thông báo lịch tiếp dân', categoryId: tb.id, publishedAt: '2030-05-02T01:00:00.000Z' }),
      published(s.db, {
        title: 'Tin không chuyên mục',
        lead: 'Không có chuyên mục.',
        publishedAt: '2030-05-03T01:00:00.000Z',
      }),
    ];
    const { record } = await s.publish(first.id);
    expect(record).toEqual({
      remoteId: `tin-hoat-dong/${first.slug}.html`,
      url: `${BASE}tin-hoat-dong/${first.slug}.html`,
      remoteModified: null,
    });
    for (const a of others) await s.publish(a.id);

    const files = await expectWholeSite(s.outDir, s.db, s.targetId);
    for (const f of [
      'index.html',
      'rss.xml',
      'sitemap.xml',
      'sitemap-pages.xml',
      'sitemap-2030-04.xml',
      'sitemap-2030-05.xml',
      'tim-kiem.html',
      'lien-he.html',
      'so-do-trang.html',
      'assets/tim-kiem.js',
      'assets/tim-kiem.json',
      'assets/tim-kiem-2030-05.json',
    ])
      expect(files).toContain(f);
    for (const f of ['index.html', 'rss.xml', 'thang-2030-04.html', 'thang-2030-05.html'])
      expect(files).toContain(`tin-hoat-dong/${f}`);
    expect(files).toContain(`tin-tuc/${(others[3] as Article).slug}.html`);
    expect(files).toContain(`images/${SHA_BODY}.png`);
    expect(read(s.outDir, `images/${SHA_FEATURED}.png`)).toBe('featured-png');
    expect(read(s.outDir, 'tin-hoat-dong/thang-2030-05.html')).toContain('Tin đêm cuối tháng');
    expect(read(s.outDir, 'tin-hoat-dong/thang-2030-04.html')).not.toContain('Tin đêm cuối tháng');
    const catIndex = htmlDoc(read(s.outDir, 'tin-hoat-dong/index.html'));
    expect([...catIndex.querySelectorAll('.months a')].map((a) => a.getAttribute('href'))).toEqual([
      'thang-2030-05.html',
      'thang-2030-04.html',
    ]);
    const home = read(s.outDir, 'index.html');
    expect(home.indexOf('Tin hoạt động')).toBeLessThan(home.indexOf('Thông báo'));
    expect(home.indexOf('Thông báo')).toBeLessThan(home.indexOf('Tin tức'));

    const page = read(s.outDir, `tin-hoat-dong/${first.slug}.html`);
    expect(page).toContain(`src="../images/${SHA_BODY}.png"`);
    expect(page).toContain(`src="../images/${SHA_FEATURED}.png"`);
    expect(page).toContain('Hội nghị &lt;tổng kết&gt; &amp; &quot;năm&quot;');

    // The same article, the same 'Tin đã đưa' as the preview (which links nowhere and loads images elsewhere).
    const preview = previewHandlers(s.db);
    for (const a of [first, ...others]) {
      const rel = s.remote.get(a.id)?.remoteId as string;
      const site = htmlDoc(read(s.outDir, rel));
      const shown = htmlDoc((await preview['preview.page']({ id: a.id }, null)).html);
      expect(site.querySelector('article')?.textContent, rel).toBe(shown.querySelector('article')?.textContent);
      expect(site.querySelectorAll('article img').length).toBe(shown.querySelectorAll('article img').length);
      const related = (d: typeof site): string[] =>
        [...d.querySelectorAll('.related li')].map((li) => li.textContent ?? '');
      expect(related(site), rel).toEqual(related(shown));
    }
    const second = htmlDoc(read(s.outDir, `tin-hoat-dong/${(others[0] as Article).slug}.html`));
    expect([...second.querySelectorAll('.related a')].map((a) => a.getAttribute('href'))).toEqual([
      `${others[1]?.slug}.html`,
      `${first.slug}.html`,
    ]);

    const rss = xmlDoc(read(s.outDir, 'rss.xml'));
    expect(rss.getElementsByTagName('item').length).toBe(5);
    expect(xmlDoc(read(s.outDir, 'tin-hoat-dong/rss.xml')).getElementsByTagName('item').length).toBe(3);
  });

  it('unpublishing takes the page off and out of every list, feed and sitemap', async () => {
    const s = setup();
    const cat = createCategory(s.db, { name: 'Tin hoạt động', slug: 'tin-hoat-dong' });
    const ids = Array.from(
      { length: 4 },
      (_, i) =>
        published(s.db, {
          title: `Bài số ${i + 1}`,
          categoryId: cat.id,
          publishedAt: `2030-05-0${i + 1}T01:00:00.000Z`,
        }).id,
    );
    for (const id of ids) await s.publish(id);
    const gone = getArticle(s.db, ids[1] as number);
    const rel = s.remote.get(gone.id)?.remoteId as string;
    expect(read(s.outDir, `tin-hoat-dong/${getArticle(s.db, ids[3] as number).slug}.html`)).toContain('Bài số 2');

    await s.unpublish(gone.id);
    expect(fs.existsSync(path.join(s.outDir, rel))).toBe(false);
    const files = await expectWholeSite(s.outDir, s.db, s.targetId);
    const all = everything(s.outDir, files);
    expect(all).not.toContain(rel.split('/')[1]);
    expect(all).not.toContain('Bài số 2');
    // Again, or when never on the site: done, nothing changes.
    expect(await s.unpublish(gone.id)).toEqual(expect.any(Array));

    // The last one of the folder: the folder's lists go too and the home page no longer links them; the category's
    // page stays for the menu, saying it has nothing.
    for (const id of [ids[0], ids[2], ids[3]] as number[]) await s.unpublish(id);
    const empty = await expectWholeSite(s.outDir, s.db, s.targetId);
    expect(empty.filter((f) => f.startsWith('tin-hoat-dong/'))).toEqual(['tin-hoat-dong/index.html']);
    expect(read(s.outDir, 'tin-hoat-dong/index.html')).toContain('Chuyên mục chưa có bài viết nào.');
    expect(read(s.outDir, 'index.html')).toContain('Chưa có bài viết nào được xuất bản.');
  });

  it('gives a colliding slug a suffix and leaves the first page untouched', async () => {
    const s = setup();
    const cat = createCategory(s.db, { name: 'Tin hoạt động', slug: 'tin-hoat-dong' });
    const [a, b, c] = series(s.db, cat.id, [
      ['Trùng tên', '2030-05-01T01:00:00.000Z'],
      ['Trùng tên khác', '2030-05-02T01:00:00.000Z'],
      ['Trùng nữa', '2030-05-03T01:00:00.000Z'],
    ]) as [Article, Article, Article];
    // Slugs are unique in the library, but not once folded into file names (an older library kept capitals).
    const slug = s.db.prepare('UPDATE articles SET slug = ? WHERE id = ?');
    slug.run('trung-ten', a.id);
    slug.run('TRUNG-TEN', b.id);
    slug.run('Trung-Ten', c.id);
    // 'index' is the folder's own page: that article asks for 'index-bai', which another one already holds.
    const held = published(s.db, { title: 'Index bài', categoryId: cat.id, publishedAt: '2030-05-04T01:00:00.000Z' });
    const index = published(s.db, { title: 'Index', categoryId: cat.id, publishedAt: '2030-05-05T01:00:00.000Z' });
    slug.run('index-bai', held.id);
    slug.run('index', index.id);

    await s.publish(a.id);
    const firstPage = read(s.outDir, 'tin-hoat-dong/trung-ten.html');
    expect((await s.publish(b.id)).record.remoteId).toBe('tin-hoat-dong/trung-ten-2.html');
    expect((await s.publish(c.id)).record.remoteId).toBe('tin-hoat-dong/trung-ten-3.html');
    expect((await s.publish(held.id)).record.remoteId).toBe('tin-hoat-dong/index-bai.html');
    expect((await s.publish(index.id)).record.remoteId).toBe('tin-hoat-dong/index-bai-2.html');
    expect(read(s.outDir, 'tin-hoat-dong/trung-ten.html')).toBe(firstPage);
    expect(read(s.outDir, 'tin-hoat-dong/trung-ten-2.html')).toContain('Trùng tên khác');
    // A republication keeps its file, and the others keep theirs.
    expect((await s.publish(b.id)).record.remoteId).toBe('tin-hoat-dong/trung-ten-2.html');
    expect(read(s.outDir, 'tin-hoat-dong/trung-ten.html')).toBe(firstPage);
    await expectWholeSite(s.outDir, s.db, s.targetId);
  });

  it('moving an article to another category moves its page and cleans the old lists', async () => {
    const s = setup();
    const hd = createCategory(s.db, { name: 'Tin hoạt động', slug: 'tin-hoat-dong' });
    const tb = createCategory(s.db, { name: 'Thông báo', slug: 'thong-bao' });
    const [stay, mover, later] = series(s.db, hd.id, [
      ['Bài ở lại', '2030-05-01T01:00:00.000Z'],
      ['Bài chuyển mục', '2030-05-02T01:00:00.000Z'],
      ['Bài mới hơn', '2030-05-03T01:00:00.000Z'],
    ]) as [Article, Article, Article];
    for (const a of [stay, mover, later]) await s.publish(a.id);
    expect(read(s.outDir, `tin-hoat-dong/${later.slug}.html`)).toContain('Bài chuyển mục');

    s.db.prepare('UPDATE articles SET category_id = ? WHERE id = ?').run(tb.id, mover.id);
    const { record } = await s.publish(mover.id);
    expect(record.remoteId).toBe(`thong-bao/${mover.slug}.html`);
    expect(fs.existsSync(path.join(s.outDir, 'tin-hoat-dong', `${mover.slug}.html`))).toBe(false);
    const files = await expectWholeSite(s.outDir, s.db, s.targetId);
    const oldFolder = files
      .filter((f) => f.startsWith('tin-hoat-dong/'))
      .map((f) => read(s.outDir, f))
      .join('\n');
    expect(oldFolder).not.toContain('Bài chuyển mục');
    expect(read(s.outDir, 'thong-bao/index.html')).toContain('Bài chuyển mục');
    expect(read(s.outDir, 'thong-bao/thang-2030-05.html')).toContain('Bài chuyển mục');
    // Its neighbour's 'Tin đã đưa' moved on to the next earlier one.
    expect(read(s.outDir, `tin-hoat-dong/${later.slug}.html`)).toContain('Bài ở lại');

    // A changed slug: a new file, the old one removed once nothing links to it.
    s.db.prepare("UPDATE articles SET slug = 'ten-moi' WHERE id = ?").run(mover.id);
    expect((await s.publish(mover.id)).record.remoteId).toBe('thong-bao/ten-moi.html');
    expect(fs.existsSync(path.join(s.outDir, 'thong-bao', `${mover.slug}.html`))).toBe(false);
    await expectWholeSite(s.outDir, s.db, s.targetId);

    // A changed publication time: same file, out of May's lists and into March's.
    s.db.prepare("UPDATE articles SET published_at = '2030-03-15T01:00:00.000Z' WHERE id = ?").run(mover.id);
    await s.publish(mover.id);
    expect(fs.existsSync(path.join(s.outDir, 'thong-bao', 'thang-2030-05.html'))).toBe(false);
    expect(fs.existsSync(path.join(s.outDir, 'sitemap-2030-05.xml'))).toBe(true);
    expect(read(s.outDir, 'thong-bao/thang-2030-03.html')).toContain('Bài chuyển mục');
    expect(read(s.outDir, 'sitemap-2030-03.xml')).toContain('thong-bao/ten-moi.html');
    expect(read(s.outDir, 'sitemap-2030-05.xml')).not.toContain('ten-moi');
    await expectWholeSite(s.outDir, s.db, s.targetId);
  });

  it('an unpublication that fails half-way keeps the article on the record, and the retry finishes it', async () => {
    const s = setup();
    const cat = createCategory(s.db, { name: 'Tin hoạt động', slug: 'tin-hoat-dong' });
    const [a, b] = series(s.db, cat.id, [
      ['Bài ở lại', '2030-05-01T01:00:00.000Z'],
      ['Bài gỡ xuống', '2030-05-02T01:00:00.000Z'],
    ]) as [Article, Article];
    for (const x of [a, b]) await s.publish(x.id);
    // Something in the way of the site feed: the lists before it are rewritten, then the job fails.
    const feed = path.join(s.outDir, 'rss.xml');
    fs.rmSync(feed);
    fs.mkdirSync(path.join(feed, 'x'), { recursive: true });
    await expect(s.unpublish(b.id)).rejects.toMatchObject({ name: 'PublishFailure', kind: 'permanent' });
    expect(new SiteRecord(s.db, s.targetId).entry(b.id)).not.toBeNull();
    expect(fs.existsSync(path.join(s.outDir, 'tin-hoat-dong', `${b.slug}.html`))).toBe(true);
    expect((await listFiles(s.outDir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    fs.rmSync(feed, { recursive: true });
    await s.unpublish(b.id);
    const files = await expectWholeSite(s.outDir, s.db, s.targetId);
    expect(everything(s.outDir, files)).not.toContain('Bài gỡ xuống');
  });

  it('shows the published snapshot, not the article as edited since', async () => {
    const s = setup();
    const cat = createCategory(s.db, { name: 'Tin hoạt động', slug: 'tin-hoat-dong' });
    const a = published(s.db, {
      title: 'Tiêu đề đã duyệt',
      lead: 'Tóm tắt đã duyệt',
      categoryId: cat.id,
      publishedAt: '2030-05-10T01:00:00.000Z',
    });
    await s.publish(a.id);
    s.db.prepare("UPDATE articles SET title = 'Tiêu đề đang sửa', lead = 'Tóm tắt đang sửa' WHERE id = ?").run(a.id);
    // An earlier article published after it rewrites its page (its 'Tin đã đưa' grows): still the snapshot.
    const earlier = published(s.db, {
      title: 'Bài cũ hơn',
      categoryId: cat.id,
      publishedAt: '2030-05-01T01:00:00.000Z',
    });
    const { writes } = await s.publish(earlier.id);
    const rel = `tin-hoat-dong/${a.slug}.html`;
    expect(writes).toContain(rel);
    const check = async (): Promise<void> => {
      const page = read(s.outDir, rel);
      expect(page).toContain('Tiêu đề đã duyệt');
      expect(page).toContain('Bài cũ hơn');
      const all = everything(s.outDir, await listFiles(s.outDir));
      expect(all).not.toContain('đang sửa');
    };
    await check();
    await s.target.rebuild(s.targetId, s.ctx);
    await check();
  });
});

describe('static site target: cost and rebuild', () => {
  /** A site of n articles in one category, ten a month from January 2028, put in the record and built once. */
  async function siteOf(n: number) {
    const s = setup();
    const cat = createCategory(s.db, { name: 'Tin hoạt động', slug: 'tin-hoat-dong' });
    const record = new SiteRecord(s.db, s.targetId);
    const start = Date.UTC(2028, 0, 1, 3);
    const folder = 'tin-hoat-dong';
    s.db.transaction(() => {
      for (let i = 0; i < n; i++) {
        const month = Math.floor(i / 10);
        const a = published(s.db, {
          title: `Thông báo số ${i + 1}`,
          lead: `Tóm tắt ${i + 1}`,
          categoryId: cat.id,
          bodyJson: JSON.stringify({
            root: {
              type: 'root',
              children: [{ type: 'paragraph', children: [{ type: 'text', text: 'Nội dung. '.repeat(100) }] }],
            },
          }),
          publishedAt: new Date(Date.UTC(2028, month, 1 + (i % 10), 3)).toISOString(),
        });
        record.upsert(
          entryOf(a.id, a, folder, record.allocateFile(folder, fileBase(a.slug, a.id), a.id), new Date(start)),
        );
      }
    })();
    await s.target.rebuild(s.targetId, s.ctx);
    return { ...s, cat };
  }

  it('writes the same number of files per publication with 30 or 300 articles on the site', async () => {
    const counts: Record<number, { newest: number; middle: number; unpublish: number }> = {};
    for (const n of [30, 300]) {
      const s = await siteOf(n);
      const newest = published(s.db, {
        title: 'Bài mới nhất',
        categoryId: s.cat.id,
        publishedAt: '2031-01-01T01:00:00.000Z',
      });
      // Into the second month of the site: its page is listed by ten newer pages, whose 'Tin đã đưa' change.
      const middle = published(s.db, {
        title: 'Bài chen giữa',
        categoryId: s.cat.id,
        publishedAt: '2028-02-05T12:00:00.000Z',
      });
      const t0 = performance.now();
      const a = (await s.publish(newest.id)).writes;
      const b = (await s.publish(middle.id)).writes;
      const c = await s.unpublish(middle.id);
      console.log(
        `site of ${n}: a publication writes ${a.length} files (${b.length} into the middle, ${c.length} to unpublish), 3 operations in ${Math.round(performance.now() - t0)} ms`,
      );
      expect(b.filter((f) => /^tin-hoat-dong\/thong-bao-so-\d+\.html$/.test(f)).length).toBe(10);
      // The pages one article touches: its own, its category's index and month, the home page, the feeds, the
      // sitemaps and its month of the search index, and the signed manifest — not the portal's own pages, which did
      // not change, nor the site's public key.
      expect([...a].sort()).toEqual(
        [
          'assets/tim-kiem-2031-01.json',
          'assets/tim-kiem.json',
          'index.html',
          'rss.xml',
          'sitemap-2031-01.xml',
          'sitemap-pages.xml',
          'sitemap.xml',
          `tin-hoat-dong/${newest.slug}.html`,
          'tin-hoat-dong/index.html',
          'tin-hoat-dong/rss.xml',
          'tin-hoat-dong/thang-2031-01.html',
          'toasoan-manifest.json',
          'toasoan-manifest.json.sig',
          'toasoan-manifest/2031-01.json',
          'toasoan-manifest/2031-01.json.sig',
        ].sort(),
      );
      counts[n] = { newest: a.length, middle: b.length, unpublish: c.length };
      await expectWholeSite(s.outDir, s.db, s.targetId);
    }
    expect(counts[300]).toEqual(counts[30]);
    expect(counts[30]?.newest).toBeLessThanOrEqual(16);
  }, 60_000);

  it('rebuild reports progress, removes what it no longer produces and keeps foreign files', async () => {
    const s = setup();
    const cat = createCategory(s.db, { name: 'Tin hoạt động', slug: 'tin-hoat-dong' });
    const [a, b, c] = series(s.db, cat.id, [
      ['Bài một', '2030-04-01T01:00:00.000Z'],
      ['Bài hai', '2030-05-01T01:00:00.000Z'],
      ['Bài ba', '2030-05-02T01:00:00.000Z'],
    ]) as [Article, Article, Article];
    for (const x of [a, b, c]) await s.publish(x.id);
    fs.writeFileSync(
      path.join(s.outDir, 'gioi-thieu.html'),
      '<!DOCTYPE html>\n<html lang="vi"><head><title>Giới thiệu</title></head><body><main>Trang riêng</main></body></html>',
    );
    fs.mkdirSync(path.join(s.outDir, 'images'), { recursive: true });
    fs.writeFileSync(path.join(s.outDir, 'images', 'logo.png'), 'logo');
    fs.writeFileSync(path.join(s.outDir, 'tin-hoat-dong', 'ghi-chu.txt'), 'ghi chú');

    const progress: [number, number][] = [];
    await s.target.rebuild(s.targetId, { ...s.ctx, progress: (d, t) => progress.push([d, t]) });
    expect(progress[0]?.[0]).toBe(0);
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);
    expect(progress.every(([d], i) => i === 0 || d >= (progress[i - 1] as [number, number])[0])).toBe(true);
    expect(fs.existsSync(path.join(s.outDir, JOURNAL_FILE))).toBe(false);
    const manifest = JSON.parse(read(s.outDir, MANIFEST_FILE)) as string[];
    expect(manifest).toContain(`tin-hoat-dong/${b.slug}.html`);
    expect(manifest).not.toContain('gioi-thieu.html');

    // The record loses two articles behind the site's back (one of them the whole of April): a rebuild removes
    // their pages and the April lists, and keeps what it never wrote.
    const record = new SiteRecord(s.db, s.targetId);
    record.remove(a.id);
    record.remove(b.id);
    await s.target.rebuild(s.targetId, s.ctx);
    const files = await listFiles(s.outDir);
    expect(files).not.toContain(`tin-hoat-dong/${a.slug}.html`);
    expect(files).not.toContain(`tin-hoat-dong/${b.slug}.html`);
    expect(files).not.toContain('tin-hoat-dong/thang-2030-04.html');
    expect(files).not.toContain('sitemap-2030-04.xml');
    expect(files).toContain(`tin-hoat-dong/${c.slug}.html`);
    expect(read(s.outDir, 'gioi-thieu.html')).toContain('Trang riêng');
    expect(read(s.outDir, 'images/logo.png')).toBe('logo');
    expect(read(s.outDir, 'tin-hoat-dong/ghi-chu.txt')).toBe('ghi chú');
    expect(read(s.outDir, 'index.html')).not.toContain('Bài hai');

    // A page a publication wrote after the rebuild is the site's too (the journal): the next rebuild removes it.
    const d = published(s.db, { title: 'Bài bốn', categoryId: cat.id, publishedAt: '2030-05-03T01:00:00.000Z' });
    await s.publish(d.id);
    expect(read(s.outDir, JOURNAL_FILE)).toContain(`tin-hoat-dong/${d.slug}.html`);
    record.remove(d.id);
    await s.target.rebuild(s.targetId, s.ctx);
    expect(fs.existsSync(path.join(s.outDir, 'tin-hoat-dong', `${d.slug}.html`))).toBe(false);
    expect(fs.existsSync(path.join(s.outDir, 'gioi-thieu.html'))).toBe(true);
  });

  it('rebuilds 2,000 articles (time printed, not asserted)', async () => {
    const s = await siteOf(0);
    const record = new SiteRecord(s.db, s.targetId);
    // One real article, its snapshot copied under 2,000 ids: the record is all a rebuild reads.
    const model = published(s.db, {
      title: 'Mẫu',
      categoryId: s.cat.id,
      bodyJson: JSON.stringify({
        root: {
          type: 'root',
          children: [{ type: 'paragraph', children: [{ type: 'text', text: 'Nội dung bài viết. '.repeat(150) }] }],
        },
      }),
    });
    s.db.transaction(() => {
      for (let i = 0; i < 2000; i++) {
        const categorised = i % 2 === 0;
        const a: Article = {
          ...model,
          id: 100_000 + i,
          title: `Tin số ${i + 1}`,
          lead: `Tóm tắt ${i + 1}`,
          slug: `tin-so-${i + 1}`,
          categoryId: categorised ? s.cat.id : null,
          categoryName: categorised ? s.cat.name : null,
          publishedAt: new Date(Date.UTC(2027, 0, 1) + i * 6 * 3600_000).toISOString(),
        };
        const folder = categorised ? 'tin-hoat-dong' : 'tin-tuc';
        record.upsert(entryOf(a.id, a, folder, a.slug, new Date()));
      }
    })();
    const t0 = performance.now();
    await s.target.rebuild(s.targetId, s.ctx);
    const ms = Math.round(performance.now() - t0);
    const files = await listFiles(s.outDir);
    console.log(`rebuild: 2000 articles, ${files.length} files in ${ms} ms`);
    expect(files.filter((f) => /^(?:tin-hoat-dong|tin-tuc)\/tin-so-\d+\.html$/.test(f)).length).toBe(2000);
    const t1 = performance.now();
    const late = published(s.db, { title: 'Bài mới', categoryId: s.cat.id, publishedAt: '2031-01-01T00:00:00.000Z' });
    const { writes } = await s.publish(late.id);
    console.log(`publish on a site of 2000: ${writes.length} files in ${Math.round(performance.now() - t1)} ms`);
    expect(writes.length).toBeLessThanOrEqual(16);
    const months = locsOf(xmlDoc(read(s.outDir, 'sitemap.xml'))).filter((l) => /sitemap-\d{4}-\d{2}\.xml$/.test(l));
    const pages = months
      .flatMap((l) => locsOf(xmlDoc(read(s.outDir, l.slice(BASE.length)))))
      .filter((l) => /\/tin-so-\d+\.html$|\/bai-moi\.html$/.test(l));
    expect(pages.length).toBe(2001);
  }, 120_000);
});

describe('static site target: the folder', () => {
  it('maps file-system errors to what the queue does with them', () => {
    const folder = '/media/usb/site';
    const cases: [string, PublishFailure['kind'], string][] = [
      ['ENOSPC', 'transient', 'TARGET_FULL'],
      ['EDQUOT', 'transient', 'TARGET_FULL'],
      ['EACCES', 'permanent', 'TARGET_READONLY'],
      ['EPERM', 'permanent', 'TARGET_READONLY'],
      ['EROFS', 'permanent', 'TARGET_READONLY'],
      ['ENOENT', 'offline', 'TARGET_MISSING'],
      ['ENOTDIR', 'permanent', 'TARGET_INVALID'],
      ['EIO', 'transient', 'TARGET_WRITE_FAILED'],
    ];
    for (const [code, kind, expected] of cases) {
      const failure = siteFailure(Object.assign(new Error(code), { code }), folder);
      expect(failure).toBeInstanceOf(PublishFailure);
      expect([failure.kind, failure.code]).toEqual([kind, expected]);
      expect(failure.message).toContain(folder);
      expect(failure.messageEn).toContain(folder);
    }
  });

  it('refuses folders that must not hold the site and waits for one that is not plugged in', async () => {
    const s = setup();
    const refuse = async (folder: string): Promise<PublishFailure> => {
      const error = await checkSite({ folder }, s.ctx).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(PublishFailure);
      return error as PublishFailure;
    };
    const data = await refuse(s.dataDir);
    expect([data.kind, data.code]).toEqual(['permanent', 'TARGET_INVALID']);
    expect(data.message).toContain(path.resolve(s.dataDir));
    expect(data.messageEn).toContain('data folder');
    expect((await refuse(path.join(s.dataDir, 'site'))).code).toBe('TARGET_INVALID');
    expect((await refuse(path.dirname(s.dataDir))).code).toBe('TARGET_INVALID');
    expect((await refuse('/')).code).toBe('TARGET_INVALID');
    const file = path.join(tempDataDir('toasoan-file-'), 'a-file');
    fs.writeFileSync(file, 'x');
    expect((await refuse(file)).code).toBe('TARGET_INVALID');
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
    const usb = await refuse(path.join(tempDataDir('toasoan-usb-'), 'not-plugged-in', 'site'));
    expect([usb.kind, usb.code]).toEqual(['offline', 'TARGET_MISSING']);

    // A folder whose parent exists is created; the probe leaves nothing behind.
    await checkSite({ folder: s.outDir }, s.ctx);
    expect(fs.readdirSync(s.outDir)).toEqual([]);
    expect(await prepareSiteFolder(s.outDir, s.dataDir)).toBe(path.resolve(s.outDir));
  });

  // Root writes through chmod 0o555, so there a folder under a file stands for a folder one cannot write to.
  const probeDir = tempDataDir('toasoan-ro-probe-');
  fs.chmodSync(probeDir, 0o555);
  let chmodStopsWrites = true;
  try {
    fs.writeFileSync(path.join(probeDir, 'x'), '');
    chmodStopsWrites = false;
  } catch {
    // Not root: the mode is honoured.
  }
  fs.chmodSync(probeDir, 0o755);
  if (!chmodStopsWrites)
    console.log(
      'read-only folder: running as root, where chmod 0o555 does not stop writes; a folder under a file stands in',
    );

  it('a folder it cannot write to fails permanently and leaves no temp file', async () => {
    const s = setup();
    const cat = createCategory(s.db, { name: 'Tin hoạt động', slug: 'tin-hoat-dong' });
    const a = published(s.db, { title: 'Bài một', categoryId: cat.id, publishedAt: '2030-05-01T01:00:00.000Z' });
    const parent = tempDataDir('toasoan-ro-');
    let folder: string;
    if (chmodStopsWrites) {
      folder = path.join(parent, 'site');
      fs.mkdirSync(folder);
      fs.chmodSync(folder, 0o555);
    } else {
      fs.writeFileSync(path.join(parent, 'a-file'), 'x');
      folder = path.join(parent, 'a-file', 'site');
    }
    try {
      const target = staticSiteTarget({ folder });
      const error = await target
        .publish(
          {
            targetId: s.targetId,
            articleId: a.id,
            article: getArticle(s.db, a.id),
            idempotencyKey: 'k',
            scheduledFor: null,
            previous: null,
          },
          s.ctx,
        )
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(PublishFailure);
      expect((error as PublishFailure).kind).toBe('permanent');
      expect((error as PublishFailure).code).toBe(chmodStopsWrites ? 'TARGET_READONLY' : 'TARGET_INVALID');
      expect((error as PublishFailure).message).toContain(folder);
      await expect(target.check(s.ctx)).rejects.toMatchObject({ kind: 'permanent' });
      expect(new SiteRecord(s.db, s.targetId).entry(a.id)).toBeNull();
    } finally {
      if (chmodStopsWrites) fs.chmodSync(folder, 0o755);
    }
    expect((await listFiles(parent)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('an atomic write that fails removes its temp file and leaves the old file whole', async () => {
    const dir = tempDataDir('toasoan-atomic-');
    fs.mkdirSync(path.join(dir, 'busy'));
    fs.writeFileSync(path.join(dir, 'busy', 'inside'), 'x');
    await expect(writeAtomic(path.join(dir, 'busy'), 'data')).rejects.toThrow();
    expect(fs.readdirSync(dir)).toEqual(['busy']);
    const written: string[] = [];
    const files = new SiteFiles(dir, (rel) => written.push(rel));
    await files.write('a/b.html', 'one');
    await files.write('a/b.html', 'two');
    expect(fs.readFileSync(path.join(dir, 'a', 'b.html'), 'utf8')).toBe('two');
    expect(fs.readdirSync(path.join(dir, 'a'))).toEqual(['b.html']);
    expect(written).toEqual(['a/b.html', 'a/b.html']);
    expect(fs.readFileSync(path.join(dir, JOURNAL_FILE), 'utf8')).toBe('a/b.html\na/b.html\n');
  });
});
