// What the library asks the core for, a page at a time. No React here: boot.ts asks for the first page too.
import type { ChannelInput } from '../../../shared/contract';
import type { ArticleStatus } from '../../../shared/contract/articles';

export const PAGE_SIZE = 100;

export interface LibraryFilter {
  query: string;
  status: ArticleStatus | '';
  categoryId: number | null;
  trashed: boolean;
}

/** The library as it opens: no search, every status and category, not the trash. */
export const INITIAL_FILTER: LibraryFilter = { query: '', status: '', categoryId: null, trashed: false };

export type PageRequest = ChannelInput<'articles.list'>;

export function pageRequest(filter: LibraryFilter, page: number): PageRequest {
  return {
    ...(filter.query.trim() ? { query: filter.query } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.categoryId ? { categoryId: filter.categoryId } : {}),
    trashed: filter.trashed,
    offset: page * PAGE_SIZE,
    limit: PAGE_SIZE,
  };
}
