import net from 'node:net';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  nextWallClockSecond,
  startWordPress,
  wpFetch,
  type WordPressInstance,
  type WordPressRole,
} from '../support/wordpress';

// The real WordPress 6.1 the WordPress publishing target is written against: what its REST API does for each role.
// Skipped, with the reason printed, where the Debian packages are missing (scripts/wordpress/install-packages.sh).

const wordpress = await startWordPress();
if (wordpress)
  console.info(
    `[wordpress] ${wordpress.url} (WordPress ${wordpress.wordpressVersion}) started in ${wordpress.timings.startedMs} ms`,
  );

afterAll(async () => {
  if (!wordpress) return;
  await wordpress.stop();
  // Nothing may be left listening on the port once the instance is stopped.
  expect(await accepts(wordpress.port)).toBe(false);
});

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

interface WpPost {
  id: number;
  author: number;
  status: string;
  slug: string;
  link: string;
  date_gmt: string;
  modified: string;
  modified_gmt: string;
  categories: number[];
  title: { rendered: string; raw?: string };
  generated_slug?: string;
}

interface WpMedia {
  id: number;
  author: number;
  source_url: string;
  mime_type: string;
  alt_text: string;
  caption: { raw?: string; rendered: string };
  media_details: { width: number; height: number; file: string; sizes: Record<string, { source_url: string }> };
}

interface WpError {
  code: string;
  data: { status: number };
}

const wp = wordpress as WordPressInstance;

