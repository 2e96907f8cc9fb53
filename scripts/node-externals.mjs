// What the node-side bundles leave to node_modules (scripts/build.mjs; the tests that bundle the core child the same way).
// electron-updater is loaded from node_modules (electron-builder packs it with its dependencies).
// Native modules and what loads them stay in node_modules (electron-builder unpacks them from the asar).
export const NODE_EXTERNALS = ['electron', 'better-sqlite3', 'sharp', 'electron-updater', 'pkcs11js', 'graphene-pk11'];
