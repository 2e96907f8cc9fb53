/**
 * The pre-publication check through the contract, on a real core and SQLite file: quality.check on a saved article
 * and on a draft, the organisation's settings, and the gate of every transition that runs it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Core } from '../../electron/core/core';
import type { Article } from '../../shared/contract/articles';
import { paragraphsDocument } from '../../shared/render/body-nodes';
import {
  cleanupAll,
  createUserAndSignIn,
  fails,
  ok,
  openCore,
  tempDataDir,
  testClock,
  type SignedInUser,
} from '../helpers';

let core: Core;
let writer: SignedInUser;
let editor: SignedInUser;
let categoryId: number;
const clock = testClock('2030-01-01T00:00:00.000Z');

const BODY = JSON.stringify(paragraphsDocument(['Phòng Văn hóa và Thông tin thị xã tổ chức hội nghị sơ kết.']));

beforeAll(async () => {
  core = openCore(tempDataDir(), undefined, { clock: clock.now });
  writer = await createUserAndSignIn(core, 'writer', 'phongvien');
  editor = await createUserAndSignIn(core, 'editor', 'bientap');
  categoryId = (await ok(core, 'categories.create', { name: 'Tin hoạt động' })).id;
});
afterAll(cleanupAll);

async function article(fields: { title?: string; bodyJson?: string | null; lead?: string } = {}): Promise<Article> {
  return ok(
    core,
    'articles.create',
    { title: 'Hội nghị sơ kết', lead: 'Tóm tắt.', author: 'Lam Nguyễn', categoryId, bodyJson: BODY, ...fields },
    writer.session,
  );
}

const move = (a: Article, action: 'submit' | 'approve' | 'schedule' | 'publish', extra: object = {}, as = editor) =>
  core.invoke(
    'articles.transition',
    {
      id: a.id,
      baseVersion: a.version,
      action,
      ...(action === 'schedule' ? { scheduledAt: '2030-02-01T00:00:00.000Z' } : {}),
      ...extra,
    },
    { sessionToken: as.session },
  );

/** Puts a clean body into the article with an editor's update (the writer may no longer edit it past submit). */
async function withBody(a: Article, bodyJson: string | null): Promise<Article> {
  return ok(core, 'articles.update', { id: a.id, baseVersion: a.version, changes: { bodyJson } }, editor.session);
}

describe('quality.check', () => {
  test('on a saved article and on an unsaved draft, with the findings located', async () => {
    const saved = await article({ bodyJson: JSON.stringify(paragraphsDocument(['Nâng cao chât lượng.'])) });
    const { findings } = await ok(core, 'quality.check', { articleId: saved.id }, writer.session);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'spelling.unknown-word',
        severity: 'warn',
        field: 'body',
        path: [0],
        part: 'text',
        start: 9,
        end: 13,
        text: 'chât',
        suggestion: 'chất',
      }),
    ]);
    const draft = await ok(core, 'quality.check', { draft: { title: '', bodyJson: null } }, writer.session);
    expect(draft.findings.filter((f) => f.severity === 'block').map((f) => f.rule)).toEqual([
      'completeness.title-empty',
      'completeness.body-empty',
    ]);
  });

  test('toneStyle overrides the organisation style for one check', async () => {
    const draft = { title: 'Hoà giải ở cơ sở', bodyJson: BODY };
    const traditional = await ok(core, 'quality.check', { draft }, writer.session);
    expect(traditional.findings.map((f) => [f.rule, f.suggestion])).toContainEqual(['tone.style', 'Hòa']);
    const modern = await ok(core, 'quality.check', { draft, toneStyle: 'modern' }, writer.session);
    expect(modern.findings.some((f) => f.rule === 'tone.style' && f.field === 'title')).toBe(false);
  });

  test('a missing article answers NOT_FOUND; a body that is not an editor document, VALIDATION', async () => {
    expect((await fails(core, 'quality.check', { articleId: 999_999 }, writer.session)).code).toBe('NOT_FOUND');
    expect((await fails(core, 'quality.check', { draft: { bodyJson: '{"x":1}' } }, writer.session)).code).toBe(
      'VALIDATION',
    );
  });
});

