/**
 * What the first screen loads: the modules main.tsx reaches through static imports (what Vite puts in the first
 * chunk) hold neither the editor (Lexical) nor the contract's validation library (zod), which load with the screens
 * that need them. Each costs the start its download, compile and evaluation.
 */
import path from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Every module reached from the entry by static imports, as paths relative to the repository. */
async function staticallyReached(entry: string): Promise<Set<string>> {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    splitting: true,
    format: 'esm',
    outdir: 'out',
    jsx: 'automatic',
    logLevel: 'silent',
    loader: { '.css': 'empty', '.svg': 'empty', '.png': 'empty', '.woff2': 'empty' },
  });
  const inputs = result.metafile.inputs;
  const reached = new Set([entry]);
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop())
    for (const imported of inputs[file]?.imports ?? [])
      if (imported.kind === 'import-statement' && !reached.has(imported.path)) {
        reached.add(imported.path);
        queue.push(imported.path);
      }
  return reached;
}

describe('the first screen', () => {
  it('loads the library without Lexical and without zod', async () => {
    const reached = [...(await staticallyReached('renderer/src/main.tsx'))];
    expect(reached).toContain('renderer/src/screens/LibraryScreen.tsx');
    expect(reached.filter((file) => /node_modules\/(zod|lexical|@lexical)\//.test(file))).toEqual([]);
  });
});
