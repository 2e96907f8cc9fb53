import type { Language } from '../../../shared/contract/app';
import type { JobState, PublishJob } from '../../../shared/contract/publishing';
import { displayDateTime } from '../../../shared/text/dateline';
import type { I18n } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import '../publishing.css';

/** Pieces of a publishing job as the queue screen, the targets card and an article's panel show them. */

export const POLL_MS = 1500;

export function isOpen(state: JobState): boolean {
  return state === 'pending' || state === 'running' || state === 'retrying' || state === 'uncertain';
}

/** The text of a bilingual message from the core in the UI language. */
export function inLanguage(text: { message: string; messageEn: string }, language: Language): string {
  return language === 'vi' ? text.message : text.messageEn;
}

/** What a job is about in words: its article, the whole site (a rebuild), or else the job itself (a pull has no article). */
export function jobTitle(job: PublishJob, t: I18n['t']): string {
  return job.articleTitle ?? (job.kind === 'rebuild' ? t('job.noTitle') : t(`job.kind.${job.kind}`));
}

/** Whether the job is about no article at all, nor the whole site (a pull of what changed on WordPress). */
export function hasNoSubject(job: PublishJob): boolean {
  return job.articleId === null && job.kind !== 'rebuild';
}

/** When the job runs next, or when it ran: the one time that matters in its state. */
export function jobTime(job: PublishJob): { at: string; key: MessageKey } | null {
  const when = (key: MessageKey, at: string | null) => (at ? { at, key } : null);
  switch (job.state) {
    case 'retrying':
      return when('job.nextAttempt', job.runAt);
    case 'uncertain':
      return when('job.nextCheck', job.runAt);
    case 'pending':
      return when(job.attempts > 0 ? 'job.nextAttempt' : 'job.runAt', job.runAt);
    case 'running':
      return when('job.startedAt', job.startedAt);
    default:
      return when('job.finishedAt', job.finishedAt ?? job.updatedAt);
  }
}

/** That time in words, the date and time itself never broken across lines. */
export function JobTime({ job }: { job: PublishJob }) {
  const { t } = useI18n();
  const time = jobTime(job);
  if (!time) return null;
  const [before = '', after = ''] = t(time.key, { time: '\u0001' }).split('\u0001');
  return (
    <>
      {before}
      <time dateTime={time.at} className="job-time-value">
        {displayDateTime(time.at, true)}
      </time>
      {after}
    </>
  );
}

export function JobStateBadge({ state }: { state: JobState }) {
  const { t } = useI18n();
  return <span className={`state-badge job-state job-state-${state}`}>{t(`job.state.${state}`)}</span>;
}

/** The last error in plain words: the reason of a failure, or the error a retry is waiting out. */
export function JobError({ job }: { job: PublishJob }) {
  const { t, language } = useI18n();
  if (!job.lastError || job.state === 'succeeded' || job.state === 'cancelled') return null;
  const message = inLanguage(job.lastError, language);
  return (
    <>
      <p className="job-error">{job.state === 'failed' ? t('job.reason', { message }) : t('job.error', { message })}</p>
      {job.state === 'uncertain' ? <p className="job-hint">{t('job.uncertainHint')}</p> : null}
    </>
  );
}

export function JobNotice({ job }: { job: PublishJob }) {
  const { language } = useI18n();
  if (!job.notice) return null;
  return <p className="job-notice">{inLanguage(job.notice, language)}</p>;
}

/** Where a published article can be read: a link when it is a web address, the path as text otherwise. */
export function JobUrl({ job }: { job: PublishJob }) {
  if (job.state !== 'succeeded' || !job.url) return null;
  return (
    <p className="job-url">
      {/^https?:\/\//i.test(job.url) ? (
        <a href={job.url} target="_blank" rel="noreferrer">
          {job.url}
        </a>
      ) : (
        <span className="mono">{job.url}</span>
      )}
    </p>
  );
}

export function JobProgress({ job, label }: { job: PublishJob; label: string }) {
  const { t } = useI18n();
  if (job.state !== 'running' || job.progress.total === 0) return null;
  const { done, total } = job.progress;
  return (
    <div className="job-progress">
      <progress value={Math.min(done, total)} max={total} aria-label={label} />
      <span>{t('job.progress', { done, total })}</span>
    </div>
  );
}
