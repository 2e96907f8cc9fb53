/**
 * Approval chains through the contract on a real store: every path through two- and three-step chains, returns at
 * each step, an edit after a step, withdrawal, a leader who approves but cannot edit, a chain changed under articles
 * already in it, and published = approved.
 */
import Database from 'better-sqlite3';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { Article } from '../../shared/contract/articles';
import type { ApprovalStep } from '../../shared/contract/approval';
import { paragraphsDocument } from '../../shared/render/body-nodes';
import type { Core } from '../../electron/core/core';
import { cleanupAll, createUserAndSignIn, fails, ok, openCore, tempDataDir, type SignedInUser } from '../helpers';

let core: Core;
let writer: SignedInUser;
let editor: SignedInUser;
let chief: SignedInUser;
let leader: SignedInUser;
let twoSteps: number;
let threeSteps: number;

const step = (role: ApprovalStep['role'], userIds: number[] = []): ApprovalStep => ({ role, userIds, signed: false });

beforeAll(async () => {
  core = openCore(tempDataDir());
  writer = await createUserAndSignIn(core, 'writer', 'phongvien', 'Lam Nguyễn');
  editor = await createUserAndSignIn(core, 'editor', 'bientap', 'Biên Tập');
  chief = await createUserAndSignIn(core, 'editor', 'truongban', 'Trưởng Ban');
  leader = await createUserAndSignIn(core, 'leader', 'lanhdao', 'Lê Minh Tâm');
  twoSteps = (await ok(core, 'categories.create', { name: 'Hai bước' })).id;
  threeSteps = (await ok(core, 'categories.create', { name: 'Ba bước' })).id;
  await ok(core, 'approval.setChain', { categoryId: twoSteps, steps: [step('editor'), step('leader')] });
  await ok(core, 'approval.setChain', {
    categoryId: threeSteps,
    steps: [step('editor'), step('editor', [chief.user.id]), step('leader')],
  });
}, 60_000);
afterAll(cleanupAll);

