/**
 * The one hardened path for untrusted JSON (a request body, an IPC payload, an imported profile, a backup's manifest,
 * a portal's answer). Every step is a loop with an explicit stack, never a recursion a payload could exhaust:
 *
 *   bytes → strict UTF-8 (RFC 8259 §8.1: JSON is UTF-8; a bad byte is refused, never replaced by U+FFFD)
 *         → parseUntrustedJson: JSON text → values, refusing what JSON.parse lets through silently
 *         → hardenValue (for values that arrive already built, e.g. over IPC): the same checks on a value.
 *
 * What is refused, each naming where: nesting deeper than MAX_JSON_DEPTH; the keys `__proto__`, `constructor` and
 * `prototype` (they reach object prototypes when code copies a payload with `out[key] = …`); a key given twice (two
 * readers could take different ones); a string with a lone UTF-16 surrogate (it cannot be stored as UTF-8); an
 * integer beyond ±(2^53 − 1) or a number beyond the double range (it would silently change); in a built value,
 * anything that is not JSON (a function, a Map, a Date, NaN, Infinity).
 * Objects come out with a null prototype, so no key of a payload can reach Object.prototype.
 */
import { toNfc } from './normalize';

/** How deep objects and arrays may nest in any untrusted JSON: far above the deepest real payload (about 6). */
export const MAX_JSON_DEPTH = 64;

/** Keys refused anywhere in an untrusted value. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A refusal of untrusted input: where (a dotted path, '' for the whole value) and why, in Vietnamese and English. */
export class UnsafeJsonError extends Error {
  readonly path: string;
  readonly messageVi: string;
  constructor(path: string, messageVi: string, messageEn: string) {
    super(messageEn);
    this.name = 'UnsafeJsonError';
    this.path = path;
    this.messageVi = messageVi;
  }
}

export interface SafeJsonOptions {
  /** Normalise every string value to NFC (keys are left as they are). Default false. */
  nfc?: boolean;
  /** Default MAX_JSON_DEPTH. */
  maxDepth?: number;
}

export type JsonObject = { [key: string]: unknown };

// ------------------------------------------------------------------------------------------------- UTF-8

/** TextDecoder is in every JavaScript this runs on (Node, Chromium); shared/ is typed without DOM or Node. */
type Utf8Decoder = { decode(bytes: Uint8Array): string };
const strictUtf8 = new (
  globalThis as unknown as {
    TextDecoder: new (label: string, options: { fatal: boolean; ignoreBOM: boolean }) => Utf8Decoder;
  }
).TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629 §4), or -1. */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0; // overlong
      if (b === 0xed) high = 0x9f; // an encoded surrogate
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90; // overlong
      if (b === 0xf4) high = 0x8f; // beyond U+10FFFF
    } else return i;
    if (i + length > bytes.length) return i;
    const second = bytes[i + 1] as number;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k] as number;
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}

/**
 * Bytes as text, refusing anything that is not UTF-8. A byte order mark is refused unless allowed (a file saved by
 * Notepad has one; a request body never should: RFC 8259 §8.1), and is then dropped.
 */
export function decodeUtf8Strictly(bytes: Uint8Array, options: { allowBom?: boolean } = {}): string {
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (hasBom && !options.allowBom)
    throw new UnsafeJsonError(
      '',
      'dữ liệu bắt đầu bằng dấu thứ tự byte (BOM), JSON không được có dấu này',
      'it starts with a byte order mark (BOM), which JSON must not have',
    );
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return strictUtf8.decode(body);
  } catch {
    const at = Math.max(0, firstInvalidUtf8Byte(body)) + (hasBom ? 3 : 0);
    throw new UnsafeJsonError('', `dữ liệu không phải UTF-8 hợp lệ (byte ${at})`, `it is not valid UTF-8 (byte ${at})`);
  }
}

// ------------------------------------------------------------------------------------------------- checks

const pathOf = (segments: readonly (string | number)[]): string => segments.join('.');

function depthError(segments: readonly (string | number)[], maxDepth: number): UnsafeJsonError {
  return new UnsafeJsonError(
    pathOf(segments),
    `lồng sâu quá ${maxDepth} tầng`,
    `nested deeper than ${maxDepth} levels`,
  );
}

function checkKey(key: string, target: JsonObject, segments: readonly (string | number)[]): void {
  // The path is built only for a refusal: this runs for every key of every payload.
  if (FORBIDDEN_KEYS.has(key))
    throw new UnsafeJsonError(
      pathOf([...segments, key]),
      `tên trường "${key}" không được phép`,
      `the key "${key}" is not allowed`,
    );
  // `in` sees own keys only: target has a null prototype.
  if (key in target)
    throw new UnsafeJsonError(
      pathOf([...segments, key]),
      `trường "${shortKey(key)}" có hai lần`,
      `the key "${shortKey(key)}" is given twice`,
    );
}

