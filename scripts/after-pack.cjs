// electron-builder afterPack hook: flips the fuses of the packaged Electron binary (before any signing), then reads
// them back and fails the build if one did not take. See scripts/fuses.cjs and docs/packaging.md.
const path = require('node:path');
const { flipFuses } = require('@electron/fuses');
const { WANTED_FUSES, readBackFuses, FuseVersion } = require('./fuses.cjs');

const ARM64 = 3; // builder-util's Arch.arm64

function executableOf(context) {
  const { electronPlatformName, appOutDir, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas')
    return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return path.join(appOutDir, packager.executableName);
}

exports.default = async function afterPack(context) {
  const executable = executableOf(context);
  await flipFuses(executable, {
    version: FuseVersion.V1,
    // An arm64 macOS binary must stay (ad hoc) signed after its bytes change; real signing comes after this hook.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === ARM64,
    ...WANTED_FUSES,
  });
  const fuses = await readBackFuses(executable);
  for (const { fuse, wanted, actual, ok } of fuses)
    console.log(`  • fuse ${fuse}: ${actual} (wanted ${wanted})${ok ? '' : '  ← NOT SET'}`);
  const wrong = fuses.filter((f) => !f.ok);
  if (wrong.length > 0) throw new Error(`fuses not set in ${executable}: ${wrong.map((f) => f.fuse).join(', ')}`);
};
