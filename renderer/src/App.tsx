import { useCallback, useEffect, useRef, useState } from 'react';
import type { Language } from '../../shared/contract/app';
import type { Article, ArticleSummary } from '../../shared/contract/articles';
import type { Category } from '../../shared/contract/categories';
import { ContractError } from '../../shared/contract/errors';
import { call } from './api/client';
import { Dialog } from './components/Dialog';
import { NoticeArea, useNotices } from './components/Notices';
import type { LibraryFilter } from './hooks/usePagedArticles';
import { useShortcuts } from './hooks/useShortcuts';
import { I18nProvider, useI18n } from './i18n/i18n';
import { ArticleScreen } from './screens/ArticleScreen';
import { LibraryScreen } from './screens/LibraryScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { TrashScreen } from './screens/TrashScreen';

/** An article view's key stays the same when a new article gets its id, so the editor is not rebuilt under the writer. */
type View = { name: 'library' } | { name: 'trash' } | { name: 'settings' } | { name: 'article'; id: number | null; key: number };

let viewKey = 0;
const articleView = (id: number | null): View => ({ name: 'article', id, key: ++viewKey });

const INITIAL_FILTER: LibraryFilter = { query: '', status: '', categoryId: null, trashed: false };

function StartupError({ error }: { error: ContractError }) {
  const { t, errorText, language } = useI18n();
  return (
    <main className="startup-error" aria-labelledby="startup-error-heading">
      <h1 id="startup-error-heading">{t('error.title')}</h1>
      <div role="alert" className="banner banner-error">
        <p>{errorText(error)}</p>
        {language === 'vi' ? (
          <p lang="en" className="muted">
            {error.messageEn}
          </p>
        ) : null}
      </div>
      <p>{t('error.hint')}</p>
      <p>
        <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
          {t('error.retry')}
        </button>
      </p>
      <p className="muted">{error.code}</p>
    </main>
  );
}

