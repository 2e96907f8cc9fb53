/**
 * The static site's signed manifest: every article page on the site with the SHA-256 of the page as written, the
 * approval of the version it shows (content hash, who approved at which step, the certificate when the step was
 * signed) — signed with the site's own Ed25519 key, made once per target and kept sealed like a target's secret.
 *
 * The manifest is made from the site's record (site_entries: each page's hash and approval are stored there as the
 * page is written), never from the files in the folder, so a page changed in the folder is not blessed by the next
 * publication, and a publication and a full rebuild of the same record give the same bytes (Ed25519 signatures are
 * deterministic, and the manifest holds no time of its own).
 */
import crypto from 'node:crypto';
import type { PublishedAttachment } from '../../../shared/contract/attachments';
import type { Db } from '../db/database';
import { statement } from '../db/statements';
import { approvalContent } from '../signing/content-hash';
import { parseCertificate } from '../signing/certificates';
import { recordsOf } from '../store/approvals';
import { openSecret, type SecretBox } from './secrets';
import { PublishFailure } from './target';

/**
 * The manifest (the list of months), its detached signature (base64 Ed25519 over the file's exact bytes) and the
 * site's public key; each month's pages in a file of their own, signed the same way, so a publication rewrites only
 * the months whose pages it wrote.
 */
export const SIGNED_MANIFEST = 'toasoan-manifest.json';
export const SITE_PUBLIC_KEY = 'toasoan-site-key.pem';
export const MANIFEST_FORMAT = 'toasoan-site-manifest/2';
export const MONTH_FORMAT = 'toasoan-site-manifest-month/2';
const MONTHS_FOLDER = 'toasoan-manifest';

export const signatureOf = (rel: string): string => `${rel}.sig`;
export const MANIFEST_SIGNATURE = signatureOf(SIGNED_MANIFEST);
export const monthFile = (month: string): string => `${MONTHS_FOLDER}/${month}.json`;
/** The files of the manifest that do not depend on the months. */
export const MANIFEST_FILES = [SIGNED_MANIFEST, MANIFEST_SIGNATURE, SITE_PUBLIC_KEY] as const;

/** One approving step of the version a page shows. */
export interface ManifestStep {
  /** 1-based, of stepCount. */
  step: number;
  stepCount: number;
  approver: string;
  approvedAt: string;
  /** The SHA-256 fingerprint of the signer's certificate (a key of `certificates`), or null for a step not signed. */
  certificate: string | null;
  signedAt: string | null;
  /** The approver's signature over the canonical content (base64), as stored with the step. */
  signature: string | null;
}

export interface ManifestApproval {
  /** The article version that was approved and the SHA-256 of its canonical content (see signing/content-hash.ts). */
  version: number;
  contentHash: string;
  steps: ManifestStep[];
}

export interface ManifestPage {
  path: string;
  url: string;
  articleId: number;
  title: string;
  /** When the page last changed (as the sitemap has it). */
  updatedAt: string;
  /** Null only on a page written before the site kept hashes: a full rebuild records it. */
  sha256: string | null;
  /** Null for an article published without an approval on record (before approval records existed). */
  approval: ManifestApproval | null;
}

export interface ManifestCertificate {
  subject: string;
  issuer: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  pem: string;
}

/** One month of the manifest (by the pages' publication time, as the archives and the search index are split). */
export interface ManifestMonth {
  format: typeof MONTH_FORMAT;
  month: string;
  pages: ManifestPage[];
  certificates: Record<string, ManifestCertificate>;
}

export interface SiteManifest {
  format: typeof MANIFEST_FORMAT;
  baseUrl: string;
  /** SHA-256 of the site's public key (DER, SubjectPublicKeyInfo), hex: what the administrator compares. */
  keyFingerprint: string;
  /** Every month with pages: its file, how many pages it lists, and the latest change of one of them. */
  months: { month: string; file: string; pages: number; lastUpdated: string }[];
}

/** What site_entries.approval holds: the approval with its certificates in full. */
interface StoredApproval extends ManifestApproval {
  certificates: Record<string, string>;
}

const sha256Hex = (data: string | Buffer): string => crypto.createHash('sha256').update(data).digest('hex');

/** The SHA-256 of a certificate's DER bytes, hex (the usual certificate fingerprint). */
export function certificateFingerprint(pem: string): string {
  return sha256Hex(Buffer.from(parseCertificate(pem, 'certificate').rawData));
}

