import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '../shared/contract';
import type { Role, User } from '../shared/contract/auth';
import type { ContractErrorShape, Result } from '../shared/contract/errors';
import { createCore, type CallContext, type Core } from '../electron/core/core';
import { createHostServer, listen } from '../electron/host/server';
import { paragraphsDocument } from '../shared/render/body-nodes';

/** The repository root (tests/ lives directly under it). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A one-paragraph body: an article the pre-publication check lets move on (an empty body blocks every step). */
export const BODY_JSON = JSON.stringify(paragraphsDocument(['Hội nghị sơ kết công tác năm.']));

const tempDirs: string[] = [];
const cores: Core[] = [];
const servers: http.Server[] = [];
const children: ChildProcess[] = [];

/** A fresh, empty folder under the OS temp folder; removed by cleanupAll(). */
export function tempDataDir(prefix = 'toasoan-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** The first administrator openCore() creates (or signs in, on a folder that has one). */
export const TEST_ADMIN = { username: 'quantri', displayName: 'Trần Quản Trị', password: 'mat-khau-quan-tri' } as const;

/** Each core's administrator session, signing in as soon as the core is opened. */
const adminSessions = new WeakMap<Core, Promise<string | null>>();
/** Sign-ins still running are awaited before their cores are closed. */
const pendingSignIns: Promise<unknown>[] = [];

export interface OpenCoreOptions {
  /** The core's clock (default: the real time). */
  clock?: () => Date;
  /** false: leave the workstation without users (for the first-run tests). */
  firstAdmin?: boolean;
  /** The publishing queue's jitter (the queue is never started here: tests call core.queue.runDue()). */
  random?: () => number;
}

async function signInAdmin(core: Core): Promise<string | null> {
  if (core.startupError) return null;
  const status = await core.invoke('auth.status', {});
  if (!status.ok) return null;
  const signed = (status.value as { needsFirstAdmin: boolean }).needsFirstAdmin
    ? await core.invoke('auth.setupFirstAdmin', TEST_ADMIN)
    : await core.invoke('auth.signIn', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
  return signed.ok ? ((signed.value as { sessionToken?: string }).sessionToken ?? null) : null;
}

/**
 * A real core on a real SQLite file in dataDir; closed by cleanupAll(). It creates the first administrator
 * (TEST_ADMIN) and signs in — or, on a folder that already has users, signs TEST_ADMIN in — so ok() and fails()
 * run as that administrator unless given another session.
 */
export function openCore(
  dataDir: string,
  log?: (message: string, error: unknown) => void,
  options: OpenCoreOptions = {},
): Core {
  const core = createCore({
    dataDir,
    version: '0.0.0-test',
    shell: 'browser',
    log: log ?? ((message, error) => console.error(message, error)),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.random ? { queue: { random: options.random } } : {}),
  });
  cores.push(core);
  const signing = options.firstAdmin === false ? Promise.resolve(null) : signInAdmin(core);
  adminSessions.set(core, signing);
  pendingSignIns.push(signing);
  return core;
}

/** The session token of the core's administrator (null when the store could not be opened, or firstAdmin: false). */
export async function adminSession(core: Core): Promise<string | null> {
  return (await adminSessions.get(core)) ?? null;
}

/** The call context of the core's administrator, for core.invoke. */
export async function asAdmin(core: Core): Promise<CallContext> {
  return { sessionToken: await adminSession(core) };
}

/** A test clock: starts at `start`, moves only when told. */
export function testClock(start = '2030-01-01T00:00:00.000Z'): {
  now: () => Date;
  advance: (ms: number) => void;
  set: (iso: string) => void;
} {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
    set: (iso) => {
      t = Date.parse(iso);
    },
  };
}

export interface SignedInUser {
  user: User;
  session: string;
  password: string;
}

/** Creates a user (as the core's administrator) and signs them in. Costs two scrypt hashes: do it once per file where you can. */
export async function createUserAndSignIn(
  core: Core,
  role: Role,
  username: string,
  displayName = username,
): Promise<SignedInUser> {
  const password = `mat-khau-${username}`;
  const user = await ok(core, 'users.create', { username, displayName, role, password });
  const signed = await ok(core, 'auth.signIn', { username, password }, null);
  if (!signed.sessionToken) throw new Error('auth.signIn gave no session token');
  return { user, session: signed.sessionToken, password };
}

