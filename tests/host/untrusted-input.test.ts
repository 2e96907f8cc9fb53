/**
 * Issue 14, failures 5–7: payloads that bent the contract through the browser host. Each answered wrongly before the
 * hardened parse (shared/text/safe-json.ts): a 10,000-deep body was INTERNAL, a `__proto__` key made an
 * administrator, invalid UTF-8 was stored as U+FFFD.
 */
import path from 'node:path';
import v8 from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { CHANNEL_NAMES } from '../../shared/contract';
import { MAX_JSON_DEPTH } from '../../shared/text/safe-json';
import {
  adminSession,
  cleanupAll,
  ok,
  openCore,
  parseResult,
  postApiBody,
  startHost,
  tempDataDir,
  testClock,
  type HttpAnswer,
} from '../helpers';

const TOKEN = 'untrusted-input-token';

let core: Core;
let port: number;
let session: string | null;

beforeAll(async () => {
  const root = tempDataDir('toasoan-untrusted-');
  core = openCore(path.join(root, 'data'), undefined, { clock: testClock().now });
  session = await adminSession(core);
  ({ port } = await startHost(core, TOKEN, path.join(root, 'static')));
});
afterAll(cleanupAll);

const post = (channel: string, body: string | Buffer): Promise<HttpAnswer> =>
  postApiBody(port, TOKEN, channel, body, session);

function validationOf(answer: HttpAnswer): { message: string; messageEn: string; issues?: { path: string }[] } {
  const result = parseResult(answer);
  if (result.ok) throw new Error(`expected a refusal, got ${answer.text.slice(0, 200)}`);
  expect(answer.status).toBe(400);
  expect(result.error.code).toBe('VALIDATION');
  expect(result.error.message.length).toBeGreaterThan(0);
  expect(result.error.messageEn.length).toBeGreaterThan(0);
  return result.error;
}

describe('failure 5: JSON nested 10,000 deep', () => {
  const deepArray = `{"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
  const deepObject = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;

  it('is refused with VALIDATION naming the depth limit on every channel, never INTERNAL', async () => {
    for (const channel of CHANNEL_NAMES) {
      for (const body of [deepArray, deepObject]) {
        const error = validationOf(await post(channel, body));
        expect(error.messageEn).toContain(String(MAX_JSON_DEPTH));
      }
    }
  });

  it('is refused when it comes as a value through the core (the Electron transport), without recursion', async () => {
    let value: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) value = { a: value };
    const result = await core.invoke('articles.create', { title: 'Sâu', lead: value }, { sessionToken: session });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('VALIDATION');
  });
});

describe('failure 6: a __proto__ key', () => {
  it('does not make users.create create an administrator: it is refused, naming the path', async () => {
    const body =
      '{"__proto__":{"role":"admin"},"username":"keban","displayName":"Kẻ Bẩn","password":"mat-khau-ke-ban"}';
    const error = validationOf(await post('users.create', body));
    expect(error.issues?.map((issue) => issue.path)).toEqual(['__proto__']);
    const users = await ok(core, 'users.list', {});
    expect(users.map((user) => user.username)).not.toContain('keban');
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses %s anywhere in a payload, naming its path',
    async (key) => {
      const body = `{"title":"Bài","lead":"x","category":{"deep":[{"${key}":{"polluted":true}}]}}`;
      const error = validationOf(await post('articles.create', body));
      expect(error.issues?.map((issue) => issue.path)).toEqual([`category.deep.0.${key}`]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('refuses the key written with escapes, and when it comes through the core as an own property', async () => {
    validationOf(await post('users.create', '{"__pro\\u0074o__":{"role":"admin"}}'));
    const payload: unknown = JSON.parse(
      '{"__proto__":{"role":"admin"},"username":"keban2","displayName":"K","password":"12345678"}',
    );
    const result = await core.invoke('users.create', payload, { sessionToken: session });
    expect(result.ok ? 'created' : result.error.code).toBe('VALIDATION');
  });
});

describe('a payload as the core process receives it (v8 serialization: Electron utilityProcess, Node advanced IPC)', () => {
  const carried = (value: unknown): unknown => v8.deserialize(v8.serialize(value));

  it('keeps an own __proto__ key across the process boundary, and the core refuses it', async () => {
    const payload = carried(
      JSON.parse('{"__proto__":{"role":"admin"},"username":"keban3","displayName":"K","password":"12345678"}'),
    );
    const result = await core.invoke('users.create', payload, { sessionToken: session });
    expect(result.ok ? 'created' : result.error.issues?.map((issue) => issue.path)).toEqual(['__proto__']);
  });

  it.each([
    ['a Map', { title: 'Bài', lead: new Map([['role', 'admin']]) }, 'lead'],
    ['a Date', { title: 'Bài', publishedAt: new Date(0) }, 'publishedAt'],
    ['NaN', { id: Number.NaN }, 'id'],
  ])('refuses %s, which JSON cannot carry but structured clone can, naming the field', async (_, value, path) => {
    const result = await core.invoke('articles.create', carried(value), { sessionToken: session });
    expect(result.ok ? 'created' : result.error).toMatchObject({ code: 'VALIDATION', issues: [{ path }] });
  });
});

describe('failure 7: invalid UTF-8 in a JSON body', () => {
  it('is refused with a clear error and nothing is stored', async () => {
    const before = await ok(core, 'articles.list', {});
    const start = Buffer.from('{"title":"Bài ');
    const body = Buffer.concat([start, Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    const error = validationOf(await post('articles.create', body));
    expect(error.messageEn).toMatch(/UTF-8/);
    expect(error.messageEn).toContain(`byte ${start.length}`);
    const after = await ok(core, 'articles.list', {});
    expect(after.total).toBe(before.total);
  });

  it.each([
    ['an overlong "/"', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a code point beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a cut-off sequence', [0xe1, 0xba]],
  ])('refuses %s', async (_, bytes) => {
    const body = Buffer.concat([Buffer.from('{"title":"'), Buffer.from(bytes), Buffer.from('"}')]);
    expect(validationOf(await post('articles.create', body)).messageEn).toMatch(/UTF-8 \(byte 10\)/);
    expect((await ok(core, 'articles.list', {})).total).toBe(0);
  });
});
