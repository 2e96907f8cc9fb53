/**
 * Digital signatures of approvals with a CA made here: keys in PKCS#12 files and on a SoftHSM2 token (a real PKCS#11
 * module). A good signature verifies; a wrong PIN or password, a changed byte, a replaced image, an expired,
 * not-yet-valid, untrusted or revoked certificate, a file that is no certificate or CRL, and a signature moved onto
 * another revision each fail with their reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../shared/contract/articles';
import { paragraphsDocument } from '../../shared/render/body-nodes';
import type { Core } from '../../electron/core/core';
import { cleanupAll, createUserAndSignIn, fails, ok, openCore, tempDataDir, type SignedInUser } from '../helpers';
import { makeTestCa, pkcs12Of, softHsmToken, SOFTHSM_MODULE, type Issued, type TestCa } from '../support/test-ca';

const DAY = 24 * 60 * 60 * 1000;
const P12_PASSWORD = 'mat-khau-p12';
const PIN = '1234';

let core: Core;
let dataDir: string;
let writer: SignedInUser;
let editor: SignedInUser;
let leader: SignedInUser;
let ca: TestCa;
let signer: Issued;
let category: number;

const BODY = JSON.stringify(paragraphsDocument(['Sáng nay, Ủy ban nhân dân thị xã tổ chức hội nghị tổng kết năm.']));

beforeAll(async () => {
  dataDir = tempDataDir();
  core = openCore(dataDir);
  writer = await createUserAndSignIn(core, 'writer', 'phongvien', 'Lam Nguyễn');
  editor = await createUserAndSignIn(core, 'editor', 'bientap', 'Biên Tập');
  leader = await createUserAndSignIn(core, 'leader', 'lanhdao', 'Lê Minh Tâm');
  ca = await makeTestCa();
  signer = await ca.issue('Lê Minh Tâm');
  await ok(core, 'signing.addTrust', { kind: 'ca', name: 'CA thử nghiệm', data: ca.certPem });
  category = (await ok(core, 'categories.create', { name: 'Văn bản chỉ đạo' })).id;
  await ok(core, 'approval.setChain', {
    categoryId: category,
    steps: [
      { role: 'editor', userIds: [], signed: false },
      { role: 'leader', userIds: [], signed: true },
    ],
  });
}, 60_000);
afterAll(cleanupAll);

function rawWrite(sql: string, ...params: unknown[]): void {
  const db = new Database(core.databasePath as string);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

/** An article the editor has approved at step 1, waiting for the leader's signed step. */
async function atSignedStep(fields: { featuredImage?: string } = {}): Promise<Article> {
  let article = await ok(
    core,
    'articles.create',
    {
      title: 'Chỉ thị về phòng chống thiên tai',
      categoryId: category,
      bodyJson: BODY,
      author: 'Lam Nguyễn',
      ...fields,
    },
    writer.session,
  );
  article = await ok(
    core,
    'articles.transition',
    { id: article.id, baseVersion: article.version, action: 'submit' },
    writer.session,
  );
  return ok(
    core,
    'articles.transition',
    { id: article.id, baseVersion: article.version, action: 'approve' },
    editor.session,
  );
}

const approveSigned = (article: Article, signWith: 'pkcs12' | 'pkcs11', pin?: string) =>
  core.invoke(
    'articles.transition',
    { id: article.id, baseVersion: article.version, action: 'approve', signWith, ...(pin ? { pin } : {}) },
    { sessionToken: leader.session },
  );

async function lastRecord(article: Article) {
  const status = await ok(core, 'approval.status', { articleId: article.id });
  return status.records.at(-1) as (typeof status.records)[number];
}

