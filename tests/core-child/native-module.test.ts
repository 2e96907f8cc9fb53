import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CoreFailure } from '../../electron/core/child/supervisor';
import { checkSqliteBinding, useSqliteBinding } from '../../electron/core/db/sqlite';
import { tempDataDir } from '../helpers';
import { cannotMakeMismatchedBinding, writeMismatchedBinding } from './mismatched-binding';
import { buildCoreChild, exitOf, forkedCore, removeCoreChild, startOptions } from './support';

const mismatchSkip = cannotMakeMismatchedBinding();
let entry: string | undefined;

beforeAll(() => {
  if (mismatchSkip) console.log(`[native-module] the ABI mismatch cases are SKIPPED: ${mismatchSkip}`);
});
afterAll(() => removeCoreChild(entry));
afterEach(() => useSqliteBinding(null));

/** A sentence: one full stop, at the end. */
function expectOneSentence(text: string): void {
  expect(text.trim().endsWith('.')).toBe(true);
  expect(text.trim().slice(0, -1)).not.toMatch(/\.\s/);
}

describe('better-sqlite3 for the wrong runtime, damaged or missing: found at start and explained with the fix', () => {
  it.skipIf(mismatchSkip !== null)(
    'a module built for another runtime: one sentence, both versions, the command',
    () => {
      const file = path.join(tempDataDir(), 'better_sqlite3.node');
      writeMismatchedBinding(file, 140);
      useSqliteBinding(file);
      const problem = checkSqliteBinding('node');
      expect(problem).toMatchObject({ kind: 'abi' });
      expect(problem?.detail).toContain('NODE_MODULE_VERSION 140');
      expect(problem?.messageEn).toBe(
        `better-sqlite3 was built for another runtime (module version 140), not for Node.js (which needs ${process.versions.modules}): run \`npm rebuild better-sqlite3\`.`,
      );
      expect(problem?.message).toContain('`npm rebuild better-sqlite3`');
      expectOneSentence(problem!.message);
      expectOneSentence(problem!.messageEn);
      // In Electron the fix is npm start, which builds the module for Electron beside the Node one.
      expect(checkSqliteBinding('electron')?.messageEn).toContain('run `npm start`');
      // A packaged app's module came from its installer: the installer is built again.
      expect(checkSqliteBinding('electron', true)?.messageEn).toContain('run `npm_config_nodedir= npm run dist`');
    },
  );

  it('a damaged module file and a missing one are told apart', () => {
    const dir = tempDataDir();
    const garbage = path.join(dir, 'garbage.node');
    fs.writeFileSync(garbage, crypto.randomBytes(4096));
    useSqliteBinding(garbage);
    const damaged = checkSqliteBinding('node');
    expect(damaged?.kind).toBe('corrupt');
    expect(damaged?.messageEn).toBe(
      "better-sqlite3's native module is damaged or cannot be loaded by Node.js: run `npm rebuild better-sqlite3`.",
    );
    useSqliteBinding(path.join(dir, 'nowhere', 'better_sqlite3.node'));
    expect(checkSqliteBinding('node')).toMatchObject({ kind: 'missing' });
    useSqliteBinding(null);
    expect(checkSqliteBinding('node')).toBeNull();
  });

  it.skipIf(mismatchSkip !== null)(
    'the core child refuses to start on a mismatched module and writes nothing into the data folder',
    async () => {
      const dataDir = tempDataDir();
      const binding = path.join(tempDataDir(), 'better_sqlite3.node');
      writeMismatchedBinding(binding, 140);
      entry = await buildCoreChild();
      const { supervisor, processes } = forkedCore(entry, startOptions(dataDir, { sqliteBinding: binding }));
      const failure = await supervisor.start().then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(CoreFailure);
      expect((failure as CoreFailure).kind).toBe('native');
      expect((failure as CoreFailure).messageEn).toContain('module version 140');
      expect(fs.readdirSync(dataDir)).toEqual([]);
      // Ended, and not started again: it would only fail the same way.
      expect(await exitOf(processes[0]!)).toMatchObject({ signal: 'SIGKILL' });
      expect(await supervisor.invoke('auth.status', {})).toMatchObject({
        ok: false,
        error: { code: 'CORE_RESTARTED' },
      });
      expect(processes).toHaveLength(1);
    },
  );
});
