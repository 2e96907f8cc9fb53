import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { expect } from 'vitest';
import { forkCoreChild } from '../../electron/core/child/endpoints';
import {
  createCoreSupervisor,
  type CoreStartOptions,
  type CoreSupervisor,
  type SupervisorOptions,
} from '../../electron/core/child/supervisor';
import type { Article } from '../../shared/contract/articles';
import type { Result } from '../../shared/contract/errors';
import type { ChildProcess } from 'node:child_process';
import { NODE_EXTERNALS, NODE_LOG_OVERRIDE } from '../../scripts/node-externals.mjs';
import { REPO_ROOT, trackChild } from '../helpers';

/**
 * The core's child entry (electron/core/child/core-child.ts) bundled as scripts/build.mjs bundles it for Electron, into
 * a folder of this run under the repository (so that better-sqlite3 and sharp resolve from its node_modules).
 */
export async function buildCoreChild(): Promise<string> {
  const dir = path.join(REPO_ROOT, '.tmp', `core-child-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  const outfile = path.join(dir, 'core-child.cjs');
  await build({
    entryPoints: [path.join(REPO_ROOT, 'electron/core/child/core-child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: [...NODE_EXTERNALS],
    logLevel: 'warning',
    logOverride: NODE_LOG_OVERRIDE,
  });
  return outfile;
}

export function removeCoreChild(entry: string | undefined): void {
  if (entry) fs.rmSync(path.dirname(entry), { recursive: true, force: true });
}

export function startOptions(dataDir: string, overrides: Partial<CoreStartOptions> = {}): CoreStartOptions {
  return {
    dataDir,
    version: 'test',
    shell: 'electron',
    profileFile: null,
    sqliteBinding: null,
    keychain: false,
    ...overrides,
  };
}

export interface ForkedCore {
  supervisor: CoreSupervisor;
  /** Every process launched so far, the current one last. */
  processes: ChildProcess[];
  restarts: string[];
  /** How many times a core answered its start. */
  starts: () => number;
  failures: Error[];
  output: () => string;
}

/** A supervisor over real forked children of `entry`, as Electron's main runs it over utilityProcesses. */
export function forkedCore(
  entry: string,
  start: CoreStartOptions,
  options: Partial<Omit<SupervisorOptions, 'launch' | 'start'>> = {},
): ForkedCore {
  const processes: ChildProcess[] = [];
  const restarts: string[] = [];
  const failures: Error[] = [];
  let output = '';
  let starts = 0;
  const supervisor = createCoreSupervisor({
    ...options,
    start,
    launch: () => {
      const launched = forkCoreChild(entry, { silent: true });
      trackChild(launched.process);
      launched.process.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      launched.process.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      processes.push(launched.process);
      return launched;
    },
    onRestart: (detail) => restarts.push(detail),
    onFailure: (failure) => failures.push(failure),
    onStarted: () => (starts += 1),
  });
  return { supervisor, processes, restarts, failures, starts: () => starts, output: () => output };
}

export async function call<T>(
  supervisor: CoreSupervisor,
  channel: string,
  payload: unknown,
  sessionToken: string | null = null,
): Promise<T> {
  const result = await supervisor.invoke(channel, payload, { sessionToken });
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.messageEn}`);
  return result.value as T;
}

export async function firstAdmin(supervisor: CoreSupervisor): Promise<string> {
  const signed = await call<{ sessionToken: string }>(supervisor, 'auth.setupFirstAdmin', {
    username: 'quantri',
    displayName: 'Quản trị',
    password: 'mat-khau-quan-tri',
  });
  expect(typeof signed.sessionToken).toBe('string');
  return signed.sessionToken;
}

export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

export function isFailure(result: Result<unknown>): result is Extract<Result<unknown>, { ok: false }> {
  return !result.ok;
}

/** A new article that passes the pre-publication check, submitted, approved and published (as the administrator). */
export async function publishNewArticle(supervisor: CoreSupervisor, title: string, token: string): Promise<Article> {
  const paragraph = { type: 'paragraph', children: [{ type: 'text', text: 'Sáng nay, cầu chính thức thông xe.' }] };
  const bodyJson = JSON.stringify({ root: { type: 'root', children: [paragraph] } });
  let article = await call<Article>(supervisor, 'articles.create', { title, bodyJson }, token);
  for (const action of ['submit', 'approve', 'publish'] as const)
    article = await call<Article>(
      supervisor,
      'articles.transition',
      { id: article.id, baseVersion: article.version, action },
      token,
    );
  return article;
}
