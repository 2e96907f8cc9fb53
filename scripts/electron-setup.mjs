// What `npm start` needs before it can open the desktop window: the Electron binary (downloaded, with progress, where
// its download can be reached) and better-sqlite3 built for Electron, kept in a folder of its own so that the Node
// build in node_modules/better-sqlite3 — the one `npm test` and browser mode load — is never replaced.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The installed electron package's version (its binary may not be there). */
export function electronVersion(root) {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

/** The Electron binary, or null where it was never downloaded (the electron package throws then). */
export function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Where Electron's zip is fetched from: GitHub, or the mirror ELECTRON_MIRROR names (as @electron/get reads it). */
export function electronDownloadUrl(version, env = process.env, platform = process.platform, arch = process.arch) {
  const base =
    env.ELECTRON_MIRROR || env.npm_config_electron_mirror || 'https://github.com/electron/electron/releases/download/';
  const dir = (env.ELECTRON_CUSTOM_DIR || `v${version}`).replace('{{ version }}', version);
  return `${base.endsWith('/') ? base : `${base}/`}${dir}/electron-v${version}-${platform}-${arch}.zip`;
}

/** Whether a HEAD request reaches the address (any HTTP answer counts) within timeoutMs. */
export async function canReach(url, timeoutMs = 5000) {
  try {
    await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}

/** better-sqlite3 built for this Electron version, apart from the Node build (main loads it through nativeBinding). */
export function electronSqliteBinding(root, version) {
  return path.join(root, 'node_modules', '.toasoan-electron', version, 'better_sqlite3.node');
}

/** "Electron 39.8.10: 42% (48.1 of 114.6 MB)" */
export function progressLine(version, transferred, total) {
  const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
  if (!total) return `Electron ${version}: ${mb(transferred)} MB`;
  return `Electron ${version}: ${Math.floor((transferred / total) * 100)}% (${mb(transferred)} of ${mb(total)} MB)`;
}

/**
 * Downloads Electron's zip into @electron/get's cache, printing progress, then lets the electron package's own
 * installer extract it from there (it finds it cached and fetches nothing more).
 */
export async function downloadElectron(root, log) {
  const version = electronVersion(root);
  const { downloadArtifact } = require('@electron/get');
  let shown = -1;
  await downloadArtifact({
    version,
    artifactName: 'electron',
    platform: process.platform,
    arch: process.arch,
    checksums: require(path.join(root, 'node_modules', 'electron', 'checksums.json')),
    downloadOptions: {
      quiet: true,
      getProgressCallback: async ({ transferred, total }) => {
        const percent = total ? Math.floor((transferred / total) * 10) : -1;
        if (percent !== shown) {
          shown = percent;
          log(progressLine(version, transferred, total));
        }
      },
    },
  });
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'electron', 'install.js')], {
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
  });
}

const SQLITE_SOURCES = ['package.json', 'binding.gyp', 'src', 'deps', 'lib'];

/**
 * Builds better-sqlite3 for Electron in a scratch copy of the package (its prebuilt binary for Electron where GitHub
 * has one, else compiled against Electron's headers) and keeps the result at electronSqliteBinding(). The copy in
 * node_modules is not touched. An .npmrc `nodedir` (these machines have one) would make node-gyp build for Node:
 * it is cleared for the build.
 */
export function buildSqliteForElectron(root, version, log) {
  const target = electronSqliteBinding(root, version);
  const scratch = path.join(root, '.tmp', `better-sqlite3-electron-${process.pid}`);
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(scratch, { recursive: true });
  try {
    for (const entry of SQLITE_SOURCES)
      fs.cpSync(path.join(source, entry), path.join(scratch, entry), { recursive: true });
    const env = { ...process.env, npm_config_nodedir: '', npm_config_runtime: 'electron', npm_config_target: version };
    const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
    try {
      log(
        `better-sqlite3: tải bản dựng sẵn cho Electron ${version} / fetching the prebuilt module for Electron ${version}`,
      );
      execFileSync(bin('prebuild-install'), ['--runtime', 'electron', '--target', version, '--arch', process.arch], {
        cwd: scratch,
        env,
        stdio: 'inherit',
      });
    } catch {
      log(`better-sqlite3: dựng cho Electron ${version} / compiling for Electron ${version}`);
      execFileSync(
        bin('node-gyp'),
        [
          'rebuild',
          '--release',
          `--target=${version}`,
          '--runtime=electron',
          '--dist-url=https://electronjs.org/headers',
        ],
        { cwd: scratch, env, stdio: 'inherit' },
      );
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(scratch, 'build', 'Release', 'better_sqlite3.node'), target);
    return target;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * What `npm start` runs: { electron, sqliteBinding } when the window can open, or { browser: reason } (one line,
 * in both languages) when it cannot.
 */
export async function prepareElectron(root, log = console.log) {
  const version = electronVersion(root);
  let binary = electronBinary();
  if (!binary) {
    const url = electronDownloadUrl(version);
    if (!(await canReach(url))) {
      return {
        browser: `Không tải được Electron ${version} (${new URL(url).host} không truy cập được) — chạy chế độ trình duyệt. / Electron ${version} cannot be downloaded (${new URL(url).host} is unreachable): starting browser mode.`,
      };
    }
    try {
      await downloadElectron(root, log);
    } catch (error) {
      return {
        browser: `Tải Electron ${version} thất bại (${error.message}) — chạy chế độ trình duyệt. / Downloading Electron ${version} failed: starting browser mode.`,
      };
    }
    binary = electronBinary();
    if (!binary)
      return {
        browser: `Electron ${version} không cài được — chạy chế độ trình duyệt. / Electron ${version} did not install: starting browser mode.`,
      };
  }
  const sqliteBinding = electronSqliteBinding(root, version);
  if (!fs.existsSync(sqliteBinding)) {
    try {
      buildSqliteForElectron(root, version, log);
    } catch (error) {
      return {
        browser: `Không dựng được better-sqlite3 cho Electron ${version} (${error.message}) — chạy chế độ trình duyệt. / better-sqlite3 could not be built for Electron ${version}: starting browser mode.`,
      };
    }
  }
  return { electron: binary, sqliteBinding };
}
