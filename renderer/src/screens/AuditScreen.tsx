import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { User } from '../../../shared/contract/auth';
import { ARTICLE_STATUSES, type ArticleStatus } from '../../../shared/contract/articles';
import { displayDateTime, vietnamDateParts, vietnamDayStart } from '../../../shared/text/dateline';
import { call } from '../api/client';
import { downloadText } from '../api/download';
import { InlineError } from '../components/InlineError';
import { DateField } from '../components/VietnamDateFields';
import { useI18n, type I18n } from '../i18n/i18n';
import { VI } from '../i18n/vi';
import type { MessageKey } from '../i18n/messages';
import '../admin.css';

type Notify = (kind: 'info' | 'error', text: string) => void;
type AuditEntry = ChannelOutput<'audit.list'>['items'][number];
type AuditFilter = ChannelInput<'audit.exportCsv'>;

const PAGE_SIZE = 100;

/**
 * The action filter is one prefix (audit.list matches `action` as a prefix), so each option is one prefix.
 * "Cài đặt" spans three prefixes (settings., portal., category.), hence one option for each.
 */
const ACTION_GROUPS: { label: MessageKey; options: { value: string; label: MessageKey }[] }[] = [
  {
    label: 'audit.group.auth',
    options: [
      { value: 'auth.', label: 'audit.all.auth' },
      { value: 'auth.signInFailed', label: 'audit.action.auth.signInFailed' },
      { value: 'auth.locked', label: 'audit.action.auth.locked' },
      { value: 'auth.signOut', label: 'audit.action.auth.signOut' },
    ],
  },
  {
    label: 'audit.group.article',
    options: [
      { value: 'article.', label: 'audit.all.article' },
      { value: 'article.create', label: 'audit.action.article.create' },
      { value: 'article.transition', label: 'audit.action.article.transition' },
      { value: 'article.trash', label: 'audit.action.article.trash' },
      { value: 'article.purge', label: 'audit.action.article.purge' },
    ],
  },
  {
    label: 'audit.group.user',
    options: [
      { value: 'user.', label: 'audit.all.user' },
      { value: 'user.create', label: 'audit.action.user.create' },
      { value: 'user.update', label: 'audit.action.user.update' },
      { value: 'user.resetPassword', label: 'audit.action.user.resetPassword' },
    ],
  },
  {
    label: 'audit.group.settings',
    options: [
      { value: 'settings.', label: 'audit.filter.settings' },
      { value: 'portal.', label: 'audit.filter.portal' },
      { value: 'category.', label: 'audit.filter.category' },
    ],
  },
  {
    label: 'audit.group.denied',
    options: [{ value: 'access.denied', label: 'audit.action.access.denied' }],
  },
];

interface Filters {
  userId: string;
  action: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { userId: '', action: '', from: '', to: '' };

/** The contract filter for the chosen controls: from = that day 00:00, to = the day after 00:00 (Vietnam time). */
function toFilter(filters: Filters): AuditFilter {
  const filter: AuditFilter = {};
  if (filters.userId) filter.userId = Number(filters.userId);
  if (filters.action) filter.action = filters.action;
  const from = vietnamDayStart(filters.from);
  const to = vietnamDayStart(filters.to, 1);
  if (from) filter.from = from;
  if (to) filter.to = to;
  return filter;
}

function hasKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(VI, key);
}

function actionText(action: string, t: I18n['t']): string {
  const key = `audit.action.${action}`;
  return hasKey(key) ? t(key) : action;
}

function targetText(entry: AuditEntry, t: I18n['t'], none: string): string {
  if (!entry.targetType && entry.targetId === null) return none;
  const key = `audit.target.${entry.targetType ?? ''}`;
  const type = entry.targetType ? (hasKey(key) ? t(key) : entry.targetType) : '';
  return entry.targetId === null ? type : `${type} #${entry.targetId}`.trim();
}

const STATUS_KEYS = new Set(['from', 'to', 'status', 'previousStatus', 'newStatus']);