function raw<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(core.databasePath as string, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** A body the pre-publication check lets through. */
const BODY = JSON.stringify(
  paragraphsDocument(['Sáng nay, Ủy ban nhân dân thị xã Giá Rai tổ chức hội nghị tổng kết công tác năm.']),
);

async function submitted(categoryId: number, title = 'Bài theo quy trình'): Promise<Article> {
  const draft = await ok(
    core,
    'articles.create',
    { title, categoryId, lead: 'Tóm tắt', bodyJson: BODY, author: 'Lam Nguyễn' },
    writer.session,
  );
  return ok(
    core,
    'articles.transition',
    { id: draft.id, baseVersion: draft.version, action: 'submit' },
    writer.session,
  );
}

const act = (article: Article, action: 'approve' | 'return', who: SignedInUser) =>
  ok(
    core,
    'articles.transition',
    { id: article.id, baseVersion: article.version, action, ...(action === 'return' ? { reason: 'Thiếu nguồn' } : {}) },
    who.session,
  );

const refused = (article: Article, action: 'approve' | 'return' | 'withdraw', who: SignedInUser) =>
  fails(
    core,
    'articles.transition',
    { id: article.id, baseVersion: article.version, action, ...(action === 'return' ? { reason: 'Thiếu nguồn' } : {}) },
    who.session,
  );

const waitingAt = async (article: Article) =>
  (await ok(core, 'approval.status', { articleId: article.id })).currentStep;

describe('a two-step chain (Biên tập viên → Lãnh đạo duyệt)', () => {
  it('is approved only when the last step approves; each step is recorded and audited', async () => {
    let article = await submitted(twoSteps);
    expect(await waitingAt(article)).toBe(0);
    // The leader may not take the editor's step.
    expect((await refused(article, 'approve', leader)).code).toBe('FORBIDDEN');
    article = await act(article, 'approve', editor);
    expect(article.status).toBe('pending_review');
    expect(await waitingAt(article)).toBe(1);
    // Now the editor may not take the leader's step.
    const notYours = await refused(article, 'approve', editor);
    expect(notYours.code).toBe('FORBIDDEN');
    expect(notYours.message).toContain('bước 2/2');
    article = await act(article, 'approve', leader);
    expect(article.status).toBe('approved');
    const status = await ok(core, 'approval.status', { articleId: article.id });
    expect(status.records.map((r) => [r.step, r.decision, r.actorName])).toEqual([
      [0, 'approve', 'Biên Tập'],
      [1, 'approve', 'Lê Minh Tâm'],
    ]);
    expect(status.approvedHash).toBe(status.currentHash);
    expect(status.approvedDiffers).toBe(false);
    const audited = raw<{ details: string }>(
      "SELECT details FROM audit_log WHERE action = 'article.transition' AND target_id = ? ORDER BY id",
      article.id,
    ).map((r) => JSON.parse(r.details) as { action: string; step?: number; stepCount?: number });
    expect(audited.map((d) => [d.action, d.step, d.stepCount])).toEqual([
      ['submit', undefined, undefined],
      ['approve', 1, 2],
      ['approve', 2, 2],
    ]);
  });

  it('returns to the writer from the first step and from the second, and starts again at the first', async () => {
    for (const at of [0, 1]) {
      let article = await submitted(twoSteps);
      if (at === 1) article = await act(article, 'approve', editor);
      article = await act(article, 'return', at === 0 ? editor : leader);
      expect(article.status).toBe('returned');
      const again = await ok(
        core,
        'articles.transition',
        { id: article.id, baseVersion: article.version, action: 'submit' },
        writer.session,
      );
      expect(await waitingAt(again)).toBe(0);
    }
  });

  it('a return needs a reason', async () => {
    const article = await submitted(twoSteps);
    const error = await fails(
      core,
      'articles.transition',
      { id: article.id, baseVersion: article.version, action: 'return' },
      editor.session,
    );
    expect(error.code).toBe('VALIDATION');
  });
});

describe('a three-step chain (Biên tập viên → Trưởng ban, by name → Lãnh đạo duyệt)', () => {
  it('goes through all three steps; a named step takes only its named user', async () => {
    let article = await submitted(threeSteps);
    article = await act(article, 'approve', editor);
    expect(await waitingAt(article)).toBe(1);
    // Another editor is not the named Trưởng ban.
    expect((await refused(article, 'approve', editor)).message).toContain('Trưởng Ban');
    article = await act(article, 'approve', chief);
    expect(await waitingAt(article)).toBe(2);
    article = await act(article, 'approve', leader);
    expect(article.status).toBe('approved');
  });

  it('returns at each of the three steps', async () => {
    const deciders = [editor, chief, leader];
    for (let at = 0; at < 3; at += 1) {
      let article = await submitted(threeSteps);
      for (let s = 0; s < at; s += 1) article = await act(article, 'approve', deciders[s] as SignedInUser);
      article = await act(article, 'return', deciders[at] as SignedInUser);
      expect(article.status).toBe('returned');
      const status = await ok(core, 'approval.status', { articleId: article.id });
      expect(status.records.at(-1)).toMatchObject({ step: at, decision: 'return', reason: 'Thiếu nguồn' });
    }
  });

  it('an edit after a step sends the article back to that step', async () => {
    let article = await submitted(threeSteps);
    article = await act(article, 'approve', editor);
    article = await act(article, 'approve', chief);
    expect(await waitingAt(article)).toBe(2);
    article = await ok(
      core,
      'articles.update',
      { id: article.id, baseVersion: article.version, changes: { lead: 'Tóm tắt đã sửa' } },
      editor.session,
    );
    expect(await waitingAt(article)).toBe(1);
    // A second edit does not send it further back.
    article = await ok(
      core,
      'articles.update',
      { id: article.id, baseVersion: article.version, changes: { lead: 'Sửa lần nữa' } },
      editor.session,
    );
    expect(await waitingAt(article)).toBe(1);
    expect(
      raw<{ n: number }>(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'approval.sentBack' AND target_id = ?",
        article.id,
      )[0]?.n,
    ).toBe(1);
    article = await act(article, 'approve', chief);
    article = await act(article, 'approve', leader);
    expect(article.status).toBe('approved');
  });
});

describe('withdrawing a submission (Rút lại)', () => {
  it('the writer withdraws until a step has acted', async () => {
    const article = await submitted(twoSteps);
    const withdrawn = await ok(
      core,
      'articles.transition',
      { id: article.id, baseVersion: article.version, action: 'withdraw' },
      writer.session,
    );
    expect(withdrawn.status).toBe('draft');

    const acted = await act(await submitted(twoSteps), 'approve', editor);
    const error = await refused(acted, 'withdraw', writer);
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.message).toContain('Không thể rút lại');
  });

  it('only the writer of the article may withdraw it', async () => {
    const article = await submitted(twoSteps);
    expect((await refused(article, 'withdraw', editor)).code).toBe('FORBIDDEN');
  });
});

