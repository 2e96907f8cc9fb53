import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, expectAccessible, openApp, screenshot, test } from '../support/fixtures';
import { settledQueue } from '../support/static-site';

const TITLE = 'Hội nghị tổng kết, “nhìn lại” năm 2026';
const SITE = 'Cổng thử nghiệm';

/** An editor document: each paragraph a list of runs, a run either plain text or bold. */
function body(...paragraphs: (string | { bold: string })[][]): string {
  const children = paragraphs.map((runs) => ({
    type: 'paragraph',
    version: 1,
    children: runs.map((run) =>
      typeof run === 'string'
        ? { type: 'text', version: 1, text: run, format: 0 }
        : { type: 'text', version: 1, text: run.bold, format: 1 },
    ),
  }));
  return JSON.stringify({ root: { type: 'root', version: 1, children } });
}

test('the audit log reads as sentences after a few actions; versions say who made them, their changes show full width, and restoring over a published article asks first', async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  await host.api('setup.declineDemo', {});
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-audit-'));
  await host.api('targets.create', { kind: 'static-site', name: SITE, config: { folder } });
  const first = [
    ['Sáng nay, Ủy ban nhân dân thị xã tổ chức hội nghị tổng kết công tác năm 2026 với sự tham dự của các phòng ban.'],
    ['Hội nghị đánh giá kết quả thực hiện các chỉ tiêu kinh tế, văn hóa và xã hội trên địa bàn thị xã.'],
  ];
  let article = await host.api<{ id: number; version: number }>('articles.create', {
    title: TITLE,
    lead: 'Thị xã tổng kết công tác năm.',
    bodyJson: body(...first),
  });
  // A save by hand: a word made bold in the first paragraph, the second paragraph reworded.
  article = await host.api('articles.update', {
    id: article.id,
    baseVersion: article.version,
    changes: {
      bodyJson: body(
        [
          'Sáng nay, ',
          { bold: 'Ủy ban nhân dân thị xã' },
          ' tổ chức hội nghị tổng kết công tác năm 2026 với sự tham dự của các phòng ban.',
        ],
        ['Hội nghị đánh giá kết quả thực hiện các chỉ tiêu kinh tế, văn hóa, xã hội và quốc phòng trên địa bàn.'],
      ),
    },
  });
  for (const action of ['submit', 'approve', 'publish'])
    article = await host.api('articles.transition', { id: article.id, baseVersion: article.version, action });
  await settledQueue(host);

  // The audit log, as sentences with names and the title.
  await openApp(page, host);
  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('heading', { name: 'Nhật ký hoạt động' })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table).toContainText(`Trần Quản Trị tạo bài «${TITLE}».`);
  await expect(table).toContainText(`Trần Quản Trị gửi duyệt bài «${TITLE}».`);
  await expect(table).toContainText(`Trần Quản Trị duyệt bài «${TITLE}» (bước 1/1).`);
  await expect(table).toContainText(`Trần Quản Trị đăng bài «${TITLE}».Đăng`);
  await expect(table).toContainText(`Hàng đợi xuất bản đã đưa bài «${TITLE}» lên «${SITE}»`);
  await expect(table).toContainText(`Trần Quản Trị thêm đích xuất bản «${SITE}».`);
  await expect(table).not.toContainText('Không rõ');
  // Times in Vietnam time: dd/mm/yyyy hh:mm:ss.
  await expect(table.locator('time').first()).toHaveText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
  await expectAccessible(page, 'audit log as sentences');
  await screenshot(page, 'audit-sentences');

  // The filter offers every group; the publishing group shows the queue's work and the targets, nothing else.
  await page.getByLabel('Hoạt động', { exact: true }).selectOption({ label: 'Mọi mục: Xuất bản' });
  await expect(table).not.toContainText('tạo bài');
  await expect(table).toContainText(`Hàng đợi xuất bản đã đưa bài «${TITLE}»`);
  await expect(page.getByLabel('Hoạt động', { exact: true }).locator('option')).toContainText([
    'Vượt cảnh báo kiểm tra',
    'Thêm đích xuất bản',
    'Sao lưu',
    'Khôi phục từ bản sao lưu',
  ]);

  // The article's versions: who made each and how, and what a save changed, full width.
  await page.keyboard.press('Alt+1');
  await page
    .getByRole('button', { name: new RegExp(TITLE.slice(0, 20)) })
    .first()
    .click();
  const versions = page.locator('section[aria-labelledby="revisions-heading"]');
  await expect(versions.getByText('Trần Quản Trị duyệt (bước 1/1)')).toBeVisible();
  await expect(versions.getByText('Trần Quản Trị lưu')).toBeVisible();
  await expect(versions.getByText('Trần Quản Trị tạo bài')).toBeVisible();
  await versions.getByRole('button', { name: 'Xem thay đổi của phiên bản 2' }).click();
  const dialog = page.getByRole('dialog', { name: 'Khác biệt' });
  await expect(dialog.getByText('thêm in đậm: «Ủy ban nhân dân thị xã»')).toBeVisible();
  await expect(dialog.locator('ins', { hasText: 'và quốc phòng' })).toBeVisible();
  // Paragraphs apart: the body's two paragraphs are two paragraphs of the diff.
  await expect(dialog.locator('.diff-paragraph')).toHaveCount(2);
  const box = await dialog.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan((page.viewportSize()?.width ?? 0) * 0.6);
  await expectAccessible(page, 'revisions diff');
  await screenshot(page, 'revisions-diff');
  await dialog.getByRole('button', { name: 'Đóng' }).click();
  await screenshot(page, 'revisions-list');

  // Restoring over a published article asks first, and says the portal keeps the approved version.
  await versions.getByRole('button', { name: 'Khôi phục phiên bản 1' }).click();
  const confirm = page.getByRole('dialog', { name: 'Khôi phục phiên bản 1?' });
  await expect(confirm).toContainText('cổng vẫn giữ bản đã duyệt cho đến khi bài được duyệt lại');
  await expectAccessible(page, 'restore confirmation');
  await screenshot(page, 'revisions-restore-confirm');
  await confirm.getByRole('button', { name: 'Hủy' }).click();
  await expect(confirm).toHaveCount(0);
  // Cancelled: nothing restored.
  const kept = await host.api<{ event: string | null }[]>('articles.history', { id: article.id });
  expect(kept.map((version) => version.event)).not.toContain('restored');
  await versions.getByRole('button', { name: 'Khôi phục phiên bản 1' }).click();
  await confirm.getByRole('button', { name: 'Khôi phục phiên bản 1' }).click();
  await expect(versions.getByText('Trần Quản Trị khôi phục phiên bản 1')).toBeVisible();

  // In English, the same log speaks English.
  await host.api('settings.update', { language: 'en' });
  await openApp(page, host);
  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('table')).toContainText(`Trần Quản Trị approved “${TITLE}” (step 1/1).`);
  await expect(page.getByRole('table')).toContainText(`Trần Quản Trị restored version 1 of “${TITLE}”`);
  await screenshot(page, 'audit-sentences-en');
});
