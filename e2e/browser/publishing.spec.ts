import type { Locator, Page } from '@playwright/test';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { bodyEditor } from '../support/editor';
import { expect, expectAccessible, openApp, screenshot, signIn, signOut, test } from '../support/fixtures';
import { EDITOR, WRITER } from '../support/host';
import { publishFromArticle } from '../support/quality';

const TITLE = 'Giá Rai khánh thành cầu Láng Trâm';
const SITE = 'Cổng thị xã (trang tĩnh)';
const BROKEN = 'Thư mục hỏng';
const PORTAL = 'Cổng tỉnh (API)';

/** A port on 127.0.0.1 that nothing listens on: a server takes one, then lets it go. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function addTarget(
  card: Locator,
  fields: { kind?: string; name: string; folder?: string; baseUrl?: string; endpoint?: string; secret?: string },
) {
  if (fields.kind) await card.getByLabel('Loại').selectOption({ label: fields.kind });
  await card.getByLabel('Tên gọi').fill(fields.name);
  if (fields.folder !== undefined) await card.getByLabel('Thư mục (đường dẫn đầy đủ)').fill(fields.folder);
  if (fields.baseUrl !== undefined) await card.getByLabel('Địa chỉ của cổng (không bắt buộc)').fill(fields.baseUrl);
  if (fields.endpoint !== undefined) await card.getByLabel('Địa chỉ API của cổng').fill(fields.endpoint);
  if (fields.secret !== undefined) await card.getByLabel('Mã truy cập (token)').fill(fields.secret);
  await card.getByRole('button', { name: 'Thêm đích xuất bản' }).click();
  await expect(card.getByRole('listitem').filter({ hasText: fields.name })).toBeVisible();
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The row of one job on the queue screen, by its target. */
const jobRow = (page: Page, target: string) =>
  page.getByRole('row').filter({ has: page.getByRole('cell', { name: new RegExp(`^${literal(target)}`) }) });