describe('the approving leader', () => {
  it('may approve and return, but may not edit, restore, trash, publish or see the queue', async () => {
    let article = await submitted(twoSteps);
    article = await act(article, 'approve', editor);
    const edit = await fails(
      core,
      'articles.update',
      { id: article.id, baseVersion: article.version, changes: { lead: 'Lãnh đạo sửa' } },
      leader.session,
    );
    expect(edit.code).toBe('FORBIDDEN');
    expect(edit.message).toContain('Lãnh đạo duyệt');
    expect((await fails(core, 'articles.trash', { id: article.id }, leader.session)).code).toBe('FORBIDDEN');
    expect((await fails(core, 'publish.jobs', {}, leader.session)).code).toBe('FORBIDDEN');
    article = await act(article, 'approve', leader);
    const publish = await fails(
      core,
      'articles.transition',
      { id: article.id, baseVersion: article.version, action: 'publish' },
      leader.session,
    );
    expect(publish.code).toBe('FORBIDDEN');
  });
});

describe('a chain changed while articles are in it', () => {
  it('those articles keep the chain they were submitted into; new submissions take the new chain', async () => {
    const category = (await ok(core, 'categories.create', { name: 'Đổi quy trình' })).id;
    await ok(core, 'approval.setChain', { categoryId: category, steps: [step('editor'), step('leader')] });
    let before = await submitted(category, 'Gửi trước khi đổi');
    await ok(core, 'approval.setChain', { categoryId: category, steps: [step('editor')] });
    const after = await submitted(category, 'Gửi sau khi đổi');
    before = await act(before, 'approve', editor);
    expect(before.status).toBe('pending_review');
    expect((await ok(core, 'approval.status', { articleId: before.id })).steps).toHaveLength(2);
    expect((await act(after, 'approve', editor)).status).toBe('approved');
    // Back to the default single step.
    await ok(core, 'approval.setChain', { categoryId: category, steps: [] });
    expect((await ok(core, 'approval.chains', {})).chains.some((c) => c.categoryId === category)).toBe(false);
  });

  it('refuses a writer named as an approver', async () => {
    const error = await fails(core, 'approval.setChain', {
      categoryId: twoSteps,
      steps: [step('editor', [writer.user.id])],
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('Lam Nguyễn');
  });
});

describe('published = approved', () => {
  it('a change after approval is not published until approved again', async () => {
    let article = await submitted(twoSteps, 'Bài sửa sau khi duyệt');
    article = await act(article, 'approve', editor);
    article = await act(article, 'approve', leader);
    article = await ok(
      core,
      'articles.update',
      { id: article.id, baseVersion: article.version, changes: { title: 'Tiêu đề sửa sau khi duyệt' } },
      editor.session,
    );
    const status = await ok(core, 'approval.status', { articleId: article.id });
    expect(status.approvedDiffers).toBe(true);
    const error = await fails(
      core,
      'articles.transition',
      { id: article.id, baseVersion: article.version, action: 'publish' },
      editor.session,
    );
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.message).toContain('khác bản đã duyệt');
    expect((await ok(core, 'articles.get', { id: article.id })).status).toBe('approved');
    // Approved again (reopen, submit, both steps), it publishes.
    article = await ok(
      core,
      'articles.transition',
      { id: article.id, baseVersion: article.version, action: 'reopen' },
      editor.session,
    );
    article = await ok(
      core,
      'articles.transition',
      { id: article.id, baseVersion: article.version, action: 'submit' },
      writer.session,
    );
    article = await act(article, 'approve', editor);
    article = await act(article, 'approve', leader);
    const published = await ok(
      core,
      'articles.transition',
      { id: article.id, baseVersion: article.version, action: 'publish' },
      editor.session,
    );
    expect(published.status).toBe('published');
  });
});
