import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, expectAccessible, openApp, screenshot, signIn, test } from '../support/fixtures';
import { ADMIN } from '../support/host';

test('the administrator backs up, restores a backup after more work, and exports the organisation profile', async ({
  page,
  host,
}) => {
  await host.api('setup.declineDemo', {});
  await host.api('portal.update', {
    name: 'CỔNG THÔNG TIN ĐIỆN TỬ XÃ THỬ NGHIỆM',
    address: 'Ấp 1',
    phone: '0291',
    fax: '',
    responsible: 'Ông A',
  });
  await host.api('articles.create', { title: 'Bài có trong bản sao lưu' });
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-e2e-backups-'));
  try {
    await openApp(page, host);
    await page.keyboard.press('Alt+6');
    await expect(page.getByRole('heading', { name: 'Sao lưu và khôi phục' })).toBeVisible();

    // A relative path is refused in words before anything is sent.
    await page.getByLabel('Thư mục lưu bản sao lưu (đường dẫn đầy đủ)').fill('sao-luu');
    await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
    await expect(page.getByText('Hãy nhập đường dẫn đầy đủ', { exact: false })).toBeVisible();
    await page.getByLabel('Thư mục lưu bản sao lưu (đường dẫn đầy đủ)').fill(folder);
    await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã sao lưu vào' }).first()).toBeVisible();
    const [archive] = fs.readdirSync(folder);
    expect(archive).toMatch(/^toasoan-backup-\d{8}-\d{6}\.tar$/);
    await expectAccessible(page, 'settings with backup');
    await screenshot(page, 'settings-backup');

    // The organisation profile file.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Xuất tệp hồ sơ' }).click();
    const profile = JSON.parse(fs.readFileSync(await (await download).path(), 'utf8')) as {
      format: string;
      portal: { name: string };
    };
    expect(profile).toMatchObject({
      format: 'toasoan-organisation-profile',
      portal: { name: 'CỔNG THÔNG TIN ĐIỆN TỬ XÃ THỬ NGHIỆM' },
    });

    // More work, then the restore takes the library back to the backup.
    await host.api('articles.create', { title: 'Bài viết sau khi sao lưu' });
    await page
      .getByLabel('Tệp sao lưu cần khôi phục (đường dẫn đầy đủ, .tar)')
      .fill(path.join(folder, archive as string));
    await page.getByRole('button', { name: 'Khôi phục…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Khôi phục từ bản sao lưu?' });
    await expect(dialog).toBeVisible();
    await expectAccessible(page, 'restore confirmation');
    await dialog.getByRole('button', { name: 'Khôi phục', exact: true }).click();
    await page.getByRole('button', { name: 'Đăng nhập lại' }).click();
    await signIn(page, ADMIN);
    await page.keyboard.press('Alt+1');
    await expect(page.getByRole('button', { name: /Bài có trong bản sao lưu/ })).toBeVisible();
    await expect(page.getByRole('button', { name: /Bài viết sau khi sao lưu/ })).toHaveCount(0);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
