import { useCallback, useEffect, useId, useMemo, useRef, useState, type MutableRefObject } from 'react';
import type { Article, ArticleFields } from '../../../shared/contract/articles';
import type { Category } from '../../../shared/contract/categories';
import { ContractError } from '../../../shared/contract/errors';
import { fromVietnamLocalInput, portalDateLine, shortDateTime, toVietnamLocalInput } from '../../../shared/text/dateline';
import { slugify } from '../../../shared/text/slug';
import { call } from '../api/client';
import { CategorySelect } from '../components/CategorySelect';
import { InlineError } from '../components/InlineError';
import { StatusBadge } from '../components/StatusBadge';
import { useShortcuts } from '../hooks/useShortcuts';
import { useI18n } from '../i18n/i18n';

/** The form's view of an article: every field as the inputs hold it. */
interface Draft {
  title: string;
  slug: string;
  categoryId: string;
  lead: string;
  author: string;
  department: string;
  publishedAt: string;
  featuredCaption: string;
}

const EMPTY_DRAFT: Draft = { title: '', slug: '', categoryId: '', lead: '', author: '', department: '', publishedAt: '', featuredCaption: '' };

function draftOf(article: Article): Draft {
  return {
    title: article.title,
    slug: article.slug,
    categoryId: article.categoryId ? String(article.categoryId) : '',
    lead: article.lead,
    author: article.author,
    department: article.department,
    publishedAt: article.publishedAt ? toVietnamLocalInput(article.publishedAt) : '',
    featuredCaption: article.featuredCaption,
  };
}

function fieldsOf(draft: Draft): Partial<ArticleFields> & { title: string } {
  return {
    title: draft.title,
    slug: draft.slug.trim() || slugify(draft.title) || 'bai-viet',
    categoryId: draft.categoryId ? Number(draft.categoryId) : null,
    lead: draft.lead,
    author: draft.author,
    department: draft.department,
    publishedAt: draft.publishedAt ? fromVietnamLocalInput(draft.publishedAt) : null,
    featuredCaption: draft.featuredCaption,
  };
}

function changedFields(before: Draft, after: Draft): Partial<ArticleFields> {
  const all = fieldsOf(after);
  const old = fieldsOf(before);
  const changes: Partial<ArticleFields> = {};
  for (const key of Object.keys(all) as (keyof ArticleFields)[]) {
    if (all[key] !== old[key]) Object.assign(changes, { [key]: all[key] });
  }
  return changes;
}

/** The body's paragraphs as text, parsed in an inert document (nothing in it runs or loads). */
function bodyParagraphs(html: string): string[] {
  if (!html) return [];
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return Array.from(doc.body.querySelectorAll('p, h2, h3, li, blockquote, figcaption'))
    .map((element) => element.textContent?.trim() ?? '')
    .filter(Boolean);
}

type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'failed';

interface Props {
  articleId: number | null;
  categories: Category[];
  onBack: () => void;
  onSaved: (article: Article) => void;
  onTrashed: (article: Article) => void;
  /** App calls this before leaving the screen: pending changes are saved; false keeps the user here. */
  leaveGuard: MutableRefObject<(() => Promise<boolean>) | null>;
}

