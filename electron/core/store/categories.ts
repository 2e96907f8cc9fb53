import type { Category } from '../../../shared/contract/categories';
import { ContractError, notFound } from '../../../shared/contract/errors';
import { slugify } from '../../../shared/text/slug';
import type { Db } from '../db/database';
import { statement } from '../db/statements';

interface CategoryRow {
  id: number;
  name: string;
  slug: string;
  position: number;
  article_count: number;
}

const SELECT = `SELECT c.id, c.name, c.slug, c.position,
  (SELECT count(*) FROM articles a WHERE a.category_id = c.id AND a.trashed_at IS NULL) AS article_count
  FROM categories c`;

function toCategory(row: CategoryRow): Category {
  return { id: row.id, name: row.name, slug: row.slug, position: row.position, articleCount: row.article_count };
}

export function listCategories(db: Db): Category[] {
  return (statement(db, `${SELECT} ORDER BY c.position, c.name`).all() as CategoryRow[]).map(toCategory);
}

function getCategory(db: Db, id: number): Category {
  const row = statement(db, `${SELECT} WHERE c.id = ?`).get(id) as CategoryRow | undefined;
  if (!row) throw notFound('category', id);
  return toCategory(row);
}

function assertFree(db: Db, name: string | undefined, slug: string | undefined, exceptId: number | null): void {
  const clash = db
    .prepare('SELECT name, slug FROM categories WHERE (name = ? OR slug = ?) AND id IS NOT ?')
    .get(name ?? null, slug ?? null, exceptId) as { name: string; slug: string } | undefined;
  if (clash) {
    throw new ContractError(
      'CONFLICT',
      `Đã có chuyên mục "${clash.name}" (${clash.slug}).`,
      `A category "${clash.name}" (${clash.slug}) already exists.`,
    );
  }
}

export function createCategory(
  db: Db,
  fields: { name: string; slug?: string | undefined; position?: number | undefined },
  now = new Date().toISOString(),
): Category {
  return db
    .transaction(() => {
      const slug = fields.slug ?? (slugify(fields.name) || 'chuyen-muc');
      assertFree(db, fields.name, slug, null);
      const position =
        fields.position ??
        (statement(db, 'SELECT coalesce(max(position), -1) + 1 AS next FROM categories').get() as { next: number })
          .next;
      const info = statement(db, 'INSERT INTO categories (name, slug, position, created_at) VALUES (?, ?, ?, ?)').run(
        fields.name,
        slug,
        position,
        now,
      );
      return getCategory(db, Number(info.lastInsertRowid));
    })
    .immediate();
}

export function updateCategory(
  db: Db,
  id: number,
  changes: { name?: string | undefined; slug?: string | undefined; position?: number | undefined },
): Category {
  return db
    .transaction(() => {
      const current = getCategory(db, id);
      assertFree(db, changes.name, changes.slug, id);
      statement(db, 'UPDATE categories SET name = ?, slug = ?, position = ? WHERE id = ?').run(
        changes.name ?? current.name,
        changes.slug ?? current.slug,
        changes.position ?? current.position,
        id,
      );
      return getCategory(db, id);
    })
    .immediate();
}

export function deleteCategory(db: Db, id: number): void {
  db.transaction(() => {
    const current = getCategory(db, id);
    const held = (statement(db, 'SELECT count(*) AS n FROM articles WHERE category_id = ?').get(id) as { n: number }).n;
    if (held > 0) {
      throw new ContractError(
        'CONFLICT',
        `Chuyên mục "${current.name}" còn ${held} bài viết (kể cả trong thùng rác); hãy chuyển các bài đó sang chuyên mục khác trước.`,
        `Category "${current.name}" still holds ${held} article(s), trash included; move them to another category first.`,
      );
    }
    statement(db, 'DELETE FROM categories WHERE id = ?').run(id);
  }).immediate();
}
