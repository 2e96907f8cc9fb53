import { paragraphsDocument } from '../../shared/render/body-nodes';
import { bodyEditor, openEmptyArticle } from '../support/editor';
import { expect, expectAccessible, openApp, screenshot, signIn, signOut, test } from '../support/fixtures';
import { EDITOR, WRITER } from '../support/host';
import { publishFromArticle } from '../support/quality';

test('a writer sees the Kiểm tra panel, fixes a word with one click and adds one to the dictionary; an empty article is refused', async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  await host.api('setup.declineDemo', {});
  await host.api('users.create', { ...WRITER, role: 'writer' });
  await openApp(page, host, null);
  await signIn(page, WRITER);

  // An empty article: submitting it is refused, and the reason is shown.
  await page.keyboard.press('Control+n');
  await page.getByRole('textbox', { name: 'Tiêu đề', exact: true }).fill('Thông báo lịch tiếp công dân');
  const panel = page.getByRole('region', { name: 'Kiểm tra' });
  await expect(panel.getByRole('status')).toContainText('1 lỗi phải sửa');
  await expect(panel).toContainText('Bài viết chưa có nội dung.');
  await expect(page.getByRole('button', { name: 'Gửi duyệt' })).toBeVisible();
  await page.getByRole('button', { name: 'Gửi duyệt' }).click();
  await expect(page.getByRole('complementary')).toContainText('chưa qua được kiểm tra trước khi đăng');
  await expect(page.getByRole('complementary')).toContainText('Bài viết chưa có nội dung');
  await expect(page.locator('.facts .badge')).toHaveText('Bản nháp');
  await screenshot(page, 'quality-empty-refused');

  // The body is written with a slip and a local word: both are found while typing pauses.
  await bodyEditor(page).click();
  await page.keyboard.type('Nâng cao chât lượng phục vụ tại bộ phận một cửa; tổ gioòng trực cả ngày thứ bảy.');
  const fix = panel.getByRole('button', { name: 'Sửa “chât” thành “chất”' });
  await expect(fix).toBeVisible();
  const addWord = panel.getByRole('button', { name: 'Thêm “gioòng” vào từ điển' });
  await expect(addWord).toBeVisible();
  await expectAccessible(page, 'article with the Kiểm tra panel');
  await screenshot(page, 'quality-panel');

  await fix.click();
  await expect(bodyEditor(page)).toContainText('Nâng cao chất lượng phục vụ');
  await expect(fix).toHaveCount(0);
  await addWord.click();
  await expect(panel).toContainText('Đã thêm “gioòng” vào từ điển của cơ quan.');
  await expect(addWord).toHaveCount(0);
  const words = await host.api<{ words: string[] }>('quality.settings', {});
  expect(words.words).toContain('gioòng');

  // Bỏ qua hides one warning (for this session); Hiện lại brings it back.
  await panel.getByRole('button', { name: 'Bỏ qua: Bài viết chưa có sapo (tóm tắt).' }).click();
  await expect(panel).not.toContainText('Bài viết chưa có sapo');
  await expect(panel).toContainText('Đã bỏ qua 1');
  await panel.getByRole('button', { name: 'Hiện lại' }).click();
  await expect(panel).toContainText('Bài viết chưa có sapo');

  // Clicking a finding goes to its place: the caption of the featured image has no image.
  await page.getByRole('textbox', { name: 'Chú thích ảnh đại diện' }).fill('Quang cảnh buổi tiếp dân');
  const caption = panel.getByRole('button', { name: /Chú thích ảnh đại diện/ });
  await caption.click();
  await expect(page.getByRole('textbox', { name: 'Chú thích ảnh đại diện' })).toBeFocused();
  await page.getByRole('button', { name: 'Gửi duyệt' }).click();
  await expect(page.locator('.facts .badge')).toHaveText('Chờ duyệt');
});

test('before Đăng bài the editor sees the summary and the findings, and publishes over warnings with a reason', async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  await host.api('setup.declineDemo', {});
  await host.api('users.create', { ...EDITOR, role: 'editor' });
  let article = await host.api<{ id: number; version: number }>('articles.create', {
    title: 'Phòng Lao động Thương binh và xã hội phối hợp giảm nghèo',
    bodyJson: JSON.stringify(
      paragraphsDocument(['Phòng Lao động - Thương binh và Xã hội thị xã phối hợp với các xã rà soát hộ nghèo.']),
    ),
  });
  for (const action of ['submit', 'approve'])
    article = await host.api('articles.transition', { id: article.id, baseVersion: article.version, action });

  await openApp(page, host, null);
  await signIn(page, EDITOR);
  await page.getByRole('button', { name: /Phòng Lao động Thương binh/ }).click();
  await page.getByRole('complementary').getByRole('button', { name: 'Đăng bài', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Đăng bài lên cổng?' });
  await expect(dialog).toContainText('Phòng Lao động Thương binh và xã hội phối hợp giảm nghèo');
  await expect(dialog).toContainText(/Bài còn \d+ cảnh báo/);
  await expect(dialog).toContainText('Phòng Lao động - Thương binh và Xã hội');
  await expectAccessible(page, 'publish confirmation');
  await screenshot(page, 'quality-publish-confirm');
  await dialog.getByRole('button', { name: 'Hủy' }).click();
  await publishFromArticle(page, 'Tin chỉ đạo khẩn, sửa tên cơ quan sau.');
  await expect(page.locator('.facts .badge')).toHaveText('Đã đăng');
  const audit = await host.api<{ items: { details: string; username: string | null }[] }>('audit.list', {
    action: 'quality.override',
  });
  expect(audit.items[0]?.username).toBe(EDITOR.username);
  expect(audit.items[0]?.details).toContain('Tin chỉ đạo khẩn, sửa tên cơ quan sau.');
  await signOut(page);
});

/**
 * A check answers about the text it read: when the writer has typed since, its findings are not shown (their marks
 * would fall on the wrong words, and the panel would be laid out under the keys); the check after the pause is.
 */
test('an answer about text typed over since is dropped; the check after the pause shows', async ({ page, host }) => {
  await openEmptyArticle(page, host, 'Thông báo lịch trực');
  const panel = page.getByRole('region', { name: 'Kiểm tra' });
  await bodyEditor(page).click();
  await page.keyboard.type('Nâng cao chât lượng phục vụ.');
  await expect(panel.getByRole('button', { name: 'Sửa “chât” thành “chất”' })).toBeVisible();

  // From now on each check waits until the test lets it answer.
  const waiting: (() => void)[] = [];
  await page.route('**/api/quality.check', async (route) => {
    await new Promise<void>((resolve) => waiting.push(resolve));
    await route.continue();
  });
  const addWord = panel.getByRole('button', { name: 'Thêm “gioòng” vào từ điển' });
  await page.keyboard.type(' Tổ gioòng trực.');
  await expect.poll(() => waiting.length).toBe(1);
  // Typed while that check runs: its answer (which knows of “gioòng”) is about text that is gone.
  await page.keyboard.type(' Cả ngày.');
  const stale = page.waitForResponse('**/api/quality.check');
  waiting[0]?.();
  await stale;
  await expect.poll(() => waiting.length).toBe(2);
  await expect(addWord).toHaveCount(0);
  waiting[1]?.();
  await expect(addWord).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Sửa “chât” thành “chất”' })).toBeVisible();
});
