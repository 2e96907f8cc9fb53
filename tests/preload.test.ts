import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../shared/contract';
import { buildPreload } from '../scripts/preload-build.mjs';

/** The preload as scripts/build.mjs bundles it, run as Electron's sandbox runs it: `require` gives 'electron' alone. */
describe('the Electron preload bundle', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-preload-'));
    file = path.join(dir, 'preload.cjs');
    await buildPreload(file);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function run() {
    const exposed = new Map<string, Record<string, (input: unknown) => unknown>>();
    const invoked: [string, unknown][] = [];
    const electron = {
      contextBridge: {
        exposeInMainWorld: (key: string, api: Record<string, (input: unknown) => unknown>) => exposed.set(key, api),
      },
      ipcRenderer: { invoke: (channel: string, input: unknown) => (invoked.push([channel, input]), 'answer') },
    };
    const sandboxRequire = (id: string) => {
      if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
      return electron;
    };
    const module = { exports: {} };
    const wrapped = vm.runInNewContext(
      `(function (exports, require, module) {${fs.readFileSync(file, 'utf8')}\n})`,
      {},
    );
    (wrapped as (e: unknown, r: unknown, m: unknown) => void)(module.exports, sandboxRequire, module);
    return { exposed, invoked };
  }

  it('exposes one frozen function per contract channel, each invoking its own IPC channel and nothing else', () => {
    const { exposed, invoked } = run();
    expect([...exposed.keys()]).toEqual(['toasoan']);
    const api = exposed.get('toasoan') ?? {};
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(api['articles.saveBody']?.({ id: 1 })).toBe('answer');
    expect(invoked).toEqual([['toasoan:articles.saveBody', { id: 1 }]]);
  });

  it('carries the channel names only, not the schemas (every window loads it)', () => {
    const code = fs.readFileSync(file, 'utf8');
    expect(code).not.toMatch(/\bzod\b|safeParse/);
    expect(code.length).toBeLessThan(20_000);
  });
});