export function publicKeyFingerprint(publicKey: crypto.KeyObject): string {
  return sha256Hex(publicKey.export({ type: 'spki', format: 'der' }));
}

// ---------------------------------------------------------------------------------------------- the approval of a page

/**
 * The approval of the version a publication carries, with the attached documents it carries: the latest approval at
 * the chain's last step of exactly that content, with the earlier steps of the same round that approved the same
 * content. Null when none is on record.
 */
export function approvalOfPublication(
  db: Db,
  dataDir: string,
  articleId: number,
  version: number,
  attachments: readonly PublishedAttachment[],
): string | null {
  const records = recordsOf(db, articleId);
  if (!records.some((r) => r.decision === 'approve' && r.step === r.stepCount - 1)) return null;
  let contentHash: string;
  try {
    contentHash = approvalContent(db, dataDir, articleId, version, attachments).hash;
  } catch {
    return null; // The version's text is no longer on record: nothing can be said of its approval.
  }
  const steps: ManifestStep[] = [];
  const certificates: Record<string, string> = {};
  let expected: number | null = null;
  let approvedVersion = version;
  for (const record of [...records].reverse()) {
    if (expected === null) {
      // The round's final approval of this content.
      if (record.decision !== 'approve' || record.step !== record.stepCount - 1 || record.contentHash !== contentHash)
        continue;
      expected = record.step;
      approvedVersion = record.version;
    }
    // Walking back through the round: a return, or a step that approved other content, ends it.
    if (record.decision === 'return') break;
    if (record.step !== expected || record.contentHash !== contentHash) continue;
    const fingerprint = record.certificatePem ? certificateFingerprint(record.certificatePem) : null;
    if (fingerprint && record.certificatePem) certificates[fingerprint] = record.certificatePem;
    steps.unshift({
      step: record.step + 1,
      stepCount: record.stepCount,
      approver: record.actorName,
      approvedAt: record.at,
      certificate: fingerprint,
      signedAt: record.signedAt,
      signature: record.signature ? record.signature.toString('base64') : null,
    });
    expected -= 1;
    if (expected < 0) break;
  }
  if (steps.length === 0) return null;
  const stored: StoredApproval = { version: approvedVersion, contentHash, steps, certificates };
  return JSON.stringify(stored);
}

export function saveApproval(db: Db, targetId: number, articleId: number, approval: string | null): void {
  statement(db, 'UPDATE site_entries SET approval = ? WHERE target_id = ? AND article_id = ?').run(
    approval,
    targetId,
    articleId,
  );
}

/** Stores the hashes of the pages just written, in one commit. */
export function savePageHashes(db: Db, targetId: number, hashes: ReadonlyMap<number, string>): void {
  const update = statement(db, 'UPDATE site_entries SET page_sha256 = ? WHERE target_id = ? AND article_id = ?');
  db.transaction(() => {
    for (const [articleId, sha] of hashes) update.run(sha, targetId, articleId);
  })();
}

/** The SHA-256 of a page as written: its UTF-8 bytes (a rebuild encodes each page once, for the file and this). */
export const pageHash = (page: Buffer): string => sha256Hex(page);

// ---------------------------------------------------------------------------------------------- the site's key

export interface SiteKey {
  privateKey: crypto.KeyObject;
  publicKeyPem: string;
  fingerprint: string;
}