export function ArticleScreen({ articleId, categories, onBack, onSaved, onTrashed, leaveGuard }: Props) {
  const { t, errorText } = useI18n();
  const [article, setArticle] = useState<Article | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [error, setError] = useState<unknown>(null);
  const [revisions, setRevisions] = useState(0);
  const [loadError, setLoadError] = useState<unknown>(null);
  const titleRef = useRef<HTMLTextAreaElement>(null);
  const formId = useId();

  const baseline = useMemo(() => (article ? draftOf(article) : EMPTY_DRAFT), [article]);
  const dirty = useMemo(() => Object.keys(changedFields(baseline, draft)).length > 0 || (!article && draft.title.trim() !== ''), [baseline, draft, article]);

  const load = useCallback(async (id: number) => {
    try {
      const loaded = await call('articles.get', { id });
      setArticle(loaded);
      setDraft(draftOf(loaded));
      setRevisions((await call('articles.revisions', { id })).length);
      setSaveState('idle');
      setError(null);
      setLoadError(null);
    } catch (failure) {
      setLoadError(failure);
    }
  }, []);

  useEffect(() => {
    if (articleId === null) {
      setArticle(null);
      setDraft(EMPTY_DRAFT);
    } else {
      void load(articleId);
    }
    titleRef.current?.focus();
  }, [articleId, load]);

  const save = useCallback(async (): Promise<boolean> => {
    if (!dirty) return true;
    setSaveState('saving');
    try {
      const saved = article
        ? await call('articles.update', { id: article.id, baseVersion: article.version, changes: changedFields(baseline, draft) })
        : await call('articles.create', fieldsOf(draft));
      setArticle(saved);
      setDraft(draftOf(saved));
      setRevisions((await call('articles.revisions', { id: saved.id })).length);
      setSaveState('saved');
      setError(null);
      onSaved(saved);
      return true;
    } catch (failure) {
      setSaveState('failed');
      setError(failure);
      return false;
    }
  }, [article, baseline, draft, dirty, onSaved]);

  useEffect(() => {
    leaveGuard.current = save;
    return () => {
      leaveGuard.current = null;
    };
  }, [leaveGuard, save]);

  const keepCopy = async () => {
    try {
      // The copy gets a slug of its own, made from its title.
      const { slug: _slug, ...fields } = fieldsOf(draft);
      const copy = await call('articles.create', { ...fields, title: t('article.copyTitle', { title: draft.title }) });
      if (article) await load(article.id);
      onSaved(copy);
    } catch (failure) {
      setError(failure);
    }
  };

  const trash = async () => {
    if (!article) return onBack();
    try {
      await call('articles.trash', { id: article.id });
      onTrashed(article);
    } catch (failure) {
      setError(failure);
    }
  };

  useShortcuts({ 'mod+s': () => void save(), escape: () => onBack() });

  const set = (key: keyof Draft) => (event: { target: { value: string } }) => {
    setDraft((current) => ({ ...current, [key]: event.target.value }));
    setSaveState('dirty');
  };

  if (loadError) {
    return (
      <section className="screen" aria-labelledby="article-heading">
        <h1 tabIndex={-1} id="article-heading">{t('article.edit')}</h1>
        <InlineError error={loadError} />
        <button type="button" className="button" onClick={onBack}>
          {t('article.back')}
        </button>
      </section>
    );
  }

  const conflict = error instanceof ContractError && error.code === 'CONFLICT';
  const issuesFor = (field: string) =>
    error instanceof ContractError ? (error.issues ?? []).filter((issue) => issue.path === field || issue.path === `changes.${field}`) : [];
  const stateText: Record<SaveState, string> = {
    idle: dirty ? t('article.unsaved') : t('article.saved'),
    dirty: dirty ? t('article.unsaved') : t('article.saved'),
    saving: t('article.saving'),
    saved: dirty ? t('article.unsaved') : t('article.saved'),
    failed: t('article.saveFailed'),
  };
  const fieldError = (field: string) => {
    const issues = issuesFor(field);
    if (issues.length === 0) return null;
    return (
      <span className="field-error" id={`${formId}-${field}-error`}>
        {issues.map((issue) => errorText(issue)).join('; ')}
      </span>
    );
  };
  const describedBy = (field: string) => (issuesFor(field).length > 0 ? `${formId}-${field}-error` : undefined);
  const paragraphs = article ? bodyParagraphs(article.bodyHtml) : [];

  return (
    <section className="screen article-screen" aria-labelledby="article-heading">
      <header className="screen-header">
        <button type="button" className="button button-ghost" onClick={onBack} title="Esc">
          ← {t('article.back')}
        </button>
        <h1 tabIndex={-1} id="article-heading">{article ? t('article.edit') : t('article.new')}</h1>
        <span className={`save-state save-${saveState === 'failed' ? 'failed' : dirty ? 'dirty' : 'clean'}`} role="status">
          {stateText[saveState]}
        </span>
        <div className="header-actions">
          {article && !article.trashedAt ? (
            <button type="button" className="button button-danger-ghost" onClick={() => void trash()}>
              {t('article.trash')}
            </button>
          ) : null}
          <button type="submit" form={formId} className="button button-primary" title="Ctrl+S" disabled={saveState === 'saving'}>
            {t('article.save')}
          </button>
        </div>
      </header>

      {article?.trashedAt ? <p className="banner banner-warning">{t('article.inTrash')}</p> : null}
      {error ? (
        <div className="banner banner-error" role="alert">
          <p>{conflict ? `${t('article.conflict')} ${errorText(error)}` : errorText(error)}</p>
          {conflict && article ? (
            <div className="banner-actions">
              <button type="button" className="button" onClick={() => void load(article.id)}>
                {t('article.reload')}
              </button>
              <button type="button" className="button" onClick={() => void keepCopy()}>
                {t('article.keepCopy')}
              </button>
            </div>
          ) : null}
        </div>
      ) : null}

      <div className="article-layout">
        <form
          id={formId}
          className="article-form"
          aria-label={t('article.form')}
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <label className="field">
            <span className="field-label">{t('article.title')}</span>
            <textarea ref={titleRef} className="title-input" rows={2} value={draft.title} onChange={set('title')} maxLength={500} required aria-describedby={describedBy('title')} />
            {fieldError('title')}
          </label>
          <label className="field">
            <span className="field-label">{t('article.lead')}</span>
            <textarea rows={4} value={draft.lead} onChange={set('lead')} maxLength={2000} aria-describedby={describedBy('lead')} />
            {fieldError('lead')}
          </label>
          <div className="field-row">
            <CategorySelect
              label={t('article.category')}
              emptyLabel={t('library.noCategory')}
              categories={categories}
              value={draft.categoryId ? Number(draft.categoryId) : null}
              onChange={(categoryId) => set('categoryId')({ target: { value: categoryId ? String(categoryId) : '' } })}
            />
            <label className="field">
              <span className="field-label">{t('article.publishedAt')}</span>
              <input type="datetime-local" value={draft.publishedAt} onChange={set('publishedAt')} />
            </label>
          </div>
          <div className="field-row">
            <label className="field">
              <span className="field-label">{t('article.author')}</span>
              <input value={draft.author} onChange={set('author')} maxLength={200} aria-describedby={describedBy('author')} />
              {fieldError('author')}
            </label>
            <label className="field">
              <span className="field-label">{t('article.department')}</span>
              <input value={draft.department} onChange={set('department')} maxLength={200} aria-describedby={describedBy('department')} />
              {fieldError('department')}
            </label>
          </div>
          <label className="field">
            <span className="field-label">{t('article.featuredCaption')}</span>
            <input value={draft.featuredCaption} onChange={set('featuredCaption')} maxLength={1000} />
          </label>
          <label className="field">
            <span className="field-label">{t('article.slug')}</span>
            <input value={draft.slug} onChange={set('slug')} placeholder={slugify(draft.title)} aria-describedby={`${formId}-slug-hint`} spellCheck={false} />
            <span className="field-hint" id={`${formId}-slug-hint`}>
              {t('article.slugHint')}
            </span>
            {fieldError('slug')}
          </label>
          <section className="body-preview" aria-labelledby={`${formId}-body`}>
            <h2 id={`${formId}-body`}>{t('article.body')}</h2>
            {paragraphs.length === 0 ? <p className="muted">{t('article.bodyEmpty')}</p> : paragraphs.map((text, i) => <p key={i}>{text}</p>)}
          </section>
        </form>

        <aside className="article-side" aria-label={t('article.meta')}>
          <dl className="facts">
            <dt>{t('article.status')}</dt>
            <dd>{article ? <StatusBadge status={article.status} /> : <StatusBadge status="draft" />}</dd>
            <dt>{t('article.dateLine')}</dt>
            <dd>{draft.publishedAt ? portalDateLine(fromVietnamLocalInput(draft.publishedAt)) : t('common.none')}</dd>
            <dt>{t('article.views')}</dt>
            <dd>{article ? article.viewCount : 0}</dd>
            <dt>{t('article.version')}</dt>
            <dd>{article ? article.version : t('common.none')}</dd>
            <dt>{t('article.revisions')}</dt>
            <dd>{revisions}</dd>
            <dt>{t('article.created')}</dt>
            <dd>{article ? shortDateTime(article.createdAt) : t('common.none')}</dd>
            <dt>{t('article.updated')}</dt>
            <dd>{article ? shortDateTime(article.updatedAt) : t('common.none')}</dd>
          </dl>
        </aside>
      </div>
    </section>
  );
}
