/**
 * Search and library: articles.list through core.invoke (session check, zod input, NFC, handler, zod output — the
 * path every UI call takes) against the plain SQL one would write for the same page and total, prepared once, on a
 * second read-only connection to the same file.
 */
import Database from 'better-sqlite3';
import { SEARCH_COUNT_CAP } from '../../electron/core/store/articles';
import { matchExpression } from '../../electron/core/store/search-index';
import { CATEGORIES, SEARCHES } from '../lib/corpus';
import { fmt, log, msFigure, p95Spread, profiled, sample, stats, table, type Figure } from '../lib/measure';
import { openTransport } from '../lib/transport';
import type { BenchContext } from '../lib/context';

interface Case {
  name: string;
  input: Record<string, unknown>;
  /** The hand-written SQL for the same page and total: answers the page's ids. */
  raw: () => number[];
  /** What the search did before (bm25 over every match, exact count), timed beside it for the record. */
  before?: () => void;
}

interface Measured {
  name: string;
  core: number[];
  raw: number[];
  before: number[];
  total: number;
  capped: boolean;
  samePage: boolean;
}

const COLUMNS = `a.id, a.category_id, c.name AS category_name, a.title, a.status, a.slug, a.author, a.department,
  a.published_at, a.updated_at, a.trashed_at, a.version, a.owner_id, u.display_name AS owner_name`;

async function measureCase(ctx: BenchContext, c: Case, runs: number): Promise<Measured> {
  const core: number[] = [];
  const raw: number[] = [];
  const before: number[] = [];
  let total = -1;
  let capped = false;
  let samePage = true;
  // Set from inside the sampled step (TypeScript cannot see that, so the type is widened by hand).
  let failure = null as string | null;
  await sample({ warmup: 0, runs: runs + 3 }, async (i) => {
    const t0 = performance.now();
    const result = await ctx.core.invoke('articles.list', c.input, { sessionToken: ctx.session });
    const t1 = performance.now();
    const rows = c.raw();
    const t2 = performance.now();
    c.before?.();
    const t3 = performance.now();
    if (!result.ok) failure = `${result.error.code}: ${result.error.messageEn}`;
    const value = result.ok ? (result.value as { total: number; capped: boolean; items: { id: number }[] }) : null;
    if (i === 0 && value) {
      total = value.total;
      capped = value.capped;
      samePage = rows.length === value.items.length && rows.every((id, k) => id === value.items[k]?.id);
    }
    // The first three are the warm-up.
    if (i >= 3) {
      core.push(t1 - t0);
      raw.push(t2 - t1);
      if (c.before) before.push(t3 - t2);
    }
  });
  if (failure) throw new Error(`${c.name}: ${failure}`);
  return { name: c.name, core, raw, before, total, capped, samePage };
}

function details(rows: Measured[], withBefore = false): string {
  return table(
    [
      'case',
      'total',
      'runs',
      'core p50',
      'core p95',
      'raw p50',
      'raw p95',
      'p95 ratio',
      'same page',
      ...(withBefore ? ['bm25 p50', 'bm25 p95'] : []),
    ],
    rows.map((r) => {
      const core = stats(r.core);
      const raw = stats(r.raw);
      const before = withBefore ? stats(r.before) : null;
      return [
        r.name,
        `${r.capped ? '≥ ' : ''}${r.total}`,
        String(core.runs),
        fmt(core.p50),
        fmt(core.p95),
        fmt(raw.p50),
        fmt(raw.p95),
        `${(core.p95 / raw.p95).toFixed(2)}×`,
        r.samePage ? 'yes' : 'NO',
        ...(before ? [fmt(before.p50), fmt(before.p95)] : []),
      ];
    }),
    new Set([1, 2, 3, 4, 5, 6, 7, 9, 10]),
  );
}

