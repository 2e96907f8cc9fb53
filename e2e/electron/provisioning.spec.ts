import { _electron as electron, expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ToaSoanApi } from '../../shared/contract';
import { ELECTRON_SKIP_REASON, electronBinary } from '../support/electron';

type PageGlobals = { toasoan?: ToaSoanApi; open?: (url: string) => unknown; location?: { href: string } };

const binary = electronBinary();

const PROFILE = {
  format: 'toasoan-organisation-profile',
  version: 1,
  portal: {
    name: 'CỔNG THÔNG TIN ĐIỆN TỬ XÃ THỬ NGHIỆM',
    address: 'Ấp 1',
    phone: '0291',
    fax: '',
    responsible: 'Ông A',
  },
  categories: [{ name: 'Tin tức - Sự kiện' }, { name: 'Thông báo' }],
  targets: [],
};

/**
 * Under real Electron (CI's windows, ubuntu and macos runners): the first run applies the organisation profile and
 * asks only for the first administrator; the window cannot open windows or navigate away; a backup round-trips.
 * `--profile FILE` is how an unpackaged run is given the profile a packaged one finds in its resources.
 */
test.describe('Electron: provisioning and hardening', () => {
  test.beforeAll(() => {
    if (!binary) console.log(`[electron project] ${ELECTRON_SKIP_REASON}`);
  });

  test('first run with an organisation profile, then a backup and a restore', async () => {
    test.skip(!binary, ELECTRON_SKIP_REASON);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-electron-'));
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-electron-work-'));
    const profileFile = path.join(work, 'organisation-profile.json');
    fs.writeFileSync(profileFile, JSON.stringify(PROFILE));
    const app = await electron.launch({
      executablePath: binary ?? undefined,
      args: ['.', '--profile', profileFile],
      env: { ...process.env, TOASOAN_DATA_DIR: dataDir },
    });
    try {
      const page = await app.firstWindow();
      // Only the first administrator is asked for; no demo is offered on top of the profile.
      await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill('quantri');
      const created = await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).toasoan?.['auth.setupFirstAdmin']({
          username: 'quantri',
          displayName: 'Quản trị',
          password: 'mat-khau-quan-tri',
        }),
      );
      expect(created).toMatchObject({ ok: true });
      const portal = await page.evaluate(() => (globalThis as unknown as PageGlobals).toasoan?.['portal.get']({}));
      expect(portal).toMatchObject({ ok: true, value: { name: PROFILE.portal.name } });
      const setup = await page.evaluate(() => (globalThis as unknown as PageGlobals).toasoan?.['setup.status']({}));
      expect(setup).toMatchObject({ ok: true, value: { offerDemo: false } });

      // No new window, no navigation away from app://toasoan/.
      await page.evaluate(() => (globalThis as unknown as PageGlobals).open?.('https://example.org/'));
      await page.evaluate(() => {
        const g = globalThis as unknown as PageGlobals;
        if (g.location) g.location.href = 'https://example.org/';
      });
      await page.waitForTimeout(500);
      expect(app.windows()).toHaveLength(1);
      await expect(page).toHaveURL(/^app:\/\/toasoan\//);

      const backup = (await page.evaluate(
        (folder) => (globalThis as unknown as PageGlobals).toasoan?.['backup.create']({ folder }),
        work,
      )) as { ok: boolean; value?: { file: string } };
      expect(backup.ok).toBe(true);
      const restored = await page.evaluate(
        (file) => (globalThis as unknown as PageGlobals).toasoan?.['backup.restore']({ file }),
        backup.value?.file ?? '',
      );
      expect(restored).toMatchObject({ ok: true, value: { signedOut: true } });
    } finally {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
