/**
 * The hardened JSON path beyond the channels: an organisation profile applied at first run, and a portal's answer.
 * Each was read with JSON.parse over text decoded with U+FFFD for bad bytes.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { parseJson, sendRequest } from '../../electron/core/publish/http-failures';
import { PROFILE_FORMAT } from '../../shared/contract/profile';
import { cleanupAll, ok, openCore, tempDataDir } from '../helpers';

afterAll(cleanupAll);

const PROFILE_TEXT = JSON.stringify({
  format: PROFILE_FORMAT,
  version: 1,
  portal: { name: 'CỔNG THÔNG TIN ĐIỆN TỬ XÃ AN BÌNH', address: 'Ấp 1', phone: '', fax: '', responsible: 'Lê Văn B' },
  categories: [{ name: 'Tin tức' }],
  targets: [],
});

/** The startup error of a first run given this profile file (null: applied). */
function firstRunWith(bytes: Buffer): { code: string; messageEn: string } | null {
  const file = path.join(tempDataDir('toasoan-profile-file-'), 'organisation-profile.json');
  fs.writeFileSync(file, bytes);
  const core = createCore({ dataDir: tempDataDir(), version: '0.0.0-test', shell: 'browser', profileFile: file });
  try {
    const error = core.startupError;
    return error ? { code: error.code, messageEn: error.messageEn } : null;
  } finally {
    core.close();
  }
}

describe('an organisation profile file', () => {
  it('applies a good one, also with the BOM Notepad writes', async () => {
    expect(firstRunWith(Buffer.from(PROFILE_TEXT))).toBeNull();
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PROFILE_TEXT)]);
    expect(firstRunWith(bom)).toBeNull();
  });

  it('refuses a byte that is not UTF-8, naming the byte, instead of applying U+FFFD', async () => {
    const at = Buffer.from(PROFILE_TEXT).indexOf(Buffer.from('Ấp 1'));
    const bytes = Buffer.from(PROFILE_TEXT);
    bytes[at] = 0xff;
    const error = firstRunWith(bytes);
    expect(error?.code).toBe('VALIDATION');
    expect(error?.messageEn).toContain(`not valid UTF-8 (byte ${at})`);
  });

  it.each([
    ['a __proto__ key', PROFILE_TEXT.replace('"portal":{', '"portal":{"__proto__":{"name":"x"},'), 'portal.__proto__'],
    ['a duplicate key', PROFILE_TEXT.replace('"version":1', '"version":1,"version":2'), 'version'],
    [
      'nesting past the limit',
      PROFILE_TEXT.replace('"targets":[]', `"targets":${'['.repeat(100)}${']'.repeat(100)}`),
      'targets',
    ],
  ])('refuses %s, naming where', (_, text, where) => {
    const error = firstRunWith(Buffer.from(text));
    expect(error?.code).toBe('VALIDATION');
    expect(error?.messageEn).toContain(`organisation-profile.json is not valid JSON — ${where}`);
  });

  it('leaves the store empty when refused: the next start with the file fixed applies it', async () => {
    const dir = tempDataDir();
    const file = path.join(tempDataDir('toasoan-profile-file-'), 'organisation-profile.json');
    fs.writeFileSync(file, PROFILE_TEXT.replace('"format"', '"__proto__":{},"format"'));
    const refused = createCore({ dataDir: dir, version: '0.0.0-test', shell: 'browser', profileFile: file });
    expect(refused.startupError?.code).toBe('VALIDATION');
    refused.close();
    fs.writeFileSync(file, PROFILE_TEXT);
    const applied = createCore({ dataDir: dir, version: '0.0.0-test', shell: 'browser', profileFile: file });
    expect(applied.startupError).toBeNull();
    applied.close();
    const core = openCore(dir);
    expect((await ok(core, 'categories.list', {})).map((c) => c.name)).toEqual(['Tin tức']);
  });
});

describe("a portal's answer (WordPress and http-json targets read it with parseJson)", () => {
  async function answerOf(body: Buffer): Promise<unknown> {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const answer = await sendRequest(
        `http://127.0.0.1:${port}/`,
        {},
        {
          peer: { vi: 'máy chủ thử', en: 'the test server' },
          signal: new AbortController().signal,
          timeoutMs: 10_000,
        },
      );
      return parseJson(answer);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it('reads a good answer into null-prototype objects', async () => {
    const value = (await answerOf(Buffer.from('{"id":7,"link":"https://x.vn/bai-7","title":{"rendered":"Bài"}}'))) as {
      id: number;
    };
    expect(value).toEqual({ id: 7, link: 'https://x.vn/bai-7', title: { rendered: 'Bài' } });
    expect(Object.getPrototypeOf(value)).toBeNull();
  });

  it.each([
    ['invalid UTF-8', Buffer.concat([Buffer.from('{"id":7,"title":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')])],
    ['a __proto__ key', Buffer.from('{"id":7,"__proto__":{"isAdmin":true}}')],
    ['a duplicate id', Buffer.from('{"id":7,"id":8}')],
    ['an id beyond 2^53', Buffer.from('{"id":9007199254740993}')],
    ['nesting 100,000 deep', Buffer.from(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)],
  ])('is not data when it holds %s (the target then treats it as a page: a transient failure)', async (_, body) => {
    expect(await answerOf(body)).toBeUndefined();
  });
});
