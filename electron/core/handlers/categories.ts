import { createCategory, deleteCategory, listCategories, updateCategory } from '../store/categories';
import type { CoreServices, Handlers } from './types';

export function categoryHandlers(services: CoreServices): Handlers<'categories.'> {
  const { db } = services;
  return {
    'categories.list': () => listCategories(db),
    'categories.create': (input, actor) =>
      db
        .transaction(() => {
          const created = createCategory(db, input, services.now().toISOString());
          services.audit({
            actor,
            action: 'category.create',
            target: { type: 'category', id: created.id },
            details: { name: created.name, slug: created.slug },
          });
          return created;
        })
        .immediate(),
    'categories.update': ({ id, changes }, actor) =>
      db
        .transaction(() => {
          const updated = updateCategory(db, id, changes);
          services.audit({
            actor,
            action: 'category.update',
            target: { type: 'category', id },
            details: { changes, name: updated.name },
          });
          return updated;
        })
        .immediate(),
    'categories.delete': ({ id }, actor) =>
      db
        .transaction(() => {
          const name = listCategories(db).find((c) => c.id === id)?.name ?? null;
          deleteCategory(db, id);
          services.audit({ actor, action: 'category.delete', target: { type: 'category', id }, details: { name } });
          return { id };
        })
        .immediate(),
  };
}
