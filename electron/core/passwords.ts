/**
 * Password hashing: scrypt from node:crypto. Stored as 'scrypt$N$r$p$<salt base64>$<key base64>'; only this text is
 * ever written, never the password. Verification recomputes the key with the stored parameters and compares in
 * constant time.
 */
import crypto from 'node:crypto';

export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
export const SALT_BYTES = 16;
export const KEY_BYTES = 64;

/** scrypt needs 128·N·r bytes (32 MiB at N = 2^15, r = 8): above Node's default limit, so give it room. */
function maxmem(N: number, r: number): number {
  return 128 * N * r * 2;
}

function scrypt(password: string, salt: Buffer, N: number, r: number, p: number, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(password.normalize('NFC'), salt, length, { N, r, p, maxmem: maxmem(N, r) }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = SCRYPT_PARAMS;
  const salt = crypto.randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, N, r, p, KEY_BYTES);
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

interface Parsed {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

const STORED = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/]+=*)\$([A-Za-z0-9+/]+=*)$/;

function parse(stored: string): Parsed | null {
  const m = STORED.exec(stored);
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Only sane parameters: a tampered row must not make a sign-in take minutes or gigabytes.
  if (N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  const salt = Buffer.from(m[4] as string, 'base64');
  const key = Buffer.from(m[5] as string, 'base64');
  if (salt.length < 8 || key.length < 16 || key.length > 256) return null;
  return { N, r, p, salt, key };
}

/** A stored hash that matches no password, with the real parameters: unknown users cost as much time as known ones. */
const DUMMY: Parsed = { ...SCRYPT_PARAMS, salt: Buffer.alloc(SALT_BYTES, 0x5a), key: Buffer.alloc(KEY_BYTES, 0) };

/**
 * Whether the password matches the stored hash. With null (no such user) it still runs scrypt against a dummy,
 * so the answer takes the same time and says nothing about which usernames exist.
 */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parsed = stored === null ? null : parse(stored);
  const target = parsed ?? DUMMY;
  const key = await scrypt(password, target.salt, target.N, target.r, target.p, target.key.length);
  const same = crypto.timingSafeEqual(key, target.key);
  return parsed !== null && same;
}
