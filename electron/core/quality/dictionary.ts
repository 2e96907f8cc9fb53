/**
 * The Vietnamese dictionary the core checks spelling with: npm dictionary-vi (GPL-2.0, shipped unmodified in the
 * app's node_modules; docs/quality.md), read once from disk. Its own entry point reads the files with a top-level
 * await relative to its module, which a bundle does not keep, so the files are found through the package's path.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Speller } from '../../../shared/quality/speller';

let speller: Speller | null = null;

/** The folder of the dictionary-vi package, from wherever this module was loaded (source, bundle or app). */
function dictionaryFolder(): string {
  const from = typeof __filename === 'string' ? __filename : new URL(import.meta.url).pathname;
  return path.dirname(createRequire(from).resolve('dictionary-vi'));
}

/** The one speller of this process (built on first use, ~100 ms). */
export function coreSpeller(): Speller {
  if (speller === null) {
    const folder = dictionaryFolder();
    speller = new Speller({
      aff: fs.readFileSync(path.join(folder, 'index.aff'), 'utf8'),
      dic: fs.readFileSync(path.join(folder, 'index.dic'), 'utf8'),
    });
  }
  return speller;
}