/** Remembers a child process so cleanupAll() kills it if a test failed before it did. */
export function trackChild(child: ChildProcess): ChildProcess {
  children.push(child);
  return child;
}

/** Closes every core and server, kills leftover children and removes the temp folders. Call from afterEach. */
export async function cleanupAll(): Promise<void> {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
  }
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
  await Promise.all(pendingSignIns.splice(0));
  for (const core of cores.splice(0)) core.close();
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

// A safety net for test files that use tempDataDir() without calling cleanupAll() themselves:
// this module is evaluated while each test file is collected, so the hook belongs to that file.
afterAll(cleanupAll);

/**
 * Who a helper call runs as: undefined → the core's administrator; null → nobody signed in; a string → that session
 * token (see createUserAndSignIn).
 */
export type As = string | null | undefined;

async function contextOf(core: Core, as: As): Promise<CallContext> {
  return { sessionToken: as === undefined ? await adminSession(core) : as };
}

/** Calls a channel and asserts it succeeded; returns the value, typed by the contract. */
export async function ok<C extends ChannelName>(
  core: Core,
  channel: C,
  payload: ChannelInput<C>,
  as?: As,
): Promise<ChannelOutput<C>> {
  const result = await core.invoke(channel, payload, await contextOf(core, as));
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.messageEn}`);
  return result.value as ChannelOutput<C>;
}

/** Calls a channel (with any payload, valid or not) and asserts it failed; returns the error shape. */
export async function fails(core: Core, channel: string, payload: unknown, as?: As): Promise<ContractErrorShape> {
  const result = await core.invoke(channel, payload, await contextOf(core, as));
  if (result.ok)
    throw new Error(`${channel} was expected to fail but answered ${JSON.stringify(result.value).slice(0, 200)}`);
  expectWellFormedError(result.error);
  return result.error;
}

/** Every error carries a code and a non-empty message in both languages. */
export function expectWellFormedError(error: ContractErrorShape): void {
  expect(typeof error.code).toBe('string');
  expect(error.code.length).toBeGreaterThan(0);
  expect(typeof error.message).toBe('string');
  expect(error.message.trim().length).toBeGreaterThan(0);
  expect(typeof error.messageEn).toBe('string');
  expect(error.messageEn.trim().length).toBeGreaterThan(0);
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface HttpRequest {
  port: number;
  method?: string;
  path: string;
  headers?: http.OutgoingHttpHeaders;
  body?: string | Buffer;
}

/** A raw request with node's http client, so Host and Origin can be set to anything. */
export function httpRequest(request: HttpRequest): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: request.port,
        method: request.method ?? 'GET',
        path: request.path,
        headers: request.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

export function parseResult(answer: HttpAnswer): Result<unknown> {
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  return JSON.parse(answer.text) as Result<unknown>;
}

/** The header the browser transport carries the session in (electron/host/server.ts forwards it to the core). */
export const SESSION_HEADER = 'X-Toasoan-Session';

/** POST /api/<channel> with the token, the session (when given) and the body exactly as given (any bytes). */
export function postApiBody(
  port: number,
  token: string,
  channel: string,
  body: string | Buffer,
  session: string | null = null,
): Promise<HttpAnswer> {
  return httpRequest({
    port,
    method: 'POST',
    path: `/api/${channel}`,
    headers: {
      Host: `127.0.0.1:${port}`,
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      ...(session ? { [SESSION_HEADER]: session } : {}),
    },
    body,
  });
}

/** POST /api/<channel> with the token, the session (when given) and a JSON body, as the browser renderer sends it. */
export async function callApi(
  port: number,
  token: string,
  channel: string,
  payload: unknown,
  session: string | null = null,
): Promise<{ status: number; result: Result<unknown> }> {
  const answer = await postApiBody(port, token, channel, JSON.stringify(payload), session);
  return { status: answer.status, result: parseResult(answer) };
}

/** The browser-mode server on 127.0.0.1 with a real core; closed by cleanupAll(). */
export async function startHost(
  core: Core,
  token: string,
  staticDir: string,
): Promise<{ server: http.Server; port: number }> {
  const server = createHostServer({ core, token, staticDir });
  servers.push(server);
  const port = await listen(server, 0);
  return { server, port };
}
