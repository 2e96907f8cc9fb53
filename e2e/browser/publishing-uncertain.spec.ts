import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, expectAccessible, openApp, screenshot, test } from '../support/fixtures';

const TITLE = 'Hội nghị tổng kết năm của xã';
const PORTAL = 'Cổng tỉnh (API)';
const BODY = JSON.stringify({
  root: {
    type: 'root',
    children: [{ type: 'paragraph', children: [{ type: 'text', text: 'Sáng nay, xã tổ chức hội nghị tổng kết.' }] }],
  },
});

/** A portal that takes every request and never answers (the connection is cut once the request is read). */
async function portalThatLosesAnswers(): Promise<{
  endpoint: string;
  received: () => number;
  close: () => Promise<void>;
}> {
  let received = 0;
  const server = http.createServer((request) => {
    request.resume();
    request.on('end', () => {
      received += 1;
      request.socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/api`,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test('a publication whose answer was lost shows as uncertain, in plain words, and can be checked now, not cancelled', async ({
  page,
  host,
}) => {
  const portal = await portalThatLosesAnswers();
  try {
    await host.api('setup.declineDemo', {});
    await host.api('targets.create', {
      kind: 'http-json',
      name: PORTAL,
      config: { endpoint: portal.endpoint, timeoutMs: 2000 },
    });
    let article = await host.api<{ id: number; version: number }>('articles.create', {
      title: TITLE,
      lead: 'Tóm tắt.',
      bodyJson: BODY,
    });
    for (const action of ['submit', 'approve', 'publish'])
      article = await host.api<{ id: number; version: number }>('articles.transition', {
        id: article.id,
        baseVersion: article.version,
        action,
      });
    await expect.poll(portal.received, { timeout: 20_000 }).toBeGreaterThan(0);

    await openApp(page, host);
    await page.getByRole('button', { name: /Hàng đợi xuất bản/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Hàng đợi xuất bản' })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: TITLE });
    await expect(row).toContainText('Chưa rõ đã tới đích', { timeout: 20_000 });
    await expect(row).toContainText('Lỗi gần nhất: Kết nối tới máy chủ 127.0.0.1');
    await expect(row).toContainText('bài không bị đăng hai lần');
    await expect(row).toContainText(/Hỏi lại đích lúc \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d/);
    await expect(row.getByRole('button', { name: /^Hủy/ })).toHaveCount(0);
    const check = row.getByRole('button', { name: `Hỏi đích ${PORTAL} ngay về “${TITLE}”` });
    await expect(check).toBeVisible();
    await expect(page.getByRole('button', { name: /^Chưa rõ đã tới đích \(1\)/ })).toBeVisible();
    await expectAccessible(page, 'publishing queue with an uncertain job');
    await screenshot(page, 'publishing-queue-uncertain');

    await check.click();
    await expect(page.getByRole('status').filter({ hasText: `Đã xếp lại “${TITLE}” vào hàng đợi.` })).toBeVisible();
    await expect(row).toContainText('Chưa rõ đã tới đích');

    // In English, the same in plain words.
    await host.api('settings.update', { language: 'en' });
    await page.reload();
    await page.getByRole('button', { name: /Publishing queue/ }).click();
    const rowEn = page.getByRole('row').filter({ hasText: TITLE });
    await expect(rowEn).toContainText('May have arrived', { timeout: 20_000 });
    await expect(rowEn).toContainText('never published twice');
    await screenshot(page, 'publishing-queue-uncertain-en');
  } finally {
    await portal.close();
  }
});
