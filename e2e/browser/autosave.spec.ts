import Database from 'better-sqlite3';
import path from 'node:path';
import { paragraphsDocument, type BodyDocument } from '../../shared/render/body-nodes';
import { bodyEditor } from '../support/editor';
import { expect, openApp, screenshot, test } from '../support/fixtures';

const saved = (page: import('@playwright/test').Page) => page.getByRole('status').filter({ hasText: 'Đã lưu' });

/** A new article with this title, in an empty library. */
async function newArticle(
  page: import('@playwright/test').Page,
  host: import('../support/host').Host,
  title: string,
): Promise<void> {
  await openApp(page, host);
  await page.getByRole('button', { name: 'Bắt đầu với thư viện trống' }).click();
  await page.keyboard.press('Control+n');
  await page.getByRole('textbox', { name: 'Tiêu đề', exact: true }).fill(title);
}

test('autosave: after kill -9 the article reopens with what autosave had stored', async ({ page, host }) => {
  await newArticle(page, host, 'Bài viết không được mất');
  await bodyEditor(page).click();
  await page.keyboard.type('Phần đầu đã gõ xong.', { delay: 20 });
  // No Ctrl+S: only autosave. Once the host holds the first sentence, a few more words, and it dies without warning.
  await expect
    .poll(async () => {
      const [summary] = (await host.api<{ items: { id: number }[] }>('articles.list', { query: 'khong duoc mat' }))
        .items;
      return summary ? (await host.api<{ bodyHtml: string }>('articles.get', { id: summary.id })).bodyHtml : '';
    })
    .toContain('Phần đầu đã gõ xong.');
  await page.keyboard.type(' Vài chữ cuối', { delay: 20 });
  await host.stop('SIGKILL');
  await host.start();
  await openApp(page, host);
  await page.getByRole('button', { name: /Bài viết không được mất/ }).click();
  await expect(bodyEditor(page)).toContainText('Phần đầu đã gõ xong.');
});

test('autosave of a long article sends only the paragraph typed into, and survives kill -9 once acknowledged', async ({
  page,
  host,
}) => {
  const paragraphs = Array.from({ length: 200 }, (_, n) => `Đoạn ${n + 1} của báo cáo tổng kết công tác năm.`);
  const created = await host.api<{ id: number }>('articles.create', {
    title: 'Báo cáo dài gõ giữa bài',
    bodyJson: JSON.stringify(paragraphsDocument(paragraphs)),
  });
  const sentBodies: { blocks: string[]; keepStart: number; keepEnd: number }[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/articles.saveBody')) sentBodies.push(request.postDataJSON() as never);
  });
  await openApp(page, host);
  await page.getByRole('button', { name: /Báo cáo dài gõ giữa bài/ }).click();
  await bodyEditor(page).getByText('Đoạn 100 của báo cáo', { exact: false }).click();
  await page.keyboard.press('End');
  // The first save sends the body whole: it was not written by this editor (another key order), so no block matches.
  await page.keyboard.type(' Thêm', { delay: 20 });
  await expect(saved(page)).toBeVisible({ timeout: 10_000 });
  sentBodies.length = 0;
  await page.keyboard.type(' giữa bài.', { delay: 20 });
  // Acknowledged: the screen says saved and the host holds it; then it dies without warning.
  await expect(saved(page)).toBeVisible({ timeout: 10_000 });
  await expect
    .poll(async () => bodyText((await host.api<{ bodyJson: string }>('articles.get', { id: created.id })).bodyJson))
    .toContain('Đoạn 100 của báo cáo tổng kết công tác năm. Thêm giữa bài.');
  expect(sentBodies.length).toBeGreaterThan(0);
  for (const sent of sentBodies)
    expect(sent).toMatchObject({ keepStart: 99, keepEnd: 100, blocks: [expect.any(String)] });
  await host.stop('SIGKILL');
  await host.start();
  await openApp(page, host);
  await page.getByRole('button', { name: /Báo cáo dài gõ giữa bài/ }).click();
  await expect(bodyEditor(page)).toContainText('Đoạn 100 của báo cáo tổng kết công tác năm. Thêm giữa bài.');
  await expect(bodyEditor(page)).toContainText('Đoạn 200 của báo cáo tổng kết công tác năm.');
  const [found] = (await host.api<{ items: { id: number }[] }>('articles.list', { query: 'them giua bai' })).items;
  expect(found?.id).toBe(created.id);
});

