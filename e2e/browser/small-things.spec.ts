import { bodyEditor } from '../support/editor';
import { expect, openApp, test } from '../support/fixtures';

test('a new article: nothing saved yet, the writer as author, arrow keys between the colour swatches', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await page.getByRole('button', { name: 'Bắt đầu với thư viện trống' }).click();
  await page.keyboard.press('Control+n');
  // Not "Đã lưu" before anything is.
  await expect(page.getByRole('status').filter({ hasText: 'Chưa lưu gì' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Tác giả' })).toHaveValue('Trần Quản Trị');
  await page.getByRole('textbox', { name: 'Tiêu đề', exact: true }).fill('Những việc nhỏ');
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible({ timeout: 10_000 });

  await bodyEditor(page).click();
  await page.getByRole('button', { name: 'Màu chữ' }).click();
  const swatches = page.locator('.color-panel .swatch');
  await expect(swatches.first()).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(swatches.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(swatches.first()).toBeFocused();
  await page.keyboard.press('End');
  await expect(swatches.last()).toBeFocused();
  await page.keyboard.press('Escape');

  // "Trả lời" puts the caret in the reply box.
  await page.getByRole('textbox', { name: 'Ý kiến mới' }).fill('Xem lại số liệu ở đoạn hai.');
  await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
  await page.getByRole('button', { name: 'Trả lời', exact: true }).click();
  await expect(page.getByRole('textbox', { name: /Trả lời/ })).toBeFocused();
});
