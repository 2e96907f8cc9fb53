import { bodyEditor } from '../support/editor';
import { expect, expectAccessible, openApp, screenshot, signIn, signOut, test } from '../support/fixtures';
import { ADMIN, EDITOR, Host, WRITER } from '../support/host';

test('the first administrator is created on first run, then signs in again', async ({ page, host }) => {
  await host.stop();
  const fresh = new Host();
  await fresh.start({ firstAdmin: false });
  try {
    await openApp(page, fresh, null);
    await expect(page.getByRole('heading', { name: 'Tạo tài khoản quản trị đầu tiên' })).toBeVisible();
    await expectAccessible(page, 'first administrator');
    await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill(ADMIN.username);
    await page.getByRole('textbox', { name: 'Họ và tên' }).fill(ADMIN.displayName);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Nhập lại mật khẩu').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Tạo tài khoản và đăng nhập' }).click();
    await expect(page.getByRole('dialog', { name: 'Chào mừng đến với Tòa Soạn' })).toBeVisible();
    await page.getByRole('button', { name: 'Bắt đầu với thư viện trống' }).click();
    await signOut(page);
    await expectAccessible(page, 'sign in');
    await screenshot(page, 'sign-in');
    await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill(ADMIN.username);
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await signIn(page, ADMIN);
  } finally {
    await fresh.stop();
    fresh.remove();
  }
});

test('a writer writes and submits; an editor returns it with a reason; the writer fixes and resubmits; the editor approves and schedules it', async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  await host.api('setup.declineDemo', {});
  await host.api('users.create', { ...WRITER, role: 'writer' });
  await host.api('users.create', { ...EDITOR, role: 'editor' });

  // The writer.
  await openApp(page, host, null);
  await signIn(page, WRITER);
  await expect(page.getByRole('button', { name: /Người dùng/ })).toHaveCount(0);
  await page.keyboard.press('Control+n');
  await page.getByRole('textbox', { name: 'Tiêu đề', exact: true }).fill('Xã Phong Thạnh A ra mắt mô hình giảm nghèo');
  await bodyEditor(page).click();
  await page.keyboard.type('Mô hình nuôi tôm kết hợp trồng lúa giúp 20 hộ thoát nghèo.');
  await page.getByRole('button', { name: 'Gửi duyệt' }).click();
  await expect(page.locator('.facts .badge')).toHaveText('Chờ duyệt');
  await expect(page.getByText('Bạn chỉ xem được bài này')).toBeVisible();
  await signOut(page);

  // The editor sees it waiting, and returns it with a reason.
  await signIn(page, EDITOR);
  const reviewNav = page.getByRole('button', { name: /Chờ duyệt/ });
  await expect(reviewNav).toContainText('1');
  await reviewNav.click();
  await expectAccessible(page, 'pending review queue');
  await page.getByRole('button', { name: /Xã Phong Thạnh A ra mắt/ }).click();
  await page.getByRole('button', { name: 'Trả lại…' }).click();
  await page.getByRole('textbox', { name: 'Lý do trả lại' }).fill('Cần ghi rõ tên hợp tác xã và nguồn vốn hỗ trợ.');
  await page.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(page.locator('.facts .badge')).toHaveText('Trả lại');
  await screenshot(page, 'review-returned');
  await signOut(page);

  // The writer sees the reason, fixes the text and resubmits.
  await signIn(page, WRITER);
  await page.getByRole('button', { name: /Bị trả lại/ }).click();
  await page.getByRole('button', { name: /Xã Phong Thạnh A ra mắt/ }).click();
  await expect(page.getByRole('note')).toContainText('Cần ghi rõ tên hợp tác xã và nguồn vốn hỗ trợ.');
  await bodyEditor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Hợp tác xã Phong Thạnh A được Ngân hàng Chính sách xã hội cho vay 2 tỷ đồng.');
  await page.getByRole('textbox', { name: 'Ý kiến mới' }).fill('Đã bổ sung tên hợp tác xã và nguồn vốn.');
  await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
  await page.getByRole('button', { name: 'Gửi duyệt' }).click();
  await expect(page.locator('.facts .badge')).toHaveText('Chờ duyệt');
  await signOut(page);

  // The editor reads the reply and the change, and approves.
  await signIn(page, EDITOR);
  await page.getByRole('button', { name: /Chờ duyệt/ }).click();
  await page.getByRole('button', { name: /Xã Phong Thạnh A ra mắt/ }).click();
  await expect(page.getByRole('region', { name: 'Ý kiến biên tập' })).toContainText(
    'Đã bổ sung tên hợp tác xã và nguồn vốn.',
  );
  await expect(bodyEditor(page)).toContainText('Ngân hàng Chính sách xã hội cho vay 2 tỷ đồng');
  await page.getByRole('button', { name: 'Duyệt', exact: true }).click();
  await expect(page.locator('.facts .badge')).toHaveText('Đã duyệt');
  await expectAccessible(page, 'review screen');
  await screenshot(page, 'review-approved');

  // Scheduled for tomorrow morning, Vietnam time.
  const tomorrow = new Date(Date.now() + 24 * 3600_000 + 7 * 3600_000).toISOString().slice(0, 10);
  await page.getByRole('button', { name: 'Hẹn giờ đăng…' }).click();
  const scheduleDialog = page.getByRole('dialog', { name: 'Hẹn giờ đăng bài' });
  const [day, month, year] = [tomorrow.slice(8, 10), tomorrow.slice(5, 7), tomorrow.slice(0, 4)];
  const when = scheduleDialog.getByRole('group', { name: 'Thời gian đăng (giờ Việt Nam)' });
  await when.getByRole('textbox', { name: 'Ngày (ngày/tháng/năm)' }).fill(`${day}/${month}/${year}`);
  await when.getByRole('textbox', { name: 'Giờ (24 giờ, giờ Việt Nam)' }).fill('08:00');
  await scheduleDialog.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(page.locator('.facts .badge')).toHaveText('Hẹn giờ đăng');
  await expect(page.getByRole('complementary')).toContainText(`${day}/${month}/${year}, 08:00`);

  // The decision trail, for the administrator.
  const log = await host.api<{ items: { action: string; username: string | null; details: string }[] }>('audit.list', {
    action: 'article.transition',
  });
  expect(log.items.map((entry) => entry.username)).toEqual(['camtu', 'camtu', 'lamnguyen', 'camtu', 'lamnguyen']);
});
