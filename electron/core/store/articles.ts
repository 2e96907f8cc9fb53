import {
  AUTOSAVE_REVISION_MINUTES,
  LIMITS,
  type Article,
  type ArticleFields,
  type ArticleStatus,
  type ArticleSummary,
} from '../../../shared/contract/articles';
import { ContractError, fieldIssue, notFound } from '../../../shared/contract/errors';
import {
  joinRenderedBlocks,
  renderBodyHtml,
  renderTopLevelBlock,
  type RenderedBlock,
  type RenderOptions,
} from '../../../shared/render/article-html';
import { invalidInput } from '../../../shared/contract/validation';
import {
  applyBodyPatch,
  joinBody,
  splitBody,
  type BodyBlocks,
  type BodyPatch,
} from '../../../shared/render/body-blocks';
import { MAX_CHILDREN, MEDIA_REF_PATTERN, parseBody, parseTopLevelBlock } from '../../../shared/render/body-nodes';
import { slugify } from '../../../shared/text/slug';
import type { Db } from '../db/database';
import { statement } from '../db/statements';
import {
  clearPendingIndex,
  deferIndexing,
  indexArticle,
  matchExpression,
  pendingIndexIds,
  unindexArticle,
} from './search-index';

/** Pruning policy: each article keeps its newest REVISIONS_KEPT revisions; older ones are deleted on save. */
export const REVISIONS_KEPT = 50;

/** Media references in stored HTML point into the data folder's media/; publishers render their own URLs. */
function storedMediaUrl(ref: string, variant: 'web' | 'thumb'): string | null {
  const match = MEDIA_REF_PATTERN.exec(ref);
  if (!match) return null;
  return variant === 'thumb' ? `media/${match[1]}.thumb.webp` : `media/${match[1]}.${match[2]}`;
}

const STORED: RenderOptions = { mediaUrl: storedMediaUrl };

/** The body's HTML, always rendered here from the editor's JSON. */
export function storedBodyHtml(bodyJson: string | null): string {
  return renderBodyHtml(parseBody(bodyJson), STORED);
}

interface ArticleRow {
  id: number;
  category_id: number | null;
  category_name: string | null;
  /** Joined from users: the owner's display name. */
  owner_name: string | null;
  title: string;
  lead: string;
  body_json: string | null;
  body_html: string;
  featured_image: string | null;
  featured_caption: string;
  author: string;
  department: string;
  published_at: string | null;
  status: ArticleStatus;
  slug: string;
  view_count: number;
  version: number;
  created_at: string;
  updated_at: string;
  trashed_at: string | null;
  /** The user who created it; NULL for articles from before users existed (owned by nobody). */
  owner_id: number | null;
}

const SUMMARY_COLUMNS = `a.id, a.category_id, c.name AS category_name, a.title, a.status, a.slug, a.author, a.department,
  a.published_at, a.updated_at, a.trashed_at, a.version, a.owner_id, u.display_name AS owner_name`;

function toSummary(row: ArticleRow): ArticleSummary {
  return {
    id: row.id,
    categoryId: row.category_id,
    categoryName: row.category_name,
    title: row.title,
    status: row.status,
    slug: row.slug,
    author: row.author,
    department: row.department,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    trashedAt: row.trashed_at,
    version: row.version,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
  };
}

function toArticle(row: ArticleRow): Article {
  return {
    ...toSummary(row),
    lead: row.lead,
    bodyJson: row.body_json,
    bodyHtml: row.body_html,
    featuredImage: row.featured_image,
    featuredCaption: row.featured_caption,
    viewCount: row.view_count,
    createdAt: row.created_at,
  };
}

