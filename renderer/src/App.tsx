import { lazy, Suspense, useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { Language } from '../../shared/contract/app';
import type { User } from '../../shared/contract/auth';
import type { Article, ArticleSummary } from '../../shared/contract/articles';
import type { Category } from '../../shared/contract/categories';
import { ContractError } from '../../shared/contract/contract-error';
import { call, dropEarly, onSessionEnded } from './api/client';
import { Dialog } from './components/Dialog';
import { NoticeArea, useNotices } from './components/Notices';
import { INITIAL_FILTER, type LibraryFilter } from './api/library-page';
import { prefetchLibrary } from './hooks/usePagedArticles';
import { usePolling } from './hooks/usePolling';
import { useShortcuts } from './hooks/useShortcuts';
import { LocalisedValidation } from './components/LocalisedValidation';
import { I18nProvider, useI18n } from './i18n/i18n';
import { AuthScreen } from './screens/AuthScreen';
import { LibraryScreen } from './screens/LibraryScreen';

/*
 * The first screen is the library: every other screen (the editor with Lexical and its nodes, the Kiểm tra panel,
 * settings, users, audit, the publishing queue, the trash) is a chunk of its own, loaded when first opened.
 */
const loadArticleScreen = () => import('./screens/ArticleScreen');
const ArticleScreen = lazy(() => loadArticleScreen().then((module) => ({ default: module.ArticleScreen })));
const AuditScreen = lazy(() => import('./screens/AuditScreen').then((module) => ({ default: module.AuditScreen })));
const PublishingScreen = lazy(() =>
  import('./screens/PublishingScreen').then((module) => ({ default: module.PublishingScreen })),
);
const SettingsScreen = lazy(() =>
  import('./screens/SettingsScreen').then((module) => ({ default: module.SettingsScreen })),
);
const TrashScreen = lazy(() => import('./screens/TrashScreen').then((module) => ({ default: module.TrashScreen })));
const UsersScreen = lazy(() => import('./screens/UsersScreen').then((module) => ({ default: module.UsersScreen })));

/** Shown while a screen's chunk loads: announced politely, as the library's own "Đang tải…" is. */
function ScreenLoading() {
  const { t } = useI18n();
  return (
    <div className="screen">
      <p className="screen-count" role="status">
        {t('app.screenLoading')}
      </p>
    </div>
  );
}

/**
 * Focuses the heading of the screen a navigation opened. It sits in the screens' Suspense boundary, so its effect
 * runs when the screen is really there: a screen loaded on first use arrives a while after the navigation.
 */
function FocusHeadingOnArrival({
  pending,
  main,
}: {
  pending: RefObject<boolean>;
  main: RefObject<HTMLElement | null>;
}) {
  useEffect(() => {
    if (!pending.current) return;
    pending.current = false;
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  });
  return null;
}

/** Section keys as the sidebar lists them: runs joined (1–3, 6), each key once. */
function keyRanges(keys: number[]): string {
  const sorted = [...new Set(keys)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(j > i ? `${sorted[i]}–${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return runs.join(', ');
}

/** An article view's key stays the same when a new article gets its id, so the editor is not rebuilt under the writer. */
type Section = 'library' | 'review' | 'returned' | 'trash' | 'users' | 'audit' | 'settings' | 'publishing';
type View = { name: Section } | { name: 'article'; id: number | null; key: number };

let viewKey = 0;
const articleView = (id: number | null): View => ({ name: 'article', id, key: ++viewKey });

const REVIEW_FILTER: LibraryFilter = { ...INITIAL_FILTER, status: 'pending_review' };
const RETURNED_FILTER: LibraryFilter = { ...INITIAL_FILTER, status: 'returned' };

/** The sections each role sees, in order. The core enforces the same rules on every call. */
const SECTIONS: Record<User['role'], Section[]> = {
  writer: ['library', 'returned', 'trash', 'settings'],
  editor: ['library', 'review', 'trash', 'settings', 'publishing'],
  leader: ['library', 'review', 'settings'],
  admin: ['library', 'review', 'trash', 'users', 'audit', 'settings', 'publishing'],
};
/**
 * Each section's key, the same whoever is signed in: a section a role lacks leaves its key unused. Alt+2 is the list
 * waiting for the user (to review, or returned to its writer); no role has both.
 */
const SECTION_KEY: Record<Section, number> = {
  library: 1,
  review: 2,
  returned: 2,
  trash: 3,
  users: 4,
  audit: 5,
  settings: 6,
  publishing: 7,
};
/** How long after the workstation appears the editor's chunk is fetched ahead (the library's first page goes first). */
const EDITOR_PREFETCH_MS = 1500;
/** How often the sidebar looks for failed publishing jobs while the queue screen is not open (it reports them itself). */
const FAILED_POLL_MS = 15_000;
const SECTION_LABEL = {
  library: 'nav.library',
  review: 'nav.review',
  returned: 'nav.returned',
  trash: 'nav.trash',
  users: 'nav.users',
  audit: 'nav.audit',
  settings: 'nav.settings',
  publishing: 'nav.publishing',
} as const;

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

interface WorkstationProps {
  user: User;
  language: Language;
  onLanguage: (language: Language) => void;
  onSignOut: () => void;
}

function Workstation({ user, language, onLanguage, onSignOut }: WorkstationProps) {
  const { t, errorText, number } = useI18n();
  const sections = SECTIONS[user.role];
  const [filters, setFilters] = useState({ library: INITIAL_FILTER, review: REVIEW_FILTER, returned: RETURNED_FILTER });
  const [counts, setCounts] = useState<{ pendingReview: number; returned: number } | null>(null);
  const [failedJobs, setFailedJobs] = useState(0);
  const seesQueue = sections.includes('publishing');
  const { notices, notify, dismiss } = useNotices();
  const [view, setView] = useState<View>({ name: 'library' });
  const [categories, setCategories] = useState<Category[]>([]);
  const [refreshKey, setRefreshKey] = useState(0);
  const [offerDemo, setOfferDemo] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  // Signed in: the caret waits in the first field of the first screen, the library's search, not on the page.
  useEffect(() => {
    requestAnimationFrame(() => {
      if (!document.activeElement || document.activeElement === document.body) searchRef.current?.focus();
    });
  }, []);
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
    call('workflow.counts', {}).then(setCounts, () => setCounts(null));
  }, [refreshKey]);

  useEffect(() => {
    // The editor is what one opens next: its chunk is fetched once the library has had its start and the page idles.
    let idle = 0;
    const timer = setTimeout(() => {
      idle = requestIdleCallback(() => void loadArticleScreen());
    }, EDITOR_PREFETCH_MS);
    return () => {
      clearTimeout(timer);
      cancelIdleCallback(idle);
    };
  }, []);

  const onQueueCounts = useCallback((jobCounts: { failed: number }) => setFailedJobs(jobCounts.failed), []);
  const onQueue = view.name === 'publishing';
  const watchFailed = useCallback(async () => {
    if (!seesQueue || onQueue) return false;
    const queue = await call('publish.jobs', { states: ['failed'], limit: 1 });
    setFailedJobs(queue.counts.failed);
    return true;
  }, [seesQueue, onQueue]);
  usePolling(watchFailed, FAILED_POLL_MS, `${refreshKey}:${onQueue}`);

  useEffect(() => {
    void loadCategories();
    if (user.role !== 'admin') return;
    void call('setup.status', {}).then(
      (status) => setOfferDemo(status.offerDemo),
      (failure: unknown) => notify('error', errorText(failure)),
    );
  }, [loadCategories, notify, errorText, user.role]);

  /** A navigation's new screen gets the focus on its heading once it is on screen (see FocusHeadingOnArrival). */
  const headingPending = useRef(false);
  /** Every navigation goes through here, so unsaved article changes are saved first. */
  const go = useCallback(async (next: View) => {
    if (leaveGuard.current && !(await leaveGuard.current())) return;
    headingPending.current = true;
    setView(next);
  }, []);

  const listSection = view.name === 'library' || view.name === 'review' || view.name === 'returned';
  const focusSearch = () => {
    if (!listSection) void go({ name: 'library' }).then(() => requestAnimationFrame(() => searchRef.current?.focus()));
    else searchRef.current?.focus();
  };

  useShortcuts({
    'mod+n': () => void go(articleView(null)),
    'mod+f': focusSearch,
    '/': focusSearch,
    ...Object.fromEntries(sections.map((section) => [`alt+${SECTION_KEY[section]}`, () => void go({ name: section })])),
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

  const badge = (section: Section) => {
    if (section === 'publishing') {
      return failedJobs ? (
        <span className="nav-badge nav-badge-failed" aria-label={t('nav.failedJobs', { count: failedJobs })}>
          {number(failedJobs)}
        </span>
      ) : null;
    }
    const count = section === 'review' ? counts?.pendingReview : section === 'returned' ? counts?.returned : undefined;
    return count ? (
      <span className="nav-badge" aria-label={t('nav.count', { count })}>
        {number(count)}
      </span>
    ) : null;
  };

  return (
    <div className="app">
      <nav className="sidebar" aria-label={t('nav.main')}>
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <button
          type="button"
          className="button button-primary new-article"
          onClick={() => void go(articleView(null))}
          title="Ctrl+N"
        >
          + {t('nav.newArticle')}
        </button>
        <ul className="nav-list">
          {sections.map((section) => (
            <li key={section}>
              <button
                type="button"
                className="nav-item"
                aria-current={view.name === section ? 'page' : undefined}
                onClick={() => void go({ name: section })}
                title={`Alt+${SECTION_KEY[section]}`}
              >
                {t(SECTION_LABEL[section])}
                {badge(section)}
                <kbd aria-hidden="true">Alt+{SECTION_KEY[section]}</kbd>
              </button>
            </li>
          ))}
        </ul>
        <section className="shortcuts" aria-labelledby="shortcuts-heading">
          <h2 id="shortcuts-heading">{t('shortcuts.title')}</h2>
          <dl>
            <dt>
              <kbd>Ctrl+N</kbd>
            </dt>
            <dd>{t('shortcuts.new')}</dd>
            <dt>
              <kbd>Ctrl+F</kbd> <kbd>/</kbd>
            </dt>
            <dd>{t('shortcuts.search')}</dd>
            <dt>
              <kbd>Ctrl+S</kbd>
            </dt>
            <dd>{t('shortcuts.save')}</dd>
            <dt>
              <kbd>Esc</kbd>
            </dt>
            <dd>{t('shortcuts.back')}</dd>
            <dt>
              <kbd>Alt+{keyRanges(sections.map((section) => SECTION_KEY[section]))}</kbd>
            </dt>
            <dd>{t('shortcuts.sections')}</dd>
          </dl>
        </section>
        <section
          className="sidebar-user"
          aria-label={t('auth.signedInAs', { name: user.displayName, role: t(`role.${user.role}`) })}
        >
          <span>{t('auth.signedInAs', { name: user.displayName, role: t(`role.${user.role}`) })}</span>
          <button type="button" className="button" onClick={() => void go({ name: 'library' }).then(onSignOut)}>
            {t('auth.signOut')}
          </button>
        </section>
      </nav>
      <main className="content" ref={mainRef}>
        <Suspense fallback={<ScreenLoading />}>
          {view.name === 'library' || view.name === 'review' || view.name === 'returned' ? (
            <LibraryScreen
              key={view.name}
              heading={
                view.name === 'review'
                  ? t('review.title')
                  : view.name === 'returned'
                    ? t('returned.title')
                    : t('library.title')
              }
              fixedStatus={view.name !== 'library'}
              filter={filters[view.name]}
              onFilterChange={(next) => setFilters((current) => ({ ...current, [view.name]: next }))}
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
            <SettingsScreen
              admin={user.role === 'admin'}
              approver={user.role !== 'writer'}
              language={language}
              onLanguage={onLanguage}
              categories={categories}
              onCategoriesChanged={() => void loadCategories()}
              notify={notify}
            />
          ) : null}
          {view.name === 'users' ? <UsersScreen currentUserId={user.id} notify={notify} /> : null}
          {view.name === 'audit' ? <AuditScreen notify={notify} /> : null}
          {view.name === 'publishing' ? (
            <PublishingScreen
              notify={notify}
              onCounts={onQueueCounts}
              onOpenArticle={(id) => void go(articleView(id))}
            />
          ) : null}
          {view.name === 'article' ? (
            <ArticleScreen
              key={view.key}
              user={user}
              articleId={view.id}
              categories={categories}
              leaveGuard={leaveGuard}
              notify={notify}
              onBack={() => void go({ name: 'library' })}
              onChanged={refresh}
              onSaved={(article: Article) => {
                // Only a new article changes the counts and lists around the screen; a save of its text changes none
                // (the library reads itself again when it is shown).
                if (view.id === article.id) return;
                refresh();
                setView({ ...view, id: article.id });
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
          <FocusHeadingOnArrival pending={headingPending} main={mainRef} />
        </Suspense>
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
  const [auth, setAuth] = useState<{ user: User | null; needsFirstAdmin: boolean } | null>(null);

  useEffect(() => {
    const fail = (failure: unknown) => {
      setStartupError(
        failure instanceof ContractError ? failure : new ContractError('INTERNAL', String(failure), String(failure)),
      );
      setLanguage('vi');
    };
    // Both at once: the language and who is signed in are independent, and the first screen waits for both.
    Promise.all([call('settings.get', {}), call('auth.status', {})]).then(([settings, status]) => {
      if (status.user) prefetchLibrary();
      setLanguage(settings.language);
      setAuth(status);
    }, fail);
  }, []);

  // The first screen has asked what it needed (its effects run before this one): boot.ts's other answers are dropped.
  useEffect(() => {
    if (auth) dropEarly();
  }, [auth]);

  useEffect(() => {
    if (language) document.documentElement.lang = language;
  }, [language]);

  // A session that ends under the user (expired, account disabled) goes back to the sign-in screen.
  useEffect(
    () => onSessionEnded(() => setAuth((current) => (current ? { user: null, needsFirstAdmin: false } : current))),
    [],
  );

  const changeLanguage = async (next: Language) => {
    const previous = language;
    setLanguage(next);
    // Remembered in the store, so the next start (any shell) opens in the same language.
    await call('settings.update', { language: next }).catch(() => setLanguage(previous));
  };

  const signOut = async () => {
    await call('auth.signOut', {}).catch(() => undefined);
    setAuth({ user: null, needsFirstAdmin: false });
  };

  if (!language || (!auth && !startupError)) return null;
  let screen;
  if (startupError) screen = <StartupError error={startupError} />;
  else if (!auth?.user)
    screen = (
      <AuthScreen
        firstAdmin={auth?.needsFirstAdmin ?? false}
        onSignedIn={(user) => setAuth({ user, needsFirstAdmin: false })}
      />
    );
  else
    screen = (
      <Workstation
        key={auth.user.id}
        user={auth.user}
        language={language}
        onLanguage={(next) => void changeLanguage(next)}
        onSignOut={() => void signOut()}
      />
    );
  return (
    <I18nProvider language={language}>
      <LocalisedValidation />
      {screen}
    </I18nProvider>
  );
}
