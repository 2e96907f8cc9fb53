import fs from 'node:fs';
import path from 'node:path';
import { bodyEditor, openEmptyArticle, pasteHtml } from '../support/editor';
import { expect, test } from '../support/fixtures';

const FIXTURES = path.resolve('tests', 'fixtures', 'paste');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

test('Word lists paste as real lists, without their markers', async ({ page, host }) => {
  await openEmptyArticle(page, host, 'Dán danh sách từ Word');
  await pasteHtml(page, fixture('word-numbered-list.html'));
  const editor = bodyEditor(page);
  await expect(editor.locator('ol > li')).toHaveText(['Item1', 'Item 2']);
  // Out of the list (Enter on an empty item), as a writer does before pasting something else: pasted into an item,
  // the bullets would become items of the numbered list (e2e/browser/paste-anywhere.spec.ts).
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await pasteHtml(page, fixture('word-bulleted-list.html'));
  await expect(editor.locator('ul > li')).toHaveCount(3);
  await expect(editor.locator('ul > li').nth(1).locator('a')).toHaveAttribute('href', 'https://cksource.com/');
  await expect(editor).not.toContainText('·');
  await expect(editor).not.toContainText('1.');
});

test('Word colours and point sizes arrive as text colour and px sizes; the Docs wrapper does not make text bold', async ({
  page,
  host,
}) => {
  await openEmptyArticle(page, host, 'Dán màu chữ và cỡ chữ');
  await pasteHtml(page, fixture('word-font-colors-sizes.html'));
  const editor = bodyEditor(page);
  const firstR = editor.locator('p').first().locator('span', { hasText: /^R$/ });
  await expect(firstR).toHaveCSS('color', 'rgb(255, 0, 0)');
  await expect(firstR).toHaveCSS('font-size', '64px');
  await pasteHtml(page, fixture('gdocs-bold-wrapper.html'));
  const hello = editor.getByText('Hello world');
  await expect(hello).toBeVisible();
  await expect(hello).toHaveCSS('font-weight', '400');
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible({ timeout: 10_000 });
  const [summary] = (await host.api<{ items: { id: number }[] }>('articles.list', { query: 'dan mau chu' })).items;
  const stored = await host.api<{ bodyJson: string }>('articles.get', { id: summary?.id });
  // Stored as the editor's own styles, never Word's.
  expect(stored.bodyJson).toContain('color: #ff0000;');
  expect(stored.bodyJson).toContain('font-size: 64px;');
  expect(stored.bodyJson).not.toMatch(/mso-|MsoNormal|font-family/);
});

test('text typed in TCVN3 is offered for conversion, converted, and one Ctrl+Z takes the paste back', async ({
  page,
  host,
}) => {
  await openEmptyArticle(page, host, 'Dán văn bản TCVN3');
  await page.keyboard.type('Kính gửi: ');
  await pasteHtml(page, '<p>Phßng Lao ®éng - Th­¬ng binh vµ X· héi</p>', 'Phßng Lao ®éng - Th­¬ng binh vµ X· héi');
  const dialog = page.getByRole('dialog', { name: 'Văn bản gõ bằng phông cũ' });
  await expect(dialog).toContainText('TCVN3');
  await dialog.getByRole('button', { name: 'Chuyển sang Unicode' }).click();
  const editor = bodyEditor(page);
  await expect(editor).toContainText('Phòng Lao động - Thương binh và Xã hội');
  await expect(editor).toContainText('Kính gửi:');
  await page.keyboard.press('Control+z');
  await expect(editor).not.toContainText('Phòng Lao động');
  await expect(editor).toContainText('Kính gửi:');
});

test('a 5 MB paste finishes and keeps every paragraph', async ({ page, host }) => {
  test.setTimeout(120_000);
  await openEmptyArticle(page, host, 'Dán tài liệu rất lớn');
  const paragraph = (i: number) =>
    `<p class=MsoNormal style='margin-bottom:0cm;text-align:justify;mso-line-height-alt:12pt'><span style='font-size:13.0pt;font-family:"Times New Roman",serif;mso-fareast-font-family:"Times New Roman";color:#1F3864'>Đoạn ${i}: Ủy ban nhân dân thị xã Giá Rai triển khai kế hoạch hỗ trợ hộ nghèo, hộ cận nghèo trên địa bàn các xã, phường.<o:p></o:p></span></p>\n`;
  let html = '<html><body><!--StartFragment-->';
  let count = 0;
  while (html.length < 5_000_000) html += paragraph(++count);
  html += '<!--EndFragment--></body></html>';
  await page.evaluate(() => {
    const tasks: number[] = [];
    new PerformanceObserver((list) => tasks.push(...list.getEntries().map((entry) => entry.duration))).observe({
      type: 'longtask',
    });
    (window as unknown as { longTasks: number[] }).longTasks = tasks;
  });
  const timing = await page.evaluate(async (markup) => {
    const started = performance.now();
    const data = new DataTransfer();
    data.setData('text/html', markup);
    document.activeElement?.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
    const handled = performance.now() - started;
    // Until the pasted text is on screen: Lexical reconciles after the handler returns.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return { handled, shown: performance.now() - started };
  }, html);
  console.log(
    `[paste] ${(html.length / 1e6).toFixed(1)} MB of Word HTML, ${count} paragraphs: paste handler ${timing.handled.toFixed(0)} ms, on screen after ${timing.shown.toFixed(0)} ms`,
  );
  const editor = bodyEditor(page);
  await expect(editor.locator('p').last()).toContainText(`Đoạn ${count}:`, { timeout: 60_000 });
  expect(await editor.locator('p').count()).toBeGreaterThanOrEqual(count);
  const longest = await page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks));
  console.log(`[paste] longest time the window did not answer while the paste came in: ${longest.toFixed(0)} ms`);
});