export interface ListQuery {
  query?: string | undefined;
  status?: ArticleStatus | undefined;
  categoryId?: number | undefined;
  trashed?: boolean | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

/** Default page size of articles.list. */
export const DEFAULT_PAGE_SIZE = 50;

/** A search counts its matches exactly up to this many past the page asked for; beyond, the total is a lower bound. */
export const SEARCH_COUNT_CAP = 1_000;
const NOT_TRASHED = 'rowid NOT IN (SELECT id FROM articles WHERE trashed_at IS NOT NULL)';

/** Summaries for ids, in the order given. */
function summariesOf(db: Db, ids: number[]): ArticleSummary[] {
  if (ids.length === 0) return [];
  const rows = statement(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM articles a LEFT JOIN categories c ON c.id = a.category_id LEFT JOIN users u ON u.id = a.owner_id WHERE a.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids)) as ArticleRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toSummary(row)] : [];
  });
}

/** The conditions on articles of a listing's filters (the trash or not, status, category), for WHERE. */
function filtersOf(q: ListQuery): { filters: string[]; params: unknown[] } {
  const filters = [q.trashed ? 'trashed_at IS NOT NULL' : 'trashed_at IS NULL'];
  const params: unknown[] = [];
  if (q.status) {
    filters.push('status = ?');
    params.push(q.status);
  }
  if (q.categoryId) {
    filters.push('category_id = ?');
    params.push(q.categoryId);
  }
  return { filters, params };
}

export interface ArticlePage {
  total: number;
  /** True when total is a lower bound: a search with more than SEARCH_COUNT_CAP matches after the page. */
  capped: boolean;
  offset: number;
  items: ArticleSummary[];
}

/**
 * A search, in two groups: the articles with every word in the title, then the others (words in the lead, body or
 * byline); newest first in each. FTS5 walks its index in id order and stops at the page, so the cost follows the
 * page, not the number of matches — a word found in 90,000 articles answers as fast as a rare one.
 */
function searchArticles(db: Db, match: string, q: ListQuery, offset: number, limit: number): ArticlePage {
  // A search sees every save: entries that autosaves left waiting are rewritten first.
  flushPendingIndex(db);
  const inTitle = `{title} : (${match})`;
  const elsewhere = `(${match}) NOT ${inTitle}`;
  // Filters pick ids through the articles' indexes (a set), never by reading each match's row: status and trash come
  // after the body in a row, which a long report spills over many pages.
  const { filters, params } = filtersOf(q);
  // Without a filter the trashed few are left out, rather than the many live ones listed.
  const condition =
    filters.length === 1 && !q.trashed
      ? NOT_TRASHED
      : `rowid IN (SELECT id FROM articles WHERE ${filters.join(' AND ')})`;
  const where = `articles_fts MATCH ? AND ${condition}`;
  const ids = (expression: string, take: number, skip: number) =>
    statement(db, `SELECT rowid AS id FROM articles_fts WHERE ${where} ORDER BY rowid DESC LIMIT ? OFFSET ?`)
      .all(expression, ...params, take, skip)
      .map((row) => (row as { id: number }).id);
  const countUpTo = (expression: string, most: number) =>
    (
      statement(db, `SELECT count(*) AS n FROM (SELECT 1 FROM articles_fts WHERE ${where} LIMIT ?)`).get(
        expression,
        ...params,
        most,
      ) as { n: number }
    ).n;

  const titled = ids(inTitle, limit, offset);
  let items = titled;
  if (titled.length < limit) {
    // The page reaches past the title group: its size says where the others start.
    const titleGroup = titled.length > 0 ? offset + titled.length : countUpTo(inTitle, offset);
    items = [...titled, ...ids(elsewhere, limit - titled.length, Math.max(0, offset - titleGroup))];
  }
  const most = offset + limit + SEARCH_COUNT_CAP;
  const total = countUpTo(match, most);
  return { total, capped: total === most, offset, items: summariesOf(db, items) };
}

