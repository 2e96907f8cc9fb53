import { chromiumExecutable } from '../support/chromium';
import { expect, expectAccessible, openApp, screenshot, signOut, test } from '../support/fixtures';

// An English browser on an English system: dates must still read day/month/year on the 24-hour clock.
const executablePath = chromiumExecutable();
test.use({
  locale: 'en-US',
  launchOptions: {
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--lang=en-US'],
  },
});

test('in a Chromium started with --lang=en-US, the article and audit dates read dd/mm/yyyy, 24-hour; file pickers and validation speak Vietnamese', async ({
  page,
  host,
}) => {
  test.setTimeout(90_000);
  await openApp(page, host);
  expect(await page.evaluate(() => navigator.language)).toBe('en-US');
  await page.getByRole('button', { name: 'Bắt đầu với thư viện trống' }).click();
  await page.keyboard.press('Control+n');
  await page.getByRole('textbox', { name: 'Tiêu đề', exact: true }).fill('Lịch tiếp công dân tháng 12');
  const when = page.getByRole('group', { name: 'Thời gian đăng (giờ Việt Nam)' });
  await expect(when.getByRole('textbox', { name: 'Ngày (ngày/tháng/năm)' })).toHaveAttribute(
    'placeholder',
    'dd/mm/yyyy',
  );
  await when.getByRole('textbox', { name: 'Ngày (ngày/tháng/năm)' }).fill('07/12/2026');
  await when.getByRole('textbox', { name: 'Giờ (24 giờ, giờ Việt Nam)' }).fill('14:30');
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible({ timeout: 10_000 });
  // No native date input is left to show the browser's order.
  await expect(page.locator('input[type="date"], input[type="datetime-local"], input[type="time"]')).toHaveCount(0);
  const [summary] = (await host.api<{ items: { id: number }[] }>('articles.list', { query: 'lich tiep cong dan' }))
    .items;
  const stored = await host.api<{ publishedAt: string }>('articles.get', { id: summary?.id });
  expect(stored.publishedAt).toBe('2026-12-07T07:30:00.000Z');
  // A wrong date is said so when the writer leaves the field, and nothing is saved from it.
  await when.getByRole('textbox', { name: 'Ngày (ngày/tháng/năm)' }).fill('31/02/2026');
  await page.getByRole('textbox', { name: 'Tiêu đề', exact: true }).focus();
  await expect(when.getByRole('alert')).toContainText('ngày/tháng/năm');
  await when.getByRole('textbox', { name: 'Ngày (ngày/tháng/năm)' }).fill('07/12/2026');
  await expectAccessible(page, 'article-dates-en-US');
  await screenshot(page, 'article-dates-en-US');

  // After a reload the field shows the stored moment in the same order.
  await openApp(page, host);
  await page.getByRole('button', { name: /Lịch tiếp công dân tháng 12/ }).click();
  await expect(when.getByRole('textbox', { name: 'Ngày (ngày/tháng/năm)' })).toHaveValue('07/12/2026');
  await expect(when.getByRole('textbox', { name: 'Giờ (24 giờ, giờ Việt Nam)' })).toHaveValue('14:30');

  // The audit log's filters.
  await page.keyboard.press('Alt+5');
  const from = page.getByRole('textbox', { name: 'Từ ngày' });
  await expect(from).toHaveAttribute('placeholder', 'dd/mm/yyyy');
  await from.fill('01/12/2026');
  await expect(from).toHaveValue('01/12/2026');
  await screenshot(page, 'audit-dates-en-US');

  // File pickers in the interface's language: no native "Choose File / No file chosen" on screen.
  await page.keyboard.press('Alt+6');
  const profile = page.locator('section[aria-labelledby="settings-profile"]');
  await expect(profile.getByRole('button', { name: 'Chọn ảnh logo…' })).toBeVisible();
  await expect(profile.getByText('Chưa chọn tệp')).toBeVisible();
  await expect(profile.locator('input[type="file"]:visible')).toHaveCount(0);

  // The browser's own validation bubble speaks the interface's language.
  await signOut(page);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  const username = page.getByRole('textbox', { name: 'Tên đăng nhập' });
  expect(await username.evaluate((input: HTMLInputElement) => input.validationMessage)).toBe('Vui lòng điền mục này.');
});
