import { expect, expectAccessible, openApp, screenshot, test } from '../support/fixtures';

/** The library comes first on its own; the other screens are chunks loaded when opened (renderer/src/App.tsx). */
test('the library opens without the editor; a screen still loading says so, then appears', async ({ page, host }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  // The editor's chunk held back until the test lets it go, as on a slow disk.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/ArticleScreen-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });

  await openApp(page, host);
  await page.getByRole('button', { name: 'Bắt đầu với thư viện trống' }).click();
  await expect(page.getByRole('heading', { name: 'Thư viện bài viết' })).toBeVisible();
  expect(scripts.filter((script) => /ArticleScreen|SettingsScreen|AuditScreen/.test(script))).toEqual([]);

  await page.keyboard.press('Control+n');
  const loading = page.getByRole('status').filter({ hasText: 'Đang mở màn hình…' });
  await expect(loading).toBeVisible();
  await expectAccessible(page, 'a screen loading');
  await screenshot(page, 'screen-loading');
  release();
  await expect(page.getByRole('textbox', { name: 'Tiêu đề', exact: true })).toBeVisible();
  await expect(loading).toHaveCount(0);

  // Another screen's chunk, on its first opening.
  await page.getByRole('button', { name: /Cài đặt/ }).click();
  await expect(page.getByRole('heading', { name: 'Cài đặt', exact: true })).toBeVisible();
  expect(scripts.some((script) => /SettingsScreen/.test(script))).toBe(true);
});

/**
 * A reload of a signed-in tab asks each of the first screen's questions once, before the application's code has
 * rendered (renderer/src/boot.ts); answers given that early are never handed to a later call.
 */
test('a signed-in reload asks the first screen’s questions once, and a later question gets a fresh answer', async ({
  page,
  host,
}) => {
  await openApp(page, host);
  await page.getByRole('button', { name: 'Bắt đầu với thư viện trống' }).click();
  await expect(page.getByRole('heading', { name: 'Thư viện bài viết' })).toBeVisible();

  const asked: string[] = [];
  page.on('request', (request) => {
    const channel = /\/api\/([\w.]+)$/.exec(new URL(request.url()).pathname)?.[1];
    if (channel) asked.push(channel);
  });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Thư viện bài viết' })).toBeVisible();
  await expect(page.locator('.screen-count')).toContainText('0');
  for (const channel of ['settings.get', 'auth.status', 'articles.list', 'workflow.counts', 'categories.list'])
    expect(
      asked.filter((name) => name === channel),
      channel,
    ).toHaveLength(1);

  // The library asked again after a change sees the change: no early answer is kept for it.
  await page.keyboard.press('Control+n');
  await page.getByRole('textbox', { name: 'Tiêu đề', exact: true }).fill('Bài viết sau khi tải lại');
  await page.keyboard.press('Control+s');
  await expect(page.locator('.save-state')).toHaveText('Đã lưu');
  await page.keyboard.press('Escape');
  await expect(page.locator('.article-row', { hasText: 'Bài viết sau khi tải lại' })).toBeVisible();
  expect(asked.filter((name) => name === 'articles.list').length).toBeGreaterThan(1);
});
