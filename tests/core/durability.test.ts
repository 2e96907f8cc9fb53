import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../shared/contract/articles';
import { callApi, cleanupAll, REPO_ROOT, tempDataDir, TEST_ADMIN, trackChild } from '../helpers';

const SERVE = path.join(REPO_ROOT, 'dist', 'host', 'serve.mjs');
const TOKEN = 'durability-test-token';
/** The administrator's session, opened on the first run: it is in the database, so it outlives the kills too. */
let session: string | null = null;

beforeAll(() => {
  // The real browser-mode host, built as `npm run serve` builds it.
  execFileSync(process.execPath, ['scripts/build.mjs', '--node-only'], { cwd: REPO_ROOT, stdio: 'pipe', timeout: 60_000 });
  expect(fs.existsSync(SERVE)).toBe(true);
}, 60_000);

afterEach(cleanupAll);

interface RunningHost {
  child: ChildProcess;
  port: number;
}

/** Starts `node dist/host/serve.mjs` and waits for the address it prints. */
function startHost(dataDir: string, staticDir: string): Promise<RunningHost> {
  const child = trackChild(
    spawn(process.execPath, [SERVE, '--data', dataDir, '--port', '0', '--token', TOKEN, '--static', staticDir], {
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
        if (match[2] === TOKEN) resolve({ child, port: Number(match[1]) });
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
async function killHard(child: ChildProcess): Promise<void> {
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

async function create(port: number, title: string): Promise<Article> {
  const { status, result } = await callApi(port, TOKEN, 'articles.create', { title, lead: `Tóm tắt: ${title}` }, session);
  expect(status).toBe(200);
  if (!result.ok) throw new Error(result.error.messageEn);
  return result.value as Article;
}

describe('a saved article survives a killed host', () => {
  it('finds every article created before SIGKILL, across two kills', async () => {
    const dataDir = tempDataDir();
    const staticDir = tempDataDir('toasoan-static-');

    // First run: sequential saves, killed the moment the last answer arrives.
    const first = await startHost(dataDir, staticDir);
    const admin = await callApi(first.port, TOKEN, 'auth.setupFirstAdmin', TEST_ADMIN);
    if (!admin.result.ok) throw new Error(admin.result.error.messageEn);
    session = (admin.result.value as { sessionToken?: string }).sessionToken ?? null;
    expect(session).toEqual(expect.any(String));
    const saved: Article[] = [];
    for (const title of ['Đường làng nông thôn mới', 'Hội nghị sơ kết 10 năm', 'Thông báo lịch tiếp công dân']) saved.push(await create(first.port, title));
    await killHard(first.child);

    // Second run: everything is there; parallel saves and an edit, then killed again.
    const second = await startHost(dataDir, staticDir);
    for (const article of saved) {
      const { result } = await callApi(second.port, TOKEN, 'articles.get', { id: article.id }, session);
      expect(result).toEqual({ ok: true, value: article });
    }
    const parallel = await Promise.all(Array.from({ length: 8 }, (_, n) => create(second.port, `Tin nhanh số ${n + 1}`)));
    saved.push(...parallel);
    const edit = await callApi(second.port, TOKEN, 'articles.update', { id: saved[0]?.id, baseVersion: 1, changes: { title: 'Đường làng đã hoàn thành' } }, session);
    expect(edit.result.ok).toBe(true);
    await killHard(second.child);

    // Third run: all eleven, the edit and its revision, and the search index agree.
    const third = await startHost(dataDir, staticDir);
    const { result: list } = await callApi(third.port, TOKEN, 'articles.list', { limit: 200 }, session);
    if (!list.ok) throw new Error(list.error.messageEn);
    const ids = (list.value as { items: { id: number }[]; total: number }).items.map((a) => a.id).sort((a, b) => a - b);
    expect(ids).toEqual(saved.map((a) => a.id).sort((a, b) => a - b));
    const { result: edited } = await callApi(third.port, TOKEN, 'articles.get', { id: saved[0]?.id }, session);
    expect(edited).toMatchObject({ ok: true, value: { title: 'Đường làng đã hoàn thành', version: 2 } });
    const { result: revisions } = await callApi(third.port, TOKEN, 'articles.revisions', { id: saved[0]?.id }, session);
    expect(revisions).toMatchObject({ ok: true, value: [{ version: 1, title: 'Đường làng nông thôn mới' }] });
    const { result: found } = await callApi(third.port, TOKEN, 'articles.list', { query: 'tin nhanh' }, session);
    expect(found).toMatchObject({ ok: true, value: { total: 8 } });
    const { result: foundEdit } = await callApi(third.port, TOKEN, 'articles.list', { query: 'hoan thanh' }, session);
    expect(foundEdit).toMatchObject({ ok: true, value: { total: 1 } });
    await killHard(third.child);
  });
});
