import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canReach,
  electronBinary,
  electronDownloadUrl,
  electronSqliteBinding,
  prepareElectron,
  progressLine,
} from '../../scripts/electron-setup.mjs';
import { buildHost, SERVE } from '../support/host-process';
import { REPO_ROOT, tempDataDir, trackChild } from '../helpers';

/** A port on 127.0.0.1 where nothing listens (taken, then given back). */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a Node script until it prints `until` on stdout (then ends it) or exits by itself. */
function runNode(args: string[], env: NodeJS.ProcessEnv, until?: RegExp): Promise<Run> {
  const child = trackChild(spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (until?.test(stdout)) child.kill('SIGTERM');
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

const haveElectron = electronBinary() !== null;
let unreachableMirror: string;
const server = http.createServer((_request, response) => response.writeHead(404).end());

beforeAll(async () => {
  if (haveElectron)
    console.log('[start-script] this machine has an Electron binary: the browser-mode fallback is SKIPPED');
  unreachableMirror = `http://127.0.0.1:${await closedPort()}/`;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('npm start: Electron where its download is reachable, else one line and browser mode', () => {
  it('asks GitHub, or the mirror ELECTRON_MIRROR names, and any HTTP answer counts as reachable', async () => {
    expect(electronDownloadUrl('39.8.10', {}, 'win32', 'x64')).toBe(
      'https://github.com/electron/electron/releases/download/v39.8.10/electron-v39.8.10-win32-x64.zip',
    );
    expect(
      electronDownloadUrl('39.8.10', { ELECTRON_MIRROR: 'https://npmmirror.com/mirrors/electron' }, 'linux', 'x64'),
    ).toBe('https://npmmirror.com/mirrors/electron/v39.8.10/electron-v39.8.10-linux-x64.zip');
    const { port } = server.address() as AddressInfo;
    expect(await canReach(`http://127.0.0.1:${port}/v1/electron.zip`)).toBe(true);
    expect(await canReach(`${unreachableMirror}v1/electron.zip`)).toBe(false);
    expect(progressLine('39.8.10', 50 * 1024 * 1024, 100 * 1024 * 1024)).toBe(
      'Electron 39.8.10: 50% (50.0 of 100.0 MB)',
    );
  });

  it("keeps Electron's better-sqlite3 apart from the Node build the tests load", () => {
    const binding = electronSqliteBinding(REPO_ROOT, '39.8.10');
    expect(binding).toBe(path.join(REPO_ROOT, 'node_modules', '.toasoan-electron', '39.8.10', 'better_sqlite3.node'));
    expect(binding.startsWith(path.join(REPO_ROOT, 'node_modules', 'better-sqlite3'))).toBe(false);
  });

  it.skipIf(haveElectron)(
    'without a reachable download: one line, then browser mode starts',
    async () => {
      const previous = process.env.ELECTRON_MIRROR;
      process.env.ELECTRON_MIRROR = unreachableMirror;
      try {
        const prepared = await prepareElectron(REPO_ROOT, () => undefined);
        expect(prepared.electron).toBeUndefined();
        expect(prepared.browser).toContain('starting browser mode');
        expect(prepared.browser).toContain('127.0.0.1');
        expect(prepared.browser?.split('\n')).toHaveLength(1);
      } finally {
        if (previous === undefined) delete process.env.ELECTRON_MIRROR;
        else process.env.ELECTRON_MIRROR = previous;
      }
      buildHost();
      const dataDir = tempDataDir();
      const run = await runNode(
        ['scripts/start.mjs', '--data', dataDir, '--port', '0', '--token', 'tok'],
        { ...process.env, ELECTRON_MIRROR: unreachableMirror },
        /Mở \/ Open: http:\/\/127\.0\.0\.1:\d+\/#token=tok/,
      );
      const lines = run.stdout.trim().split('\n');
      expect(lines[0]).toMatch(
        /^Không tải được Electron .* — chạy chế độ trình duyệt\. \/ Electron .* starting browser mode\.$/,
      );
      expect(lines.some((line) => line.startsWith('Mở / Open: http://127.0.0.1:'))).toBe(true);
    },
    60_000,
  );
});

describe('browser mode: what stops it at start, in one line naming the cause and the fix', () => {
  beforeAll(() => buildHost(), 60_000);

  it('a damaged better-sqlite3 module: one line with the command, exit code 3, nothing written', async () => {
    const dataDir = tempDataDir();
    const garbage = path.join(tempDataDir(), 'better_sqlite3.node');
    fs.writeFileSync(garbage, crypto.randomBytes(2048));
    const run = await runNode([SERVE, '--data', dataDir, '--port', '0'], {
      ...process.env,
      TOASOAN_SQLITE_BINDING: garbage,
    });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('`npm rebuild better-sqlite3`');
    expect(lines[0]).toContain("better-sqlite3's native module is damaged");
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('a data folder that cannot be written: one line with the cause and the fix, and the UI still starts to show it', async () => {
    const dataDir = tempDataDir();
    fs.mkdirSync(path.join(dataDir, 'toasoan.sqlite-wal'));
    const run = await runNode(
      [SERVE, '--data', dataDir, '--port', '0', '--token', 'tok'],
      process.env,
      /Mở \/ Open: http:\/\/127\.0\.0\.1:\d+\/#token=tok/,
    );
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\[toasoan\] DB_READONLY: Không ghi được .* \/ Cannot write to the database file: .*write permission\.$/,
    );
  });
});
