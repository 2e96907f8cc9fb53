import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PLAIN_SECRET_BOX, type SecretBox } from '../publish/secrets';

/** Where the data folder keeps its secrets key, sealed by the OS keychain (never in plain). */
export const SEALED_KEY_FILE = 'secrets-key.sealed';
export const KEYCHAIN_SCHEME = 'safeStorage-key';

/** Main's safeStorage, reached over the protocol: the only keychain calls the core makes. */
export interface RemoteKeychain {
  seal(plain: string): Promise<Uint8Array>;
  open(sealed: Uint8Array): Promise<string>;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Secrets sealed with a random AES-256-GCM key that the OS keychain seals in turn (as Chromium keeps its cookie key).
 * The publishing code needs a secret synchronously, inside its transactions; with the key opened once at start, the
 * core asks main for the keychain only then, not on every job.
 */
function keyBox(key: Buffer): SecretBox {
  return {
    scheme: KEYCHAIN_SCHEME,
    seal(plain) {
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
      decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * The data folder's secrets box: its key opened by the keychain, or made and sealed at the first start. A key the
 * keychain cannot open (another machine, a reset keychain) is set aside, not overwritten, and a new one is made: the
 * secrets it sealed are then asked for again (publish/secrets.ts). Where the key cannot be kept, the secrets are kept
 * as browser mode keeps them, and the log says so.
 */
export async function openKeychainBox(
  dataDir: string,
  keychain: RemoteKeychain,
  log: (message: string, error?: unknown) => void,
): Promise<SecretBox> {
  const file = path.join(dataDir, SEALED_KEY_FILE);
  const sealed = fs.existsSync(file) ? fs.readFileSync(file) : null;
  if (sealed) {
    try {
      const key = Buffer.from(await keychain.open(sealed), 'base64');
      if (key.length === 32) return keyBox(key);
      throw new Error('the opened key is not 32 bytes');
    } catch (error) {
      log(`the keychain cannot open ${file}; it is kept as ${SEALED_KEY_FILE}.unreadable and a new key is made`, error);
      fs.renameSync(file, `${file}.unreadable`);
    }
  }
  const key = crypto.randomBytes(32);
  try {
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, await keychain.seal(key.toString('base64')), { flag: 'wx' });
    fs.renameSync(temp, file);
    return keyBox(key);
  } catch (error) {
    log('the secrets key could not be sealed and kept: publishing secrets are stored unencrypted', error);
    return PLAIN_SECRET_BOX;
  }
}

/** A box that is whatever box it is given later (the key is opened only once the store opened). */
export function deferredBox(): SecretBox & { use(box: SecretBox): void } {
  let current: SecretBox = PLAIN_SECRET_BOX;
  return {
    get scheme() {
      return current.scheme;
    },
    seal: (plain) => current.seal(plain),
    open: (sealed) => current.open(sealed),
    use(box) {
      current = box;
    },
  };
}
