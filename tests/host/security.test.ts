import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/core/security/csp';
import type { Core } from '../../electron/core/core';
import { DATABASE_FILE } from '../../electron/core/db/database';
import { MAX_BODY_BYTES } from '../../electron/host/server';
import {
  adminSession,
  callApi,
  cleanupAll,
  httpRequest,
  openCore,
  parseResult,
  REPO_ROOT,
  SESSION_HEADER,
  startHost,
  tempDataDir,
  TEST_ADMIN,
  type HttpAnswer,
} from '../helpers';

const TOKEN = 'a-token-for-this-run-only';
const SECRET = 'SECRET-OUTSIDE-THE-STATIC-FOLDER';
const INDEX_HTML = '<!doctype html><title>Tòa Soạn</title><div id="root"></div>';

let core: Core;
let server: http.Server;
let port: number;
let staticDir: string;
/** The administrator's session (the helpers create the first administrator), sent as X-Toasoan-Session. */
let session: string | null;
/** Every answer of the API, to check afterwards that none of them leaks a stack trace. */
const answers: HttpAnswer[] = [];

beforeEach(async () => {
  const root = tempDataDir('toasoan-host-');
  staticDir = path.join(root, 'static');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("app");');
  fs.writeFileSync(path.join(root, 'secret.txt'), SECRET);
  core = openCore(path.join(root, 'data'));
  session = await adminSession(core);
  ({ server, port } = await startHost(core, TOKEN, staticDir));
});
afterEach(async () => {
  // No answer of any test leaks a stack trace or a source path.
  for (const answer of answers.splice(0)) {
    expect(answer.text).not.toMatch(/\bat [^\s]+ \(|\bat (file|node):|\.(ts|js|mjs|cjs):\d+/);
    expect(answer.text).not.toContain(REPO_ROOT);
    expect(answer.text).not.toMatch(/Error:|"stack"/);
  }
  await cleanupAll();
});

const host = () => `127.0.0.1:${port}`;

async function api(
  channel: string,
  options: { headers?: http.OutgoingHttpHeaders; body?: string | Buffer; method?: string } = {},
): Promise<HttpAnswer> {
  const headers = Object.fromEntries(
    Object.entries({
      Host: host(),
      Authorization: `Bearer ${TOKEN}`,
      'Content-Type': 'application/json',
      [SESSION_HEADER]: session ?? undefined,
      ...options.headers,
    }).filter(([, value]) => value !== undefined),
  );
  const answer = await httpRequest({
    port,
    method: options.method ?? 'POST',
    path: `/api/${channel}`,
    headers,
    body: options.body ?? (options.method === 'GET' ? undefined : '{}'),
  });
  answers.push(answer);
  return answer;
}

function errorOf(answer: HttpAnswer): { code: string; message: string; messageEn: string } {
  const result = parseResult(answer);
  if (result.ok) throw new Error(`expected an error, got ${answer.text.slice(0, 200)}`);
  expect(result.error.message.length).toBeGreaterThan(0);
  expect(result.error.messageEn.length).toBeGreaterThan(0);
  return result.error;
}

async function articleCount(): Promise<number> {
  const { result } = await callApi(port, TOKEN, 'articles.list', {}, session);
  if (!result.ok) throw new Error(result.error.messageEn);
  return (result.value as { total: number }).total;
}

describe('the listening socket', () => {
  it('listens on 127.0.0.1 only', () => {
    const address = server.address();
    expect(typeof address).toBe('object');
    expect((address as { address: string }).address).toBe('127.0.0.1');
    expect((address as { family: string }).family).toBe('IPv4');
  });
});

describe('the token', () => {
  it('refuses a request without a token with 401 and does not run it', async () => {
    const answer = await api('articles.create', {
      headers: { Authorization: undefined },
      body: JSON.stringify({ title: 'Không được lưu' }),
    });
    expect(answer.status).toBe(401);
    expect(errorOf(answer).code).toBe('UNAUTHORIZED');
    expect(await articleCount()).toBe(0);
  });

  it.each([
    ['a wrong token', `Bearer not-${TOKEN}`],
    ['a token of the same length', `Bearer ${'x'.repeat(TOKEN.length)}`],
    ['the token without the scheme', TOKEN],
    ['another scheme', `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}`],
    ['an empty bearer', 'Bearer '],
  ])('refuses %s with 401', async (_label, authorization) => {
    const answer = await api('articles.create', {
      headers: { Authorization: authorization },
      body: JSON.stringify({ title: 'Không được lưu' }),
    });
    expect(answer.status).toBe(401);
    expect(errorOf(answer).code).toBe('UNAUTHORIZED');
    expect(await articleCount()).toBe(0);
  });

  it('runs the channel with the right token', async () => {
    const answer = await api('articles.create', { body: JSON.stringify({ title: 'Được lưu' }) });
    expect(answer.status).toBe(200);
    expect(parseResult(answer)).toMatchObject({ ok: true, value: { title: 'Được lưu', version: 1 } });
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(await articleCount()).toBe(1);
  });
});

describe('the session header', () => {
  it('refuses a channel that needs sign-in without a session with 401 AUTH_REQUIRED, and does not run it', async () => {
    const answer = await api('articles.create', {
      headers: { [SESSION_HEADER]: undefined },
      body: JSON.stringify({ title: 'Không được lưu' }),
    });
    expect(answer.status).toBe(401);
    const error = errorOf(answer);
    expect(error.code).toBe('AUTH_REQUIRED');
    expect(error.messageEn).toContain('sign in');
    expect(await articleCount()).toBe(0);
  });

  it('says a session has ended for a token that is not (or no longer) a session', async () => {
    for (const forged of ['not-a-session', 'A'.repeat(43), `${session ?? ''}x`]) {
      const answer = await api('articles.list', { headers: { [SESSION_HEADER]: forged } });
      expect(answer.status).toBe(401);
      const error = errorOf(answer);
      expect(error.code).toBe('AUTH_REQUIRED');
      expect(error.messageEn).toContain('session has ended');
    }
  });

  it('answers the public channels without a session', async () => {
    const status = await api('auth.status', { headers: { [SESSION_HEADER]: undefined } });
    expect(status.status).toBe(200);
    expect(parseResult(status)).toEqual({ ok: true, value: { user: null, needsFirstAdmin: false } });
    const mine = await api('auth.status');
    expect(parseResult(mine)).toMatchObject({
      ok: true,
      value: { user: { username: TEST_ADMIN.username, role: 'admin' } },
    });
  });

  it('signs in over HTTP: the token it answers is the session of the next calls, until sign-out', async () => {
    const wrong = await api('auth.signIn', {
      headers: { [SESSION_HEADER]: undefined },
      body: JSON.stringify({ username: TEST_ADMIN.username, password: 'sai-mat-khau' }),
    });
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong).code).toBe('AUTH_FAILED');
    const signed = await api('auth.signIn', {
      headers: { [SESSION_HEADER]: undefined },
      body: JSON.stringify({ username: TEST_ADMIN.username, password: TEST_ADMIN.password }),
    });
    expect(signed.status).toBe(200);
    const token = (parseResult(signed) as { ok: true; value: { sessionToken: string } }).value.sessionToken;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const created = await api('articles.create', {
      headers: { [SESSION_HEADER]: token },
      body: JSON.stringify({ title: 'Qua phiên mới' }),
    });
    expect(created.status).toBe(200);
    const out = await api('auth.signOut', { headers: { [SESSION_HEADER]: token } });
    expect(parseResult(out)).toEqual({ ok: true, value: { signedOut: true } });
    const after = await api('articles.list', { headers: { [SESSION_HEADER]: token } });
    expect(after.status).toBe(401);
    expect(errorOf(after).code).toBe('AUTH_REQUIRED');
    // The other session (the administrator's from the helpers) is still open.
    expect(await articleCount()).toBe(1);
  });

  it('answers a forbidden channel with 403 FORBIDDEN', async () => {
    const password = 'mat-khau-phong-vien';
    await api('users.create', {
      body: JSON.stringify({ username: 'phongvien', displayName: 'Phóng Viên', role: 'writer', password }),
    });
    const signed = parseResult(
      await api('auth.signIn', { body: JSON.stringify({ username: 'phongvien', password }) }),
    ) as { ok: true; value: { sessionToken: string } };
    const answer = await api('users.list', { headers: { [SESSION_HEADER]: signed.value.sessionToken } });
    expect(answer.status).toBe(403);
    expect(errorOf(answer).code).toBe('FORBIDDEN');
  });
});