describe('settings', () => {
  test('any signed-in user adds a word (audited); only an administrator changes the settings', async () => {
    const text = { draft: { title: 'Tin', bodyJson: JSON.stringify(paragraphsDocument(['Mô hình gioòng mới.'])) } };
    const before = await ok(core, 'quality.check', text, writer.session);
    expect(before.findings.map((f) => f.text)).toContain('gioòng');
    const settings = await ok(core, 'quality.addWord', { word: 'gioòng' }, writer.session);
    expect(settings.words).toContain('gioòng');
    const after = await ok(core, 'quality.check', text, writer.session);
    expect(after.findings.map((f) => f.text)).not.toContain('gioòng');
    const audit = await ok(core, 'audit.list', { action: 'quality.addWord' });
    expect(audit.items[0]).toMatchObject({ username: 'phongvien', details: expect.stringContaining('gioòng') });

    const refused = await fails(core, 'quality.updateSettings', { toneStyle: 'modern' }, writer.session);
    expect(refused.code).toBe('FORBIDDEN');
    const changed = await ok(core, 'quality.updateSettings', { words: [] });
    expect(changed.words).toEqual([]);
    expect(await ok(core, 'quality.settings', {}, editor.session)).toEqual(changed);
  });

  test('the settings are exported with the organisation profile', async () => {
    await ok(core, 'portal.update', {
      name: 'Cổng TTĐT',
      address: 'Khóm 1',
      phone: '0291',
      fax: '',
      responsible: 'Ông A',
    });
    await ok(core, 'quality.updateSettings', { words: ['Thạnh'], severities: { 'completeness.no-lead': 'block' } });
    const profile = await ok(core, 'profile.export', {});
    expect(profile.quality).toEqual({
      toneStyle: 'traditional',
      severities: { 'completeness.no-lead': 'block' },
      words: ['Thạnh'],
    });
    await ok(core, 'quality.updateSettings', { words: [], severities: {} });
  });
});

describe('the gate', () => {
  test('submitting an empty article is refused with QUALITY_BLOCKED and the list; nothing changes', async () => {
    const empty = await article({ bodyJson: null });
    const result = await move(empty, 'submit', {}, writer);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('QUALITY_BLOCKED');
    expect(result.error.message).toContain('Bài viết chưa có nội dung');
    expect(result.error.messageEn).toContain('The article has no body text');
    expect(result.error.issues).toEqual([
      { path: 'body', message: expect.stringContaining('completeness.body-empty'), messageEn: expect.any(String) },
    ]);
    expect((await ok(core, 'articles.get', { id: empty.id })).status).toBe('draft');
  });

  test.each(['submit', 'approve', 'schedule', 'publish'] as const)(
    '%s refuses an article with a leftover placeholder, and passes once it is fixed',
    async (action) => {
      let a = await article();
      const path = { submit: [], approve: ['submit'], schedule: ['submit', 'approve'], publish: ['submit', 'approve'] };
      for (const step of path[action] as ('submit' | 'approve')[]) {
        const moved = await move(a, step);
        if (!moved.ok) throw new Error(moved.error.messageEn);
        a = moved.value as Article;
      }
      a = await withBody(a, JSON.stringify(paragraphsDocument(['null Hội nghị {{ten_don_vi}}.'])));
      const refused = await move(a, action);
      expect(refused.ok || refused.error.code).toBe('QUALITY_BLOCKED');
      if (!refused.ok)
        expect(refused.error.issues?.map((i) => i.message.split(':')[0])).toEqual([
          'completeness.placeholder',
          'completeness.placeholder',
        ]);
      a = await withBody(a, BODY);
      const passed = await move(a, action);
      expect(passed.ok, passed.ok ? '' : passed.error.messageEn).toBe(true);
    },
  );

  test('unpublish, reopen and return are never held back by the check', async () => {
    let a = await article();
    for (const action of ['submit', 'approve', 'publish'] as const) {
      const moved = await move(a, action);
      if (!moved.ok) throw new Error(moved.error.messageEn);
      a = moved.value as Article;
    }
    a = await withBody(a, null);
    const down = await ok(
      core,
      'articles.transition',
      { id: a.id, baseVersion: a.version, action: 'unpublish' },
      editor.session,
    );
    expect(down.status).toBe('unpublished');
  });

  test('an editor publishes over warnings with a reason; the override is audited', async () => {
    let a = await article({ lead: '', bodyJson: JSON.stringify(paragraphsDocument(['Nâng cao chât lượng.'])) });
    for (const action of ['submit', 'approve'] as const) {
      const moved = await move(a, action);
      if (!moved.ok) throw new Error(moved.error.messageEn);
      a = moved.value as Article;
    }
    const published = await move(a, 'publish', { qualityOverride: { reason: 'Tin khẩn, sửa sau' } });
    expect(published.ok).toBe(true);
    const audit = await ok(core, 'audit.list', { action: 'quality.override' });
    const entry = audit.items.find((item) => item.targetId === a.id);
    expect(entry?.username).toBe('bientap');
    expect(JSON.parse(entry?.details ?? '{}')).toEqual({
      action: 'publish',
      reason: 'Tin khẩn, sửa sau',
      warnings: 2,
      rules: ['completeness.no-lead', 'spelling.unknown-word'],
    });
  });

  test('an organisation that makes a rule block is obeyed by the gate', async () => {
    await ok(core, 'quality.updateSettings', { severities: { 'completeness.no-lead': 'block' } });
    const a = await article({ lead: '' });
    const refused = await move(a, 'submit', {}, writer);
    expect(refused.ok || refused.error.code).toBe('QUALITY_BLOCKED');
    await ok(core, 'quality.updateSettings', { severities: {} });
    expect((await move(a, 'submit', {}, writer)).ok).toBe(true);
  });
});
