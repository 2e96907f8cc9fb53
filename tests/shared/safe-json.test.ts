import { describe, expect, it } from 'vitest';
import {
  decodeUtf8Strictly,
  firstInvalidUtf8Byte,
  hardenValue,
  MAX_JSON_DEPTH,
  parseUntrustedJson,
  parseUntrustedJsonBytes,
  UnsafeJsonError,
} from '../../shared/text/safe-json';
import { nfcDeep } from '../../shared/text/normalize';

function refusal(read: () => unknown): UnsafeJsonError {
  try {
    read();
  } catch (error) {
    if (error instanceof UnsafeJsonError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** A seeded generator of JSON texts that JSON.parse and parseUntrustedJson must read alike. */
function randomJson(seed: number): string {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)] as T;
  const strings = ['', 'a', 'Tiếng Việt', 'quote " and \\ backslash', 'tab\tnew\nline', '😀 emoji', '\u00a0', '/'];
  const value = (depth: number): unknown => {
    const kind = depth > 5 ? Math.floor(next() * 4) : Math.floor(next() * 6);
    if (kind === 0) return pick(strings);
    if (kind === 1) return pick([0, -0, 1, -17, 3.25, 1e21, 2.5e-7, Number.MAX_SAFE_INTEGER]);
    if (kind === 2) return pick([true, false]);
    if (kind === 3) return null;
    if (kind === 4) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
    const object: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 4); i > 0; i--) object[`${pick(strings)}${i}`] = value(depth + 1);
    return object;
  };
  return JSON.stringify(value(0), null, pick([0, 1, '\t']));
}

describe('parseUntrustedJson', () => {
  it('reads valid JSON exactly as JSON.parse does (500 seeded documents, escapes, whitespace)', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const text = randomJson(seed);
      expect(parseUntrustedJson(text)).toEqual(JSON.parse(text));
    }
    const escapes = '{"a":"\\u00e9\\n\\"\\\\\\/\\b\\f\\r\\t\\ud83d\\ude00","b":[1e3,-0.5E-2,0]}';
    expect(parseUntrustedJson(escapes)).toEqual(JSON.parse(escapes));
  });

  it('builds objects with a null prototype, so a key never reaches Object.prototype', () => {
    const value = parseUntrustedJson('{"a":{"b":1}}') as Record<string, Record<string, number>>;
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(Object.getPrototypeOf(value.a)).toBeNull();
    expect(value.a?.b).toBe(1);
  });

  it.each([
    ['{"__proto__":{"x":1}}', '__proto__'],
    ['{"a":[{"constructor":1}]}', 'a.0.constructor'],
    ['{"a":{"b":{"prototype":{}}}}', 'a.b.prototype'],
    ['{"\\u005f\\u005fproto__":1}', '__proto__'],
  ])('refuses the prototype keys, naming their path: %s', (text, path) => {
    expect(refusal(() => parseUntrustedJson(text)).path).toBe(path);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('refuses a duplicate key, also when written with an escape', () => {
    expect(refusal(() => parseUntrustedJson('{"a":1,"b":{"c":1,"c":2}}')).path).toBe('b.c');
    expect(refusal(() => parseUntrustedJson('{"id":1,"\\u0069d":2}')).message).toMatch(/given twice/);
  });

  it(`accepts ${MAX_JSON_DEPTH} levels and refuses one more, a million deep without exhausting the stack`, () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(() => parseUntrustedJson(deep(MAX_JSON_DEPTH))).not.toThrow();
    expect(refusal(() => parseUntrustedJson(deep(MAX_JSON_DEPTH + 1))).message).toMatch(/deeper than 64/);
    expect(refusal(() => parseUntrustedJson(deep(1_000_000))).path).toBe(Array(MAX_JSON_DEPTH).fill(0).join('.'));
    const objects = `${'{"k":'.repeat(1_000_000)}1${'}'.repeat(1_000_000)}`;
    expect(refusal(() => parseUntrustedJson(objects)).message).toMatch(/deeper than 64/);
  });

  it.each([
    ['', /end of data at character 0/],
    ['{"a":1,}', /unexpected "}" at character 7/],
    ['{"a":NaN}', /unexpected "N"/],
    ['[Infinity]', /unexpected "I"/],
    ['01', /unexpected "1"/],
    ['{"a":"\u0001"}', /control character/],
    ['"\\x"', /bad escape/],
    ['"abc', /unterminated string/],
    ['{} []', /unexpected "\["/],
    ["{'a':1}", /unexpected "'"/],
  ])('refuses text that is not JSON: %j', (text, reason) => {
    expect(refusal(() => parseUntrustedJson(text)).message).toMatch(reason);
  });

  it('refuses lone surrogates in values and keys, and keeps pairs', () => {
    expect(refusal(() => parseUntrustedJson('{"t":"\\ud800"}')).path).toBe('t');
    expect(refusal(() => parseUntrustedJson('["a\\udc00"]')).path).toBe('0');
    expect(refusal(() => parseUntrustedJson('{"\\udbff":1}')).message).toMatch(/lone UTF-16 surrogate/);
    expect(parseUntrustedJson('"\\ud83d\\ude00"')).toBe('😀');
  });

  it('refuses integers that would be rounded and numbers beyond the double range; keeps fractions', () => {
    expect(parseUntrustedJson('[9007199254740991,-9007199254740991]')).toEqual([2 ** 53 - 1, -(2 ** 53 - 1)]);
    expect(refusal(() => parseUntrustedJson('{"id":9007199254740993}')).path).toBe('id');
    expect(refusal(() => parseUntrustedJson('[1e400]')).message).toMatch(/beyond the range/);
    expect(parseUntrustedJson('[0.1, 1e300, 12345678901234567890.5]')).toEqual([0.1, 1e300, 12345678901234567890.5]);
  });

  it('normalises string values to NFC when asked, leaving keys alone', () => {
    const value = parseUntrustedJson('{"Vie\u0323\u0302t":"Vie\u0323\u0302t"}', { nfc: true }) as Record<
      string,
      string
    >;
    expect(Object.entries(value)).toEqual([['Vie\u0323\u0302t', 'Việt']]);
  });
});