describe('Host and Origin', () => {
  it.each(['evil.example:PORT', 'evil.example', '127.0.0.1:1', 'localhost', '127.0.0.1.nip.io:PORT', '0.0.0.0:PORT'])(
    'refuses the Host header %s with 403, even with the token',
    async (wanted) => {
      const answer = await api('articles.create', {
        headers: { Host: wanted.replace('PORT', String(port)) },
        body: JSON.stringify({ title: 'x' }),
      });
      expect(answer.status).toBe(403);
      expect(errorOf(answer).code).toBe('FORBIDDEN');
      const page = await httpRequest({ port, path: '/', headers: { Host: wanted.replace('PORT', String(port)) } });
      expect(page.status).toBe(403);
      expect(page.text).not.toContain('root');
      expect(await articleCount()).toBe(0);
    },
  );

  it.each([
    'http://evil.example',
    `http://evil.example:PORT`,
    'null',
    'http://127.0.0.1:1',
    'https://127.0.0.1:PORT',
    'http://127.0.0.1:PORT.evil.example',
  ])('refuses the Origin %s with 403', async (origin) => {
    const answer = await api('articles.create', {
      headers: { Origin: origin.replace('PORT', String(port)) },
      body: JSON.stringify({ title: 'x' }),
    });
    expect(answer.status).toBe(403);
    expect(errorOf(answer).code).toBe('FORBIDDEN');
    expect(await articleCount()).toBe(0);
  });

  it('accepts its own origins and host names', async () => {
    for (const name of ['127.0.0.1', 'localhost']) {
      const answer = await api('settings.get', {
        headers: { Host: `${name}:${port}`, Origin: `http://${name}:${port}` },
      });
      expect(answer.status).toBe(200);
      expect(parseResult(answer)).toEqual({ ok: true, value: { language: 'vi' } });
    }
    const cross = await api('settings.get', {
      headers: { Host: `localhost:${port}`, Origin: `http://127.0.0.1:${port}` },
    });
    expect(cross.status).toBe(200);
  });
});

