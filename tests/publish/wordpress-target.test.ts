import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../shared/contract/articles';
import type { TargetConfig } from '../../shared/contract/publishing';
import { renderBodyHtml } from '../../shared/render/article-html';
import { MEDIA_REF_PATTERN, parseBody } from '../../shared/render/body-nodes';
import { shortDateTime } from '../../shared/text/dateline';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { createMediaStore, mediaFilePath, type MediaStore } from '../../electron/core/media/media-store';
import {
  type PublishTarget,
  type PublishWork,
  type RemoteArticle,
  type RemoteRecord,
  type TargetContext,
} from '../../electron/core/publish/target';
import { wordpressTarget } from '../../electron/core/publish/targets/wordpress';
import { createArticle } from '../../electron/core/store/articles';
import { createCategory } from '../../electron/core/store/categories';
import { cleanupAll, tempDataDir } from '../helpers';
import {
  nextWallClockSecond,
  startWordPress,
  wpFetch,
  type WordPressInstance,
  type WordPressRole,
} from '../support/wordpress';
import { expectExplained, failureOf } from '../support/publish-failures';

// The WordPress target against a real WordPress 6.1 (Debian's packages): publishing with images, scheduling,
// updates and conflicts, failures of every kind, and two workstations meeting on the site (collaborate).
// Skipped, with the reason printed, where WordPress cannot run here (scripts/wordpress/install-packages.sh).

const wordpress = await startWordPress();
if (wordpress)
  console.info(
    `[wordpress] ${wordpress.url} (WordPress ${wordpress.wordpressVersion}) started in ${wordpress.timings.startedMs} ms`,
  );
const wp = wordpress as WordPressInstance;

let db: Db;
let dataDir: string;
let store: MediaStore;
let economy: number;
const servers: http.Server[] = [];

beforeAll(() => {
  dataDir = tempDataDir();
  db = openDatabase(dataDir).db;
  store = createMediaStore(dataDir);
  economy = createCategory(db, { name: 'Kinh tế' }).id;
});

afterAll(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  db?.close();
  await cleanupAll();
  await wordpress?.stop();
});

// ---------------------------------------------------------------------------------------------- the site, directly

interface WpPost {
  id: number;
  status: string;
  slug: string;
  link: string;
  author: number;
  date_gmt: string;
  modified_gmt: string;
  categories: number[];
  featured_media: number;
  title: { raw: string };
  content: { raw: string };
  excerpt: { raw: string };
}

interface WpMedia {
  id: number;
  slug: string;
  source_url: string;
  alt_text: string;
  caption: { raw: string };
}

async function json<T>(
  role: WordPressRole | null,
  path: string,
  init?: RequestInit,
): Promise<{ status: number; body: T }> {
  const response = await wpFetch(wp, role, path, init);
  return { status: response.status, body: (await response.json()) as T };
}

const postOnSite = async (id: string | null): Promise<WpPost> =>
  (await json<WpPost>('administrator', `/posts/${id}?context=edit`)).body;
const editOnSite = (id: string | null, fields: object) =>
  json<WpPost>('editor', `/posts/${id}`, { method: 'POST', body: JSON.stringify(fields) });

/** Every post (not trashed) of this exact title. */
async function postsTitled(title: string): Promise<WpPost[]> {
  const found = await json<WpPost[]>(
    'administrator',
    `/posts?search=${encodeURIComponent(title)}&status=publish,future,draft,pending,private&context=edit&per_page=100`,
  );
  return found.body.filter((post) => post.title.raw === title);
}

/** Every media item WordPress made of this image (named by its sha; a second upload would be '<sha>-1'). */
async function mediaOf(ref: string): Promise<WpMedia[]> {
  const sha = MEDIA_REF_PATTERN.exec(ref)?.[1] as string;
  return (await json<WpMedia[]>('administrator', `/media?search=${sha}&context=edit&per_page=100`)).body;
}

async function displayName(role: WordPressRole): Promise<string> {
  return (await json<{ name: string }>('administrator', `/users/${wp.users[role].id}?context=edit`)).body.name;
}

// ---------------------------------------------------------------------------------------------- this workstation

/** A real image in the media store, of its own colour (so its own sha). */
async function image(seed: number): Promise<string> {
  const png = await sharp({
    create: {
      width: 640,
      height: 400,
      channels: 3,
      background: { r: (seed * 71) % 256, g: (seed * 29) % 256, b: (seed * 113) % 256 },
    },
  })
    .png()
    .toBuffer();
  return (await store.importImage(png, `Ảnh số ${seed}.png`)).ref;
}

