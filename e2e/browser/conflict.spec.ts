import { paragraphsDocument } from '../../shared/render/body-nodes';
import { bodyEditor } from '../support/editor';
import { expect, openApp, test } from '../support/fixtures';

test('the same article in two windows: the stale save is refused, and the local text is kept as a copy', async ({
  browser,
  host,
}) => {
  test.setTimeout(90_000);
  await host.api('setup.declineDemo', {});
  const article = await host.api<{ id: number; version: number }>('articles.create', {
    title: 'Lịch tiếp công dân tháng 12',
    bodyJson: JSON.stringify(paragraphsDocument(['Lãnh đạo UBND thị xã tiếp công dân vào thứ năm hằng tuần.'])),
  });
  const [first, second] = [await browser.newPage(), await browser.newPage()];
  for (const page of [first, second]) {
    await openApp(page, host);
    await page.getByRole('button', { name: /Lịch tiếp công dân tháng 12/ }).click();
    await expect(bodyEditor(page)).toContainText('thứ năm hằng tuần');
  }
  await bodyEditor(first).click();
  await first.keyboard.press('Control+End');
  await first.keyboard.type(' Địa điểm: phòng tiếp dân.');
  await expect(first.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible();

  await bodyEditor(second).click();
  await second.keyboard.press('Control+End');
  await second.keyboard.type(' Thời gian: 7 giờ 30.');
  const conflict = second.getByRole('alert').filter({ hasText: 'đã được sửa ở nơi khác' });
  await expect(conflict).toBeVisible();
  await conflict.getByRole('button', { name: 'Giữ bản của tôi thành bản sao' }).click();

  // Both texts are kept: the first window's in the article, the second's in a copy.
  const stored = await host.api<{ bodyHtml: string }>('articles.get', { id: article.id });
  expect(stored.bodyHtml).toContain('Địa điểm: phòng tiếp dân.');
  expect(stored.bodyHtml).not.toContain('Thời gian: 7 giờ 30.');
  const copies = await host.api<{ items: { id: number; title: string }[] }>('articles.list', {
    query: 'lich tiep cong dan ban sao',
  });
  expect(copies.items).toHaveLength(1);
  const copy = await host.api<{ bodyHtml: string }>('articles.get', { id: copies.items[0]?.id });
  expect(copy.bodyHtml).toContain('Thời gian: 7 giờ 30.');
  await expect(bodyEditor(second)).toContainText('Địa điểm: phòng tiếp dân.');
});
