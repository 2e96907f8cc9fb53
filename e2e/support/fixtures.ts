import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { ADMIN, Host, type Account } from './host';

export const SCREENSHOT_DIR = path.resolve('test-results', 'screens');

/** axe-core on the whole page: no violation of WCAG 2.1 A/AA rules. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
}

/** Signs in through the sign-in screen. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByRole('heading', { name: 'Đăng nhập Tòa Soạn' })).toBeVisible();
}

export async function signIn(page: Page, account: Account): Promise<void> {
  await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill(account.username);
  await page.getByLabel('Mật khẩu').fill(account.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
}

/**
 * A fresh page load of the app (a plain goto to the same URL but its #token would not reload the page), signed in
 * as the given account (the first administrator by default); null leaves the page at the sign-in screen.
 */
export async function openApp(page: Page, host: Host, account: Account | null = ADMIN): Promise<void> {
  await page.goto('about:blank');
  await page.goto(host.url);
  if (!account) return;
  // The tab may still hold a session from before the reload: sign in only when asked to.
  const signInBox = page.getByRole('textbox', { name: /^(Tên đăng nhập|Username)$/ });
  const nav = page.getByRole('navigation', { name: /^(Điều hướng chính|Main navigation)$/ });
  await expect(signInBox.or(nav).first()).toBeVisible();
  if (await signInBox.isVisible()) await signIn(page, account);
}

export const test = base.extend<{ host: Host }>({
  host: async ({}, use) => {
    const host = new Host();
    await host.start();
    await use(host);
    await host.stop();
    host.remove();
  },
});

export { expect };
