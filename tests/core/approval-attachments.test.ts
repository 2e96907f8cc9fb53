/**
 * An approval covers the article's attached documents (issue 16 items 2–3, issue 17 item 2), through the real core on
 * a real store with a static-site target and a two-step chain whose last step is signed with a PKCS#12 key of a CA made
 * here. A document added, removed, re-described or moved after approval makes the approval differ: the article is not
 * published (nor its published copy updated) until approved again; in review it goes back to the step that approved
 * it. An unchanged one publishes with its approval in the site's manifest. An approval recorded before attachments
 * were covered (the 'toasoan-approval/1' form) still verifies for an article without attached documents.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../shared/contract/articles';
import type { Attachment } from '../../shared/contract/attachments';
import type { TransitionAction } from '../../shared/contract/workflow';
import { paragraphsDocument } from '../../shared/render/body-nodes';
import type { Core } from '../../electron/core/core';
import { canonicalJson } from '../../electron/core/signing/content-hash';
import { SIGNED_MANIFEST, type ManifestMonth, type SiteManifest } from '../../electron/core/publish/site-manifest';
import { cleanupAll, createUserAndSignIn, fails, ok, openCore, tempDataDir, type SignedInUser } from '../helpers';
import { pdfWithText } from '../support/attachment-files';
import { jobsOf } from '../support/publishing';
import { runQueueToRest, signedTwoStepChain } from '../support/signed-chain';
import type { Issued } from '../support/test-ca';

const BODY = JSON.stringify(
  paragraphsDocument(['Sáng nay, Ủy ban nhân dân xã tổ chức hội nghị tổng kết công tác năm.']),
);

let core: Core;
let editor: SignedInUser;
let leader: SignedInUser;
let signer: Issued;
let category: number;
let siteDir: string;

beforeAll(async () => {
  core = openCore(tempDataDir());
  editor = await createUserAndSignIn(core, 'editor', 'bientap', 'Biên Tập');
  leader = await createUserAndSignIn(core, 'leader', 'lanhdao', 'Lê Minh Tâm');
  ({ categoryId: category, signer } = await signedTwoStepChain(core, leader, {
    name: 'Văn bản chỉ đạo',
    slug: 'van-ban',
  }));
  siteDir = path.join(tempDataDir('toasoan-site-'), 'site');
  await ok(core, 'targets.create', {
    kind: 'static-site',
    name: 'Cổng xã',
    config: { folder: siteDir, baseUrl: 'https://xa.example.gov.vn/' },
  });
}, 120_000);
afterAll(cleanupAll);

const transition = (article: Article, action: TransitionAction, session?: string, extra: object = {}) =>
  ok(core, 'articles.transition', { id: article.id, baseVersion: article.version, action, ...extra }, session);

const attach = (articleId: number, line: string, fileName = 'Quyet dinh.pdf') =>
  ok(core, 'attachments.add', { id: articleId, fileName, dataBase64: pdfWithText(line).toString('base64') });

/** Through both steps of the chain, the leader's signed. */
async function approved(article: Article): Promise<Article> {
  article = await transition(article, 'submit');
  article = await transition(article, 'approve', editor.session);
  return transition(article, 'approve', leader.session, { signWith: 'pkcs12' });
}

/** A new article of the category with one attached legal document, approved and signed. */
async function approvedWithDocument(title: string): Promise<{ article: Article; document: Attachment }> {
  const draft = await ok(core, 'articles.create', {
    title,
    categoryId: category,
    bodyJson: BODY,
    author: 'Lam Nguyễn',
  });
  const document = await ok(core, 'attachments.update', {
    id: draft.id,
    attachmentId: (await attach(draft.id, `Quyet dinh ${title}`)).id,
    docNumber: '15/2026/QĐ-UBND',
    issuedOn: '2026-12-01',
    issuer: 'Ủy ban nhân dân xã',
  });
  const article = await approved(await ok(core, 'articles.get', { id: draft.id }));
  expect(article.status).toBe('approved');
  return { article, document };
}

const status = (article: Article) => ok(core, 'approval.status', { articleId: article.id });

