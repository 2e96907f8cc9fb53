import { useEffect, useState, type RefObject } from 'react';
import { ARTICLE_STATUSES, type ArticleStatus } from '../../../shared/contract/article-status';
import type { ArticleSummary } from '../../../shared/contract/articles';
import type { Category } from '../../../shared/contract/categories';
import { ArticleList } from '../components/ArticleList';
import { CategorySelect } from '../components/CategorySelect';
import { InlineError } from '../components/InlineError';
import type { LibraryFilter } from '../api/library-page';
import { usePagedArticles } from '../hooks/usePagedArticles';
import { useI18n } from '../i18n/i18n';

interface Props {
  heading: string;
  /** The status is the point of this list (Chờ duyệt, Bị trả lại): no status filter is offered. */
  fixedStatus: boolean;
  filter: LibraryFilter;
  onFilterChange: (filter: LibraryFilter) => void;
  categories: Category[];
  refreshKey: number;
  searchRef: RefObject<HTMLInputElement | null>;
  onOpen: (article: ArticleSummary) => void;
  onTrash: (article: ArticleSummary) => void;
}

export function LibraryScreen({
  heading,
  fixedStatus,
  filter,
  onFilterChange,
  categories,
  refreshKey,
  searchRef,
  onOpen,
  onTrash,
}: Props) {
  const { t, status } = useI18n();
  // Typing updates the box at once and the query after a short pause, so each keystroke is not a query.
  const [typed, setTyped] = useState(filter.query);
  useEffect(() => {
    const timer = setTimeout(() => {
      if (typed !== filter.query) onFilterChange({ ...filter, query: typed });
    }, 150);
    return () => clearTimeout(timer);
  }, [typed, filter, onFilterChange]);

  const { total, capped, error, itemAt } = usePagedArticles(filter, refreshKey);
  const searching = filter.query.trim() !== '' || (!fixedStatus && filter.status !== '') || filter.categoryId !== null;

  return (
    <section className="screen" aria-labelledby="library-heading">
      <header className="screen-header">
        <h1 tabIndex={-1} id="library-heading">
          {heading}
        </h1>
        <p className="screen-count" aria-live="polite">
          {total === null
            ? t('library.loading')
            : capped
              ? // A lower bound, said in round hundreds: "Hơn 1.000 bài viết".
                t('library.countMore', { count: Math.floor((total - 1) / 100) * 100 })
              : t('library.count', { count: total })}
        </p>
      </header>
      <div className="filters" role="search">
        <label className="field field-grow">
          <span className="field-label">{t('library.search')}</span>
          <input
            ref={searchRef}
            type="search"
            value={typed}
            placeholder={t('library.searchPlaceholder')}
            onChange={(event) => setTyped(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'ArrowDown') {
                event.preventDefault();
                document.querySelector<HTMLElement>('.article-row .row-main')?.focus();
              }
            }}
          />
        </label>
        {fixedStatus ? null : (
          <label className="field">
            <span className="field-label">{t('library.status')}</span>
            <select
              value={filter.status}
              onChange={(event) => onFilterChange({ ...filter, status: event.target.value as ArticleStatus | '' })}
            >
              <option value="">{t('library.allStatuses')}</option>
              {ARTICLE_STATUSES.map((value) => (
                <option key={value} value={value}>
                  {status(value)}
                </option>
              ))}
            </select>
          </label>
        )}
        <CategorySelect
          label={t('library.category')}
          emptyLabel={t('library.allCategories')}
          categories={categories}
          value={filter.categoryId}
          onChange={(categoryId) => onFilterChange({ ...filter, categoryId })}
        />
      </div>
      <InlineError error={error} />
      {total === 0 ? (
        <p className="empty-state">{searching ? t('library.noResults') : t('library.empty')}</p>
      ) : (
        // A new search or filter starts at the top of its list, not where the previous list was scrolled to.
        <ArticleList
          key={`${filter.query}\u0000${filter.status}\u0000${filter.categoryId ?? ''}\u0000${filter.trashed}`}
          total={total ?? 0}
          itemAt={itemAt}
          label={t('library.list')}
          onOpen={onOpen}
          onDeleteKey={onTrash}
        />
      )}
    </section>
  );
}