describe('PKCS#12: a signing file imported once', () => {
  it('refuses a wrong password and a file that is not PKCS#12, storing nothing', async () => {
    const wrong = await fails(
      core,
      'signing.importPkcs12',
      { fileBase64: pkcs12Of(signer, ca, P12_PASSWORD), password: 'sai-mat-khau' },
      leader.session,
    );
    expect(wrong.code).toBe('SIGNING_FAILED');
    expect(wrong.message).toContain('Mật khẩu');
    const corrupt = await fails(
      core,
      'signing.importPkcs12',
      { fileBase64: Buffer.from('không phải tệp p12').toString('base64'), password: P12_PASSWORD },
      leader.session,
    );
    expect(corrupt.code).toBe('SIGNING_FAILED');
    expect(await ok(core, 'signing.myKey', {}, leader.session)).toBeNull();
  });

  it('a signed step cannot be approved without a signature', async () => {
    const article = await atSignedStep();
    const error = await fails(
      core,
      'articles.transition',
      { id: article.id, baseVersion: article.version, action: 'approve' },
      leader.session,
    );
    expect(error.code).toBe('SIGNATURE_REJECTED');
    expect(error.message).toContain('cần chữ ký số');
    expect((await ok(core, 'articles.get', { id: article.id })).status).toBe('pending_review');
  });

  it('signs the approved revision; the signature verifies, and one changed byte in the body fails it', async () => {
    const key = await ok(
      core,
      'signing.importPkcs12',
      { fileBase64: pkcs12Of(signer, ca, P12_PASSWORD), password: P12_PASSWORD },
      leader.session,
    );
    expect(key.subject).toContain('Lê Minh Tâm');
    // The key is kept sealed by the core's box (browser mode here: the plain box), never in the audit log.
    const article = await atSignedStep();
    const answer = await approveSigned(article, 'pkcs12');
    expect(answer.ok).toBe(true);
    const approved = answer.ok ? (answer.value as Article) : article;
    expect(approved.status).toBe('approved');
    const record = await lastRecord(approved);
    expect(record.signer).toMatchObject({ subject: 'Lê Minh Tâm', issuer: 'CA Thử nghiệm Chính phủ' });
    expect(await ok(core, 'approval.verify', { recordId: record.id })).toMatchObject({ valid: true });
    const audit = await ok(core, 'audit.list', { action: 'article.transition', limit: 1 });
    expect(JSON.parse(audit.items[0]?.details ?? '{}')).toMatchObject({
      step: 2,
      stepCount: 2,
      signer: { subject: 'Lê Minh Tâm' },
    });
    expect(JSON.stringify(audit.items)).not.toContain('PRIVATE KEY');

    // One byte of the approved revision's body changed behind the app's back.
    const changed = BODY.replace('hội nghị', 'hội nghi');
    expect(changed).not.toBe(BODY);
    rawWrite(
      "UPDATE article_revisions SET snapshot = json_set(snapshot, '$.body_json', ?) WHERE article_id = ? AND version = ?",
      changed,
      approved.id,
      record.version,
    );
    const verdict = await ok(core, 'approval.verify', { recordId: record.id });
    expect(verdict.valid).toBe(false);
    expect(verdict.message).toContain('đã khác');
  });

  it('an image replaced in the data folder fails the approval it was signed with', async () => {
    const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const media = await ok(
      core,
      'media.import',
      { fileName: 'anh.png', dataBase64: png.toString('base64') },
      writer.session,
    );
    const article = await atSignedStep({ featuredImage: media.ref });
    const answer = await approveSigned(article, 'pkcs12');
    expect(answer.ok).toBe(true);
    const record = await lastRecord(article);
    expect(await ok(core, 'approval.verify', { recordId: record.id })).toMatchObject({ valid: true });
    const other = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#993333' } })
      .png()
      .toBuffer();
    fs.writeFileSync(path.join(dataDir, 'media', media.ref.slice('media:'.length)), other);
    const verdict = await ok(core, 'approval.verify', { recordId: record.id });
    expect(verdict).toMatchObject({ valid: false });
    expect(verdict.messageEn).toContain('text, images or attached documents');
  });

  it('a signature moved onto another revision does not verify', async () => {
    const first = await atSignedStep();
    expect((await approveSigned(first, 'pkcs12')).ok).toBe(true);
    const signed = await lastRecord(first);
    const second = await atSignedStep();
    const secondStatus = await ok(core, 'approval.status', { articleId: second.id });
    // A forged record: the first approval's signature and certificate, claimed for the second article's text.
    rawWrite(
      `INSERT INTO approval_records (article_id, step, step_count, decision, actor_id, version, content_hash, signature, certificate, signed_at, reason, at)
       SELECT ?, 1, 2, 'approve', actor_id, ?, ?, signature, certificate, signed_at, '', at FROM approval_records WHERE id = ?`,
      second.id,
      second.version,
      secondStatus.currentHash,
      signed.id,
    );
    const forged = await lastRecord(second);
    const verdict = await ok(core, 'approval.verify', { recordId: forged.id });
    expect(verdict.valid).toBe(false);
    expect(verdict.message).toContain('không khớp');
  });
});