async function finalRecordVerdict(article: Article) {
  const final = (await status(article)).records.at(-1);
  return ok(core, 'approval.verify', { recordId: final?.id ?? 0 });
}

const siteJson = <T>(rel: string): T => JSON.parse(fs.readFileSync(path.join(siteDir, ...rel.split('/')), 'utf8')) as T;

/** The article's page in the site's signed manifest (its months gathered). */
const manifestPage = (article: Article) =>
  siteJson<SiteManifest>(SIGNED_MANIFEST)
    .months.flatMap((entry) => siteJson<ManifestMonth>(entry.file).pages)
    .find((page) => page.articleId === article.id);

/** Refused as changed after approval, with the article left as it was and nothing queued. */
async function expectRefused(article: Article, action: 'publish' | 'update'): Promise<void> {
  const queued = (await jobsOf(core, article.id)).length;
  const error = await fails(core, 'articles.transition', { id: article.id, baseVersion: article.version, action });
  expect(error.code).toBe('INVALID_TRANSITION');
  expect(error.message).toContain('khác bản đã duyệt');
  expect((await ok(core, 'articles.get', { id: article.id })).status).toBe(article.status);
  expect(await jobsOf(core, article.id)).toHaveLength(queued);
}

describe('an approval covers the attached documents', () => {
  it('an unchanged approved article publishes with its documents, the signed approval in the manifest', async () => {
    const { article } = await approvedWithDocument('Quyết định thành lập tổ công tác');
    const before = await status(article);
    expect(before.approvedDiffers).toBe(false);
    expect(await finalRecordVerdict(article)).toMatchObject({ valid: true });
    const published = await transition(article, 'publish');
    expect(published.status).toBe('published');
    await runQueueToRest(core);
    const page = manifestPage(article);
    expect(page?.approval?.contentHash).toBe(before.approvedHash);
    expect(page?.approval?.steps.map((s) => [s.step, s.approver, s.signature !== null])).toEqual([
      [1, 'Biên Tập', false],
      [2, 'Lê Minh Tâm', true],
    ]);
  });

  type Change = (article: Article, document: Attachment) => Promise<unknown>;
  const redescribed =
    (particulars: { displayName?: string; docNumber?: string; issuedOn?: string; issuer?: string }): Change =>
    (article, document) =>
      ok(core, 'attachments.update', { id: article.id, attachmentId: document.id, ...particulars });
  const changes: [string, Change][] = [
    ['another document added', (article) => attach(article.id, 'Ke hoach trien khai', 'Ke hoach.pdf')],
    [
      'the document removed',
      (article, document) => ok(core, 'attachments.remove', { id: article.id, attachmentId: document.id }),
    ],
    ['the document renamed', redescribed({ displayName: 'Quyết định (sửa)' })],
    ['its number changed', redescribed({ docNumber: '16/2026/QĐ-UBND' })],
    ['its date changed', redescribed({ issuedOn: '2026-12-02' })],
    ['its issuing body changed', redescribed({ issuer: 'Hội đồng nhân dân xã' })],
  ];
  for (const [what, change] of changes) {
    it(`${what} after approval: not publishable until approved again`, async () => {
      const first = await approvedWithDocument(`Bài có văn bản: ${what}`);
      await change(first.article, first.document);
      let article = await ok(core, 'articles.get', { id: first.article.id });
      const after = await status(article);
      expect(after.approvedDiffers).toBe(true);
      expect(after.currentHash).not.toBe(after.approvedHash);
      const verdict = await finalRecordVerdict(article);
      expect(verdict.valid).toBe(false);
      expect(verdict.message).toContain('văn bản đính kèm');
      await expectRefused(article, 'publish');
      // Approved again, the new documents publish, with the new approval in the manifest.
      article = await approved(await transition(article, 'reopen'));
      expect((await status(article)).approvedDiffers).toBe(false);
      expect((await transition(article, 'publish')).status).toBe('published');
      await runQueueToRest(core);
      expect(manifestPage(article)?.approval?.contentHash).toBe(after.currentHash);
    });
  }

  it('a published article whose documents are moved is not updated on the portal until approved again', async () => {
    let { article } = await approvedWithDocument('Thông báo lịch tiếp công dân');
    const second = await attach(article.id, 'Lich tiep cong dan', 'Lich.pdf');
    // The second document came after approval: approved again with both, then published.
    article = await approved(await transition(await ok(core, 'articles.get', { id: article.id }), 'reopen'));
    article = await transition(article, 'publish');
    await runQueueToRest(core);
    const approvedHash = manifestPage(article)?.approval?.contentHash;
    const order = (await ok(core, 'attachments.list', { articleId: article.id })).map((a) => a.id);
    expect(order.at(-1)).toBe(second.id);
    await ok(core, 'attachments.reorder', { id: article.id, order: [...order].reverse() });
    expect((await status(article)).approvedDiffers).toBe(true);
    await expectRefused(article, 'update');
    // The page on the portal keeps the approved documents and their approval.
    expect(manifestPage(article)?.approval?.contentHash).toBe(approvedHash);
  });

  it('a document changed while in review sends the article back to the step that approved it, audited', async () => {
    const draft = await ok(core, 'articles.create', {
      title: 'Kế hoạch phòng chống bão',
      categoryId: category,
      bodyJson: BODY,
    });
    const document = await attach(draft.id, 'Ke hoach phong chong bao');
    let article = await transition(await ok(core, 'articles.get', { id: draft.id }), 'submit');
    article = await transition(article, 'approve', editor.session);
    expect((await status(article)).currentStep).toBe(1);
    await ok(core, 'attachments.update', { id: article.id, attachmentId: document.id, issuer: 'Ban chỉ huy' });
    expect((await status(article)).currentStep).toBe(0);
    const audit = await ok(core, 'audit.list', { action: 'approval.sentBack', limit: 5 });
    expect(audit.items.filter((item) => item.targetId === article.id)).toHaveLength(1);
    // The same file added again changes nothing, so it sends nothing back.
    article = await transition(await ok(core, 'articles.get', { id: article.id }), 'approve', editor.session);
    await attach(article.id, 'Ke hoach phong chong bao');
    expect((await status(article)).currentStep).toBe(1);
  });
});

