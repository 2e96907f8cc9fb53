import { useCallback, useRef, useState } from 'react';
import type { Article } from '../../../shared/contract/articles';
import type { PublishJob } from '../../../shared/contract/publishing';
import { call } from '../api/client';
import { usePolling } from '../hooks/usePolling';
import { useI18n } from '../i18n/i18n';
import { InlineError } from './InlineError';
import { JobError, JobNotice, JobProgress, JobStateBadge, JobTime, JobUrl, POLL_MS, isOpen } from './JobParts';

/** Statuses an article reaches before it is ever sent anywhere: the panel stays away unless it has jobs. */
const NEVER_SENT = new Set<Article['status']>(['draft', 'pending_review', 'returned', 'approved']);

/** This article on each publishing target: the latest job there, its state, its error, its address (editors and admins). */
export function ArticlePublications({ article, steps }: { article: Article; steps: number }) {
  const { t } = useI18n();
  const [jobs, setJobs] = useState<PublishJob[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const latest = useRef(0);

  const load = useCallback(async (): Promise<boolean> => {
    const ticket = ++latest.current;
    try {
      const result = await call('publish.jobs', { articleId: article.id, limit: 100 });
      if (ticket !== latest.current) return true;
      setJobs(result.jobs);
      setLoadError(null);
      return result.jobs.some((job) => isOpen(job.state));
    } catch (failure) {
      if (ticket === latest.current) setLoadError(failure);
      return false;
    }
  }, [article.id]);

  // A step (publish, update, take down) queues jobs: look again, and follow them. Saves of the text queue none.
  usePolling(load, POLL_MS, `${article.id}:${article.status}:${steps}`);

  // Newest first, so the first job of each target is where the article stands there.
  const perTarget: PublishJob[] = [];
  for (const job of jobs ?? []) if (!perTarget.some((seen) => seen.targetId === job.targetId)) perTarget.push(job);

  if (jobs === null && !loadError) return null;
  if (perTarget.length === 0 && !loadError && NEVER_SENT.has(article.status)) return null;
  return (
    <div className="article-publications">
      <h3>{t('pub.title')}</h3>
      <InlineError error={loadError} />
      {jobs !== null && perTarget.length === 0 ? <p className="muted">{t('pub.none')}</p> : null}
      {perTarget.length > 0 ? (
        <ul className="publication-list" aria-label={t('pub.list')}>
          {perTarget.map((job) => (
            <li key={job.targetId} className="publication">
              <div className="publication-head">
                <span className="publication-target">{job.targetName}</span>
                <JobStateBadge state={job.state} />
              </div>
              <p className="publication-meta">
                {t(`job.kind.${job.kind}`)} · <JobTime job={job} />
              </p>
              <JobProgress job={job} label={t('job.progressLabel', { title: job.targetName })} />
              <JobError job={job} />
              <JobNotice job={job} />
              <JobUrl job={job} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