describe('requests the API does not take', () => {
  it.each(['GET', 'PUT', 'DELETE'])('refuses %s', async (method) => {
    const answer = await api('articles.list', { method, body: method === 'GET' ? undefined : '{}' });
    expect(answer.status).toBe(405);
    expect(errorOf(answer).code).toBe('VALIDATION');
    expect(answer.headers.allow).toBe('POST');
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''])(
    'refuses the content type "%s", as a plain HTML form would send it',
    async (type) => {
      const answer = await api('articles.create', {
        headers: { 'Content-Type': type },
        body: JSON.stringify({ title: 'x' }),
      });
      expect(answer.status).toBe(400);
      expect(errorOf(answer).code).toBe('VALIDATION');
      expect(await articleCount()).toBe(0);
    },
  );

  it('accepts application/json with a charset', async () => {
    const answer = await api('articles.create', {
      headers: { 'Content-Type': 'Application/JSON; charset=utf-8' },
      body: JSON.stringify({ title: 'Tin' }),
    });
    expect(answer.status).toBe(200);
  });

  it.each(['{"title": ', 'not json', '{"title": "x"}}', "{'title': 'x'}"])(
    'answers 400 VALIDATION for the invalid JSON %s',
    async (body) => {
      const answer = await api('articles.create', { body });
      expect(answer.status).toBe(400);
      expect(errorOf(answer).code).toBe('VALIDATION');
      expect(await articleCount()).toBe(0);
    },
  );

  it('answers 400 VALIDATION for a well-formed payload the contract refuses', async () => {
    const answer = await api('articles.create', { body: JSON.stringify({ title: 'x'.repeat(501) }) });
    expect(answer.status).toBe(400);
    const error = errorOf(answer);
    expect(error.code).toBe('VALIDATION');
    expect(error.messageEn).toContain('title');
  });

  it('answers 413 for a body declared larger than the limit', async () => {
    const answer = await api('articles.create', {
      headers: { 'Content-Length': String(MAX_BODY_BYTES + 1) },
      body: '{}',
    });
    expect(answer.status).toBe(413);
    expect(errorOf(answer).code).toBe('PAYLOAD_TOO_LARGE');
    expect(answer.headers.connection).toBe('close');
  });

  it('answers 413 for a streamed body that grows past the limit', async () => {
    const big = Buffer.concat([
      Buffer.from('{"title": "x", "lead": "'),
      Buffer.alloc(MAX_BODY_BYTES, 0x61),
      Buffer.from('"}'),
    ]);
    const answer = await api('articles.create', { headers: { 'Transfer-Encoding': 'chunked' }, body: big });
    expect(answer.status).toBe(413);
    expect(errorOf(answer).code).toBe('PAYLOAD_TOO_LARGE');
    expect(await articleCount()).toBe(0);
  });

  it('answers 404 UNKNOWN_CHANNEL for an unknown channel', async () => {
    for (const channel of ['articles.delete', 'constructor', 'articles.list/extra', '', '%E0%A4%A']) {
      const answer = await api(channel);
      expect(answer.status, channel).toBe(404);
      expect(errorOf(answer).code).toBe('UNKNOWN_CHANNEL');
    }
  });

  it('maps contract errors to HTTP statuses', async () => {
    const missing = await api('articles.get', { body: JSON.stringify({ id: 12345 }) });
    expect(missing.status).toBe(404);
    expect(errorOf(missing).code).toBe('NOT_FOUND');
    await api('categories.create', { body: JSON.stringify({ name: 'Kinh tế' }) });
    const duplicate = await api('categories.create', { body: JSON.stringify({ name: 'Kinh tế' }) });
    expect(duplicate.status).toBe(409);
    expect(errorOf(duplicate).code).toBe('CONFLICT');
  });

  it('answers odd requests with a plain error, never a stack trace', async () => {
    // The afterEach hook checks every answer of every test; these are the oddest ones.
    const odd = [
      await api('%E0%A4%A'),
      await api('articles.list', { body: '[]' }),
      await api('articles.get', { body: 'null' }),
      await api('articles.get', { body: '"text"' }),
      await api('articles.update', { body: JSON.stringify({ id: 1, baseVersion: 1, changes: { title: 123 } }) }),
      await api('articles.get', { body: '{"id": 1, "__proto__": {"polluted": true}}' }),
      await api('articles.create', { body: '{"title": "x", "constructor": {"prototype": {"polluted": true}}}' }),
    ];
    for (const answer of odd) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(parseResult(answer).ok).toBe(false);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('a core that could not open its store', () => {
  it('answers its error with 503 on every channel, never an empty list', async () => {
    const dataDir = tempDataDir();
    fs.writeFileSync(path.join(dataDir, DATABASE_FILE), 'this is no database '.repeat(500));
    const broken = openCore(dataDir);
    const { port: brokenPort } = await startHost(broken, TOKEN, staticDir);
    for (const channel of ['articles.list', 'categories.list', 'setup.status']) {
      const { status, result } = await callApi(brokenPort, TOKEN, channel, {});
      expect(status).toBe(503);
      expect(result).toMatchObject({ ok: false, error: { code: 'DB_CORRUPT' } });
    }
  });
});

describe('static files', () => {
  it('serves index.html with the Content-Security-Policy', async () => {
    for (const pathname of ['/', '/index.html', '/library/42', '/trash']) {
      const answer = await httpRequest({ port, path: pathname, headers: { Host: host() } });
      expect(answer.status, pathname).toBe(200);
      expect(answer.text).toBe(INDEX_HTML);
      expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(answer.headers['x-frame-options']).toBe('DENY');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('serves assets with their type, and 404 for a missing one', async () => {
    const script = await httpRequest({ port, path: '/assets/app.js', headers: { Host: host() } });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.text).toBe('console.log("app");');
    const missing = await httpRequest({ port, path: '/assets/missing.js', headers: { Host: host() } });
    expect(missing.status).toBe(404);
  });

  it('takes only GET and HEAD', async () => {
    const head = await httpRequest({ port, method: 'HEAD', path: '/', headers: { Host: host() } });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    const post = await httpRequest({ port, method: 'POST', path: '/index.html', headers: { Host: host() }, body: 'x' });
    expect(post.status).toBe(405);
  });

  it('never serves a file outside the static folder', async () => {
    const repoPackage = path.relative(staticDir, path.join(REPO_ROOT, 'package.json')).split(path.sep);
    const attempts = [
      '/../secret.txt',
      '/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/../package.json',
      '/%2e%2e/package.json',
      `/${repoPackage.join('%2f')}`,
      `/${repoPackage.join('/')}`,
      `/${encodeURIComponent(path.join(REPO_ROOT, 'package.json'))}`,
      '/%00secret.txt',
      '/%E0%A4%A',
    ];
    for (const attempt of attempts) {
      const answer = await httpRequest({ port, path: attempt, headers: { Host: host() } });
      expect(answer.status, attempt).toBeGreaterThanOrEqual(400);
      expect(answer.text, attempt).not.toContain(SECRET);
      expect(answer.text, attempt).not.toContain('"name": "toasoan"');
    }
  });
});
