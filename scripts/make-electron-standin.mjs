// Writes build/electron-standin/: a STAND-IN for an unpacked Electron distribution, for checking the packaging layout
// on machines that cannot download Electron (`electron-builder --dir -c.electronDist=build/electron-standin`).
// It is NOT Electron: its `electron` is a shell script that says so and exits 1. It carries a fuse wire (the sentinel
// @electron/fuses looks for, version 1, Electron's default states) so that flipping the fuses and reading them back
// can be shown on it — which proves the hook runs and writes the bytes, not that a real Electron obeys them.
//   node scripts/make-electron-standin.mjs [outDir=build/electron-standin]
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { SENTINEL } = require('@electron/fuses/dist/constants');
const electronVersion = require('electron/package.json').version;

const outDir = path.resolve(process.argv[2] ?? 'build/electron-standin');
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(path.join(outDir, 'resources'), { recursive: true });
fs.mkdirSync(path.join(outDir, 'locales'), { recursive: true });

// Electron's defaults, in @electron/fuses' FuseV1Options order: RunAsNode on, cookie encryption off, NODE_OPTIONS on,
// --inspect on, asar integrity off, only-asar off, browser V8 snapshot off, file: privileges on.
const DEFAULT_WIRE = '10110001';
const wire = Buffer.concat([
  Buffer.from(SENTINEL, 'ascii'),
  Buffer.from([1, DEFAULT_WIRE.length]),
  Buffer.from(DEFAULT_WIRE, 'ascii'),
]);
const script = Buffer.concat([
  Buffer.from(
    [
      '#!/bin/sh',
      '# STAND-IN for the Electron binary, written by scripts/make-electron-standin.mjs. It is not Electron and runs nothing.',
      `echo "electron-standin: this is a stand-in for Electron ${electronVersion}, used only to check the packaging layout; it cannot run Tòa Soạn." >&2`,
      'exit 1',
      '# The fuse wire, as a real Electron binary holds it (sentinel, version 1, length, one byte per fuse):',
      '# ',
    ].join('\n'),
    'utf8',
  ),
  wire,
  Buffer.from('\n', 'ascii'),
]);
fs.writeFileSync(path.join(outDir, 'electron'), script, { mode: 0o755 });
fs.writeFileSync(path.join(outDir, 'version'), `${electronVersion}\n`);
fs.writeFileSync(
  path.join(outDir, 'LICENSE'),
  'Stand-in: the real Electron distribution ships its MIT licence here.\n',
);
fs.writeFileSync(path.join(outDir, 'locales', 'vi.pak'), '');
fs.writeFileSync(path.join(outDir, 'locales', 'en-US.pak'), '');
fs.writeFileSync(
  path.join(outDir, 'STAND-IN.txt'),
  `This folder is a STAND-IN for an unpacked Electron ${electronVersion} for Linux, not Electron.\n` +
    'It lets electron-builder --dir lay out an app (app.asar, app.asar.unpacked, resources) where Electron cannot be\n' +
    'downloaded. The result does not run. See docs/packaging.md.\n',
);
console.log(`Electron stand-in (NOT Electron) written to ${path.relative(process.cwd(), outDir)}`);
