import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, expectAccessible, openApp, screenshot, test } from '../support/fixtures';
import { Host } from '../support/host';

test('a database written by a newer version is refused with its path, never shown as an empty library', async ({
  page,
}) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-e2e-newer-'));
  const file = path.join(dataDir, 'toasoan.sqlite');
  const db = new Database(file);
  db.exec('CREATE TABLE future_things (id INTEGER PRIMARY KEY)');
  db.pragma('application_id = 1414745921');
  db.pragma('user_version = 99');
  db.close();
  const before = fs.readFileSync(file);

  const host = new Host(dataDir);
  await host.start();
  try {
    await openApp(page, host, null);
    await expect(page.getByRole('heading', { name: 'Không mở được dữ liệu' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText(file);
    await expect(page.getByRole('alert')).toContainText('phiên bản Tòa Soạn mới hơn');
    await expect(page.getByRole('list', { name: 'Danh sách bài viết' })).toHaveCount(0);
    await expectAccessible(page, 'startup error');
    await screenshot(page, 'startup-error');
  } finally {
    await host.stop();
  }
  expect(fs.readFileSync(file).equals(before)).toBe(true);
  fs.rmSync(dataDir, { recursive: true, force: true });
});
