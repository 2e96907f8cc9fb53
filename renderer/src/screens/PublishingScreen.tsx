import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import { JOB_STATES, type JobState, type PublishJob } from '../../../shared/contract/publishing';
import { call } from '../api/client';
import { InlineError } from '../components/InlineError';
import {
  JobError,
  JobNotice,
  JobProgress,
  JobStateBadge,
  JobTime,
  JobUrl,
  POLL_MS,
  hasNoSubject,
  jobTitle,
} from '../components/JobParts';
import { usePolling } from '../hooks/usePolling';
import { useI18n } from '../i18n/i18n';
import '../admin.css';

type Notify = (kind: 'info' | 'error', text: string) => void;
type Queue = ChannelOutput<'publish.jobs'>;
type Filter = JobState | 'all';

const LIMIT = 200;

interface Props {
  notify: Notify;
  /** Told the count of jobs in each state at every refresh (the sidebar badge of failed jobs). */
  onCounts?: (counts: Queue['counts']) => void;
  onOpenArticle: (articleId: number) => void;
}

function JobRow({
  job,
  busy,
  onRetry,
  onCancel,
  onOpenArticle,
}: {
  job: PublishJob;
  busy: boolean;
  onRetry: () => void;
  onCancel: () => void;
  onOpenArticle: (id: number) => void;
}) {
  const { t } = useI18n();
  const title = jobTitle(job, t);
  const canRetry = job.state === 'failed' || job.state === 'cancelled';
  // An uncertain job is not cancelled (what reached the target stays there): it can be asked to check now.
  const canCheck = job.state === 'uncertain';
  // The recurring fetch of a collaborating site is stopped in Settings, not cancelled here.
  // Nor is a take-down: it would leave the article online though unpublished.
  const canCancel =
    job.kind !== 'pull' && job.kind !== 'unpublish' && (job.state === 'pending' || job.state === 'retrying');
  const named = { title, target: job.targetName };
  return (
    <tr className={`job-row job-row-${job.state}`} data-job-id={job.id}>
      <th scope="row" className="job-title" tabIndex={-1}>
        {job.articleId !== null ? (
          <button
            type="button"
            className="link-button job-open"
            onClick={() => job.articleId !== null && onOpenArticle(job.articleId)}
          >
            {title}
          </button>
        ) : hasNoSubject(job) ? (
          <>
            <span aria-hidden="true">—</span>
            <span className="visually-hidden">{t('job.noArticle')}</span>
          </>
        ) : (
          <span>{title}</span>
        )}
      </th>
      <td>
        {job.targetName}
        <span className="job-target-kind">{t(`targets.kind.${job.targetKind}`)}</span>
      </td>
      <td className="nowrap">{t(`job.kind.${job.kind}`)}</td>
      <td>
        <JobStateBadge state={job.state} />
      </td>
      <td className="job-attempts">{job.attempts}</td>
      <td className="job-time">
        <JobTime job={job} />
      </td>
      <td className="job-result">
        <JobProgress job={job} label={t('job.progressLabel', { title })} />
        <JobError job={job} />
        <JobNotice job={job} />
        <JobUrl job={job} />
      </td>
      <td>
        {/* One button in one place: retrying a job turns it into Cancel under the keyboard focus, and back. */}
        {canRetry || canCancel || canCheck ? (
          <button
            key="action"
            type="button"
            className={canCancel ? 'button button-small button-danger-ghost' : 'button button-small'}
            aria-label={t(canCancel ? 'job.cancelNamed' : canCheck ? 'job.checkNowNamed' : 'job.retryNamed', named)}
            aria-busy={busy || undefined}
            onClick={() => (busy ? undefined : canCancel ? onCancel() : onRetry())}
          >
            {canCancel ? t('job.cancel') : canCheck ? t('job.checkNow') : t('job.retry')}
          </button>
        ) : null}
      </td>
    </tr>
  );
}