describe('approvals recorded before attached documents were covered', () => {
  it('an article without documents keeps the first canonical form: an old signed approval still verifies', async () => {
    const title = 'Chỉ thị về phòng chống thiên tai';
    const draft = await ok(core, 'articles.create', {
      title,
      categoryId: category,
      bodyJson: BODY,
      author: 'Lam Nguyễn',
    });
    let article = await transition(draft, 'submit');
    article = await transition(article, 'approve', editor.session);
    // The form every approval had before this change, written out here: keys sorted, no attachments.
    const oldForm = Buffer.from(
      `{"articleId":${article.id},"body":${canonicalJson(JSON.parse(BODY))},` +
        `"byline":{"author":"Lam Nguyễn","department":""},"format":"toasoan-approval/1","images":[],"lead":"",` +
        `"title":${JSON.stringify(title)}}`,
      'utf8',
    );
    const oldHash = crypto.createHash('sha256').update(oldForm).digest('hex');
    expect((await status(article)).currentHash).toBe(oldHash);
    // The leader's signed approval as the code before this change stored it: over those bytes.
    const signature = crypto.sign('sha256', oldForm, signer.keyPem);
    const db = new Database(core.databasePath as string);
    try {
      db.prepare(
        `INSERT INTO approval_records (article_id, step, step_count, decision, actor_id, version, content_hash, signature,
           certificate, signed_at, reason, at) VALUES (?, 1, 2, 'approve', ?, ?, ?, ?, ?, ?, '', ?)`,
      ).run(
        article.id,
        leader.user.id,
        article.version,
        oldHash,
        signature,
        signer.certPem,
        new Date().toISOString(),
        new Date().toISOString(),
      );
    } finally {
      db.close();
    }
    expect(await finalRecordVerdict(article)).toMatchObject({ valid: true });
    expect((await status(article)).approvedDiffers).toBe(false);
  });
});
