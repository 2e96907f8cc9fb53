import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { paragraphsDocument } from '../../shared/render/body-nodes';
import { expect, expectAccessible, openApp, screenshot, test } from '../support/fixtures';
import { serveFolder, settledQueue } from '../support/static-site';

const NEW_TITLE = 'Thị xã Giá Rai ra quân hưởng ứng Ngày Chủ nhật xanh';

test('articles published through the workflow reach a static-site target; a web server serves its home, category and article pages', async ({
  page,
  host,
}) => {
  await host.api('setup.loadDemo', {});
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-site-'));
  await host.api('targets.create', { kind: 'static-site', name: 'Cổng thị xã Giá Rai', config: { folder } });

  // A new article goes draft → pending review → approved → published.
  const categories = await host.api<{ id: number; slug: string }[]>('categories.list', {});
  const category = categories.find((c) => c.slug === 'van-hoa-xa-hoi');
  let article = await host.api<{ id: number; version: number }>('articles.create', {
    title: NEW_TITLE,
    lead: 'Hơn 500 đoàn viên, thanh niên dọn vệ sinh các tuyến đường trong thị xã.',
    bodyJson: JSON.stringify(paragraphsDocument(['Các tuyến đường được dọn sạch trước ngày lễ.'])),
    ...(category ? { categoryId: category.id } : {}),
  });
  for (const action of ['submit', 'approve', 'publish']) {
    article = await host.api('articles.transition', { id: article.id, baseVersion: article.version, action });
  }

  // The demo article, published before the target existed, is updated from its screen: the workflow sends it there too.
  await openApp(page, host);
  await page
    .getByRole('button', { name: /Phòng Lao động Thương binh và xã hội/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Cập nhật bài đã đăng' }).click();
  await expect(page.getByRole('list', { name: 'Bài này ở các đích xuất bản' })).toContainText('Thành công');

  const jobs = await settledQueue(host);
  expect(jobs.map((job) => [job.articleTitle, job.state])).toEqual([
    [expect.stringContaining('Phòng Lao động Thương binh và xã hội'), 'succeeded'],
    [NEW_TITLE, 'succeeded'],
  ]);

  const site = await serveFolder(folder);
  try {
    await page.goto(site.url);
    await expect(page.getByText('CỔNG THÔNG TIN ĐIỆN TỬ THỊ XÃ GIÁ RAI TỈNH BẠC LIÊU').first()).toBeVisible();
    await expect(page.getByRole('link', { name: NEW_TITLE }).first()).toBeVisible();
    await page
      .getByRole('link', { name: /Phòng Lao động Thương binh và xã hội/ })
      .first()
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Phòng Lao động Thương binh và xã hội');
    await expect(page.getByText('Thứ năm, 23/03/2023, 08:05')).toBeVisible();
    await expect(page.getByText('Lam Nguyễn - Phòng LĐTB&XH thị xã')).toBeVisible();
    expect(await page.locator('body').innerText()).not.toMatch(/\bnull\b|\bundefined\b/);
    await screenshot(page, 'site-article');
    await page.goto(`${site.url}van-hoa-xa-hoi/`);
    await expect(page.getByRole('link', { name: /Phòng Lao động Thương binh và xã hội/ })).toBeVisible();
    await expect(page.getByRole('link', { name: NEW_TITLE })).toBeVisible();
    await expectAccessible(page, 'static category page');
    // The sitemap is an index of smaller sitemaps: the pages (home, categories), then the articles by month.
    const sitemap = await (await fetch(`${site.url}sitemap.xml`)).text();
    expect(sitemap).toContain('<sitemapindex');
    const pages = /<loc>[^<]*\/(sitemap-pages\.xml)<\/loc>/.exec(sitemap)?.[1];
    expect(pages).toBeDefined();
    expect(await (await fetch(`${site.url}${pages}`)).text()).toContain('van-hoa-xa-hoi/');

    // The administrator sees the key that signs the site's manifest, to give whoever runs npm run verify-site.
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'toasoan-manifest.json'), 'utf8')) as {
      keyFingerprint: string;
    };
    await openApp(page, host);
    await page.keyboard.press('Alt+6');
    const target = page
      .getByRole('region', { name: 'Đích xuất bản' })
      .getByRole('listitem')
      .filter({ hasText: 'Cổng thị xã Giá Rai' });
    await expect(target).toContainText('Khóa ký bản kê của trang');
    await expect(target.locator('code')).toHaveText(manifest.keyFingerprint.replace(/(.{4})(?=.)/g, '$1 '));
    await target.scrollIntoViewIfNeeded();
    await expectAccessible(page, 'publishing targets with the site key');
    await screenshot(page, 'targets-site-key');
  } finally {
    site.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