describe('certificates the trust settings refuse', () => {
  const importAs = (issued: Issued, issuer: Issued) =>
    fails(
      core,
      'signing.importPkcs12',
      { fileBase64: pkcs12Of(issued, issuer, P12_PASSWORD), password: P12_PASSWORD },
      editor.session,
    );

  it('expired, not yet valid, untrusted: each refused with its reason', async () => {
    const expired = await ca.issue('Hết Hạn', {
      notBefore: new Date(Date.now() - 400 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const early = await ca.issue('Chưa Hiệu Lực', { notBefore: new Date(Date.now() + 10 * DAY) });
    const foreignCa = await makeTestCa('CA Lạ');
    const untrusted = await foreignCa.issue('Người Lạ');
    const e1 = await importAs(expired, ca);
    expect([e1.code, e1.message]).toEqual(['SIGNATURE_REJECTED', expect.stringContaining('đã hết hạn')]);
    const e2 = await importAs(early, ca);
    expect([e2.code, e2.message]).toEqual(['SIGNATURE_REJECTED', expect.stringContaining('chưa có hiệu lực')]);
    const e3 = await importAs(untrusted, foreignCa);
    expect([e3.code, e3.message]).toEqual([
      'SIGNATURE_REJECTED',
      expect.stringContaining('không phải tổ chức chứng thực được tin cậy'),
    ]);
    expect(await ok(core, 'signing.myKey', {}, editor.session)).toBeNull();
  });

  it('revoked by a CRL: refused at approval, nothing approved', async () => {
    const revokedSigner = await ca.issue('Bị Thu Hồi');
    await ok(
      core,
      'signing.importPkcs12',
      { fileBase64: pkcs12Of(revokedSigner, ca, P12_PASSWORD), password: P12_PASSWORD },
      editor.session,
    );
    // A category whose one step, the editors', must be signed.
    const signedByEditors = (await ok(core, 'categories.create', { name: 'Thông báo ký số' })).id;
    await ok(core, 'approval.setChain', {
      categoryId: signedByEditors,
      steps: [{ role: 'editor', userIds: [], signed: true }],
    });
    let article = await ok(
      core,
      'articles.create',
      { title: 'Thông báo lịch tiếp dân', categoryId: signedByEditors, bodyJson: BODY },
      writer.session,
    );
    article = await ok(
      core,
      'articles.transition',
      { id: article.id, baseVersion: article.version, action: 'submit' },
      writer.session,
    );
    const crl = await ok(core, 'signing.addTrust', {
      kind: 'crl',
      name: 'CRL tháng 12',
      data: await ca.crl([revokedSigner]),
    });
    try {
      const refused = await core.invoke(
        'articles.transition',
        { id: article.id, baseVersion: article.version, action: 'approve', signWith: 'pkcs12' },
        { sessionToken: editor.session },
      );
      expect(refused.ok ? 'ok' : refused.error.code).toBe('SIGNATURE_REJECTED');
      expect(refused.ok ? '' : refused.error.message).toContain('đã bị thu hồi');
      expect((await ok(core, 'articles.get', { id: article.id })).status).toBe('pending_review');
      expect((await ok(core, 'approval.status', { articleId: article.id })).records).toEqual([]);
    } finally {
      await ok(core, 'signing.removeTrust', { id: crl.id });
    }
  });

  it('a file that is no certificate, and a CRL that does not parse, are refused with a clear message', async () => {
    const cert = await fails(core, 'signing.addTrust', {
      kind: 'ca',
      name: 'hỏng.pem',
      data: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
    });
    expect([cert.code, cert.message]).toEqual(['VALIDATION', expect.stringContaining('không phải là chứng thư số')]);
    const crl = await fails(core, 'signing.addTrust', { kind: 'crl', name: 'hỏng.crl', data: 'bm90IGEgY3Js' });
    expect([crl.code, crl.message]).toEqual(['VALIDATION', expect.stringContaining('danh sách thu hồi')]);
  });
});

describe('PKCS#11: a key on a SoftHSM2 token', () => {
  it.runIf(fs.existsSync(SOFTHSM_MODULE))(
    'a wrong PIN is refused; the right PIN signs an approval that verifies',
    async () => {
      const tokenSigner = await ca.issue('Lê Minh Tâm (token)');
      softHsmToken(tempDataDir('toasoan-softhsm-'), tokenSigner, PIN);
      await ok(core, 'signing.setModule', { path: SOFTHSM_MODULE });
      const article = await atSignedStep();
      const wrong = await approveSigned(article, 'pkcs11', '9999');
      expect(wrong.ok ? 'ok' : wrong.error.code).toBe('SIGNING_FAILED');
      expect(wrong.ok ? '' : wrong.error.message).toContain('PIN');
      expect((await ok(core, 'articles.get', { id: article.id })).status).toBe('pending_review');
      const right = await approveSigned(article, 'pkcs11', PIN);
      expect(right.ok ? 'ok' : right.error.messageEn).toBe('ok');
      const record = await lastRecord(article);
      expect(record.signer?.subject).toBe('Lê Minh Tâm (token)');
      expect(await ok(core, 'approval.verify', { recordId: record.id })).toMatchObject({ valid: true });
    },
  );
});
