// The Electron fuses Tòa Soạn ships with, in electron-builder's `electronFuses` form (electron-builder.cjs: it flips
// them in the packaged binary right before signing), and a read-back that compares a binary's fuse wire with them.
// Fuse states are bytes in the binary after a sentinel: '0' off, '1' on.
const fs = require('node:fs');
const path = require('node:path');
const { FuseV1Options, FuseVersion, getCurrentFuseWire } = require('@electron/fuses');

/** Per Electron's security checklist (docs/packaging.md says what each does). */
const ELECTRON_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  // The renderer is served from app://, never file://: file: gets no extra privileges.
  grantFileProtocolExtraPrivileges: false,
};

const ON = 0x31;
const OFF = 0x30;

/** @electron/fuses' name of an electronFuses key: runAsNode → RunAsNode. */
const fuseName = (key) => key[0].toUpperCase() + key.slice(1);

/** Reads the fuse wire of an Electron binary (or .app) and answers each wanted fuse with what the binary holds. */
async function readBackFuses(executable) {
  const wire = await getCurrentFuseWire(executable);
  if (wire.version !== FuseVersion.V1) throw new Error(`unknown fuse wire version ${wire.version} in ${executable}`);
  return Object.entries(ELECTRON_FUSES).map(([key, wanted]) => {
    const fuse = fuseName(key);
    const index = FuseV1Options[fuse];
    if (index === undefined) throw new Error(`@electron/fuses knows no fuse ${fuse}`);
    const state = wire[index];
    const actual = state === ON ? true : state === OFF ? false : null;
    return { fuse, wanted, actual, ok: actual === wanted };
  });
}

/** The packaged apps electron-builder wrote in an output folder (Linux, Windows and macOS layouts). */
function packagedApps(outDir) {
  const candidates = [
    path.join(outDir, 'linux-unpacked', 'toasoan'),
    path.join(outDir, 'win-unpacked', 'Tòa Soạn.exe'),
    ...['mac', 'mac-arm64', 'mac-universal'].map((dir) => path.join(outDir, dir, 'Tòa Soạn.app')),
  ];
  return candidates.filter((file) => fs.existsSync(file));
}

module.exports = { ELECTRON_FUSES, readBackFuses, packagedApps };
