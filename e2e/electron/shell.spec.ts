import { _electron as electron, expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ToaSoanApi } from '../../shared/contract';
import { ELECTRON_SKIP_REASON, electronBinary } from '../support/electron';

/** What a page's global object may hold; e2e code is compiled without the DOM library. */
type PageGlobals = { require?: unknown; process?: unknown; ipcRenderer?: unknown; toasoan?: ToaSoanApi };

const binary = electronBinary();
const SKIP_REASON = ELECTRON_SKIP_REASON;

test.describe('Electron shell', () => {
  test.beforeAll(() => {
    if (!binary) console.log(`[electron project] ${SKIP_REASON}`);
  });

  test('the page has no Node, only the named API, and it reaches the core', async () => {
    test.skip(!binary, SKIP_REASON);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-electron-'));
    const app = await electron.launch({
      executablePath: binary ?? undefined,
      args: ['.'],
      env: { ...process.env, TOASOAN_DATA_DIR: dataDir },
    });
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveURL(/^app:\/\/toasoan\//);
      const exposed = await page.evaluate(() => {
        const g = globalThis as unknown as PageGlobals;
        return {
          require: typeof g.require,
          process: typeof g.process,
          ipcRenderer: typeof g.ipcRenderer,
          api: Object.keys(g.toasoan ?? {}).sort(),
        };
      });
      expect(exposed.require).toBe('undefined');
      expect(exposed.process).toBe('undefined');
      expect(exposed.ipcRenderer).toBe('undefined');
      expect(exposed.api).toContain('articles.list');
      // Signing in through the window: main keeps the session; the page never sees its token.
      const signedIn = (await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).toasoan?.['auth.setupFirstAdmin']({
          username: 'quantri',
          displayName: 'Quản trị',
          password: 'mat-khau-quan-tri',
        }),
      )) as { ok: boolean; value?: { sessionToken?: string } } | undefined;
      expect(signedIn?.ok).toBe(true);
      expect(signedIn?.value?.sessionToken).toBeUndefined();
      const created = await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).toasoan?.['articles.create']({ title: 'Tin từ cửa sổ Electron' }),
      );
      expect(created).toMatchObject({ ok: true });
      const malformed = await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).toasoan?.['articles.create']({ title: 42 } as never),
      );
      expect(malformed).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      // The session survives a reload of the window; with an article in the store the demo is not offered.
      await page.reload();
      await expect(page.getByRole('button', { name: /Tin từ cửa sổ Electron/ })).toBeVisible();
    } finally {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
