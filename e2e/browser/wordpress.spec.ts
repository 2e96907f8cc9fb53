import type { Locator, Page } from '@playwright/test';
import { bodyEditor } from '../support/editor';
import { expect, expectAccessible, openApp, screenshot, signIn, signOut, test } from '../support/fixtures';
import { ADMIN, EDITOR, Host, WRITER } from '../support/host';
import { publishFromArticle } from '../support/quality';

/**
 * Two workstations meet on one real WordPress: A's writer submits through the contributor account, B's editor
 * (the editor account) returns the article with a reason, A's writer fixes and resubmits, B approves and publishes.
 */

const TITLE = 'Giá Rai khánh thành cầu Láng Trâm';
const LEAD = 'Cây cầu bê tông dài 120 mét thay cho chiếc cầu sắt đã xuống cấp.';
const RED_WORDS = 'cầu Láng Trâm mới';
const REASON = 'Cần ghi rõ tổng vốn đầu tư và đơn vị thi công.';
const FIX = ' Tổng vốn đầu tư 18 tỷ đồng, do Công ty Xây dựng Bạc Liêu thi công.';
const TARGET_A = 'Trang WordPress chung (cộng tác viên)';
const TARGET_B = 'Trang WordPress chung (biên tập)';
/** The queue pulls every 10 s; a submission goes up, then the other workstation's next pull brings it. */
const PULLED = { timeout: 90_000, intervals: [2_000] };

/**
 * What this spec uses of tests/support/wordpress.ts. That file belongs to the unit tests' project (tsconfig.node.json),
 * which the e2e project cannot import from statically, so it is loaded at run time through a specifier TypeScript
 * does not follow.
 */
interface WordPressUser {
  username: string;
  appPassword: string;
}
interface WordPressInstance {
  url: string;
  users: Record<'contributor' | 'editor', WordPressUser>;
  stop(): Promise<void>;
}
interface WordPressSupport {
  startWordPress(): Promise<WordPressInstance | null>;
  wpFetch(
    instance: WordPressInstance,
    role: 'contributor' | 'editor' | null,
    requestPath: string,
    init?: RequestInit,
  ): Promise<Response>;
}
const WORDPRESS_SUPPORT = ['..', '..', 'tests', 'support', 'wordpress.ts'].join('/');

let support: WordPressSupport;
let wordpress: WordPressInstance | null = null;

test.beforeAll(async () => {
  test.setTimeout(150_000);
  support = (await import(WORDPRESS_SUPPORT)) as WordPressSupport;
  wordpress = await support.startWordPress();
});
test.afterAll(async () => {
  await wordpress?.stop();
});

/** Opens an article from a section of the sidebar, looking again (the section reloads) until the pull has brought it. */
async function openFromSection(page: Page, section: RegExp, title: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('button', { name: section });
  const item = page.getByRole('button', { name: new RegExp(title) });
  await expect(async () => {
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('button', { name: /^Bài viết/ })
      .first()
      .click();
    await nav.click();
    await expect(item).toBeVisible({ timeout: 1_500 });
  }).toPass(PULLED);
  await item.click();
}

const badge = (page: Page) => page.locator('.facts .badge');

async function fillWordPressForm(
  card: Locator,
  fields: { name: string; siteUrl: string; username: string; password: string },
) {
  await card.getByLabel('Loại').selectOption({ label: 'WordPress' });
  await card.getByLabel('Tên gọi').fill(fields.name);
  await card.getByLabel('Địa chỉ trang WordPress').fill(fields.siteUrl);
  await card.getByLabel('Tên đăng nhập WordPress').fill(fields.username);
  await card.getByLabel('Mật khẩu ứng dụng (Application Password)').fill(fields.password);
}

/** The jobs of a workstation's queue in short, for a failure's message. */
async function queueOf(host: Host): Promise<string> {
  const { jobs } = await host.api<{
    jobs: {
      kind: string;
      state: string;
      articleTitle: string | null;
      lastError: { message: string } | null;
      notice: { message: string } | null;
    }[];
  }>('publish.jobs', { limit: 50 });
  return JSON.stringify(
    jobs.map((job) => [
      job.kind,
      job.state,
      job.articleTitle,
      job.lastError?.message ?? null,
      job.notice?.message ?? null,
    ]),
  );
}

