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
import { bundleNodeEntry, removeBundle } from '../support/node-bundle';
import { trackChild } from '../helpers';

/** The core's child entry (electron/core/child/core-child.ts) bundled as scripts/build.mjs bundles it for Electron. */
export function buildCoreChild(): Promise<string> {
  return bundleNodeEntry('electron/core/child/core-child.ts', 'core-child', 'core-child.cjs');
}

export function removeCoreChild(entry: string | undefined): void {
  removeBundle(entry);
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
