import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, contract } from '../../shared/contract';
import { LIMITS } from '../../shared/contract/articles';
import { portalDateLine } from '../../shared/text/dateline';
import { nfcDeep } from '../../shared/text/normalize';
import { REVISIONS_KEPT } from '../../electron/core/store/articles';
import demo from '../../electron/core/demo/gia-rai.json';
import type { Core } from '../../electron/core/core';
import { asAdmin, cleanupAll, fails, ok, openCore, tempDataDir } from '../helpers';

afterEach(cleanupAll);

let dir: string;
let core: Core;
beforeEach(() => {
  dir = tempDataDir();
  core = openCore(dir);
  expect(core.startupError).toBeNull();
});

/** Reads the stored rows straight from the SQLite file, beside the core's own connection. */
function rawRows<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(core.databasePath as string, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const NFD_TITLE = 'Tie\u0302\u0301ng Vie\u0323\u0302t trong co\u0302ng va\u0306n';
const NFC_TITLE = 'Tiếng Việt trong công văn';

describe('creating and reading articles', () => {
  it('stores NFD input as NFC and derives the slug', async () => {
    expect(NFD_TITLE).not.toBe(NFC_TITLE);
    const created = await ok(core, 'articles.create', {
      title: `  ${NFD_TITLE}  `,
      lead: 'Ba\u0300i vie\u0302\u0301t ma\u0302\u0303u',
      author: '  Lam Nguye\u0302\u0303n ',
    });
    expect(created.title).toBe(NFC_TITLE);
    expect(created.lead).toBe('Bài viết mẫu');
    expect(created.author).toBe('Lam Nguyễn');
    expect(created.slug).toBe('tieng-viet-trong-cong-van');
    expect(created).toMatchObject({ version: 1, status: 'draft', trashedAt: null, viewCount: 0, categoryId: null });

    const stored = rawRows<{ title: string; lead: string; author: string }>(
      'SELECT title, lead, author FROM articles WHERE id = ?',
      created.id,
    )[0];
    expect(stored).toEqual({ title: NFC_TITLE, lead: 'Bài viết mẫu', author: 'Lam Nguyễn' });

    const fetched = await ok(core, 'articles.get', { id: created.id });
    expect(fetched).toEqual(created);
  });

  it('gives a colliding slug the next free suffix', async () => {
    const a = await ok(core, 'articles.create', { title: 'Đường làng' });
    const b = await ok(core, 'articles.create', { title: 'ĐƯỜNG LÀNG!' });
    const c = await ok(core, 'articles.create', { title: 'Duong lang', slug: 'duong-lang' });
    expect([a.slug, b.slug, c.slug]).toEqual(['duong-lang', 'duong-lang-2', 'duong-lang-3']);
    const untitled = await ok(core, 'articles.create', { title: '!!!' });
    expect(untitled.slug).toBe('bai-viet');
  });

  it('stores publishedAt as the same instant in UTC', async () => {
    const created = await ok(core, 'articles.create', { title: 'Hội nghị', publishedAt: '2023-03-23T08:05:00+07:00' });
    expect(created.publishedAt).toBe('2023-03-23T01:05:00.000Z');
    expect(portalDateLine(created.publishedAt as string)).toBe('Thứ năm, 23/03/2023, 08:05');
  });

  it('answers NOT_FOUND for an unknown article or category', async () => {
    expect((await fails(core, 'articles.get', { id: 999 })).code).toBe('NOT_FOUND');
    expect((await fails(core, 'articles.create', { title: 'x', categoryId: 42 })).code).toBe('NOT_FOUND');
    expect((await ok(core, 'articles.list', {})).total).toBe(0);
  });
});

describe('updating articles', () => {
  it('bumps the version and keeps the previous text as a revision', async () => {
    const created = await ok(core, 'articles.create', { title: 'Bản đầu', lead: 'Tóm tắt' });
    const updated = await ok(core, 'articles.update', {
      id: created.id,
      baseVersion: 1,
      changes: { title: 'Bản hai', lead: 'Mới' },
    });
    expect(updated).toMatchObject({ id: created.id, title: 'Bản hai', lead: 'Mới', version: 2, slug: created.slug });
    const revisions = await ok(core, 'articles.revisions', { id: created.id });
    expect(revisions.map((r) => [r.version, r.title, r.articleId])).toEqual([[1, 'Bản đầu', created.id]]);
    const snapshot = JSON.parse(
      rawRows<{ snapshot: string }>('SELECT snapshot FROM article_revisions WHERE article_id = ?', created.id)[0]
        ?.snapshot ?? '{}',
    ) as Record<string, unknown>;
    expect(snapshot).toMatchObject({ title: 'Bản đầu', lead: 'Tóm tắt', version: 1 });
  });

  it('refuses a stale baseVersion with CONFLICT and writes nothing', async () => {
    const created = await ok(core, 'articles.create', { title: 'Gốc' });
    await ok(core, 'articles.update', { id: created.id, baseVersion: 1, changes: { title: 'Sửa ở máy A' } });
    const error = await fails(core, 'articles.update', {
      id: created.id,
      baseVersion: 1,
      changes: { title: 'Sửa ở máy B' },
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.messageEn).toContain(String(created.id));
    const now = await ok(core, 'articles.get', { id: created.id });
    expect(now).toMatchObject({ title: 'Sửa ở máy A', version: 2 });
    expect((await ok(core, 'articles.revisions', { id: created.id })).length).toBe(1);
    expect((await ok(core, 'articles.list', { query: 'may b' })).total).toBe(0);
  });

  it('answers NOT_FOUND for an update of an unknown article', async () => {
    expect((await fails(core, 'articles.update', { id: 77, baseVersion: 1, changes: { title: 'x' } })).code).toBe(
      'NOT_FOUND',
    );
  });

  it('keeps a changed slug unique, never taking another article’s', async () => {
    const a = await ok(core, 'articles.create', { title: 'Một' });
    const b = await ok(core, 'articles.create', { title: 'Hai' });
    const moved = await ok(core, 'articles.update', { id: b.id, baseVersion: 1, changes: { slug: a.slug } });
    expect(moved.slug).toBe(`${a.slug}-2`);
    const same = await ok(core, 'articles.update', { id: a.id, baseVersion: 1, changes: { slug: a.slug } });
    expect(same.slug).toBe(a.slug);
  });

  it(`keeps only the newest ${REVISIONS_KEPT} revisions`, async () => {
    const created = await ok(core, 'articles.create', { title: 'Bản 1' });
    const edits = REVISIONS_KEPT + 5;
    let version = created.version;
    for (let n = 2; n <= edits + 1; n += 1) {
      version = (
        await ok(core, 'articles.update', { id: created.id, baseVersion: version, changes: { title: `Bản ${n}` } })
      ).version;
    }
    expect(version).toBe(edits + 1);
    const revisions = await ok(core, 'articles.revisions', { id: created.id });
    expect(revisions.length).toBe(REVISIONS_KEPT);
    // Newest first, contiguous, ending just before the current version.
    expect(revisions.map((r) => r.version)).toEqual(Array.from({ length: REVISIONS_KEPT }, (_, i) => version - 1 - i));
    expect(revisions[0]?.title).toBe(`Bản ${version - 1}`);
    const stored = rawRows<{ n: number }>(
      'SELECT count(*) AS n FROM article_revisions WHERE article_id = ?',
      created.id,
    )[0];
    expect(stored?.n).toBe(REVISIONS_KEPT);
  });
});

describe('trash', () => {
  it('hides a trashed article from the list, shows it in the trash, and restores it', async () => {
    const keep = await ok(core, 'articles.create', { title: 'Giữ lại' });
    const gone = await ok(core, 'articles.create', { title: 'Bỏ đi' });
    const trashed = await ok(core, 'articles.trash', { id: gone.id });
    expect(trashed.trashedAt).not.toBeNull();
    expect(trashed.version).toBe(gone.version);

    const list = await ok(core, 'articles.list', {});
    expect(list.items.map((a) => a.id)).toEqual([keep.id]);
    expect(list.total).toBe(1);
    const trash = await ok(core, 'articles.list', { trashed: true });
    expect(trash.items.map((a) => a.id)).toEqual([gone.id]);
    expect((await ok(core, 'articles.get', { id: gone.id })).trashedAt).toBe(trashed.trashedAt);

    const restored = await ok(core, 'articles.restore', { id: gone.id });
    expect(restored.trashedAt).toBeNull();
    expect((await ok(core, 'articles.list', {})).total).toBe(2);
    expect((await ok(core, 'articles.list', { trashed: true })).total).toBe(0);
  });

  it('purges only from the trash, and a purge removes the revisions and the index entry', async () => {
    const created = await ok(core, 'articles.create', { title: 'Thông báo tuyển dụng' });
    await ok(core, 'articles.update', { id: created.id, baseVersion: 1, changes: { lead: 'Viên chức' } });
    const refused = await fails(core, 'articles.purge', { id: created.id });
    expect(refused.code).toBe('CONFLICT');
    expect((await ok(core, 'articles.get', { id: created.id })).version).toBe(2);

    await ok(core, 'articles.trash', { id: created.id });
    expect((await ok(core, 'articles.list', { trashed: true, query: 'tuyen dung' })).total).toBe(1);
    expect(await ok(core, 'articles.purge', { id: created.id })).toEqual({ id: created.id });
    expect((await fails(core, 'articles.get', { id: created.id })).code).toBe('NOT_FOUND');
    expect((await fails(core, 'articles.revisions', { id: created.id })).code).toBe('NOT_FOUND');
    expect((await fails(core, 'articles.purge', { id: created.id })).code).toBe('NOT_FOUND');
    expect(rawRows<{ n: number }>('SELECT count(*) AS n FROM article_revisions')[0]?.n).toBe(0);
    expect(
      rawRows<{ n: number }>('SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH \'"tuyen"*\'')[0]?.n,
    ).toBe(0);
    expect((await ok(core, 'articles.list', { trashed: true, query: 'tuyen dung' })).total).toBe(0);
  });
});

describe('listing', () => {
  it('filters by status and category', async () => {
    const politics = await ok(core, 'categories.create', { name: 'Chính trị' });
    const economy = await ok(core, 'categories.create', { name: 'Kinh tế' });
    const a = await ok(core, 'articles.create', { title: 'A', categoryId: politics.id });
    const b = await ok(core, 'articles.create', { title: 'B', categoryId: politics.id });
    const c = await ok(core, 'articles.create', { title: 'C', categoryId: economy.id });
    const d = await ok(core, 'articles.create', { title: 'D' });
    await ok(core, 'articles.update', { id: b.id, baseVersion: 1, changes: {} });
    // Status is not a writer field: set it as the workflow would, straight in the store.
    const db = new Database(core.databasePath as string);
    db.prepare("UPDATE articles SET status = 'published' WHERE id IN (?, ?)").run(a.id, c.id);
    db.close();

    const ids = async (payload: Parameters<typeof core.invoke>[1]) => {
      const result = await core.invoke('articles.list', payload, await asAdmin(core));
      if (!result.ok) throw new Error(result.error.messageEn);
      return (result.value as { items: { id: number }[] }).items.map((x) => x.id).sort((x, y) => x - y);
    };
    expect(await ids({ status: 'published' })).toEqual([a.id, c.id]);
    expect(await ids({ status: 'draft' })).toEqual([b.id, d.id]);
    expect(await ids({ categoryId: politics.id })).toEqual([a.id, b.id]);
    expect(await ids({ categoryId: economy.id, status: 'published' })).toEqual([c.id]);
    expect(await ids({ categoryId: economy.id, status: 'draft' })).toEqual([]);
    const listed = await ok(core, 'articles.list', { categoryId: politics.id });
    expect(listed.items.every((item) => item.categoryName === 'Chính trị')).toBe(true);
  });

  it('pages with offset and limit and reports the total', async () => {
    const created: number[] = [];
    for (let n = 1; n <= 7; n += 1) created.push((await ok(core, 'articles.create', { title: `Tin số ${n}` })).id);
    const all = await ok(core, 'articles.list', { limit: 200 });
    expect(all.total).toBe(7);
    // Newest change first.
    const stamps = all.items.map((item) => item.updatedAt);
    expect([...stamps].sort().reverse()).toEqual(stamps);

    const pages = [];
    for (const offset of [0, 3, 6]) {
      const page = await ok(core, 'articles.list', { offset, limit: 3 });
      expect(page.total).toBe(7);
      expect(page.offset).toBe(offset);
      pages.push(...page.items.map((item) => item.id));
    }
    expect(pages).toEqual(all.items.map((item) => item.id));
    expect([...pages].sort((x, y) => x - y)).toEqual(created);
    const beyond = await ok(core, 'articles.list', { offset: 50, limit: 3 });
    expect(beyond).toEqual({ total: 7, capped: false, offset: 50, items: [] });
  });
});

describe('search', () => {
  let road: number;
  let office: number;
  beforeEach(async () => {
    road = (await ok(core, 'articles.create', { title: 'Đường giao thông nông thôn về đích' })).id;
    office = (
      await ok(core, 'articles.create', {
        title: 'Phòng Lao động Thương binh và Xã hội phối hợp hỗ trợ sinh kế',
        lead: 'Hộ nghèo được vay vốn ưu đãi',
        // Rendered by the core to '<p style="text-align: justify">Công trình <strong>thủy lợi</strong> &amp; …</p>'.
        bodyJson: JSON.stringify({
          root: {
            type: 'root',
            children: [
              {
                type: 'paragraph',
                format: 'justify',
                children: [
                  { type: 'text', text: 'Công trình ', format: 0, style: '' },
                  { type: 'text', text: 'thủy lợi', format: 1, style: '' },
                  { type: 'text', text: ' & Nghị định 78/2002/NĐ-CP', format: 0, style: '' },
                ],
              },
            ],
          },
        }),
        author: 'Lam Nguyễn',
        department: 'Phòng LĐTB&XH thị xã',
      })
    ).id;
    await ok(core, 'articles.create', { title: 'Phòng Tài chính công khai ngân sách' });
  });

  const find = async (query: string, extra: Record<string, unknown> = {}) => {
    const result = await core.invoke('articles.list', { query, ...extra }, await asAdmin(core));
    if (!result.ok) throw new Error(result.error.messageEn);
    return (result.value as { items: { id: number }[] }).items.map((x) => x.id);
  };

  it('ignores diacritics, case and đ, whatever the form of the query', async () => {
    expect(await find('duong')).toEqual([road]);
    expect(await find('DUONG')).toEqual([road]);
    expect(await find('Đường')).toEqual([road]);
    expect(await find('ĐƯỜNG GIAO')).toEqual([road]);
    expect(await find('Đu\u031bo\u031b\u0300ng')).toEqual([road]);
    expect(await find('nong thon')).toEqual([road]);
  });

  it('matches the last word as a prefix, while typing', async () => {
    expect(await find('phong lao d')).toEqual([office]);
    expect(await find('phong lao')).toEqual([office]);
    expect((await find('phong')).sort()).toHaveLength(2);
    expect(await find('phong lao z')).toEqual([]);
  });

  it('searches the lead, the body text and the byline, but not the markup', async () => {
    expect(await find('vay von')).toEqual([office]);
    expect(await find('thuy loi')).toEqual([office]);
    expect(await find('nd cp')).toEqual([office]);
    expect(await find('lam nguyen')).toEqual([office]);
    expect(await find('ldtb')).toEqual([office]);
    expect(await find('strong')).toEqual([]);
    expect(await find('justify')).toEqual([]);
  });

  it('follows edits and leaves trashed articles out', async () => {
    await ok(core, 'articles.update', { id: road, baseVersion: 1, changes: { title: 'Cầu dân sinh hoàn thành' } });
    expect(await find('duong')).toEqual([]);
    expect(await find('cau dan sinh')).toEqual([road]);
    await ok(core, 'articles.trash', { id: road });
    expect(await find('cau dan sinh')).toEqual([]);
    expect(await find('cau dan sinh', { trashed: true })).toEqual([road]);
    await ok(core, 'articles.restore', { id: road });
    expect(await find('cau dan sinh')).toEqual([road]);
  });

  it('counts the matches in the total and combines with filters', async () => {
    const result = await ok(core, 'articles.list', { query: 'phong', limit: 1 });
    expect(result.total).toBe(2);
    expect(result.items).toHaveLength(1);
    expect(await find('phong', { status: 'published' })).toEqual([]);
  });

  it('takes the finished words whole and only the last one as a prefix', async () => {
    const training = (await ok(core, 'articles.create', { title: 'Lớp học nghề cho lao động nông thôn' })).id;
    expect(await find('ho ngheo')).toEqual([office]);
    expect(await find('hoc ngh')).toEqual([training]);
    expect(await find('ho ngh')).toEqual([office]);
    expect(await find('lao d')).toEqual([training, office]);
  });

  it('lists the articles with every word in the title first, then the others, newest first in each', async () => {
    const older = (await ok(core, 'articles.create', { title: 'Tin cũ', lead: 'Kết quả tiêm chủng mở rộng năm trước' }))
      .id;
    const titled = (await ok(core, 'articles.create', { title: 'Tiêm chủng vắc xin sởi cho trẻ em' })).id;
    const newer = (await ok(core, 'articles.create', { title: 'Tin mới', lead: 'Lịch tiêm chủng tháng sau' })).id;
    const titledLater = (await ok(core, 'articles.create', { title: 'Ngày tiêm chủng ở phường 1' })).id;
    const order = [titledLater, titled, newer, older];
    expect(await find('tiem chung')).toEqual(order);
    // Paging walks the same order, across the two groups, whatever the page size.
    for (const limit of [1, 2, 3]) {
      const paged: number[] = [];
      for (let offset = 0; offset < order.length; offset += limit) {
        const page = await ok(core, 'articles.list', { query: 'tiêm chủng', offset, limit });
        expect(page).toMatchObject({ total: 4, capped: false, offset });
        paged.push(...page.items.map((item) => item.id));
      }
      expect(paged, `limit ${limit}`).toEqual(order);
    }
    // Filters keep the order and apply to both groups.
    await ok(core, 'articles.trash', { id: titled });
    expect(await find('tiem chung')).toEqual([titledLater, newer, older]);
    expect(await find('tiem chung', { trashed: true })).toEqual([titled]);
    const health = (await ok(core, 'categories.create', { name: 'Y tế' })).id;
    await ok(core, 'articles.update', { id: newer, baseVersion: 1, changes: { categoryId: health } });
    await ok(core, 'articles.update', { id: titledLater, baseVersion: 1, changes: { categoryId: health } });
    expect(await find('tiem chung', { categoryId: health })).toEqual([titledLater, newer]);
    expect(await find('tiem chung', { categoryId: health, status: 'draft' })).toEqual([titledLater, newer]);
    expect(await find('tiem chung', { status: 'published' })).toEqual([]);
  });

  it('counts exactly up to a thousand past the page, and says when the total is only a lower bound', async () => {
    const db = new Database(core.databasePath as string);
    const many = 1_020;
    // Straight into the file, in one transaction: through the channel a thousand creates take too long for a unit test.
    db.transaction(() => {
      const insert = db.prepare(
        "INSERT INTO articles (title, slug, created_at, updated_at) VALUES (?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
      );
      const index = db.prepare("INSERT INTO articles_fts (rowid, title, lead, body, byline) VALUES (?, ?, '', '', '')");
      for (let i = 0; i < many; i++)
        index.run(insert.run(`Bản tin số ${i}`, `ban-tin-${i}`).lastInsertRowid, `ban tin so ${i}`);
    })();
    db.close();
    const first = await ok(core, 'articles.list', { query: 'ban tin', limit: 10 });
    expect(first).toMatchObject({ total: 1_010, capped: true });
    expect(first.items).toHaveLength(10);
    // Deeper pages know more; the last one knows it all.
    const deep = await ok(core, 'articles.list', { query: 'ban tin', offset: 1_000, limit: 10 });
    expect(deep).toMatchObject({ total: many, capped: false });
    expect(deep.items).toHaveLength(10);
    // Without a query the count is always exact.
    expect(await ok(core, 'articles.list', { limit: 10 })).toMatchObject({ total: many + 3, capped: false });
  });

  it('treats search syntax as plain words', async () => {
    for (const query of ['"', 'phong"', 'phong*', 'NOT phong', 'phong OR', '(phong', 'title:phong', 'phong AND lao']) {
      const result = await core.invoke('articles.list', { query }, await asAdmin(core));
      expect(result.ok, query).toBe(true);
    }
    expect(await find('phong AND lao')).toEqual([]);
  });
});

describe('validation', () => {
  it('refuses over-long fields, naming the field, and writes nothing', async () => {
    const title = await fails(core, 'articles.create', { title: 'x'.repeat(LIMITS.title + 1) });
    expect(title.code).toBe('VALIDATION');
    expect(title.issues?.map((i) => i.path)).toEqual(['title']);
    expect(title.message).toContain('title');
    expect(title.messageEn).toContain('title');
    expect((await ok(core, 'articles.create', { title: 'x'.repeat(LIMITS.title) })).title).toHaveLength(LIMITS.title);

    const lead = await fails(core, 'articles.create', { title: 'Tin', lead: 'x'.repeat(LIMITS.lead + 1) });
    expect(lead.code).toBe('VALIDATION');
    expect(lead.issues?.map((i) => i.path)).toEqual(['lead']);
    expect(lead.message).toContain('lead');
    expect(lead.messageEn).toContain('lead');

    const created = await ok(core, 'articles.list', {});
    expect(created.total).toBe(1);
    const update = await fails(core, 'articles.update', {
      id: created.items[0]?.id,
      baseVersion: 1,
      changes: { author: 'x'.repeat(LIMITS.person + 1) },
    });
    expect(update.issues?.map((i) => i.path)).toEqual(['changes.author']);
    expect((await ok(core, 'articles.get', { id: created.items[0]?.id ?? 0 })).version).toBe(1);
  });

  it('refuses unknown fields', async () => {
    const error = await fails(core, 'articles.create', { title: 'Tin', bogus: true });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('bogus');
    expect(error.messageEn).toContain('bogus');
    const nested = await fails(core, 'articles.update', { id: 1, baseVersion: 1, changes: { viewCount: 5 } });
    expect(nested.code).toBe('VALIDATION');
    expect(nested.messageEn).toContain('viewCount');
    expect((await ok(core, 'articles.list', {})).total).toBe(0);
  });

  it('refuses wrong types and formats, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ title: 123 }, 'title'],
      [{ title: 'Tin', categoryId: 'one' }, 'categoryId'],
      [{ title: 'Tin', categoryId: -1 }, 'categoryId'],
      [{ title: 'Tin', publishedAt: 'yesterday' }, 'publishedAt'],
      [{ title: 'Tin', slug: 'Có dấu' }, 'slug'],
      [{ title: '   ' }, 'title'],
      [{}, 'title'],
    ];
    for (const [payload, field] of cases) {
      const error = await fails(core, 'articles.create', payload);
      expect(error.code, JSON.stringify(payload)).toBe('VALIDATION');
      expect(
        error.issues?.map((i) => i.path),
        JSON.stringify(payload),
      ).toContain(field);
      expect(error.message).toContain(field);
      expect(error.messageEn).toContain(field);
    }
    expect((await fails(core, 'articles.list', { status: 'deleted' })).issues?.[0]?.path).toBe('status');
    expect((await fails(core, 'articles.list', { limit: LIMITS.pageSize + 1 })).issues?.[0]?.path).toBe('limit');
    expect((await fails(core, 'articles.list', { query: 'x'.repeat(LIMITS.query + 1) })).issues?.[0]?.path).toBe(
      'query',
    );
    expect((await ok(core, 'articles.list', {})).total).toBe(0);
  });

  it('says a value has the wrong type, and that a missing one is missing', async () => {
    const wrong = await fails(core, 'articles.create', { title: 123 });
    expect(wrong.messageEn).toContain('title: wrong type');
    expect(wrong.message).toContain('title: sai kiểu dữ liệu');
    const missing = await fails(core, 'articles.create', {});
    expect(missing.messageEn).toContain('title: a required value is missing');
  });

  it('counts the length limit in the characters stored (NFC), not in decomposed input', async () => {
    // 400 letters ệ typed decomposed are 1,200 code units; stored as NFC they are 400 characters.
    const decomposed = 'e\u0323\u0302'.repeat(400);
    expect(decomposed.length).toBe(1200);
    const created = await ok(core, 'articles.create', { title: decomposed });
    expect(created.title).toBe('ệ'.repeat(400));
    expect((await fails(core, 'articles.create', { title: 'e\u0323\u0302'.repeat(501) })).issues?.[0]?.path).toBe(
      'title',
    );
  });

  it('answers UNKNOWN_CHANNEL for a channel that does not exist, prototype names included', async () => {
    for (const name of ['articles.delete', 'nope', '', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const error = await fails(core, name, {});
      expect(error.code, name).toBe('UNKNOWN_CHANNEL');
    }
    expect((await fails(core, 'x'.repeat(10_000), {})).message.length).toBeLessThan(500);
  });

  it('answers VALIDATION for a payload that is not an object, never throwing', async () => {
    for (const payload of ['a string', ['an', 'array'], 42, true, null]) {
      for (const channel of [
        'articles.create',
        'articles.get',
        'articles.update',
        'categories.create',
        'portal.update',
      ] as const) {
        const promise = core.invoke(channel, payload, await asAdmin(core));
        await expect(promise).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      }
    }
    for (const payload of ['a string', ['an', 'array'], 42, true, null]) {
      for (const channel of ['articles.list', 'app.info', 'settings.get', 'setup.loadDemo'] as const) {
        const error = await fails(core, channel, payload);
        expect(error.code, `${channel} ${JSON.stringify(payload)}`).toBe('VALIDATION');
      }
    }
    expect((await ok(core, 'setup.status', {})).demoLoaded).toBe(false);
  });
});

/** Channels whose input is an empty strict object. */
const EMPTY_INPUT_CHANNELS = CHANNEL_NAMES.filter((channel) => {
  const shape = (contract[channel].input as unknown as { def?: { shape?: Record<string, unknown> } }).def?.shape;
  return shape !== undefined && Object.keys(shape).length === 0;
});

describe('every channel with a garbage payload', () => {
  it('knows which channels take no input', () => {
    expect(EMPTY_INPUT_CHANNELS).toEqual(
      expect.arrayContaining(['app.info', 'settings.get', 'portal.get', 'setup.status', 'categories.list']),
    );
    expect(EMPTY_INPUT_CHANNELS).not.toContain('articles.list');
  });

  it.each(CHANNEL_NAMES)('%s answers VALIDATION with both messages', async (channel) => {
    for (const payload of [{ nope: 1 }, 'garbage', 7, [{ nope: 1 }]]) {
      const error = await fails(core, channel, payload);
      expect(error.code, JSON.stringify(payload)).toBe('VALIDATION');
      expect(error.issues?.length).toBeGreaterThan(0);
    }
    // A channel whose input is an empty strict object accepts {} but not an extra key.
    if (EMPTY_INPUT_CHANNELS.includes(channel)) {
      const answer = await core.invoke(channel, {}, await asAdmin(core));
      // The organisation profile of an empty store has no portal name: refused naming that field, not the input.
      if (channel === 'profile.export')
        expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'portal.name' }] } });
      else expect(answer.ok).toBe(true);
      const extra = await fails(core, channel, { nope: 1 });
      expect(extra.messageEn).toContain('nope');
    }
  });

  it('leaves the store untouched after all of them', async () => {
    for (const channel of CHANNEL_NAMES) await core.invoke(channel, { nope: 1 }, await asAdmin(core));
    expect((await ok(core, 'articles.list', { trashed: false })).total).toBe(0);
    expect(await ok(core, 'categories.list', {})).toEqual([]);
    expect(await ok(core, 'portal.get', {})).toBeNull();
    expect(await ok(core, 'settings.get', {})).toEqual({ language: 'vi' });
    expect(await ok(core, 'setup.status', {})).toEqual({ offerDemo: true, demoLoaded: false });
  });
});

