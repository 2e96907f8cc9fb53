// Builds scripts/gen-api-docs.ts with esbuild into .tmp/gen-api-docs.mjs and runs it:
//   node scripts/api-docs.mjs            print docs/api.md as it would be generated
//   node scripts/api-docs.mjs --write    write docs/api.md
//   node scripts/api-docs.mjs --check    exit 1 if docs/api.md is stale
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, '.tmp', 'gen-api-docs.mjs');

await build({
  absWorkingDir: root,
  entryPoints: ['scripts/gen-api-docs.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  logLevel: 'warning',
});
const generator = await import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
process.exitCode = generator.main(process.argv.slice(2));
