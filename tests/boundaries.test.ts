import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const script = path.resolve('scripts/check-boundaries.mjs');
const folders: string[] = [];

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-bounds-'));
  folders.push(dir);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const check = (dir: string) => spawnSync(process.execPath, [script, dir], { encoding: 'utf8' });

afterEach(() => {
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('environment boundary rule', () => {
  it('passes on the project itself', () => {
    const run = check(path.resolve('.'));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('fails each cross-environment import, naming file and import', () => {
    const dir = tree({
      'electron/core/store.ts': "import { app } from 'electron';\n",
      'electron/core/uses-shell.ts': "import { registerIpc } from '../main/ipc';\n",
      'electron/host/server.ts': "import { ipcMain } from 'electron';\n",
      'renderer/src/App.tsx': "import fs from 'node:fs';\nimport path from 'path';\n",
      'renderer/src/db.ts': "import Database from 'better-sqlite3';\n",
      'renderer/src/core.ts': "export * from '../../electron/core/core';\n",
      'shared/text.ts': "import os from 'os';\n",
      'shared/ok.ts': "import { z } from 'zod';\n",
    });
    const run = check(dir);
    expect(run.status).toBe(1);
    for (const expected of [
      "electron/core/store.ts: imports 'electron'",
      "electron/core/uses-shell.ts: imports '../main/ipc'",
      "electron/host/server.ts: imports 'electron'",
      "renderer/src/App.tsx: imports 'node:fs'",
      "renderer/src/App.tsx: imports 'path'",
      "renderer/src/db.ts: imports 'better-sqlite3'",
      "renderer/src/core.ts: imports '../../electron/core/core'",
      "shared/text.ts: imports 'os'",
    ]) {
      expect(run.stderr).toContain(expected);
    }
    expect(run.stderr).not.toContain('shared/ok.ts');
  });
});
