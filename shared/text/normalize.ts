/** Unicode NFC for every string that enters the store; nested objects and arrays are walked. */
export function toNfc(text: string): string {
  return text.normalize('NFC');
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
