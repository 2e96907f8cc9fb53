import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../electron/core/db/database';
import { createArticle } from '../../electron/core/store/articles';
import { createCategory } from '../../electron/core/store/categories';
import { expect, expectAccessible, openApp, screenshot, test } from '../support/fixtures';
import { Host } from '../support/host';

const COUNT = 20_000;
// Four places and five topics, so that every pair of them occurs.
const PLACES = ['Phong Thạnh A', 'Phường 1', 'Tân Phong', 'Long Điền'];
const TOPICS = [
  'Đường giao thông nông thôn',
  'Hỗ trợ hộ nghèo',
  'Tiêm chủng mở rộng',
  'Khuyến nông',
  'Cải cách hành chính',
];

/** A library of COUNT articles written straight into a data folder through the store, before the host starts. */
function seedLibrary(dataDir: string): void {
  const { db } = openDatabase(dataDir);
  db.transaction(() => {
    const categoryIds = ['Kinh tế', 'Văn hóa - Xã hội', 'Thông báo'].map((name) => createCategory(db, { name }).id);
    const start = Date.parse('2024-01-01T00:00:00Z');
    for (let i = 1; i <= COUNT; i += 1) {
      createArticle(
        db,
        {
          title: `${TOPICS[i % TOPICS.length]} tại ${PLACES[i % PLACES.length]} — tin số ${i}`,
          categoryId: categoryIds[i % categoryIds.length] ?? null,
          author: 'Lam Nguyễn',
        },
        new Date(start + i * 60_000).toISOString(),
      );
    }
  }).immediate();
  db.close();
}

test('a library of 20,000 articles: only the visible rows exist, the keyboard reaches the last one, search narrows it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-e2e-large-'));
  seedLibrary(dataDir);
  const host = new Host(dataDir);
  await host.start();
  try {
    await openApp(page, host);
    await expect(page.getByText('20.000 bài viết')).toBeVisible();
    const list = page.getByRole('list', { name: 'Danh sách bài viết' });
    // Newest change first.
    await expect(list.getByRole('button').first()).toContainText(`tin số ${COUNT}`);
    expect(await list.getByRole('listitem').count()).toBeLessThan(60);

    await list.getByRole('button').first().focus();
    await page.keyboard.press('End');
    const last = list.getByRole('button', { name: /— tin số 1$/ });
    await expect(last).toBeFocused();
    expect(await list.getByRole('listitem').count()).toBeLessThan(60);
    await page.keyboard.press('PageUp');
    await expect(list.getByRole('button', { name: /— tin số 1$/ })).not.toBeFocused();
    await screenshot(page, 'library-large');

    const expected = Array.from({ length: COUNT }, (_, k) => k + 1).filter(
      (i) => i % TOPICS.length === 1 && i % PLACES.length === 3,
    ).length;
    await page.getByLabel('Tìm kiếm bài viết').fill('ho tro ho ngheo long dien');
    await expect(page.getByText(`${expected.toLocaleString('vi-VN')} bài viết`)).toBeVisible();
    await expect(list.getByRole('button').first()).toContainText('Hỗ trợ hộ nghèo tại Long Điền');
    await expectAccessible(page, 'large library');

    // A word in 4,000 titles: counted up to a thousand past the page, and more as the list is scrolled further.
    const count = page.locator('.screen-count');
    await page.getByLabel('Tìm kiếm bài viết').fill('tiem chung');
    await expect(count).toHaveText('Hơn 1.000 bài viết');
    await expect(list.getByRole('button').first()).toContainText(`tin số ${COUNT - 3}`);
    await screenshot(page, 'library-search-capped');
    await list.getByRole('button').first().focus();
    // Each End reaches further down; the count follows ("Hơn 2.100…") until it knows them all.
    let shown = 'Hơn 1.000 bài viết';
    for (let presses = 0; shown !== '4.000 bài viết'; presses++) {
      expect(presses, `the count still reads "${shown}"`).toBeLessThan(12);
      await page.keyboard.press('End');
      const before = shown;
      await expect(count).not.toHaveText(before);
      shown = (await count.textContent()) ?? '';
      expect(shown).toMatch(/^(Hơn \d\.\d00 bài viết|4\.000 bài viết)$/);
    }
    await page.keyboard.press('End');
    await expect(list.getByRole('button', { name: /Tiêm chủng mở rộng .* — tin số 2$/ })).toBeFocused();
  } finally {
    await host.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
