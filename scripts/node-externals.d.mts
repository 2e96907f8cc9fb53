// Types of scripts/node-externals.mjs, for the tests that import it.
export const NODE_EXTERNALS: readonly string[];
export const NODE_LOG_OVERRIDE: Record<string, 'silent'>;
