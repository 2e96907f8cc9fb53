/**
 * Certificates of signers, checked against what the admin trusts: the certificate authorities (PEM files, e.g. the
 * state's own CA) and their revocation lists (CRL files). Parsing and signature checks go through @peculiar/x509 on
 * node:crypto's WebCrypto; nothing here reads ASN.1 by hand.
 */
import crypto from 'node:crypto';
import './reflect-metadata';
import type * as X509 from '@peculiar/x509';
import { ContractError } from '../../../shared/contract/errors';
import { loadOnFirstUse } from '../load-on-first-use';

/** Loaded at the first certificate read, not at every start of the core (scripts/node-externals.mjs). */
const x509 = loadOnFirstUse<typeof X509>('@peculiar/x509');

/** Text of a certificate file: PEM, or DER given as base64. Throws a clear error for anything else. */
export function parseCertificate(data: string | Buffer, name: string): X509.X509Certificate {
  const { X509Certificate } = x509();
  try {
    const cert = new X509Certificate(pemOrDer(data));
    // Touch the fields a check reads, so a file that only looks like a certificate fails here, not later.
    void cert.subject;
    void cert.notAfter;
    return cert;
  } catch {
    throw new ContractError(
      'VALIDATION',
      `Tệp “${name}” không phải là chứng thư số (X.509, PEM hoặc DER) hợp lệ.`,
      `The file “${name}” is not a valid certificate (X.509, PEM or DER).`,
    );
  }
}

export function parseCrl(data: string | Buffer, name: string): X509.X509Crl {
  const { X509Crl } = x509();
  try {
    const crl = new X509Crl(pemOrDer(data));
    void crl.issuer;
    void crl.thisUpdate;
    return crl;
  } catch {
    throw new ContractError(
      'VALIDATION',
      `Tệp “${name}” không phải là danh sách thu hồi chứng thư (CRL) đọc được.`,
      `The file “${name}” is not a readable certificate revocation list (CRL).`,
    );
  }
}

const pemOrDer = (data: string | Buffer) =>
  typeof data === 'string' && data.includes('-----BEGIN') ? data : toDer(data);

/** DER bytes (their own ArrayBuffer, as WebCrypto types want) from base64 text or a buffer. */
function toDer(data: string | Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(typeof data === 'string' ? Buffer.from(data, 'base64') : data);
}

export function certificatePem(cert: X509.X509Certificate): string {
  return cert.toString('pem');
}

/** The common name of a subject or issuer ('CN=Lê Minh Tâm, O=…' → 'Lê Minh Tâm'), or the whole name. */
export function commonName(name: string): string {
  const match = /(?:^|,\s*)CN=([^,]+)/.exec(name);
  return match?.[1]?.trim() ?? name;
}

/** Who signed, as the record and the audit log name them. */
export function signerOf(pem: string): { subject: string; issuer: string; serial: string } {
  const cert = parseCertificate(pem, 'certificate');
  return { subject: commonName(cert.subject), issuer: commonName(cert.issuer), serial: cert.serialNumber };
}

export interface Trust {
  authorities: X509.X509Certificate[];
  crls: X509.X509Crl[];
}

const dateVi = (d: Date) => d.toISOString().slice(0, 10).split('-').reverse().join('/');

function rejected(vi: string, en: string): ContractError {
  return new ContractError('SIGNATURE_REJECTED', vi, en);
}

/**
 * Checks a signer's certificate at a time: within its validity, issued (directly or through CAs in the list) by a
 * trusted authority, and not revoked by any CRL of its issuer. Throws SIGNATURE_REJECTED with the reason.
 */
export async function checkCertificate(cert: X509.X509Certificate, trust: Trust, at: Date): Promise<void> {
  const who = commonName(cert.subject);
  if (at < cert.notBefore)
    throw rejected(
      `Chứng thư số của ${who} chưa có hiệu lực (từ ngày ${dateVi(cert.notBefore)}).`,
      `The certificate of ${who} is not valid yet (valid from ${dateVi(cert.notBefore)}).`,
    );
  if (at > cert.notAfter)
    throw rejected(
      `Chứng thư số của ${who} đã hết hạn ngày ${dateVi(cert.notAfter)}.`,
      `The certificate of ${who} expired on ${dateVi(cert.notAfter)}.`,
    );
  if (trust.authorities.length === 0)
    throw rejected(
      'Chưa có tổ chức chứng thực (CA) nào được tin cậy; quản trị viên cần thêm chứng thư của CA trong Cài đặt → Chữ ký số.',
      'No certificate authority is trusted yet; an administrator must add the CA certificate in Settings → Digital signatures.',
    );
  let current = cert;
  for (let depth = 0; depth < 8; depth += 1) {
    await assertNotRevoked(current, trust);
    const issuer = await issuerOf(current, trust.authorities);
    if (!issuer)
      throw rejected(
        `Chứng thư số của ${who} do “${commonName(current.issuer)}” cấp, không phải tổ chức chứng thực được tin cậy.`,
        `The certificate of ${who} was issued by “${commonName(current.issuer)}”, which is not a trusted certificate authority.`,
      );
    if (at < issuer.notBefore || at > issuer.notAfter)
      throw rejected(
        `Chứng thư của tổ chức chứng thực “${commonName(issuer.subject)}” không còn hiệu lực.`,
        `The certificate of the authority “${commonName(issuer.subject)}” is not valid at this time.`,
      );
    // A trusted authority that signed itself ends the chain; an intermediate one goes on to its own issuer.
    if (issuer.subject === issuer.issuer && (await issuer.isSelfSigned())) return;
    current = issuer;
  }
  throw rejected(`Chuỗi chứng thư của ${who} quá dài.`, `The certificate chain of ${who} is too long.`);
}

async function issuerOf(cert: X509.X509Certificate, authorities: X509.X509Certificate[]) {
  for (const authority of authorities) {
    if (authority.subject !== cert.issuer) continue;
    if (await cert.verify({ publicKey: authority.publicKey, signatureOnly: true })) return authority;
  }
  return null;
}

async function assertNotRevoked(cert: X509.X509Certificate, trust: Trust): Promise<void> {
  for (const crl of trust.crls) {
    if (crl.issuer !== cert.issuer) continue;
    const issuer = trust.authorities.find((a) => a.subject === crl.issuer);
    // A CRL is believed only when its issuer's key signed it.
    if (!issuer || !(await crl.verify({ publicKey: issuer.publicKey }))) continue;
    const entry = crl.findRevoked(cert);
    if (entry)
      throw rejected(
        `Chứng thư số của ${commonName(cert.subject)} đã bị thu hồi ngày ${dateVi(entry.revocationDate)}.`,
        `The certificate of ${commonName(cert.subject)} was revoked on ${dateVi(entry.revocationDate)}.`,
      );
  }
}

/** Verifies a signature over the canonical bytes with the certificate's public key (RSA PKCS#1 v1.5 or ECDSA). */
export function signatureMatches(cert: X509.X509Certificate, bytes: Buffer, signature: Buffer): boolean {
  const key = crypto.createPublicKey(certificatePem(cert));
  const dsaEncoding = key.asymmetricKeyType === 'ec' ? 'ieee-p1363' : undefined;
  try {
    return crypto.verify('sha256', bytes, dsaEncoding ? { key, dsaEncoding } : key, signature);
  } catch {
    return false;
  }
}
