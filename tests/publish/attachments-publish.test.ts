import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import type { Article } from '../../shared/contract/articles';
import type { Attachment } from '../../shared/contract/attachments';
import type { Core } from '../../electron/core/core';
import { openDatabase } from '../../electron/core/db/database';
import { JOURNAL_FILE, listFiles, MANIFEST_FILE } from '../../electron/core/publish/site-files';
import { rebuildSite } from '../../electron/core/publish/static-site';
import { BODY_JSON, cleanupAll, ok, openCore, tempDataDir } from '../helpers';
import { docxFile, pdfScanned, pdfWithText } from '../support/attachment-files';
import { approvedAgainAndPublished, fakeClock, settle, type FakeClock } from '../support/publishing';
import { startWordPress, wpFetch, type WordPressInstance } from '../support/wordpress';

/**
 * Attached documents go out with the article on every target: the preview and the static site (files copied
 * content-addressed into files/, linked from the page, kept equal to a full rebuild) and a real WordPress (uploaded
 * to the media library once, however often the article is published again).
 */

const wordpress = await startWordPress();
afterAll(async () => {
  await cleanupAll();
  await wordpress?.stop();
});

const b64 = (bytes: Buffer) => bytes.toString('base64');
/** Attaches a file's bytes to an article through the contract, as the administrator. */
const attach = (core: Core, id: number, fileName: string, bytes: Buffer) =>
  ok(core, 'attachments.add', { id, fileName, dataBase64: b64(bytes) });
const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

interface Rig {
  core: Core;
  clock: FakeClock;
  dataDir: string;
}

function rig(): Rig {
  const dataDir = tempDataDir();
  const clock = fakeClock();
  return { core: openCore(dataDir, undefined, { clock: clock.now }), clock, dataDir };
}

/** An approved article with a decision (a PDF with text, its particulars filled in), a scanned PDF and a plan (DOCX). */
async function articleWithDocuments(core: Core): Promise<{ article: Article; documents: Attachment[] }> {
  const draft = await ok(core, 'articles.create', {
    title: 'Công bố quyết định thành lập phường Láng Tròn',
    lead: 'Ủy ban nhân dân thị xã công bố quyết định thành lập phường.',
    bodyJson: BODY_JSON,
  });
  const decision = await attach(core, draft.id, 'Quyết định 15.pdf', pdfWithText());
  const scan = await attach(core, draft.id, 'Bản ký.pdf', pdfScanned());
  const plan = await attach(core, draft.id, 'Kế hoạch.docx', docxFile());
  const filled = await ok(core, 'attachments.update', {
    id: draft.id,
    attachmentId: decision.id,
    docNumber: '15/2023/QĐ-UBND',
    issuedOn: '2023-03-15',
    issuer: 'UBND thị xã Giá Rai',
  });
  let article = await ok(core, 'articles.get', { id: draft.id });
  for (const action of ['submit', 'approve'] as const)
    article = await ok(core, 'articles.transition', { id: article.id, baseVersion: article.version, action });
  return { article, documents: [filled, scan, plan] };
}

const publish = (core: Core, article: Article, action: 'publish' | 'update') =>
  ok(core, 'articles.transition', { id: article.id, baseVersion: article.version, action });

/** The "Văn bản đính kèm" list of a page: each item's link, its text, and the section's heading. */
function attachmentList(html: string): { heading: string; items: { href: string; text: string }[] } {
  const document = new Window().document;
  document.body.innerHTML = html.replace(/^[\s\S]*<body[^>]*>/, '').replace(/<\/body>[\s\S]*$/, '');
  const section = document.querySelector('section.attachments');
  const heading = section?.querySelector('h2')?.textContent ?? '';
  // A line break of the list reads as a pause: a space here.
  for (const br of [...(section?.querySelectorAll('br') ?? [])]) br.replaceWith(' ');
  const items = [...(section?.querySelectorAll('li') ?? [])].map((li) => ({
    href: li.querySelector('a')?.getAttribute('href') ?? '',
    text: (li.textContent ?? '').replace(/\s+/g, ' ').trim(),
  }));
  return { heading, items };
}

const BOOKKEEPING = new Set([MANIFEST_FILE, JOURNAL_FILE]);
async function servedFiles(folder: string): Promise<Map<string, string>> {
  const files = (await listFiles(folder)).filter((rel) => !BOOKKEEPING.has(rel) && !rel.startsWith('.')).sort();
  return new Map(files.map((rel) => [rel, sha256(fs.readFileSync(path.join(folder, ...rel.split('/'))))]));
}

