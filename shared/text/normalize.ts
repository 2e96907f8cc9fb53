import { hardenValue } from './safe-json';

/** Unicode NFC for every string that enters the store; nested objects and arrays are walked. */
const NON_ASCII = /[^\u0000-\u007f]/;

export function toNfc(text: string): string {
  // ASCII is already NFC; skipping it keeps large payloads (an image as base64) cheap.
  return NON_ASCII.test(text) ? text.normalize('NFC') : text;
}

/**
 * Every string of a JSON-like value in NFC, walked without recursion; objects come back with a null prototype, and
 * what hardenValue refuses (a `__proto__` key, nesting past its limit) throws UnsafeJsonError.
 */
export function nfcDeep<T>(value: T): T {
  return hardenValue(value, { nfc: true }) as T;
}
