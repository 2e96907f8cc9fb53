import type { Db } from '../db/database';
import { createCategory, deleteCategory, listCategories, updateCategory } from '../store/categories';
import type { Handlers } from './types';

export function categoryHandlers(db: Db): Handlers<'categories.'> {
  return {
    'categories.list': () => listCategories(db),
    'categories.create': (input) => createCategory(db, input),
    'categories.update': ({ id, changes }) => updateCategory(db, id, changes),
    'categories.delete': ({ id }) => {
      deleteCategory(db, id);
      return { id };
    },
  };
}