describe('attached documents in the preview and on the static site', () => {
  it('lists them with link, type, size, number, date and body; the site copies each file once into files/', async () => {
    const { core, clock, dataDir } = rig();
    const folder = path.join(tempDataDir('toasoan-site-'), 'site');
    await ok(core, 'targets.create', { kind: 'static-site', name: 'Trang tĩnh', config: { folder } });
    const { article, documents } = await articleWithDocuments(core);

    const preview = await ok(core, 'preview.page', { id: article.id });
    const previewed = attachmentList(preview.html);
    expect(previewed.heading).toBe('Văn bản đính kèm');
    expect(previewed.items.map((item) => item.href)).toEqual(documents.map((d) => `media/${d.fileName}`));

    const published = await publish(core, article, 'publish');
    await settle(core, clock);
    const { jobs } = await ok(core, 'publish.jobs', { articleId: article.id });
    expect(jobs.map((job) => job.state)).toEqual(['succeeded']);

    const page = (await listFiles(folder)).find((rel) => rel.endsWith('.html') && rel.includes(published.slug));
    expect(page).toBeDefined();
    const list = attachmentList(fs.readFileSync(path.join(folder, page as string), 'utf8'));
    expect(list.items).toEqual([
      {
        href: `../files/${documents[0]?.fileName}`,
        text: expect.stringMatching(
          /^Quyết định 15 \(PDF, \d+ KB\) Số\/ký hiệu: 15\/2023\/QĐ-UBND · Ngày ban hành: 15\/03\/2023 · Cơ quan ban hành: UBND thị xã Giá Rai$/,
        ) as string,
      },
      {
        href: `../files/${documents[1]?.fileName}`,
        text: expect.stringMatching(/^Bản ký \(PDF, \d+ KB\) Bản quét: trình đọc màn hình không đọc được/) as string,
      },
      {
        href: `../files/${documents[2]?.fileName}`,
        text: expect.stringMatching(/^Kế hoạch \(Word \(DOCX\), \d+ KB\)$/),
      },
    ]);
    // Each file is the very bytes of the media store, under its hash.
    for (const document of documents) {
      const copy = fs.readFileSync(path.join(folder, 'files', document.fileName));
      expect(copy.equals(fs.readFileSync(path.join(dataDir, 'media', document.fileName)))).toBe(true);
      expect(`${sha256(copy)}.${document.kind}`).toBe(document.fileName);
    }

    // Incremental equals rebuilt: the same record rebuilt into an empty folder gives the same files, documents included.
    const { db } = openDatabase(dataDir);
    try {
      const targetId = jobs[0]?.targetId as number;
      const fresh = path.join(tempDataDir('toasoan-site-'), 'site');
      await rebuildSite({ folder: fresh }, targetId, {
        db,
        dataDir,
        now: clock.now,
        signal: new AbortController().signal,
        progress: () => undefined,
        secret: null,
      });
      expect(await servedFiles(fresh)).toEqual(await servedFiles(folder));
    } finally {
      db.close();
    }

    // A document taken off and the article updated: its file leaves the site, as a rebuild would leave it out.
    await ok(core, 'attachments.remove', { id: article.id, attachmentId: documents[2]?.id as number });
    await approvedAgainAndPublished(core, published);
    await settle(core, clock);
    expect(fs.existsSync(path.join(folder, 'files', documents[2]?.fileName as string))).toBe(false);
    expect(fs.existsSync(path.join(folder, 'files', documents[0]?.fileName as string))).toBe(true);
  });
});

describe.skipIf(!wordpress)('attached documents on a real WordPress', () => {
  const wp = wordpress as WordPressInstance;

  async function mediaNamed(sha: string): Promise<{ id: number; source_url: string; mime_type: string }[]> {
    const response = await wpFetch(wp, 'administrator', `/media?search=${sha}&context=edit&per_page=100`);
    return (await response.json()) as { id: number; source_url: string; mime_type: string }[];
  }

  it('uploads each document once across two publications and links it in the post', async () => {
    const { core, clock } = rig();
    await ok(core, 'targets.create', {
      kind: 'wordpress',
      name: 'Cổng WordPress',
      config: { siteUrl: wp.url, username: wp.users.editor.username, timeoutMs: 20_000 },
      secret: wp.users.editor.appPassword,
    });
    const { article, documents } = await articleWithDocuments(core);
    const first = await publish(core, article, 'publish');
    await settle(core, clock);
    // Published again with a particular changed: the post is updated, no file goes up a second time.
    await ok(core, 'attachments.update', {
      id: article.id,
      attachmentId: documents[1]?.id as number,
      issuer: 'Sở Nội vụ',
    });
    await approvedAgainAndPublished(core, first);
    await settle(core, clock);
    const { jobs } = await ok(core, 'publish.jobs', { articleId: article.id });
    expect(jobs.map((job) => [job.kind, job.state])).toEqual([
      ['update', 'succeeded'],
      ['publish', 'succeeded'],
    ]);

    const response = await wpFetch(wp, 'administrator', `/posts?slug=${first.slug}&context=edit`);
    const [post] = (await response.json()) as { content: { raw: string } }[];
    const list = attachmentList(post?.content.raw ?? '');
    expect(list.heading).toBe('Văn bản đính kèm');
    for (const [i, document] of documents.entries()) {
      const sha = document.fileName.slice(0, 64);
      const uploaded = await mediaNamed(sha);
      expect(uploaded, document.displayName).toHaveLength(1);
      expect(list.items[i]?.href).toBe(uploaded[0]?.source_url);
      const served = Buffer.from(await (await fetch(uploaded[0]?.source_url as string)).arrayBuffer());
      expect(sha256(served)).toBe(sha);
    }
    expect(list.items[1]?.text).toContain('Cơ quan ban hành: Sở Nội vụ');
  });
});