function body(paragraph: string, imageRef?: string): string {
  return JSON.stringify({
    root: {
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'text', text: paragraph, format: 1 }] },
        ...(imageRef
          ? [
              {
                type: 'image',
                src: imageRef,
                alt: 'Toàn cảnh cây cầu',
                caption: 'Cầu Rạch Miễu 2 ngày thông xe',
                width: 640,
                height: 400,
              },
            ]
          : []),
        { type: 'heading', tag: 'h2', children: [{ type: 'text', text: 'Người dân phấn khởi' }] },
        { type: 'paragraph', format: 'center', children: [{ type: 'text', text: 'Hàng nghìn người dự lễ.' }] },
      ],
    },
  });
}

let titles = 0;
/** An article of its own title (the site's search finds it alone). */
function article(fields: Partial<Parameters<typeof createArticle>[1]> = {}): Article {
  titles += 1;
  return createArticle(db, {
    title: `Khánh thành cầu số ${titles} nối hai tỉnh`,
    lead: 'Cây cầu nối Tiền Giang và Bến Tre.',
    bodyJson: body('Sáng nay, cầu chính thức thông xe.'),
    author: 'Nguyễn Văn An',
    department: 'Phòng Kinh tế',
    categoryId: economy,
    publishedAt: '2026-01-02T03:00:00.000Z',
    status: 'published',
    ...fields,
  });
}

interface Rig {
  target: PublishTarget;
  targetId: number;
  context: TargetContext;
  work: (article: Article, previous: RemoteRecord | null, overrides?: Partial<PublishWork>) => PublishWork;
}

let keys = 0;
function rig(
  role: WordPressRole,
  config: Partial<TargetConfig<'wordpress'>> = {},
  secret: string | null = wp.users[role].appPassword,
): Rig {
  const full: TargetConfig<'wordpress'> = {
    siteUrl: wp.url,
    username: wp.users[role].username,
    timeoutMs: 10_000,
    ...config,
  };
  const at = new Date().toISOString();
  const targetId = Number(
    db
      .prepare(
        "INSERT INTO publish_targets (kind, name, config, created_at, updated_at) VALUES ('wordpress', ?, ?, ?, ?)",
      )
      .run(`WordPress (${role})`, JSON.stringify(full), at, at).lastInsertRowid,
  );
  const context: TargetContext = {
    db,
    dataDir,
    now: () => new Date(),
    signal: new AbortController().signal,
    progress: () => undefined,
    secret,
  };
  return {
    target: wordpressTarget(full),
    targetId,
    context,
    work: (item, previous, overrides = {}) => {
      keys += 1;
      return {
        targetId,
        articleId: item.id,
        article: item,
        idempotencyKey: `job-${keys}`,
        scheduledFor: null,
        previous,
        ...overrides,
      };
    },
  };
}

const host = (): string => new URL(wp.url).host;

