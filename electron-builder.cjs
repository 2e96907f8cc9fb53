// electron-builder configuration (validated by electron-builder against its own schema when it loads this file).
// Run through scripts/dist.mjs (`npm run dist`, `dist:win`, `dist:linux`, `dist:mac`, `-- --profile FILE`), which
// checks the organisation profile and passes it here as TOASOAN_PROFILE_RESOURCE. See docs/packaging.md.
const electronVersion = require('./node_modules/electron/package.json').version;
const { ELECTRON_FUSES } = require('./scripts/fuses.cjs');

/** The checked organisation profile to bake in as resources/organisation-profile.json (scripts/dist.mjs stages it). */
const profileResource = process.env.TOASOAN_PROFILE_RESOURCE || null;
/** The profile's update server (electron-updater's generic provider); none: no update metadata, updates stay off. */
const updateUrl = process.env.TOASOAN_UPDATE_URL || null;

/** Renderer-only and bundled packages (and their own dependencies): vite and esbuild put them into dist/. */
const BUNDLED = [
  'react',
  'react-dom',
  'scheduler',
  'lexical',
  '@lexical',
  '@tanstack',
  '@floating-ui',
  '@preact',
  '@types',
  'tabbable',
  'zod',
];
/** better-sqlite3's sources and build leftovers: only build/Release/better_sqlite3.node is loaded. */
const BUILD_LEFTOVERS = [
  '!node_modules/better-sqlite3/{deps,src}/**',
  '!node_modules/better-sqlite3/build/deps/**',
  '!node_modules/better-sqlite3/build/Release/{obj,obj.target,.deps}/**',
  '!node_modules/better-sqlite3/build/Release/{sqlite3.a,test_extension.node}',
];

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'vn.toasoan.desktop',
  productName: 'Tòa Soạn',
  copyright: 'Tòa Soạn',
  electronVersion,
  directories: { output: 'dist-installers', buildResources: 'build' },
  // The app is what scripts/build.mjs wrote: the main and preload bundles and the renderer (not browser mode, not bench).
  files: [
    'dist/electron/**',
    'dist/renderer/**',
    '!**/*.map',
    ...BUNDLED.map((name) => `!node_modules/${name}/**`),
    ...BUILD_LEFTOVERS,
  ],
  asar: true,
  // Native code must be real files on disk: better-sqlite3's addon, sharp's addon and its libvips (@img/*).
  asarUnpack: ['node_modules/better-sqlite3/**', 'node_modules/sharp/**', 'node_modules/@img/**'],
  // Rebuild native modules (better-sqlite3) against Electron's ABI, from Electron's headers.
  npmRebuild: true,
  buildDependenciesFromSource: false,
  extraResources: profileResource ? [{ from: profileResource, to: 'organisation-profile.json' }] : [],
  // Flipped by electron-builder right before signing, then read back; an .app is signed ad hoc again after the flip
  // (an arm64 macOS binary whose bytes changed would not start unsigned; real signing comes after).
  electronFuses: { ...ELECTRON_FUSES, resetAdHocDarwinSignature: true },
  afterAllArtifactBuild: './scripts/check-fuses-after-build.cjs',
  publish: updateUrl ? [{ provider: 'generic', url: updateUrl }] : null,
  artifactName: 'ToaSoan-${version}-${os}-${arch}.${ext}',

  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'build/icon.ico',
  },
  nsis: {
    // The assisted installer: the person chooses per-user (no admin rights) or per-machine (elevates when asked).
    oneClick: false,
    perMachine: false,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    installerLanguages: ['vi_VN', 'en_US'],
    multiLanguageInstaller: true,
    displayLanguageSelector: true,
    // Vietnamese (LCID 1066) first.
    language: '1066',
    installerIcon: 'build/icon.ico',
    uninstallerIcon: 'build/icon.ico',
    shortcutName: 'Tòa Soạn',
    uninstallDisplayName: 'Tòa Soạn ${version}',
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    // The data folder (%APPDATA%\ToaSoan) is the office's work: never removed by an uninstall.
    deleteAppDataOnUninstall: false,
    artifactName: 'ToaSoan-Setup-${version}.${ext}',
  },

  linux: {
    target: ['AppImage', 'deb'],
    executableName: 'toasoan',
    icon: 'build/icons',
    category: 'Office',
    synopsis: 'Biên tập cổng thông tin điện tử / Newsroom for e-government portals',
    description: 'Tòa Soạn — desktop editorial workstation for Vietnamese e-government portals',
    maintainer: 'Tòa Soạn <toasoan@localhost>',
    desktop: { entry: { Name: 'Tòa Soạn', Comment: 'Biên tập cổng thông tin điện tử', StartupWMClass: 'Tòa Soạn' } },
  },
  deb: { packageName: 'toasoan' },

  mac: {
    target: ['dmg', 'zip'],
    icon: 'build/icon.png',
    category: 'public.app-category.productivity',
    hardenedRuntime: true,
  },
  dmg: { title: 'Tòa Soạn ${version}' },
};
