import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../shared/contract/articles';
import { callApi, cleanupAll, tempDataDir, TEST_ADMIN } from '../helpers';
import { buildHost, killHard, startHost as startHostProcess } from '../support/host-process';

const TOKEN = 'durability-test-token';
/** The administrator's session, opened on the first run: it is in the database, so it outlives the kills too. */
let session: string | null = null;

beforeAll(buildHost, 60_000);

afterEach(cleanupAll);

const startHost = (dataDir: string, staticDir: string) => startHostProcess(dataDir, staticDir, TOKEN);

async function create(port: number, title: string): Promise<Article> {
  const { status, result } = await callApi(
    port,
    TOKEN,
    'articles.create',
    { title, lead: `Tóm tắt: ${title}` },
    session,
  );
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
    for (const title of ['Đường làng nông thôn mới', 'Hội nghị sơ kết 10 năm', 'Thông báo lịch tiếp công dân'])
      saved.push(await create(first.port, title));
    await killHard(first.child);

    // Second run: everything is there; parallel saves and an edit, then killed again.
    const second = await startHost(dataDir, staticDir);
    for (const article of saved) {
      const { result } = await callApi(second.port, TOKEN, 'articles.get', { id: article.id }, session);
      expect(result).toEqual({ ok: true, value: article });
    }
    const parallel = await Promise.all(
      Array.from({ length: 8 }, (_, n) => create(second.port, `Tin nhanh số ${n + 1}`)),
    );
    saved.push(...parallel);
    const edit = await callApi(
      second.port,
      TOKEN,
      'articles.update',
      { id: saved[0]?.id, baseVersion: 1, changes: { title: 'Đường làng đã hoàn thành' } },
      session,
    );
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
