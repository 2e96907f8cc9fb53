import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_STATUSES, type Article, type ArticleStatus } from '../../shared/contract/articles';
import { TRANSITION_ACTIONS, type TransitionAction } from '../../shared/contract/workflow';
import { ACTION_NAMES, STATUS_NAMES } from '../../shared/workflow/labels';
import { actionsFrom, canTransition, mayAttempt, nextStatus, TRANSITIONS } from '../../shared/workflow/status-machine';
import type { Core } from '../../electron/core/core';
import {
  BODY_JSON,
  cleanupAll,
  createUserAndSignIn,
  fails,
  ok,
  openCore,
  tempDataDir,
  type SignedInUser,
} from '../helpers';

let core: Core;
let writer: SignedInUser;
let otherWriter: SignedInUser;
let editor: SignedInUser;

beforeAll(async () => {
  core = openCore(tempDataDir());
  // Four accounts for the whole file: scrypt is deliberately slow, so sign in once.
  writer = await createUserAndSignIn(core, 'writer', 'phongvien', 'Lam Nguyễn');
  otherWriter = await createUserAndSignIn(core, 'writer', 'congtacvien', 'Cẩm Tú');
  editor = await createUserAndSignIn(core, 'editor', 'bientap', 'Biên Tập');
}, 30_000);
afterAll(cleanupAll);

const DAY = 24 * 60 * 60 * 1000;
const future = () => new Date(Date.now() + DAY).toISOString();