test('targets are set up in Settings; a published article goes to each; the queue shows success, failure, retry and cancel', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  await host.api('setup.declineDemo', {});
  await host.api('users.create', { ...WRITER, role: 'writer' });
  await host.api('users.create', { ...EDITOR, role: 'editor' });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-publishing-'));
  const siteDir = path.join(tmp, 'site');
  const blocker = path.join(tmp, 'file.txt');
  fs.writeFileSync(blocker, 'Một tệp, không phải thư mục.');
  const port = await closedPort();

  try {
    // The administrator adds the targets in Settings.
    await openApp(page, host);
    await page.keyboard.press('Alt+6');
    const card = page.getByRole('region', { name: 'Đích xuất bản' });
    await expect(card.getByText('Chưa có đích xuất bản nào')).toBeVisible();

    // A folder that is not a full path is refused next to its field, in plain words.
    await card.getByLabel('Tên gọi').fill(SITE);
    await card.getByLabel('Thư mục (đường dẫn đầy đủ)').fill('cong-thong-tin');
    await card.getByRole('button', { name: 'Thêm đích xuất bản' }).click();
    await expect(card.getByText('Hãy nhập đường dẫn đầy đủ của thư mục')).toBeVisible();
    await expect(card.getByLabel('Thư mục (đường dẫn đầy đủ)')).toBeFocused();
    await expect(card.getByLabel('Thư mục (đường dẫn đầy đủ)')).toHaveAttribute('aria-invalid', 'true');

    await addTarget(card, { name: SITE, folder: siteDir, baseUrl: 'https://giarai.example.gov.vn/' });
    await card.getByRole('button', { name: `Kiểm tra đích xuất bản “${SITE}”` }).click();
    await expect(card.getByRole('listitem').filter({ hasText: SITE }).getByRole('status')).toContainText('sẵn sàng');

    await addTarget(card, { name: BROKEN, folder: path.join(blocker, 'site') });
    await card.getByRole('button', { name: `Kiểm tra đích xuất bản “${BROKEN}”` }).click();
    await expect(card.getByRole('listitem').filter({ hasText: BROKEN }).getByRole('status')).toContainText(
      path.join(blocker, 'site'),
    );

    await addTarget(card, {
      kind: 'Cổng HTTP (JSON)',
      name: PORTAL,
      endpoint: `http://127.0.0.1:${port}/api`,
      secret: 'ma-bi-mat-123',
    });
    const portalItem = card.getByRole('listitem').filter({ hasText: PORTAL });
    await expect(portalItem).toContainText('Mã truy cập: đã lưu');
    await expect(portalItem).not.toContainText('ma-bi-mat-123');
    await expect(portalItem.getByRole('switch', { name: `Đang dùng đích “${PORTAL}”` })).toBeChecked();

    // Editing keeps the saved token without showing it.
    await portalItem.getByRole('button', { name: `Sửa đích xuất bản “${PORTAL}”` }).click();
    const editDialog = page.getByRole('dialog', { name: `Sửa đích xuất bản “${PORTAL}”` });
    await expect(editDialog.getByLabel('Mã truy cập (token)')).toHaveValue('');
    await expect(editDialog.getByText('Đã lưu mã truy cập; để trống để giữ nguyên.')).toBeVisible();
    await expectAccessible(page, 'edit target dialog');
    await screenshot(page, 'target-edit-dialog');
    await editDialog.getByLabel('Thời gian chờ (giây)').fill('5');
    await editDialog.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(editDialog).toHaveCount(0);
    await expect(portalItem).toContainText('Mã truy cập: đã lưu');

    await expectAccessible(page, 'settings with the publishing targets');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-targets');
    await signOut(page);

    // The writer writes and submits.
    await signIn(page, WRITER);
    await expect(page.getByRole('button', { name: /Hàng đợi xuất bản/ })).toHaveCount(0);
    await page.keyboard.press('Control+n');
    await page.getByRole('textbox', { name: 'Tiêu đề', exact: true }).fill(TITLE);
    await bodyEditor(page).click();
    await page.keyboard.type('Cây cầu mới nối hai bờ kênh, giúp bà con đi lại thuận tiện.');
    await page.getByRole('button', { name: 'Gửi duyệt' }).click();
    await expect(page.locator('.facts .badge')).toHaveText('Chờ duyệt');
    await expect(page.getByRole('heading', { name: 'Xuất bản', exact: true })).toHaveCount(0);
    await signOut(page);

    // The editor approves and publishes: one job per enabled target.
    await signIn(page, EDITOR);
    await page.getByRole('button', { name: /Chờ duyệt/ }).click();
    await page.getByRole('button', { name: new RegExp(TITLE) }).click();
    await page.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await expect(page.locator('.facts .badge')).toHaveText('Đã duyệt');
    await publishFromArticle(page);
    await expect(page.locator('.facts .badge')).toHaveText('Đã đăng');
    const publications = page.getByRole('list', { name: 'Bài này ở các đích xuất bản' });
    await expect(publications.getByRole('listitem').filter({ hasText: SITE })).toContainText('Thành công');
    await expect(publications.getByRole('listitem').filter({ hasText: BROKEN })).toContainText('Thất bại');
    await expect(publications.getByRole('listitem').filter({ hasText: PORTAL })).toContainText('Chờ thử lại');
    await expectAccessible(page, 'article with its publications');
    await screenshot(page, 'article-publications');
    expect(fs.readdirSync(siteDir)).toContain('index.html');

    // The queue, reached with its shortcut (Alt+7 for every role that has it); the failed job shows in the sidebar.
    await expect(page.getByLabel('1 việc xuất bản thất bại')).toBeVisible({ timeout: 20_000 });
    await page.keyboard.press('Alt+7');
    await expect(page.getByRole('heading', { level: 1, name: 'Hàng đợi xuất bản' })).toBeFocused();
    const site = jobRow(page, SITE);
    await expect(site).toContainText('Thành công');
    await expect(site).toContainText('Đăng bài');
    await expect(site.getByRole('link', { name: /^https:\/\/giarai\.example\.gov\.vn\// })).toBeVisible();
    const broken = jobRow(page, BROKEN);
    await expect(broken).toContainText('Thất bại');
    await expect(broken).toContainText(`Lý do: Thư mục xuất bản "${path.join(blocker, 'site')}"`);
    const portal = jobRow(page, PORTAL);
    await expect(portal).toContainText('Chờ thử lại');
    await expect(portal).toContainText('Lỗi gần nhất: Không kết nối được máy chủ 127.0.0.1');
    await expect(portal).toContainText(/Thử lại lúc \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d/);
    await expect(page.getByRole('button', { name: 'Thất bại (1)' })).toBeVisible();
    await expectAccessible(page, 'publishing queue');
    await screenshot(page, 'publishing-queue');

    // Keyboard only: Tab to the failed job's retry button, Enter; it runs again and fails again, the focus stays in the table.
    const retryName = `Thử lại “${TITLE}” tới ${BROKEN}`;
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) === retryName) break;
    }
    await expect(page.getByRole('button', { name: retryName })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: `Đã xếp lại “${TITLE}” vào hàng đợi.` })).toBeVisible();
    await expect(broken).toContainText('Thất bại');
    await expect(page.locator('.queue-table :focus')).toHaveCount(1);

    // Cancel the job that waits for the unreachable portal.
    await portal.getByRole('button', { name: `Hủy “${TITLE}” tới ${PORTAL}` }).click();
    await expect(portal).toContainText('Đã hủy');
    await expect(portal).toContainText(`Đã hủy bởi ${EDITOR.displayName}`);
    await expect(portal.getByRole('button', { name: `Thử lại “${TITLE}” tới ${PORTAL}` })).toBeVisible();

    // Filtering by state.
    await page.getByRole('button', { name: 'Đã hủy (1)' }).click();
    await expect(page.getByRole('button', { name: 'Đã hủy (1)' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('.queue-table tbody tr')).toHaveCount(1);
    await page.getByRole('button', { name: /^Đang chạy/ }).click();
    await expect(page.getByText('Không có việc nào ở trạng thái này.')).toBeVisible();
    await page.getByRole('button', { name: /^Tất cả/ }).click();
    await expect(page.locator('.queue-table tbody tr')).toHaveCount(3);
    await screenshot(page, 'publishing-queue-after');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('the administrator rebuilds a static site from the card and sees its progress, then the outcome', async ({
  page,
  host,
}) => {
  await host.api('setup.loadDemo', {});
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-rebuild-'));
  try {
    await host.api('targets.create', { kind: 'static-site', name: SITE, config: { folder } });
    await openApp(page, host);
    await page.keyboard.press('Alt+6');
    const item = page.getByRole('region', { name: 'Đích xuất bản' }).getByRole('listitem').filter({ hasText: SITE });
    await item.getByRole('button', { name: `Dựng lại toàn bộ “${SITE}”` }).click();
    await expect(item.getByRole('status')).toContainText(`Đã dựng lại toàn bộ “${SITE}”.`, { timeout: 30_000 });
    expect(fs.readdirSync(folder)).toContain('index.html');

    // The empty queue of a fresh target, then deleting it with a confirmation.
    await item.getByRole('button', { name: `Xóa đích xuất bản “${SITE}”` }).click();
    const confirm = page.getByRole('dialog', { name: `Xóa đích xuất bản “${SITE}”` });
    await expect(confirm.getByRole('button', { name: 'Hủy' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Xóa' }).click();
    await expect(page.getByText('Chưa có đích xuất bản nào')).toBeVisible();
    await page.keyboard.press('Alt+7');
    await expect(page.getByText('Hàng đợi trống')).toBeVisible();
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
