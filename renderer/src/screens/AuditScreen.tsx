import { useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  AUDIT_GROUPS,
  auditActionLabel,
  auditActionsOf,
  auditEntryLabel,
  auditGroupLabel,
  auditPerson,
  auditSentence,
  auditTime,
  type AuditGroup,
} from '../../../shared/audit/sentences';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { User } from '../../../shared/contract/auth';
import { vietnamDateParts, vietnamDayStart } from '../../../shared/text/dateline';
import { call } from '../api/client';
import { downloadText } from '../api/download';
import { InlineError } from '../components/InlineError';
import { DateField } from '../components/VietnamDateFields';
import { useI18n } from '../i18n/i18n';
import '../admin.css';

type Notify = (kind: 'info' | 'error', text: string) => void;
type AuditEntry = ChannelOutput<'audit.list'>['items'][number];
type AuditFilter = ChannelInput<'audit.exportCsv'>;

const PAGE_SIZE = 100;

/** Entries that tell of a refusal, marked in the table. */
const WARNING_ACTIONS = new Set(['access.denied', 'access.forgedField', 'auth.signInFailed', 'auth.locked']);

/** The action filter's value: a whole group ('group:publish') or one action ('action:backup.create'). */
function actionsOf(choice: string): string[] | undefined {
  if (choice.startsWith('group:')) return auditActionsOf(choice.slice('group:'.length) as AuditGroup);
  if (choice.startsWith('action:')) return [choice.slice('action:'.length)];
  return undefined;
}

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
  const actions = actionsOf(filters.action);
  if (actions) filter.actions = actions;
  const from = vietnamDayStart(filters.from);
  const to = vietnamDayStart(filters.to, 1);
  if (from) filter.from = from;
  if (to) filter.to = to;
  return filter;
}

function todayInVietnam(): string {
  const p = vietnamDateParts(new Date());
  return `${p.year}-${p.month}-${p.day}`;
}

function download(csv: string, fileName: string) {
  downloadText(csv, fileName, 'text/csv;charset=utf-8');
}

/** One entry: its Vietnam time, who did it, and the sentence, with the action's name and the raw details under it. */
function AuditRow({ entry }: { entry: AuditEntry }) {
  const { t, language } = useI18n();
  const raw = entry.details.trim();
  return (
    <tr className={WARNING_ACTIONS.has(entry.action) ? 'audit-warn' : undefined}>
      <td className="nowrap">
        <time dateTime={entry.at}>{auditTime(entry)}</time>
      </td>
      <td>{auditPerson(entry, language)}</td>
      <td className="audit-sentence">
        <p>{auditSentence(entry, language)}</p>
        <p className="audit-action">{auditEntryLabel(entry, language)}</p>
        {raw !== '' && raw !== '{}' ? (
          <details className="audit-raw">
            <summary>{t('audit.rawDetails')}</summary>
            <code>{raw}</code>
          </details>
        ) : null}
      </td>
    </tr>
  );
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
  const { language } = i18n;

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
            {AUDIT_GROUPS.map((group) => (
              <optgroup key={group} label={auditGroupLabel(group, language)}>
                <option value={`group:${group}`}>
                  {t('audit.allOfGroup', { group: auditGroupLabel(group, language) })}
                </option>
                {auditActionsOf(group).map((action) => (
                  <option key={action} value={`action:${action}`}>
                    {auditActionLabel(action, language)}
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
                  <th scope="col">{t('audit.colSentence')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((entry) => (
                  <AuditRow key={entry.id} entry={entry} />
                ))}
              </tbody>
            </table>
          </div>
          {pager}
        </>
      ) : null}
    </section>
  );
}