/** The details JSON as short readable text: `key: value; key: value`. Text that is not JSON is shown as it is. */
function detailsText(details: string, i18n: I18n): string {
  const raw = details.trim();
  if (raw === '' || raw === '{}' || raw === 'null') return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return raw;
  }
  const value = (key: string, item: unknown): string => {
    if (item === null || item === undefined) return i18n.t('common.none');
    if (typeof item === 'boolean') return item ? i18n.t('audit.yes') : i18n.t('audit.no');
    if (typeof item === 'string') {
      if (STATUS_KEYS.has(key) && (ARTICLE_STATUSES as readonly string[]).includes(item))
        return i18n.status(item as ArticleStatus);
      if (key === 'role' && hasKey(`role.${item}`)) return i18n.t(`role.${item}` as MessageKey);
      return item;
    }
    if (typeof item === 'number') return String(item);
    if (Array.isArray(item)) return item.map((element) => value(key, element)).join(', ');
    return Object.entries(item as Record<string, unknown>)
      .map(([innerKey, inner]) => `${innerKey}: ${value(innerKey, inner)}`)
      .join(', ');
  };
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    return Object.entries(parsed as Record<string, unknown>)
      .map(([key, item]) => `${key}: ${value(key, item)}`)
      .join('; ');
  }
  return value('', parsed);
}

function todayInVietnam(): string {
  const p = vietnamDateParts(new Date());
  return `${p.year}-${p.month}-${p.day}`;
}

function download(csv: string, fileName: string) {
  downloadText(csv, fileName, 'text/csv;charset=utf-8');
}

