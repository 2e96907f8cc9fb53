/**
 * Autosave of a 20,000-word article as the editor sends it: only the top-level blocks changed since the last save
 * (articles.saveBody: the body written block by block, compared with the saved blocks, the changed ones sent with the
 * base version; the core puts the body together, renders its HTML, rewrites the search index, keeps the revision
 * policy, one transaction, synchronous=FULL) through core.invoke, against a bare SQLite upsert of the same JSON bytes
 * into a one-table file with the same journal settings; then the same saves through the browser-mode transport (what
 * the writer waits for), against the same saves sent whole (articles.update { bodyJson }, the article answered).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Article } from '../../shared/contract/articles';
import { bodyPatch, serializeBody, type BodyBlocks } from '../../shared/render/body-blocks';
import { bodyPlainText } from '../../shared/render/article-html';
import type { BodyDocument, InlineNodeJson } from '../../shared/render/body-nodes';
import { log, msFigure, p95Spread, profiled, sample, stats, type Figure } from '../lib/measure';
import { openTransport } from '../lib/transport';
import type { BenchContext } from '../lib/context';

/** What the editor sends for a body-only save: the blocks that differ from the saved ones. */
function changedBlocks(doc: BodyDocument, saved: BodyBlocks) {
  const next = serializeBody(doc);
  const patch = bodyPatch(saved, next.parts);
  if (!patch) throw new Error('the body wrapper changed');
  return { next, patch };
}

export async function autosaveFigures(ctx: BenchContext): Promise<Figure[]> {
  const id = ctx.corpus.longIds[0];
  if (id === undefined) throw new Error('the corpus has no long report');
  const got = await ctx.core.invoke('articles.get', { id }, { sessionToken: ctx.session });
  if (!got.ok) throw new Error(got.error.messageEn);
  const article = got.value as Article;
  let version = article.version;
  const doc = JSON.parse(article.bodyJson ?? 'null') as BodyDocument;
  let saved = serializeBody(doc).parts;
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
        // The editor writes the body and compares its blocks before the save: not the core's work, not timed here.
        const { next, patch } = changedBlocks(doc, saved);
        const t0 = performance.now();
        const result = await ctx.core.invoke(
          'articles.saveBody',
          { id, baseVersion: version, ...patch, autosave: true },
          { sessionToken: ctx.session },
        );
        const t1 = performance.now();
        upsert.run(id, next.json);
        const t2 = performance.now();
        if (!result.ok) throw new Error(`articles.saveBody: ${result.error.messageEn}`);
        version = (result.value as { version: number }).version;
        saved = next.parts;
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

  // The same saves as the renderer makes them: the body written and compared block by block, the changed blocks
  // POSTed to the host, parsed and checked, put together and saved by the core, the version answered; beside them,
  // the same saves sent whole as before (the whole JSON both ways), as the baseline.
  const transportMs: number[] = [];
  const wholeMs: number[] = [];
  const transport = await openTransport(ctx);
  try {
    await profiled('autosave-transport', () =>
      sample({ warmup: 5, runs }, async (i) => {
        typedInto.text += i % 7 === 6 ? ' ' : 'a';
        const t0 = performance.now();
        const { next, patch } = changedBlocks(doc, saved);
        const answer = (await transport.call('articles.saveBody', {
          id,
          baseVersion: version,
          ...patch,
          autosave: true,
        })) as { version: number };
        if (i >= 5) transportMs.push(performance.now() - t0);
        version = answer.version;
        saved = next.parts;
        return 0;
      }),
    );
    await profiled('autosave-transport-whole', () =>
      sample({ warmup: 5, runs }, async (i) => {
        typedInto.text += i % 7 === 6 ? ' ' : 'a';
        const t0 = performance.now();
        const input = { id, baseVersion: version, changes: { bodyJson: JSON.stringify(doc) }, autosave: true };
        version = ((await transport.call('articles.update', input)) as Article).version;
        if (i >= 5) wholeMs.push(performance.now() - t0);
        return 0;
      }),
    );
  } finally {
    await transport.close();
  }
  const core = stats(coreMs);
  const throughTransport = stats(transportMs);
  const sentWhole = stats(wholeMs);
  const baseline = stats(bareMs);
  const kb = Math.round(Buffer.byteLength(article.bodyJson ?? '') / 1024);
  log(
    `autosave: article #${id}, ${words.toLocaleString('en-US')} words, bodyJson ${kb} KiB; ${core.runs} saves after 5 warm-up`,
  );
  log(
    `  core p50 ${core.p50.toFixed(2)} ms, p95 ${core.p95.toFixed(2)} ms; bare upsert p50 ${baseline.p50.toFixed(2)} ms, p95 ${baseline.p95.toFixed(2)} ms\n`,
  );
  const note =
    `articles.saveBody (the changed blocks, autosave) through core.invoke on a ${words.toLocaleString('en-US')}-word report (${kb} KiB of JSON): ` +
    `body put together, JSON → HTML, index, revision policy, WAL + synchronous=FULL; ${core.runs} saves; p50 ${core.p50.toFixed(2)} ms.`;
  log(
    `  through the transport p50 ${throughTransport.p50.toFixed(2)} ms, p95 ${throughTransport.p95.toFixed(2)} ms; ` +
      `sent whole p50 ${sentWhole.p50.toFixed(2)} ms, p95 ${sentWhole.p95.toFixed(2)} ms (HTTP on 127.0.0.1)\n`,
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
      { value: sentWhole.p95, of: 'the same saves sent whole' },
      { text: '≤ 15 ms', maxValue: 15 },
      `The writer's wait in browser mode: the body written block by block and compared with the saved blocks, the ` +
        `changed ones POSTed to the host on 127.0.0.1 with the base version, parsed, checked, put together and saved by ` +
        `the core, the version answered; ${throughTransport.runs} saves; p50 ${throughTransport.p50.toFixed(2)} ms ` +
        `(in the core p95 ${core.p95.toFixed(2)} ms). Baseline: articles.update with the whole JSON, the article ` +
        `answered, p50 ${sentWhole.p50.toFixed(2)} ms.`,
      p95Spread(transportMs, 5),
    ),
  ];
}
