import { useCallback, useEffect, useRef, useState } from 'react';
import type { ArticleStatus, ArticleSummary } from '../../../shared/contract/articles';
import { call } from '../api/client';

export const PAGE_SIZE = 100;

export interface LibraryFilter {
  query: string;
  status: ArticleStatus | '';
  categoryId: number | null;
  trashed: boolean;
}

/**
 * The library as a sparse array: only the pages the list has scrolled to are fetched, so 100,000 articles
 * cost one page per screenful. A change of filter starts a new generation; late answers of an old one are dropped.
 */
export function usePagedArticles(filter: LibraryFilter, refreshKey: number) {
  const [total, setTotal] = useState<number | null>(null);
  /** True while total is a lower bound (a search with many matches): it grows as the list is scrolled further. */
  const [capped, setCapped] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [, setTick] = useState(0);
  const pages = useRef(new Map<number, ArticleSummary[]>());
  const pending = useRef(new Set<number>());
  const generation = useRef(0);

  const loadPage = useCallback(
    (page: number) => {
      if (pages.current.has(page) || pending.current.has(page)) return;
      pending.current.add(page);
      const mine = generation.current;
      call('articles.list', {
        ...(filter.query.trim() ? { query: filter.query } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.categoryId ? { categoryId: filter.categoryId } : {}),
        trashed: filter.trashed,
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
      })
        .then((result) => {
          if (mine !== generation.current) return;
          pages.current.set(page, result.items);
          // A capped total only says "at least": a later page's answer may know more, an earlier one's less.
          setTotal((known) => (result.capped && known !== null ? Math.max(known, result.total) : result.total));
          setCapped(result.capped);
          setError(null);
          setTick((n) => n + 1);
        })
        .catch((failure: unknown) => {
          if (mine === generation.current) setError(failure);
        })
        .finally(() => {
          if (mine === generation.current) pending.current.delete(page);
        });
    },
    [filter.query, filter.status, filter.categoryId, filter.trashed],
  );

  useEffect(() => {
    generation.current += 1;
    pages.current = new Map();
    pending.current = new Set();
    setCapped(false);
    loadPage(0);
  }, [loadPage, refreshKey]);

  const itemAt = useCallback(
    (index: number): ArticleSummary | undefined => {
      const page = Math.floor(index / PAGE_SIZE);
      const items = pages.current.get(page);
      if (!items) {
        loadPage(page);
        return undefined;
      }
      return items[index % PAGE_SIZE];
    },
    [loadPage],
  );

  return { total, capped, error, itemAt };
}
