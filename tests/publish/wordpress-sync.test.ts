import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { openDatabase } from '../../electron/core/db/database';
import { applyPull, syncCursor, type SyncDeps } from '../../electron/core/publish/wordpress/sync';
import type { RemoteArticle } from '../../electron/core/publish/target';
import { cleanupAll, ok, openCore, tempDataDir } from '../helpers';

afterEach(cleanupAll);

const DOC = (text: string, image?: string) =>
  JSON.stringify({
    root: {
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'text', text }] },
        ...(image ? [{ type: 'image', src: image, alt: 'Ảnh', caption: 'Chú thích' }] : []),
      ],
    },
  });

function post(
  fields: Partial<RemoteArticle> & { remoteId: string; status: RemoteArticle['status']; remoteModified: string },
): RemoteArticle {
  return {
    title: 'Khai mạc lễ hội Dớn ca tài tử',
    lead: 'Tóm tắt',
    html: '<p>Nội dung</p>',
    bodyJson: DOC('Nội dung'),
    slug: 'khai-mac-le-hoi',
    authorName: 'Lam Nguyễn',
    byline: { author: 'Lam Nguyễn', department: 'Phòng Văn hóa' },
    categoryName: 'Tin tức',
    url: null,
    scheduledFor: null,
    ...fields,
  };
}

/** The target row and the deps applyPull runs with, on the core's own database file. */
async function setup(core: Core, dataDir: string, fetchImage: SyncDeps['fetchImage'] = async () => null) {
  const target = await ok(core, 'targets.create', {
    kind: 'wordpress',
    name: 'Cổng WordPress',
    config: { siteUrl: 'http://127.0.0.1:9/', username: 'bientap', collaborate: true },
  });
  const { db } = openDatabase(dataDir);
  const deps = (now: string): SyncDeps => ({
    db,
    dataDir,
    targetId: target.id,
    targetName: target.name,
    now,
    audit: () => undefined,
    fetchImage,
  });
  return { db, deps };
}

