import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KEYCHAIN_SCHEME, SEALED_KEY_FILE } from '../../electron/core/child/keychain-box';
import { CoreFailure } from '../../electron/core/child/supervisor';
import { openDatabase } from '../../electron/core/db/database';
import type { Article } from '../../shared/contract/articles';
import { bodyPatch, serializeBody } from '../../shared/render/body-blocks';
import { paragraphsDocument } from '../../shared/render/body-nodes';
import { startFlakyPortal } from '../support/flaky-portal';
import { tempDataDir } from '../helpers';
import {
  buildCoreChild,
  call,
  exitOf,
  firstAdmin,
  forkedCore,
  isFailure,
  publishNewArticle,
  removeCoreChild,
  startOptions,
} from './support';

let entry: string;

beforeAll(async () => {
  entry = await buildCoreChild();
});

afterAll(() => removeCoreChild(entry));

describe('the core in its own process (the child entry Electron runs as a utilityProcess, forked by Node here)', () => {
  it('answers contract calls over the protocol, with the same results and errors as in process', async () => {
    const dataDir = tempDataDir();
    const { supervisor, processes } = forkedCore(entry, startOptions(dataDir));
    const started = await supervisor.start();
    expect(started).toEqual({
      startupError: null,
      databasePath: path.join(dataDir, 'toasoan.sqlite'),
      nativeProblem: null,
    });
    const token = await firstAdmin(supervisor);
    const created = await call<Article>(supervisor, 'articles.create', { title: 'Tin từ tiến trình lõi' }, token);
    const read = await call<Article>(supervisor, 'articles.get', { id: created.id }, token);
    expect(read.title).toBe('Tin từ tiến trình lõi');
    expect(await supervisor.invoke('articles.create', { title: 42 }, { sessionToken: token })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await supervisor.invoke('articles.list', {}, { sessionToken: null })).toMatchObject({
      ok: false,
      error: { code: 'AUTH_REQUIRED' },
    });
    expect(await supervisor.invoke('no.such', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    await supervisor.shutdown();
    expect(await exitOf(processes[0]!)).toEqual({ code: 0, signal: null });
  });

  it('saves a body as its changed blocks over the protocol (structured clone), byte for byte as sent whole', async () => {
    const dataDir = tempDataDir();
    const { supervisor, processes } = forkedCore(entry, startOptions(dataDir));
    await supervisor.start();
    const token = await firstAdmin(supervisor);
    const doc = paragraphsDocument(['Đoạn một.', 'Đoạn hai.', 'Đoạn ba.']);
    const before = serializeBody(doc);
    const created = await call<Article>(
      supervisor,
      'articles.create',
      { title: 'Ba đoạn', bodyJson: before.json },
      token,
    );
    (doc.root.children[1] as { children: { text: string }[] }).children[0]!.text += ' Thêm chữ.';
    const after = serializeBody(doc);
    const patch = bodyPatch(before.parts, after.parts);
    expect(patch).toMatchObject({ keepStart: 1, keepEnd: 1, blocks: [expect.any(String)] });
    const saved = await call<{ version: number }>(
      supervisor,
      'articles.saveBody',
      { id: created.id, baseVersion: created.version, ...patch, autosave: true },
      token,
    );
    const read = await call<Article>(supervisor, 'articles.get', { id: created.id }, token);
    expect(read).toMatchObject({ version: saved.version, bodyJson: after.json });
    await supervisor.shutdown();
    expect(await exitOf(processes[0]!)).toEqual({ code: 0, signal: null });
  });

  it('a crash mid-save: the child is started again, every acknowledged save is there, the call in flight is told why', async () => {
    const dataDir = tempDataDir();
    const forked = forkedCore(entry, startOptions(dataDir));
    const { supervisor, processes, restarts } = forked;
    await supervisor.start();
    const token = await firstAdmin(supervisor);
    let article = await call<Article>(supervisor, 'articles.create', { title: 'Bản 0' }, token);
    const acknowledged: string[] = [];
    for (let i = 1; i <= 15; i += 1) {
      article = await call<Article>(
        supervisor,
        'articles.update',
        { id: article.id, baseVersion: article.version, changes: { title: `Bản ${i}` }, autosave: true },
        token,
      );
      acknowledged.push(article.title);
    }
    // One more save, and the process killed while it runs: no handler, nothing flushed on the way out.
    const inFlight = supervisor.invoke(
      'articles.update',
      { id: article.id, baseVersion: article.version, changes: { title: 'Bản 16' }, autosave: true },
      { sessionToken: token },
    );
    processes[0]!.kill('SIGKILL');
    const answer = await inFlight;
    if (isFailure(answer)) {
      expect(answer.error.code).toBe('CORE_RESTARTED');
      expect(answer.error.message).toContain('khởi động lại');
      expect(answer.error.messageEn).toContain('try it again');
    }
    expect(await exitOf(processes[0]!)).toMatchObject({ signal: 'SIGKILL' });
    // Started again on its own; the session (kept in the store) still holds.
    await vi.waitFor(async () => expect((await supervisor.invoke('auth.status', {})).ok).toBe(true), {
      timeout: 20_000,
      interval: 50,
    });
    expect(restarts).toHaveLength(1);
    expect(processes).toHaveLength(2);
    const after = await call<Article>(supervisor, 'articles.get', { id: article.id }, token);
    const last = answer.ok ? 'Bản 16' : acknowledged[acknowledged.length - 1];
    if (answer.ok) expect(after.title).toBe(last);
    else expect([acknowledged[acknowledged.length - 1], 'Bản 16']).toContain(after.title);
    expect(after.version).toBeGreaterThanOrEqual(article.version);
    await supervisor.shutdown();
  });

  it('a core that keeps dying is given up after its restarts, and the shell is told why', async () => {
    const forked = forkedCore(entry, startOptions(tempDataDir()), { maxRestarts: 1 });
    await forked.supervisor.start();
    forked.processes[0]!.kill('SIGKILL');
    // Started again; no call is answered before it dies again.
    await vi.waitFor(() => expect(forked.starts()).toBe(2), { timeout: 20_000, interval: 50 });
    forked.processes[1]!.kill('SIGKILL');
    await vi.waitFor(() => expect(forked.failures).toHaveLength(1), { timeout: 20_000, interval: 50 });
    expect(forked.failures[0]).toMatchObject({ kind: 'crash-loop' });
    expect((forked.failures[0] as CoreFailure).messageEn).toContain('2 times in a row');
    expect(forked.processes).toHaveLength(2);
    expect(await forked.supervisor.invoke('auth.status', {})).toMatchObject({
      ok: false,
      error: { code: 'CORE_RESTARTED' },
    });
  });

  it('shuts down cleanly: the queue stops its job in flight (resumed at the next start) and the store is closed', async () => {
    const dataDir = tempDataDir();
    const portal = await startFlakyPortal();
    try {
      // The portal holds the first publication open: it is in flight when the app closes.
      portal.plan('hang');
      const first = forkedCore(entry, startOptions(dataDir, { queue: { pollMs: 50 } }));
      await first.supervisor.start();
      const token = await firstAdmin(first.supervisor);
      await call(
        first.supervisor,
        'targets.create',
        { kind: 'http-json', name: 'Cổng thử', config: { endpoint: portal.endpoint }, enabled: true },
        token,
      );
      await publishNewArticle(first.supervisor, 'Tin đang đăng', token);
      await portal.waitForRequests(1, 20_000);
      await first.supervisor.shutdown();
      expect(await exitOf(first.processes[0]!)).toEqual({ code: 0, signal: null });
      // Closed by the core, not by the system: no write-ahead log is left behind.
      expect(fs.existsSync(path.join(dataDir, 'toasoan.sqlite-wal'))).toBe(false);
      expect(portal.articles.size).toBe(0);

      // The next start resumes the job: the article reaches the portal once.
      const second = forkedCore(entry, startOptions(dataDir, { queue: { pollMs: 50 } }));
      await second.supervisor.start();
      await vi.waitFor(() => expect(portal.articles.size).toBe(1), { timeout: 20_000, interval: 50 });
      expect([...portal.articles.values()][0]?.article.title).toBe('Tin đang đăng');
      await second.supervisor.shutdown();
      expect(await exitOf(second.processes[0]!)).toEqual({ code: 0, signal: null });
    } finally {
      await portal.close();
    }
  });

  it('seals publishing secrets with a key the keychain in main seals, asked for over the same protocol', async () => {
    const dataDir = tempDataDir();
    const portal = await startFlakyPortal({ token: 'bi-mat-cua-cong' });
    // A keychain that really transforms (as safeStorage does), and counts its calls.
    const calls: string[] = [];
    const keychain = {
      seal: (plain: string) => {
        calls.push('seal');
        return Uint8Array.from(Buffer.from(plain, 'utf8').reverse());
      },
      open: (sealed: Uint8Array) => {
        calls.push('open');
        return Buffer.from(sealed).reverse().toString('utf8');
      },
    };
    try {
      const first = forkedCore(entry, startOptions(dataDir, { keychain: true }), { keychain });
      await first.supervisor.start();
      expect(calls).toEqual(['seal']);
      expect(fs.existsSync(path.join(dataDir, SEALED_KEY_FILE))).toBe(true);
      const token = await firstAdmin(first.supervisor);
      await call(
        first.supervisor,
        'targets.create',
        {
          kind: 'http-json',
          name: 'Cổng có khóa',
          config: { endpoint: portal.endpoint },
          enabled: true,
          secret: 'bi-mat-cua-cong',
        },
        token,
      );
      await first.supervisor.shutdown();
      const { db } = openDatabase(dataDir);
      const row = db.prepare('SELECT secret, secret_scheme FROM publish_targets').get() as {
        secret: Buffer;
        secret_scheme: string;
      };
      db.close();
      expect(row.secret_scheme).toBe(KEYCHAIN_SCHEME);
      expect(row.secret.toString('utf8')).not.toContain('bi-mat-cua-cong');

      // Another start opens the key through main and publishes with the secret.
      const second = forkedCore(entry, startOptions(dataDir, { keychain: true }), { keychain });
      await second.supervisor.start();
      expect(calls).toEqual(['seal', 'open']);
      await publishNewArticle(second.supervisor, 'Tin có khóa', token);
      await vi.waitFor(() => expect(portal.articles.size).toBe(1), { timeout: 20_000, interval: 50 });
      expect(portal.requests.every((request) => request.authorization === 'Bearer bi-mat-cua-cong')).toBe(true);
      await second.supervisor.shutdown();
    } finally {
      await portal.close();
    }
  });

  it('a core that hangs at start is ended after the start timeout, and one that dies at start is reported, not restarted', async () => {
    const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
    const hanging = forkedCore(path.join(fixtures, 'silent-core.cjs'), startOptions(tempDataDir()), {
      startTimeoutMs: 1000,
    });
    const timedOut = await hanging.supervisor.start().then(
      () => null,
      (error: unknown) => error,
    );
    expect(timedOut).toBeInstanceOf(CoreFailure);
    expect((timedOut as CoreFailure).kind).toBe('start-timeout');
    expect((timedOut as CoreFailure).message).toContain('không mở xong dữ liệu sau 1 giây');
    expect((timedOut as CoreFailure).messageEn).toContain('close other programs and start Tòa Soạn again');
    expect(await exitOf(hanging.processes[0]!)).toMatchObject({ signal: 'SIGKILL' });

    const crashing = forkedCore(path.join(fixtures, 'crashing-core.cjs'), startOptions(tempDataDir()));
    const crashed = await crashing.supervisor.start().then(
      () => null,
      (error: unknown) => error,
    );
    expect((crashed as CoreFailure).kind).toBe('start-crash');
    expect((crashed as CoreFailure).messageEn).toContain('exit code 1');
    expect(crashing.processes).toHaveLength(1);
    expect(crashing.restarts).toEqual([]);
    expect(await crashing.supervisor.invoke('auth.status', {})).toMatchObject({
      ok: false,
      error: { code: 'CORE_RESTARTED' },
    });
    const missing = forkedCore(path.join(fixtures, 'no-such-core.cjs'), startOptions(tempDataDir()));
    const notThere = await missing.supervisor.start().then(
      () => null,
      (error: unknown) => error,
    );
    expect((notThere as CoreFailure).kind).toBe('start-crash');
  });

  it('a read-only data folder: the store is refused with its cause and fix, and no key or database is written', async () => {
    const dataDir = tempDataDir();
    // The write-ahead log cannot be created (a directory in its place): as good as a read-only disk, even for root.
    fs.mkdirSync(path.join(dataDir, 'toasoan.sqlite-wal'));
    const calls: string[] = [];
    const keychain = {
      seal: (plain: string) => (calls.push('seal'), Buffer.from(plain)),
      open: (sealed: Uint8Array) => (calls.push('open'), Buffer.from(sealed).toString()),
    };
    const { supervisor } = forkedCore(entry, startOptions(dataDir, { keychain: true }), { keychain });
    const started = await supervisor.start();
    expect(started.startupError).toMatchObject({ code: 'DB_READONLY' });
    expect(started.startupError?.messageEn).toContain("Check the folder's and the file's write permission");
    expect(fs.existsSync(path.join(dataDir, SEALED_KEY_FILE))).toBe(false);
    expect(calls).toEqual([]);
    expect(await supervisor.invoke('articles.list', {})).toMatchObject({ ok: false, error: { code: 'DB_READONLY' } });
    await supervisor.shutdown();
  });
});