describe('categories', () => {
  it('derives the slug, orders by position and refuses a duplicate name or slug', async () => {
    const politics = await ok(core, 'categories.create', { name: 'Chính trị' });
    const economy = await ok(core, 'categories.create', { name: 'Kinh tế' });
    expect([politics.slug, politics.position, economy.slug, economy.position]).toEqual(['chinh-tri', 0, 'kinh-te', 1]);
    const first = await ok(core, 'categories.create', { name: 'Tin nổi bật', position: 0 });
    expect((await ok(core, 'categories.list', {})).map((c) => c.name)).toEqual(['Chính trị', 'Tin nổi bật', 'Kinh tế']);
    expect(first.articleCount).toBe(0);

    const sameName = await fails(core, 'categories.create', { name: 'Chính trị' });
    expect(sameName.code).toBe('CONFLICT');
    expect(sameName.message).toContain('Chính trị');
    const sameSlug = await fails(core, 'categories.create', { name: 'CHINH TRI' });
    expect(sameSlug.code).toBe('CONFLICT');
    const nfd = await fails(core, 'categories.create', { name: 'Chi\u0301nh tri\u0323' });
    expect(nfd.code).toBe('CONFLICT');
    expect((await fails(core, 'categories.update', { id: economy.id, changes: { name: 'Chính trị' } })).code).toBe(
      'CONFLICT',
    );
    expect((await ok(core, 'categories.list', {})).length).toBe(3);
  });

  it('renames, and deletes only a category no article uses (trash included)', async () => {
    const category = await ok(core, 'categories.create', { name: 'Thông báo' });
    const renamed = await ok(core, 'categories.update', { id: category.id, changes: { name: 'Thông báo mới' } });
    expect(renamed).toMatchObject({ id: category.id, name: 'Thông báo mới', slug: 'thong-bao' });

    const article = await ok(core, 'articles.create', { title: 'Lịch tiếp dân', categoryId: category.id });
    expect((await ok(core, 'articles.get', { id: article.id })).categoryName).toBe('Thông báo mới');
    expect((await ok(core, 'categories.list', {}))[0]?.articleCount).toBe(1);
    expect((await fails(core, 'categories.delete', { id: category.id })).code).toBe('CONFLICT');

    await ok(core, 'articles.trash', { id: article.id });
    expect((await ok(core, 'categories.list', {}))[0]?.articleCount).toBe(0);
    const stillHeld = await fails(core, 'categories.delete', { id: category.id });
    expect(stillHeld.code).toBe('CONFLICT');
    expect(stillHeld.messageEn).toContain('1');

    await ok(core, 'articles.update', { id: article.id, baseVersion: 1, changes: { categoryId: null } });
    expect(await ok(core, 'categories.delete', { id: category.id })).toEqual({ id: category.id });
    expect(await ok(core, 'categories.list', {})).toEqual([]);
    expect((await fails(core, 'categories.delete', { id: category.id })).code).toBe('NOT_FOUND');
    expect((await fails(core, 'categories.update', { id: category.id, changes: { name: 'x' } })).code).toBe(
      'NOT_FOUND',
    );
  });
});

