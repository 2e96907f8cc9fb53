/**
 * articles.saveBody (only the blocks that changed) against articles.update (the whole body): the same saves through
 * both give the same stored bytes, the same HTML and the same search results; a patch the core cannot apply is
 * refused with nothing written.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { DATABASE_FILE } from '../../electron/core/db/database';
import { bodyPatch, joinBody, serializeBody, splitBody, type BodyBlocks } from '../../shared/render/body-blocks';
import { paragraphsDocument } from '../../shared/render/body-nodes';
import { adminSession, cleanupAll, fails, ok, openCore, tempDataDir } from '../helpers';

afterEach(cleanupAll);

/** A small seeded generator (an LCG), so every run makes the same edits. */
function seeded(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  return {
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

const WORDS = [
  'đường',
  'giao',
  'thông',
  'nông',
  'thôn',
  'mới',
  'hội',
  'nghị',
  'Ủy',
  'ban',
  'nhân',
  'dân',
  'phường',
  'Giá Rai',
  // Decomposed (NFD) letters, as some keyboards send them: stored in NFC either way.
  'nghe\u0302\u0301u',
  'chu\u031b\u0301c',
  'trích dẫn "ngoặc kép"',
  'gạch \\ chéo',
  '{"children":[]}',
];

interface Paragraph {
  type: 'paragraph' | 'heading';
  tag?: string;
  children: { type: 'text'; text: string; format: number; style: string; detail: number; mode: string; version: 1 }[];
  direction: 'ltr';
  format: '';
  indent: 0;
  version: 1;
}

function paragraph(text: string, heading = false): Paragraph {
  return {
    type: heading ? 'heading' : 'paragraph',
    ...(heading ? { tag: 'h2' } : {}),
    children: [{ type: 'text', text, format: 0, style: '', detail: 0, mode: 'normal', version: 1 }],
    direction: 'ltr',
    format: '',
    indent: 0,
    version: 1,
  };
}

/** An editor document as Lexical writes it (children first in each element). */
function lexicalDocument(paragraphs: Paragraph[]) {
  return { root: { children: paragraphs, direction: 'ltr', format: '', indent: 0, type: 'root', version: 1 } };
}

describe('splitBody', () => {
  it('cuts a body at its blocks and puts the very same text back, whatever the key order or the text holds', () => {
    const draw = seeded(7);
    for (let n = 0; n < 200; n++) {
      const texts = Array.from({ length: draw.int(0, 12) }, () =>
        Array.from({ length: draw.int(1, 6) }, () => draw.pick(WORDS)).join(' '),
      );
      const body =
        n % 2 === 0 ? paragraphsDocument(texts) : lexicalDocument(texts.map((t, i) => paragraph(t, i % 5 === 0)));
      const json = JSON.stringify(body);
      const parts = splitBody(json);
      expect(parts?.blocks).toHaveLength(texts.length);
      expect(joinBody(parts as BodyBlocks)).toBe(json);
      expect(parts?.blocks.map((block) => JSON.parse(block) as unknown)).toEqual(body.root.children);
      // The editor's way of writing it (block by block) is the same text as JSON.stringify of the whole.
      expect(serializeBody(body).json).toBe(json);
    }
  });

  it('refuses what it could not put back byte for byte, or what is not a body', () => {
    const body = lexicalDocument([paragraph('Một'), paragraph('Hai')]);
    expect(splitBody(JSON.stringify(body, null, 1))).toBeNull();
    expect(splitBody(JSON.stringify(body).replace('},{', '}, {'))).toBeNull();
    expect(splitBody('{"root":{"children":[1,2]}}')).toBeNull();
    expect(splitBody('{"root":{"children":[{"type":"paragraph"},"x"]}}')).toBeNull();
    expect(splitBody('{"other":{"children":[{"type":"paragraph"}]}}')).toBeNull();
    expect(splitBody('{"root":{"children":[{"type":"paragraph"}]')).toBeNull();
    expect(splitBody('{"root":{"children":[]}}')).toEqual({ head: '{"root":{"children":[', blocks: [], tail: ']}}' });
  });
});

async function newArticle(core: Core, title: string, bodyJson: string) {
  return ok(core, 'articles.create', { title, bodyJson });
}

describe('articles.saveBody', () => {
  it('stores the same bytes, HTML and search results as sending the whole body (300 seeded edits)', async () => {
    const whole = openCore(tempDataDir());
    const blocks = openCore(tempDataDir());
    const draw = seeded(2026);
    const paragraphs = Array.from({ length: 40 }, (_, i) =>
      paragraph(`Đoạn ${i + 1}: ${Array.from({ length: 8 }, () => draw.pick(WORDS)).join(' ')}`, i % 10 === 0),
    );
    const doc = lexicalDocument(paragraphs);
    let sent = serializeBody(doc);
    // Other articles around it, alike in both libraries, so that searches rank and page among several.
    for (const core of [whole, blocks]) {
      await newArticle(core, 'Tin giao thông nông thôn', JSON.stringify(paragraphsDocument(['đường mới'])));
      await newArticle(core, 'Hội nghị phường', JSON.stringify(paragraphsDocument(['Ủy ban nhân dân'])));
    }
    const a = await newArticle(whole, 'Báo cáo tổng kết', sent.json);
    const b = await newArticle(blocks, 'Báo cáo tổng kết', sent.json);
    let versions = { whole: a.version, blocks: b.version };

    for (let step = 0; step < 300; step++) {
      const kind = draw.int(0, 9);
      const at = draw.int(0, Math.max(0, paragraphs.length - 1));
      if (kind <= 5 && paragraphs.length > 0) {
        // Typing: a letter or a word more at the end of a paragraph.
        const text = paragraphs[at]?.children[0];
        if (text) text.text += kind === 0 ? ` ${draw.pick(WORDS)}` : draw.pick(['a', 'ê', 'ư', ' ', '.']);
      } else if (kind === 6) {
        // A new paragraph, now and then an empty one (the HTML leaves those out at the start and the end).
        paragraphs.splice(at, 0, paragraph(draw.int(0, 2) === 0 ? '' : draw.pick(WORDS)));
      } else if (kind === 7 && paragraphs.length > 1) paragraphs.splice(at, 1);
      else if (kind === 8) {
        // Two places far apart in one save: everything between them goes.
        const first = paragraphs[0]?.children[0];
        const last = paragraphs[paragraphs.length - 1]?.children[0];
        if (first) first.text += ' đầu';
        if (last) last.text += ' cuối';
      } else paragraphs.splice(0, paragraphs.length, ...paragraphs.slice(0, draw.int(0, paragraphs.length)));
      if (paragraphs.length === 0) paragraphs.push(paragraph('Đoạn mở đầu'));

      const next = serializeBody(doc);
      expect(next.json).toBe(JSON.stringify(doc));
      const patch = bodyPatch(sent.parts, next.parts);
      if (!patch) throw new Error('the wrapper does not change here');
      const autosave = step % 3 !== 0;
      const viaWhole = await ok(whole, 'articles.update', {
        id: a.id,
        baseVersion: versions.whole,
        changes: { bodyJson: next.json },
        autosave,
      });
      const viaBlocks = await ok(blocks, 'articles.saveBody', {
        id: b.id,
        baseVersion: versions.blocks,
        ...patch,
        autosave,
      });
      expect(viaBlocks).toEqual({ id: b.id, version: viaWhole.version, updatedAt: expect.any(String) });
      versions = { whole: viaWhole.version, blocks: viaBlocks.version };
      sent = next;

      const stored = await ok(blocks, 'articles.get', { id: b.id });
      expect(stored.bodyJson).toBe(viaWhole.bodyJson);
      expect(stored.bodyHtml).toBe(viaWhole.bodyHtml);
      if (step % 25 === 24) {
        const revisionsWhole = await ok(whole, 'articles.revisions', { id: a.id });
        const revisionsBlocks = await ok(blocks, 'articles.revisions', { id: b.id });
        expect(revisionsBlocks.map((r) => r.version)).toEqual(revisionsWhole.map((r) => r.version));
        for (const query of ['duong', 'nghiêu', 'chước', 'dau cuoi', 'ngoặc kép', 'Giá', draw.pick(WORDS)]) {
          const found = await ok(blocks, 'articles.list', { query });
          const expected = await ok(whole, 'articles.list', { query });
          expect(found.items.map((item) => [item.id, item.title])).toEqual(
            expected.items.map((item) => [item.id, item.title]),
          );
          expect(found.total).toBe(expected.total);
        }
      }
    }
  });

  it('refuses a stale version, a patch it cannot apply and blocks that make no document, writing nothing', async () => {
    const core = openCore(tempDataDir());
    const body = lexicalDocument([paragraph('Một'), paragraph('Hai'), paragraph('Ba')]);
    const created = await newArticle(core, 'Bài có ba đoạn', JSON.stringify(body));
    const base = { id: created.id, baseVersion: created.version };

    const stale = await fails(core, 'articles.saveBody', {
      ...base,
      baseVersion: 9,
      keepStart: 3,
      keepEnd: 0,
      blocks: [],
    });
    expect(stale.code).toBe('CONFLICT');
    const tooMany = await fails(core, 'articles.saveBody', { ...base, keepStart: 2, keepEnd: 2, blocks: [] });
    expect(tooMany).toMatchObject({ code: 'CONFLICT', key: 'article.bodyNotPatchable' });
    expect(tooMany.messageEn).toContain(`article #${created.id}`);
    const notBlock = await fails(core, 'articles.saveBody', { ...base, keepStart: 1, keepEnd: 1, blocks: ['"chữ"'] });
    expect(notBlock).toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: 'blocks', key: 'article.bodyNotDocument' }],
    });
    const broken = await fails(core, 'articles.saveBody', { ...base, keepStart: 1, keepEnd: 1, blocks: ['{"type":'] });
    expect(broken).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'blocks' }] });
    const unknownField = await fails(core, 'articles.saveBody', {
      ...base,
      keepStart: 0,
      keepEnd: 3,
      blocks: [],
      bodyJson: '',
    });
    expect(unknownField.code).toBe('VALIDATION');
    expect(await ok(core, 'articles.get', { id: created.id })).toEqual(created);

    // A body stored with spaces between its blocks cannot take a patch: the whole body is sent instead.
    const spaced = await ok(core, 'articles.update', { ...base, changes: { bodyJson: JSON.stringify(body, null, 1) } });
    const unpatchable = await fails(core, 'articles.saveBody', {
      id: created.id,
      baseVersion: spaced.version,
      keepStart: 3,
      keepEnd: 0,
      blocks: [],
    });
    expect(unpatchable).toMatchObject({ code: 'CONFLICT', key: 'article.bodyNotPatchable' });
    expect((await ok(core, 'articles.get', { id: created.id })).version).toBe(spaced.version);

    // The patch applies: the middle block replaced, the article otherwise as it was.
    const whole = await ok(core, 'articles.update', {
      id: created.id,
      baseVersion: spaced.version,
      changes: { bodyJson: JSON.stringify(body) },
    });
    const saved = await ok(core, 'articles.saveBody', {
      id: created.id,
      baseVersion: whole.version,
      keepStart: 1,
      keepEnd: 1,
      blocks: [JSON.stringify(paragraph('Hai mươi'))],
    });
    const after = await ok(core, 'articles.get', { id: created.id });
    expect(after).toMatchObject({ version: saved.version, updatedAt: saved.updatedAt, title: 'Bài có ba đoạn' });
    expect(after.bodyJson).toBe(
      JSON.stringify(lexicalDocument([paragraph('Một'), paragraph('Hai mươi'), paragraph('Ba')])),
    );
    expect(after.bodyHtml).toContain('Hai mươi');
  });

  it('refuses blocks that make no document after a save it starts from, and saves the next good one', async () => {
    const core = openCore(tempDataDir());
    const body = lexicalDocument([paragraph('Một'), paragraph('Hai'), paragraph('Ba')]);
    const created = await newArticle(core, 'Bài có ba đoạn', JSON.stringify(body));
    let version = created.version;
    const patch = (keepStart: number, keepEnd: number, blocks: string[]) => ({
      id: created.id,
      baseVersion: version,
      keepStart,
      keepEnd,
      blocks,
    });
    /** Saves the patch and answers the stored HTML. */
    const save = async (keepStart: number, keepEnd: number, blocks: string[]) => {
      version = (await ok(core, 'articles.saveBody', patch(keepStart, keepEnd, blocks))).version;
      const stored = await ok(core, 'articles.get', { id: created.id });
      expect(stored.version).toBe(version);
      return stored.bodyHtml;
    };
    const text = (words: string) => JSON.stringify(paragraph(words));

    // The first save reads the stored body; the next ones start from what it saved (its blocks and their HTML).
    expect(await save(1, 1, [text('Hai mươi')])).toBe('<p>Một</p>\n<p>Hai mươi</p>\n<p>Ba</p>');
    const before = await ok(core, 'articles.get', { id: created.id });
    for (const blocks of [['"chữ"'], ['{"type":'], ['[]'], ['{"type":"paragraph"}]}'], ['{"children":[]}']]) {
      const refused = await fails(core, 'articles.saveBody', patch(1, 1, blocks));
      expect(refused).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'blocks' }] });
      expect(await ok(core, 'articles.get', { id: created.id })).toEqual(before);
    }
    // Text straight under the root renders with its neighbours: the body is rendered whole, as articles.update does.
    const loose = { type: 'text', text: 'chữ rời', format: 0, style: '', detail: 0, mode: 'normal', version: 1 };
    expect(await save(1, 1, [JSON.stringify(loose), text('Hai mốt')])).toBe(
      '<p>Một</p>\n<p>chữ rời</p>\n<p>Hai mốt</p>\n<p>Ba</p>',
    );
    expect(await save(3, 0, [text('Bốn')])).toBe('<p>Một</p>\n<p>chữ rời</p>\n<p>Hai mốt</p>\n<p>Bốn</p>');
    // Two nodes in one string make a body all the same (as they would sent whole); the saves after it stay right.
    expect(await save(4, 0, [`${text('Năm')},${text('Sáu')}`])).toContain('<p>Bốn</p>\n<p>Năm</p>\n<p>Sáu</p>');
    expect(await save(0, 1, [text('Không')])).toBe('<p>Không</p>\n<p>Năm</p>\n<p>Sáu</p>');
  });

  it('starts from the stored body again after any other write: an update, a restored revision, another core', async () => {
    const dir = tempDataDir();
    const core = openCore(dir);
    await adminSession(core); // the administrator set up once, before the second core signs in
    const other = openCore(dir);
    const created = await newArticle(
      core,
      'Bài ba đoạn',
      JSON.stringify(lexicalDocument([paragraph('Một'), paragraph('Hai'), paragraph('Ba')])),
    );
    const middle = (version: number, text: string) =>
      ok(core, 'articles.saveBody', {
        id: created.id,
        baseVersion: version,
        keepStart: 1,
        keepEnd: 1,
        blocks: [JSON.stringify(paragraph(text))],
        autosave: true,
      });
    const bodyOf = async () => (await ok(core, 'articles.get', { id: created.id })).bodyJson;
    const texts = (...words: string[]) => JSON.stringify(lexicalDocument(words.map((word) => paragraph(word))));

    let saved = await middle(created.version, 'Hai a');
    saved = await middle(saved.version, 'Hai ab');
    expect(await bodyOf()).toBe(texts('Một', 'Hai ab', 'Ba'));

    // The whole body replaced by an update: the next patch applies to it, not to the body this core last saved.
    const updated = await ok(core, 'articles.update', {
      id: created.id,
      baseVersion: saved.version,
      changes: { bodyJson: texts('Đầu', 'Giữa', 'Cuối') },
    });
    saved = await middle(updated.version, 'Giữa mới');
    expect(await bodyOf()).toBe(texts('Đầu', 'Giữa mới', 'Cuối'));

    // A revision restored.
    const restored = await ok(core, 'articles.restoreRevision', {
      id: created.id,
      version: created.version,
      baseVersion: saved.version,
    });
    saved = await middle(restored.version, 'Hai lại');
    expect(await bodyOf()).toBe(texts('Một', 'Hai lại', 'Ba'));

    // Another core on the same file saves in between.
    const elsewhere = await ok(other, 'articles.saveBody', {
      id: created.id,
      baseVersion: saved.version,
      keepStart: 0,
      keepEnd: 2,
      blocks: [JSON.stringify(paragraph('Một nơi khác'))],
    });
    await middle(elsewhere.version, 'Hai cuối');
    expect(await bodyOf()).toBe(texts('Một nơi khác', 'Hai cuối', 'Ba'));
  });

  it('rewrites the search index of an autosave once the saves pause, without waiting for a search', async () => {
    const dir = tempDataDir();
    const core = openCore(dir);
    const body = lexicalDocument([paragraph('Một'), paragraph('Hai')]);
    const created = await newArticle(core, 'Bài ngắn', JSON.stringify(body));
    const saved = await ok(core, 'articles.saveBody', {
      id: created.id,
      baseVersion: created.version,
      keepStart: 1,
      keepEnd: 0,
      blocks: [JSON.stringify(paragraph('Hai nghìn chín trăm'))],
      autosave: true,
    });
    expect(saved.version).toBe(created.version + 1);
    // Read beside the core, as another connection to the file sees it: waiting, then rewritten.
    const reader = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    try {
      const indexed = () =>
        reader.prepare('SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH \'"nghin"\'').get() as {
          n: number;
        };
      const waiting = () => reader.prepare('SELECT count(*) AS n FROM articles_fts_pending').get() as { n: number };
      await expect.poll(() => [waiting().n, indexed().n], { timeout: 10_000 }).toEqual([0, 1]);
    } finally {
      reader.close();
    }
  });
});