async function listen(server: http.Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

type Plan = (method: string, route: string) => 'pass' | 'reset' | 'lose';

/**
 * The site behind a local proxy that can drop a request's connection mid-upload ('reset') or carry it out and then
 * drop the connection before the answer ('lose'). Returns the proxy's address and what it saw.
 */
async function proxy(first: Plan): Promise<{ url: string; seen: string[]; plan(next: Plan): void }> {
  const seen: string[] = [];
  let plan = first;
  async function relay(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const route = new URL(req.url ?? '/', 'http://proxy').searchParams.get('rest_route') ?? '';
    const what = plan(method, route);
    seen.push(`${method} ${route} ${what}`);
    if (what === 'reset') {
      req.once('data', () => req.socket.destroy());
      req.once('end', () => req.socket.destroy());
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const name of ['authorization', 'content-type', 'accept'])
      if (req.headers[name]) headers.set(name, String(req.headers[name]));
    const upstream = await fetch(`${wp.url}${req.url}`, {
      method,
      headers,
      redirect: 'manual',
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    const answer = Buffer.from(await upstream.arrayBuffer());
    if (what === 'lose') {
      req.socket.destroy();
      return;
    }
    const out: Record<string, string> = {};
    for (const name of ['content-type', 'x-wp-total', 'x-wp-totalpages', 'date']) {
      const value = upstream.headers.get(name);
      if (value) out[name] = value;
    }
    res.writeHead(upstream.status, out);
    res.end(answer);
  }
  const server = http.createServer((req, res) => void relay(req, res));
  return {
    url: await listen(server),
    seen,
    plan: (next) => {
      plan = next;
    },
  };
}

/** Answers every request with this status and an HTML page, as a broken site, a security plugin or a moved site does. */
function pageServer(status: number): Promise<string> {
  return listen(
    http.createServer((_req, res) => {
      res.writeHead(status, {
        'Content-Type': 'text/html; charset=UTF-8',
        ...(status === 301 ? { Location: 'https://cong.example.vn/' } : {}),
      });
      res.end(
        '<!DOCTYPE html><html><body><h1>Đã có lỗi</h1><p>There has been a critical error on this website.</p></body></html>',
      );
    }),
  );
}

/** Once for each request that matches, then 'pass'. */
function once(...rules: [method: string, route: RegExp, what: 'reset' | 'lose'][]): Plan {
  const left = [...rules];
  return (method, route) => {
    const index = left.findIndex(([m, r]) => m === method && r.test(route));
    if (index < 0) return 'pass';
    const [rule] = left.splice(index, 1);
    return rule?.[2] ?? 'pass';
  };
}

// ---------------------------------------------------------------------------------------------- publishing

describe.skipIf(!wordpress)('WordPress target: publishing to a real WordPress', () => {
  it('publishes a post: the shared renderer’s HTML with the site’s image addresses, the byline, excerpt, category and featured image', async () => {
    const { target, context, work, targetId } = rig('editor');
    const [featured, inline] = [await image(1), await image(2)];
    const item = article({
      featuredImage: featured,
      featuredCaption: 'Lễ cắt băng khánh thành',
      bodyJson: body('Sáng nay, cầu chính thức thông xe.', inline),
    });
    const started = Date.now();
    const record = await target.publish(work(item, null), context);
    console.info(`[wordpress] a post with two images published in ${Date.now() - started} ms`);

    const post = await postOnSite(record.remoteId);
    const [inlineMedia] = await mediaOf(inline);
    expect(inlineMedia?.source_url).toMatch(
      new RegExp(`^${wp.url}/wp-content/uploads/\\d{4}/\\d\\d/${MEDIA_REF_PATTERN.exec(inline)?.[1]}\\.png$`),
    );
    const expected = renderBodyHtml(parseBody(item.bodyJson), {
      mediaUrl: (ref) => (ref === inline ? (inlineMedia?.source_url ?? null) : null),
    });
    expect(expected).toContain(`<img src="${inlineMedia?.source_url}"`);
    expect(post.content.raw).toBe(`${expected}\n<p class="byline">Nguyễn Văn An (Phòng Kinh tế)</p>`);
    expect(post).toMatchObject({
      status: 'publish',
      slug: item.slug,
      author: wp.users.editor.id,
      categories: [wp.categories['Kinh tế']],
    });
    expect(post.title.raw).toBe(item.title);
    expect(post.excerpt.raw).toBe(item.lead);
    expect(post.date_gmt).toBe('2026-01-02T03:00:00');
    expect(record).toEqual({ remoteId: String(post.id), url: post.link, remoteModified: `${post.modified_gmt}Z` });
    expect(record.url).toBe(`${wp.url}/${item.slug}/`);
    expect((await fetch(record.url as string)).status).toBe(200);

    const cover = (await json<WpMedia>('administrator', `/media/${post.featured_media}?context=edit`)).body;
    expect(cover.alt_text).toBe('Lễ cắt băng khánh thành');
    expect(cover.caption.raw).toBe('Lễ cắt băng khánh thành');
    expect(cover.slug).toBe(MEDIA_REF_PATTERN.exec(featured)?.[1]);
    const served = await fetch(cover.source_url);
    expect(served.status).toBe(200);
    const file = mediaFilePath(dataDir, featured.slice('media:'.length)) as string;
    expect(Buffer.from(await served.arrayBuffer()).equals(fs.readFileSync(file))).toBe(true);
    expect(inlineMedia).toMatchObject({
      alt_text: 'Toàn cảnh cây cầu',
      caption: { raw: 'Cầu Rạch Miễu 2 ngày thông xe' },
    });

    // Each image once per target, remembered.
    expect(
      db.prepare('SELECT media_ref, remote_id FROM target_media WHERE target_id = ? ORDER BY media_ref').all(targetId),
    ).toEqual(
      [
        { media_ref: featured, remote_id: String(cover.id) },
        { media_ref: inline, remote_id: String(inlineMedia?.id) },
      ].sort((a, b) => (a.media_ref < b.media_ref ? -1 : 1)),
    );
  });

  it('updates the same post, uploading no image again; a legacy body goes as paragraphs; a missing category is created', async () => {
    const { target, context, work } = rig('editor');
    const inline = await image(3);
    const item = article({ bodyJson: body('Bản đầu.', inline) });
    const first = await target.publish(work(item, null), context);
    const culture = 'Văn hóa & Thể thao';
    const changed = {
      ...item,
      title: `${item.title} (cập nhật)`,
      bodyJson: null,
      bodyHtml: '<p>Bài <b>cũ</b></p><div>Đoạn hai</div>',
      categoryName: culture,
    };
    const second = await target.publish(work(changed, first), context);

    expect(second.remoteId).toBe(first.remoteId);
    const post = await postOnSite(second.remoteId);
    expect(post.title.raw).toBe(changed.title);
    expect(post.content.raw).toBe(
      '<p>Bài cũ</p>\n<p>Đoạn hai</p>\n<p class="byline">Nguyễn Văn An (Phòng Kinh tế)</p>',
    );
    expect(await mediaOf(inline)).toHaveLength(1);
    // WordPress stores the name HTML-escaped; another client finds it rather than making a second one.
    const categories = (
      await json<{ id: number; name: string }[]>('administrator', '/categories?per_page=100')
    ).body.filter((c) => c.name === 'Văn hóa &amp; Thể thao');
    expect(categories).toHaveLength(1);
    expect(post.categories).toEqual([categories[0]?.id]);
    const other = rig('editor');
    const again = await other.target.publish(other.work({ ...article(), categoryName: culture }, null), other.context);
    expect((await postOnSite(again.remoteId)).categories).toEqual([categories[0]?.id]);
  });

  it('hands a scheduled article to WordPress as a future post with its time', async () => {
    const { target, context, work } = rig('editor');
    const at = new Date(Date.now() + 2 * 86_400_000);
    at.setUTCMilliseconds(0);
    const item = article();
    const record = await target.publish(work(item, null, { scheduledFor: at.toISOString() }), context);
    const post = await postOnSite(record.remoteId);
    expect(post.status).toBe('future');
    expect(`${post.date_gmt}Z`).toBe(at.toISOString().replace('.000', ''));
    expect(target.serverSchedule).toBe(true);

    // Published now after all: no longer held for later.
    const now = await target.publish(work(item, record, { scheduledFor: null }), context);
    expect((await postOnSite(now.remoteId)).status).toBe('publish');
  });

  it('refuses to overwrite a post changed on WordPress since, saying when in Vietnam time, and changes nothing', async () => {
    const { target, context, work } = rig('editor');
    const item = article();
    const record = await target.publish(work(item, null), context);
    // WordPress keeps modified times to the second.
    await nextWallClockSecond();
    const edited = await editOnSite(record.remoteId, { content: '<p>Sửa trên WordPress</p>' });
    expect(edited.status).toBe(200);

    const inline = await image(4);
    const failure = await failureOf(
      target.publish(work({ ...item, bodyJson: body('Bản mới', inline) }, record), context),
    );
    expect([failure.kind, failure.code]).toEqual(['permanent', 'TARGET_CONFLICT']);
    expectExplained(failure, host());
    expect(failure.message).toContain(shortDateTime(`${edited.body.modified_gmt}Z`));
    expect(failure.messageEn).toMatch(/not overwritten/);
    expect((await postOnSite(record.remoteId)).content.raw).toBe('<p>Sửa trên WordPress</p>');
    expect(await mediaOf(inline)).toHaveLength(0);
  });

  it('publishes anew a post deleted on WordPress; a trashed one fails plainly and stays in the trash', async () => {
    const { target, context, work } = rig('editor');
    const item = article();
    const first = await target.publish(work(item, null), context);
    expect((await json('administrator', `/posts/${first.remoteId}?force=true`, { method: 'DELETE' })).status).toBe(200);
    const again = await target.publish(work(item, first), context);
    expect(again.remoteId).not.toBe(first.remoteId);
    expect((await postOnSite(again.remoteId)).status).toBe('publish');

    expect((await json('administrator', `/posts/${again.remoteId}`, { method: 'DELETE' })).status).toBe(200);
    const failure = await failureOf(target.publish(work(item, again), context));
    expect([failure.kind, failure.code]).toEqual(['permanent', 'TARGET_TRASHED']);
    expectExplained(failure, host());
    expect((await postOnSite(again.remoteId)).status).toBe('trash');
    expect(await postsTitled(item.title)).toHaveLength(0);
  });

  it('unpublishes to a draft, or to a private post; done when the post is gone or was never sent', async () => {
    const drafts = rig('editor');
    const record = await drafts.target.publish(drafts.work(article(), null), drafts.context);
    await drafts.target.unpublish(
      { targetId: drafts.targetId, articleId: 1, idempotencyKey: 'u1', previous: record },
      drafts.context,
    );
    expect((await postOnSite(record.remoteId)).status).toBe('draft');
    await drafts.target.unpublish(
      { targetId: drafts.targetId, articleId: 1, idempotencyKey: 'u2', previous: null },
      drafts.context,
    );

    const privates = rig('editor', { unpublishAs: 'private' });
    const hidden = await privates.target.publish(privates.work(article(), null), privates.context);
    await privates.target.unpublish(
      { targetId: privates.targetId, articleId: 1, idempotencyKey: 'u3', previous: hidden },
      privates.context,
    );
    expect((await postOnSite(hidden.remoteId)).status).toBe('private');
    expect((await fetch(hidden.url as string)).status).toBe(404);

    await json('administrator', `/posts/${hidden.remoteId}?force=true`, { method: 'DELETE' });
    await privates.target.unpublish(
      { targetId: privates.targetId, articleId: 1, idempotencyKey: 'u4', previous: hidden },
      privates.context,
    );
  });

  it('checks the account without publishing; rebuilding is one step done', async () => {
    const before = (
      await json<WpPost[]>(
        'administrator',
        '/posts?status=publish,future,draft,pending,private&context=edit&per_page=1',
      )
    ).body[0]?.id;
    const editor = rig('editor');
    await editor.target.check(editor.context);
    const progress: [number, number][] = [];
    await editor.target.rebuild(editor.targetId, {
      ...editor.context,
      progress: (done, total) => progress.push([done, total]),
    });
    expect(progress).toEqual([[1, 1]]);
    expect(
      (
        await json<WpPost[]>(
          'administrator',
          '/posts?status=publish,future,draft,pending,private&context=edit&per_page=1',
        )
      ).body[0]?.id,
    ).toBe(before);
  });
});

// ---------------------------------------------------------------------------------------------- failures

describe.skipIf(!wordpress)('WordPress target: what goes wrong, said plainly', () => {
  it('refuses a wrong application password, and a revoked one, as TARGET_AUTH', async () => {
    const wrong = rig('editor', {}, 'abcd EFGH ijkl MNOP qrst UVWX');
    const refused = await failureOf(wrong.target.check(wrong.context));
    expect([refused.kind, refused.code]).toEqual(['permanent', 'TARGET_AUTH']);
    expectExplained(refused, host());
    expect(refused.messageEn).toMatch(/wrong or revoked application password/);
    const item = article();
    expect((await failureOf(wrong.target.publish(wrong.work(item, null), wrong.context))).code).toBe('TARGET_AUTH');

    const editorId = wp.users.editor.id;
    const made = await json<{ uuid: string; password: string }>(
      'administrator',
      `/users/${editorId}/application-passwords`,
      {
        method: 'POST',
        body: JSON.stringify({ name: `Tòa Soạn thử thu hồi ${Date.now()}` }),
      },
    );
    expect(made.status).toBe(201);
    const revocable = rig('editor', {}, made.body.password);
    await revocable.target.check(revocable.context);
    expect(
      (await json('administrator', `/users/${editorId}/application-passwords/${made.body.uuid}`, { method: 'DELETE' }))
        .status,
    ).toBe(200);
    expect((await failureOf(revocable.target.check(revocable.context))).code).toBe('TARGET_AUTH');
    expect((await failureOf(revocable.target.publish(revocable.work(item, null), revocable.context))).code).toBe(
      'TARGET_AUTH',
    );
    expect(await postsTitled(item.title)).toHaveLength(0);

    const none = rig('editor', {}, null);
    expect((await failureOf(none.target.check(none.context))).code).toBe('TARGET_AUTH');
  });

  it('tells a contributor in words that its role may not publish, nor upload images', async () => {
    const contributor = rig('contributor');
    const checked = await failureOf(contributor.target.check(contributor.context));
    expect([checked.kind, checked.code]).toEqual(['permanent', 'TARGET_FORBIDDEN']);

    const item = article();
    const failure = await failureOf(contributor.target.publish(contributor.work(item, null), contributor.context));
    expect([failure.kind, failure.code]).toEqual(['permanent', 'TARGET_FORBIDDEN']);
    expectExplained(failure, host());
    expect(failure.message).toContain(
      `"congtacvien" (vai trò Cộng tác viên) trên trang WordPress ${host()} không được đăng bài: vai trò này chỉ được gửi bài chờ duyệt.`,
    );
    expect(failure.messageEn).toContain(
      `"congtacvien" (role Contributor) on the WordPress site ${host()} may not publish posts: this role may only submit posts for review.`,
    );

    const upload = await failureOf(
      contributor.target.publish(
        contributor.work(article({ featuredImage: await image(5) }), null),
        contributor.context,
      ),
    );
    expect(upload.code).toBe('TARGET_FORBIDDEN');
    expect(upload.message).toContain('không được tải ảnh lên');
    expect(upload.messageEn).toContain('may not upload images');
    expect(await postsTitled(item.title)).toHaveLength(0);

    // With collaboration a contributor's account is fit for submitting.
    const writer = rig('contributor', { collaborate: true });
    await writer.target.check(writer.context);
  });

  it("an author's post gets WordPress's default category when its own is missing and the author may not create it", async () => {
    const author = rig('author');
    const record = await author.target.publish(
      author.work({ ...article(), categoryName: 'Chuyên mục chưa có' }, null),
      author.context,
    );
    const post = await postOnSite(record.remoteId);
    expect(post.status).toBe('publish');
    expect(post.categories).toEqual([1]);
    const names = (await json<{ name: string }[]>('administrator', '/categories?per_page=100')).body.map((c) => c.name);
    expect(names).not.toContain('Chuyên mục chưa có');
  });

  it('an HTML page instead of JSON is TARGET_NOT_JSON (retried); a 403 page, a security plugin, is TARGET_BLOCKED', async () => {
    for (const [status, kind, code] of [
      [200, 'transient', 'TARGET_NOT_JSON'],
      [500, 'transient', 'TARGET_NOT_JSON'],
      [403, 'permanent', 'TARGET_BLOCKED'],
      [404, 'permanent', 'TARGET_NO_API'],
      // Not followed: fetch would send a POST on as a GET.
      [301, 'permanent', 'TARGET_REDIRECT'],
    ] as const) {
      const url = await pageServer(status);
      const broken = rig('editor', { siteUrl: url });
      for (const attempt of [
        broken.target.check(broken.context),
        broken.target.publish(broken.work(article(), null), broken.context),
      ]) {
        const failure = await failureOf(attempt);
        expect([status, failure.kind, failure.code]).toEqual([status, kind, code]);
        expectExplained(failure, new URL(url).host);
      }
    }
  });

  it('a connection dropped during an image upload is transient; the retry uploads the image once', async () => {
    const site = await proxy(once(['POST', /^\/wp\/v2\/media$/, 'reset']));
    const { target, context, work } = rig('editor', { siteUrl: site.url });
    const inline = await image(6);
    const job = work(article({ bodyJson: body('Ảnh tải lên bị ngắt.', inline) }), null);
    const failure = await failureOf(target.publish(job, context));
    expect(failure.kind).toBe('transient');
    expect(failure.code).toBe('TARGET_RESET');
    expectExplained(failure, new URL(site.url).host);
    expect(await mediaOf(inline)).toHaveLength(0);

    const record = await target.publish(job, context);
    expect(await mediaOf(inline)).toHaveLength(1);
    expect((await postOnSite(record.remoteId)).content.raw).toContain((await mediaOf(inline))[0]?.source_url);
  });

  it('a lost answer is retried without a second post or a second image, and a lost update is not taken for a conflict', async () => {
    const site = await proxy(once(['POST', /^\/wp\/v2\/media$/, 'lose'], ['POST', /^\/wp\/v2\/posts$/, 'lose']));
    const { target, context, work } = rig('editor', { siteUrl: site.url });
    const inline = await image(7);
    const item = article({ bodyJson: body('Câu trả lời bị mất.', inline) });
    const job = work(item, null);
    expect((await failureOf(target.publish(job, context))).code).toBe('TARGET_RESET');
    expect((await failureOf(target.publish(job, context))).code).toBe('TARGET_RESET');
    const record = await target.publish(job, context);

    const posts = await postsTitled(item.title);
    expect(posts.map((post) => String(post.id))).toEqual([record.remoteId]);
    expect(await mediaOf(inline)).toHaveLength(1);
    expect(
      site.seen
        .filter((line) => line.startsWith('POST /wp/v2/posts'))
        .map((line) => line.split(' ').slice(1).join(' ')),
    ).toEqual(['/wp/v2/posts lose', `/wp/v2/posts/${record.remoteId} pass`]);

    await nextWallClockSecond();
    site.plan(once(['POST', new RegExp(`^/wp/v2/posts/${record.remoteId}$`), 'lose']));
    const update = work({ ...item, lead: 'Sapo mới.', bodyJson: body('Bản sửa, câu trả lời bị mất.', inline) }, record);
    expect((await failureOf(target.publish(update, context))).code).toBe('TARGET_RESET');
    const updated = await target.publish(update, context);
    expect(updated.remoteId).toBe(record.remoteId);
    expect((await postOnSite(record.remoteId)).excerpt.raw).toBe('Sapo mới.');
  });
});

// ---------------------------------------------------------------------------------------------- collaboration

describe.skipIf(!wordpress)('WordPress target: two workstations meeting on the site', () => {
  const reason = 'Cần bổ sung nguồn "chính thức" -- gấp, trước 17 giờ.';
  let writer: Rig;
  let editor: Rig;
  let submitted: Article;
  let record: RemoteRecord;
  let pulledByEditor: RemoteArticle;
  let pulledByWriter: RemoteArticle;

  beforeAll(() => {
    writer = rig('contributor', { collaborate: true });
    editor = rig('editor', { collaborate: true });
    submitted = createArticle(db, {
      title: 'Hội nghị triển khai nhiệm vụ năm 2027',
      lead: 'Ủy ban nhân dân thị xã tổ chức hội nghị.',
      bodyJson: JSON.stringify({
        root: {
          type: 'root',
          children: [
            {
              type: 'paragraph',
              children: [{ type: 'text', text: 'Sáng 5/1, thị xã Giá Rai tổ chức hội nghị.', format: 0 }],
            },
            {
              type: 'list',
              listType: 'bullet',
              children: [{ type: 'listitem', children: [{ type: 'text', text: 'Chỉ tiêu kinh tế' }] }],
            },
          ],
        },
      }),
      author: 'Lê Cộng Tác',
      department: 'Phòng Văn hóa',
      categoryId: economy,
      status: 'pending_review',
    });
  });

  it('has collaboration only where the settings turn it on', () => {
    expect(writer.target.collaboration).toBeDefined();
    expect(rig('editor').target.collaboration).toBeUndefined();
  });

  it('submits as a contributor: a post waiting for review carrying the editor document', async () => {
    record = await writer.target.collaboration!.submit(writer.work(submitted, null), writer.context);
    expect(record.url).toBeNull();
    const post = await postOnSite(record.remoteId);
    expect(post).toMatchObject({
      status: 'pending',
      author: wp.users.contributor.id,
      categories: [wp.categories['Kinh tế']],
    });
    const html = renderBodyHtml(parseBody(submitted.bodyJson), { mediaUrl: () => null });
    const doc = Buffer.from(submitted.bodyJson as string, 'utf8').toString('base64');
    expect(post.content.raw).toBe(
      `${html}\n<p class="byline">Lê Cộng Tác (Phòng Văn hóa)</p>\n<!-- toasoan:doc:${doc} -->`,
    );

    // Sent again unchanged: the same post, no conflict with itself.
    const again = await writer.target.collaboration!.submit(writer.work(submitted, record), writer.context);
    expect(again.remoteId).toBe(record.remoteId);
    record = again;
  });

  it("pulls as the editor: the post with the writer's own document, byline, author and category", async () => {
    const started = Date.now();
    const pulled = await editor.target.collaboration!.pull({ postsAfter: null, commentsAfter: null }, editor.context);
    console.info(
      `[wordpress] the editor's first pull (${pulled.articles.length} posts, ${pulled.comments.length} comments) took ${Date.now() - started} ms`,
    );
    const found = pulled.articles.find((item) => item.remoteId === record.remoteId) as RemoteArticle;
    expect(found).toEqual({
      remoteId: record.remoteId,
      status: 'pending',
      title: submitted.title,
      lead: submitted.lead,
      html: renderBodyHtml(parseBody(submitted.bodyJson), { mediaUrl: () => null }),
      bodyJson: submitted.bodyJson,
      slug: submitted.slug,
      authorName: await displayName('contributor'),
      byline: { author: 'Lê Cộng Tác', department: 'Phòng Văn hóa' },
      categoryName: 'Kinh tế',
      url: null,
      remoteModified: record.remoteModified,
      scheduledFor: null,
    });
    // Oldest first; the cursor where the next pull starts.
    const times = pulled.articles.map((item) => item.remoteModified);
    expect([...times].sort()).toEqual(times);
    expect(pulled.cursor.postsAfter).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const next = await editor.target.collaboration!.pull(pulled.cursor, editor.context);
    for (const item of next.articles)
      expect(Date.parse(item.remoteModified)).toBeGreaterThan(Date.parse(pulled.cursor.postsAfter as string));
    pulledByEditor = found;
  });

  it('returns it to the writer: a draft again, with the reason as a comment, once however often repeated', async () => {
    const previous = { remoteId: pulledByEditor.remoteId, url: null, remoteModified: pulledByEditor.remoteModified };
    const job = { ...editor.work(submitted, previous), reason };
    const returned = await editor.target.collaboration!.returnToWriter(job, editor.context);
    expect((await postOnSite(returned.remoteId)).status).toBe('draft');
    // A repeat after a lost answer, with the record as it was: neither a conflict nor a second comment.
    await editor.target.collaboration!.returnToWriter(job, editor.context);
    const comments = (
      await json<{ content: { raw: string }; author: number }[]>(
        'administrator',
        `/comments?post=${returned.remoteId}&context=edit`,
      )
    ).body;
    expect(comments).toHaveLength(1);
    expect(comments[0]?.author).toBe(wp.users.editor.id);
    expect(comments[0]?.content.raw.startsWith('[Trả lại] Cần bổ sung nguồn &quot;chính thức&quot; -- gấp')).toBe(true);
  });

  it('pulls as the writer: the draft and the return comment with its reason exactly', async () => {
    const pulled = await writer.target.collaboration!.pull({ postsAfter: null, commentsAfter: null }, writer.context);
    const mine = pulled.articles.find((item) => item.remoteId === record.remoteId) as RemoteArticle;
    expect(mine.status).toBe('draft');
    expect(mine.bodyJson).toBe(submitted.bodyJson);
    const comment = pulled.comments.find((item) => item.remoteArticleId === record.remoteId);
    expect(comment).toMatchObject({ isReturn: true, text: reason, authorName: await displayName('editor') });
    expect(comment?.createdAt).toMatch(/Z$/);
    // A contributor sees only its own posts waiting or in draft.
    expect(pulled.articles.every((item) => item.authorName === mine.authorName)).toBe(true);
    pulledByWriter = mine;
  });

  it('the writer resubmits; the editor publishes it without the document; the writer learns it is published', async () => {
    const resubmitted = await writer.target.collaboration!.submit(
      writer.work(submitted, { remoteId: record.remoteId, url: null, remoteModified: pulledByWriter.remoteModified }),
      writer.context,
    );
    expect((await postOnSite(resubmitted.remoteId)).status).toBe('pending');

    const published = await editor.target.publish(editor.work(submitted, resubmitted), editor.context);
    const post = await postOnSite(published.remoteId);
    expect(post.status).toBe('publish');
    expect(post.author).toBe(wp.users.contributor.id);
    expect(post.content.raw).not.toContain('toasoan:doc');

    const pulled = await writer.target.collaboration!.pull({ postsAfter: null, commentsAfter: null }, writer.context);
    const mine = pulled.articles.find((item) => item.remoteId === record.remoteId);
    expect(mine).toMatchObject({
      status: 'publish',
      url: published.url,
      bodyJson: null,
      byline: { author: 'Lê Cộng Tác', department: 'Phòng Văn hóa' },
    });
  });
});
