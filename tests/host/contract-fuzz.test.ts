/**
 * Every channel of the contract, through the real browser host, given payloads that try to bend it: prototype keys
 * (also nested deep), nesting past the limit, invalid UTF-8, a BOM, lone surrogates, NaN and Infinity written as text,
 * duplicate keys, integers beyond 2^53, empty and non-object bodies, wrong types for each of the channel's fields and
 * strings one past their limit. Each must answer 4xx with a bilingual error, and the database and the data folder
 * must be exactly as they were.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Core } from '../../electron/core/core';
import { CHANNEL_NAMES, contract, type ChannelName } from '../../shared/contract';
import { MAX_JSON_DEPTH } from '../../shared/text/safe-json';
import {
  adminSession,
  cleanupAll,
  createUserAndSignIn,
  ok,
  openCore,
  postApiBody,
  startHost,
  tempDataDir,
  testClock,
} from '../helpers';

const TOKEN = 'contract-fuzz-token';

let core: Core;
let port: number;
let session: string | null;
let dataDir: string;

type Body = string | Buffer;

const nested = (depth: number, open: string, close: string, inner = '1') =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
const utf8 = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

/** Payloads that no channel may accept, whatever its schema. */
const CORPUS: [string, Body][] = [
  ['__proto__ making an administrator', '{"__proto__":{"role":"admin"},"username":"keban","password":"12345678"}'],
  ['constructor.prototype', '{"constructor":{"prototype":{"polluted":true}}}'],
  ['prototype', '{"prototype":{}}'],
  ['__proto__ written with escapes', '{"\\u005f_proto__":{"role":"admin"}}'],
  ['__proto__ nested deep', `${nested(40, '{"a":', '}', '{"b":[{"__proto__":{"role":"admin"}}]}')}`],
  ['prototype in an array deep', `{"x":${nested(30, '[', ']', '{"prototype":1}')}}`],
  ['arrays 10,000 deep', `{"x":${nested(10_000, '[', ']')}}`],
  ['arrays 100,000 deep', nested(100_000, '[', ']')],
  ['objects 10,000 deep', nested(10_000, '{"a":', '}')],
  [`objects one past the limit (${MAX_JSON_DEPTH + 1})`, nested(MAX_JSON_DEPTH + 1, '{"a":', '}')],
  ['invalid UTF-8 in a string', utf8('{"title":"B', [0xe0, 0x80], '"}')],
  ['invalid UTF-8 in a key', utf8('{"', [0xff], '":1}')],
  ['a lone 0x80 byte', utf8('{"title":"', [0x80], '"}')],
  ['a byte order mark', utf8([0xef, 0xbb, 0xbf], '{}')],
  ['UTF-16 with its BOM', Buffer.from('\ufeff{}', 'utf16le')],
  ['a lone high surrogate', '{"title":"\\ud800"}'],
  ['a lone low surrogate', '{"title":"x\\udc00y"}'],
  ['a reversed pair', '{"title":"\\udc00\\ud800"}'],
  ['a lone surrogate in a key', '{"\\ud83d":1}'],
  ['NaN', '{"id":NaN}'],
  ['Infinity', '{"limit":Infinity}'],
  ['-Infinity', '{"offset":-Infinity}'],
  ['a number beyond the double range', '{"id":1e400}'],
  ['an integer beyond 2^53', '{"id":9007199254740993}'],
  ['a negative integer beyond 2^53', '{"id":-9007199254740993}'],
  ['a duplicate key', '{"title":"một","title":"hai"}'],
  ['a duplicate key written two ways', '{"id":1,"\\u0069d":2}'],
  ['an empty body', ''],
  ['only spaces', '   \n'],
  ['an array', '[]'],
  ['an array of an object', '[{}]'],
  ['null', 'null'],
  ['a number', '42'],
  ['a string', '"articles"'],
  ['true', 'true'],
  ['two values', '{} {}'],
  ['a trailing comma', '{"id":1,}'],
  ['single quotes', "{'id':1}"],
  ['a comment', '{/* x */}'],
  ['a control character in a string', '{"title":"a\u0001b"}'],
  ['a bad escape', '{"title":"\\x41"}'],
  ['an unterminated string', '{"title":"abc'],
  ['a cut-off object', '{"id":'],
  ['an unknown field', '{"khongCo":1}'],
  ['a huge unknown field', `{"khongCo":"${'x'.repeat(1_000_000)}"}`],
];

type JsonSchema = { type?: string | string[]; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; maxLength?: number };

