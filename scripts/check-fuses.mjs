// Reads back the fuses of a packaged Tòa Soạn and compares them with scripts/fuses.cjs; exit 1 when one differs.
//   node scripts/check-fuses.mjs [executable or .app]   (default: the ones electron-builder wrote in dist-installers/)
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { packagedApps, readBackFuses } = require('./fuses.cjs');

const targets = process.argv[2] ? [path.resolve(process.argv[2])] : packagedApps(path.resolve('dist-installers'));
if (targets.length === 0) {
  console.error('No packaged app found in dist-installers/ (run npm run dist first), and none given.');
  process.exit(1);
}
let wrong = 0;
for (const target of targets) {
  console.log(target);
  for (const { fuse, wanted, actual, ok } of await readBackFuses(target)) {
    console.log(`  ${ok ? '✓' : '✗'} ${fuse}: ${actual} (wanted ${wanted})`);
    if (!ok) wrong++;
  }
}
process.exit(wrong === 0 ? 0 : 1);
