import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { ArticleSummary } from '../../../shared/contract/articles';
import { shortDateTime } from '../../../shared/text/dateline';
import { useI18n } from '../i18n/i18n';
import { StatusBadge } from './StatusBadge';

const ROW_HEIGHT = 68;

interface Props {
  total: number;
  itemAt: (index: number) => ArticleSummary | undefined;
  label: string;
  onOpen: (article: ArticleSummary) => void;
  /** Buttons shown at the end of a row (trash: restore, delete). */
  actions?: (article: ArticleSummary) => ReactNode;
  /** Delete key on a row. */
  onDeleteKey?: (article: ArticleSummary) => void;
}

/** A virtualised list: only the rows on screen exist in the page. Arrow keys, Home/End and PageUp/Down move. */
export function ArticleList({ total, itemAt, label, onOpen, actions, onDeleteKey }: Props) {
  const { t } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  // Roving focus: one row is in the Tab order, the arrows move between rows.
  const [active, setActive] = useState(0);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  // A row far away is rendered (and its page loaded) only after the scroll: focus it on the render that shows it.
  const pendingFocus = useRef<number | null>(null);
  useEffect(() => {
    if (pendingFocus.current === null) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${pendingFocus.current}"] .row-main`);
    if (row) {
      pendingFocus.current = null;
      row.focus();
    }
  });

  const focusRow = (index: number) => {
    const target = Math.max(0, Math.min(total - 1, index));
    pendingFocus.current = target;
    setActive(target);
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>, index: number, article: ArticleSummary | undefined) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 8) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: total - 1,
    };
    const to = moves[event.key];
    if (to !== undefined && event.target === event.currentTarget.querySelector('.row-main')) {
      event.preventDefault();
      focusRow(to);
    } else if (event.key === 'Delete' && article && onDeleteKey) {
      event.preventDefault();
      onDeleteKey(article);
    }
  };

  return (
    <div ref={scrollRef} className="list-scroll">
      <ul aria-label={label} className="article-list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row, position, rendered) => {
          const article = itemAt(row.index);
          const activeShown = rendered.some((r) => r.index === active);
          const tabbable = row.index === active || (!activeShown && position === 0);
          return (
            <li
              key={row.key}
              data-index={row.index}
              aria-setsize={total}
              aria-posinset={row.index + 1}
              className="article-row"
              style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
              onKeyDown={(event) => onKeyDown(event, row.index, article)}
            >
              {article ? (
                <>
                  <button
                    type="button"
                    className="row-main"
                    tabIndex={tabbable ? 0 : -1}
                    onFocus={() => setActive(row.index)}
                    onClick={() => onOpen(article)}
                    // The title names the row; status, category, author and time describe it.
                    aria-labelledby={`article-${article.id}-title`}
                    aria-describedby={`article-${article.id}-meta`}
                  >
                    <span className="row-title" id={`article-${article.id}-title`}>
                      {article.title}
                    </span>
                    <span className="row-meta" id={`article-${article.id}-meta`}>
                      <StatusBadge status={article.status} />
                      <span>{article.categoryName ?? t('library.noCategory')}</span>
                      <span>{article.author || t('library.untitledAuthor')}</span>
                      <span>
                        {article.trashedAt
                          ? t('trash.trashedAt', { time: shortDateTime(article.trashedAt) })
                          : t('library.updated', { time: shortDateTime(article.updatedAt) })}
                      </span>
                    </span>
                  </button>
                  {actions ? <span className="row-actions">{actions(article)}</span> : null}
                </>
              ) : (
                <span className="row-placeholder">{t('library.loading')}</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
