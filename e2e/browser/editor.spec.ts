import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { bodyEditor, composeTelex } from '../support/editor';
import { expect, expectAccessible, openApp, screenshot, test } from '../support/fixtures';

async function newArticle(page: import('@playwright/test').Page, title: string) {
  await page.getByRole('button', { name: 'Bắt đầu với thư viện trống' }).click();
  await page.keyboard.press('Control+n');
  await page.getByRole('textbox', { name: 'Tiêu đề', exact: true }).fill(title);
}

test('write an article: colour, size, an image with its caption, all in the preview at both widths, and after a reload', async ({
  page,
  host,
}) => {
  test.setTimeout(90_000);
  await openApp(page, host);
  await newArticle(page, 'Hội nghị sơ kết 10 năm hỗ trợ hộ nghèo');
  const editor = bodyEditor(page);
  await editor.click();
  await page.keyboard.type('Xã Phong Thạnh A có thêm ');
  // Colour and size for the words typed next.
  await page.getByRole('button', { name: 'Màu chữ' }).click();
  await page.getByRole('button', { name: 'Đỏ #c0392b' }).click();
  await page.getByRole('combobox', { name: 'Cỡ chữ' }).fill('24');
  await page.getByRole('combobox', { name: 'Cỡ chữ' }).press('Enter');
  await page.keyboard.type('32 hộ thoát nghèo');
  const red = editor.locator('span', { hasText: '32 hộ thoát nghèo' });
  await expect(red).toHaveCSS('color', 'rgb(192, 57, 43)');
  await expect(red).toHaveCSS('font-size', '24px');
  // The toolbar shows the caret's colour and size; on a mixed selection it shows neither.
  await expect(page.getByRole('combobox', { name: 'Cỡ chữ' })).toHaveValue('24');
  await page.keyboard.press('Control+a');
  await expect(page.getByRole('combobox', { name: 'Cỡ chữ' })).toHaveValue('');
  await page.keyboard.press('End');

  const imageFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-img-')), 'hoi-nghi.jpg');
  await sharp({ create: { width: 2400, height: 1600, channels: 3, background: { r: 30, g: 110, b: 170 } } })
    .jpeg()
    .toFile(imageFile);
  await page.locator('.toolbar input[type=file]').setInputFiles(imageFile);
  const figure = page.locator('.editor-figure');
  await expect(figure.locator('img')).toBeVisible();
  await figure.getByLabel('Chú thích ảnh').fill('Hộ Nguyễn Chí Công ấp 18 xã Phong Thạnh A tham luận tại hội nghị');
  await figure.getByLabel('Mô tả ảnh (cho người khiếm thị)').fill('Người dân phát biểu tại hội nghị');
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible({ timeout: 10_000 });
  await expectAccessible(page, 'editor');
  await screenshot(page, 'editor');

  await page.getByRole('button', { name: 'Xem trước' }).click();
  const frame = page.frameLocator('iframe[title="Trang bài viết như trên cổng"]');
  await expect(frame.getByRole('heading', { name: 'Hội nghị sơ kết 10 năm hỗ trợ hộ nghèo' })).toBeVisible();
  await expect(frame.locator('span', { hasText: '32 hộ thoát nghèo' })).toHaveCSS('color', 'rgb(192, 57, 43)');
  await expect(frame.locator('figcaption')).toHaveText(
    'Hộ Nguyễn Chí Công ấp 18 xã Phong Thạnh A tham luận tại hội nghị',
  );
  await expect(frame.locator('figure img')).toHaveJSProperty('complete', true);
  expect(await frame.locator('figure img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);
  await expect(frame.getByText('Màu chữ', { exact: true })).toBeVisible();
  await expect(frame.getByText('Cỡ chữ', { exact: true })).toBeVisible();
  expect(await frame.locator('body').innerText()).not.toMatch(/\bnull\b|\bundefined\b/);
  await screenshot(page, 'preview-desktop');
  await page.getByText('Điện thoại (390 px)').click();
  await expect(page.locator('iframe.preview-frame')).toHaveCSS('width', '390px');
  await expect(frame.locator('figcaption')).toBeVisible();
  await screenshot(page, 'preview-phone');
  await page.getByRole('button', { name: 'Đóng xem trước' }).click();

  await openApp(page, host);
  await page.getByRole('button', { name: /Hội nghị sơ kết 10 năm/ }).click();
  await expect(bodyEditor(page).locator('span', { hasText: '32 hộ thoát nghèo' })).toHaveCSS('font-size', '24px');
  await expect(page.locator('.editor-figure').getByLabel('Chú thích ảnh')).toHaveValue(
    'Hộ Nguyễn Chí Công ấp 18 xã Phong Thạnh A tham luận tại hội nghị',
  );
});

test('Vietnamese input: Telex through an input method and UniKey-style backspace-and-replace give exactly the intended text', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await newArticle(page, 'Gõ tiếng Việt');
  const editor = bodyEditor(page);
  await editor.click();
  await composeTelex(page, ['v', 'vi', 'vie', 'viê', 'viêt', 'việt'], 'việt');
  await page.keyboard.type(' ');
  await composeTelex(page, ['N', 'Na', 'Nam'], 'Nam');
  await page.keyboard.type(' ');
  await composeTelex(page, ['d', 'đ', 'đu', 'đư', 'đưo', 'đươ', 'đươn', 'đương', 'đường'], 'đường');
  // UniKey: each keystroke that changes a letter sends backspaces, then the new letters.
  await page.keyboard.type(' vie');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText('ê');
  await page.keyboard.type('t');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText('ệt');
  await expect(editor).toHaveText('việt Nam đường việt');
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible({ timeout: 10_000 });
  const [summary] = (await host.api<{ items: { id: number }[] }>('articles.list', { query: 'viet nam duong' })).items;
  const stored = await host.api<{ bodyHtml: string }>('articles.get', { id: summary?.id });
  expect(stored.bodyHtml).toContain('việt Nam đường việt');
  expect(stored.bodyHtml).toBe(stored.bodyHtml.normalize('NFC'));
  expect(stored.bodyHtml).not.toContain('\u200b');
});

test('images by drop and by paste go through the media store; a corrupt file gets a clear message and the text is untouched', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await newArticle(page, 'Ảnh kéo thả và dán');
  const editor = bodyEditor(page);
  await editor.click();
  await page.keyboard.type('Đoạn mở đầu.');
  const png = (
    await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 200, g: 60, b: 40 } } })
      .png()
      .toBuffer()
  ).toString('base64');
  const sendFile = (kind: 'drop' | 'paste', name: string, base64: string, type: string) =>
    page.evaluate(
      ([how, fileName, data, mime]) => {
        const bytes = Uint8Array.from(atob(data ?? ''), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], fileName ?? 'x', { type: mime }));
        const target = document.querySelector('[contenteditable="true"]') as HTMLElement;
        const event =
          how === 'drop'
            ? new DragEvent('drop', {
                dataTransfer: transfer,
                bubbles: true,
                cancelable: true,
                clientX: 400,
                clientY: 400,
              })
            : new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true });
        target.dispatchEvent(event);
      },
      [kind, name, base64, type],
    );
  await sendFile('paste', 'dan.png', png, 'image/png');
  await expect(page.locator('.editor-figure img')).toHaveCount(1);
  await sendFile('drop', 'keo-tha.png', png, 'image/png');
  // The same picture twice is one file in the store, two figures in the text.
  await expect(page.locator('.editor-figure img')).toHaveCount(2);
  const before = await editor.innerText();
  await sendFile('paste', 'hong.jpg', Buffer.from('this is not a picture at all').toString('base64'), 'image/jpeg');
  await expect(page.getByRole('alert').filter({ hasText: 'hong.jpg' })).toBeVisible();
  expect(await editor.innerText()).toBe(before);
  await expect(page.locator('.editor-figure img')).toHaveCount(2);
  await expect(editor).toContainText('Đoạn mở đầu.');
  const stored = fs.readdirSync(path.join(host.dataDir, 'media'));
  expect(stored.filter((name) => !name.includes('.thumb.'))).toHaveLength(1);
  expect(stored.filter((name) => name.endsWith('.thumb.webp'))).toHaveLength(1);
});