describe('what a pull from a collaborating site changes here', () => {
  it('brings a post waiting for review into Chờ duyệt, by its author, and moves the cursor', async () => {
    const dir = tempDataDir();
    const core = openCore(dir);
    await ok(core, 'categories.create', { name: 'Tin tức' });
    const { db, deps } = await setup(core, dir);
    await applyPull(deps('2026-12-01T03:00:00.000Z'), {
      articles: [post({ remoteId: '41', status: 'pending', remoteModified: '2026-12-01T02:59:00Z' })],
      comments: [],
      cursor: { postsAfter: '2026-12-01T02:59:00Z', commentsAfter: null },
    });
    const pending = await ok(core, 'articles.list', { status: 'pending_review' });
    expect(pending.items.map((a) => [a.title, a.categoryName, a.author])).toEqual([
      ['Khai mạc lễ hội Dớn ca tài tử', 'Tin tức', 'Lam Nguyễn'],
    ]);
    const article = await ok(core, 'articles.get', { id: pending.items[0]?.id as number });
    expect(article.bodyJson).toBe(DOC('Nội dung'));
    expect(article.ownerName).toBe('Lam Nguyễn');
    expect(syncCursor(db, 1).postsAfter).toBe('2026-12-01T02:59:00Z');
    // The author is known here but cannot sign in here.
    const users = await ok(core, 'users.list', {});
    expect(users.find((u) => u.displayName === 'Lam Nguyễn')).toMatchObject({ disabled: true, role: 'writer' });
  });

  it('takes a return (back to draft with a comment) to Bị trả lại with the reason, once', async () => {
    const dir = tempDataDir();
    const core = openCore(dir);
    const { deps } = await setup(core, dir);
    await applyPull(deps('2026-12-01T03:00:00.000Z'), {
      articles: [post({ remoteId: '7', status: 'pending', remoteModified: 'A' })],
      comments: [],
      cursor: { postsAfter: 'A', commentsAfter: null },
    });
    const returned = {
      articles: [post({ remoteId: '7', status: 'draft', remoteModified: 'B' })],
      comments: [
        {
          remoteId: '3',
          remoteArticleId: '7',
          authorName: 'Biên Tập',
          text: 'Cần thêm nguồn',
          createdAt: '2026-12-01T03:05:00Z',
          isReturn: true,
        },
      ],
      cursor: { postsAfter: 'B', commentsAfter: '2026-12-01T03:05:00Z' },
    };
    await applyPull(deps('2026-12-01T03:06:00.000Z'), returned);
    await applyPull(deps('2026-12-01T03:07:00.000Z'), returned);
    const [article] = (await ok(core, 'articles.list', { status: 'returned' })).items;
    expect(article).toBeDefined();
    const comments = await ok(core, 'comments.list', { articleId: article?.id as number });
    expect(comments.map((c) => [c.kind, c.body, c.authorName])).toEqual([['return', 'Cần thêm nguồn', 'Biên Tập']]);
  });

  it('follows the decision: published, then taken down; its own writes seen again change nothing', async () => {
    const dir = tempDataDir();
    const core = openCore(dir);
    const { deps } = await setup(core, dir);
    await applyPull(deps('2026-12-01T03:00:00.000Z'), {
      articles: [post({ remoteId: '9', status: 'pending', remoteModified: 'A' })],
      comments: [],
      cursor: { postsAfter: 'A', commentsAfter: null },
    });
    const id = (await ok(core, 'articles.list', {})).items[0]?.id as number;
    const before = await ok(core, 'articles.get', { id });
    // The same modified time as recorded: this workstation's own write.
    await applyPull(deps('2026-12-01T03:01:00.000Z'), {
      articles: [post({ remoteId: '9', status: 'draft', remoteModified: 'A' })],
      comments: [],
      cursor: { postsAfter: 'A', commentsAfter: null },
    });
    expect((await ok(core, 'articles.get', { id })).version).toBe(before.version);
    await applyPull(deps('2026-12-01T03:02:00.000Z'), {
      articles: [post({ remoteId: '9', status: 'publish', remoteModified: 'C', url: 'http://wp/khai-mac/' })],
      comments: [],
      cursor: { postsAfter: 'C', commentsAfter: null },
    });
    expect((await ok(core, 'articles.get', { id })).status).toBe('published');
    await applyPull(deps('2026-12-01T03:03:00.000Z'), {
      articles: [post({ remoteId: '9', status: 'private', remoteModified: 'D' })],
      comments: [],
      cursor: { postsAfter: 'D', commentsAfter: null },
    });
    expect((await ok(core, 'articles.get', { id })).status).toBe('unpublished');
  });

  it('fetches the images of a pulled document and points it at the local copies', async () => {
    const dir = tempDataDir();
    const core = openCore(dir);
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#8f1d21' } })
      .png()
      .toBuffer();
    const asked: string[] = [];
    const { deps } = await setup(core, dir, async (url) => {
      asked.push(url);
      return png;
    });
    const remoteRef = `media:${'c'.repeat(64)}.png`;
    await applyPull(deps('2026-12-01T03:00:00.000Z'), {
      articles: [
        post({
          remoteId: '5',
          status: 'pending',
          remoteModified: 'A',
          bodyJson: DOC('Có ảnh', remoteRef),
          html: `<p>Có ảnh</p><figure><img src="http://wp/wp-content/uploads/${'c'.repeat(64)}.png" alt="Ảnh"></figure>`,
        }),
      ],
      comments: [],
      cursor: { postsAfter: 'A', commentsAfter: null },
    });
    expect(asked).toEqual([`http://wp/wp-content/uploads/${'c'.repeat(64)}.png`]);
    const id = (await ok(core, 'articles.list', {})).items[0]?.id as number;
    const article = await ok(core, 'articles.get', { id });
    expect(article.bodyJson).not.toContain(remoteRef);
    const local = /media:[0-9a-f]{64}\.png/.exec(article.bodyJson ?? '')?.[0];
    expect(local).toBeDefined();
    expect((await ok(core, 'preview.articleHtml', { id })).html).toContain('<img');
  });

  it('leaves posts written on the site itself alone', async () => {
    const dir = tempDataDir();
    const core = openCore(dir);
    const { deps } = await setup(core, dir);
    await applyPull(deps('2026-12-01T03:00:00.000Z'), {
      articles: [post({ remoteId: '1', status: 'publish', remoteModified: 'A', bodyJson: null })],
      comments: [],
      cursor: { postsAfter: 'A', commentsAfter: null },
    });
    expect((await ok(core, 'articles.list', {})).total).toBe(0);
  });
});
