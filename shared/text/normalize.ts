/** Unicode NFC for every string that enters the store; nested objects and arrays are walked. */
const NON_ASCII = /[^\u0000-\u007f]/;

export function toNfc(text: string): string {
  // ASCII is already NFC; skipping it keeps large payloads (an image as base64) cheap.
  return NON_ASCII.test(text) ? text.normalize('NFC') : text;
}

export function nfcDeep<T>(value: T): T {
  if (typeof value === 'string') return toNfc(value) as T;
  if (Array.isArray(value)) return value.map((item) => nfcDeep(item)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[key] = nfcDeep(item);
    return out as T;
  }
  return value;
}
