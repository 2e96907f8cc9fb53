// An article's statuses, apart from the schemas of articles.ts: the library's first screen lists them.
export const ARTICLE_STATUSES = [
  'draft',
  'pending_review',
  'returned',
  'approved',
  'scheduled',
  'published',
  'unpublished',
] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
