import Database from 'better-sqlite3';
import path from 'node:path';
import { paragraphsDocument } from '../../shared/render/body-nodes';
import { bodyEditor } from '../support/editor';
import { expect, openApp, screenshot, test } from '../support/fixtures';

const saved = (page: import('@playwright/test').Page) => page.getByRole('status').filter({ hasText: 'Đã lưu' });

test('autosave: after kill -9 the article reopens with at most the last 2 seconds of typing missing', async ({ page, host }) => {
  await openApp(page, host);
  await page.getByRole('button', { name: 'Bắt đầu với thư viện trống' }).click();
  await page.keyboard.press('Control+n');
  await page.getByRole('textbox', { name: 'Tiêu đề', exact: true }).fill('Bài viết không được mất');
  await bodyEditor(page).click();
  await page.keyboard.type('Phần đầu đã gõ xong.', { delay: 20 });
  // No Ctrl+S: only autosave. Two seconds later the host dies without warning.
  await page.waitForTimeout(2000);
  await page.keyboard.type(' Vài chữ cuối', { delay: 20 });
  await host.stop('SIGKILL');
  await host.start();
  await openApp(page, host);
  await page.getByRole('button', { name: /Bài viết không được mất/ }).click();
  await expect(bodyEditor(page)).toContainText('Phần đầu đã gõ xong.');
});

test('a failed save is shown, retried and never dropped', async ({ page, host }) => {
  await openApp(page, host);
  await page.getByRole('button', { name: 'Bắt đầu với thư viện trống' }).click();
  await page.keyboard.press('Control+n');
  await page.getByRole('textbox', { name: 'Tiêu đề', exact: true }).fill('Lưu lại khi mất kết nối');
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

test('a damaged stored body opens as an error with the last good revision offered, never as an empty editor', async ({ page, host }) => {
  const created = await host.api<{ id: number; version: number }>('articles.create', { title: 'Bài có nội dung bị hỏng' });
  const good = JSON.stringify(paragraphsDocument(['Nội dung tốt của phiên bản hai.']));
  const v2 = await host.api<{ version: number }>('articles.update', { id: created.id, baseVersion: created.version, changes: { bodyJson: good } });
  await host.api('articles.update', { id: created.id, baseVersion: v2.version, changes: { lead: 'Sapo mới' } });
  // Something outside the app damaged the row.
  const db = new Database(path.join(host.dataDir, 'toasoan.sqlite'));
  db.prepare('UPDATE articles SET body_json = ? WHERE id = ?').run('{"root": {"type": "root", "children": [', created.id);
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
  expect(JSON.parse(stored.bodyJson).root.children).toHaveLength(1);
});