export function listArticles(db: Db, q: ListQuery): ArticlePage {
  const offset = q.offset ?? 0;
  const limit = q.limit ?? DEFAULT_PAGE_SIZE;
  const match = q.query ? matchExpression(q.query) : null;
  if (match) return searchArticles(db, match, q, offset, limit);

  const { filters, params } = filtersOf(q);
  const whereSql = filters.join(' AND ');
  // Count and ids come from the indexes alone; only the page's rows are read, so a deep page costs no more.
  const total = (statement(db, `SELECT count(*) AS n FROM articles WHERE ${whereSql}`).get(...params) as { n: number })
    .n;
  const ids = statement(
    db,
    `SELECT id FROM articles WHERE ${whereSql} ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?`,
  )
    .all(...params, limit, offset)
    .map((row) => (row as { id: number }).id);
  return { total, capped: false, offset, items: summariesOf(db, ids) };
}

/** The row without its two bodies, for a save that has just written them: a long report's are hundreds of KB. */
function findRowBesideBodies(db: Db, id: number, bodies: Pick<ArticleRow, 'body_json' | 'body_html'>): ArticleRow {
  const row = statement(
    db,
    `SELECT a.id, a.category_id, a.title, a.lead, a.featured_image, a.featured_caption, a.author, a.department, a.published_at, a.status,
       a.slug, a.view_count, a.version, a.created_at, a.updated_at, a.trashed_at, a.owner_id, c.name AS category_name, u.display_name AS owner_name
     FROM articles a LEFT JOIN categories c ON c.id = a.category_id LEFT JOIN users u ON u.id = a.owner_id WHERE a.id = ?`,
  ).get(id) as Omit<ArticleRow, 'body_json' | 'body_html'>;
  return { ...row, ...bodies };
}

function findRow(db: Db, id: number): ArticleRow | undefined {
  return statement(
    db,
    `SELECT a.*, c.name AS category_name, u.display_name AS owner_name FROM articles a
       LEFT JOIN categories c ON c.id = a.category_id LEFT JOIN users u ON u.id = a.owner_id WHERE a.id = ?`,
  ).get(id) as ArticleRow | undefined;
}

export function getArticle(db: Db, id: number): Article {
  const row = findRow(db, id);
  if (!row) throw notFound('article', id);
  return toArticle(row);
}

function assertCategory(db: Db, categoryId: number | null | undefined): void {
  if (categoryId == null) return;
  if (!statement(db, 'SELECT 1 FROM categories WHERE id = ?').get(categoryId)) throw notFound('category', categoryId);
}