function Workstation({ language, onLanguage }: { language: Language; onLanguage: (language: Language) => void }) {
  const { t, errorText } = useI18n();
  const { notices, notify, dismiss } = useNotices();
  const [view, setView] = useState<View>({ name: 'library' });
  const [filter, setFilter] = useState<LibraryFilter>(INITIAL_FILTER);
  const [categories, setCategories] = useState<Category[]>([]);
  const [refreshKey, setRefreshKey] = useState(0);
  const [offerDemo, setOfferDemo] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const leaveGuard = useRef<(() => Promise<boolean>) | null>(null);
  const mainRef = useRef<HTMLElement>(null);

  const refresh = useCallback(() => setRefreshKey((n) => n + 1), []);
  const loadCategories = useCallback(async () => {
    try {
      setCategories(await call('categories.list', {}));
    } catch (failure) {
      notify('error', errorText(failure));
    }
  }, [notify, errorText]);

  useEffect(() => {
    void loadCategories();
    void call('setup.status', {}).then((status) => setOfferDemo(status.offerDemo), (failure: unknown) => notify('error', errorText(failure)));
  }, [loadCategories, notify, errorText]);

  /** Every navigation goes through here, so unsaved article changes are saved first. */
  const go = useCallback(async (next: View) => {
    if (leaveGuard.current && !(await leaveGuard.current())) return;
    setView(next);
    requestAnimationFrame(() => mainRef.current?.querySelector<HTMLElement>('h1')?.focus());
  }, []);

  const focusSearch = () => {
    if (view.name !== 'library') void go({ name: 'library' }).then(() => requestAnimationFrame(() => searchRef.current?.focus()));
    else searchRef.current?.focus();
  };

  useShortcuts({
    'mod+n': () => void go(articleView(null)),
    'mod+f': focusSearch,
    '/': focusSearch,
    'alt+1': () => void go({ name: 'library' }),
    'alt+2': () => void go({ name: 'trash' }),
    'alt+3': () => void go({ name: 'settings' }),
  });

  const trashFromList = async (article: ArticleSummary) => {
    try {
      await call('articles.trash', { id: article.id });
      notify('info', t('article.trashed', { title: article.title }));
      refresh();
      void loadCategories();
    } catch (failure) {
      notify('error', errorText(failure));
    }
  };

  const loadDemo = async () => {
    setOfferDemo(false);
    try {
      await call('setup.loadDemo', {});
      notify('info', t('setup.loaded'));
      refresh();
      await loadCategories();
    } catch (failure) {
      notify('error', errorText(failure));
    }
  };

  const declineDemo = async () => {
    setOfferDemo(false);
    await call('setup.declineDemo', {}).catch((failure: unknown) => notify('error', errorText(failure)));
  };

  const navButton = (name: 'library' | 'trash' | 'settings', label: string, key: string) => (
    <li>
      <button type="button" className="nav-item" aria-current={view.name === name ? 'page' : undefined} onClick={() => void go({ name })} title={`Alt+${key}`}>
        {label}
        <kbd aria-hidden="true">Alt+{key}</kbd>
      </button>
    </li>
  );

  return (
    <div className="app">
      <nav className="sidebar" aria-label={t('nav.main')}>
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <button type="button" className="button button-primary new-article" onClick={() => void go(articleView(null))} title="Ctrl+N">
          + {t('nav.newArticle')}
        </button>
        <ul className="nav-list">
          {navButton('library', t('nav.library'), '1')}
          {navButton('trash', t('nav.trash'), '2')}
          {navButton('settings', t('nav.settings'), '3')}
        </ul>
        <section className="shortcuts" aria-labelledby="shortcuts-heading">
          <h2 id="shortcuts-heading">{t('shortcuts.title')}</h2>
          <dl>
            <dt><kbd>Ctrl+N</kbd></dt>
            <dd>{t('shortcuts.new')}</dd>
            <dt><kbd>Ctrl+F</kbd> <kbd>/</kbd></dt>
            <dd>{t('shortcuts.search')}</dd>
            <dt><kbd>Ctrl+S</kbd></dt>
            <dd>{t('shortcuts.save')}</dd>
            <dt><kbd>Esc</kbd></dt>
            <dd>{t('shortcuts.back')}</dd>
            <dt><kbd>Alt+1–3</kbd></dt>
            <dd>{t('shortcuts.sections')}</dd>
          </dl>
        </section>
      </nav>
      <main className="content" ref={mainRef}>
        {view.name === 'library' ? (
          <LibraryScreen
            filter={filter}
            onFilterChange={setFilter}
            categories={categories}
            refreshKey={refreshKey}
            searchRef={searchRef}
            onOpen={(article) => void go(articleView(article.id))}
            onTrash={(article) => void trashFromList(article)}
          />
        ) : null}
        {view.name === 'trash' ? (
          <TrashScreen
            refreshKey={refreshKey}
            onChanged={() => {
              refresh();
              void loadCategories();
            }}
            onOpen={(article) => void go(articleView(article.id))}
            notify={notify}
          />
        ) : null}
        {view.name === 'settings' ? (
          <SettingsScreen language={language} onLanguage={onLanguage} categories={categories} onCategoriesChanged={() => void loadCategories()} notify={notify} />
        ) : null}
        {view.name === 'article' ? (
          <ArticleScreen
            key={view.key}
            articleId={view.id}
            categories={categories}
            leaveGuard={leaveGuard}
            notify={notify}
            onBack={() => void go({ name: 'library' })}
            onSaved={(article: Article) => {
              refresh();
              if (view.id !== article.id) setView({ ...view, id: article.id });
            }}
            onTrashed={(article) => {
              leaveGuard.current = null;
              notify('info', t('article.trashed', { title: article.title }));
              refresh();
              void loadCategories();
              void go({ name: 'library' });
            }}
          />
        ) : null}
      </main>
      <NoticeArea notices={notices} dismiss={dismiss} />
      {offerDemo ? (
        <Dialog title={t('setup.title')} onClose={() => void declineDemo()}>
          <p>{t('setup.body')}</p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => void declineDemo()}>
              {t('setup.decline')}
            </button>
            <button type="button" className="button button-primary" onClick={() => void loadDemo()} autoFocus>
              {t('setup.load')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}

export function App() {
  const [language, setLanguage] = useState<Language | null>(null);
  const [startupError, setStartupError] = useState<ContractError | null>(null);

  useEffect(() => {
    call('settings.get', {}).then(
      (settings) => setLanguage(settings.language),
      (failure: unknown) => {
        setStartupError(failure instanceof ContractError ? failure : new ContractError('INTERNAL', String(failure), String(failure)));
        setLanguage('vi');
      },
    );
  }, []);

  useEffect(() => {
    if (language) document.documentElement.lang = language;
  }, [language]);

  const changeLanguage = async (next: Language) => {
    const previous = language;
    setLanguage(next);
    // Remembered in the store, so the next start (any shell) opens in the same language.
    await call('settings.update', { language: next }).catch(() => setLanguage(previous));
  };

  if (!language) return null;
  return (
    <I18nProvider language={language}>
      {startupError ? <StartupError error={startupError} /> : <Workstation language={language} onLanguage={(next) => void changeLanguage(next)} />}
    </I18nProvider>
  );
}
