import { expect, type Page } from '@playwright/test';

/**
 * Đăng bài from the article screen: the confirmation shows the article and what the check still says of it; over
 * warnings it asks why (the reason goes to the audit log).
 */
export async function publishFromArticle(
  page: Page,
  reason = 'Đã xem các cảnh báo, đăng theo chỉ đạo.',
): Promise<void> {
  await page.getByRole('complementary').getByRole('button', { name: 'Đăng bài', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Đăng bài lên cổng?' });
  await expect(dialog.getByText(/Bài đã qua kiểm tra|Bài còn \d+ cảnh báo/)).toBeVisible();
  const why = dialog.getByRole('textbox', { name: 'Lý do đăng dù còn cảnh báo' });
  if (await why.isVisible()) await why.fill(reason);
  await dialog.getByRole('button', { name: 'Đăng bài', exact: true }).click();
  await expect(dialog).toHaveCount(0);
}