const shortKey = (key: string): string => (key.length > 60 ? `${key.slice(0, 59)}…` : key);

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/;
const MAY_HAVE_SURROGATE = /[\ud800-\udfff]/;

function isWellFormed(text: string): boolean {
  // String.prototype.isWellFormed (Node 20, Chromium 111) when there; the lib typings here predate it.
  const native = (text as unknown as { isWellFormed?: () => boolean }).isWellFormed;
  return native ? native.call(text) : !(MAY_HAVE_SURROGATE.test(text) && LONE_SURROGATE.test(text));
}

function loneSurrogate(segments: readonly (string | number)[]): UnsafeJsonError {
  return new UnsafeJsonError(
    pathOf(segments),
    'chuỗi có một nửa cặp thay thế UTF-16 đứng riêng (không phải ký tự Unicode)',
    'the string holds a lone UTF-16 surrogate (not a Unicode character)',
  );
}

function checkString(text: string, segments: readonly (string | number)[], nfc: boolean): string {
  if (!isWellFormed(text)) throw loneSurrogate(segments);
  return nfc ? toNfc(text) : text;
}

function checkNumber(value: number, exact: boolean, segments: readonly (string | number)[]): number {
  if (!Number.isFinite(value))
    throw new UnsafeJsonError(
      pathOf(segments),
      'số vượt quá phạm vi biểu diễn được',
      'the number is beyond the range that can be represented',
    );
  if (exact && !Number.isSafeInteger(value))
    throw new UnsafeJsonError(
      pathOf(segments),
      'số nguyên vượt quá ±9.007.199.254.740.991 (2^53 − 1) và sẽ bị làm tròn',
      'the integer is beyond ±9,007,199,254,740,991 (2^53 − 1) and would be rounded',
    );
  return value;
}

// ------------------------------------------------------------------------------------------------- parse

interface ParseFrame {
  container: JsonObject | unknown[];
  /** The key whose value is being read (objects). */
  key: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const CONTROL = /[\u0000-\u001f]/;

/**
 * JSON text → a value with null-prototype objects, checked as the module comment says. Throws UnsafeJsonError,
 * naming the path (or the character position of a syntax error).
 */
export function parseUntrustedJson(text: string, options: SafeJsonOptions = {}): unknown {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const nfc = options.nfc ?? false;
  const stack: ParseFrame[] = [];
  const segments: (string | number)[] = [];
  let i = 0;

  const syntax = (what: { vi: string; en: string }): UnsafeJsonError =>
    new UnsafeJsonError(
      pathOf(segments),
      `không phải JSON hợp lệ: ${what.vi} ở ký tự ${i}`,
      `not valid JSON: ${what.en} at character ${i}`,
    );
  const unexpected = () =>
    syntax(
      i >= text.length
        ? { vi: 'hết dữ liệu giữa chừng', en: 'unexpected end of data' }
        : { vi: `gặp "${text.charAt(i)}" không đúng chỗ`, en: `unexpected "${text.charAt(i)}"` },
    );
  const skipSpace = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return;
    }
  };
  // Checked once for the whole text: most texts have no control character and no lone surrogate, so no string of
  // them needs its own check (a string with escapes is checked after they are decoded).
  const mayHaveControl = CONTROL.test(text);
  const wellFormed = isWellFormed(text);
  /** The string at text[i] (its opening quote), decoded and checked; `asKey` only changes the path of a refusal. */
  const readString = (asKey: boolean): string => {
    // The end is the first quote not escaped by an odd run of backslashes.
    let from = i + 1;
    let end: number;
    for (;;) {
      end = text.indexOf('"', from);
      if (end < 0) {
        i = text.length;
        throw syntax({ vi: 'chuỗi không được đóng', en: 'unterminated string' });
      }
      let backslashes = 0;
      while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
      if (backslashes % 2 === 0) break;
      from = end + 1;
    }
    let value = text.slice(i + 1, end);
    const escaped = value.includes('\\');
    if (escaped || (mayHaveControl && CONTROL.test(value))) {
      try {
        // The escapes are JSON's own: the native parser reads them, on this one string.
        value = JSON.parse(text.slice(i, end + 1)) as string;
      } catch {
        throw syntax({
          vi: 'chuỗi có ký tự điều khiển hoặc mã thoát sai',
          en: 'a control character or a bad escape in a string',
        });
      }
    }
    if ((escaped || !wellFormed) && !isWellFormed(value)) throw loneSurrogate(asKey ? [...segments, value] : segments);
    i = end + 1;
    return value;
  };
  const readKey = (target: JsonObject): void => {
    skipSpace();
    if (text.charCodeAt(i) !== 0x22) throw unexpected();
    const key = readString(true);
    checkKey(key, target, segments);
    skipSpace();
    if (text.charCodeAt(i) !== 0x3a) throw unexpected();
    i++;
    const frame = stack[stack.length - 1] as ParseFrame;
    frame.key = key;
    segments.push(key);
  };
  const open = (container: JsonObject | unknown[]): void => {
    if (stack.length >= maxDepth) throw depthError(segments, maxDepth);
    stack.push({ container, key: '' });
  };

  let value: unknown;
  parse: for (;;) {
    // Read one value (a scalar, or the start of a container).
    skipSpace();
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) {
      const object = Object.create(null) as JsonObject;
      open(object);
      i++;
      skipSpace();
      if (text.charCodeAt(i) === 0x7d) {
        i++;
        stack.pop();
        value = object;
      } else {
        readKey(object);
        continue parse;
      }
    } else if (c === 0x5b /* [ */) {
      const array: unknown[] = [];
      open(array);
      i++;
      skipSpace();
      if (text.charCodeAt(i) === 0x5d) {
        i++;
        stack.pop();
        value = array;
      } else {
        segments.push(0);
        continue parse;
      }
    } else if (c === 0x22) {
      value = nfc ? toNfc(readString(false)) : readString(false);
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      if (!match) throw unexpected();
      i += match[0].length;
      value = checkNumber(Number(match[0]), match[1] === undefined && match[2] === undefined, segments);
    } else if (text.startsWith('true', i)) {
      i += 4;
      value = true;
    } else if (text.startsWith('false', i)) {
      i += 5;
      value = false;
    } else if (text.startsWith('null', i)) {
      i += 4;
      value = null;
    } else throw unexpected();

    // Place the value, then close every container that ends here.
    for (;;) {
      const frame = stack[stack.length - 1];
      if (!frame) break parse;
      skipSpace();
      const next = text.charCodeAt(i);
      if (Array.isArray(frame.container)) {
        frame.container.push(value);
        if (next === 0x2c) {
          i++;
          segments[segments.length - 1] = frame.container.length;
          continue parse;
        }
        if (next !== 0x5d) throw unexpected();
      } else {
        frame.container[frame.key] = value;
        if (next === 0x2c) {
          i++;
          segments.pop();
          readKey(frame.container);
          continue parse;
        }
        if (next !== 0x7d) throw unexpected();
      }
      i++;
      segments.pop();
      stack.pop();
      value = frame.container;
    }
  }
  skipSpace();
  if (i < text.length) throw unexpected();
  return value;
}

