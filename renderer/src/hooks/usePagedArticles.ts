import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import type { ArticleSummary } from '../../../shared/contract/articles';
import { call } from '../api/client';
import { INITIAL_FILTER, PAGE_SIZE, pageRequest, type LibraryFilter, type PageRequest } from '../api/library-page';

/**
 * The library's first page, claimed as soon as the user is known (usually the answer boot.ts asked for before the
 * application loaded) and held for the library screen, whose chunk and first load come after the first screen's
 * other early answers are dropped. Taken by the first load only, and only if it asks the same: any other load, or a
 * later one, asks the core afresh.
 */
let early: { key: string; answer: Promise<ChannelOutput<'articles.list'>> } | null = null;

export function prefetchLibrary(): void {
  const request = pageRequest(INITIAL_FILTER, 0);
  const answer = call('articles.list', request);
  answer.catch(() => undefined); // the list's own load reports a failure
  early = { key: JSON.stringify(request), answer };
}

function listPage(request: PageRequest): Promise<ChannelOutput<'articles.list'>> {
  const sent = early;
  early = null;
  return sent?.key === JSON.stringify(request) ? sent.answer : call('articles.list', request);
}

/**
 * The library as a sparse array: only the pages the list has scrolled to are fetched, so 100,000 articles
 * cost one page per screenful. A change of filter starts a new generation; late answers of an old one are dropped.
 */
export function usePagedArticles(filter: LibraryFilter, refreshKey: number) {
  const { query, status, categoryId, trashed } = filter;
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
      listPage(pageRequest({ query, status, categoryId, trashed }, page))
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
    [query, status, categoryId, trashed],
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
