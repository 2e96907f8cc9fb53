import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { REPO_ROOT, trackChild } from '../helpers';

/** The real browser-mode host, run as a child process (`node dist/host/serve.mjs`), for tests that kill it. */

export const SERVE = path.join(REPO_ROOT, 'dist', 'host', 'serve.mjs');

/** Builds the host as `npm run serve` does (call from beforeAll). */
export function buildHost(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--node-only'], {
    cwd: REPO_ROOT,
    stdio: 'pipe',
    timeout: 60_000,
  });
  expect(fs.existsSync(SERVE)).toBe(true);
}

export interface RunningHost {
  child: ChildProcess;
  port: number;
}

/** Starts the host on dataDir and waits for the address it prints. */
export function startHost(dataDir: string, staticDir: string, token: string): Promise<RunningHost> {
  const child = trackChild(
    spawn(process.execPath, [SERVE, '--data', dataDir, '--port', '0', '--token', token, '--static', staticDir], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${stdout} ${stderr}`)), 15_000);
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:(\d+)\/#token=(\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        if (match[2] === token) resolve({ child, port: Number(match[1]) });
        else reject(new Error(`host printed another token: ${match[2]}`));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`host exited early (${code ?? signal}): ${stdout} ${stderr}`));
    });
  });
}

/** SIGKILL: no shutdown handler runs, nothing is flushed or checkpointed on the way out. */
export async function killHard(child: ChildProcess): Promise<void> {
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}
