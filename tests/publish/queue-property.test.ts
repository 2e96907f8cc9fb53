import { afterEach, describe, expect, it } from 'vitest';
import { runQueueProperty } from '../../bench/lib/queue-property';
import { cleanupAll, tempDataDir } from '../helpers';

/**
 * The queue's property at a size for every run (the bench runs 1,000 operations: npm run bench -- --only exactly-once):
 * whatever interleaving of publications, updates, unpublications, retries, cancels, kills and restarts against a
 * portal that loses answers, the portal ends holding exactly the published articles, as last approved, once each.
 */

afterEach(cleanupAll);

describe('the publishing queue, exactly once', () => {
  for (const seed of [14, 2026]) {
    it(`holds for 120 seeded operations against a portal that fails 30% of requests (seed ${seed})`, async () => {
      const result = await runQueueProperty({ seed, operations: 120, root: tempDataDir('toasoan-property-') });
      expect(result.problems).toEqual([]);
      // The run did what it is for: articles went out and came down, the app was killed and restarted.
      expect(result.published).toBeGreaterThan(0);
      expect(result.counts.kill + result.counts.restart).toBeGreaterThan(0);
      expect(result.counts.unpublish).toBeGreaterThan(0);
    }, 120_000);
  }
});