async function json<T>(
  role: WordPressRole | null,
  path: string,
  init?: RequestInit,
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await wpFetch(wp, role, path, init);
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

const post = <T = WpPost>(role: WordPressRole, path: string, body: unknown) =>
  json<T>(role, path, { method: 'POST', body: JSON.stringify(body) });

/** A real PNG (RGB, a gradient) big enough for WordPress to make its thumbnail and medium sizes. */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(typed));
    return Buffer.concat([length, typed, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1)
      rows.set([(x * 255) / width, (y * 255) / height, 128], y * (width * 3 + 1) + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** '2026-12-01T10:30:10' (WordPress's *_gmt, no zone) moved by seconds, still without a zone. */
function shiftGmt(gmt: string, seconds: number): string {
  return new Date(Date.parse(`${gmt}Z`) + seconds * 1000).toISOString().slice(0, 19);
}

describe.skipIf(!wordpress)('a real WordPress 6.1 over its REST API', () => {
  it('serves the site, its REST index and pretty permalinks', async () => {
    const index = await json<{ name: string; namespaces: string[] }>(null, `${wp.url}/wp-json/`);
    expect(index.status).toBe(200);
    expect(index.body.name).toBe('Cổng thông tin điện tử thị xã Giá Rai');
    expect(index.body.namespaces).toContain('wp/v2');
    expect(wp.wordpressVersion).toMatch(/^6\.1\./);

    const home = await fetch(`${wp.url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Giá Rai');
    expect((await fetch(`${wp.url}/hello-world/`)).status).toBe(200);
  });

  it('lists posts, each with modified_gmt', async () => {
    const listed = await json<WpPost[]>(null, '/posts');
    expect(listed.status).toBe(200);
    expect(Number(listed.headers.get('x-wp-total'))).toBeGreaterThanOrEqual(1);
    const hello = listed.body.find((item) => item.slug === 'hello-world');
    expect(hello?.link).toBe(`${wp.url}/hello-world/`);
    for (const item of listed.body) expect(item.modified_gmt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it('has the categories the target maps to', async () => {
    const listed = await json<{ id: number; name: string; slug: string }[]>(null, '/categories?per_page=100');
    expect(listed.status).toBe(200);
    for (const [name, id] of Object.entries(wp.categories)) {
      expect(listed.body.find((category) => category.id === id)?.name).toBe(name);
    }
    expect(listed.body.find((category) => category.id === wp.categories['Kinh tế'])?.slug).toBe('kinh-te');
  });

  it('lets a contributor submit for review but not publish, and only as themself', async () => {
    const publish = await post<WpError>('contributor', '/posts', { title: 'Tin cộng tác viên', status: 'publish' });
    expect(publish.status).toBe(403);
    expect(publish.body.code).toBe('rest_cannot_publish');

    const asOther = await post<WpError>('contributor', '/posts', {
      title: 'Tin mạo danh',
      status: 'pending',
      author: wp.users.editor.id,
    });
    expect(asOther.status).toBe(403);
    expect(asOther.body.code).toBe('rest_cannot_edit_others');

    const pending = await post('contributor', '/posts', {
      title: 'Hội nghị triển khai nhiệm vụ năm 2025',
      status: 'pending',
    });
    expect(pending.status).toBe(201);
    expect(pending.body.status).toBe('pending');
    expect(pending.body.author).toBe(wp.users.contributor.id);
    // No slug and no pretty link until it is published.
    expect(pending.body.slug).toBe('');
    expect(pending.body.link).toBe(`${wp.url}/?p=${pending.body.id}`);
  });

  it('lists pending posts for an editor with status=pending&context=edit, not for anyone', async () => {
    const mine = await post('contributor', '/posts', { title: 'Bài chờ biên tập', status: 'pending' });
    const byAuthor = await post('author', '/posts', { title: 'Bài phóng viên chờ duyệt', status: 'pending' });
    expect([mine.status, byAuthor.status]).toEqual([201, 201]);

    const forEditor = await json<WpPost[]>('editor', '/posts?status=pending&context=edit&per_page=100');
    expect(forEditor.status).toBe(200);
    const ids = forEditor.body.map((item) => item.id);
    expect(ids).toEqual(expect.arrayContaining([mine.body.id, byAuthor.body.id]));
    expect(forEditor.body.every((item) => item.status === 'pending')).toBe(true);
    expect(forEditor.body.find((item) => item.id === mine.body.id)?.title.raw).toBe('Bài chờ biên tập');
    expect(forEditor.body.find((item) => item.id === mine.body.id)?.generated_slug).toBe('bai-cho-bien-tap');

    const anonymous = await json<WpError>(null, '/posts?status=pending');
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.code).toBe('rest_invalid_param');

    // A contributor's list holds their own pending posts only.
    const forContributor = await json<WpPost[]>('contributor', '/posts?status=pending&context=edit&per_page=100');
    expect(forContributor.status).toBe(200);
    expect(forContributor.body.map((item) => item.id)).toContain(mine.body.id);
    expect(forContributor.body.map((item) => item.id)).not.toContain(byAuthor.body.id);
  });

  it("lets an editor publish a contributor's pending post, keeping its author", async () => {
    const pending = await post('contributor', '/posts', {
      title: 'Khai mạc Lễ hội Đờn ca tài tử',
      content: '<p>Sáng nay, thị xã Giá Rai khai mạc lễ hội.</p>',
      status: 'pending',
      categories: [wp.categories['Tin tức - Sự kiện']],
    });
    expect(pending.status).toBe(201);

    const published = await post('editor', `/posts/${pending.body.id}`, { status: 'publish' });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('publish');
    expect(published.body.author).toBe(wp.users.contributor.id);
    expect(published.body.slug).toBe('khai-mac-le-hoi-don-ca-tai-tu');
    expect(published.body.link).toBe(`${wp.url}/khai-mac-le-hoi-don-ca-tai-tu/`);
    expect(published.body.categories).toEqual([wp.categories['Tin tức - Sự kiện']]);

    const publicView = await json<WpPost>(null, `/posts/${pending.body.id}`);
    expect(publicView.status).toBe(200);
    const page = await fetch(published.body.link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('khai mạc lễ hội');

    // An editor may also write in another user's name.
    const onBehalf = await post('editor', '/posts', {
      title: 'Tin đăng thay',
      status: 'publish',
      author: wp.users.author.id,
    });
    expect(onBehalf.status).toBe(201);
    expect(onBehalf.body.author).toBe(wp.users.author.id);
  });

  it('takes an upload from an author as a raw body or multipart, and serves it', async () => {
    const image = png(400, 300);
    const raw = await json<WpMedia>('author', '/media', {
      method: 'POST',
      // Node's fetch sends only Latin-1 header values: a Vietnamese file name goes in multipart, not here.
      headers: { 'Content-Type': 'image/png', 'Content-Disposition': 'attachment; filename="le-hoi-gia-rai.png"' },
      body: image,
    });
    expect(raw.status).toBe(201);
    expect(raw.body.author).toBe(wp.users.author.id);
    expect(raw.body.mime_type).toBe('image/png');
    expect(raw.body.source_url).toMatch(
      new RegExp(`^${wp.url}/wp-content/uploads/\\d{4}/\\d\\d/le-hoi-gia-rai\\.png$`),
    );
    expect(raw.body.media_details).toMatchObject({ width: 400, height: 300 });
    const served = await fetch(raw.body.source_url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(image)).toBe(true);
    const thumbnail = raw.body.media_details.sizes.thumbnail?.source_url;
    expect(thumbnail).toBeDefined();
    expect((await fetch(thumbnail ?? '')).status).toBe(200);

    const form = new FormData();
    form.append('file', new Blob([image], { type: 'image/png' }), 'Ảnh lễ hội Giá Rai.png');
    form.append('alt_text', 'Quang cảnh lễ hội');
    form.append('caption', 'Lễ hội Đờn ca tài tử');
    const multipart = await json<WpMedia>('author', '/media', { method: 'POST', body: form });
    expect(multipart.status).toBe(201);
    expect(multipart.body.alt_text).toBe('Quang cảnh lễ hội');
    expect(multipart.body.caption.raw).toBe('Lễ hội Đờn ca tài tử');
    // WordPress strips the accents from the file name.
    expect(multipart.body.source_url).toMatch(/\/Anh-le-hoi-Gia-Rai\.png$/);
    expect((await fetch(multipart.body.source_url)).status).toBe(200);

    const contributor = await json<WpError>('contributor', '/media', {
      method: 'POST',
      headers: { 'Content-Type': 'image/png', 'Content-Disposition': 'attachment; filename="khong-duoc.png"' },
      body: image,
    });
    expect(contributor.status).toBe(403);
    expect(contributor.body.code).toBe('rest_cannot_create');
  });

  it('answers 401 to a wrong application password, and to the login password, wherever it needs a user', async () => {
    const wrong = {
      ...wp,
      users: { ...wp.users, editor: { ...wp.users.editor, appPassword: 'abcd EFGH ijkl MNOP qrst UVWX' } },
    };
    const me = await wpFetch(wrong, 'editor', '/users/me');
    expect(me.status).toBe(401);
    expect(((await me.json()) as WpError).code).toBe('rest_not_logged_in');
    const create = await wpFetch(wrong, 'editor', '/posts', {
      method: 'POST',
      body: JSON.stringify({ title: 'x', status: 'draft' }),
    });
    expect(create.status).toBe(401);
    expect(((await create.json()) as WpError).code).toBe('rest_cannot_create');
    // WordPress 6.1 does not reject bad credentials as such: it goes on as an anonymous visitor.
    expect((await wpFetch(wrong, 'editor', '/posts')).status).toBe(200);

    const login = {
      ...wp,
      users: { ...wp.users, editor: { ...wp.users.editor, appPassword: wp.users.editor.password } },
    };
    expect((await wpFetch(login, 'editor', '/users/me')).status).toBe(401);

    const right = await json<{ id: number; roles?: string[] }>('editor', '/users/me?context=edit');
    expect(right.status).toBe(200);
    expect(right.body.id).toBe(wp.users.editor.id);
    expect(right.body.roles).toEqual(['editor']);
  });

  it('filters on modified_after, read in UTC only when the value carries a zone', async () => {
    const created = await post('editor', '/posts', {
      title: 'Tin kinh tế mới',
      status: 'publish',
      categories: [wp.categories['Kinh tế']],
    });
    expect(created.status).toBe(201);
    const { id, modified_gmt: modifiedGmt, modified } = created.body;
    // The site is on Vietnam's time (+07:00): modified is local, modified_gmt is UTC.
    expect(Date.parse(`${modified}Z`) - Date.parse(`${modifiedGmt}Z`)).toBe(7 * 3600 * 1000);

    const ids = async (query: string) => {
      const listed = await json<WpPost[]>('editor', `/posts?${query}&per_page=100&_fields=id,modified_gmt`);
      expect(listed.status).toBe(200);
      return listed.body.map((item) => item.id);
    };
    expect(await ids(`modified_after=${shiftGmt(modifiedGmt, -1)}Z`)).toContain(id);
    expect(await ids(`modified_after=${modifiedGmt}Z`)).not.toContain(id); // strictly after
    expect(await ids(`modified_before=${shiftGmt(modifiedGmt, 1)}Z`)).toContain(id);
    // Without a zone the value is site-local time: a UTC value then reaches 7 hours too far back.
    expect(await ids(`modified_after=${shiftGmt(modifiedGmt, 3600)}`)).toContain(id);
    expect(await ids(`modified_after=${encodeURIComponent(`${modifiedGmt}+00:00`)}`)).not.toContain(id);

    // An edit moves modified_gmt on (to the second), and the filter follows it.
    await nextWallClockSecond();
    const edited = await post('editor', `/posts/${id}`, { title: 'Tin kinh tế mới (cập nhật)' });
    expect(edited.status).toBe(200);
    expect(edited.body.modified_gmt > modifiedGmt).toBe(true);
    expect(edited.body.date_gmt).toBe(created.body.date_gmt);
    expect(await ids(`modified_after=${modifiedGmt}Z`)).toContain(id);
  });
});
