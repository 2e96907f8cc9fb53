import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect, expectAccessible, openApp, screenshot, test } from '../support/fixtures';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.xml': 'application/xml', '.jpg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp', '.gif': 'image/gif' };

/** Any web server will do: this one serves the folder as nginx would, on 127.0.0.1. */
function serveFolder(root: string): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    let file = path.join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) return void res.writeHead(404).end('Not found');
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, close: () => server.close() })),
  );
}

test('the administrator builds the static site; a web server serves its home, category and article pages', async ({ page, host }) => {
  await host.api('setup.loadDemo', {});
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-site-'));
  await openApp(page, host);
  await page.keyboard.press('Alt+6');
  await page.getByLabel('Thư mục xuất bản (đường dẫn đầy đủ)').fill(folder);
  await page.getByRole('button', { name: 'Xuất bản toàn bộ trang' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã xuất bản 1 bài' })).toBeVisible();

  const site = await serveFolder(folder);
  try {
    await page.goto(site.url);
    await expect(page.getByText('CỔNG THÔNG TIN ĐIỆN TỬ THỊ XÃ GIÁ RAI TỈNH BẠC LIÊU').first()).toBeVisible();
    await page.getByRole('link', { name: /Phòng Lao động Thương binh và xã hội/ }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Phòng Lao động Thương binh và xã hội');
    await expect(page.getByText('Thứ năm, 23/03/2023, 08:05')).toBeVisible();
    await expect(page.getByText('Lam Nguyễn - Phòng LĐTB&XH thị xã')).toBeVisible();
    expect(await page.locator('body').innerText()).not.toMatch(/\bnull\b|\bundefined\b/);
    await screenshot(page, 'site-article');
    await page.goto(`${site.url}van-hoa-xa-hoi/`);
    await expect(page.getByRole('link', { name: /Phòng Lao động Thương binh và xã hội/ })).toBeVisible();
    await expectAccessible(page, 'static category page');
    const sitemap = await (await fetch(`${site.url}sitemap.xml`)).text();
    expect(sitemap).toContain('van-hoa-xa-hoi/');
  } finally {
    site.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
