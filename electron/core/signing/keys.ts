/**
 * The keys officials sign with. A USB token through PKCS#11 (the interface of the tokens Vietnamese CAs issue; the
 * admin sets the vendor module's path): the key never leaves the token, the PIN is asked at each approval. For offices
 * without tokens, a PKCS#12 file imported once: its key is kept sealed by the same SecretBox as the publishing
 * targets' secrets (Electron's safeStorage; browser mode keeps it unsealed in the data folder's database and says so).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type * as Graphene from 'graphene-pk11';
import type Forge from 'node-forge';
import { ContractError } from '../../../shared/contract/errors';
import { loadOnFirstUse } from '../load-on-first-use';

/** Loaded at the first PKCS#12 import and the first token signature, not at every start of the core. */
const forge = loadOnFirstUse<typeof Forge>('node-forge');
const graphene = loadOnFirstUse<typeof Graphene>('graphene-pk11');

function signingFailed(vi: string, en: string): ContractError {
  return new ContractError('SIGNING_FAILED', vi, en);
}

export interface ImportedPkcs12 {
  privateKeyPem: string;
  certificatePem: string;
}

/** Reads a PKCS#12 file (.p12/.pfx): its private key and the certificate of that key. */
export function readPkcs12(file: Buffer, password: string): ImportedPkcs12 {
  const { pkcs12, asn1, util, pki } = forge();
  let p12: Forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = pkcs12.pkcs12FromAsn1(asn1.fromDer(util.createBuffer(file.toString('binary'))), password);
  } catch (error) {
    const wrongPassword = error instanceof Error && /MAC could not be verified|Invalid password/i.test(error.message);
    throw wrongPassword
      ? signingFailed(
          'Mật khẩu của tệp chữ ký số (PKCS#12) không đúng.',
          'The password of the signing file (PKCS#12) is wrong.',
        )
      : signingFailed(
          'Tệp không phải là tệp chữ ký số PKCS#12 (.p12, .pfx) đọc được.',
          'The file is not a readable PKCS#12 signing file (.p12, .pfx).',
        );
  }
  const bags = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
  const keyBag = bags(pki.oids.pkcs8ShroudedKeyBag as string)[0] ?? bags(pki.oids.keyBag as string)[0];
  const certBags = bags(pki.oids.certBag as string);
  if (!keyBag?.key || certBags.length === 0)
    throw signingFailed(
      'Tệp PKCS#12 không có đủ khóa bí mật và chứng thư số.',
      'The PKCS#12 file does not hold both a private key and a certificate.',
    );
  const privateKeyPem = pki.privateKeyToPem(keyBag.key);
  const publicOfKey = crypto.createPublicKey(privateKeyPem).export({ type: 'spki', format: 'der' });
  // The certificate of this key (a file may carry the CA's certificates too).
  for (const bag of certBags) {
    if (!bag.cert) continue;
    const pem = pki.certificateToPem(bag.cert);
    if (crypto.createPublicKey(pem).export({ type: 'spki', format: 'der' }).equals(publicOfKey))
      return { privateKeyPem, certificatePem: pem };
  }
  throw signingFailed(
    'Tệp PKCS#12 không có chứng thư số của khóa bí mật trong tệp.',
    'The PKCS#12 file does not hold the certificate of its private key.',
  );
}

export function signWithKey(privateKeyPem: string, bytes: Buffer): Buffer {
  const key = crypto.createPrivateKey(privateKeyPem);
  return key.asymmetricKeyType === 'ec'
    ? crypto.sign('sha256', bytes, { key, dsaEncoding: 'ieee-p1363' })
    : crypto.sign('sha256', bytes, key);
}

export interface TokenSignature {
  signature: Buffer;
  /** DER of the certificate stored on the token with the key. */
  certificateDer: Buffer;
}

const PKCS11_REASON: Record<string, { vi: string; en: string }> = {
  CKR_PIN_INCORRECT: { vi: 'Mã PIN của thiết bị ký số không đúng.', en: 'The PIN of the signing token is wrong.' },
  CKR_PIN_LOCKED: {
    vi: 'Thiết bị ký số đã bị khóa vì nhập sai PIN quá nhiều lần.',
    en: 'The signing token is locked after too many wrong PINs.',
  },
  CKR_PIN_LEN_RANGE: { vi: 'Mã PIN không đúng độ dài.', en: 'The PIN has the wrong length.' },
};

/**
 * Signs with the first token in the module's slots that holds a private key and its certificate (same CKA_ID).
 * The module is loaded for this signature only and finalised after it.
 */
export function signWithToken(modulePath: string, pin: string, bytes: Buffer): TokenSignature {
  if (!modulePath || !fs.existsSync(modulePath))
    throw signingFailed(
      `Không tìm thấy thư viện PKCS#11 của thiết bị ký số (“${modulePath || 'chưa đặt'}”); quản trị viên đặt đường dẫn trong Cài đặt → Chữ ký số.`,
      `The PKCS#11 library of the signing token was not found (“${modulePath || 'not set'}”); an administrator sets its path in Settings → Digital signatures.`,
    );
  const pkcs11 = graphene();
  let mod: Graphene.Module;
  try {
    mod = pkcs11.Module.load(modulePath, 'token');
    mod.initialize();
  } catch {
    throw signingFailed(
      `Không nạp được thư viện PKCS#11 “${modulePath}”.`,
      `The PKCS#11 library “${modulePath}” could not be loaded.`,
    );
  }
  try {
    const slots = mod.getSlots(true);
    if (slots.length === 0)
      throw signingFailed(
        'Không thấy thiết bị ký số nào: hãy cắm USB token vào máy.',
        'No signing token found: plug the USB token in.',
      );
    for (let i = 0; i < slots.length; i += 1) {
      const session = slots.items(i).open(pkcs11.SessionFlag.SERIAL_SESSION);
      try {
        try {
          session.login(pin, pkcs11.UserType.USER);
        } catch (error) {
          const code = error instanceof Error ? (/CKR_[A-Z_]+/.exec(error.message)?.[0] ?? '') : '';
          const reason = PKCS11_REASON[code];
          if (reason) throw signingFailed(reason.vi, reason.en);
          throw error;
        }
        const keys = session.find({ class: pkcs11.ObjectClass.PRIVATE_KEY });
        for (let k = 0; k < keys.length; k += 1) {
          const key = keys.items(k).toType<Graphene.PrivateKey>();
          const certs = session.find({ class: pkcs11.ObjectClass.CERTIFICATE, id: key.id });
          if (certs.length === 0) continue;
          const cert = certs.items(0).toType<Graphene.X509Certificate>();
          const mechanism = key.type === pkcs11.KeyType.EC ? 'ECDSA_SHA256' : 'SHA256_RSA_PKCS';
          const signature = session.createSign(mechanism, key).once(bytes);
          return { signature: Buffer.from(signature), certificateDer: Buffer.from(cert.value) };
        }
      } finally {
        session.close();
      }
    }
    throw signingFailed(
      'Thiết bị ký số không có khóa bí mật kèm chứng thư số.',
      'The signing token holds no private key with its certificate.',
    );
  } catch (error) {
    if (error instanceof ContractError) throw error;
    throw signingFailed(
      `Thiết bị ký số báo lỗi: ${error instanceof Error ? error.message : String(error)}`,
      `The signing token reported an error: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    mod.finalize();
  }
}
