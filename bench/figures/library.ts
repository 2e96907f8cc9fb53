/**
 * Search and library: articles.list through core.invoke (session check, zod input, NFC, handler, zod output — the
 * path every UI call takes) against the plain SQL one would write for the same page and total, prepared once, on a
 * second read-only connection to the same file.
 */
import Database from 'better-sqlite3';
import { matchExpression } from '../../electron/core/store/search-index';
import { CATEGORIES, SEARCHES } from '../lib/corpus';
import { fmt, log, msFigure, profiled, sample, stats, table, type Figure } from '../lib/measure';
import type { BenchContext } from '../lib/context';

interface Case {
  name: string;
  input: Record<string, unknown>;
  page: Database.Statement;
  pageParams: unknown[];
  count: Database.Statement;
  countParams: unknown[];
}

interface Measured {
  name: string;
  core: number[];
  raw: number[];
  total: number;
  samePage: boolean;
}

const COLUMNS = `a.id, a.category_id, c.name AS category_name, a.title, a.status, a.slug, a.author, a.department,
  a.published_at, a.updated_at, a.trashed_at, a.version, a.owner_id, u.display_name AS owner_name`;

async function measureCase(ctx: BenchContext, c: Case, runs: number): Promise<Measured> {
  const core: number[] = [];
  const raw: number[] = [];
  let total = -1;
  let samePage = true;
  let failure: string | null = null;
  await sample({ warmup: 0, runs: runs + 3 }, async (i) => {
    const t0 = performance.now();
    const result = await ctx.core.invoke('articles.list', c.input, { sessionToken: ctx.session });
    const t1 = performance.now();
    const rows = c.page.all(...c.pageParams) as { id: number }[];
    c.count.get(...c.countParams);
    const t2 = performance.now();
    if (!result.ok) failure = `${result.error.code}: ${result.error.messageEn}`;
    const value = result.ok ? (result.value as { total: number; items: { id: number }[] }) : null;
    if (i === 0 && value) {
      total = value.total;
      samePage = rows.length === value.items.length && rows.every((r, k) => r.id === value.items[k]?.id);
    }
    // The first three are the warm-up.
    if (i >= 3) {
      core.push(t1 - t0);
      raw.push(t2 - t1);
    }
  });
  if (failure) throw new Error(`${c.name}: ${failure}`);
  return { name: c.name, core, raw, total, samePage };
}

function details(rows: Measured[]): string {
  return table(
    ['case', 'total', 'runs', 'core p50', 'core p95', 'raw p50', 'raw p95', 'p95 ratio', 'same page'],
    rows.map((r) => {
      const core = stats(r.core);
      const raw = stats(r.raw);
      return [r.name, String(r.total), String(core.runs), fmt(core.p50), fmt(core.p95), fmt(raw.p50), fmt(raw.p95), `${(core.p95 / raw.p95).toFixed(2)}×`, r.samePage ? 'yes' : 'NO'];
    }),
    new Set([1, 2, 3, 4, 5, 6, 7]),
  );
}