/** The JSON types a field's schema accepts, or null when it accepts anything. */
function acceptedTypes(schema: JsonSchema): Set<string> | null {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const all = new Set<string>();
    for (const branch of branches) {
      const types = acceptedTypes(branch);
      if (!types) return null;
      for (const type of types) all.add(type);
    }
    return all;
  }
  if (schema.type === undefined) return null;
  const types = new Set(Array.isArray(schema.type) ? schema.type : [schema.type]);
  if (types.has('integer')) types.add('number');
  return types;
}

const jsonType = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
const WRONG_VALUES: unknown[] = [12345, 'văn bản', true, [1], { k: 1 }, null];

/** Per channel: each field given a value of a type it does not take, and each limited string one past its limit. */
function channelPayloads(name: ChannelName): [string, Body][] {
  const schema = z.toJSONSchema(contract[name].input, { io: 'input', unrepresentable: 'any' }) as JsonSchema & {
    properties?: Record<string, JsonSchema>;
  };
  const payloads: [string, Body][] = [];
  for (const [field, fieldSchema] of Object.entries(schema.properties ?? {})) {
    const types = acceptedTypes(fieldSchema);
    const wrong = types && WRONG_VALUES.find((value) => !types.has(jsonType(value)));
    if (wrong !== undefined && wrong !== null)
      payloads.push([`${field}: ${jsonType(wrong)}`, JSON.stringify({ [field]: wrong })]);
    if (typeof fieldSchema.maxLength === 'number' && fieldSchema.maxLength < 5_000_000)
      payloads.push([`${field}: over its limit`, JSON.stringify({ [field]: 'ư'.repeat(fieldSchema.maxLength + 1) })]);
  }
  return payloads;
}

/** Every table's rows, sorted, and every file of the data folder but the database's own. */
function snapshot(): string {
  const db = new Database(core.databasePath as string, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((row) => (row as { name: string }).name);
    const dump: Record<string, string[]> = {};
    for (const table of tables) {
      const rows = db.prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`).all();
      dump[table] = rows
        .map((row) =>
          JSON.stringify(row, (_, value: unknown) =>
            Buffer.isBuffer(value) ? value.toString('hex') : typeof value === 'bigint' ? String(value) : value,
          ),
        )
        .sort();
    }
    const files = (fs.readdirSync(dataDir, { recursive: true }) as string[])
      .filter((name) => !/toasoan\.sqlite/.test(name))
      .sort()
      .map((name) => {
        const stat = fs.statSync(path.join(dataDir, name));
        return `${name} ${stat.isFile() ? stat.size : 'dir'}`;
      });
    return JSON.stringify({ dump, files });
  } finally {
    db.close();
  }
}

const post = (channel: string, body: Body) => postApiBody(port, TOKEN, channel, body, session);

let before: string;

beforeAll(async () => {
  const root = tempDataDir('toasoan-fuzz-');
  dataDir = path.join(root, 'data');
  // A clock that stands still: no session is touched, nothing expires while the fuzz runs.
  core = openCore(dataDir, undefined, { clock: testClock().now });
  session = await adminSession(core);
  ({ port } = await startHost(core, TOKEN, path.join(root, 'static')));
  // Something in every table the channels write to, so that a change would show.
  const category = await ok(core, 'categories.create', { name: 'Tin tức' });
  await ok(core, 'articles.create', { title: 'Bài có sẵn', lead: 'Tóm tắt', categoryId: category.id });
  await createUserAndSignIn(core, 'writer', 'phongvien');
  before = snapshot();
}, 60_000);
afterAll(cleanupAll);

describe.each(CHANNEL_NAMES.map((name) => [name]))('%s', (name) => {
  it('answers every hostile payload 4xx with a bilingual error and changes nothing', async () => {
    const refused: string[] = [];
    for (const [label, body] of [...CORPUS, ...channelPayloads(name)]) {
      const answer = await post(name, body);
      const result = JSON.parse(answer.text) as {
        ok: boolean;
        error?: { code: string; message: string; messageEn: string };
      };
      const shaped =
        answer.status >= 400 &&
        answer.status < 500 &&
        result.ok === false &&
        typeof result.error?.code === 'string' &&
        (result.error.message ?? '').length > 0 &&
        (result.error.messageEn ?? '').length > 0;
      if (!shaped) refused.push(`${label}: ${answer.status} ${answer.text.slice(0, 160)}`);
    }
    expect(refused).toEqual([]);
    expect(snapshot()).toBe(before);
    // The host runs in this process: a key that reached a prototype would show here.
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });
});
