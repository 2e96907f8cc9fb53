import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, openApp, screenshot, test } from '../support/fixtures';
import type { Host } from '../support/host';
import { serveFolder, settledQueue } from '../support/static-site';

const DEMO_TITLE = /Phòng Lao động Thương binh và xã hội/;
const EARLIER_TITLE = /Hướng dẫn người dân nộp hồ sơ trực tuyến/;
const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>';

/** An editor document of one paragraph. */
function body(text: string): string {
  const paragraph = { type: 'paragraph', version: 1, children: [{ type: 'text', version: 1, text, format: 0 }] };
  return JSON.stringify({ root: { type: 'root', version: 1, children: [paragraph] } });
}

async function publish(host: Host, fields: Record<string, unknown>): Promise<number> {
  const text = `${String(fields.lead ?? fields.title)} Nội dung bài viết đủ dài để qua bước kiểm tra trước khi đăng.`;
  let article = await host.api<{ id: number; version: number }>('articles.create', { bodyJson: body(text), ...fields });
  for (const action of ['submit', 'approve', 'publish'])
    article = await host.api('articles.transition', { id: article.id, baseVersion: article.version, action });
  return article.id;
}

/** Both widths of a page, written to test-results/screens. */
async function screens(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** No payload ran and none became an element. */
async function expectInert(page: Page, label: string): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), label).toBeUndefined();
  expect(await page.locator('img[src="x"], main script').count(), label).toBe(0);
}

/** The parts the preview and the published page share, with link targets and image addresses set aside. */
function sharedParts(html: string): string[] {
  return ['aside', 'article', 'footer'].map((tag) => {
    const start = html.indexOf(`<${tag}`);
    const end = html.indexOf(`</${tag}>`, start);
    expect(start, tag).toBeGreaterThanOrEqual(0);
    return html.slice(start, end).replace(/\b(href|src)="[^"]*"/g, '$1');
  });
}

