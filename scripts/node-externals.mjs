// What the node-side bundles leave to node_modules (scripts/build.mjs; the tests that bundle the core child the same way).
// electron-updater is loaded from node_modules (electron-builder packs it with its dependencies).
// Native modules and what loads them stay in node_modules (electron-builder unpacks them from the asar).
export const NODE_EXTERNALS = ['electron', 'better-sqlite3', 'sharp', 'electron-updater', 'pkcs11js', 'graphene-pk11'];

// A module that finds its own files (electron/core/quality/dictionary.ts) reads `__filename` in a CommonJS bundle and
// `import.meta.url` only as an ES module, so esbuild's warning that import.meta is empty in CommonJS says nothing here.
export const NODE_LOG_OVERRIDE = { 'empty-import-meta': 'silent' };