/** Bytes → checked value: strict UTF-8, then parseUntrustedJson. */
export function parseUntrustedJsonBytes(
  bytes: Uint8Array,
  options: SafeJsonOptions & { allowBom?: boolean } = {},
): unknown {
  return parseUntrustedJson(decodeUtf8Strictly(bytes, options), options);
}

// ------------------------------------------------------------------------------------------------- built values

interface WalkTask {
  source: object;
  target: JsonObject | unknown[];
  depth: number;
  segments: (string | number)[];
}

function notJsonValue(segments: readonly (string | number)[], kind: string): UnsafeJsonError {
  return new UnsafeJsonError(pathOf(segments), `giá trị không phải JSON (${kind})`, `not a JSON value (${kind})`);
}

function kindOf(value: unknown): string {
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'object';
  if (typeof value === 'number') return String(value);
  return typeof value;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A value that arrived already built (an IPC payload, a caller's object) → a checked copy with null-prototype
 * objects, by the rules of parseUntrustedJson; `undefined` is kept where an object or array holds it (an optional
 * field left out). Throws UnsafeJsonError.
 */
export function hardenValue(value: unknown, options: SafeJsonOptions = {}): unknown {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const nfc = options.nfc ?? false;
  const tasks: WalkTask[] = [];

  const copy = (item: unknown, segments: (string | number)[], depth: number): unknown => {
    switch (typeof item) {
      case 'string':
        return checkString(item, segments, nfc);
      case 'number':
        return checkNumber(item, false, segments);
      case 'boolean':
      case 'undefined':
        return item;
      case 'object': {
        if (item === null) return null;
        if (!Array.isArray(item) && !isPlainObject(item)) throw notJsonValue(segments, kindOf(item));
        if (depth >= maxDepth) throw depthError(segments, maxDepth);
        const target: JsonObject | unknown[] = Array.isArray(item) ? [] : (Object.create(null) as JsonObject);
        tasks.push({ source: item, target, depth: depth + 1, segments });
        return target;
      }
      default:
        throw notJsonValue(segments, kindOf(item));
    }
  };

  const root = copy(value, [], 0);
  for (let task = tasks.pop(); task; task = tasks.pop()) {
    const { source, target, depth, segments } = task;
    if (Array.isArray(source)) {
      const array = target as unknown[];
      for (let index = 0; index < source.length; index++) array.push(copy(source[index], [...segments, index], depth));
    } else {
      const object = target as JsonObject;
      for (const key of Object.keys(source)) {
        if (!isWellFormed(key)) throw loneSurrogate([...segments, key]);
        checkKey(key, object, segments);
        object[key] = copy((source as JsonObject)[key], [...segments, key], depth);
      }
    }
  }
  return root;
}
