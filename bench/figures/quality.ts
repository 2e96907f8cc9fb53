/**
 * The pre-publication check of a long report: quality.check on a 20,000-word article of the corpus through
 * core.invoke (session, zod input, reading the article, the whole check, zod output), first with a cold word cache
 * (a new process's first check) and then warm, as the editor's panel and the workflow gate run it.
 */
import type { Article } from '../../shared/contract/articles';
import { checkArticle, DEFAULT_QUALITY_SETTINGS } from '../../shared/quality/check';
import { Speller } from '../../shared/quality/speller';
import { coreSpeller } from '../../electron/core/quality/dictionary';
import type { BenchContext } from '../lib/context';
import { fmt, log, msFigure, p95Spread, sample, stats, type Figure } from '../lib/measure';

export async function qualityFigures(ctx: BenchContext): Promise<Figure[]> {
  const id = ctx.corpus.longIds[0];
  if (id === undefined) return [];
  const call = async () => {
    const result = await ctx.core.invoke('quality.check', { articleId: id }, { sessionToken: ctx.session });
    if (!result.ok) throw new Error(`quality.check: ${result.error.code} ${result.error.messageEn}`);
    return result.value as { findings: unknown[] };
  };
  const article = await ctx.core.invoke('articles.get', { id }, { sessionToken: ctx.session });
  if (!article.ok) throw new Error(`articles.get: ${article.error.messageEn}`);

  // Cold: a speller with an empty word cache, on the article as stored (what the first check after a start costs).
  const shared = coreSpeller();
  const fresh = new Speller(shared.files);
  const t0 = performance.now();
  checkArticle(article.value as Article, fresh, DEFAULT_QUALITY_SETTINGS);
  const cold = performance.now() - t0;

  const runs = ctx.quick ? 30 : 100;
  let findings = 0;
  const samples = await sample({ warmup: 3, runs }, async () => {
    findings = (await call()).findings.length;
  });
  const s = stats(samples);
  log(
    `   20,000-word report #${id}: p50 ${fmt(s.p50)} ms, p95 ${fmt(s.p95)} ms, cold ${fmt(cold)} ms; ${findings} findings`,
  );
  return [
    msFigure(
      'quality check p95 (20,000 words)',
      s.p95,
      null,
      { text: 'p95 ≤ 50 ms', maxValue: 50 },
      `quality.check through core.invoke on long report #${id}, ${samples.length} runs after 3 warm-up; the first check with an empty word cache took ${fmt(cold)} ms; ${findings} findings`,
      p95Spread(samples, 3),
    ),
  ];
}
