import { paragraphsDocument } from '../../shared/render/body-nodes';
import { pdfWithText } from '../../tests/support/attachment-files';
import { makeTestCa, pkcs12Of } from '../../tests/support/test-ca';
import { expect, expectAccessible, openApp, screenshot, signIn, signOut, test } from '../support/fixtures';
import { ADMIN, EDITOR, WRITER, type Account } from '../support/host';

const CHIEF: Account = { username: 'truongban', password: 'truong-ban-123', displayName: 'Phạm Trưởng Ban' };
const LEADER: Account = { username: 'lanhdao', password: 'lanh-dao-12345', displayName: 'Lê Minh Tâm' };
const TITLE = 'Chỉ thị về phòng, chống hạn mặn mùa khô';

test('a three-step chain through the UI: editor, the named chief, then the leader who signs with a PKCS#12 file', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  await host.api('setup.declineDemo', {});
  await host.api('users.create', { ...WRITER, role: 'writer' });
  await host.api('users.create', { ...EDITOR, role: 'editor' });
  const chief = await host.api<{ id: number }>('users.create', { ...CHIEF, role: 'editor' });
  await host.api('users.create', { ...LEADER, role: 'leader' });
  const category = await host.api<{ id: number }>('categories.create', { name: 'Chỉ đạo điều hành' });
  // The administrator sets the category's chain in Settings: any editor, then the chief by name, then a leader
  // whose approval must be signed.
  await openApp(page, host);
  await page.keyboard.press('Alt+6');
  const signing = page.getByRole('region', { name: 'Chữ ký số' });
  await signing.getByRole('combobox', { name: 'Chuyên mục' }).selectOption({ label: 'Chỉ đạo điều hành' });
  const steps = signing.locator('.chain-steps > li');
  await expect(steps).toHaveCount(1);
  for (let added = 0; added < 2; added++) await signing.getByRole('button', { name: 'Thêm bước' }).click();
  await expect(steps).toHaveCount(3);
  await steps.nth(0).locator('select').selectOption('editor');
  await steps.nth(1).locator('select').selectOption('editor');
  await steps
    .nth(1)
    .getByRole('group', { name: /Bước 2: chỉ những người này duyệt/ })
    .getByRole('checkbox', { name: `${CHIEF.displayName} (Biên tập viên)` })
    .check();
  await steps.nth(2).locator('select').selectOption('leader');
  await steps.nth(2).getByRole('checkbox', { name: 'Cần ký số' }).check();
  await expectAccessible(page, 'approval chain settings');
  await steps.nth(2).scrollIntoViewIfNeeded();
  await screenshot(page, 'approval-chain-settings');
  await signing.getByRole('button', { name: 'Lưu quy trình' }).click();
  await expect(page.getByText('Đã lưu quy trình duyệt')).toBeVisible();
  const saved = await host.api<{ chains: { categoryId: number; steps: unknown[] }[] }>('approval.chains', {});
  expect(saved.chains.find((chain) => chain.categoryId === category.id)?.steps).toEqual([
    { role: 'editor', userIds: [], signed: false },
    { role: 'editor', userIds: [chief.id], signed: false },
    { role: 'leader', userIds: [], signed: true },
  ]);
  await signOut(page);
  const ca = await makeTestCa();
  await host.api('signing.addTrust', { kind: 'ca', name: 'CA thử nghiệm.pem', data: ca.certPem });
  const signer = await ca.issue(LEADER.displayName);

  // The writer's article in the category, submitted.
  await openApp(page, host, null);
  const article = await host.api<{ id: number; version: number }>('articles.create', {
    title: TITLE,
    categoryId: category.id,
    lead: 'UBND thị xã chỉ đạo các phòng, ban chủ động ứng phó hạn mặn.',
    bodyJson: JSON.stringify(
      paragraphsDocument(['Ủy ban nhân dân thị xã Giá Rai yêu cầu các xã, phường kiểm tra cống.']),
    ),
  });
  await host.api('articles.transition', { id: article.id, baseVersion: article.version, action: 'submit' });

  const openPending = async () => {
    await page.getByRole('button', { name: /Chờ duyệt/ }).click();
    await page.getByRole('button', { name: new RegExp(TITLE.slice(0, 20)) }).click();
  };

  // Step 1: any editor.
  await signIn(page, EDITOR);
  await openPending();
  await expect(page.getByText('Đang chờ bước 1/3')).toBeVisible();
  await page.getByRole('button', { name: 'Duyệt', exact: true }).click();
  await expect(page.getByText('Đang chờ bước 2/3')).toBeVisible();
  await expect(page.getByText(/Nguyễn Cẩm Tú duyệt bước 1\/3/)).toBeVisible();
  await signOut(page);

  // Step 2: the chief, named in the chain.
  await signIn(page, CHIEF);
  await openPending();
  await expect(page.getByText('Đang chờ bước 2/3')).toBeVisible();
  await page.getByRole('button', { name: 'Duyệt', exact: true }).click();
  await expect(page.getByText('Đang chờ bước 3/3')).toBeVisible();
  await signOut(page);

  // Step 3: the leader imports their signing file once, then approves with it.
  await signIn(page, LEADER);
  await page.getByRole('button', { name: /Cài đặt/ }).click();
  const card = page.getByRole('region', { name: 'Chữ ký số' });
  await card.getByLabel('Tệp chữ ký số (.p12, .pfx)').setInputFiles({
    name: 'lanhdao.p12',
    mimeType: 'application/x-pkcs12',
    buffer: Buffer.from(pkcs12Of(signer, ca, 'mat-khau-p12'), 'base64'),
  });
  await card.getByLabel('Mật khẩu của tệp').fill('mat-khau-p12');
  await card.getByRole('button', { name: 'Nạp tệp chữ ký số' }).click();
  await expect(card).toContainText('Lê Minh Tâm, do CA Thử nghiệm Chính phủ cấp');
  await expectAccessible(page, 'signing settings');
  await screenshot(page, 'approval-signing-card');
  await openPending();
  await expect(page.getByText('Đang chờ bước 3/3')).toBeVisible();
  await expect(page.getByText('Lãnh đạo duyệt đọc, duyệt hoặc trả lại bài; không sửa bài.')).toBeVisible();
  await page.getByRole('button', { name: 'Duyệt', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Duyệt' });
  await expect(dialog).toContainText('Bước này cần chữ ký số.');
  await expectAccessible(page, 'approve dialog');
  await screenshot(page, 'approval-sign-dialog');
  await dialog.getByLabel('Tệp chữ ký số đã nạp (PKCS#12)').check();
  await dialog.getByRole('button', { name: 'Duyệt', exact: true }).click();
  await expect(page.locator('.facts .badge')).toHaveText('Đã duyệt');
  await expect(page.getByText(/Lê Minh Tâm duyệt bước 3\/3.*có chữ ký số của Lê Minh Tâm/)).toBeVisible();
  await expectAccessible(page, 'approved article');
  await screenshot(page, 'approval-approved');

  const status = await host.api<{ records: { id: number; signer: { subject: string } | null }[] }>('approval.status', {
    articleId: article.id,
  });
  const signed = status.records.at(-1);
  expect(signed?.signer?.subject).toBe('Lê Minh Tâm');
  expect(await host.api('approval.verify', { recordId: signed?.id })).toMatchObject({ valid: true });

  // A document attached after the approval: the approval covers the attached documents, so the article says at once,
  // without being opened again, that what would go out is no longer what was approved.
  await signOut(page);
  await signIn(page, EDITOR);
  await page.getByRole('button', { name: new RegExp(TITLE.slice(0, 20)) }).click();
  const attachments = page.getByRole('region', { name: 'Văn bản đính kèm' });
  await expect(page.getByText('Bản trên cổng khác bản đã duyệt')).toHaveCount(0);
  await attachments
    .locator('input[type=file]')
    .setInputFiles({ name: 'Chỉ thị 05.pdf', mimeType: 'application/pdf', buffer: pdfWithText() });
  await expect(attachments.getByRole('link', { name: 'Chỉ thị 05' })).toBeVisible();
  await expect(page.getByText('Bản trên cổng khác bản đã duyệt')).toBeVisible();
  await expectAccessible(page, 'approved article with a document attached after');
  await screenshot(page, 'approval-differs-after-attachment');

  // The administrator's side of the card: the trusted CA, the token library, the category's chain.
  await signOut(page);
  await signIn(page, ADMIN);
  await page.getByRole('button', { name: /Cài đặt/ }).click();
  const adminCard = page.getByRole('region', { name: 'Chữ ký số' });
  await expect(adminCard).toContainText('CA thử nghiệm.pem');
  await adminCard.getByLabel('Chuyên mục').selectOption({ label: 'Chỉ đạo điều hành' });
  await expect(adminCard.getByRole('button', { name: 'Bỏ bước 3' })).toBeVisible();
  await expectAccessible(page, 'signing settings (admin)');
  await adminCard.scrollIntoViewIfNeeded();
  await screenshot(page, 'approval-admin-card');
});
