import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { paragraphsDocument } from '../../shared/render/body-nodes';
import { cleanupAll, createUserAndSignIn, ok, openCore, tempDataDir, TEST_ADMIN, type SignedInUser } from '../helpers';

let core: Core;
let writer: SignedInUser;
let editor: SignedInUser;

beforeAll(async () => {
  core = openCore(tempDataDir());
  writer = await createUserAndSignIn(core, 'writer', 'hoa.tran', 'Trần Thị Hoa');
  editor = await createUserAndSignIn(core, 'editor', 'tam.le', 'Lê Minh Tâm');
}, 30_000);
afterAll(cleanupAll);

const body = (...paragraphs: string[]) => JSON.stringify(paragraphsDocument(paragraphs));

describe('the versions of an article, as people read them', () => {
  it('says what made each version, who, and its size in words', async () => {
    let article = await ok(
      core,
      'articles.create',
      { title: 'Họp giao ban', lead: 'Sáng nay', bodyJson: body('Một hai ba.') },
      writer.session,
    );
    const update = async (changes: { bodyJson?: string; title?: string }, autosave: boolean) =>
      (article = await ok(
        core,
        'articles.update',
        { id: article.id, baseVersion: article.version, changes, autosave },
        writer.session,
      ));
    await update({ bodyJson: body('Một hai ba bốn.') }, true);
    // A second autosave within ten minutes keeps no revision of the first: its version is gone from the list.
    await update({ bodyJson: body('Một hai ba bốn năm.') }, true);
    await update({ bodyJson: body('Một hai ba bốn năm sáu.', 'Đoạn hai.') }, false);
    const transition = async (action: 'submit' | 'approve' | 'publish', session: string) =>
      (article = await ok(
        core,
        'articles.transition',
        { id: article.id, action, baseVersion: article.version },
        session,
      ));
    await transition('submit', writer.session);
    await transition('approve', editor.session);
    await transition('publish', editor.session);
    article = await ok(core, 'articles.restoreRevision', { id: article.id, version: 1, baseVersion: article.version });

    const history = await ok(core, 'articles.history', { id: article.id });
    expect(
      history.map((v) => [v.version, v.current, v.event, v.authorName, v.step, v.stepCount, v.fromVersion]),
    ).toEqual([
      [8, true, 'restored', TEST_ADMIN.displayName, null, null, 1],
      [7, false, 'publish', 'Lê Minh Tâm', null, null, null],
      [6, false, 'approve', 'Lê Minh Tâm', 1, 1, null],
      [5, false, 'submit', 'Trần Thị Hoa', null, null, null],
      [4, false, 'saved', 'Trần Thị Hoa', null, null, null],
      [3, false, 'autosave', 'Trần Thị Hoa', null, null, null],
      [1, false, 'created', 'Trần Thị Hoa', null, null, null],
    ]);
    // Title (3 words), lead (2) and body: version 1 has 3 body words, version 4 has 8, the restored one 3 again.
    expect(history.find((v) => v.version === 1)?.words).toBe(8);
    expect(history.find((v) => v.version === 4)?.words).toBe(13);
    expect(history[0]?.words).toBe(8);
    expect(history.every((v) => !Number.isNaN(Date.parse(v.madeAt)))).toBe(true);
    // The counts are kept: the rows of the kept versions carry them.
    const db = new Database(core.databasePath as string, { readonly: true });
    try {
      const rows = db
        .prepare('SELECT version, words FROM article_versions WHERE article_id = ? ORDER BY version')
        .all(article.id) as { version: number; words: number | null }[];
      expect(rows.map((r) => r.version)).toEqual([1, 3, 4, 5, 6, 7, 8]);
      expect(rows.every((r) => r.words !== null)).toBe(true);
    } finally {
      db.close();
    }
  });

  it('lists a version made before events were recorded with no event, and its size', async () => {
    const article = await ok(core, 'articles.create', { title: 'Cũ', lead: '', bodyJson: body('Bốn từ ở đây.') });
    const db = new Database(core.databasePath as string);
    try {
      db.prepare('DELETE FROM article_versions WHERE article_id = ?').run(article.id);
    } finally {
      db.close();
    }
    const [only] = await ok(core, 'articles.history', { id: article.id });
    expect(only).toMatchObject({ version: 1, current: true, event: null, authorName: null, words: 5 });
  });
});
