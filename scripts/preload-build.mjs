// The Electron preload bundle (scripts/build.mjs; tests/preload.test.ts builds it the same way).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The contract's channel names, read from the contract itself at build time (bundled whole in memory, zod and all). */
async function channelNames() {
  const bundled = await build({
    entryPoints: [path.join(ROOT, 'shared/contract/index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'warning',
  });
  const source = Buffer.from(bundled.outputFiles[0].text).toString('base64');
  const contract = await import(`data:text/javascript;base64,${source}`);
  return contract.CHANNEL_NAMES;
}

/**
 * A sandboxed preload can require only 'electron': everything else is bundled into it, and every window loads it.
 * Of the contract it needs only the channel names, so its import of shared/contract is given them alone, computed
 * here: without the schemas the file is a few kB instead of 820 kB.
 */
export async function buildPreload(outfile) {
  const names = await channelNames();
  await build({
    entryPoints: [path.join(ROOT, 'electron/preload/preload.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    external: ['electron'],
    logLevel: 'warning',
    plugins: [
      {
        name: 'channel-names-only',
        setup(plugin) {
          plugin.onResolve({ filter: /\/shared\/contract$/ }, () => ({ path: 'channel-names', namespace: 'contract' }));
          plugin.onLoad({ filter: /.*/, namespace: 'contract' }, () => ({
            contents: `export const CHANNEL_NAMES = ${JSON.stringify(names)};`,
            loader: 'js',
          }));
        },
      },
    ],
  });
}
