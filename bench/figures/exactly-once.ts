/**
 * The publishing queue's property at full size (issue 14): 1,000 seeded operations (300 in a quick run) of publish,
 * update, unpublish, republish, retry, cancel, kill -9 and restart against a portal failing 30% of requests; the
 * figure is the run's time, met when the portal ends holding exactly the published articles, once each, as last
 * approved (bench/lib/queue-property.ts). It needs no corpus:
 *
 *   npm run bench -- --only exactly-once
 */
import fs from 'node:fs';
import path from 'node:path';
import { runQueueProperty } from '../lib/queue-property';
import { figure, log, type Figure } from '../lib/measure';
import type { BenchContext } from '../lib/context';

export async function exactlyOnceFigures(ctx: Pick<BenchContext, 'quick' | 'workDir'>): Promise<Figure[]> {
  const operations = ctx.quick ? 300 : 1_000;
  const root = fs.mkdtempSync(path.join(ctx.workDir, 'exactly-once-'));
  const t0 = performance.now();
  const result = await runQueueProperty({ seed: 14, operations, root });
  const seconds = (performance.now() - t0) / 1000;
  log(
    `   ${operations} operations (${Object.entries(result.counts)
      .map(([name, n]) => `${name} ${n}`)
      .join(', ')}), ${result.articles} articles, ${result.published} published at the end, ` +
      `${result.portalRequests} requests to the portal`,
  );
  for (const problem of result.problems) log(`   PROBLEM: ${problem}`);
  const held = result.problems.length === 0;
  return [
    {
      ...figure({
        figure: `queue exactly once, ${operations} operations`,
        value: seconds,
        unit: 's',
        goal: { text: 'the portal holds exactly the published articles, once each' },
        note: held
          ? `Seed 14: every published article once, as last approved, nothing else (${result.portalRequests} requests, 30% failed).`
          : `Seed 14: ${result.problems.length} problems, first: ${result.problems[0]}`,
      }),
      met: held,
    },
  ];
}