test('the demo published to a static site is the whole portal: home, categories, archive, article, search, contacts, print, feeds', async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  await host.api('setup.loadDemo', {});
  await host.api('profile.update', {
    contact: {
      email: 'vanphong@example.org',
      nameEn: 'Electronic Information Portal of Gia Rai Town, Bac Lieu Province',
      addressEn: 'Khom 1, Ward 1, Gia Rai Town, Bac Lieu Province',
      responsibleEn: 'Nguyen Cam Tu, Vice Chairwoman of the Town People’s Committee',
    },
  });
  const categories = await host.api<{ id: number; slug: string }[]>('categories.list', {});
  const bySlug = (slug: string) => categories.find((c) => c.slug === slug)?.id ?? null;
  await publish(host, {
    title: 'Thị xã ra quân hưởng ứng Ngày Chủ nhật xanh',
    lead: 'Hơn 500 đoàn viên, thanh niên dọn vệ sinh các tuyến đường trong thị xã.',
    categoryId: bySlug('tin-tuc-su-kien'),
  });
  await publish(host, {
    title: 'Thông báo lịch tiếp công dân tháng 4',
    lead: 'Lãnh đạo UBND thị xã tiếp công dân vào thứ năm hằng tuần.',
    categoryId: bySlug('thong-bao'),
  });
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-portal-'));
  await host.api('targets.create', {
    kind: 'static-site',
    name: 'Cổng thị xã Giá Rai',
    config: { folder },
    publishExisting: true,
  });
  const jobs = await settledQueue(host);
  expect(jobs.map((job) => job.state)).toEqual(jobs.map(() => 'succeeded'));

  const site = await serveFolder(folder);
  try {
    // Home: header with logo and name, the menu, the leading article with its picture, each category's latest.
    await page.goto(site.url);
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    await expect(page.getByRole('banner')).toContainText('CỔNG THÔNG TIN ĐIỆN TỬ THỊ XÃ GIÁ RAI TỈNH BẠC LIÊU');
    await expect(page.locator('.portal-logo')).toHaveJSProperty('complete', true);
    expect(await page.locator('.portal-logo').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    const menu = page.getByRole('navigation', { name: 'Chuyên mục' });
    for (const name of ['Trang chủ', 'Tin tức - Sự kiện', 'Văn hóa - Xã hội', 'Quốc phòng - An ninh', 'Tìm kiếm'])
      await expect(menu.getByRole('link', { name, exact: true })).toBeVisible();
    // The newest article with a picture leads; the newer ones without stay in their categories.
    await expect(page.locator('.top-story')).toContainText(DEMO_TITLE);
    await expect(page.locator('.home-sections')).toContainText('Thông báo lịch tiếp công dân tháng 4');
    await expect(page.getByRole('link', { name: DEMO_TITLE }).first()).toBeVisible();
    const sidebar = page.getByRole('complementary');
    await expect(sidebar.getByRole('heading', { name: 'Liên kết web' })).toBeVisible();
    await expect(sidebar.getByRole('heading', { name: 'Thăm dò' })).toBeVisible();
    // A page of files cannot count visitors: no statistics, no made-up numbers.
    await expect(sidebar.getByRole('heading', { name: 'Thống kê truy cập' })).toHaveCount(0);
    const footer = page.getByRole('contentinfo');
    for (const line of [
      '© CỔNG THÔNG TIN ĐIỆN TỬ THỊ XÃ GIÁ RAI TỈNH BẠC LIÊU',
      'Địa chỉ: Khóm 1, phường 1, Thị xã Giá Rai, tỉnh Bạc Liêu',
      'Điện thoại: 0291.3850215-850216-850260',
      'Fax: 0291.3850965',
      'E-mail: vanphong@example.org',
      'Chịu trách nhiệm chính: Nguyễn Cẩm Tú',
    ])
      await expect(footer).toContainText(line);
    // Every image on the page loaded (no broken picture).
    const broken = await page
      .locator('img')
      .evaluateAll((imgs) =>
        (imgs as HTMLImageElement[]).filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.src),
      );
    expect(broken).toEqual([]);
    expect(await page.locator('.thumb, .top-image').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'site home');
    await screens(page, 'portal-home');

    // The skip link is the first stop of the keyboard and leads to the content.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Bỏ qua đến nội dung chính' })).toBeFocused();

    // A category page: the same frame, thumbnails, the month archive.
    await menu.getByRole('link', { name: 'Văn hóa - Xã hội', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Văn hóa - Xã hội');
    await expect(menu.getByRole('link', { name: 'Văn hóa - Xã hội', exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect(page.getByRole('link', { name: EARLIER_TITLE })).toBeVisible();
    await expect(page.getByRole('contentinfo')).toContainText('Chịu trách nhiệm chính');
    await expectAccessible(page, 'site category');
    await screens(page, 'portal-category');
    await page.getByRole('link', { name: 'Tháng 03/2023' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Văn hóa - Xã hội - Tháng 03/2023');
    await expectAccessible(page, 'site month archive');

    // A category with nothing published says so, in the same frame.
    await page.goto(`${site.url}quoc-phong-an-ninh/`);
    await expect(page.getByText('Chuyên mục chưa có bài viết nào.')).toBeVisible();
    await expectAccessible(page, 'site empty category');

    // The article: picture and caption, 'Tin đã đưa', no view count, the reader controls by keyboard, remembered.
    await page.goto(`${site.url}van-hoa-xa-hoi/`);
    await page.getByRole('link', { name: DEMO_TITLE }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Phòng Lao động Thương binh và xã hội');
    const figure = page.locator('figure.featured');
    await expect(figure.locator('figcaption')).toContainText('Hộ Nguyễn Chí Công ấp 18 xã Phong Thạnh A');
    expect(await figure.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expect(figure.locator('img')).toHaveAttribute('alt', /Hộ Nguyễn Chí Công/);
    await expect(page.getByRole('heading', { name: 'Tin đã đưa' })).toBeVisible();
    await expect(page.getByRole('link', { name: EARLIER_TITLE })).toBeVisible();
    await expect(page.getByText('Số lượt xem')).toHaveCount(0);
    const articleUrl = page.url();
    await page.getByRole('button', { name: 'Tăng cỡ chữ' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Xanh đậm' }).focus();
    await page.keyboard.press('Enter');
    const bodyStyle = () =>
      page.locator('#article-body').evaluate((el: HTMLElement) => [el.style.fontSize, el.style.color]);
    expect(await bodyStyle()).toEqual(['20px', 'rgb(11, 61, 145)']);
    await page.reload();
    expect(await bodyStyle()).toEqual(['20px', 'rgb(11, 61, 145)']);
    await page.getByRole('button', { name: 'Cỡ chữ mặc định' }).click();
    await page.getByRole('button', { name: 'Xanh đậm' }).click();
    await expectAccessible(page, 'site article');
    await screens(page, 'portal-article');

    // Print: the article alone, without menu, sidebar or controls.
    await expect(page.getByRole('button', { name: 'In bài viết' })).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Chuyên mục' })).toBeHidden();
    await expect(page.getByRole('complementary')).toBeHidden();
    await expect(page.getByRole('button', { name: 'In bài viết' })).toBeHidden();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page, 'site article, print');
    await screenshot(page, 'portal-article-print');
    await page.emulateMedia({ media: 'screen' });

    // Preview = publication: the same sidebar, article and footer, link targets and image addresses aside.
    const articles = await host.api<{ items: { id: number; title: string }[] }>('articles.list', {
      query: 'Phòng Lao động',
    });
    const demoId = articles.items.find((a) => DEMO_TITLE.test(a.title))?.id as number;
    const preview = await host.api<{ html: string }>('preview.page', { id: demoId });
    const published = await (await fetch(articleUrl)).text();
    expect(sharedParts(preview.html)).toEqual(sharedParts(published));
    expect(preview.html).not.toMatch(/Số lượt xem|Thống kê truy cập|123\.456/);

    // Search without a server: a query without tone marks finds the article.
    await menu.getByRole('link', { name: 'Tìm kiếm' }).click();
    await page.getByRole('searchbox', { name: /Từ khóa/ }).fill('phong lao dong thuong binh');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toContainText('Tìm thấy 1 bài viết');
    await page.getByRole('link', { name: DEMO_TITLE }).click();
    await expect(page).toHaveURL(articleUrl);
    await page.goto(`${site.url}tim-kiem.html?q=thong%20bao%20lich`);
    await expect(page.getByRole('link', { name: 'Thông báo lịch tiếp công dân tháng 4' })).toBeVisible();
    await expectAccessible(page, 'site search');
    await screens(page, 'portal-search');
    await page.goto(`${site.url}tim-kiem.html?q=khongcobaivietnao`);
    await expect(page.getByRole('status')).toContainText('Không tìm thấy bài viết nào');

    // Contacts, in Vietnamese and English, and the sitemap for people.
    await page.getByRole('contentinfo').getByRole('link', { name: 'Liên hệ' }).click();
    await expect(page.getByRole('heading', { name: 'Thông tin liên hệ' })).toBeVisible();
    await expect(page.locator('section[lang="en"]')).toContainText('Khom 1, Ward 1, Gia Rai Town');
    await expect(page.getByRole('main').getByRole('link', { name: 'vanphong@example.org' }).first()).toBeVisible();
    await expectAccessible(page, 'site contacts');
    await screens(page, 'portal-contacts');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Sơ đồ trang' }).click();
    await expect(page.getByRole('main').getByRole('link', { name: 'Văn hóa - Xã hội' })).toBeVisible();
    await expectAccessible(page, 'site sitemap page');

    // Every feed and sitemap is well-formed XML.
    for (const rel of [
      'rss.xml',
      'van-hoa-xa-hoi/rss.xml',
      'sitemap.xml',
      'sitemap-pages.xml',
      'sitemap-2023-03.xml',
    ]) {
      const xml = await (await fetch(`${site.url}${rel}`)).text();
      const error = await page.evaluate(
        (text) => new DOMParser().parseFromString(text, 'application/xml').querySelector('parsererror')?.textContent,
        xml,
      );
      expect(error, rel).toBeUndefined();
    }
  } finally {
    site.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('markup typed into every field that reaches the site stays text in its pages and in feed readers', async ({
  page,
  host,
}) => {
  await host.api('portal.update', {
    name: `Cổng ${XSS}`,
    address: XSS,
    phone: XSS,
    fax: XSS,
    responsible: XSS,
  });
  await host.api('profile.update', {
    sidebarLinks: [{ label: XSS, url: 'https://example.org/' }],
    poll: { question: XSS, options: [XSS, 'Khác'] },
    contact: { email: '', nameEn: XSS, addressEn: XSS, responsibleEn: XSS },
  });
  const category = await host.api<{ id: number; slug: string }>('categories.create', { name: `Mục ${XSS}` });
  await publish(host, {
    title: `Tiêu đề ${XSS}`,
    lead: `Sa pô ${XSS}`,
    categoryId: category.id,
    author: XSS,
    department: XSS,
    featuredCaption: XSS,
  });
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-portal-xss-'));
  await host.api('targets.create', { kind: 'static-site', name: 'Cổng', config: { folder }, publishExisting: true });
  const jobs = await settledQueue(host);
  expect(jobs.map((job) => job.state)).toEqual(['succeeded']);
  const site = await serveFolder(folder);
  try {
    const pages = fs
      .readdirSync(folder, { recursive: true })
      .map(String)
      .filter((rel) => rel.endsWith('.html'));
    expect(pages.length).toBeGreaterThanOrEqual(7);
    for (const rel of pages) {
      await page.goto(`${site.url}${rel.split(path.sep).join('/')}`);
      await expectInert(page, rel);
    }
    await page.goto(`${site.url}tim-kiem.html?q=tieu%20de`);
    await expect(page.getByRole('status')).toContainText('Tìm thấy 1 bài viết');
    await expect(page.getByRole('main').getByRole('link', { name: /Tiêu đề <img src=x/ })).toBeVisible();
    await expectInert(page, 'search results');

    // A feed reader reads titles and descriptions as HTML: what it gets is text, not elements.
    for (const rel of ['rss.xml', `${category.slug}/rss.xml`]) {
      const xml = await (await fetch(`${site.url}${rel}`)).text();
      const read = await page.evaluate((text) => {
        const feed = new DOMParser().parseFromString(text, 'application/xml');
        if (feed.querySelector('parsererror')) return null;
        return [...feed.querySelectorAll('item > title, item > description, item > category, channel > title')].map(
          (node) => {
            const html = new DOMParser().parseFromString(node.textContent ?? '', 'text/html');
            return { elements: html.body.querySelectorAll('img, script').length, text: html.body.textContent };
          },
        );
      }, xml);
      expect(read, rel).not.toBeNull();
      for (const field of read ?? []) expect(field.elements, `${rel}: ${field.text}`).toBe(0);
      expect((read ?? []).some((field) => field.text?.includes('<img src=x'))).toBe(true);
    }
  } finally {
    site.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('Settings show the links the pages show, and the contacts typed there reach every page’s footer', async ({
  page,
  host,
}) => {
  const { articleId } = await host.api<{ articleId: number }>('setup.loadDemo', {});
  await openApp(page, host);
  await page
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('button', { name: /Cài đặt/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Cài đặt' })).toBeVisible();
  const card = page.locator('section', { has: page.getByRole('heading', { name: 'Hồ sơ tổ chức' }) });
  const links = card.getByRole('textbox', { name: /Liên kết web ở cột bên/ });
  await expect(links).toHaveValue(/Cổng thông tin điện tử Chính phủ \| https:\/\/chinhphu\.vn\//);
  const preview = async () => (await host.api<{ html: string }>('preview.page', { id: articleId })).html;
  const shown = [...(await preview()).matchAll(/<li><a href="(https:[^"]+)"[^>]*>([^<]+)<\/a><\/li>/g)].map(
    (m) => `${m[2]} | ${m[1]}`,
  );
  expect(shown).toHaveLength(3);
  expect((await links.inputValue()).split('\n')).toEqual(shown);

  await card.getByRole('textbox', { name: /E-mail của cơ quan/ }).fill('vanphong@example.org');
  await card.getByRole('textbox', { name: /Tên cơ quan bằng tiếng Anh/ }).fill('Gia Rai Town Portal');
  await card.getByRole('button', { name: 'Lưu hồ sơ tổ chức' }).click();
  await expect(page.getByText('Đã lưu hồ sơ tổ chức.')).toBeVisible();
  await expectAccessible(page, 'settings with the contacts');
  expect(await preview()).toContain('E-mail: <a href="mailto:vanphong@example.org">vanphong@example.org</a>');

  // The preview in the app, at both widths: the portal's page, picture and sidebar included.
  await page
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('button', { name: /Bài viết/ })
    .click();
  await page.getByRole('button', { name: DEMO_TITLE }).first().click();
  await page.getByRole('button', { name: 'Xem trước' }).first().click();
  const frame = page.frameLocator('iframe[title="Trang bài viết như trên cổng"]');
  await expect(frame.getByRole('heading', { name: 'Liên kết web' })).toBeVisible();
  await expect(frame.locator('figure.featured figcaption')).toContainText('Hộ Nguyễn Chí Công');
  expect(
    await frame.locator('figure.featured img').evaluate((img: HTMLImageElement) => img.naturalWidth),
  ).toBeGreaterThan(0);
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, 'portal-preview-desktop');
  await page.getByText(/Điện thoại \(390 px\)/).click();
  await screenshot(page, 'portal-preview-phone');
});