export async function libraryFigures(ctx: BenchContext): Promise<Figure[]> {
  const raw = new Database(ctx.databaseFile, { readonly: true, fileMustExist: true });
  try {
    const from =
      'FROM articles a LEFT JOIN categories c ON c.id = a.category_id LEFT JOIN users u ON u.id = a.owner_id';
    const plainPage = (where: string) =>
      raw.prepare(`SELECT ${COLUMNS} ${from} WHERE ${where} ORDER BY a.updated_at DESC, a.id DESC LIMIT 50`);
    const plainCount = (where: string) => raw.prepare(`SELECT count(*) AS n FROM articles a WHERE ${where}`);
    // The search the core does, written by hand: every word in the title first, then the others, newest first in
    // each, and a count that stops a thousand past the page (the same SQL a developer would write for that page).
    const notTrashed = 'f.rowid NOT IN (SELECT id FROM articles WHERE trashed_at IS NOT NULL)';
    const ftsIds = raw
      .prepare(
        `SELECT f.rowid AS id FROM articles_fts f WHERE articles_fts MATCH ? AND ${notTrashed} ORDER BY f.rowid DESC LIMIT ?`,
      )
      .pluck();
    const ftsRows = raw.prepare(`SELECT ${COLUMNS} ${from} WHERE a.id IN (SELECT value FROM json_each(?))`);
    const ftsCount = raw
      .prepare(
        `SELECT count(*) FROM (SELECT 1 FROM articles_fts f WHERE articles_fts MATCH ? AND ${notTrashed} LIMIT ?)`,
      )
      .pluck();
    const searchPage = (match: string): number[] => {
      const titled = ftsIds.all(`{title} : (${match})`, 50) as number[];
      const ids =
        titled.length < 50
          ? [...titled, ...(ftsIds.all(`(${match}) NOT {title} : (${match})`, 50 - titled.length) as number[])]
          : titled;
      const rows = ftsRows.all(JSON.stringify(ids)) as { id: number }[];
      ftsCount.get(match, 50 + SEARCH_COUNT_CAP);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.filter((id) => byId.has(id));
    };
    // What the search did until it was replaced: bm25 over every match, and an exact count.
    const bm25Page = raw.prepare(
      `SELECT ${COLUMNS} FROM articles_fts f JOIN articles a ON a.id = f.rowid LEFT JOIN categories c ON c.id = a.category_id
         LEFT JOIN users u ON u.id = a.owner_id
       WHERE articles_fts MATCH ? AND a.trashed_at IS NULL ORDER BY bm25(articles_fts, 10.0, 3.0, 1.0, 2.0), a.id DESC LIMIT 50`,
    );
    const bm25Count = raw.prepare(
      'SELECT count(*) AS n FROM articles_fts f JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH ? AND a.trashed_at IS NULL',
    );
    const live = 'a.trashed_at IS NULL';
    const big = ctx.corpus.categoryIds[0] as number;
    const small = ctx.corpus.categoryIds[8] as number;
    const filter = (name: string, input: Record<string, unknown>, where: string, params: unknown[]): Case => {
      const page = plainPage(where);
      const count = plainCount(where);
      return {
        name,
        input: { ...input, limit: 50 },
        raw: () => {
          const ids = (page.all(...params) as { id: number }[]).map((row) => row.id);
          count.get(...params);
          return ids;
        },
      };
    };

    const runs = ctx.quick ? 6 : 20;
    log(
      `search: ${SEARCHES.length} queries × ${runs} runs after 3 warm-up, core.invoke('articles.list', { query, limit: 50 }) against the same page + count in hand-written FTS5 SQL; bm25: the ranked page + exact count the search used before`,
    );
    const searches: Measured[] = [];
    await profiled('search', async () => {
      for (const query of SEARCHES) {
        const match = matchExpression(query) as string;
        const c: Case = {
          name: `'${query}'`,
          input: { query, limit: 50 },
          raw: () => searchPage(match),
          before: () => {
            bm25Page.all(match);
            bm25Count.get(match);
          },
        };
        searches.push(await measureCase(ctx, c, runs));
      }
    });
    log(details(searches, true));
    log();

    // The same searches as the library sends them, through the browser-mode transport.
    const transportMs: number[] = [];
    const transport = await openTransport(ctx);
    try {
      for (const query of SEARCHES) {
        transportMs.push(
          ...(await sample({ warmup: 3, runs }, async () => {
            await transport.call('articles.list', { query, limit: 50 });
          })),
        );
      }
    } finally {
      await transport.close();
    }
    const searchTransport = stats(transportMs);
    log(
      `search through the transport (HTTP on 127.0.0.1, JSON both ways): p50 ${fmt(searchTransport.p50)} ms, p95 ${fmt(searchTransport.p95)} ms\n`,
    );

    const first = await measureCase(ctx, filter('first page', {}, live, []), runs * 2);
    const filters: Measured[] = [];
    for (const c of [
      filter("status 'published'", { status: 'published' }, `${live} AND a.status = ?`, ['published']),
      filter("status 'pending_review'", { status: 'pending_review' }, `${live} AND a.status = ?`, ['pending_review']),
      filter(`category '${CATEGORIES[0]}'`, { categoryId: big }, `${live} AND a.category_id = ?`, [big]),
      filter(`category '${CATEGORIES[8]}'`, { categoryId: small }, `${live} AND a.category_id = ?`, [small]),
      filter(
        `category '${CATEGORIES[0]}' + published`,
        { categoryId: big, status: 'published' },
        `${live} AND a.category_id = ? AND a.status = ?`,
        [big, 'published'],
      ),
      filter('trash', { trashed: true }, 'a.trashed_at IS NOT NULL', []),
    ]) {
      filters.push(await measureCase(ctx, c, runs));
    }
    log('library: articles.list without a query, newest change first, against the plain page + count');
    log(details([first, ...filters]));
    log();

    const wrong = [...searches, first, ...filters].filter((m) => !m.samePage).map((m) => m.name);
    const pageNote =
      wrong.length > 0 ? ` Core and raw pages DIFFER for ${wrong.join(', ')}.` : ' Same page from both on every case.';
    const pooled = (list: Measured[], key: 'core' | 'raw') => stats(list.flatMap((m) => m[key]));
    const searchCore = pooled(searches, 'core');
    const searchRaw = pooled(searches, 'raw');
    const n = ctx.corpus.articles.toLocaleString('en-US');
    const before = stats(searches.flatMap((m) => m.before));
    const searchNote =
      `${SEARCHES.length} queries (10 with diacritics, the same 10 without), ${runs} runs each after 3 warm-up, ${n} articles.${pageNote}` +
      ` The bm25-ranked page with an exact count, as searched before: p50 ${fmt(before.p50)} ms, p95 ${fmt(before.p95)} ms.`;
    const libCore = pooled(filters, 'core');
    const libRaw = pooled(filters, 'raw');
    const firstCore = stats(first.core);
    const fts = (value: number) => ({ value, of: 'raw FTS5 page + count' });
    const plain = (value: number) => ({ value, of: 'plain SQL page + count' });
    return [
      msFigure('search p50', searchCore.p50, fts(searchRaw.p50), { text: '≤ 1.5× raw', maxRatio: 1.5 }, searchNote),
      msFigure(
        'search p95',
        searchCore.p95,
        fts(searchRaw.p95),
        { text: '≤ 1.5× raw, ≤ 20 ms', maxRatio: 1.5, maxValue: 20 },
        searchNote,
        p95Spread(
          searches.flatMap((m) => m.core),
          searches.length,
        ),
      ),
      msFigure(
        'search p95 (through the transport)',
        searchTransport.p95,
        { value: searchCore.p95, of: 'the same searches in the core' },
        { text: '≤ 20 ms', maxValue: 20 },
        `What the library waits for in browser mode: articles.list { query, limit: 50 } POSTed to the host, the page of 50 ` +
          `summaries serialised and parsed; ${SEARCHES.length} queries × ${runs} runs; spread: the p95 of each query.`,
        p95Spread(transportMs, SEARCHES.length),
      ),
      msFigure(
        'library first page p95',
        firstCore.p95,
        plain(stats(first.raw).p95),
        { text: '≤ 30 ms', maxValue: 30 },
        `articles.list { limit: 50 }, ${firstCore.runs} runs, ${n} articles.`,
      ),
      msFigure(
        'library filter change p95',
        libCore.p95,
        plain(libRaw.p95),
        { text: '≤ 30 ms', maxValue: 30 },
        `${filters.length} filters (status, category, both, trash), ${runs} runs each, pooled.`,
      ),
    ];
  } finally {
    raw.close();
  }
}
