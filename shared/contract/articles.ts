import { z } from 'zod';
import { MEDIA_REF_PATTERN, parseBody } from '../render/body-nodes';
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from '../text/slug';
import { ARTICLE_STATUSES } from './article-status';
import { channel } from './channel';

export * from './article-status';

/** Autosaves keep at most one revision per this many minutes, so typing does not push real versions out (a save by hand always keeps one). */
export const AUTOSAVE_REVISION_MINUTES = 10;

export const LIMITS = {
  title: 500,
  lead: 2000,
  caption: 1000,
  person: 200,
  bodyJson: 20_000_000,
  mediaRef: 500,
  query: 200,
  pageSize: 200,
} as const;

const id = z.number().int().positive();
const isoTime = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().max(max);

export const articleSchema = z.object({
  id,
  categoryId: id.nullable(),
  categoryName: z.string().nullable(),
  title: z.string(),
  lead: z.string(),
  bodyJson: z.string().nullable(),
  bodyHtml: z.string(),
  featuredImage: z.string().nullable(),
  featuredCaption: z.string(),
  author: z.string(),
  department: z.string(),
  publishedAt: z.string().nullable(),
  status: z.enum(ARTICLE_STATUSES),
  slug: z.string(),
  viewCount: z.number().int().nonnegative(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  trashedAt: z.string().nullable(),
  /** Who created it (null for articles older than user accounts: only editors may edit those). */
  ownerId: id.nullable(),
  ownerName: z.string().nullable(),
});
export type Article = z.infer<typeof articleSchema>;

export const articleSummarySchema = articleSchema.pick({
  id: true,
  categoryId: true,
  categoryName: true,
  title: true,
  status: true,
  slug: true,
  author: true,
  department: true,
  publishedAt: true,
  updatedAt: true,
  trashedAt: true,
  version: true,
  ownerId: true,
  ownerName: true,
});
export type ArticleSummary = z.infer<typeof articleSummarySchema>;

/**
 * The fields a writer sets. Titles are trimmed; every text is NFC-normalised by the core. The body is given as
 * the editor's JSON only: its HTML is rendered by the core (shared/render/article-html.ts), never taken from a caller.
 */
export const articleFieldsSchema = z.strictObject({
  categoryId: id.nullable(),
  title: z.string().trim().min(1).max(LIMITS.title),
  lead: text(LIMITS.lead),
  bodyJson: text(LIMITS.bodyJson)
    .refine((json) => parseBody(json) !== null, { message: 'not an editor document' })
    .nullable(),
  featuredImage: z.string().regex(MEDIA_REF_PATTERN).nullable(),
  featuredCaption: text(LIMITS.caption),
  author: z.string().trim().max(LIMITS.person),
  department: z.string().trim().max(LIMITS.person),
  publishedAt: isoTime.nullable(),
  slug: z.string().max(SLUG_MAX_LENGTH).regex(SLUG_PATTERN),
});
export type ArticleFields = z.infer<typeof articleFieldsSchema>;

const idInput = z.strictObject({ id });

export const articleChannels = {
  'articles.list': channel({
    summary:
      'One page of the library, newest change first; optional search (diacritics, case and đ ignored; every word in the title first, then the others, newest first in each), status and category filters; trashed=true lists the trash. capped=true: total is a lower bound (a search with more than 1,000 matches past the page).',
    input: z.strictObject({
      query: text(LIMITS.query).optional(),
      status: z.enum(ARTICLE_STATUSES).optional(),
      categoryId: id.optional(),
      trashed: z.boolean().optional(),
      offset: z.number().int().nonnegative().max(10_000_000).optional(),
      limit: z.number().int().min(1).max(LIMITS.pageSize).optional(),
    }),
    output: z.object({
      total: z.number().int().nonnegative(),
      capped: z.boolean(),
      offset: z.number().int(),
      items: z.array(articleSummarySchema),
    }),
    errors: [],
  }),
  'articles.get': channel({
    summary: 'One article with its body, trashed or not.',
    input: idInput,
    output: articleSchema,
    errors: ['NOT_FOUND'],
  }),
  'articles.create': channel({
    summary: 'A new draft. Only the title is required; the slug is derived from it (a collision gets a suffix).',
    input: articleFieldsSchema.partial().required({ title: true }),
    output: articleSchema,
    errors: ['NOT_FOUND'],
  }),
  'articles.update': channel({
    summary:
      'Changes some fields. baseVersion is the version the edit started from; a stale one is refused with CONFLICT and nothing is written. The previous version is kept as a revision; autosave=true (the editor saving while one types) keeps at most one revision per 10 minutes.',
    input: z.strictObject({
      id,
      baseVersion: z.number().int().positive(),
      changes: articleFieldsSchema.partial(),
      autosave: z.boolean().optional(),
    }),
    output: articleSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  'articles.saveBody': channel({
    summary:
      "Saves the body alone, sending only the top-level blocks that changed since baseVersion: the stored body's first keepStart and last keepEnd blocks are kept and the given blocks (each one block's JSON) go between them; the core puts the body together, checks it as articles.update checks bodyJson and stores it the same way (the same bytes as sending it whole). Answers only the new version and time. A stale baseVersion is CONFLICT, as for articles.update; so is a stored body that cannot be patched (not cut into blocks, or fewer blocks than kept): send it whole with articles.update then.",
    input: z.strictObject({
      id,
      baseVersion: z.number().int().positive(),
      keepStart: z.number().int().nonnegative(),
      keepEnd: z.number().int().nonnegative(),
      blocks: z.array(text(LIMITS.bodyJson)),
      autosave: z.boolean().optional(),
    }),
    output: z.object({ id, version: z.number().int().positive(), updatedAt: z.string() }),
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  'articles.trash': channel({
    summary: 'Moves an article to the trash (Thùng rác); it can be restored.',
    input: idInput,
    output: articleSummarySchema,
    errors: ['NOT_FOUND'],
  }),
  'articles.restore': channel({
    summary: 'Brings an article back from the trash.',
    input: idInput,
    output: articleSummarySchema,
    errors: ['NOT_FOUND'],
  }),
  'articles.purge': channel({
    summary:
      'Deletes a trashed article for good, with its revisions. Refused (CONFLICT) for an article that is not in the trash.',
    input: idInput,
    output: z.object({ id }),
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  'articles.revisions': channel({
    summary: 'The kept revisions of an article, newest first (see the pruning policy in docs/api.md).',
    input: idInput,
    output: z.array(
      z.object({ id, articleId: id, version: z.number().int().positive(), title: z.string(), createdAt: z.string() }),
    ),
    errors: ['NOT_FOUND'],
  }),
  'articles.revision': channel({
    summary: 'One kept revision of an article: its text as it was at that version.',
    input: z.strictObject({ id, version: z.number().int().positive() }),
    output: z.object({
      articleId: id,
      version: z.number().int().positive(),
      createdAt: z.string(),
      title: z.string(),
      lead: z.string(),
      bodyJson: z.string().nullable(),
    }),
    errors: ['NOT_FOUND'],
  }),
} as const;
