// The Electron fuses Tòa Soạn ships with (flipped in the packaged binary by scripts/after-pack.cjs), and a read-back
// that compares a binary's fuse wire with them. Fuse states are bytes in the binary after a sentinel: '0' off, '1' on.
const { FuseV1Options, FuseVersion, getCurrentFuseWire } = require('@electron/fuses');

/** Per Electron's security checklist (docs/packaging.md says what each does). */
const WANTED_FUSES = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The renderer is served from app://, never file://: file: gets no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

const ON = 0x31;
const OFF = 0x30;

/** Reads the fuse wire of an Electron binary (or .app) and answers each wanted fuse with what the binary holds. */
async function readBackFuses(executable) {
  const wire = await getCurrentFuseWire(executable);
  if (wire.version !== FuseVersion.V1) throw new Error(`unknown fuse wire version ${wire.version} in ${executable}`);
  return Object.entries(WANTED_FUSES).map(([index, wanted]) => {
    const state = wire[index];
    const actual = state === ON ? true : state === OFF ? false : null;
    return { fuse: FuseV1Options[index], wanted, actual, ok: actual === wanted };
  });
}

module.exports = { WANTED_FUSES, readBackFuses, FuseVersion };
