import {
  createArticle,
  getArticle,
  getRevision,
  listArticles,
  listRevisions,
  purgeArticle,
  setTrashed,
  updateArticle,
} from '../store/articles';
import { authRequired } from '../access';
import { sendBackAfterEditAudited } from './approval';
import type { CoreServices, Handler } from './types';

type ArticleChannel =
  | 'articles.list'
  | 'articles.get'
  | 'articles.create'
  | 'articles.update'
  | 'articles.trash'
  | 'articles.restore'
  | 'articles.purge'
  | 'articles.revisions'
  | 'articles.revision';

export function articleHandlers(services: CoreServices): { [C in ArticleChannel]: Handler<C> } {
  const { db } = services;
  const now = () => services.now().toISOString();
  return {
    'articles.list': (input) => listArticles(db, input),
    'articles.get': ({ id }) => getArticle(db, id),
    // The owner is whoever is signed in: an owner in the payload is refused by the strict input.
    'articles.create': (input, actor) => {
      if (!actor) throw authRequired(false);
      return db
        .transaction(() => {
          const created = createArticle(db, { ...input, ownerId: actor.id }, now());
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
          const updated = updateArticle(db, id, baseVersion, changes, { autosave, now: now() });
          sendBackAfterEditAudited(services, updated, actor);
          return updated;
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
