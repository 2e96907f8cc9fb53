import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { BODY_JSON, cleanupAll, createUserAndSignIn, ok, openCore, tempDataDir } from '../helpers';
import { nextWallClockSecond, startWordPress, wpFetch, type WordPressRole } from '../support/wordpress';

/**
 * Two workstations, each with its own data folder, meet only through a real WordPress: one article goes from a
 * writer's draft to published by an editor elsewhere. Each queue runs by hand on a clock moved past the pull interval.
 */

const wordpress = await startWordPress();

afterAll(async () => {
  await cleanupAll();
  await wordpress?.stop();
});

const DOC = (text: string) =>
  JSON.stringify({
    root: {
      type: 'root',
      children: [
        {
          type: 'paragraph',
          children: [
            { type: 'text', text, style: 'color: #c0392b;' },
            { type: 'text', text: ' và phần còn lại.' },
          ],
        },
      ],
    },
  });

function workstation(role: WordPressRole) {
  let ahead = 0;
  const core = openCore(tempDataDir(), undefined, { clock: () => new Date(Date.now() + ahead) });
  return {
    core,
    /** Runs what is due after the pull interval has passed (WordPress's times are whole seconds: wait one out). */
    async sync(): Promise<void> {
      await nextWallClockSecond();
      ahead += 11_000;
      await core.queue?.runDue();
    },
    async connect(): Promise<void> {
      const user = wordpress?.users[role];
      await ok(core, 'targets.create', {
        kind: 'wordpress',
        name: 'Cổng TTĐT Giá Rai',
        config: { siteUrl: wordpress?.url ?? '', username: user?.username ?? '', collaborate: true },
        secret: user?.appPassword ?? '',
      });
    },
  };
}

async function failedJobs(core: Core): Promise<string[]> {
  const { jobs } = await ok(core, 'publish.jobs', { states: ['failed', 'retrying'] });
  return jobs.map((j) => `${j.kind}: ${j.lastError?.messageEn ?? ''}`);
}

describe.skipIf(!wordpress)('collaboration through WordPress', () => {
  it('carries an article from a writer on one workstation to publication by an editor on another', async () => {
    const writerDesk = workstation('author');
    const editorDesk = workstation('editor');
    await writerDesk.connect();
    await editorDesk.connect();
    const writer = await createUserAndSignIn(writerDesk.core, 'writer', 'phongvien', 'Lam Nguyễn');
    const editor = await createUserAndSignIn(editorDesk.core, 'editor', 'bientap', 'Biên Tập');

    // Writer: a draft, submitted.
    let mine = await ok(
      writerDesk.core,
      'articles.create',
      { title: 'Khai mạc lễ hội Dớn ca tài tử', lead: 'Tối 30/11, thị xã khai mạc lễ hội.', bodyJson: BODY_JSON },
      writer.session,
    );
    mine = await ok(
      writerDesk.core,
      'articles.update',
      { id: mine.id, baseVersion: mine.version, changes: { bodyJson: DOC('Lễ hội năm nay') } },
      writer.session,
    );
    mine = await ok(
      writerDesk.core,
      'articles.transition',
      { id: mine.id, baseVersion: mine.version, action: 'submit' },
      writer.session,
    );
    await writerDesk.sync();
    expect(await failedJobs(writerDesk.core)).toEqual([]);

    // Editor: it arrives in Chờ duyệt with the writer's exact document; returned with a reason.
    await editorDesk.sync();
    expect(await failedJobs(editorDesk.core)).toEqual([]);
    const [arrived] = (await ok(editorDesk.core, 'articles.list', { status: 'pending_review' }, editor.session)).items;
    expect(arrived?.title).toBe('Khai mạc lễ hội Dớn ca tài tử');
    let theirs = await ok(editorDesk.core, 'articles.get', { id: arrived?.id as number }, editor.session);
    expect(theirs.bodyJson).toBe(DOC('Lễ hội năm nay'));
    theirs = await ok(
      editorDesk.core,
      'articles.transition',
      { id: theirs.id, baseVersion: theirs.version, action: 'return', reason: 'Cần thêm số liệu khách tham dự' },
      editor.session,
    );
    await editorDesk.sync();
    expect(await failedJobs(editorDesk.core)).toEqual([]);

    // Writer: Bị trả lại, with the reason; fixed and submitted again.
    await writerDesk.sync();
    mine = await ok(writerDesk.core, 'articles.get', { id: mine.id }, writer.session);
    expect(mine.status).toBe('returned');
    const comments = await ok(writerDesk.core, 'comments.list', { articleId: mine.id }, writer.session);
    expect(comments.map((c) => [c.kind, c.body])).toEqual([['return', 'Cần thêm số liệu khách tham dự']]);
    mine = await ok(
      writerDesk.core,
      'articles.update',
      { id: mine.id, baseVersion: mine.version, changes: { bodyJson: DOC('Lễ hội năm nay đón 5.000 lượt khách') } },
      writer.session,
    );
    mine = await ok(
      writerDesk.core,
      'articles.transition',
      { id: mine.id, baseVersion: mine.version, action: 'submit' },
      writer.session,
    );
    await writerDesk.sync();

    // Editor: the new text is here, waiting again; approved and published.
    await editorDesk.sync();
    theirs = await ok(editorDesk.core, 'articles.get', { id: theirs.id }, editor.session);
    expect(theirs.status).toBe('pending_review');
    expect(theirs.bodyJson).toBe(DOC('Lễ hội năm nay đón 5.000 lượt khách'));
    theirs = await ok(
      editorDesk.core,
      'articles.transition',
      { id: theirs.id, baseVersion: theirs.version, action: 'approve' },
      editor.session,
    );
    theirs = await ok(
      editorDesk.core,
      'articles.transition',
      { id: theirs.id, baseVersion: theirs.version, action: 'publish' },
      editor.session,
    );
    await editorDesk.sync();
    expect(await failedJobs(editorDesk.core)).toEqual([]);
    const [published] = (await ok(editorDesk.core, 'publish.jobs', { articleId: theirs.id, states: ['succeeded'] }))
      .jobs;
    expect(published?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);

    // The post on WordPress is the preview's article HTML, without the embedded document.
    const posts = (await (await wpFetch(wordpress!, 'editor', '/posts?context=edit&status=publish')).json()) as {
      content: { raw: string };
      title: { raw: string };
    }[];
    const post = posts.find((p) => p.title.raw === 'Khai mạc lễ hội Dớn ca tài tử');
    const preview = await ok(editorDesk.core, 'preview.articleHtml', { id: theirs.id });
    expect(post?.content.raw).toContain(preview.html);
    expect(post?.content.raw).not.toContain('toasoan:doc');

    // Writer: the decision came back.
    await writerDesk.sync();
    expect((await ok(writerDesk.core, 'articles.get', { id: mine.id }, writer.session)).status).toBe('published');
    // Nothing duplicated on the site.
    expect(posts.filter((p) => p.title.raw === 'Khai mạc lễ hội Dớn ca tài tử')).toHaveLength(1);
  }, 120_000);
});
