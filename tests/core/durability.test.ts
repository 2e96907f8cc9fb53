import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../shared/contract/articles';
import { bodyPatch, serializeBody } from '../../shared/render/body-blocks';
import { paragraphsDocument } from '../../shared/render/body-nodes';
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

  it('keeps the bodies saved as changed blocks, and their words in the search, after SIGKILL on the last answer', async () => {
    const dataDir = tempDataDir();
    const staticDir = tempDataDir('toasoan-static-');
    const first = await startHost(dataDir, staticDir);
    const admin = await callApi(first.port, TOKEN, 'auth.setupFirstAdmin', TEST_ADMIN);
    if (!admin.result.ok) throw new Error(admin.result.error.messageEn);
    const own = (admin.result.value as { sessionToken: string }).sessionToken;
    const doc = paragraphsDocument(Array.from({ length: 30 }, (_, n) => `Đoạn ${n + 1} của báo cáo tổng kết năm.`));
    let sent = serializeBody(doc);
    const created = await callApi(
      first.port,
      TOKEN,
      'articles.create',
      { title: 'Báo cáo dài', bodyJson: sent.json },
      own,
    );
    if (!created.result.ok) throw new Error(created.result.error.messageEn);
    let version = (created.result.value as Article).version;
    // Autosaves as the editor sends them, each acknowledged; the host dies the moment the last answer arrives, before
    // the search index catches up with them.
    for (const word of ['nhất', 'nhì', 'ba', 'tư', 'năm']) {
      const typed = (doc.root.children[15] as { children: { text: string }[] }).children[0] as { text: string };
      typed.text += ` chữ thứ ${word}`;
      const next = serializeBody(doc);
      const patch = bodyPatch(sent.parts, next.parts);
      const { status, result } = await callApi(
        first.port,
        TOKEN,
        'articles.saveBody',
        { id: (created.result.value as Article).id, baseVersion: version, ...patch, autosave: true },
        own,
      );
      expect(status).toBe(200);
      if (!result.ok) throw new Error(result.error.messageEn);
      version = (result.value as { version: number }).version;
      sent = next;
    }
    await killHard(first.child);

    const second = await startHost(dataDir, staticDir);
    const { result: stored } = await callApi(
      second.port,
      TOKEN,
      'articles.get',
      { id: (created.result.value as Article).id },
      own,
    );
    expect(stored).toMatchObject({ ok: true, value: { version, bodyJson: JSON.stringify(doc) } });
    const { result: found } = await callApi(second.port, TOKEN, 'articles.list', { query: 'chu thu nam' }, own);
    expect(found).toMatchObject({ ok: true, value: { total: 1, items: [{ title: 'Báo cáo dài' }] } });
    await killHard(second.child);
  });
});