/** The wanted slug if free, else the first free 'slug-2', 'slug-3', … — never someone else's. */
export function uniqueSlug(db: Db, wanted: string, exceptId: number | null): string {
  const base = wanted || 'bai-viet';
  // A range on the slug index ('-' is followed by '.' in ASCII) finds every taken suffix in one query.
  const taken = new Set(
    (
      statement(
        db,
        "SELECT slug FROM articles WHERE (slug = ? OR (slug >= ? || '-' AND slug < ? || '.')) AND id IS NOT ?",
      ).all(base, base, base, exceptId) as {
        slug: string;
      }[]
    ).map((row) => row.slug),
  );
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

function reindex(db: Db, row: ArticleRow): void {
  indexArticle(db, row.id, {
    title: row.title,
    lead: row.lead,
    bodyHtml: row.body_html,
    author: row.author,
    department: row.department,
  });
}

/** bodyHtml is for articles that come without an editor document (imports of old pages); it is never shown as HTML. */
export type NewArticle = Partial<ArticleFields> & {
  title: string;
  status?: ArticleStatus;
  viewCount?: number;
  bodyHtml?: string;
  ownerId?: number | null;
};

export function createArticle(db: Db, fields: NewArticle, now = new Date().toISOString()): Article {
  return db
    .transaction(() => {
      assertCategory(db, fields.categoryId);
      const slug = uniqueSlug(db, fields.slug ?? slugify(fields.title), null);
      const info = db
        .prepare(
          `INSERT INTO articles (category_id, title, lead, body_json, body_html, featured_image, featured_caption, author, department,
           published_at, status, slug, view_count, version, created_at, updated_at, owner_id)
         VALUES (@categoryId, @title, @lead, @bodyJson, @bodyHtml, @featuredImage, @featuredCaption, @author, @department,
           @publishedAt, @status, @slug, @viewCount, 1, @now, @now, @ownerId)`,
        )
        .run({
          categoryId: fields.categoryId ?? null,
          title: fields.title,
          lead: fields.lead ?? '',
          bodyJson: fields.bodyJson ?? null,
          bodyHtml: fields.bodyJson ? storedBodyHtml(fields.bodyJson) : (fields.bodyHtml ?? ''),
          featuredImage: fields.featuredImage ?? null,
          featuredCaption: fields.featuredCaption ?? '',
          author: fields.author ?? '',
          department: fields.department ?? '',
          publishedAt: fields.publishedAt ? new Date(fields.publishedAt).toISOString() : null,
          status: fields.status ?? 'draft',
          slug,
          viewCount: fields.viewCount ?? 0,
          now,
          ownerId: fields.ownerId ?? null,
        });
      const row = findRow(db, Number(info.lastInsertRowid)) as ArticleRow;
      reindex(db, row);
      return toArticle(row);
    })
    .immediate();
}

const COLUMN_OF: Record<keyof ArticleFields, string> = {
  categoryId: 'category_id',
  title: 'title',
  lead: 'lead',
  bodyJson: 'body_json',
  featuredImage: 'featured_image',
  featuredCaption: 'featured_caption',
  author: 'author',
  department: 'department',
  publishedAt: 'published_at',
  slug: 'slug',
};

export function conflictError(id: number, base: number, current: number): ContractError {
  return new ContractError(
    'CONFLICT',
    `Bài viết #${id} đã được sửa ở nơi khác (bạn sửa từ phiên bản ${base}, hiện là ${current}). Không có gì bị ghi đè; hãy tải lại hoặc giữ bản của bạn thành bản sao.`,
    `Article #${id} was changed elsewhere (you edited version ${base}; it is now ${current}). Nothing was overwritten; reload it, or keep your text as a copy.`,
  );
}

/** Applies changes made from baseVersion; the row before the change becomes a revision (autosaves: see above). */
export function updateArticle(
  db: Db,
  id: number,
  baseVersion: number,
  changes: Partial<ArticleFields>,
  options: {
    autosave?: boolean | undefined;
    now?: string;
    indexLater?: boolean;
    /** The HTML of changes.bodyJson when the caller has it already (updateArticleBody renders changed blocks only). */
    bodyHtml?: string;
  } = {},
): Article {
  const now = options.now ?? new Date().toISOString();
  return db
    .transaction(() => {
      // Only the version first: the whole row (a long report is hundreds of KB) is read again only to keep a revision.
      const current = statement(db, 'SELECT version FROM articles WHERE id = ?').get(id) as
        { version: number } | undefined;
      if (!current) throw notFound('article', id);
      if (current.version !== baseVersion) throw conflictError(id, baseVersion, current.version);
      assertCategory(db, changes.categoryId);
      const values: Record<string, unknown> = { id, now, version: current.version + 1 };
      const sets: string[] = [];
      for (const [key, value] of Object.entries(changes) as [keyof ArticleFields, unknown][]) {
        if (value === undefined) continue;
        let stored = value;
        if (key === 'slug') stored = uniqueSlug(db, value as string, id);
        if (key === 'publishedAt' && value) stored = new Date(value as string).toISOString();
        sets.push(`${COLUMN_OF[key]} = @${key}`);
        values[key] = stored;
      }
      if (changes.bodyJson !== undefined) {
        sets.push('body_html = @bodyHtml');
        values.bodyHtml = options.bodyHtml ?? storedBodyHtml(changes.bodyJson);
      }
      if (!options.autosave || !recentRevision(db, id, now)) keepRevision(db, findRow(db, id) as ArticleRow, now);
      statement(
        db,
        `UPDATE articles SET ${[...sets, 'version = @version', 'updated_at = @now'].join(', ')} WHERE id = @id`,
      ).run(values);
      const after =
        changes.bodyJson !== undefined
          ? findRowBesideBodies(db, id, { body_json: changes.bodyJson, body_html: values.bodyHtml as string })
          : (findRow(db, id) as ArticleRow);
      if (options.indexLater) deferIndexing(db, id);
      else reindex(db, after);
      return toArticle(after);
    })
    .immediate();
}

/**
 * The body each database last saved through updateArticleBody, cut at its blocks, with each block's HTML: the next
 * save of the same article starts from it instead of reading the body back (400 KB for a long report), cutting it,
 * parsing it and rendering it again. It stands only for the row written with that version and time: any other write
 * (an update, a restore, another core on the file, a rolled-back save followed by another write) leaves the row
 * different, and the body is read again.
 */
const lastSavedBody = new WeakMap<
  Db,
  { id: number; version: number; updatedAt: string; body: BodyBlocks; html: readonly RenderedBlock[] | null }
>();

/**
 * Saves a body given as the blocks that changed since baseVersion (articles.saveBody): the stored body is cut at its
 * blocks, the patch applied and the result stored by updateArticle, exactly as if the whole body had been sent.
 */
export function updateArticleBody(
  db: Db,
  id: number,
  baseVersion: number,
  patch: BodyPatch,
  options: { autosave?: boolean | undefined; now?: string } = {},
): Article {
  return db
    .transaction(() => {
      const current = statement(db, 'SELECT version, updated_at FROM articles WHERE id = ?').get(id) as
        { version: number; updated_at: string } | undefined;
      if (!current) throw notFound('article', id);
      if (current.version !== baseVersion) throw conflictError(id, baseVersion, current.version);
      const saved = lastSavedBody.get(db);
      const cached =
        saved?.id === id && saved.version === current.version && saved.updatedAt === current.updated_at ? saved : null;
      const base = cached ? cached.body : storedBodyBlocks(db, id);
      const patched = base && applyBodyPatch(base, patch);
      if (!patched) throw ContractError.of('CONFLICT', 'article.bodyNotPatchable', { id });
      const bodyJson = joinBody(patched);
      if (bodyJson.length > LIMITS.bodyJson)
        throw invalidInput([fieldIssue('blocks', 'validation.tooLong', { max: LIMITS.bodyJson })]);
      const html = (cached?.html && patchedBlocksHtml(cached.html, patched, patch)) || wholeBodyHtml(bodyJson, patched);
      if (!html) throw invalidInput([fieldIssue('blocks', 'article.bodyNotDocument')]);
      const article = updateArticle(
        db,
        id,
        baseVersion,
        { bodyJson },
        { ...options, indexLater: options.autosave === true, bodyHtml: html.text },
      );
      lastSavedBody.set(db, {
        id,
        version: article.version,
        updatedAt: article.updatedAt,
        body: patched,
        html: html.blocks,
      });
      return article;
    })
    .immediate();
}

interface BodyHtml {
  text: string;
  /** Each top-level block's HTML; null when the body's blocks cannot be rendered one by one. */
  blocks: readonly RenderedBlock[] | null;
}

/**
 * The HTML of a patched body from the HTML of the blocks it kept and the new blocks rendered alone; null when a new
 * block is no node (the whole body is then checked, and refused) or needs its neighbours to render. A base that was
 * saved is a body document, and each new block one node: so is the body put together.
 */
function patchedBlocksHtml(base: readonly RenderedBlock[], patched: BodyBlocks, patch: BodyPatch): BodyHtml | null {
  if (patched.blocks.length > MAX_CHILDREN) return null;
  const rendered: RenderedBlock[] = [];
  for (const block of patch.blocks) {
    const node = parseTopLevelBlock(block);
    const html = node && renderTopLevelBlock(node, STORED);
    if (!html) return null;
    rendered.push(html);
  }
  const blocks = [...base.slice(0, patch.keepStart), ...rendered, ...base.slice(base.length - patch.keepEnd)];
  return { text: joinRenderedBlocks(blocks), blocks };
}

/**
 * The HTML of a body read whole (checked as articles.update checks one), with its blocks' when they render alone and
 * are the blocks it was cut into (a patch may carry two nodes in one of its strings).
 */
function wholeBodyHtml(bodyJson: string, cut: BodyBlocks): BodyHtml | null {
  const body = parseBody(bodyJson);
  if (!body) return null;
  const blocks: RenderedBlock[] = [];
  for (const node of body.root.children) {
    const html = renderTopLevelBlock(node, STORED);
    if (!html) break;
    blocks.push(html);
  }
  return blocks.length === body.root.children.length && blocks.length === cut.blocks.length
    ? { text: joinRenderedBlocks(blocks), blocks }
    : { text: renderBodyHtml(body, STORED), blocks: null };
}

function storedBodyBlocks(db: Db, id: number): BodyBlocks | null {
  const row = statement(db, 'SELECT body_json FROM articles WHERE id = ?').get(id) as { body_json: string | null };
  return row.body_json === null ? null : splitBody(row.body_json);
}

/**
 * Rewrites the index entries that body autosaves left waiting (deferIndexing): once the saves pause, before a search
 * and when the core starts (after a crash). Returns how many it rewrote.
 */
export function flushPendingIndex(db: Db): number {
  const ids = pendingIndexIds(db);
  if (ids.length === 0) return 0;
  db.transaction(() => {
    for (const id of ids) {
      const row = findRow(db, id);
      if (row) reindex(db, row);
      else unindexArticle(db, id);
      clearPendingIndex(db, id);
    }
  }).immediate();
  return ids.length;
}

function recentRevision(db: Db, id: number, now: string): boolean {
  const since = new Date(Date.parse(now) - AUTOSAVE_REVISION_MINUTES * 60_000).toISOString();
  return !!statement(db, 'SELECT 1 FROM article_revisions WHERE article_id = ? AND created_at > ?').get(id, since);
}

function keepRevision(db: Db, row: ArticleRow, now: string): void {
  const { category_name: _categoryName, owner_name: _ownerName, ...snapshot } = row;
  statement(db, 'INSERT INTO article_revisions (article_id, version, snapshot, created_at) VALUES (?, ?, ?, ?)').run(
    row.id,
    row.version,
    JSON.stringify(snapshot),
    now,
  );
  statement(
    db,
    `DELETE FROM article_revisions WHERE article_id = ? AND id NOT IN
       (SELECT id FROM article_revisions WHERE article_id = ? ORDER BY version DESC LIMIT ?)`,
  ).run(row.id, row.id, REVISIONS_KEPT);
}

export function listRevisions(
  db: Db,
  id: number,
): { id: number; articleId: number; version: number; title: string; createdAt: string }[] {
  if (!findRow(db, id)) throw notFound('article', id);
  const rows = db
    .prepare(
      `SELECT id, article_id, version, json_extract(snapshot, '$.title') AS title, created_at FROM article_revisions WHERE article_id = ? ORDER BY version DESC`,
    )
    .all(id) as { id: number; article_id: number; version: number; title: string; created_at: string }[];
  return rows.map((r) => ({
    id: r.id,
    articleId: r.article_id,
    version: r.version,
    title: r.title,
    createdAt: r.created_at,
  }));
}

export function getRevision(
  db: Db,
  id: number,
  version: number,
): { articleId: number; version: number; createdAt: string; title: string; lead: string; bodyJson: string | null } {
  const row = statement(
    db,
    'SELECT snapshot, created_at FROM article_revisions WHERE article_id = ? AND version = ?',
  ).get(id, version) as { snapshot: string; created_at: string } | undefined;
  if (!row) throw notFound('articleVersion', id, { version });
  const snapshot = JSON.parse(row.snapshot) as Pick<ArticleRow, 'title' | 'lead' | 'body_json'>;
  return {
    articleId: id,
    version,
    createdAt: row.created_at,
    title: snapshot.title,
    lead: snapshot.lead,
    bodyJson: snapshot.body_json,
  };
}

export function setTrashed(db: Db, id: number, trashed: boolean, now = new Date().toISOString()): ArticleSummary {
  return db
    .transaction(() => {
      const row = findRow(db, id);
      if (!row) throw notFound('article', id);
      // Trashing is not an edit of the text: the version stays, so an open editor is not put in conflict.
      statement(db, 'UPDATE articles SET trashed_at = ? WHERE id = ?').run(trashed ? now : null, id);
      return toSummary(findRow(db, id) as ArticleRow);
    })
    .immediate();
}

export function purgeArticle(db: Db, id: number): void {
  db.transaction(() => {
    const row = findRow(db, id);
    if (!row) throw notFound('article', id);
    if (!row.trashed_at) {
      throw new ContractError(
        'CONFLICT',
        `Bài viết #${id} chưa ở trong thùng rác; hãy chuyển vào thùng rác trước khi xóa vĩnh viễn.`,
        `Article #${id} is not in the trash; move it to the trash before deleting it for good.`,
      );
    }
    unindexArticle(db, id);
    statement(db, 'DELETE FROM articles WHERE id = ?').run(id);
  }).immediate();
}

export function countArticles(db: Db): number {
  return (statement(db, 'SELECT count(*) AS n FROM articles').get() as { n: number }).n;
}

// ---------------------------------------------------------------------------------------------- workflow

/** What the access policy needs to know of an article: whose it is, where it stands. */
export interface ArticleAccessInfo {
  id: number;
  ownerId: number | null;
  status: ArticleStatus;
  trashed: boolean;
  title: string;
}

export function articleAccessInfo(db: Db, id: number): ArticleAccessInfo {
  const row = statement(db, 'SELECT id, owner_id, status, trashed_at, title FROM articles WHERE id = ?').get(id) as
    | { id: number; owner_id: number | null; status: ArticleStatus; trashed_at: string | null; title: string }
    | undefined;
  if (!row) throw notFound('article', id);
  return { id: row.id, ownerId: row.owner_id, status: row.status, trashed: row.trashed_at !== null, title: row.title };
}

/**
 * Moves an article to a new status as one new version: the previous version is kept as a revision, the version goes
 * up by one. `decide` runs inside the transaction on the current row (after the version check): it answers the new
 * status and publication time, or throws (and nothing is written).
 */
export function transitionArticle(
  db: Db,
  id: number,
  baseVersion: number,
  now: string,
  decide: (current: Article) => { status: ArticleStatus; publishedAt: string | null },
): { before: Article; after: Article } {
  return db
    .transaction(() => {
      const row = findRow(db, id);
      if (!row) throw notFound('article', id);
      if (row.version !== baseVersion) throw conflictError(id, baseVersion, row.version);
      const before = toArticle(row);
      const change = decide(before);
      keepRevision(db, row, now);
      statement(db, 'UPDATE articles SET status = ?, published_at = ?, version = ?, updated_at = ? WHERE id = ?').run(
        change.status,
        change.publishedAt,
        row.version + 1,
        now,
        id,
      );
      return { before, after: toArticle(findRow(db, id) as ArticleRow) };
    })
    .immediate();
}

/** The text of an article at a version: the current row, or a kept revision. */
export interface VersionText {
  version: number;
  title: string;
  lead: string;
  bodyJson: string | null;
  bodyHtml: string;
  author: string;
  department: string;
  featuredImage: string | null;
}

type Snapshot = Partial<Omit<ArticleRow, 'category_name' | 'owner_name'>>;

function snapshotOf(db: Db, id: number, version: number): Snapshot | null {
  const row = statement(db, 'SELECT snapshot FROM article_revisions WHERE article_id = ? AND version = ?').get(
    id,
    version,
  ) as { snapshot: string } | undefined;
  if (!row) return null;
  try {
    const parsed = JSON.parse(row.snapshot) as unknown;
    return parsed !== null && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

const str = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
const strOrNull = (value: unknown, fallback: string | null) =>
  typeof value === 'string' || value === null ? value : fallback;

function revisionNotFound(id: number, version: number): ContractError {
  return notFound('articleVersion', id, { version });
}

export function versionText(db: Db, id: number, version: number): VersionText {
  const row = findRow(db, id);
  if (!row) throw notFound('article', id);
  if (version === row.version)
    return {
      version,
      title: row.title,
      lead: row.lead,
      bodyJson: row.body_json,
      bodyHtml: row.body_html,
      author: row.author,
      department: row.department,
      featuredImage: row.featured_image,
    };
  const snap = snapshotOf(db, id, version);
  if (!snap) throw revisionNotFound(id, version);
  const bodyJson = strOrNull(snap.body_json, null);
  return {
    version,
    title: str(snap.title, ''),
    lead: str(snap.lead, ''),
    bodyJson,
    bodyHtml: str(snap.body_html, bodyJson ? storedBodyHtml(bodyJson) : ''),
    author: str(snap.author, ''),
    department: str(snap.department, ''),
    featuredImage: strOrNull(snap.featured_image, null),
  };
}

/**
 * Makes a kept revision the current text again, as a new version (the present one is kept as a revision). The text
 * fields come back (title, lead, body, featured image and caption, byline, category if it still exists); the status,
 * slug and publication time stay as they are now.
 */
export function restoreRevision(db: Db, id: number, version: number, baseVersion: number, now: string): Article {
  return db
    .transaction(() => {
      const row = findRow(db, id);
      if (!row) throw notFound('article', id);
      if (row.version !== baseVersion) throw conflictError(id, baseVersion, row.version);
      const snap = snapshotOf(db, id, version);
      if (!snap) throw revisionNotFound(id, version);
      const bodyJson = strOrNull(snap.body_json, row.body_json);
      // The HTML is rendered again from the JSON; an article without JSON gets its old stored HTML back.
      const bodyHtml = bodyJson !== null ? storedBodyHtml(bodyJson) : str(snap.body_html, row.body_html);
      const wantedCategory =
        typeof snap.category_id === 'number' || snap.category_id === null ? snap.category_id : row.category_id;
      const categoryId =
        wantedCategory === null || statement(db, 'SELECT 1 FROM categories WHERE id = ?').get(wantedCategory)
          ? wantedCategory
          : row.category_id;
      const featuredImage = strOrNull(snap.featured_image, row.featured_image);
      keepRevision(db, row, now);
      statement(
        db,
        `UPDATE articles SET title = @title, lead = @lead, body_json = @bodyJson, body_html = @bodyHtml, featured_image = @featuredImage,
         featured_caption = @featuredCaption, author = @author, department = @department, category_id = @categoryId,
         version = @version, updated_at = @now WHERE id = @id`,
      ).run({
        id,
        title: str(snap.title, row.title) || row.title,
        lead: str(snap.lead, row.lead),
        bodyJson,
        bodyHtml,
        featuredImage:
          featuredImage !== null && !MEDIA_REF_PATTERN.test(featuredImage) ? row.featured_image : featuredImage,
        featuredCaption: str(snap.featured_caption, row.featured_caption),
        author: str(snap.author, row.author),
        department: str(snap.department, row.department),
        categoryId,
        version: row.version + 1,
        now,
      });
      const after = findRow(db, id) as ArticleRow;
      reindex(db, after);
      return toArticle(after);
    })
    .immediate();
}

/** Non-trashed articles per status; with an owner, only theirs. */
export function countByStatus(db: Db, ownerId: number | null): Partial<Record<ArticleStatus, number>> {
  const rows = (
    ownerId === null
      ? // The sidebar asks at start: through the status index alone (2 ms at 20,000 articles). Left to itself SQLite
        // takes the trash index and reads every row for its status, past the long reports' bodies (300 ms).
        statement(
          db,
          'SELECT status, count(*) AS n FROM articles INDEXED BY articles_by_status WHERE trashed_at IS NULL GROUP BY status',
        ).all()
      : statement(
          db,
          'SELECT status, count(*) AS n FROM articles WHERE owner_id = ? AND trashed_at IS NULL GROUP BY status',
        ).all(ownerId)
  ) as { status: ArticleStatus; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
