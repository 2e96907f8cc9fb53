import { useState } from 'react';
import type { ArticleSummary } from '../../../shared/contract/articles';
import { call } from '../api/client';
import { ArticleList } from '../components/ArticleList';
import { Dialog } from '../components/Dialog';
import { InlineError } from '../components/InlineError';
import { usePagedArticles } from '../hooks/usePagedArticles';
import { useI18n } from '../i18n/i18n';

interface Props {
  refreshKey: number;
  onChanged: () => void;
  onOpen: (article: ArticleSummary) => void;
  notify: (kind: 'info' | 'error', text: string) => void;
}

const TRASH_FILTER = { query: '', status: '' as const, categoryId: null, trashed: true };

export function TrashScreen({ refreshKey, onChanged, onOpen, notify }: Props) {
  const { t, errorText } = useI18n();
  const { total, error, itemAt } = usePagedArticles(TRASH_FILTER, refreshKey);
  const [purging, setPurging] = useState<ArticleSummary | null>(null);

  const restore = async (article: ArticleSummary) => {
    try {
      await call('articles.restore', { id: article.id });
      notify('info', t('trash.restored', { title: article.title }));
      onChanged();
    } catch (failure) {
      notify('error', errorText(failure));
    }
  };

  const purge = async (article: ArticleSummary) => {
    setPurging(null);
    try {
      await call('articles.purge', { id: article.id });
      onChanged();
    } catch (failure) {
      notify('error', errorText(failure));
    }
  };

  return (
    <section className="screen" aria-labelledby="trash-heading">
      <header className="screen-header">
        <h1 tabIndex={-1} id="trash-heading">
          {t('trash.title')}
        </h1>
        <p className="screen-count">{total === null ? t('library.loading') : t('library.count', { count: total })}</p>
      </header>
      <p className="screen-hint">{t('trash.hint')}</p>
      <InlineError error={error} />
      {total === 0 ? (
        <p className="empty-state">{t('trash.empty')}</p>
      ) : (
        <ArticleList
          total={total ?? 0}
          itemAt={itemAt}
          label={t('trash.title')}
          onOpen={onOpen}
          onDeleteKey={(article) => setPurging(article)}
          actions={(article) => (
            <>
              <button
                type="button"
                className="button"
                aria-label={t('trash.restoreNamed', { title: article.title })}
                onClick={() => void restore(article)}
              >
                {t('trash.restore')}
              </button>
              <button
                type="button"
                className="button button-danger"
                aria-label={t('trash.purgeNamed', { title: article.title })}
                onClick={() => setPurging(article)}
              >
                {t('trash.purge')}
              </button>
            </>
          )}
        />
      )}
      {purging ? (
        <Dialog title={t('trash.purge')} onClose={() => setPurging(null)}>
          <p>{t('trash.purgeConfirm', { title: purging.title })}</p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setPurging(null)} autoFocus>
              {t('common.cancel')}
            </button>
            <button type="button" className="button button-danger" onClick={() => void purge(purging)}>
              {t('trash.purge')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
