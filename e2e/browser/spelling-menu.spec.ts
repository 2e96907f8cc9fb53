import type { Page } from '@playwright/test';
import { bodyEditor, openEmptyArticle } from '../support/editor';
import { expect, expectAccessible, screenshot, test } from '../support/fixtures';

/** The middle of a word's letters in the body, in page coordinates. */
async function wordCentre(page: Page, word: string): Promise<{ x: number; y: number }> {
  const centre = await bodyEditor(page).evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const rect = range.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
    return null;
  }, word);
  if (!centre) throw new Error(`“${word}” is not in the body`);
  return centre;
}

test('browser mode: right-clicking a doubted word offers its suggestions, replaces it, or adds it to the dictionary; Shift+F10 opens the same menu', async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  await openEmptyArticle(page, host, 'Thông báo lịch tiếp công dân');
  await page.keyboard.type('Nâng cao chât lượng phục vụ; tổ gioòng trực cả ngày thứ bảy.');
  const panel = page.getByRole('region', { name: 'Kiểm tra' });
  await expect(panel.getByRole('button', { name: 'Sửa “chât” thành “chất”' })).toBeVisible();

  // A word the check does not doubt keeps the browser's own menu.
  const clean = await wordCentre(page, 'lượng');
  await page.mouse.click(clean.x, clean.y, { button: 'right' });
  await expect(page.getByRole('menu')).toHaveCount(0);

  // Right-click on the marked word: its suggestions, the check's own first, the first one focused.
  const slip = await wordCentre(page, 'chât');
  await page.mouse.click(slip.x, slip.y, { button: 'right' });
  const menu = page.getByRole('menu', { name: 'Gợi ý chính tả cho “chât”' });
  await expect(menu).toBeVisible();
  const first = menu.getByRole('menuitem', { name: 'Sửa “chât” thành “chất”' });
  await expect(first).toBeFocused();
  await expect(menu.getByRole('menuitem', { name: /^Sửa “chât” thành/ })).not.toHaveCount(1);
  await expect(menu.getByRole('menuitem', { name: 'Thêm “chât” vào từ điển' })).toBeVisible();
  await expectAccessible(page, 'spelling menu');
  await screenshot(page, 'spelling-menu');
  // Arrow keys move through the items, wrapping; Escape closes and gives the editor back the focus.
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: 'Thêm “chât” vào từ điển' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(first).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(bodyEditor(page)).toBeFocused();

  // Chosen: the word is replaced, as one edit.
  await page.mouse.click(slip.x, slip.y, { button: 'right' });
  await expect(first).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  await expect(bodyEditor(page)).toContainText('Nâng cao chất lượng phục vụ');
  await page.keyboard.press('Control+z');
  await expect(bodyEditor(page)).toContainText('Nâng cao chât lượng phục vụ');
  await page.keyboard.press('Control+Shift+z');
  await expect(bodyEditor(page)).toContainText('Nâng cao chất lượng phục vụ');

  // From the keyboard: the caret in the local word, Shift+F10, then "Thêm vào từ điển".
  await expect(panel.getByRole('button', { name: 'Thêm “gioòng” vào từ điển' })).toBeVisible();
  const local = await wordCentre(page, 'gioòng');
  await page.mouse.click(local.x, local.y);
  await page.keyboard.press('Shift+F10');
  const localMenu = page.getByRole('menu', { name: 'Gợi ý chính tả cho “gioòng”' });
  await expect(localMenu).toBeVisible();
  await expect(localMenu.getByRole('menuitem').first()).toBeFocused();
  // Lexical may write the DOM selection late, and Chromium then focuses the editor: the focus comes back to the menu.
  await bodyEditor(page).evaluate((root) => root.focus());
  await expect(localMenu.getByRole('menuitem').first()).toBeFocused();
  await screenshot(page, 'spelling-menu-keyboard');
  await page.keyboard.press('End');
  await expect(localMenu.getByRole('menuitem', { name: 'Thêm “gioòng” vào từ điển' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel).toContainText('Đã thêm “gioòng” vào từ điển của cơ quan.');
  await expect(panel.getByRole('button', { name: 'Thêm “gioòng” vào từ điển' })).toHaveCount(0);
  expect((await host.api<{ words: string[] }>('quality.settings', {})).words).toContain('gioòng');
  // No longer doubted: no menu of ours over it.
  await page.mouse.click(local.x, local.y, { button: 'right' });
  await expect(page.getByRole('menu')).toHaveCount(0);
});
