/**
 * Signing an approval and checking one again: the trust settings (CAs, CRLs, the PKCS#11 module path), the approvers'
 * imported PKCS#12 keys (sealed), and the signature over an approved revision's canonical content.
 */
import type * as x509 from '@peculiar/x509';
import { ContractError, notFound } from '../../../shared/contract/errors';
import type { Db } from '../db/database';
import { statement } from '../db/statements';
import { openSecret, type SecretBox } from '../publish/secrets';
import type { ApprovalSignature, StoredRecord } from '../store/approvals';
import { readSetting, writeSetting } from '../store/settings';
import { approvalContent } from './content-hash';
import {
  certificatePem,
  checkCertificate,
  commonName,
  parseCertificate,
  parseCrl,
  signatureMatches,
  type Trust,
} from './certificates';
import { readPkcs12, signWithKey, signWithToken } from './keys';

export interface SigningDeps {
  dataDir: string;
  secrets: SecretBox;
}

const MODULE_SETTING = 'signing.pkcs11Module';

export const pkcs11Module = (db: Db): string => readSetting(db, MODULE_SETTING) ?? '';
export const setPkcs11Module = (db: Db, path: string): void => writeSetting(db, MODULE_SETTING, path);

interface TrustRow {
  id: number;
  kind: 'ca' | 'crl';
  name: string;
  data: string;
  added_at: string;
}

export interface TrustEntry {
  id: number;
  kind: 'ca' | 'crl';
  name: string;
  about: string;
  addedAt: string;
}

function describe(row: TrustRow): TrustEntry {
  const about = row.kind === 'ca' ? parseCertificate(row.data, row.name).subject : parseCrl(row.data, row.name).issuer;
  return { id: row.id, kind: row.kind, name: row.name, about, addedAt: row.added_at };
}

export function listTrust(db: Db): TrustEntry[] {
  return (statement(db, 'SELECT * FROM signing_trust ORDER BY id').all() as TrustRow[]).map(describe);
}

/** Adds a CA certificate or a CRL after parsing it: a file that does not parse is refused, nothing is stored. */
export function addTrust(db: Db, kind: 'ca' | 'crl', name: string, data: string, now: string): TrustEntry {
  const text = data.trim();
  const stored = kind === 'ca' ? certificatePem(parseCertificate(text, name)) : parseCrl(text, name).toString('pem');
  const info = statement(db, 'INSERT INTO signing_trust (kind, name, data, added_at) VALUES (?, ?, ?, ?)').run(
    kind,
    name,
    stored,
    now,
  );
  return describe({ id: Number(info.lastInsertRowid), kind, name, data: stored, added_at: now });
}

/** Removes a trusted CA or CRL; answers what it was (for the audit log). */
export function removeTrust(db: Db, id: number): { kind: string; name: string } {
  const removed = statement(db, 'DELETE FROM signing_trust WHERE id = ? RETURNING kind, name').get(id) as
    { kind: string; name: string } | undefined;
  if (!removed) throw notFound({ vi: 'mục tin cậy', en: 'Trust entry' }, id);
  return removed;
}

export function loadTrust(db: Db): Trust {
  const rows = statement(db, 'SELECT * FROM signing_trust ORDER BY id').all() as TrustRow[];
  return {
    authorities: rows.filter((r) => r.kind === 'ca').map((r) => parseCertificate(r.data, r.name)),
    crls: rows.filter((r) => r.kind === 'crl').map((r) => parseCrl(r.data, r.name)),
  };
}

export interface KeyInfo {
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  addedAt: string;
}

function keyInfo(cert: x509.X509Certificate, addedAt: string): KeyInfo {
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    addedAt,
  };
}

/** Imports a PKCS#12 file for a user: checked against the trust settings now, its key sealed, replacing any before. */
export async function importPkcs12(
  db: Db,
  deps: SigningDeps,
  userId: number,
  file: Buffer,
  password: string,
  now: Date,
): Promise<KeyInfo> {
  const { privateKeyPem, certificatePem: pem } = readPkcs12(file, password);
  const cert = parseCertificate(pem, 'PKCS#12');
  await checkCertificate(cert, loadTrust(db), now);
  const at = now.toISOString();
  statement(
    db,
    `INSERT INTO signing_keys (user_id, sealed_key, scheme, certificate, added_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET sealed_key = excluded.sealed_key, scheme = excluded.scheme,
       certificate = excluded.certificate, added_at = excluded.added_at`,
  ).run(userId, deps.secrets.seal(privateKeyPem), deps.secrets.scheme, pem, at);
  return keyInfo(cert, at);
}

