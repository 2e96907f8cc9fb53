import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ToaSoanApi } from '../../shared/contract';
import { electronSqliteBinding, electronVersion } from '../../scripts/electron-setup.mjs';
import { ELECTRON_SKIP_REASON, electronBinary } from '../support/electron';

/** What a page's global object may hold; e2e code is compiled without the DOM library's window typing. */
type PageGlobals = { toasoan?: ToaSoanApi };

const binary = electronBinary();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** better-sqlite3 for Electron as `npm start` prepares it (CI rebuilds node_modules for Electron instead). */
function sqliteBindingEnv(): Record<string, string> {
  const binding = electronSqliteBinding(root, electronVersion(root));
  return fs.existsSync(binding) ? { TOASOAN_SQLITE_BINDING: binding } : {};
}

async function launch(dataDir: string): Promise<{ app: ElectronApplication; page: Page }> {
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    args: ['.'],
    env: { ...process.env, TOASOAN_DATA_DIR: dataDir, ...sqliteBindingEnv() },
  });
  return { app, page: await app.firstWindow() };
}

/** The core's utilityProcess, as Electron lists it. */
async function corePids(app: ElectronApplication): Promise<number[]> {
  return app.evaluate(({ app: electronApp }) =>
    electronApp
      .getAppMetrics()
      .filter((metric) => metric.type === 'Utility' && metric.serviceName === 'Tòa Soạn core')
      .map((metric) => metric.pid),
  );
}

test.describe('Electron shell: the core in its own process, menus, caches', () => {
  test.beforeAll(() => {
    if (!binary) console.log(`[electron project] ${ELECTRON_SKIP_REASON}`);
  });

  test('the core runs as a utilityProcess; killed, it is started again and nothing saved is lost', async () => {
    test.skip(!binary, ELECTRON_SKIP_REASON);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-electron-core-'));
    const { app, page } = await launch(dataDir);
    try {
      const signedIn = await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).toasoan?.['auth.setupFirstAdmin']({
          username: 'quantri',
          displayName: 'Quản trị',
          password: 'mat-khau-quan-tri',
        }),
      );
      expect(signedIn).toMatchObject({ ok: true });
      const saved = await page.evaluate(async () => {
        const api = (globalThis as unknown as PageGlobals).toasoan!;
        const created = await api['articles.create']({ title: 'Trước khi lõi dừng' });
        return created.ok ? created.value.id : null;
      });
      expect(saved).not.toBeNull();
      const [before] = await corePids(app);
      expect(before).toBeGreaterThan(0);
      process.kill(before!, 'SIGKILL');
      await expect
        .poll(async () => (await corePids(app)).filter((pid) => pid !== before).length, { timeout: 20_000 })
        .toBe(1);
      await expect
        .poll(
          () =>
            page.evaluate(async (id) => {
              const read = await (globalThis as unknown as PageGlobals).toasoan!['articles.get']({ id });
              return read.ok ? read.value.title : read.error.code;
            }, saved!),
          { timeout: 20_000 },
        )
        .toBe('Trước khi lõi dừng');
    } finally {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(`${dataDir}-chromium`, { recursive: true, force: true });
    }
  });

  test("the menu follows the UI language; Chromium's caches and spell checker stay out of the way", async () => {
    test.skip(!binary, ELECTRON_SKIP_REASON);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-electron-menu-'));
    const { app, page } = await launch(dataDir);
    const menuLabels = () =>
      app.evaluate(({ Menu }) =>
        (Menu.getApplicationMenu()?.items ?? [])
          .filter((item) => item.role?.toLowerCase() !== 'appmenu')
          .map((item) => item.label),
      );
    try {
      await expect.poll(menuLabels).toEqual(['Tệp', 'Sửa', 'Xem']);
      await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).toasoan?.['settings.update']({ language: 'en' }),
      );
      await expect.poll(menuLabels).toEqual(['File', 'Edit', 'View']);
      const sessionData = await app.evaluate(({ app: electronApp }) => electronApp.getPath('sessionData'));
      expect(path.resolve(sessionData).startsWith(path.resolve(dataDir) + path.sep)).toBe(false);
      expect(await app.evaluate(({ session }) => session.defaultSession.isSpellCheckerEnabled())).toBe(false);
    } finally {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(`${dataDir}-chromium`, { recursive: true, force: true });
    }
  });
});
