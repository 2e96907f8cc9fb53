import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The Electron binary, when this machine has one (the electron package throws when it was never downloaded). With
 * TOASOAN_REQUIRE_ELECTRON=1 (the release workflow) a missing binary is an error, never a skip.
 */
export function electronBinary(): string | null {
  let binary: string | null = null;
  try {
    const found = require('electron') as unknown as string;
    binary = fs.existsSync(found) ? found : null;
  } catch {
    binary = null;
  }
  if (!binary && process.env.TOASOAN_REQUIRE_ELECTRON === '1') {
    throw new Error(
      'TOASOAN_REQUIRE_ELECTRON=1 but there is no Electron binary: run `node node_modules/electron/install.js` first.',
    );
  }
  return binary;
}

export const ELECTRON_SKIP_REASON =
  'SKIPPED: no Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD; GitHub is unreachable). ' +
  'Run `node node_modules/electron/install.js` where it is reachable, then `npm run test:e2e -- --project=electron`.';
