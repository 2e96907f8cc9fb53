import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '../shared/contract';
import type { ContractErrorShape, Result } from '../shared/contract/errors';
import { createCore, type Core } from '../electron/core/core';
import { createHostServer, listen } from '../electron/host/server';

/** The repository root (tests/ lives directly under it). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

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

/** A real core on a real SQLite file in dataDir; closed by cleanupAll(). */
export function openCore(dataDir: string, log?: (message: string, error: unknown) => void): Core {
  const core = createCore({ dataDir, version: '0.0.0-test', shell: 'browser', log: log ?? ((message, error) => console.error(message, error)) });
  cores.push(core);
  return core;
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
  for (const core of cores.splice(0)) core.close();
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

// A safety net for test files that use tempDataDir() without calling cleanupAll() themselves:
// this module is evaluated while each test file is collected, so the hook belongs to that file.
afterAll(cleanupAll);

/** Calls a channel and asserts it succeeded; returns the value, typed by the contract. */
export async function ok<C extends ChannelName>(core: Core, channel: C, payload: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await core.invoke(channel, payload);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.messageEn}`);
  return result.value as ChannelOutput<C>;
}

/** Calls a channel (with any payload, valid or not) and asserts it failed; returns the error shape. */
export async function fails(core: Core, channel: string, payload: unknown): Promise<ContractErrorShape> {
  const result = await core.invoke(channel, payload);
  if (result.ok) throw new Error(`${channel} was expected to fail but answered ${JSON.stringify(result.value).slice(0, 200)}`);
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
      { host: '127.0.0.1', port: request.port, method: request.method ?? 'GET', path: request.path, headers: request.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
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

/** POST /api/<channel> with the token and a JSON body, as the browser renderer sends it. */
export async function callApi(port: number, token: string, channel: string, payload: unknown): Promise<{ status: number; result: Result<unknown> }> {
  const answer = await httpRequest({
    port,
    method: 'POST',
    path: `/api/${channel}`,
    headers: { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(payload),
  });
  return { status: answer.status, result: parseResult(answer) };
}

/** The browser-mode server on 127.0.0.1 with a real core; closed by cleanupAll(). */
export async function startHost(core: Core, token: string, staticDir: string): Promise<{ server: http.Server; port: number }> {
  const server = createHostServer({ core, token, staticDir });
  servers.push(server);
  const port = await listen(server, 0);
  return { server, port };
}
