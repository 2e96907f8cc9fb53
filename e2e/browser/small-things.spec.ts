import { bodyEditor } from '../support/editor';
import { expect, expectAccessible, openApp, screenshot, signIn, signOut, test } from '../support/fixtures';
import { EDITOR, WRITER } from '../support/host';

const LEADER = { username: 'lanhdao', password: 'lanh-dao-duyet-1', displayName: 'Phạm Văn Lãnh' };

test('a new article: nothing saved yet, the writer as author, arrow keys between the colour swatches', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await page.getByRole('button', { name: 'Bắt đầu với thư viện trống' }).click();
  await page.keyboard.press('Control+n');
  // Not "Đã lưu" before anything is.
  await expect(page.getByRole('status').filter({ hasText: 'Chưa lưu gì' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Tác giả' })).toHaveValue('Trần Quản Trị');
  await page.getByRole('textbox', { name: 'Tiêu đề', exact: true }).fill('Những việc nhỏ');
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible({ timeout: 10_000 });

  await bodyEditor(page).click();
  await page.getByRole('button', { name: 'Màu chữ' }).click();
  const swatches = page.locator('.color-panel .swatch');
  await expect(swatches.first()).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(swatches.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(swatches.first()).toBeFocused();
  await page.keyboard.press('End');
  await expect(swatches.last()).toBeFocused();
  await page.keyboard.press('Escape');

  // "Trả lời" puts the caret in the reply box.
  await page.getByRole('textbox', { name: 'Ý kiến mới' }).fill('Xem lại số liệu ở đoạn hai.');
  await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
  await page.getByRole('button', { name: 'Trả lời', exact: true }).click();
  await expect(page.getByRole('textbox', { name: /Trả lời/ })).toBeFocused();
});

test('focus after sign-in and after Gửi duyệt, the same section keys for every role, read-only fields that look it', async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  await host.api('setup.declineDemo', {});
  await host.api('users.create', { ...WRITER, role: 'writer' });
  await host.api('users.create', { ...EDITOR, role: 'editor' });
  await host.api('users.create', { ...LEADER, role: 'leader' });
  await openApp(page, host, null);
  await signIn(page, WRITER);
  // The caret waits in the first field of the first screen.
  await expect(page.getByRole('searchbox', { name: 'Tìm kiếm bài viết' })).toBeFocused();

  // A section's key is the same for every role; a section the writer lacks leaves its key unused.
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { level: 1, name: 'Cài đặt' })).toBeFocused();
  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('heading', { level: 1, name: 'Cài đặt' })).toBeVisible();
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { level: 1, name: 'Bị trả lại' })).toBeFocused();
  await page.keyboard.press('Alt+1');

  // After Gửi duyệt the button is gone: the caret goes to the article's new status.
  await page.keyboard.press('Control+n');
  await page.getByRole('textbox', { name: 'Tiêu đề', exact: true }).fill('Lịch tiếp công dân tháng 12');
  await page.getByRole('textbox', { name: 'Tóm tắt (sapo)' }).fill('Lịch tiếp công dân định kỳ của lãnh đạo thị xã.');
  await bodyEditor(page).click();
  await page.keyboard.type('Lãnh đạo thị xã tiếp công dân vào sáng thứ năm hằng tuần tại trụ sở tiếp công dân.');
  await page.getByRole('button', { name: 'Gửi duyệt' }).click();
  const status = page.locator('.facts dd').first().locator('[tabindex="-1"]');
  await expect(status).toHaveText('Chờ duyệt');
  await expect(status).toBeFocused();
  await signOut(page);

  // The editor's queue is Alt+7, as the administrator's is.
  await signIn(page, EDITOR);
  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { level: 1, name: 'Hàng đợi xuất bản' })).toBeFocused();
  await signOut(page);

  // The leader reads the article: its fields look read-only, and no button to save or change it is offered.
  await signIn(page, LEADER);
  await page.keyboard.press('Alt+2');
  await page.getByRole('button', { name: /Lịch tiếp công dân tháng 12/ }).click();
  const title = page.getByRole('textbox', { name: 'Tiêu đề', exact: true });
  await expect(title).toBeDisabled();
  await expect(title).toHaveCSS('border-color', 'rgba(0, 0, 0, 0)');
  await expect(title).toHaveCSS('color', 'rgb(29, 36, 51)');
  await expect(page.getByRole('button', { name: 'Lưu', exact: true })).toHaveCount(0);
  await expectAccessible(page, 'article read by a leader');
  await screenshot(page, 'article-leader-read-only');
});

test('opening an article and leaving it without an edit saves nothing: no new version', async ({ page, host }) => {
  await host.api('setup.declineDemo', {});
  const created = await host.api<{ id: number; version: number }>('articles.create', {
    title: 'Bảng số liệu hộ nghèo năm 2026',
    bodyJson: JSON.stringify({
      root: {
        type: 'root',
        version: 1,
        format: '',
        indent: 0,
        direction: null,
        children: [
          {
            type: 'paragraph',
            version: 1,
            format: '',
            indent: 0,
            direction: null,
            textFormat: 0,
            textStyle: '',
            children: [
              { type: 'text', version: 1, text: 'Số hộ nghèo giảm.', format: 0, style: '', detail: 0, mode: 'normal' },
            ],
          },
        ],
      },
    }),
  });
  await openApp(page, host);
  await page.getByRole('button', { name: /Bảng số liệu hộ nghèo năm 2026/ }).click();
  await expect(bodyEditor(page)).toContainText('Số hộ nghèo giảm.');
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible();
  // Leaving saves whatever is unsaved: an article only opened has nothing to save.
  await page.getByRole('button', { name: '← Quay lại thư viện' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bài viết' })).toBeVisible();
  const after = await host.api<{ version: number }>('articles.get', { id: created.id });
  expect(after.version).toBe(created.version);
});
