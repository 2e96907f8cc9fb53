/**
 * A package loaded from node_modules at its first use instead of when the core starts, for code that few starts need
 * and that weighed on every start: the signing libraries (@peculiar/x509 with its ASN.1 packages about 75 ms here,
 * node-forge about 13 ms, graphene-pk11 with pkcs11js's native module 0.2–0.3 s). The bundles leave these packages
 * to node_modules (scripts/node-externals.mjs); electron-builder packs them with the app.
 */
import { createRequire } from 'node:module';

export function loadOnFirstUse<T>(name: string): () => T {
  let loaded: T | null = null;
  return () => {
    if (loaded === null) {
      // A CommonJS bundle (the Electron utility process) has __filename; an ES module its import.meta.url.
      const from = typeof __filename === 'string' ? __filename : new URL(import.meta.url).pathname;
      loaded = createRequire(from)(name) as T;
    }
    return loaded;
  };
}
