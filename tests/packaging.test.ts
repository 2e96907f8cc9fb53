/**
 * Packaging, as far as it can be checked without Electron's binary: electron-builder's own validation of the config,
 * and a `--dir` build for Linux on a STAND-IN Electron (scripts/make-electron-standin.mjs) — the layout of the
 * result (app.asar, app.asar.unpacked, the organisation profile in resources) and its fuses read back. The stand-in
 * does not run; what this proves and what it does not is in docs/packaging.md.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROFILE_FORMAT } from '../shared/contract/profile';
import { REPO_ROOT, tempDataDir } from './helpers';

const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
};
const asar = require('@electron/asar') as {
  listPackage: (file: string, options?: unknown) => string[];
  extractFile: (file: string, inner: string) => Buffer;
};
const { readBackFuses } = require('../scripts/fuses.cjs') as {
  readBackFuses: (file: string) => Promise<{ fuse: string; wanted: boolean; actual: boolean | null; ok: boolean }[]>;
};

const quiet = { isEnabled: false, add: () => undefined };
const node = (...args: string[]) => spawnSync(process.execPath, args, { cwd: REPO_ROOT, encoding: 'utf8' });

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema validation", async () => {
    const config = require('../electron-builder.cjs') as Record<string, unknown>;
    await expect(validateConfiguration(structuredClone(config), quiet)).resolves.toBeUndefined();
    expect(config).toMatchObject({
      appId: 'vn.toasoan.desktop',
      productName: 'Tòa Soạn',
      asar: true,
      npmRebuild: true,
      afterAllArtifactBuild: './scripts/check-fuses-after-build.cjs',
      electronFuses: {
        runAsNode: false,
        enableCookieEncryption: true,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        enableEmbeddedAsarIntegrityValidation: true,
        onlyLoadAppFromAsar: true,
        grantFileProtocolExtraPrivileges: false,
      },
    });
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: true,
      installerLanguages: ['vi_VN', 'en_US'],
    });
    // … which does refuse what its schema does not know.
    await expect(
      validateConfiguration({ ...structuredClone(config), nsis: { oneClick: 'maybe' } }, quiet),
    ).rejects.toThrow(/nsis/);
  });
});

describe('a --dir build on the Electron stand-in', () => {
  const work = tempDataDir('toasoan-pack-');
  const standin = path.join(work, 'electron-standin');
  const out = path.join(work, 'out');
  const profileFile = path.join(work, 'profile.json');
  const profile = {
    format: PROFILE_FORMAT,
    version: 1,
    portal: {
      name: 'CỔNG THÔNG TIN ĐIỆN TỬ XÃ THỬ NGHIỆM',
      address: 'Ấp 1',
      phone: '0291',
      fax: '',
      responsible: 'Ông A',
    },
    categories: [{ name: 'Tin tức' }],
    targets: [],
    updates: { url: 'https://capnhat.thunghiem.example/toasoan/' },
  };
  let run: ReturnType<typeof spawnSync>;

  beforeAll(() => {
    if (
      !fs.existsSync(path.join(REPO_ROOT, 'dist', 'electron', 'main.cjs')) ||
      !fs.existsSync(path.join(REPO_ROOT, 'dist', 'renderer', 'index.html'))
    ) {
      expect(node('scripts/build.mjs').status).toBe(0);
    }
    expect(node('scripts/make-electron-standin.mjs', standin).status).toBe(0);
    fs.writeFileSync(profileFile, JSON.stringify(profile));
    run = node(
      'scripts/dist.mjs',
      '--profile',
      profileFile,
      '--no-build',
      '--linux',
      'dir',
      `-c.electronDist=${standin}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${out}`,
    );
  }, 120_000);

  const unpacked = () => path.join(out, 'linux-unpacked');

  it('packs the app into resources/app.asar: the bundles and the renderer, no renderer-only node_modules', () => {
    expect(run.status, String(run.stderr)).toBe(0);
    const files = asar.listPackage(path.join(unpacked(), 'resources', 'app.asar'), { isPack: false });
    for (const file of [
      '/package.json',
      '/dist/electron/main.cjs',
      '/dist/electron/preload.cjs',
      '/dist/renderer/index.html',
    ])
      expect(files).toContain(file);
    expect(
      files.some((file) => file.startsWith('/dist/host') || file.startsWith('/dist/bench') || file.endsWith('.map')),
    ).toBe(false);
    expect(files.some((file) => /^\/node_modules\/(react|lexical|@lexical|zod)\//.test(file))).toBe(false);
    expect(files).toContain('/node_modules/electron-updater/package.json');
    const pkg = JSON.parse(
      asar.extractFile(path.join(unpacked(), 'resources', 'app.asar'), 'package.json').toString('utf8'),
    ) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });

  it('unpacks the native modules next to it (app.asar.unpacked)', () => {
    const native = path.join(unpacked(), 'resources', 'app.asar.unpacked', 'node_modules');
    expect(fs.existsSync(path.join(native, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
    expect(fs.existsSync(path.join(native, 'better-sqlite3', 'deps'))).toBe(false);
    const sharpAddon = fs.readdirSync(path.join(native, '@img')).find((name) => /^sharp-linux-/.test(name));
    expect(sharpAddon).toBeDefined();
    expect(
      fs.readdirSync(path.join(native, '@img', sharpAddon as string, 'lib')).some((name) => name.endsWith('.node')),
    ).toBe(true);
    expect(fs.readdirSync(path.join(native, '@img')).some((name) => /^sharp-libvips-linux-/.test(name))).toBe(true);
  });

  it('bakes the checked organisation profile into resources, and the update server it names', () => {
    const baked = JSON.parse(
      fs.readFileSync(path.join(unpacked(), 'resources', 'organisation-profile.json'), 'utf8'),
    ) as unknown;
    expect(baked).toEqual(profile);
    expect(fs.readFileSync(path.join(unpacked(), 'resources', 'app-update.yml'), 'utf8')).toContain(
      'url: https://capnhat.thunghiem.example/toasoan/',
    );
  });

  it("flips the fuses in the packaged binary's copy (read back), not in the stand-in it came from", async () => {
    const packaged = await readBackFuses(path.join(unpacked(), 'toasoan'));
    expect(packaged.filter((f) => !f.ok)).toEqual([]);
    expect(Object.fromEntries(packaged.map((f) => [f.fuse, f.actual]))).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      GrantFileProtocolExtraPrivileges: false,
    });
    expect((await readBackFuses(path.join(standin, 'electron'))).every((f) => !f.ok)).toBe(true);
  });

  it('without a profile, bakes none and writes no update metadata', () => {
    const bare = path.join(work, 'out-bare');
    const plain = node(
      'scripts/dist.mjs',
      '--no-build',
      '--linux',
      'dir',
      `-c.electronDist=${standin}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${bare}`,
    );
    expect(plain.status, plain.stderr).toBe(0);
    expect(fs.existsSync(path.join(bare, 'linux-unpacked', 'resources', 'organisation-profile.json'))).toBe(false);
    expect(fs.existsSync(path.join(bare, 'linux-unpacked', 'resources', 'app-update.yml'))).toBe(false);
  }, 120_000);
});