/** The publishing queue: every job that carries an article version (or a rebuild) to a target, with retry and cancel. */
export function PublishingScreen({ notify, onCounts, onOpenArticle }: Props) {
  const { t, errorText } = useI18n();
  const [filter, setFilter] = useState<Filter>('all');
  const [queue, setQueue] = useState<Queue | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState<ReadonlySet<number>>(new Set());
  const latest = useRef(0);
  const actedOn = useRef<number | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);

  const load = useCallback(async (): Promise<boolean> => {
    const ticket = ++latest.current;
    try {
      const result = await call(
        'publish.jobs',
        filter === 'all' ? { limit: LIMIT } : { states: [filter], limit: LIMIT },
      );
      if (ticket !== latest.current) return true;
      setQueue(result);
      setLoadError(null);
      onCounts?.(result.counts);
    } catch (failure) {
      if (ticket === latest.current) setLoadError(failure);
    }
    return true;
  }, [filter, onCounts]);

  usePolling(load, POLL_MS, filter);

  // A job acted on may lose its button (it ran at once): the keyboard focus then stays on its row, not on the page.
  useEffect(() => {
    const id = actedOn.current;
    if (id === null || (document.activeElement && document.activeElement !== document.body)) return;
    tableRef.current?.querySelector<HTMLElement>(`tr[data-job-id="${id}"] th`)?.focus();
  });

  const act = async (job: PublishJob, action: 'publish.retry' | 'publish.cancel') => {
    actedOn.current = job.id;
    setBusy((current) => new Set(current).add(job.id));
    const title = jobTitle(job, t);
    try {
      await call(action, { id: job.id });
      notify(
        'info',
        action === 'publish.retry'
          ? t('job.retried', { title })
          : t('job.cancelled', { title, target: job.targetName }),
      );
    } catch (failure) {
      notify('error', errorText(failure));
    } finally {
      setBusy((current) => {
        const next = new Set(current);
        next.delete(job.id);
        return next;
      });
      await load();
    }
  };

  const counts = queue?.counts;
  const total = counts ? JOB_STATES.reduce((sum, state) => sum + counts[state], 0) : 0;
  const filterButton = (value: Filter, label: string, count: number | undefined) => (
    <button
      key={value}
      type="button"
      className={`button button-small queue-filter queue-filter-${value}`}
      aria-pressed={filter === value}
      onClick={() => {
        if (filter === value) return;
        setFilter(value);
        setQueue(null);
      }}
    >
      {count === undefined ? label : t('queue.filterCount', { label, count })}
    </button>
  );

  return (
    <section className="screen admin-screen publishing-screen" aria-labelledby="publishing-heading">
      <header className="screen-header">
        <h1 tabIndex={-1} id="publishing-heading">
          {t('queue.title')}
        </h1>
        <p className="screen-count">
          {queue === null ? (loadError ? '' : t('admin.loading')) : t('queue.count', { count: total })}
        </p>
      </header>
      <p className="screen-hint">{t('queue.hint')}</p>
      <div className="queue-filters" role="group" aria-label={t('queue.filter')}>
        {filterButton('all', t('queue.all'), counts ? total : undefined)}
        {JOB_STATES.map((state) => filterButton(state, t(`job.state.${state}`), counts?.[state]))}
      </div>
      <InlineError error={loadError} />
      {queue !== null && queue.jobs.length === 0 ? (
        <p className="empty-state">{filter === 'all' ? t('queue.empty') : t('queue.noResults')}</p>
      ) : null}
      {queue !== null && queue.jobs.length > 0 ? (
        <>
          <div className="table-card">
            <table className="admin-table queue-table" ref={tableRef}>
              <caption className="visually-hidden">{t('queue.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('queue.colArticle')}</th>
                  <th scope="col">{t('queue.colTarget')}</th>
                  <th scope="col">{t('queue.colKind')}</th>
                  <th scope="col">{t('queue.colState')}</th>
                  <th scope="col">{t('queue.colAttempts')}</th>
                  <th scope="col">{t('queue.colTime')}</th>
                  <th scope="col">{t('queue.colResult')}</th>
                  <th scope="col">{t('queue.colActions')}</th>
                </tr>
              </thead>
              <tbody>
                {queue.jobs.map((job) => (
                  <JobRow
                    key={job.id}
                    job={job}
                    busy={busy.has(job.id)}
                    onRetry={() => void act(job, 'publish.retry')}
                    onCancel={() => void act(job, 'publish.cancel')}
                    onOpenArticle={onOpenArticle}
                  />
                ))}
              </tbody>
            </table>
          </div>
          {queue.jobs.length >= LIMIT ? <p className="muted">{t('queue.more', { shown: queue.jobs.length })}</p> : null}
        </>
      ) : null}
    </section>
  );
}
