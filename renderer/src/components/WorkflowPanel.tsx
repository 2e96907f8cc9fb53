import { useCallback, useState } from 'react';
import type { Article } from '../../../shared/contract/articles';
import type { User } from '../../../shared/contract/auth';
import { TRANSITION_ACTIONS, type TransitionAction } from '../../../shared/contract/workflow';
import { fromVietnamLocalInput } from '../../../shared/text/dateline';
import { DateTimeField } from './VietnamDateFields';
import { canTransition } from '../../../shared/workflow/status-machine';
import { call } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { ApprovalProgress, ApproveDialog, type SignChoice } from './ApprovalPanel';
import { ArticlePublications } from './ArticlePublications';
import type { MessageKey } from '../i18n/messages';
import { Dialog } from './Dialog';
import { InlineError } from './InlineError';
import { PublishConfirmDialog } from '../quality/PublishConfirmDialog';

const LABEL: Record<TransitionAction, MessageKey> = {
  submit: 'workflow.submit',
  return: 'workflow.return',
  approve: 'workflow.approve',
  schedule: 'workflow.schedule',
  publish: 'workflow.publish',
  update: 'workflow.update',
  unpublish: 'workflow.unpublish',
  reopen: 'workflow.reopen',
  withdraw: 'workflow.withdraw',
};

interface Props {
  article: Article;
  user: User;
  /** Changes when something the approval covers changed without a new version (the attached documents). */
  contentKey: number;
  /** Saves pending edits first, so the step applies to what is on screen; false when that failed. */
  beforeStep: () => Promise<boolean>;
  onDone: (article: Article, action: TransitionAction) => void;
}

/** The steps of the review workflow this person may take now; the core checks the same rules again. */
export function WorkflowPanel({ article, user, contentKey, beforeStep, onDone }: Props) {
  const { t } = useI18n();
  const [asking, setAsking] = useState<'return' | 'schedule' | 'publish' | 'approve' | null>(null);
  /** Whether the step the article waits at must be signed (from its approval status). */
  const [mustSign, setMustSign] = useState(false);
  const noteSigning = useCallback(
    (s: { steps: { signed: boolean }[]; currentStep: number | null }) =>
      setMustSign(s.currentStep !== null && (s.steps[s.currentStep]?.signed ?? false)),
    [],
  );
  const [reason, setReason] = useState('');
  const [when, setWhen] = useState('');
  const [error, setError] = useState<unknown>(null);
  /** Steps taken here: each may queue publications (an autosave never does, so the version is not the key). */
  const [steps, setSteps] = useState(0);
  const isOwner = article.ownerId === user.id;
  const actions = TRANSITION_ACTIONS.filter((action) => canTransition(article.status, action, user.role, isOwner));

  const run = async (
    action: TransitionAction,
    extra: { reason?: string; scheduledAt?: string; qualityOverride?: { reason: string } } & SignChoice = {},
  ) => {
    setError(null);
    if (!(await beforeStep())) return;
    try {
      const current = await call('articles.get', { id: article.id });
      const moved = await call('articles.transition', {
        id: article.id,
        baseVersion: current.version,
        action,
        ...extra,
      });
      setAsking(null);
      setReason('');
      setSteps((n) => n + 1);
      onDone(moved, action);
    } catch (failure) {
      setError(failure);
    }
  };

  // The close of both questions (a reason, a time): the error if any, then Cancel and Confirm.
  const dialogEnd = (
    <>
      <InlineError error={error} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => setAsking(null)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button-primary">
          {t('workflow.confirm')}
        </button>
      </div>
    </>
  );

  return (
    <section className="side-section" aria-labelledby="workflow-heading">
      <h2 id="workflow-heading">{t('workflow.title')}</h2>
      {article.ownerName ? (
        <p className="muted">
          {t('workflow.owner')}: {article.ownerName}
        </p>
      ) : null}
      <ApprovalProgress article={article} contentKey={contentKey} onStatus={noteSigning} />
      {actions.length === 0 ? <p className="muted">{t('workflow.noActions')}</p> : null}
      <div className="workflow-actions">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={`button ${action === 'approve' || action === 'submit' || action === 'publish' ? 'button-primary' : ''}`}
            onClick={() =>
              // Đăng bài first shows the article's summary and what the check still says of it.
              action === 'publish'
                ? void beforeStep().then((saved) => saved && setAsking('publish'))
                : action === 'return' || action === 'schedule' || (action === 'approve' && mustSign)
                  ? setAsking(action)
                  : void run(action)
            }
          >
            {t(LABEL[action])}
          </button>
        ))}
      </div>
      {asking === null ? <InlineError error={error} /> : null}
      {user.role === 'editor' || user.role === 'admin' ? <ArticlePublications article={article} steps={steps} /> : null}
      {asking === 'return' ? (
        <Dialog title={t('workflow.returnTitle')} onClose={() => setAsking(null)}>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void run('return', { reason });
            }}
          >
            <label className="field">
              <span className="field-label">{t('workflow.reason')}</span>
              <textarea
                rows={4}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                required
                autoFocus
                aria-describedby="return-hint"
              />
              <span className="field-hint" id="return-hint">
                {t('workflow.reasonHint')}
              </span>
            </label>
            {dialogEnd}
          </form>
        </Dialog>
      ) : null}
      {asking === 'schedule' ? (
        <Dialog title={t('workflow.scheduleTitle')} onClose={() => setAsking(null)}>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (when) void run('schedule', { scheduledAt: fromVietnamLocalInput(when) });
            }}
          >
            <DateTimeField label={t('workflow.scheduleAt')} value={when} onChange={setWhen} required autoFocus />
            {dialogEnd}
          </form>
        </Dialog>
      ) : null}
      {asking === 'approve' ? (
        <ApproveDialog
          mustSign={mustSign}
          error={error}
          onCancel={() => setAsking(null)}
          onConfirm={(choice) => void run('approve', choice)}
        />
      ) : null}
      {asking === 'publish' ? (
        <PublishConfirmDialog
          article={article}
          error={error}
          onCancel={() => setAsking(null)}
          onConfirm={(override) => void run('publish', override ? { qualityOverride: override } : {})}
        />
      ) : null}
    </section>
  );
}
