import type { Article } from '../../shared/contract/articles';
import type { PublishJob } from '../../shared/contract/publishing';
import type { Core } from '../../electron/core/core';
import { RETRY } from '../../electron/core/publish/queue';
import { BODY_JSON, ok } from '../helpers';

/** What the publishing tests do through the core's channels: articles through the workflow, the queue run to rest. */

/** A clock the test moves by hand: backoff and schedules are reached without sleeping. */
export function fakeClock(start = '2026-12-01T02:00:00.000Z') {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}
export type FakeClock = ReturnType<typeof fakeClock>;

export async function approved(core: Core, title: string, fields: Record<string, unknown> = {}): Promise<Article> {
  let a = await ok(core, 'articles.create', {
    title,
    lead: `Tóm tắt ${title}`,
    bodyJson: BODY_JSON,
    ...fields,
  });
  for (const action of ['submit', 'approve'] as const)
    a = await ok(core, 'articles.transition', { id: a.id, baseVersion: a.version, action });
  return a;
}

export async function published(core: Core, title: string, fields: Record<string, unknown> = {}): Promise<Article> {
  const a = await approved(core, title, fields);
  return ok(core, 'articles.transition', { id: a.id, baseVersion: a.version, action: 'publish' });
}

/**
 * Edits a published article and republishes it: changed text is approved again before it may update the portal
 * (published = approved), so it goes through submit and approve, then publish (an update where the target holds it).
 */
export async function republished(core: Core, article: Article, changes: Record<string, unknown>): Promise<Article> {
  await ok(core, 'articles.update', { id: article.id, baseVersion: article.version, changes });
  return approvedAgainAndPublished(core, article);
}

/**
 * A published article changed since its approval (its text, or its attached documents, which the approval also
 * covers) goes through submit and approve again, then publish: an update where the target holds it.
 */
export async function approvedAgainAndPublished(core: Core, article: Article): Promise<Article> {
  let a = await ok(core, 'articles.get', { id: article.id });
  for (const action of ['submit', 'approve', 'publish'] as const)
    a = await ok(core, 'articles.transition', { id: a.id, baseVersion: a.version, action });
  return a;
}

export async function unpublished(core: Core, article: Article): Promise<Article> {
  const current = await ok(core, 'articles.get', { id: article.id });
  return ok(core, 'articles.transition', { id: current.id, baseVersion: current.version, action: 'unpublish' });
}

export async function jobsOf(core: Core, articleId?: number): Promise<PublishJob[]> {
  return (await ok(core, 'publish.jobs', articleId === undefined ? { limit: 500 } : { articleId, limit: 500 })).jobs;
}

/** Runs the queue, moving the clock past every backoff, until no job is waiting (or the rounds run out). */
export async function settle(core: Core, clock: FakeClock, rounds = 40): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await core.queue?.runDue();
    const { counts } = await ok(core, 'publish.jobs', {});
    if (counts.pending + counts.retrying + counts.running + (counts.uncertain ?? 0) === 0) return;
    clock.advance(RETRY.capMs + 1);
  }
}
