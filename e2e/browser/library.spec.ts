import { expect, expectAccessible, openApp, screenshot, test } from '../support/fixtures';

test.describe('article library in browser mode', () => {
  test('create a Vietnamese article by keyboard, find it without diacritics, find it again after a restart', async ({
    page,
    host,
  }) => {
    await openApp(page, host);
    const welcome = page.getByRole('dialog', { name: 'Chào mừng đến với Tòa Soạn' });
    await expect(welcome).toBeVisible();
    await expectAccessible(page, 'first-run dialog');
    await screenshot(page, 'first-run');
    await welcome.getByRole('button', { name: 'Bắt đầu với thư viện trống' }).click();
    await expect(page.getByText('Chưa có bài viết nào.')).toBeVisible();
    await expectAccessible(page, 'empty library');

    await page.keyboard.press('Control+n');
    await expect(page.getByRole('heading', { name: 'Bài viết mới' })).toBeVisible();
    await page
      .getByRole('textbox', { name: 'Tiêu đề', exact: true })
      .fill('Đường giao thông nông thôn ở xã Phong Thạnh A được nâng cấp');
    await page.getByLabel('Tóm tắt (sapo)').fill('Người dân phấn khởi khi tuyến đường được bê tông hóa.');
    await page.getByLabel('Tác giả').fill('Lam Nguyễn');
    await page.keyboard.press('Control+s');
    await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Sửa bài viết' })).toBeVisible();
    await expectAccessible(page, 'article screen');
    await screenshot(page, 'article');

    await page.keyboard.press('Escape');
    await page.keyboard.press('/');
    await expect(page.getByLabel('Tìm kiếm bài viết')).toBeFocused();
    await page.keyboard.type('duong giao thong phong thanh');
    const list = page.getByRole('list', { name: 'Danh sách bài viết' });
    await expect(list.getByRole('button', { name: /Đường giao thông nông thôn/ })).toBeVisible();
    await expect(page.getByText('1 bài viết')).toBeVisible();
    await screenshot(page, 'library-search');

    await host.restart();
    await openApp(page, host);
    await page.getByLabel('Tìm kiếm bài viết').fill('DUONG GIAO');
    await expect(list.getByRole('button', { name: /Đường giao thông nông thôn/ })).toBeVisible();
    await page.getByLabel('Tìm kiếm bài viết').fill('không có bài nào như thế');
    await expect(page.getByText('Không tìm thấy bài viết phù hợp.')).toBeVisible();
  });

  test('the demo portal: its article, date line in Vietnam time, filters, trash and restore by keyboard', async ({
    page,
    host,
  }) => {
    await openApp(page, host);
    await page.getByRole('button', { name: 'Nạp dữ liệu mẫu' }).click();
    const list = page.getByRole('list', { name: 'Danh sách bài viết' });
    const demo = list.getByRole('button', { name: /Phòng Lao động Thương binh/ });
    await expect(demo).toBeVisible();
    // A screen reader hears the title as the row's name and its status, category and author as its description.
    await expect(demo).toHaveAccessibleDescription(/Đã đăng.*Văn hóa - Xã hội.*Lam Nguyễn/);
    await expectAccessible(page, 'library');
    await screenshot(page, 'library');

    await page.getByLabel('Chuyên mục').selectOption({ label: 'Kinh tế' });
    await expect(page.getByText('Không tìm thấy bài viết phù hợp.')).toBeVisible();
    await page.getByLabel('Chuyên mục').selectOption({ label: 'Văn hóa - Xã hội' });
    await page.getByLabel('Trạng thái').selectOption({ label: 'Đã đăng' });
    await expect(demo).toBeVisible();
    await page.getByLabel('Trạng thái').selectOption({ label: 'Tất cả trạng thái' });
    await page.getByLabel('Chuyên mục').selectOption({ label: 'Tất cả chuyên mục' });

    await demo.click();
    // The browser runs in America/Los_Angeles; the portal's date line is still Vietnam time.
    await expect(page.getByRole('complementary')).toContainText('Thứ năm, 23/03/2023, 08:05');
    await expect(page.getByLabel('Tác giả')).toHaveValue('Lam Nguyễn');
    await expect(page.getByLabel('Đơn vị')).toHaveValue('Phòng LĐTB&XH thị xã');
    await expect(page.getByRole('complementary')).toContainText('277');
    await expect(page.getByRole('textbox', { name: 'Tiêu đề', exact: true })).not.toHaveValue(/null/);
    await screenshot(page, 'article-demo');
    await page.keyboard.press('Escape');

    // Keyboard only: focus the list from the search box, Delete moves the article to the trash.
    // The demo has an earlier article too: the search narrows the list to this one.
    await page.getByLabel('Tìm kiếm bài viết').fill('Phòng Lao động');
    await expect(list.getByRole('button')).toHaveCount(1);
    await page.getByLabel('Tìm kiếm bài viết').focus();
    await page.keyboard.press('ArrowDown');
    await expect(demo).toBeFocused();
    await page.keyboard.press('Delete');
    await expect(demo).toHaveCount(0);
    await page.getByLabel('Tìm kiếm bài viết').fill('');
    await expect(list.getByRole('button', { name: /Hướng dẫn người dân nộp hồ sơ trực tuyến/ })).toBeVisible();

    await page.keyboard.press('Alt+3'); // the administrator's sections: Bài viết, Chờ duyệt, Thùng rác, Người dùng, Nhật ký, Cài đặt
    await expect(page.getByRole('heading', { name: 'Thùng rác' })).toBeVisible();
    await expectAccessible(page, 'trash');
    await screenshot(page, 'trash');
    await page.getByRole('button', { name: /^Khôi phục “Phòng Lao động/ }).click();
    await expect(page.getByText('Thùng rác trống.')).toBeVisible();
    await page.keyboard.press('Alt+1');
    await expect(demo).toBeVisible();
  });

  test('English is selectable and remembered; settings show the data folder', async ({ page, host }) => {
    await openApp(page, host);
    await page.getByRole('button', { name: 'Bắt đầu với thư viện trống' }).click();
    await page.keyboard.press('Alt+6');
    await expect(page.getByRole('heading', { name: 'Cài đặt' })).toBeVisible();
    await expect(page.getByText(host.dataDir, { exact: true })).toBeVisible();
    await expectAccessible(page, 'settings');
    await screenshot(page, 'settings');
    await page.getByLabel('Ngôn ngữ giao diện').selectOption('en');
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await host.restart();
    await openApp(page, host);
    await expect(page.getByRole('heading', { name: 'Article library' })).toBeVisible();
    await expect(page.getByRole('button', { name: /New article/ })).toBeVisible();
    await expectAccessible(page, 'library in English');
  });
});
