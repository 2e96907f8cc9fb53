// What the node-side bundles leave to node_modules (scripts/build.mjs; the tests that bundle the core child the same way).
// electron-updater is loaded from node_modules (electron-builder packs it with its dependencies).
// Native modules and what loads them stay in node_modules (electron-builder unpacks them from the asar).
// The signing libraries are loaded at their first use (electron/core/load-on-first-use.ts), from node_modules.
export const NODE_EXTERNALS = [
  'electron',
  'better-sqlite3',
  'sharp',
  'electron-updater',
  'pkcs11js',
  'graphene-pk11',
  '@peculiar/x509',
  'node-forge',
];

// A module that finds its own files (electron/core/quality/dictionary.ts) reads `__filename` in a CommonJS bundle and
// `import.meta.url` only as an ES module, so esbuild's warning that import.meta is empty in CommonJS says nothing here.
export const NODE_LOG_OVERRIDE = { 'empty-import-meta': 'silent' };
