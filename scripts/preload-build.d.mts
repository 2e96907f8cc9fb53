// Types of scripts/preload-build.mjs, for the test that builds the preload.
/** Bundles electron/preload/preload.ts into `outfile` as scripts/build.mjs does (the channel names only). */
export function buildPreload(outfile: string): Promise<void>;
