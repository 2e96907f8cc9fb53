import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll } from 'vitest';
import { NODE_EXTERNALS, NODE_LOG_OVERRIDE } from '../../scripts/node-externals.mjs';
import { REPO_ROOT } from '../helpers';

/**
 * A node-side entry bundled as scripts/build.mjs bundles it for Electron (CommonJS, natives left to node_modules), into
 * a folder of this run under the repository (so that better-sqlite3 and sharp resolve from its node_modules).
 */
export async function bundleNodeEntry(entry: string, folder: string, file: string): Promise<string> {
  const dir = path.join(REPO_ROOT, '.tmp', `${folder}-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  const outfile = path.join(dir, file);
  await build({
    entryPoints: [path.join(REPO_ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: [...NODE_EXTERNALS],
    logLevel: 'warning',
    logOverride: NODE_LOG_OVERRIDE,
  });
  return outfile;
}

/** Removes a bundle's folder (the file given is the one bundleNodeEntry answered). */
export function removeBundle(file: string | undefined): void {
  if (file) fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

/** The static site's render worker bundled once for the test file (its hooks registered here); the getter its path. */
export function renderWorkerBundle(): () => string {
  let script: string | undefined;
  beforeAll(async () => {
    script = await bundleNodeEntry(
      'electron/core/publish/site-render-worker.ts',
      'render-worker',
      'site-render-worker.cjs',
    );
  }, 60_000);
  afterAll(() => removeBundle(script));
  return () => {
    if (!script) throw new Error('the render worker is bundled in beforeAll');
    return script;
  };
}
