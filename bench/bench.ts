/**
 * Tòa Soạn at portal scale, each figure measured next to a baseline in the same run (docs/benchmarks.md).
 * Generates a corpus in a temp folder, then: search and library, autosave, the static site against Hugo, the
 * publishing queue against bare POSTs, the browser-mode host's cold start and RSS, typing latency in Chromium.
 * A report, never a test: nothing here fails on a slow figure (it says NO in the table).
 *
 *   npm run bench [-- --quick] [--articles N] [--only library,autosave,quality,static,queue,cold,typing,tables] [--keep]
 *                     [--out FILE]
 *                     [--profile DIR]   CPU profiles of the measured work (Chromium's for the typing)
 *                     [--renderer DIR]  serve another renderer build to the browser figures (to try a fix)
 *                     [--reuse DIR]     generate the corpus into DIR once and reuse it in later runs (to iterate on a fix)
 *                     [--render-workers N]  the static site's render workers (0: pages in the core's thread)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pkg from '../package.json';
import { createCore, type Core } from '../electron/core/core';
import { DATABASE_FILE, openDatabase, type Db } from '../electron/core/db/database';
import { autosaveFigures } from './figures/autosave';
import { browserFigures } from './figures/browser';
import { exactlyOnceFigures } from './figures/exactly-once';
import { libraryFigures } from './figures/library';
import { qualityFigures } from './figures/quality';
import { queueFigures } from './figures/queue';
import { staticSiteFigures } from './figures/static-site';
import { tableFigures } from './figures/tables';
import type { BenchContext } from './lib/context';
import { generateCorpus, LONG_REPORT_WORDS, YEARS, CATEGORIES, type Corpus } from './lib/corpus';
import { figuresTable, log, profileInto, settleDisk, type Figure } from './lib/measure';

const FIGURES = [
  'library',
  'autosave',
  'quality',
  'static',
  'queue',
  'cold',
  'typing',
  'tables',
  'exactly-once',
] as const;
type FigureName = (typeof FIGURES)[number];

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    articles: { type: 'string' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string' },
    profile: { type: 'string' },
    renderer: { type: 'string' },
    reuse: { type: 'string' },
    'render-workers': { type: 'string' },
  },
  allowPositionals: false,
});
const QUICK = args.quick === true;
const ARTICLES = args.articles === undefined ? (QUICK ? 20_000 : 100_000) : Number(args.articles);
if (!Number.isInteger(ARTICLES) || ARTICLES < 2_000) {
  console.error(`--articles must be a whole number of at least 2000 (got ${args.articles})`);
  process.exit(2);
}
const ONLY = new Set((args.only ?? FIGURES.join(',')).split(',').map((s) => s.trim()) as FigureName[]);
for (const name of ONLY) {
  if (!FIGURES.includes(name)) {
    console.error(`--only takes ${FIGURES.join(', ')} (got ${name})`);
    process.exit(2);
  }
}
const RENDER_WORKERS = args['render-workers'] === undefined ? null : Number(args['render-workers']);
if (RENDER_WORKERS !== null && !(Number.isInteger(RENDER_WORKERS) && RENDER_WORKERS >= 0 && RENDER_WORKERS <= 8)) {
  console.error(`--render-workers takes 0 to 8 (got ${args['render-workers']})`);
  process.exit(2);
}
profileInto(args.profile ? path.resolve(args.profile) : null);
const OUT = path.resolve(args.out ?? path.join('bench', QUICK ? 'results-quick.json' : 'results.json'));

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    model: cpus[0]?.model.trim() ?? 'unknown',
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    /** 1-minute load average when the run started: other work on the machine shows here. */
    loadAtStart: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}

