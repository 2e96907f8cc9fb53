// npm run verify-site -- DIR [--fingerprint HEX | --key FILE]: checks a static site folder against its signed manifest
// (electron/core/publish/site-manifest-verify.ts). Builds that module with esbuild into .tmp (a file of this run's own,
// so several checks can run at once) and runs it. Exit code 0: everything matches; 1: something differs; 2: no
// readable manifest, or wrong arguments.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { NODE_EXTERNALS } from './node-externals.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, '.tmp', `verify-site-${process.pid}-${crypto.randomBytes(4).toString('hex')}.mjs`);

await build({
  absWorkingDir: root,
  entryPoints: ['electron/core/publish/site-manifest-verify.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  // As the app's bundles: packages inlined (the signing code's reflect-metadata shim must run before @peculiar/x509).
  external: NODE_EXTERNALS,
  logLevel: 'warning',
});
try {
  const verifier = await import(pathToFileURL(outfile).href);
  process.exitCode = await verifier.main(process.argv.slice(2), (line) => console.log(line));
} finally {
  fs.rmSync(outfile, { force: true });
}