describe('strict UTF-8', () => {
  it.each([
    ['a cut-off sequence', [0x61, 0xe1, 0xba], 1],
    ['an overlong encoding', [0x61, 0x62, 0xc0, 0xaf], 2],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], 0],
    ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a lone continuation byte', [0x80], 0],
    ['0xff', [0x7b, 0xff, 0x7d], 1],
  ])('refuses %s, naming the byte', (_, bytes, at) => {
    expect(firstInvalidUtf8Byte(Uint8Array.from(bytes))).toBe(at);
    expect(refusal(() => decodeUtf8Strictly(Uint8Array.from(bytes))).message).toBe(
      `it is not valid UTF-8 (byte ${at})`,
    );
  });

  it('reads every well-formed sequence, one to four bytes', () => {
    const text = 'a é Việt € 𝄞 😀 \u{10ffff}';
    const bytes = new TextEncoder().encode(text);
    expect(firstInvalidUtf8Byte(bytes)).toBe(-1);
    expect(decodeUtf8Strictly(bytes)).toBe(text);
  });

  it('refuses a byte order mark unless allowed (a file), and then drops it', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]);
    expect(refusal(() => parseUntrustedJsonBytes(bytes)).message).toMatch(/byte order mark/);
    expect(parseUntrustedJsonBytes(bytes, { allowBom: true })).toEqual({});
  });
});

describe('hardenValue (a value already built, as IPC delivers it)', () => {
  it('copies into null-prototype objects, normalises, and keeps undefined fields', () => {
    const source = { a: [{ b: 'Vie\u0323\u0302t' }], c: undefined };
    const copy = hardenValue(source, { nfc: true }) as { a: { b: string }[]; c: undefined };
    expect(Object.getPrototypeOf(copy)).toBeNull();
    expect(copy.a[0]?.b).toBe('Việt');
    expect('c' in copy).toBe(true);
    expect(source.a[0]?.b).toBe('Vie\u0323\u0302t');
  });

  it('refuses an own __proto__ property (as JSON.parse makes one) and the other prototype keys', () => {
    expect(refusal(() => hardenValue(JSON.parse('{"x":[{"__proto__":{"role":"admin"}}]}'))).path).toBe('x.0.__proto__');
    expect(refusal(() => hardenValue({ constructor: 1 })).path).toBe('constructor');
  });

  it.each([
    ['a Map', new Map([['role', 'admin']]), /Map/],
    ['a Date', new Date(0), /Date/],
    ['a function', () => 1, /function/],
    ['a class instance', new (class Role {})(), /Role/],
    ['NaN', Number.NaN, /beyond the range/],
    ['Infinity', Number.POSITIVE_INFINITY, /beyond the range/],
    ['a bigint', 10n, /bigint/],
    ['a symbol', Symbol('x'), /symbol/],
  ])('refuses %s', (_, value, reason) => {
    expect(refusal(() => hardenValue({ field: value })).message).toMatch(reason);
  });

  it('refuses a cycle and a value nested a hundred thousand deep, without recursion', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(refusal(() => hardenValue(cyclic)).message).toMatch(/deeper than 64/);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(refusal(() => hardenValue(deep)).message).toMatch(/deeper than 64/);
  });

  it('is what nfcDeep does', () => {
    expect(refusal(() => nfcDeep(JSON.parse('{"__proto__":1}'))).path).toBe('__proto__');
  });
});