test('a failed save is shown, retried and never dropped', async ({ page, host }) => {
  await newArticle(page, host, 'Lưu lại khi mất kết nối');
  await expect(saved(page)).toBeVisible();
  await host.stop();
  await bodyEditor(page).click();
  await page.keyboard.type('Gõ trong lúc lõi không chạy.');
  await expect(page.getByRole('status').filter({ hasText: 'Lỗi lưu' })).toBeVisible();
  await screenshot(page, 'save-failed');
  await host.start();
  await expect(saved(page)).toBeVisible({ timeout: 20_000 });
  const [summary] = (await host.api<{ items: { id: number }[] }>('articles.list', { query: 'luu lai khi mat' })).items;
  const stored = await host.api<{ bodyHtml: string }>('articles.get', { id: summary?.id });
  expect(stored.bodyHtml).toContain('Gõ trong lúc lõi không chạy.');
});

test('a damaged stored body opens as an error with the last good revision offered, never as an empty editor', async ({
  page,
  host,
}) => {
  const created = await host.api<{ id: number; version: number }>('articles.create', {
    title: 'Bài có nội dung bị hỏng',
  });
  const good = JSON.stringify(paragraphsDocument(['Nội dung tốt của phiên bản hai.']));
  const v2 = await host.api<{ version: number }>('articles.update', {
    id: created.id,
    baseVersion: created.version,
    changes: { bodyJson: good },
  });
  await host.api('articles.update', { id: created.id, baseVersion: v2.version, changes: { lead: 'Sapo mới' } });
  // Something outside the app damaged the row.
  const db = new Database(path.join(host.dataDir, 'toasoan.sqlite'));
  db.prepare('UPDATE articles SET body_json = ? WHERE id = ?').run(
    '{"root": {"type": "root", "children": [',
    created.id,
  );
  db.close();

  await openApp(page, host);
  await page.getByRole('button', { name: /Bài có nội dung bị hỏng/ }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'bị hỏng' });
  await expect(alert).toBeVisible();
  await expect(bodyEditor(page)).toHaveCount(0);
  await screenshot(page, 'body-damaged');
  await alert.getByRole('button', { name: /Mở phiên bản 2/ }).click();
  await expect(bodyEditor(page)).toContainText('Nội dung tốt của phiên bản hai.');
  await expect(saved(page)).toBeVisible();
  const stored = await host.api<{ bodyJson: string }>('articles.get', { id: created.id });
  expect((JSON.parse(stored.bodyJson) as BodyDocument).root.children).toHaveLength(1);
});

/** The text of a stored body: its blocks' text, one a line. */
function bodyText(bodyJson: string | null): string {
  const { root } = JSON.parse(bodyJson ?? '{"root":{"children":[]}}') as {
    root: { children: { children?: { text?: string }[] }[] };
  };
  return root.children.map((block) => (block.children ?? []).map((child) => child.text ?? '').join('')).join('\n');
}

/** The stored body of the one article whose title matches `query`; null while there is no such article yet. */
async function storedBody(host: import('../support/host').Host, query: string): Promise<string | null> {
  const [summary] = (await host.api<{ items: { id: number }[] }>('articles.list', { query })).items;
  return summary
    ? bodyText((await host.api<{ bodyJson: string | null }>('articles.get', { id: summary.id })).bodyJson)
    : null;
}