async function generate(dataDir: string): Promise<Corpus> {
  const generating = openDatabase(dataDir).db;
  // Generation only: the measured core runs with the app's own settings (synchronous = FULL).
  generating.pragma('synchronous = OFF');
  let lastShown = 0;
  try {
    return await generateCorpus(generating, dataDir, {
      articles: ARTICLES,
      longShare: 0.01,
      images: 24,
      onProgress: (done, total) => {
        if (done - lastShown >= total / 5 || done === total) {
          lastShown = done;
          process.stdout.write(`  generated ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}\n`);
        }
      },
    });
  } finally {
    generating.close();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const reuse = args.reuse ? path.resolve(args.reuse) : null;
  const root = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-bench-'));
  const dataDir = path.join(root, 'data');
  const workDir = path.join(root, 'work');
  fs.mkdirSync(workDir, { recursive: true });
  let core: Core | null = null;
  let db: Db | null = null;
  const cleanup = () => {
    db?.close();
    db = null;
    core?.close();
    core = null;
    if (args.keep || reuse) log(`\nBench folder kept: ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    log('\ninterrupted');
    cleanup();
    process.exit(130);
  });

  try {
    if (ONLY.size === 1 && ONLY.has('exactly-once')) {
      // The queue's property needs no corpus: run it alone, print its figure, write nothing.
      log(figuresTable(await exactlyOnceFigures({ quick: QUICK, workDir })));
      return;
    }
    const m = machine();
    log(
      `Tòa Soạn bench — ${QUICK ? 'QUICK: a smaller corpus and fewer runs' : 'full run'}; ${m.cpus} × ${m.model}, ${m.memory}, node ${m.node}, ${m.os}, load ${m.loadAtStart}`,
    );
    log(
      `corpus: ${ARTICLES.toLocaleString('en-US')} articles over ${YEARS} years in ${CATEGORIES.length} categories, 1% long reports of ${LONG_REPORT_WORDS.toLocaleString('en-US')} words` +
        (QUICK ? ' (quick: fewer than the 100,000 of the full run)' : ''),
    );
    log(`folder: ${root}\n`);

    const corpusFile = path.join(root, 'corpus.json');
    const reused = reuse !== null && fs.existsSync(corpusFile);
    const corpus = reused ? (JSON.parse(fs.readFileSync(corpusFile, 'utf8')) as Corpus) : await generate(dataDir);
    if (reused)
      log(
        `reusing the corpus in ${root}: earlier runs changed it (saves, targets, jobs), so publish figures from a fresh run\n`,
      );
    if (reuse && !reused) fs.writeFileSync(corpusFile, JSON.stringify(corpus));
    if (corpus.articles !== ARTICLES)
      throw new Error(`${corpusFile} holds ${corpus.articles} articles, not ${ARTICLES}`);
    const databaseFile = path.join(dataDir, DATABASE_FILE);
    const size = fs.statSync(databaseFile).size / 1024 ** 2;
    log(
      `corpus ${reused ? 'reused' : `generated in ${(corpus.ms / 1000).toFixed(1)} s`}: ${corpus.words.toLocaleString('en-US')} words, ${corpus.longIds.length} long reports, ` +
        `${corpus.images.length} images, ${corpus.trashed} trashed; database ${size.toFixed(0)} MiB\n`,
    );

    core = createCore({ dataDir, version: pkg.version, shell: 'browser' });
    if (core.startupError) throw core.startupError;
    const admin = { username: 'bench', displayName: 'Bench', password: 'bench-password' };
    const signedIn = await core.invoke(
      reused ? 'auth.signIn' : 'auth.setupFirstAdmin',
      reused ? { username: admin.username, password: admin.password } : admin,
    );
    if (!signedIn.ok) throw new Error(signedIn.error.messageEn);
    const session = (signedIn.value as { sessionToken?: string }).sessionToken;
    if (!session) throw new Error('no session from auth.setupFirstAdmin');
    db = openDatabase(dataDir).db;
    const ctx: BenchContext = {
      quick: QUICK,
      dataDir,
      databaseFile,
      workDir,
      core,
      session,
      corpus,
      renderer: args.renderer ? path.resolve(args.renderer) : null,
      renderWorkers: RENDER_WORKERS,
    };

    const figures: Figure[] = [];
    const run = async (name: FigureName, title: string, measure: () => Promise<Figure[]>) => {
      if (!ONLY.has(name)) return;
      settleDisk();
      const t0 = performance.now();
      log(`== ${title}`);
      figures.push(...(await measure()));
      log(`   (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
    };
    const opened = db;
    await run('library', 'search and library', () => libraryFigures(ctx));
    await run('autosave', 'autosave', () => autosaveFigures(ctx));
    await run('quality', 'pre-publication check', () => qualityFigures(ctx));
    await run('static', 'static site', () => staticSiteFigures(ctx, opened));
    await run('queue', 'publishing queue', () => queueFigures(ctx, opened));
    await run('exactly-once', 'publishing queue: exactly once', () => exactlyOnceFigures(ctx));
    await run('tables', 'browser: tables (typing among 20 tables, a 5 MB Word paste with tables)', () =>
      tableFigures(ctx),
    );
    if (ONLY.has('cold') || ONLY.has('typing')) {
      await run(ONLY.has('cold') ? 'cold' : 'typing', 'browser: cold start, typing', () =>
        browserFigures(ctx, { cold: ONLY.has('cold'), typing: ONLY.has('typing') }),
      );
    }

    const seconds = (performance.now() - started) / 1000;
    log(
      `== figures (${QUICK ? 'quick' : 'full'} run, ${ARTICLES.toLocaleString('en-US')} articles, ${seconds.toFixed(0)} s)\n`,
    );
    log(figuresTable(figures));
    const met = figures.filter((f) => f.met).length;
    log(
      `\n${met} of ${figures.length} goals met in this run. Notes per figure in ${path.relative(process.cwd(), OUT)}.`,
    );
    log(bothRunsVerdict(figures));
    const results = {
      generatedAt: new Date().toISOString(),
      mode: QUICK ? 'quick' : 'full',
      seconds: Math.round(seconds),
      corpus: {
        articles: corpus.articles,
        years: YEARS,
        categories: CATEGORIES.length,
        words: corpus.words,
        longReports: corpus.longIds.length,
        images: corpus.images.length,
        databaseMiB: Math.round(size),
      },
      machine: { ...m, loadAtEnd: Math.round((os.loadavg()[0] ?? 0) * 100) / 100 },
      figures,
    };
    fs.writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    cleanup();
  }
}

/**
 * A goal counts as met only when the quick and the full run both meet it: this run's figures against the last
 * results of the other kind (bench/results.json or results-quick.json), if there are any.
 */
function bothRunsVerdict(figures: readonly Figure[]): string {
  const otherFile = path.join('bench', QUICK ? 'results.json' : 'results-quick.json');
  if (!fs.existsSync(otherFile))
    return `No ${QUICK ? 'full' : 'quick'} run on record (${otherFile}): a goal is met only when both meet it.`;
  const other = JSON.parse(fs.readFileSync(otherFile, 'utf8')) as { generatedAt: string; figures: Figure[] };
  const otherMet = new Map(other.figures.map((f) => [f.figure.replace(/, [\d,]+ articles$/, ''), f.met]));
  const lines = figures.map((f) => {
    const inOther = otherMet.get(f.figure.replace(/, [\d,]+ articles$/, ''));
    const verdict =
      inOther === undefined ? 'not in the other run' : f.met && inOther ? 'met in both' : 'NOT met in both';
    return `  ${f.figure}: ${verdict}`;
  });
  return [`Against the ${QUICK ? 'full' : 'quick'} run of ${other.generatedAt} (${otherFile}):`, ...lines].join('\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
