import type { Core } from '../../electron/core/core';
import type { Corpus } from './corpus';

/** What every figure gets: the corpus, the core opened on it, and a signed-in administrator. */
export interface BenchContext {
  quick: boolean;
  /** The corpus's data folder (the one the host opens too). */
  dataDir: string;
  databaseFile: string;
  /** Scratch space for sites, Hugo and baselines; removed at the end. */
  workDir: string;
  core: Core;
  /** The bench administrator's session: every measured call carries it, and the browser's tab holds it. */
  session: string;
  corpus: Corpus;
  /** --renderer: a renderer build to serve instead of dist/renderer (to try a fix); null: the built one. */
  renderer: string | null;
  /** --render-workers: how many render workers the static site's rebuild may start (0: none); null: as the app. */
  renderWorkers: number | null;
}