export async function libraryFigures(ctx: BenchContext): Promise<Figure[]> {
  const raw = new Database(ctx.databaseFile, { readonly: true, fileMustExist: true });
  try {
    const from = 'FROM articles a LEFT JOIN categories c ON c.id = a.category_id LEFT JOIN users u ON u.id = a.owner_id';
    const plainPage = (where: string) =>
      raw.prepare(`SELECT ${COLUMNS} ${from} WHERE ${where} ORDER BY a.updated_at DESC, a.id DESC LIMIT 50`);
    const plainCount = (where: string) => raw.prepare(`SELECT count(*) AS n FROM articles a WHERE ${where}`);
    const ftsPage = raw.prepare(
      `SELECT ${COLUMNS} FROM articles_fts f JOIN articles a ON a.id = f.rowid LEFT JOIN categories c ON c.id = a.category_id
         LEFT JOIN users u ON u.id = a.owner_id
       WHERE articles_fts MATCH ? AND a.trashed_at IS NULL ORDER BY bm25(articles_fts, 10.0, 3.0, 1.0, 2.0), a.id DESC LIMIT 50`,
    );
    const ftsCount = raw.prepare('SELECT count(*) AS n FROM articles_fts f JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH ? AND a.trashed_at IS NULL');
    const live = 'a.trashed_at IS NULL';
    const big = ctx.corpus.categoryIds[0] as number;
    const small = ctx.corpus.categoryIds[8] as number;
    const filter = (name: string, input: Record<string, unknown>, where: string, params: unknown[]): Case => ({
      name,
      input: { ...input, limit: 50 },
      page: plainPage(where),
      pageParams: params,
      count: plainCount(where),
      countParams: params,
    });

    const runs = ctx.quick ? 6 : 20;
    log(`search: ${SEARCHES.length} queries × ${runs} runs after 3 warm-up, core.invoke('articles.list', { query, limit: 50 }) against the FTS5 page + count`);
    const searches: Measured[] = [];
    await profiled('search', async () => {
      for (const query of SEARCHES) {
        const match = matchExpression(query);
        const c: Case = { name: `'${query}'`, input: { query, limit: 50 }, page: ftsPage, pageParams: [match], count: ftsCount, countParams: [match] };
        searches.push(await measureCase(ctx, c, runs));
      }
    });
    log(details(searches));
    log();

    const first = await measureCase(ctx, filter('first page', {}, live, []), runs * 2);
    const filters: Measured[] = [];
    for (const c of [
      filter("status 'published'", { status: 'published' }, `${live} AND a.status = ?`, ['published']),
      filter("status 'pending_review'", { status: 'pending_review' }, `${live} AND a.status = ?`, ['pending_review']),
      filter(`category '${CATEGORIES[0]}'`, { categoryId: big }, `${live} AND a.category_id = ?`, [big]),
      filter(`category '${CATEGORIES[8]}'`, { categoryId: small }, `${live} AND a.category_id = ?`, [small]),
      filter(`category '${CATEGORIES[0]}' + published`, { categoryId: big, status: 'published' }, `${live} AND a.category_id = ? AND a.status = ?`, [big, 'published']),
      filter('trash', { trashed: true }, 'a.trashed_at IS NOT NULL', []),
    ]) {
      filters.push(await measureCase(ctx, c, runs));
    }
    log('library: articles.list without a query, newest change first, against the plain page + count');
    log(details([first, ...filters]));
    log();

    const wrong = [...searches, first, ...filters].filter((m) => !m.samePage).map((m) => m.name);
    const pageNote = wrong.length > 0 ? ` Core and raw pages DIFFER for ${wrong.join(', ')}.` : ' Same page from both on every case.';
    const pooled = (list: Measured[], key: 'core' | 'raw') => stats(list.flatMap((m) => m[key]));
    const searchCore = pooled(searches, 'core');
    const searchRaw = pooled(searches, 'raw');
    const n = ctx.corpus.articles.toLocaleString('en-US');
    const searchNote = `${SEARCHES.length} queries (10 with diacritics, the same 10 without), ${runs} runs each after 3 warm-up, ${n} articles.${pageNote}`;
    const libCore = pooled(filters, 'core');
    const libRaw = pooled(filters, 'raw');
    const firstCore = stats(first.core);
    const fts = (value: number) => ({ value, of: 'raw FTS5 page + count' });
    const plain = (value: number) => ({ value, of: 'plain SQL page + count' });
    return [
      msFigure('search p50', searchCore.p50, fts(searchRaw.p50), { text: '≤ 1.5× raw', maxRatio: 1.5 }, searchNote),
      msFigure('search p95', searchCore.p95, fts(searchRaw.p95), { text: '≤ 1.5× raw, ≤ 20 ms', maxRatio: 1.5, maxValue: 20 }, searchNote),
      msFigure('library first page p95', firstCore.p95, plain(stats(first.raw).p95), { text: '≤ 30 ms', maxValue: 30 }, `articles.list { limit: 50 }, ${firstCore.runs} runs, ${n} articles.`),
      msFigure('library filter change p95', libCore.p95, plain(libRaw.p95), { text: '≤ 30 ms', maxValue: 30 }, `${filters.length} filters (status, category, both, trash), ${runs} runs each, pooled.`),
    ];
  } finally {
    raw.close();
  }
}