describe('first run and the demo', () => {
  it('offers the demo on an empty folder and loads the Giá Rai portal with its article', async () => {
    expect(await ok(core, 'setup.status', {})).toEqual({ offerDemo: true, demoLoaded: false });
    const loaded = await ok(core, 'setup.loadDemo', {});
    expect(loaded.categories).toBe(demo.categories.length);

    const portal = await ok(core, 'portal.get', {});
    expect(portal?.name).toContain('GIÁ RAI');
    expect(portal).toEqual(nfcDeep(demo.portal));

    const article = await ok(core, 'articles.get', { id: loaded.articleId });
    expect(article.title).toBe(demo.article.title.normalize('NFC'));
    expect(article.title.startsWith('Phòng Lao động Thương binh và xã hội')).toBe(true);
    expect(article.author).toBe('Lam Nguyễn');
    expect(article.department).toBe(demo.article.department.normalize('NFC'));
    expect(article.department).toContain('Phòng');
    expect(article.viewCount).toBe(277);
    expect(article.status).toBe('published');
    expect(article.categoryName).toBe(demo.article.category.normalize('NFC'));
    expect(article.publishedAt).not.toBeNull();
    expect(portalDateLine(article.publishedAt as string)).toBe('Thứ năm, 23/03/2023, 08:05');
    expect(article.featuredCaption).toBe(demo.article.caption.normalize('NFC'));
    // Every paragraph is in the body, escaped.
    expect((article.bodyHtml.match(/<p /g) ?? []).length).toBe(demo.article.body.length);
    expect(article.bodyHtml).not.toMatch(/&(?!amp;|lt;|gt;)/);

    expect((await ok(core, 'categories.list', {})).map((c) => c.name)).toEqual(nfcDeep(demo.categories));
    expect((await ok(core, 'articles.list', { query: 'phong lao d' })).items.map((a) => a.id)).toEqual([
      loaded.articleId,
    ]);
    expect((await ok(core, 'articles.list', { query: 'lam nguyen' })).total).toBe(1);
    expect(await ok(core, 'setup.status', {})).toEqual({ offerDemo: false, demoLoaded: true });
  });

  it('refuses to load the demo twice', async () => {
    await ok(core, 'setup.loadDemo', {});
    const again = await fails(core, 'setup.loadDemo', {});
    expect(again.code).toBe('CONFLICT');
    // The seed page's article and the earlier one of its category.
    expect((await ok(core, 'articles.list', {})).total).toBe(2);
    expect((await ok(core, 'categories.list', {})).length).toBe(demo.categories.length);
  });

  it('refuses the demo once the library holds articles, and stops offering it', async () => {
    await ok(core, 'articles.create', { title: 'Bài của tôi' });
    expect(await ok(core, 'setup.status', {})).toEqual({ offerDemo: false, demoLoaded: false });
    expect((await fails(core, 'setup.loadDemo', {})).code).toBe('CONFLICT');
    expect(await ok(core, 'categories.list', {})).toEqual([]);
    expect(await ok(core, 'portal.get', {})).toBeNull();
  });

  it('remembers a declined demo across a restart', async () => {
    expect(await ok(core, 'setup.declineDemo', {})).toEqual({ offerDemo: false, demoLoaded: false });
    core.close();
    const reopened = openCore(dir);
    expect(await ok(reopened, 'setup.status', {})).toEqual({ offerDemo: false, demoLoaded: false });
    expect((await ok(reopened, 'articles.list', {})).total).toBe(0);
  });
});

