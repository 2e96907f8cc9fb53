import type { Db } from '../db/database';
import { createArticle, getArticle, getRevision, listArticles, listRevisions, purgeArticle, setTrashed, updateArticle } from '../store/articles';
import type { Handlers } from './types';

export function articleHandlers(db: Db): Handlers<'articles.'> {
  return {
    'articles.list': (input) => listArticles(db, input),
    'articles.get': ({ id }) => getArticle(db, id),
    'articles.create': (input) => createArticle(db, input),
    'articles.update': ({ id, baseVersion, changes, autosave }) => updateArticle(db, id, baseVersion, changes, { autosave }),
    'articles.trash': ({ id }) => setTrashed(db, id, true),
    'articles.restore': ({ id }) => setTrashed(db, id, false),
    'articles.purge': ({ id }) => {
      purgeArticle(db, id);
      return { id };
    },
    'articles.revisions': ({ id }) => listRevisions(db, id),
    'articles.revision': ({ id, version }) => getRevision(db, id, version),
  };
}