export function AuditScreen({ notify }: { notify: Notify }) {
  const i18n = useI18n();
  const { t, errorText } = i18n;
  const ids = useId();
  const [users, setUsers] = useState<User[]>([]);
  const [usersError, setUsersError] = useState<unknown>(null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<ChannelOutput<'audit.list'> | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);
  const latest = useRef(0);

  const filtered = filters.userId !== '' || filters.action !== '' || filters.from !== '' || filters.to !== '';
  const rangeInvalid = filters.from !== '' && filters.to !== '' && filters.to < filters.from;
  const filter = useMemo(() => toFilter(filters), [filters]);
  const filterKey = JSON.stringify(filter);

  useEffect(() => {
    void call('users.list', {}).then(setUsers, setUsersError);
  }, []);

  useEffect(() => {
    if (rangeInvalid) return;
    const ticket = ++latest.current;
    const input = { ...(JSON.parse(filterKey) as AuditFilter), offset, limit: PAGE_SIZE };
    call('audit.list', input).then(
      (result) => {
        if (ticket !== latest.current) return;
        setPage(result);
        setLoadError(null);
        // Entries may have gone from under a later page (a narrower filter); go back to the last page that has some.
        if (result.items.length === 0 && result.total > 0 && offset > 0)
          setOffset(Math.floor((result.total - 1) / PAGE_SIZE) * PAGE_SIZE);
      },
      (failure: unknown) => {
        if (ticket === latest.current) setLoadError(failure);
      },
    );
  }, [filterKey, offset, rangeInvalid]);

  const change = (key: keyof Filters, value: string) => {
    setFilters((current) => ({ ...current, [key]: value }));
    setOffset(0);
  };

  const userName = useMemo(() => new Map(users.map((user) => [user.id, user.displayName])), [users]);
  const who = (entry: AuditEntry): string => {
    const name = entry.userId === null ? undefined : userName.get(entry.userId);
    if (name && entry.username) return `${name} (${entry.username})`;
    return name ?? entry.username ?? t('audit.noUser');
  };

  const clearFilters = () => {
    if (!filtered) return;
    setFilters(NO_FILTERS);
    setOffset(0);
  };

  const exportCsv = async () => {
    if (exporting) return;
    setExporting(true);
    try {
      const { csv, rows } = await call('audit.exportCsv', filter);
      const fileName = `nhat-ky-${todayInVietnam()}.csv`;
      download(csv, fileName);
      notify('info', t('audit.exported', { count: rows, file: fileName }));
    } catch (failure) {
      notify('error', errorText(failure));
    } finally {
      setExporting(false);
    }
  };

  const total = page?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const pageNumber = Math.floor(offset / PAGE_SIZE) + 1;
  const atFirst = offset === 0;
  const atLast = offset + PAGE_SIZE >= total;
  const none = t('common.none');

  const pager = (
    <nav className="pager" aria-label={t('audit.pages')}>
      <button
        type="button"
        className="button button-small"
        aria-disabled={atFirst}
        onClick={() => !atFirst && setOffset(Math.max(0, offset - PAGE_SIZE))}
      >
        {t('audit.previous')}
      </button>
      <span className="pager-state" aria-live="polite">
        {t('audit.page', { page: pageNumber, pages })}
      </span>
      <button
        type="button"
        className="button button-small"
        aria-disabled={atLast}
        onClick={() => !atLast && setOffset(offset + PAGE_SIZE)}
      >
        {t('audit.next')}
      </button>
    </nav>
  );

  return (
    <section className="screen admin-screen" aria-labelledby="audit-heading">
      <header className="screen-header">
        <h1 tabIndex={-1} id="audit-heading">
          {t('audit.title')}
        </h1>
        <p className="screen-count" aria-live="polite">
          {rangeInvalid
            ? ''
            : page === null
              ? loadError
                ? ''
                : t('admin.loading')
              : t('audit.count', { count: total })}
        </p>
        <div className="header-actions">
          <button type="button" className="button" aria-busy={exporting || undefined} onClick={() => void exportCsv()}>
            {exporting ? t('audit.exporting') : t('audit.export')}
          </button>
        </div>
      </header>
      <p className="screen-hint">{t('audit.hint')}</p>

      <form
        className="filters"
        role="search"
        aria-label={t('audit.filters')}
        onSubmit={(event) => event.preventDefault()}
      >
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-user`}>
            {t('audit.user')}
          </label>
          <select id={`${ids}-user`} value={filters.userId} onChange={(event) => change('userId', event.target.value)}>
            <option value="">{t('audit.allUsers')}</option>
            {users.map((user) => (
              <option key={user.id} value={String(user.id)}>
                {user.displayName} ({user.username})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-action`}>
            {t('audit.action')}
          </label>
          <select
            id={`${ids}-action`}
            value={filters.action}
            onChange={(event) => change('action', event.target.value)}
          >
            <option value="">{t('audit.allActions')}</option>
            {ACTION_GROUPS.map((group) => (
              <optgroup key={group.label} label={t(group.label)}>
                {group.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {t(option.label)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <DateField label={t('audit.from')} value={filters.from} onChange={(day) => change('from', day)} />
        <DateField
          label={t('audit.to')}
          value={filters.to}
          invalid={rangeInvalid}
          describedBy={rangeInvalid ? `${ids}-range` : undefined}
          onChange={(day) => change('to', day)}
        />
        <button type="button" className="button" aria-disabled={!filtered} onClick={clearFilters}>
          {t('audit.clearFilters')}
        </button>
        {rangeInvalid ? (
          <p className="field-error filters-error" id={`${ids}-range`} role="alert">
            {t('audit.dateRangeInvalid')}
          </p>
        ) : null}
      </form>
      <InlineError error={usersError} />
      <InlineError error={loadError} />

      {page !== null && page.items.length === 0 && !rangeInvalid ? (
        <p className="empty-state">{filtered ? t('audit.noResults') : t('audit.empty')}</p>
      ) : null}
      {page !== null && page.items.length > 0 && !rangeInvalid ? (
        <>
          <div className="table-card">
            <table className="admin-table audit-table">
              <caption className="visually-hidden">{t('audit.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.colTime')}</th>
                  <th scope="col">{t('audit.colUser')}</th>
                  <th scope="col">{t('audit.colAction')}</th>
                  <th scope="col">{t('audit.colTarget')}</th>
                  <th scope="col">{t('audit.colDetails')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((entry) => {
                  const details = detailsText(entry.details, i18n);
                  return (
                    <tr
                      key={entry.id}
                      className={
                        entry.action === 'access.denied' ||
                        entry.action === 'auth.signInFailed' ||
                        entry.action === 'auth.locked'
                          ? 'audit-warn'
                          : undefined
                      }
                    >
                      <td className="nowrap">
                        <time dateTime={entry.at}>{displayDateTime(entry.at, true)}</time>
                      </td>
                      <td>{who(entry)}</td>
                      <td>{actionText(entry.action, t)}</td>
                      <td>{targetText(entry, t, none)}</td>
                      <td className="audit-details">{details || none}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {pager}
        </>
      ) : null}
    </section>
  );
}
