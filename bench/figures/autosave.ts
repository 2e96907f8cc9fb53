/**
 * Autosave of a 20,000-word article: articles.update with the editor's JSON through core.invoke (zod, NFC, version
 * check, HTML rendered from the JSON, the search index rewritten, the revision policy, one transaction, synchronous=FULL)
 * against a bare SQLite upsert of the same JSON bytes into a one-table file with the same journal settings; then the
 * same saves through the browser-mode transport (what the writer waits for), against the in-core figure.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Article } from '../../shared/contract/articles';
import { bodyPlainText } from '../../shared/render/article-html';
import type { BodyDocument, InlineNodeJson } from '../../shared/render/body-nodes';
import { log, msFigure, p95Spread, profiled, sample, stats, type Figure } from '../lib/measure';
import { openTransport } from '../lib/transport';
import type { BenchContext } from '../lib/context';

export async function autosaveFigures(ctx: BenchContext): Promise<Figure[]> {
  const id = ctx.corpus.longIds[0];
  if (id === undefined) throw new Error('the corpus has no long report');
  const got = await ctx.core.invoke('articles.get', { id }, { sessionToken: ctx.session });
  if (!got.ok) throw new Error(got.error.messageEn);
  let article = got.value as Article;
  const doc = JSON.parse(article.bodyJson ?? 'null') as BodyDocument;
  // The writer types into a paragraph in the middle: each save carries one more letter there.
  const paragraphs = doc.root.children.filter((b) => b.type === 'paragraph');
  const typedInto = (paragraphs[Math.floor(paragraphs.length / 2)] as { children: InlineNodeJson[] }).children[0] as {
    text: string;
  };
  const words = bodyPlainText(doc).split(/\s+/).filter(Boolean).length;

  const bare = new Database(path.join(ctx.workDir, 'bare-upsert.sqlite'));
  bare.pragma('journal_mode = WAL');
  bare.pragma('synchronous = FULL');
  bare.exec('CREATE TABLE IF NOT EXISTS docs (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const upsert = bare.prepare(
    'INSERT INTO docs (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body',
  );

  const coreMs: number[] = [];
  const bareMs: number[] = [];
  // As many in a quick run: a save takes milliseconds, and the p95 of 25 saves is their second slowest.
  const runs = 80;
  try {
    await profiled('autosave', () =>
      sample({ warmup: 5, runs }, async (i) => {
        typedInto.text += i % 7 === 6 ? ' ' : 'a';
        const bodyJson = JSON.stringify(doc); // the editor's onChange did this already, before the save
        const t0 = performance.now();
        const result = await ctx.core.invoke(
          'articles.update',
          { id, baseVersion: article.version, changes: { bodyJson }, autosave: true },
          { sessionToken: ctx.session },
        );
        const t1 = performance.now();
        upsert.run(id, bodyJson);
        const t2 = performance.now();
        if (!result.ok) throw new Error(`articles.update: ${result.error.messageEn}`);
        article = result.value as Article;
        if (i >= 5) {
          coreMs.push(t1 - t0);
          bareMs.push(t2 - t1);
        }
        return 0;
      }),
    );
  } finally {
    bare.close();
  }

  // The same saves as the renderer sends them: JSON written, POSTed, parsed and checked by the host, answered.
  const transportMs: number[] = [];
  const transport = await openTransport(ctx);
  try {
    await profiled('autosave-transport', () =>
      sample({ warmup: 5, runs }, async (i) => {
        typedInto.text += i % 7 === 6 ? ' ' : 'a';
        const t0 = performance.now();
        const input = { id, baseVersion: article.version, changes: { bodyJson: JSON.stringify(doc) }, autosave: true };
        article = (await transport.call('articles.update', input)) as Article;
        if (i >= 5) transportMs.push(performance.now() - t0);
        return 0;
      }),
    );
  } finally {
    await transport.close();
  }
  const core = stats(coreMs);
  const throughTransport = stats(transportMs);
  const baseline = stats(bareMs);
  const kb = Math.round(Buffer.byteLength(article.bodyJson ?? '') / 1024);
  log(
    `autosave: article #${id}, ${words.toLocaleString('en-US')} words, bodyJson ${kb} KiB; ${core.runs} saves after 5 warm-up`,
  );
  log(
    `  core p50 ${core.p50.toFixed(2)} ms, p95 ${core.p95.toFixed(2)} ms; bare upsert p50 ${baseline.p50.toFixed(2)} ms, p95 ${baseline.p95.toFixed(2)} ms\n`,
  );
  const note =
    `articles.update { bodyJson, autosave: true } through core.invoke on a ${words.toLocaleString('en-US')}-word report (${kb} KiB of JSON): ` +
    `JSON → HTML, index, revision policy, WAL + synchronous=FULL; ${core.runs} saves; p50 ${core.p50.toFixed(2)} ms.`;
  log(
    `  through the transport p50 ${throughTransport.p50.toFixed(2)} ms, p95 ${throughTransport.p95.toFixed(2)} ms (HTTP on 127.0.0.1, JSON both ways)\n`,
  );
  return [
    msFigure(
      'autosave 20,000 words p95 (in the core)',
      core.p95,
      { value: baseline.p95, of: 'bare SQLite upsert of the JSON' },
      { text: '≤ 15 ms', maxValue: 15 },
      note,
      p95Spread(coreMs, 5),
    ),
    msFigure(
      'autosave 20,000 words p95 (through the transport)',
      throughTransport.p95,
      { value: core.p95, of: 'the same saves in the core' },
      { text: '≤ 15 ms', maxValue: 15 },
      `The writer's wait in browser mode: the editor's JSON stringified, POSTed to the host on 127.0.0.1, parsed, ` +
        `checked and saved by the core, the answer serialised and parsed; ${throughTransport.runs} saves; p50 ${throughTransport.p50.toFixed(2)} ms.`,
      p95Spread(transportMs, 5),
    ),
  ];
}
