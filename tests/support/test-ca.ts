/**
 * A certificate authority made in the test: its certificate, signers' certificates with their keys, a CRL, PKCS#12
 * files (node-forge), and a SoftHSM2 token in a temp folder holding a signer's key and certificate.
 */
import { execFileSync } from 'node:child_process';
import crypto, { type webcrypto } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import '../../electron/core/signing/reflect-metadata';
import * as x509 from '@peculiar/x509';
import * as graphene from 'graphene-pk11';
import forge from 'node-forge';

const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};
const DAY = 24 * 60 * 60 * 1000;

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export interface Issued {
  cert: x509.X509Certificate;
  certPem: string;
  keyPem: string;
  serial: string;
}

export interface TestCa extends Issued {
  keys: webcrypto.CryptoKeyPair;
  issue(name: string, options?: { notBefore?: Date; notAfter?: Date }): Promise<Issued>;
  crl(revoked: Issued[]): Promise<string>;
}

async function keyPem(key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await crypto.webcrypto.subtle.exportKey('pkcs8', key));
  return crypto
    .createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
    .export({ type: 'pkcs8', format: 'pem' }) as string;
}

let serialCounter = 1;
const nextSerial = () => (serialCounter++).toString(16).padStart(4, '0');

export async function makeTestCa(name = 'CA Thử nghiệm Chính phủ'): Promise<TestCa> {
  const keys = await crypto.webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify']);
  const now = Date.now();
  const serial = nextSerial();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial,
    name: `CN=${name}, O=Ban Thử nghiệm, C=VN`,
    notBefore: new Date(now - 30 * DAY),
    notAfter: new Date(now + 3650 * DAY),
    keys,
    signingAlgorithm: RSA,
    extensions: [new x509.BasicConstraintsExtension(true, 1, true)],
  });
  const ca: TestCa = {
    cert,
    certPem: cert.toString('pem'),
    keyPem: await keyPem(keys.privateKey),
    serial,
    keys,
    async issue(subject, options = {}) {
      const pair = await crypto.webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify']);
      const s = nextSerial();
      const issued = await x509.X509CertificateGenerator.create({
        serialNumber: s,
        subject: `CN=${subject}, O=UBND thị xã Giá Rai, C=VN`,
        issuer: cert.subject,
        notBefore: options.notBefore ?? new Date(now - DAY),
        notAfter: options.notAfter ?? new Date(now + 365 * DAY),
        publicKey: pair.publicKey,
        signingKey: keys.privateKey,
        signingAlgorithm: RSA,
      });
      return { cert: issued, certPem: issued.toString('pem'), keyPem: await keyPem(pair.privateKey), serial: s };
    },
    async crl(revoked) {
      const crl = await x509.X509CrlGenerator.create({
        issuer: cert.subject,
        thisUpdate: new Date(now - DAY),
        nextUpdate: new Date(now + 30 * DAY),
        entries: revoked.map((r) => ({ serialNumber: r.serial, revocationDate: new Date(now - DAY / 2) })),
        signingKey: keys.privateKey,
        signingAlgorithm: RSA,
      });
      return crl.toString('pem');
    },
  };
  return ca;
}

/** A PKCS#12 file of a signer (key + certificate, and the CA's certificate), base64. */
export function pkcs12Of(signer: Issued, ca: Issued, password: string): string {
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(signer.keyPem),
    [forge.pki.certificateFromPem(signer.certPem), forge.pki.certificateFromPem(ca.certPem)],
    password,
    { algorithm: '3des' },
  );
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary').toString('base64');
}

/**
 * A SoftHSM2 token in its own folder, holding the signer's key and certificate (same CKA_ID). SOFTHSM2_CONF is set
 * for this process: the module reads it when loaded.
 */
export function softHsmToken(dir: string, signer: Issued, pin: string): void {
  const tokens = path.join(dir, 'tokens');
  fs.mkdirSync(tokens, { recursive: true });
  const conf = path.join(dir, 'softhsm2.conf');
  fs.writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  process.env.SOFTHSM2_CONF = conf;
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', 'test', '--pin', pin, '--so-pin', '5678'], {
    env,
  });
  const keyFile = path.join(dir, 'key.pem');
  fs.writeFileSync(keyFile, signer.keyPem);
  execFileSync(
    'softhsm2-util',
    ['--import', keyFile, '--token', 'test', '--label', 'signer', '--id', '01', '--pin', pin],
    { env },
  );
  fs.rmSync(keyFile);
  const mod = graphene.Module.load(SOFTHSM_MODULE, 'SoftHSM');
  mod.initialize();
  try {
    const slot = mod.getSlots(true).items(0);
    const session = slot.open(graphene.SessionFlag.SERIAL_SESSION | graphene.SessionFlag.RW_SESSION);
    session.login(pin, graphene.UserType.USER);
    session.create({
      class: graphene.ObjectClass.CERTIFICATE,
      certType: graphene.CertificateType.X_509,
      token: true,
      id: Buffer.from([1]),
      label: 'signer',
      subject: Buffer.from(signer.cert.subjectName.toArrayBuffer()),
      value: Buffer.from(signer.cert.rawData),
    });
    session.logout();
    session.close();
  } finally {
    mod.finalize();
  }
}
