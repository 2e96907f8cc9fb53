// Builds what the shells run: the renderer (vite) and the node-side bundles (esbuild).
// --node-only skips the renderer (bench, host-only tests).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { NODE_EXTERNALS, NODE_LOG_OVERRIDE } from './node-externals.mjs';
import { buildPreload } from './preload-build.mjs';

const nodeOnly = process.argv.includes('--node-only');
const external = [...NODE_EXTERNALS];
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external,
  logLevel: 'warning',
  logOverride: NODE_LOG_OVERRIDE,
};

await Promise.all([
  esbuild({
    ...common,
    entryPoints: ['electron/host/serve.ts'],
    outfile: 'dist/host/serve.mjs',
    format: 'esm',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  }),
  esbuild({
    ...common,
    entryPoints: ['bench/bench.ts'],
    outfile: 'dist/bench/bench.mjs',
    format: 'esm',
    external: [...external, '@playwright/test'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  }),
  // The bench's bare Lexical page (bench/page/bare-lexical.ts), built as the renderer is: for Chromium, production Lexical.
  esbuild({
    entryPoints: ['bench/page/bare-lexical.ts'],
    outfile: 'dist/bench/bare-lexical.js',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome130',
    minify: true,
    conditions: ['production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  }),
  esbuild({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs' }),
  // The core's own process: Electron's main starts it as a utilityProcess (tests fork the same entry with Node).
  esbuild({
    ...common,
    entryPoints: ['electron/core/child/core-child.ts'],
    outfile: 'dist/electron/core-child.cjs',
    format: 'cjs',
  }),
  // A static-site rebuild's render workers (electron/core/publish/site-render-pool.ts), found beside the core's bundle.
  esbuild({
    ...common,
    entryPoints: ['electron/core/publish/site-render-worker.ts'],
    outfile: 'dist/electron/site-render-worker.cjs',
    format: 'cjs',
  }),
  buildPreload('dist/electron/preload.cjs'),
]);
if (!nodeOnly) await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
