import { bodyEditor, openEmptyArticle, pasteHtml } from '../support/editor';
import { expect, test } from '../support/fixtures';

const paragraphs = (count: number, from = 1) =>
  Array.from(
    { length: count },
    (_, i) =>
      `<p>Đoạn ${from + i}: Ủy ban nhân dân thị xã Giá Rai triển khai kế hoạch hỗ trợ hộ nghèo trên địa bàn.</p>`,
  ).join('');

const skipsOffscreen = (page: import('@playwright/test').Page) =>
  bodyEditor(page).evaluate((element) => element.hasAttribute('data-skip-offscreen'));

test('a long report: the blocks off screen are skipped by the browser, yet every one is there to reach and edit', async ({
  page,
  host,
}) => {
  await openEmptyArticle(page, host, 'Báo cáo dài');
  await pasteHtml(page, `<html><body>${paragraphs(400)}</body></html>`);
  const editor = bodyEditor(page);
  await expect(editor.locator('p').last()).toContainText('Đoạn 400:');
  expect(await skipsOffscreen(page)).toBe(true);

  // The far ends of the document, by keyboard: the caret's block is laid out and on screen, and takes the typing.
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('Mở đầu. ');
  await expect(editor.locator('p').first()).toBeInViewport();
  await expect(editor.locator('p').first()).toContainText('Mở đầu. Đoạn 1:');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Hết.');
  await expect(editor.locator('p').last()).toBeInViewport();
  await expect(editor.locator('p').last()).toContainText('trên địa bàn. Hết.');
  // With Shift, the same keys select: from the end to the start is the whole text, which a key then replaces.
  await page.keyboard.press('Control+Shift+Home');
  await page.keyboard.type('X');
  await expect(editor).toHaveText('X');
  await page.keyboard.press('Control+z');
  await expect(editor.locator('p')).toHaveCount(400);
  await expect(editor.locator('p').last()).toContainText('trên địa bàn. Hết.');
  await page.keyboard.press('Control+End');
  // A block never shown keeps its text for the page's own search (Ctrl+F) and for assistive technology.
  expect(await editor.locator('p').nth(200).textContent()).toContain('Đoạn 201:');

  // Past the limit (a very long paste), nothing is skipped any more; back under it, skipping returns.
  await pasteHtml(page, `<html><body>${paragraphs(1200, 401)}</body></html>`);
  await expect(editor.locator('p').last()).toContainText('Đoạn 1600:');
  await expect.poll(() => skipsOffscreen(page)).toBe(false);
  await page.keyboard.press('Control+z');
  await expect(editor.locator('p').last()).toContainText('Hết.');
  await expect.poll(() => skipsOffscreen(page)).toBe(true);
});