test('the body is read when it is saved: autosave, Ctrl+S right after a key, and leaving the article each save the last key', async ({
  page,
  host,
}) => {
  await newArticle(page, host, 'Lưu đúng chữ cuối cùng');
  await bodyEditor(page).click();
  await page.keyboard.type('Tự động lưu khi ngừng gõ.');
  await expect.poll(() => storedBody(host, 'luu dung chu cuoi'), { timeout: 10_000 }).toBe('Tự động lưu khi ngừng gõ.');
  await expect(saved(page)).toBeVisible();

  // Ctrl+S at once after the last key, well before the autosave would: that save carries the last key, sent as the
  // one block that changed (articles.saveBody), not the whole body.
  const flushed = page.waitForRequest(
    (request) =>
      request.url().endsWith('/api/articles.saveBody') &&
      (request.postDataJSON() as { autosave?: boolean } | null)?.autosave === false,
  );
  await page.keyboard.type(' Rồi Ctrl+S ngay!');
  await page.keyboard.press('Control+s');
  const sent = (await flushed).postDataJSON() as { blocks: string[] };
  expect(bodyText(`{"root":{"children":[${sent.blocks.join(',')}]}}`)).toBe(
    'Tự động lưu khi ngừng gõ. Rồi Ctrl+S ngay!',
  );
  await expect(saved(page)).toBeVisible();

  // After a reload the text is there; a key typed just before leaving the article is saved on the way out.
  await openApp(page, host);
  await page.getByRole('button', { name: /Lưu đúng chữ cuối cùng/ }).click();
  await expect(bodyEditor(page)).toHaveText('Tự động lưu khi ngừng gõ. Rồi Ctrl+S ngay!');
  await bodyEditor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Sau khi mở lại.');
  await page.getByRole('button', { name: /Quay lại thư viện/ }).click();
  // The library shows once the leave guard's save is done (the screen's own timer went with it).
  const row = page.getByRole('button', { name: /Lưu đúng chữ cuối cùng/ });
  await expect(row).toBeVisible();
  expect(await storedBody(host, 'luu dung chu cuoi')).toBe(
    'Tự động lưu khi ngừng gõ. Rồi Ctrl+S ngay! Sau khi mở lại.',
  );
  await row.click();
  await expect(bodyEditor(page)).toHaveText('Tự động lưu khi ngừng gõ. Rồi Ctrl+S ngay! Sau khi mở lại.');
});

test('a long paste is saved whole, even when a save comes between its slices', async ({ page, host }) => {
  test.setTimeout(90_000);
  await newArticle(page, host, 'Dán dài rồi lưu');
  await bodyEditor(page).click();
  // More paragraphs than one slice of the paste (PastePlugin's SLICE is 400), and Ctrl+S right after the first
  // slice: that save has the first slice only, and the slices after it are edits to save as well.
  const count = 1500;
  const html = Array.from({ length: count }, (_, i) => `<p>Đoạn ${i + 1} của văn bản dán.</p>`).join('');
  await page.evaluate(async (markup) => {
    const data = new DataTransfer();
    data.setData('text/html', markup);
    document.activeElement?.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
    // Once the first slice is committed (Lexical commits in a microtask), before the next slice's task.
    await Promise.resolve();
    window.dispatchEvent(
      new KeyboardEvent('keydown', { key: 's', code: 'KeyS', ctrlKey: true, bubbles: true, cancelable: true }),
    );
  }, html);
  await expect(bodyEditor(page).locator('p').last()).toHaveText(`Đoạn ${count} của văn bản dán.`, { timeout: 30_000 });
  await expect
    .poll(async () => (await storedBody(host, 'dan dai roi luu'))?.split('\n').length, { timeout: 20_000 })
    .toBe(count);
  expect((await storedBody(host, 'dan dai roi luu'))?.split('\n').at(-1)).toBe(`Đoạn ${count} của văn bản dán.`);
});