describe('settings, portal profile and app info', () => {
  it('remembers the language across a close and reopen of the core', async () => {
    expect(await ok(core, 'settings.get', {})).toEqual({ language: 'vi' });
    expect(await ok(core, 'settings.update', { language: 'en' })).toEqual({ language: 'en' });
    core.close();
    const reopened = openCore(dir);
    expect(await ok(reopened, 'settings.get', {})).toEqual({ language: 'en' });
    expect((await fails(reopened, 'settings.update', { language: 'fr' })).issues?.[0]?.path).toBe('language');
    expect(await ok(reopened, 'settings.get', {})).toEqual({ language: 'en' });
  });

  it('sets the portal profile, trimmed and NFC', async () => {
    const profile = {
      name: ' Co\u0302\u0309ng tho\u0302ng tin ',
      address: 'Khóm 1',
      phone: '0291',
      fax: '',
      responsible: 'Nguyễn Cẩm Tú',
    };
    const saved = await ok(core, 'portal.update', profile);
    expect(saved.name).toBe('Cổng thông tin');
    expect(await ok(core, 'portal.get', {})).toEqual(saved);
    expect((await fails(core, 'portal.update', { ...profile, name: '  ' })).issues?.[0]?.path).toBe('name');
    expect(await ok(core, 'setup.status', {})).toEqual({ offerDemo: false, demoLoaded: false });
  });

  it('describes itself', async () => {
    const info = await ok(core, 'app.info', {});
    expect(info).toMatchObject({
      name: 'Tòa Soạn',
      dataDir: dir,
      databasePath: core.databasePath,
      shell: 'browser',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
  });

  it('answers INTERNAL, not a throw, once closed', async () => {
    await asAdmin(core);
    core.close();
    const error = await fails(core, 'articles.list', {});
    expect(error.code).toBe('INTERNAL');
  });
});