export function myKey(db: Db, userId: number): KeyInfo | null {
  const row = statement(db, 'SELECT certificate, added_at FROM signing_keys WHERE user_id = ?').get(userId) as
    { certificate: string; added_at: string } | undefined;
  return row ? keyInfo(parseCertificate(row.certificate, 'PKCS#12'), row.added_at) : null;
}

export type SignWith = { method: 'pkcs12' } | { method: 'pkcs11'; pin: string };

/**
 * Signs the canonical content of an article's version for an approval, then checks the signature and certificate as
 * any later reader will: a signature that would not verify is never stored. Throws SIGNING_FAILED or
 * SIGNATURE_REJECTED.
 */
export async function signApproval(
  db: Db,
  deps: SigningDeps,
  userId: number,
  articleId: number,
  version: number,
  how: SignWith,
  now: Date,
): Promise<{ hash: string; signature: ApprovalSignature }> {
  const content = approvalContent(db, deps.dataDir, articleId, version);
  let signature: Buffer;
  let cert: x509.X509Certificate;
  if (how.method === 'pkcs12') {
    const row = statement(db, 'SELECT sealed_key, scheme, certificate FROM signing_keys WHERE user_id = ?').get(
      userId,
    ) as { sealed_key: Buffer; scheme: string; certificate: string } | undefined;
    if (!row)
      throw new ContractError(
        'SIGNING_FAILED',
        'Bạn chưa nạp tệp chữ ký số (PKCS#12); hãy nạp trong Cài đặt → Chữ ký số, hoặc ký bằng thiết bị ký số.',
        'You have not imported a signing file (PKCS#12); import it in Settings → Digital signatures, or sign with a token.',
      );
    const key = openSecret(deps.secrets, row.sealed_key, row.scheme, 'PKCS#12') as string;
    signature = signWithKey(key, content.bytes);
    cert = parseCertificate(row.certificate, 'PKCS#12');
  } else {
    const signed = signWithToken(pkcs11Module(db), how.pin, content.bytes);
    signature = signed.signature;
    cert = parseCertificate(signed.certificateDer, 'token');
  }
  await checkCertificate(cert, loadTrust(db), now);
  if (!signatureMatches(cert, content.bytes, signature))
    throw new ContractError(
      'SIGNATURE_REJECTED',
      `Chữ ký không khớp với chứng thư số của ${commonName(cert.subject)}: khóa ký và chứng thư không đi cùng nhau.`,
      `The signature does not match the certificate of ${commonName(cert.subject)}: the key and the certificate are not a pair.`,
    );
  return {
    hash: content.hash,
    signature: { signature, certificatePem: certificatePem(cert), signedAt: now.toISOString() },
  };
}

export interface Verdict {
  valid: boolean;
  message: string;
  messageEn: string;
}

/** Checks a stored approval again: its version's content now, its signature, its certificate when it signed. */
export async function verifyRecord(db: Db, dataDir: string, record: StoredRecord): Promise<Verdict> {
  const content = approvalContent(db, dataDir, record.articleId, record.version);
  if (content.hash !== record.contentHash)
    return {
      valid: false,
      message: `Nội dung của phiên bản ${record.version} (chữ, ảnh hoặc văn bản đính kèm) đã khác với nội dung được duyệt.`,
      messageEn: `The content of version ${record.version} (text, images or attached documents) differs from the approved content.`,
    };
  if (!record.signature || !record.certificatePem)
    return {
      valid: true,
      message: 'Nội dung khớp với bản đã duyệt (bước này không ký số).',
      messageEn: 'The content matches the approved text (this step was not signed).',
    };
  const cert = parseCertificate(record.certificatePem, 'approval');
  if (!signatureMatches(cert, content.bytes, record.signature))
    return {
      valid: false,
      message: 'Chữ ký số không khớp với nội dung của phiên bản đã duyệt.',
      messageEn: 'The digital signature does not match the content of the approved version.',
    };
  try {
    await checkCertificate(cert, loadTrust(db), new Date(record.signedAt ?? record.at));
  } catch (error) {
    if (error instanceof ContractError) return { valid: false, message: error.message, messageEn: error.messageEn };
    throw error;
  }
  const who = commonName(cert.subject);
  return {
    valid: true,
    message: `Chữ ký số của ${who} hợp lệ và khớp với nội dung đã duyệt.`,
    messageEn: `The digital signature of ${who} is valid and matches the approved content.`,
  };
}
