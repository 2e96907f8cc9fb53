import type { Db } from '../db/database';
import {
  createArticle,
  flushPendingIndex,
  getArticle,
  getRevision,
  listArticles,
  listRevisions,
  purgeArticle,
  setTrashed,
  updateArticle,
  updateArticleBody,
} from '../store/articles';
import { recordVersion, type VersionMade } from '../store/versions';
import { authRequired } from '../access';
import { sendBackAfterEditAudited } from './approval';
import type { Actor, CoreServices, Handler } from './types';

type ArticleChannel =
  | 'articles.list'
  | 'articles.get'
  | 'articles.create'
  | 'articles.update'
  | 'articles.saveBody'
  | 'articles.trash'
  | 'articles.restore'
  | 'articles.purge'
  | 'articles.revisions'
  | 'articles.revision';

/** The index entries that body autosaves left waiting are rewritten once no save came for this long… */
export const INDEX_AFTER_PAUSE_MS = 300;
/** …or this long after the first of them, while the writer keeps saving. */
export const INDEX_AT_MOST_AFTER_MS = 5000;

/**
 * Schedules flushPendingIndex after body autosaves, off the writer's wait. A flush that fails leaves its marks: the
 * next search, or the next start, rewrites those entries (and reports what failed there).
 */
function indexLater(db: Db): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstWaitingAt: number | null = null;
  const flush = () => {
    timer = null;
    firstWaitingAt = null;
    try {
      if (db.open) flushPendingIndex(db);
    } catch {
      // Left marked; see above.
    }
  };
  return () => {
    const now = Date.now();
    firstWaitingAt ??= now;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, Math.min(INDEX_AFTER_PAUSE_MS, firstWaitingAt + INDEX_AT_MOST_AFTER_MS - now));
    timer.unref();
  };
}

/** A save's version: an autosave or a save by hand, by whoever is signed in. */
function savedBy(actor: Actor | null, autosave: boolean | undefined): VersionMade {
  return { event: autosave ? 'autosave' : 'saved', userId: actor?.id ?? null };
}

export function articleHandlers(services: CoreServices): { [C in ArticleChannel]: Handler<C> } {
  const { db } = services;
  // Entries a crash left waiting are rewritten at start; a failure here waits for the first search, which reports it.
  try {
    flushPendingIndex(db);
  } catch {
    // Left marked.
  }
  const scheduleIndexing = indexLater(db);
  const now = () => services.now().toISOString();
  return {
    'articles.list': (input) => listArticles(db, input),
    'articles.get': ({ id }) => getArticle(db, id),
    // The owner is whoever is signed in: an owner in the payload is refused by the strict input.
    'articles.create': (input, actor) => {
      if (!actor) throw authRequired(false);
      return db
        .transaction(() => {
          const at = now();
          const created = createArticle(db, { ...input, ownerId: actor.id }, at);
          recordVersion(db, created.id, created.version, { event: 'created', userId: actor.id }, at);
          services.audit({
            actor,
            action: 'article.create',
            target: { type: 'article', id: created.id },
            details: { title: created.title },
          });
          return created;
        })
        .immediate();
    },
    'articles.update': ({ id, baseVersion, changes, autosave }, actor) =>
      db
        .transaction(() => {
          const at = now();
          const updated = updateArticle(db, id, baseVersion, changes, { autosave, now: at });
          recordVersion(db, id, updated.version, savedBy(actor, autosave), at);
          sendBackAfterEditAudited(services, updated, actor);
          return updated;
        })
        .immediate(),
    // The answer is what the editor needs to save again, not the article: a long report's body and HTML are 400 KB.
    'articles.saveBody': ({ id, baseVersion, keepStart, keepEnd, blocks, autosave }, actor) =>
      db
        .transaction(() => {
          const at = now();
          const updated = updateArticleBody(db, id, baseVersion, { keepStart, keepEnd, blocks }, { autosave, now: at });
          recordVersion(db, id, updated.version, savedBy(actor, autosave), at);
          sendBackAfterEditAudited(services, updated, actor);
          if (autosave) scheduleIndexing();
          return { id, version: updated.version, updatedAt: updated.updatedAt };
        })
        .immediate(),
    'articles.trash': ({ id }, actor) =>
      db
        .transaction(() => {
          const trashed = setTrashed(db, id, true, now());
          services.audit({
            actor,
            action: 'article.trash',
            target: { type: 'article', id },
            details: { title: trashed.title },
          });
          return trashed;
        })
        .immediate(),
    'articles.restore': ({ id }, actor) =>
      db
        .transaction(() => {
          const restored = setTrashed(db, id, false, now());
          services.audit({
            actor,
            action: 'article.restore',
            target: { type: 'article', id },
            details: { title: restored.title },
          });
          return restored;
        })
        .immediate(),
    'articles.purge': ({ id }, actor) =>
      db
        .transaction(() => {
          const { title } = getArticle(db, id);
          purgeArticle(db, id);
          services.audit({ actor, action: 'article.purge', target: { type: 'article', id }, details: { title } });
          return { id };
        })
        .immediate(),
    'articles.revisions': ({ id }) => listRevisions(db, id),
    'articles.revision': ({ id, version }) => getRevision(db, id, version),
  };
}