test('two workstations collaborate through WordPress: submitted, returned with a reason, resubmitted, approved and published as previewed', async ({
  page,
  host,
  context,
}) => {
  test.skip(!wordpress, 'no WordPress on this machine (see the [wordpress] line printed above)');
  test.setTimeout(420_000);
  const wp = wordpress as WordPressInstance;
  const a = host;
  const b = new Host();
  await b.start();
  const pageB = await context.newPage();
  try {
    await a.api('setup.declineDemo', {});
    await b.api('setup.declineDemo', {});

    // Workstation A: the administrator adds the site as the contributor account, through Settings.
    await openApp(page, a);
    await page.keyboard.press('Alt+6');
    const card = page.getByRole('region', { name: 'Đích xuất bản' });
    await fillWordPressForm(card, { name: TARGET_A, siteUrl: 'trang-cong-tac', username: '', password: '' });
    await card.getByRole('button', { name: 'Thêm đích xuất bản' }).click();
    // Each field says what is wrong with it, in plain words; the first one takes the focus.
    const siteField = card.getByLabel('Địa chỉ trang WordPress');
    await expect(siteField).toBeFocused();
    await expect(siteField).toHaveAttribute('aria-invalid', 'true');
    await expect(siteField).toHaveAccessibleDescription(
      'Hãy nhập địa chỉ web đầy đủ, bắt đầu bằng http:// hoặc https://.',
    );
    await expect(card.getByLabel('Tên đăng nhập WordPress')).toHaveAccessibleDescription(
      'Hãy nhập tên đăng nhập WordPress.',
    );
    await expect(card.getByLabel('Mật khẩu ứng dụng (Application Password)')).toHaveAccessibleDescription(
      'Hãy nhập mật khẩu ứng dụng của tài khoản WordPress.',
    );
    await expectAccessible(page, 'WordPress target form with its errors');
    await card.getByLabel('Tên gọi').scrollIntoViewIfNeeded();
    await screenshot(page, 'wordpress-target-errors');

    await fillWordPressForm(card, {
      name: TARGET_A,
      siteUrl: wp.url,
      username: wp.users.contributor.username,
      password: wp.users.contributor.appPassword,
    });
    // Corrected, a field no longer says it is wrong.
    await expect(siteField).not.toHaveAttribute('aria-invalid', 'true');
    await expect(siteField).toHaveAccessibleDescription(/^Địa chỉ trang chủ/);
    await expect(card.getByLabel('Khi gỡ bài')).toHaveValue('draft');
    await card.getByLabel('Khi gỡ bài').selectOption({ label: 'Chuyển sang riêng tư' });
    await card.getByRole('checkbox', { name: 'Cộng tác qua trang này (gửi duyệt và nhận kết quả duyệt)' }).check();
    await card.getByLabel('Thời gian chờ (giây)').fill('20');
    await expectAccessible(page, 'WordPress target form');
    await screenshot(page, 'wordpress-target-form');
    await card.getByRole('button', { name: 'Thêm đích xuất bản' }).click();
    const itemA = card.getByRole('listitem').filter({ hasText: TARGET_A });
    await expect(itemA).toContainText(wp.url);
    await expect(itemA).toContainText(`Tài khoản: ${wp.users.contributor.username}`);
    await expect(itemA).toContainText('Cộng tác qua trang này');
    await expect(itemA).toContainText('Gỡ bài: chuyển sang riêng tư');
    await expect(itemA).toContainText('Mật khẩu ứng dụng: đã lưu');
    await expect(itemA).not.toContainText(wp.users.contributor.appPassword);
    await itemA.getByRole('button', { name: `Kiểm tra đích xuất bản “${TARGET_A}”` }).click();
    await expect(itemA.getByRole('status')).toHaveClass(/target-outcome-ok/);
    const [saved] = await a.api<{ config: Record<string, unknown> }[]>('targets.list', {});
    expect(saved?.config).toEqual({
      siteUrl: wp.url,
      username: wp.users.contributor.username,
      unpublishAs: 'private',
      collaborate: true,
      timeoutMs: 20_000,
    });

    // Editing keeps the saved application password without showing it.
    await itemA.getByRole('button', { name: `Sửa đích xuất bản “${TARGET_A}”` }).click();
    const editDialog = page.getByRole('dialog', { name: `Sửa đích xuất bản “${TARGET_A}”` });
    await expect(editDialog.getByLabel('Mật khẩu ứng dụng (Application Password)')).toHaveValue('');
    await expect(editDialog.getByText('Đã lưu mật khẩu ứng dụng; để trống để giữ nguyên.')).toBeVisible();
    await expect(editDialog.getByRole('checkbox', { name: /^Cộng tác qua trang này/ })).toBeChecked();
    await expect(editDialog.getByLabel('Khi gỡ bài')).toHaveValue('private');
    await expectAccessible(page, 'WordPress target edit dialog');
    await screenshot(page, 'wordpress-target-edit');
    await editDialog.getByLabel('Khi gỡ bài').selectOption({ label: 'Chuyển về bản nháp' });
    await editDialog.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(editDialog).toHaveCount(0);
    await expect(itemA).toContainText('Gỡ bài: chuyển về bản nháp');
    await expect(itemA).toContainText('Mật khẩu ứng dụng: đã lưu');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'wordpress-targets');

    // …and the writer's account.
    await page.keyboard.press('Alt+4');
    const userForm = page.locator('form').filter({ hasText: 'Thêm người dùng' }).first();
    await userForm.getByLabel('Tên đăng nhập').fill(WRITER.username);
    await userForm.getByLabel('Tên hiển thị').fill(WRITER.displayName);
    await userForm.getByLabel('Vai trò').selectOption('writer');
    await userForm.getByLabel('Mật khẩu', { exact: true }).fill(WRITER.password);
    await userForm.getByRole('button', { name: 'Thêm người dùng' }).click();
    await expect(page.getByRole('cell', { name: WRITER.displayName })).toBeVisible();
    await signOut(page);

    // Workstation B: the same site as the editor account.
    await b.api('targets.create', {
      kind: 'wordpress',
      name: TARGET_B,
      config: { siteUrl: wp.url, username: wp.users.editor.username, collaborate: true },
      secret: wp.users.editor.appPassword,
    });
    await b.api('users.create', { ...EDITOR, role: 'editor' });

    // A's writer writes (a title, a lead, a body with a word in colour) and submits.
    await signIn(page, WRITER);
    await page.keyboard.press('Control+n');
    await page.getByRole('textbox', { name: 'Tiêu đề', exact: true }).fill(TITLE);
    await page.getByLabel('Tóm tắt (sapo)').fill(LEAD);
    // The first save turns the new article into a stored one (and puts the focus back on the title): typing waits for it.
    await expect(page.getByRole('heading', { name: 'Sửa bài viết' })).toBeVisible({ timeout: 10_000 });
    await bodyEditor(page).click();
    await page.keyboard.type('Sáng nay, bà con hai bờ kênh Láng Trâm vui mừng đi trên ');
    await page.getByRole('button', { name: 'Màu chữ' }).click();
    await page.getByRole('button', { name: 'Đỏ #c0392b' }).click();
    await page.keyboard.type(RED_WORDS);
    await page.getByRole('button', { name: 'Màu chữ' }).click();
    await page.getByRole('button', { name: 'Màu mặc định' }).click();
    await page.keyboard.type(' vừa khánh thành.');
    await expect(bodyEditor(page).locator('span', { hasText: RED_WORDS })).toHaveCSS('color', 'rgb(192, 57, 43)');
    await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Gửi duyệt' }).click();
    await expect(badge(page)).toHaveText('Chờ duyệt');

    // B's editor finds it waiting for review once the queue has pulled it.
    await openApp(pageB, b, EDITOR);
    try {
      await openFromSection(pageB, /Chờ duyệt/, TITLE);
    } catch (error) {
      throw new Error(
        `the article never reached B's review queue.\nA's queue: ${await queueOf(a)}\nB's queue: ${await queueOf(b)}\n${String(error)}`,
      );
    }
    await expect(bodyEditor(pageB).locator('span', { hasText: RED_WORDS })).toHaveCSS('color', 'rgb(192, 57, 43)');
    await expect(pageB.getByLabel('Tóm tắt (sapo)')).toHaveValue(LEAD);
    await expect(badge(pageB)).toHaveText('Chờ duyệt');
    await expectAccessible(pageB, 'an article pulled from WordPress, waiting for review');
    await screenshot(pageB, 'wordpress-pulled-for-review');

    // …and returns it with a reason.
    await pageB.getByRole('button', { name: 'Trả lại…' }).click();
    await pageB.getByRole('textbox', { name: 'Lý do trả lại' }).fill(REASON);
    await pageB.getByRole('button', { name: 'Xác nhận' }).click();
    await expect(badge(pageB)).toHaveText('Trả lại');

    // A's writer sees it returned, with the reason; fixes it and submits it again.
    try {
      await openFromSection(page, /Bị trả lại/, TITLE);
    } catch (error) {
      throw new Error(
        `the return never reached A.\nA's queue: ${await queueOf(a)}\nB's queue: ${await queueOf(b)}\n${String(error)}`,
      );
    }
    await expect(page.getByRole('note')).toContainText(REASON);
    await expect(badge(page)).toHaveText('Trả lại');
    await expectAccessible(page, 'a returned article, with the reason from the other workstation');
    await screenshot(page, 'wordpress-returned');
    await bodyEditor(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(FIX);
    await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Gửi duyệt' }).click();
    await expect(badge(page)).toHaveText('Chờ duyệt');

    // B's editor gets the fixed text, approves and publishes.
    try {
      await expect(async () => {
        await openFromSection(pageB, /Chờ duyệt/, TITLE);
        await expect(bodyEditor(pageB)).toContainText(FIX.trim(), { timeout: 1_500 });
      }).toPass(PULLED);
    } catch (error) {
      throw new Error(
        `the resubmission never reached B.\nA's queue: ${await queueOf(a)}\nB's queue: ${await queueOf(b)}\n${String(error)}`,
      );
    }
    await pageB.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await expect(badge(pageB)).toHaveText('Đã duyệt');
    await publishFromArticle(pageB);
    await expect(badge(pageB)).toHaveText('Đã đăng');
    const publication = pageB
      .getByRole('list', { name: 'Bài này ở các đích xuất bản' })
      .getByRole('listitem')
      .filter({ hasText: TARGET_B });
    await expect(publication).toContainText('Thành công', { timeout: 30_000 });
    await expect(
      publication.getByRole('link', { name: new RegExp(`^${wp.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }),
    ).toBeVisible();
    await screenshot(pageB, 'wordpress-published');

    // On the site: the post's content is the previewed article HTML exactly, without the editor document.
    const listed = await b.api<{ items: { id: number; title: string }[] }>('articles.list', { query: TITLE });
    const articleB = listed.items.find((item) => item.title === TITLE);
    expect(articleB, 'the article on B').toBeTruthy();
    const { html } = await b.api<{ html: string }>('preview.articleHtml', { id: articleB?.id });
    expect(html).toContain(RED_WORDS);
    expect(html).toContain(FIX.trim());
    const response = await support.wpFetch(
      wp,
      'editor',
      `/posts?status=publish&context=edit&search=${encodeURIComponent('Láng Trâm')}`,
    );
    expect(response.status).toBe(200);
    const posts = (await response.json()) as {
      id: number;
      status: string;
      title: { raw: string };
      excerpt: { raw: string };
      content: { raw: string };
    }[];
    const post = posts.find((candidate) => candidate.title.raw === TITLE);
    expect(
      post,
      `the published post among ${JSON.stringify(posts.map((p) => [p.id, p.status, p.title.raw]))}`,
    ).toBeTruthy();
    expect(post?.status).toBe('publish');
    expect(post?.excerpt.raw).toBe(LEAD);
    expect(post?.content.raw).toContain(html);
    expect(post?.content.raw).not.toContain('toasoan:doc');
    expect(post?.content.raw).toContain('color');

    // B's queue lists the pulls (no article: a dash) beside the article's jobs.
    await pageB.keyboard.press('Alt+7');
    await expect(pageB.getByRole('heading', { level: 1, name: 'Hàng đợi xuất bản' })).toBeFocused();
    const pullRow = pageB.getByRole('row').filter({ hasText: 'Nhận thay đổi' });
    await expect(pullRow).toHaveCount(1);
    await expect(pullRow.getByRole('rowheader')).toHaveText('—Không gắn với bài nào');
    await expect(pullRow).toContainText(TARGET_B);
    await expect(pageB.getByRole('row').filter({ hasText: 'Trả lại' }).filter({ hasText: TITLE })).toContainText(
      'Thành công',
    );
    await expectAccessible(pageB, 'publishing queue with pulls');
    await screenshot(pageB, 'wordpress-queue');

    // The decision reaches A too: the writer's article is published there.
    await expect(async () => {
      const [mine] = (await a.api<{ items: { title: string; status: string }[] }>('articles.list', { query: TITLE }))
        .items;
      expect(mine?.status).toBe('published');
    }).toPass(PULLED);
    await signOut(page);
    await openApp(page, a, ADMIN);
    await page.keyboard.press('Alt+7');
    await expect(page.getByRole('row').filter({ hasText: 'Gửi duyệt' }).first()).toContainText('Thành công');
    await screenshot(page, 'wordpress-queue-a');
  } finally {
    await pageB.close();
    await b.stop();
    b.remove();
  }
});