function raw<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(core.databasePath as string, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const auditCount = (action: string) =>
  raw<{ n: number }>('SELECT count(*) AS n FROM audit_log WHERE action = ?', action)[0]?.n ?? 0;
const revisionCount = (id: number) =>
  raw<{ n: number }>('SELECT count(*) AS n FROM article_revisions WHERE article_id = ?', id)[0]?.n ?? 0;

/** The inputs an action needs to be accepted. */
function extras(action: TransitionAction): { reason?: string; scheduledAt?: string } {
  if (action === 'return') return { reason: 'Cần bổ sung nguồn tin.' };
  if (action === 'schedule') return { scheduledAt: future() };
  return {};
}

async function move(article: Article, action: TransitionAction, as: string = editor.session): Promise<Article> {
  return ok(
    core,
    'articles.transition',
    { id: article.id, baseVersion: article.version, action, ...extras(action) },
    as,
  );
}

/** The path from a new draft to each status, as an editor walks it. */
const PATH: Record<ArticleStatus, TransitionAction[]> = {
  draft: [],
  pending_review: ['submit'],
  returned: ['submit', 'return'],
  approved: ['submit', 'approve'],
  scheduled: ['submit', 'approve', 'schedule'],
  published: ['submit', 'approve', 'publish'],
  unpublished: ['submit', 'approve', 'publish', 'unpublish'],
};

/** A new article of `owner` in the given status. */
async function articleIn(
  status: ArticleStatus,
  owner: SignedInUser = writer,
  title = `Bài ${status}`,
): Promise<Article> {
  let article = await ok(core, 'articles.create', { title, bodyJson: BODY_JSON }, owner.session);
  for (const action of PATH[status]) article = await move(article, action);
  expect(article.status).toBe(status);
  return article;
}

describe('the state machine (pure)', () => {
  it('reaches every status from a draft, and leaves every status somehow', () => {
    const reached = new Set<ArticleStatus>(['draft']);
    for (let changed = true; changed;) {
      changed = false;
      for (const status of [...reached]) {
        for (const action of TRANSITION_ACTIONS) {
          const to = nextStatus(status, action);
          if (to && !reached.has(to)) {
            reached.add(to);
            changed = true;
          }
        }
      }
    }
    expect([...reached].sort()).toEqual([...ARTICLE_STATUSES].sort());
    for (const status of ARTICLE_STATUSES) expect(actionsFrom(status).length, status).toBeGreaterThan(0);
  });

  it('lets writers only submit and withdraw, and only their own articles; nobody else withdraws', () => {
    const ownersOnly = new Set<TransitionAction>(['withdraw']);
    for (const action of TRANSITION_ACTIONS) {
      expect(mayAttempt(action, 'writer', true), action).toBe(action === 'submit' || action === 'withdraw');
      expect(mayAttempt(action, 'writer', false), action).toBe(false);
      expect(mayAttempt(action, 'editor', false), action).toBe(!ownersOnly.has(action));
      expect(mayAttempt(action, 'admin', false), action).toBe(!ownersOnly.has(action));
    }
    expect(canTransition('draft', 'submit', 'writer', true)).toBe(true);
    expect(canTransition('pending_review', 'submit', 'writer', true)).toBe(false);
    expect(actionsFrom('pending_review', { role: 'writer', isOwner: true })).toEqual(['withdraw']);
    expect(actionsFrom('pending_review', { role: 'editor', isOwner: false })).toEqual(['return', 'approve']);
  });
});

describe('every status × every action, through the contract', () => {
  for (const status of ARTICLE_STATUSES) {
    for (const action of TRANSITION_ACTIONS) {
      const to = nextStatus(status, action);
      it(`${action} from ${status}: ${to ? `→ ${to}` : 'INVALID_TRANSITION'}`, async () => {
        const article = await articleIn(status);
        const revisions = revisionCount(article.id);
        const transitions = auditCount('article.transition');
        // Only the article's writer withdraws it.
        const by = action === 'withdraw' ? writer : editor;
        if (to) {
          const moved = await move(article, action, by.session);
          expect(moved).toMatchObject({ id: article.id, status: to, version: article.version + 1 });
          // The version before the move is kept as a revision, and the move is in the audit log.
          expect(revisionCount(article.id)).toBe(revisions + 1);
          const entry = (await ok(core, 'audit.list', { action: 'article.transition', limit: 1 })).items[0];
          expect(entry).toMatchObject({
            userId: by.user.id,
            username: by.user.username,
            targetType: 'article',
            targetId: article.id,
          });
          expect(JSON.parse(entry?.details ?? '{}')).toMatchObject({ action, from: status, to });
        } else {
          const error = await fails(
            core,
            'articles.transition',
            { id: article.id, baseVersion: article.version, action, ...extras(action) },
            by.session,
          );
          expect(error.code).toBe('INVALID_TRANSITION');
          // The status and the action, in words, in both languages.
          expect(error.message).toContain(STATUS_NAMES[status].vi);
          expect(error.message).toContain(ACTION_NAMES[action].vi);
          expect(error.messageEn).toContain(STATUS_NAMES[status].en);
          expect(error.messageEn).toContain(ACTION_NAMES[action].en);
          expect(await ok(core, 'articles.get', { id: article.id })).toEqual(article);
          expect(revisionCount(article.id)).toBe(revisions);
          expect(auditCount('article.transition')).toBe(transitions);
        }
      });
    }
  }
});

describe('writers in the workflow', () => {
  it('may submit (and withdraw) their own article, and nothing else', async () => {
    const own = new Set<TransitionAction>(['submit', 'withdraw']);
    for (const status of ARTICLE_STATUSES) {
      const article = await articleIn(status);
      // Submit and withdraw last: they change the status.
      for (const action of [...TRANSITION_ACTIONS.filter((a) => !own.has(a)), 'submit' as const, 'withdraw' as const]) {
        const current = await ok(core, 'articles.get', { id: article.id });
        const answer = await core.invoke(
          'articles.transition',
          { id: article.id, baseVersion: current.version, action, ...extras(action) },
          { sessionToken: writer.session },
        );
        const legal = TRANSITIONS[action].from.includes(current.status);
        const expected = !own.has(action) ? 'FORBIDDEN' : legal ? 'ok' : 'INVALID_TRANSITION';
        if (expected === 'ok') {
          expect(answer, `${action} from ${current.status}`).toMatchObject({
            ok: true,
            value: { status: TRANSITIONS[action].to },
          });
          continue;
        }
        expect(answer, `${action} from ${status}`).toMatchObject({ ok: false, error: { code: expected } });
      }
    }
  });

  it("may not submit another writer's article: FORBIDDEN, written to the audit log", async () => {
    const theirs = await articleIn('draft', otherWriter);
    const denied = auditCount('access.denied');
    const error = await fails(
      core,
      'articles.transition',
      { id: theirs.id, baseVersion: 1, action: 'submit' },
      writer.session,
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('không phải của bạn');
    expect(error.messageEn).toContain('only their own articles');
    expect(auditCount('access.denied')).toBe(denied + 1);
    const entry = (await ok(core, 'audit.list', { action: 'access.denied', limit: 1 })).items[0];
    expect(entry).toMatchObject({ userId: writer.user.id, targetType: 'article', targetId: theirs.id });
    expect(JSON.parse(entry?.details ?? '{}')).toMatchObject({ channel: 'articles.transition', role: 'writer' });
    expect((await ok(core, 'articles.get', { id: theirs.id })).status).toBe('draft');
  });

  it('says what the role may not do when a writer tries to approve', async () => {
    const mine = await articleIn('pending_review');
    const error = await fails(
      core,
      'articles.transition',
      { id: mine.id, baseVersion: mine.version, action: 'approve' },
      writer.session,
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('Phóng viên');
    expect(error.message).toContain('duyệt');
    expect(error.messageEn).toContain('may not approve');
  });

  it('edit their returned article, read the reason, and submit it again', async () => {
    const article = await articleIn('pending_review');
    const returned = await ok(
      core,
      'articles.transition',
      { id: article.id, baseVersion: article.version, action: 'return', reason: '  Thiếu ảnh minh họa.  ' },
      editor.session,
    );
    expect(returned.status).toBe('returned');
    // The writer sees the reason as a comment of kind 'return', by the editor.
    const comments = await ok(core, 'comments.list', { articleId: article.id }, writer.session);
    expect(comments).toEqual([
      expect.objectContaining({
        kind: 'return',
        body: 'Thiếu ảnh minh họa.',
        authorId: editor.user.id,
        authorName: 'Biên Tập',
        replyTo: null,
      }),
    ]);
    // Pending review is not the writer's to edit; returned is.
    const edited = await ok(
      core,
      'articles.update',
      { id: article.id, baseVersion: returned.version, changes: { lead: 'Có ảnh rồi' } },
      writer.session,
    );
    expect(edited.status).toBe('returned');
    const again = await move(edited, 'submit', writer.session);
    expect(again.status).toBe('pending_review');
    expect(
      (
        await fails(
          core,
          'articles.update',
          { id: article.id, baseVersion: again.version, changes: { lead: 'x' } },
          writer.session,
        )
      ).code,
    ).toBe('FORBIDDEN');
  });
});

describe('inputs an action needs', () => {
  it('refuses a return without a reason, naming the field, and writes nothing', async () => {
    const article = await articleIn('pending_review');
    for (const reason of [undefined, '', '   ']) {
      const error = await fails(
        core,
        'articles.transition',
        { id: article.id, baseVersion: article.version, action: 'return', ...(reason === undefined ? {} : { reason }) },
        editor.session,
      );
      expect(error.code).toBe('VALIDATION');
      expect(error.issues?.map((i) => i.path)).toEqual(['reason']);
      expect(error.message).toContain('reason');
      expect(error.messageEn).toContain('reason');
    }
    expect(await ok(core, 'articles.get', { id: article.id })).toEqual(article);
    expect(await ok(core, 'comments.list', { articleId: article.id })).toEqual([]);
  });

  it('schedules only for a time in the future, kept as the publication time', async () => {
    const article = await articleIn('approved');
    const missing = await fails(
      core,
      'articles.transition',
      { id: article.id, baseVersion: article.version, action: 'schedule' },
      editor.session,
    );
    expect(missing.issues?.map((i) => i.path)).toEqual(['scheduledAt']);
    const past = await fails(
      core,
      'articles.transition',
      { id: article.id, baseVersion: article.version, action: 'schedule', scheduledAt: '2020-01-01T08:00:00+07:00' },
      editor.session,
    );
    expect(past.code).toBe('VALIDATION');
    expect(past.issues?.map((i) => i.path)).toEqual(['scheduledAt']);
    expect(past.messageEn).toContain('future');
    expect(await ok(core, 'articles.get', { id: article.id })).toEqual(article);

    const at = new Date(Date.now() + 3 * DAY);
    at.setUTCMilliseconds(0);
    const scheduled = await ok(
      core,
      'articles.transition',
      {
        id: article.id,
        baseVersion: article.version,
        action: 'schedule',
        scheduledAt: at.toISOString().replace('.000Z', '+00:00'),
      },
      editor.session,
    );
    expect(scheduled).toMatchObject({ status: 'scheduled', publishedAt: at.toISOString() });
    // Published early: the time becomes now, not the scheduled one.
    const published = await move(scheduled, 'publish');
    expect(Date.parse(published.publishedAt as string)).toBeLessThanOrEqual(Date.now());
    expect(Date.now() - Date.parse(published.publishedAt as string)).toBeLessThan(60_000);
  });

  it('keeps a publication time set in the past (a backdated article), and sets now otherwise', async () => {
    const backdated = await ok(
      core,
      'articles.create',
      { title: 'Tin cũ', publishedAt: '2023-03-23T08:05:00+07:00', bodyJson: BODY_JSON },
      writer.session,
    );
    let article = backdated;
    for (const action of ['submit', 'approve', 'publish'] as const) article = await move(article, action);
    expect(article.publishedAt).toBe('2023-03-23T01:05:00.000Z');
    const fresh = await articleIn('published');
    expect(Date.now() - Date.parse(fresh.publishedAt as string)).toBeLessThan(60_000);
    // Edited text goes through approval again before it updates the portal, and keeps the time.
    let edited = await ok(
      core,
      'articles.update',
      { id: fresh.id, baseVersion: fresh.version, changes: { lead: 'Đính chính' } },
      editor.session,
    );
    const refused = await fails(
      core,
      'articles.transition',
      { id: edited.id, baseVersion: edited.version, action: 'update' },
      editor.session,
    );
    expect(refused.code).toBe('INVALID_TRANSITION');
    for (const action of ['submit', 'approve', 'publish'] as const) edited = await move(edited, action);
    expect(edited).toMatchObject({ status: 'published', publishedAt: fresh.publishedAt, lead: 'Đính chính' });
  });

  it('refuses to move an article that is in the trash', async () => {
    const article = await articleIn('draft');
    await ok(core, 'articles.trash', { id: article.id }, writer.session);
    const error = await fails(
      core,
      'articles.transition',
      { id: article.id, baseVersion: article.version, action: 'submit' },
      writer.session,
    );
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.messageEn).toContain('trash');
  });

  it('answers NOT_FOUND for an unknown article', async () => {
    expect(
      (await fails(core, 'articles.transition', { id: 999_999, baseVersion: 1, action: 'submit' }, editor.session))
        .code,
    ).toBe('NOT_FOUND');
  });
});

describe('concurrency', () => {
  it('refuses a transition from a stale version with CONFLICT, writing nothing', async () => {
    const article = await articleIn('pending_review');
    // Someone else saved meanwhile.
    const newer = await ok(
      core,
      'articles.update',
      { id: article.id, baseVersion: article.version, changes: { lead: 'Sửa ở máy khác' } },
      editor.session,
    );
    const revisions = revisionCount(article.id);
    const transitions = auditCount('article.transition');
    const error = await fails(
      core,
      'articles.transition',
      { id: article.id, baseVersion: article.version, action: 'return', reason: 'Trả lại' },
      editor.session,
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.messageEn).toContain(`version ${article.version}`);
    expect(await ok(core, 'articles.get', { id: article.id })).toEqual(newer);
    expect(revisionCount(article.id)).toBe(revisions);
    expect(auditCount('article.transition')).toBe(transitions);
    expect(await ok(core, 'comments.list', { articleId: article.id })).toEqual([]);
    expect((await move(newer, 'approve')).status).toBe('approved');
  });

  it('lets only one of two simultaneous moves from the same version through', async () => {
    const article = await articleIn('pending_review');
    const answers = await Promise.all([
      core.invoke(
        'articles.transition',
        { id: article.id, baseVersion: article.version, action: 'approve' },
        { sessionToken: editor.session },
      ),
      core.invoke(
        'articles.transition',
        { id: article.id, baseVersion: article.version, action: 'return', reason: 'Không đạt' },
        { sessionToken: editor.session },
      ),
    ]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).map((a) => (a.ok ? null : a.error.code))).toEqual(['CONFLICT']);
  });
});

describe('review comments', () => {
  it('adds comments and replies, oldest first, with the author and the time', async () => {
    const article = await articleIn('pending_review');
    const question = await ok(
      core,
      'comments.add',
      { articleId: article.id, body: '  Số liệu lấy từ đâu?  ' },
      editor.session,
    );
    expect(question).toMatchObject({
      articleId: article.id,
      authorId: editor.user.id,
      authorName: 'Biên Tập',
      body: 'Số liệu lấy từ đâu?',
      kind: 'comment',
      replyTo: null,
    });
    expect(Date.now() - Date.parse(question.createdAt)).toBeLessThan(60_000);
    const answer = await ok(
      core,
      'comments.add',
      { articleId: article.id, body: 'Từ báo cáo của UBND xã.', replyTo: question.id },
      writer.session,
    );
    expect(answer).toMatchObject({ authorId: writer.user.id, authorName: 'Lam Nguyễn', replyTo: question.id });
    // Any signed-in user may comment, on any article.
    await ok(core, 'comments.add', { articleId: article.id, body: 'Đồng ý.' }, otherWriter.session);
    const listed = await ok(core, 'comments.list', { articleId: article.id }, otherWriter.session);
    expect(listed.map((c) => [c.authorName, c.body, c.replyTo])).toEqual([
      ['Biên Tập', 'Số liệu lấy từ đâu?', null],
      ['Lam Nguyễn', 'Từ báo cáo của UBND xã.', question.id],
      ['Cẩm Tú', 'Đồng ý.', null],
    ]);
  });

  it('refuses a reply to a comment of another article, an unknown article, an empty body and a forged author', async () => {
    const a = await articleIn('draft');
    const b = await articleIn('draft');
    const onA = await ok(core, 'comments.add', { articleId: a.id, body: 'Ở bài A' }, editor.session);
    expect(
      (
        await fails(
          core,
          'comments.add',
          { articleId: b.id, body: 'Trả lời nhầm bài', replyTo: onA.id },
          editor.session,
        )
      ).code,
    ).toBe('NOT_FOUND');
    expect((await fails(core, 'comments.add', { articleId: 999_999, body: 'x' }, editor.session)).code).toBe(
      'NOT_FOUND',
    );
    expect((await fails(core, 'comments.list', { articleId: 999_999 }, editor.session)).code).toBe('NOT_FOUND');
    expect(
      (await fails(core, 'comments.add', { articleId: a.id, body: '   ' }, editor.session)).issues?.map((i) => i.path),
    ).toEqual(['body']);
    const forged = await fails(
      core,
      'comments.add',
      { articleId: a.id, body: 'Giả danh', authorId: editor.user.id },
      writer.session,
    );
    expect(forged.code).toBe('VALIDATION');
    expect(forged.messageEn).toContain('authorId');
    expect((await fails(core, 'comments.add', { articleId: a.id, body: 'x' }, null)).code).toBe('AUTH_REQUIRED');
    expect((await ok(core, 'comments.list', { articleId: b.id })).length).toBe(0);
  });

  it('goes with its article when the article is purged', async () => {
    const article = await articleIn('draft');
    await ok(core, 'comments.add', { articleId: article.id, body: 'Sẽ bị xóa' }, editor.session);
    await ok(core, 'articles.trash', { id: article.id }, editor.session);
    await ok(core, 'articles.purge', { id: article.id }, editor.session);
    expect(
      raw<{ n: number }>('SELECT count(*) AS n FROM article_comments WHERE article_id = ?', article.id)[0]?.n,
    ).toBe(0);
  });
});

const doc = (...paragraphs: string[]) =>
  JSON.stringify({
    root: {
      type: 'root',
      children: paragraphs.map((text) => ({
        type: 'paragraph',
        children: [{ type: 'text', text, format: 0, style: '' }],
      })),
    },
  });

describe('revisions: diff and restore', () => {
  it('diffs two versions word by word (title, lead, body text), the current one included', async () => {
    const v1 = await ok(
      core,
      'articles.create',
      { title: 'Hội nghị sơ kết', lead: 'Sáng nay', bodyJson: doc('Đoạn một.', 'Đoạn hai.') },
      writer.session,
    );
    const v2 = await ok(
      core,
      'articles.update',
      {
        id: v1.id,
        baseVersion: 1,
        changes: { title: 'Hội nghị tổng kết', bodyJson: doc('Đoạn một.', 'Đoạn hai đã sửa.', 'Đoạn ba.') },
      },
      writer.session,
    );
    const v3 = await ok(
      core,
      'articles.update',
      { id: v1.id, baseVersion: 2, changes: { lead: 'Chiều nay' } },
      writer.session,
    );
    expect(v3.version).toBe(3);

    const d12 = await ok(core, 'articles.diff', { id: v1.id, from: 1, to: 2 }, otherWriter.session);
    expect(d12.title).toEqual([
      { op: 'same', text: 'Hội nghị ' },
      { op: 'removed', text: 'sơ' },
      { op: 'added', text: 'tổng' },
      { op: 'same', text: ' kết' },
    ]);
    expect(d12.lead).toEqual([{ op: 'same', text: 'Sáng nay' }]);
    const before = d12.body
      .filter((s) => s.op !== 'added')
      .map((s) => s.text)
      .join('');
    const after = d12.body
      .filter((s) => s.op !== 'removed')
      .map((s) => s.text)
      .join('');
    expect(before).toBe('Đoạn một.\n\nĐoạn hai.');
    expect(after).toBe('Đoạn một.\n\nĐoạn hai đã sửa.\n\nĐoạn ba.');
    expect(d12.body.filter((s) => s.op === 'removed')).toEqual([]);
    expect(
      d12.body
        .filter((s) => s.op === 'added')
        .map((s) => s.text)
        .join('|'),
    ).toContain('đã sửa');

    // To the current version (3, not a revision), and backwards.
    const d31 = await ok(core, 'articles.diff', { id: v1.id, from: 3, to: 1 }, writer.session);
    expect(d31.lead).toEqual([
      { op: 'removed', text: 'Chiều' },
      { op: 'added', text: 'Sáng' },
      { op: 'same', text: ' nay' },
    ]);
    expect((await ok(core, 'articles.diff', { id: v1.id, from: 2, to: 2 })).title).toEqual([
      { op: 'same', text: v2.title },
    ]);
    expect((await fails(core, 'articles.diff', { id: v1.id, from: 1, to: 9 })).code).toBe('NOT_FOUND');
    expect((await fails(core, 'articles.diff', { id: 999_999, from: 1, to: 2 })).code).toBe('NOT_FOUND');
  });

  it('restores a revision as a new version, keeping the present one as a revision', async () => {
    const v1 = await ok(
      core,
      'articles.create',
      { title: 'Bản đầu', lead: 'Tóm tắt đầu', bodyJson: doc('Nội dung đầu.'), author: 'Lam' },
      writer.session,
    );
    const v2 = await ok(
      core,
      'articles.update',
      {
        id: v1.id,
        baseVersion: 1,
        changes: { title: 'Bản hai', lead: 'Tóm tắt hai', bodyJson: doc('Nội dung hai.'), author: 'Tú' },
      },
      writer.session,
    );
    const restored = await ok(
      core,
      'articles.restoreRevision',
      { id: v1.id, version: 1, baseVersion: v2.version },
      writer.session,
    );
    expect(restored).toMatchObject({
      version: 3,
      title: 'Bản đầu',
      lead: 'Tóm tắt đầu',
      bodyJson: doc('Nội dung đầu.'),
      author: 'Lam',
      status: 'draft',
      slug: v1.slug,
    });
    expect(restored.bodyHtml).toContain('Nội dung đầu.');
    const revisions = await ok(core, 'articles.revisions', { id: v1.id });
    expect(revisions.map((r) => [r.version, r.title])).toEqual([
      [2, 'Bản hai'],
      [1, 'Bản đầu'],
    ]);
    // Search follows the restored text.
    expect((await ok(core, 'articles.list', { query: 'ban dau' })).items.map((a) => a.id)).toContain(v1.id);
    expect((await ok(core, 'articles.list', { query: 'ban hai' })).items.map((a) => a.id)).not.toContain(v1.id);
    const entry = (await ok(core, 'audit.list', { action: 'article.restoreRevision', limit: 1 })).items[0];
    expect(entry).toMatchObject({ userId: writer.user.id, targetId: v1.id });
    expect(JSON.parse(entry?.details ?? '{}')).toMatchObject({ restoredVersion: 1, version: 3 });

    // A stale base, an unknown version: refused, nothing written.
    const stale = await fails(
      core,
      'articles.restoreRevision',
      { id: v1.id, version: 2, baseVersion: 2 },
      writer.session,
    );
    expect(stale.code).toBe('CONFLICT');
    expect(
      (await fails(core, 'articles.restoreRevision', { id: v1.id, version: 7, baseVersion: 3 }, writer.session)).code,
    ).toBe('NOT_FOUND');
    expect(await ok(core, 'articles.get', { id: v1.id })).toEqual(restored);
  });
});

describe('workflow.counts', () => {
  it('counts non-trashed articles per status: everything for editors, their own for writers', async () => {
    const dir = tempDataDir();
    const fresh = openCore(dir);
    const w = await createUserAndSignIn(fresh, 'writer', 'vietbai');
    const e = await createUserAndSignIn(fresh, 'editor', 'duyetbai');
    const make = async (owner: string, actions: TransitionAction[]) => {
      let a = await ok(fresh, 'articles.create', { title: 'Tin', bodyJson: BODY_JSON }, owner);
      for (const action of actions)
        a = await ok(
          fresh,
          'articles.transition',
          { id: a.id, baseVersion: a.version, action, ...extras(action) },
          e.session,
        );
      return a;
    };
    await make(w.session, ['submit']);
    await make(w.session, ['submit', 'return']);
    await make(w.session, ['submit', 'approve']);
    await make(e.session, ['submit']);
    await make(e.session, ['submit', 'approve', 'schedule']);
    const trashed = await make(w.session, ['submit']);
    await ok(fresh, 'articles.trash', { id: trashed.id }, e.session);
    expect(await ok(fresh, 'workflow.counts', {}, e.session)).toEqual({
      pendingReview: 2,
      returned: 1,
      approved: 1,
      scheduled: 1,
    });
    expect(await ok(fresh, 'workflow.counts', {}, w.session)).toEqual({
      pendingReview: 1,
      returned: 1,
      approved: 1,
      scheduled: 0,
    });
    expect((await fails(fresh, 'workflow.counts', {}, null)).code).toBe('AUTH_REQUIRED');
  }, 30_000);
});