function newSiteKey(db: Db, targetId: number, box: SecretBox, now: Date): SiteKey {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const sealed = box.seal(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  statement(
    db,
    `INSERT INTO site_keys (target_id, public_key, sealed_key, scheme, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (target_id) DO UPDATE SET public_key = excluded.public_key, sealed_key = excluded.sealed_key,
       scheme = excluded.scheme, created_at = excluded.created_at`,
  ).run(targetId, publicKeyPem, sealed, box.scheme, now.toISOString());
  return { privateKey, publicKeyPem, fingerprint: publicKeyFingerprint(publicKey) };
}

/**
 * The site's signing key, made the first time. A key sealed by another machine's keychain cannot sign here: a
 * publication fails saying so, and a full rebuild (`renew`) makes a new key — whose fingerprint the administrator then
 * gives anew to whoever checks the site.
 */
export function siteKey(db: Db, targetId: number, box: SecretBox, now: Date, renew = false): SiteKey {
  const row = statement(db, 'SELECT public_key, sealed_key, scheme FROM site_keys WHERE target_id = ?').get(
    targetId,
  ) as { public_key: string; sealed_key: Buffer; scheme: string } | undefined;
  if (!row) return newSiteKey(db, targetId, box, now);
  try {
    const pem = openSecret(box, row.sealed_key, row.scheme, 'static-site') as string;
    const privateKey = crypto.createPrivateKey(pem);
    return {
      privateKey,
      publicKeyPem: row.public_key,
      fingerprint: publicKeyFingerprint(crypto.createPublicKey(row.public_key)),
    };
  } catch {
    if (renew) return newSiteKey(db, targetId, box, now);
    throw new PublishFailure(
      'permanent',
      'SITE_KEY_UNAVAILABLE',
      'Không mở được khóa ký bản kê của trang tĩnh trên máy này (khóa được niêm phong bằng kho khóa của máy khác). Hãy chạy "Dựng lại toàn bộ" để tạo khóa mới, rồi báo dấu vân tay khóa mới cho người kiểm tra trang.',
      "The static site's manifest signing key cannot be opened on this machine (it was sealed by another machine's keychain). Run 'Rebuild everything' to make a new key, then give the new key's fingerprint to whoever checks the site.",
    );
  }
}

/** The fingerprint of a target's site key, or null before its first publication. */
export function siteKeyFingerprint(db: Db, targetId: number): string | null {
  const row = statement(db, 'SELECT public_key FROM site_keys WHERE target_id = ?').get(targetId) as
    { public_key: string } | undefined;
  return row ? publicKeyFingerprint(crypto.createPublicKey(row.public_key)) : null;
}

// ---------------------------------------------------------------------------------------------- the manifest

interface ManifestRow {
  articleId: number;
  folder: string;
  file: string;
  title: string;
  updatedAt: string;
  sha256: string | null;
  approval: string | null;
}

function describeCertificate(pem: string): ManifestCertificate {
  const cert = parseCertificate(pem, 'certificate');
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serial: cert.serialNumber,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    pem: cert.toString('pem'),
  };
}

const byKey = <T>(record: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));

/** One month of the manifest as the site's record is now, every key in a fixed order. */
export function buildMonth(db: Db, targetId: number, month: string, urlOf: (rel: string) => string): ManifestMonth {
  const rows = statement(
    db,
    `SELECT article_id AS articleId, folder, file, title, updated_at AS updatedAt, page_sha256 AS sha256, approval
     FROM site_entries WHERE target_id = ? AND month = ?`,
  ).all(targetId, month) as ManifestRow[];
  const certificates: Record<string, ManifestCertificate> = {};
  const pages = rows.map((row): ManifestPage => {
    const rel = `${row.folder}/${row.file}.html`;
    let approval: ManifestApproval | null = null;
    if (row.approval) {
      const { certificates: pems, ...rest } = JSON.parse(row.approval) as StoredApproval;
      for (const [fingerprint, pem] of Object.entries(pems)) certificates[fingerprint] ??= describeCertificate(pem);
      approval = rest;
    }
    return {
      path: rel,
      url: urlOf(rel),
      articleId: row.articleId,
      title: row.title,
      updatedAt: row.updatedAt,
      sha256: row.sha256,
      approval,
    };
  });
  pages.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { format: MONTH_FORMAT, month, pages, certificates: byKey(certificates) };
}

/** The list of months as the site's record is now. */
export function buildManifest(db: Db, targetId: number, baseUrl: string, keyFingerprint: string): SiteManifest {
  const months = statement(
    db,
    `SELECT month, count(*) AS pages, max(updated_at) AS lastUpdated FROM site_entries WHERE target_id = ?
     GROUP BY month ORDER BY month`,
  ).all(targetId) as { month: string; pages: number; lastUpdated: string }[];
  return {
    format: MANIFEST_FORMAT,
    baseUrl,
    keyFingerprint,
    months: months.map((m) => ({
      month: m.month,
      file: monthFile(m.month),
      pages: m.pages,
      lastUpdated: m.lastUpdated,
    })),
  };
}

/** A manifest file and its signature, as they are written into the site folder. */
export function signedFile(
  rel: string,
  value: SiteManifest | ManifestMonth,
  key: SiteKey,
): { rel: string; content: string }[] {
  const bytes = Buffer.from(`${JSON.stringify(value, null, 1)}\n`, 'utf8');
  const signature = crypto.sign(null, bytes, key.privateKey).toString('base64');
  return [
    { rel, content: bytes.toString('utf8') },
    { rel: signatureOf(rel), content: `${signature}\n` },
  ];
}
