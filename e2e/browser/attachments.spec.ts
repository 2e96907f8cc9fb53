import { pdfScanned, pdfWithText, windowsExecutable } from '../../tests/support/attachment-files';
import { bodyEditor, openEmptyArticle } from '../support/editor';
import { expect, expectAccessible, screenshot, test } from '../support/fixtures';

test('attached documents: added with the file button, described, flagged as a scan, reordered by keyboard, removed', async ({
  page,
  host,
}) => {
  await openEmptyArticle(page, host, 'Công bố quyết định thành lập phường Láng Tròn');
  await page.keyboard.type('Ủy ban nhân dân thị xã công bố quyết định thành lập phường.');
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible({ timeout: 10_000 });

  const panel = page.getByRole('region', { name: 'Văn bản đính kèm' });
  await expect(panel.getByText('Chưa có văn bản đính kèm.')).toBeVisible();
  const picker = panel.locator('input[type=file]');
  await expect(panel.getByRole('button', { name: 'Đính kèm văn bản…' })).toBeVisible();

  await picker.setInputFiles({ name: 'Quyết định 15.pdf', mimeType: 'application/pdf', buffer: pdfWithText() });
  await expect(panel.getByRole('link', { name: 'Quyết định 15' })).toBeVisible();
  await expect(panel.getByRole('listitem').first()).toContainText('(PDF, 1 KB)');

  await picker.setInputFiles({ name: 'Bản ký.pdf', mimeType: 'application/pdf', buffer: pdfScanned() });
  await expect(panel.getByRole('link', { name: 'Bản ký' })).toBeVisible();
  await expect(panel.getByRole('note')).toContainText('Bản quét không có lớp chữ');

  // A program named .pdf is refused by its content, in words, and nothing is added.
  await picker.setInputFiles({ name: 'chuong-trinh.pdf', mimeType: 'application/pdf', buffer: windowsExecutable() });
  await expect(panel.getByRole('alert')).toContainText('nội dung của tệp là EXE/DLL (Windows)');
  await expect(panel.getByRole('link')).toHaveCount(2);

  // The decision's particulars, its date typed in Vietnamese order.
  await panel.getByRole('button', { name: 'Sửa thông tin văn bản “Quyết định 15”' }).click();
  await panel.getByRole('textbox', { name: 'Số/ký hiệu' }).fill('15/2023/QĐ-UBND');
  await panel.getByRole('textbox', { name: 'Ngày ban hành' }).fill('15/3/2023');
  await panel.getByRole('textbox', { name: 'Cơ quan ban hành' }).fill('UBND thị xã Giá Rai');
  await panel.getByRole('button', { name: 'Lưu thông tin' }).click();
  const decision = panel.getByRole('listitem').filter({ hasText: 'Quyết định 15' });
  await expect(decision).toContainText('15/2023/QĐ-UBND');
  await expect(decision).toContainText('15/03/2023');
  await expect(decision).toContainText('UBND thị xã Giá Rai');
  await expect(panel.getByRole('button', { name: 'Sửa thông tin văn bản “Quyết định 15”' })).toBeFocused();

  await expectAccessible(page, 'the attachments panel');
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, 'attachments-panel');

  // Reordered from the keyboard: the scan moves up, the focus staying with it.
  await panel.getByRole('button', { name: 'Đưa “Bản ký” lên trên' }).focus();
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('link')).toHaveText(['Bản ký', 'Quyết định 15']);
  await expect(panel.getByRole('button', { name: 'Đưa “Bản ký” xuống dưới' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('link')).toHaveText(['Quyết định 15', 'Bản ký']);

  // Kept in the store in that order, with the particulars.
  const [article] = (await host.api<{ items: { id: number }[] }>('articles.list', {})).items;
  const stored = await host.api<
    { displayName: string; docNumber: string; issuedOn: string | null; scanned: boolean }[]
  >('attachments.list', { articleId: article?.id });
  expect(stored.map((a) => [a.displayName, a.docNumber, a.issuedOn, a.scanned])).toEqual([
    ['Quyết định 15', '15/2023/QĐ-UBND', '2023-03-15', false],
    ['Bản ký', '', null, true],
  ]);

  // The preview is the portal's page: the list under the article, each document linked where the app serves it.
  await page.getByRole('button', { name: 'Xem trước' }).click();
  const frame = page.frameLocator('iframe[title="Trang bài viết như trên cổng"]');
  const listed = frame.getByRole('region', { name: 'Văn bản đính kèm' });
  await expect(listed.getByRole('link')).toHaveText(['Quyết định 15', 'Bản ký']);
  await expect(listed.getByRole('listitem').first()).toContainText(
    'Số/ký hiệu: 15/2023/QĐ-UBND · Ngày ban hành: 15/03/2023 · Cơ quan ban hành: UBND thị xã Giá Rai',
  );
  await expect(listed.getByRole('listitem').nth(1)).toContainText('Bản quét');
  expect(await listed.getByRole('link').first().getAttribute('href')).toMatch(/\/media\/[0-9a-f]{64}\.pdf$/);
  await listed.scrollIntoViewIfNeeded();
  await screenshot(page, 'attachments-preview');
  await page.getByRole('button', { name: 'Đóng xem trước' }).click();

  await panel.getByRole('button', { name: 'Bỏ văn bản đính kèm “Bản ký”' }).click();
  await expect(panel.getByRole('link')).toHaveText(['Quyết định 15']);
  await expect(bodyEditor(page)).toContainText('Ủy ban nhân dân thị xã');
});
