import fs from 'node:fs';
import { expect, expectAccessible, openApp, screenshot, signIn, test } from '../support/fixtures';

test('the administrator adds, disables and re-enables a user; the audit log shows it and exports as CSV', async ({
  page,
  host,
}) => {
  await host.api('setup.declineDemo', {});
  await openApp(page, host);
  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('heading', { name: 'Người dùng', exact: true })).toBeVisible();
  const form = page
    .getByRole('form', { name: 'Thêm người dùng' })
    .or(page.locator('form').filter({ hasText: 'Thêm người dùng' }))
    .first();
  await form.getByLabel('Tên đăng nhập').fill('ctv.hoa');
  await form.getByLabel('Tên hiển thị').fill('Trần Thị Hoa');
  await form.getByLabel('Vai trò').selectOption('writer');
  await form.getByLabel('Mật khẩu', { exact: true }).fill('cong-tac-vien-1');
  await form.getByRole('button', { name: 'Thêm người dùng' }).click();
  await expect(page.getByRole('cell', { name: 'Trần Thị Hoa' })).toBeVisible();
  await page.getByRole('button', { name: 'Khóa tài khoản của Trần Thị Hoa' }).click();
  await expect(page.getByRole('button', { name: /Mở khóa tài khoản của Trần Thị Hoa/ })).toBeVisible();
  await expectAccessible(page, 'users');
  await screenshot(page, 'users');

  // A disabled user cannot sign in.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill('ctv.hoa');
  await page.getByLabel('Mật khẩu').fill('cong-tac-vien-1');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await signIn(page, { username: 'quantri', password: 'mat-khau-quan-tri', displayName: '' });

  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('heading', { name: 'Nhật ký hoạt động' })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table).toContainText('Đăng nhập sai');
  await expect(table).toContainText('ctv.hoa');
  await expectAccessible(page, 'audit log');
  await screenshot(page, 'audit');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất CSV' }).click();
  const file = await (await download).path();
  const csv = fs.readFileSync(file, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain('ctv.hoa');

  await page.keyboard.press('Alt+4');
  await page.getByRole('button', { name: /Mở khóa tài khoản của Trần Thị Hoa/ }).click();
  await expect(page.getByRole('button', { name: 'Khóa tài khoản của Trần Thị Hoa' })).toBeVisible();
});
