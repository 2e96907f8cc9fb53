import { useCallback, useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import type { Article } from '../../../shared/contract/articles';
import { displayDateTime } from '../../../shared/text/dateline';
import { call } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { Dialog } from './Dialog';
import { InlineError } from './InlineError';
import '../approval.css';

type ApprovalStatus = ChannelOutput<'approval.status'>;
export type SignChoice = { signWith?: 'pkcs12' | 'pkcs11'; pin?: string };

/** Where the article stands in its approval chain: each step, who decided and when, signed by whom; and a warning when the text differs from the approved one. */
export function ApprovalProgress({
  article,
  contentKey,
  onStatus,
}: {
  article: Article;
  /** Read again when it changes: the attached documents, which the approval covers, changed. */
  contentKey: number;
  onStatus?: (s: ApprovalStatus) => void;
}) {
  const { t } = useI18n();
  const [status, setStatus] = useState<ApprovalStatus | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      const next = await call('approval.status', { articleId: article.id });
      setStatus(next);
      onStatus?.(next);
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [article.id, onStatus]);
  useEffect(() => {
    void load();
  }, [load, article.version, article.status, contentKey]);

  if (error) return <InlineError error={error} />;
  if (!status) return null;
  const count = status.steps.length;
  const roleName = (role: string) => t(`role.${role}` as 'role.editor');
  return (
    <div className="approval-progress">
      {status.approvedDiffers ? (
        <p className="banner banner-warning" role="status">
          <strong>{t('approval.differs')}</strong> {t('approval.differsHint')}
        </p>
      ) : null}
      {count > 1 || status.records.length > 0 ? (
        <>
          <h3 className="approval-heading">{t('approval.progress')}</h3>
          <ol className="approval-steps">
            {status.steps.map((step, index) => (
              <li key={index} aria-current={status.currentStep === index ? 'step' : undefined}>
                {t('approval.step', { n: index + 1, count })}: {roleName(step.role)}
                {step.signed ? ` — ${t('approval.mustSign')}` : ''}
              </li>
            ))}
          </ol>
          {status.currentStep !== null ? (
            <p className="muted">
              {t('approval.waitingAt', {
                n: status.currentStep + 1,
                count,
                who: roleName(status.steps[status.currentStep]?.role ?? 'editor'),
              })}
            </p>
          ) : null}
          <ul className="approval-records">
            {status.records.map((r) => (
              <li key={r.id}>
                {r.decision === 'approve'
                  ? t('approval.approvedBy', {
                      name: r.actorName,
                      n: r.step + 1,
                      count: r.stepCount,
                      time: displayDateTime(r.at),
                    })
                  : t('approval.returnedBy', {
                      name: r.actorName,
                      n: r.step + 1,
                      count: r.stepCount,
                      time: displayDateTime(r.at),
                      reason: r.reason,
                    })}
                {r.signer ? `, ${t('approval.signedBy', { subject: r.signer.subject, issuer: r.signer.issuer })}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** Approve at a step: with no signature, the imported signing file, or the token and its PIN. */
export function ApproveDialog({
  mustSign,
  error,
  onCancel,
  onConfirm,
}: {
  mustSign: boolean;
  error: unknown;
  onCancel: () => void;
  onConfirm: (choice: SignChoice) => void;
}) {
  const { t } = useI18n();
  const [method, setMethod] = useState<'none' | 'pkcs12' | 'pkcs11'>(mustSign ? 'pkcs12' : 'none');
  const [pin, setPin] = useState('');
  return (
    <Dialog title={t('workflow.approve')} onClose={onCancel}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm(
            method === 'none' ? {} : method === 'pkcs12' ? { signWith: 'pkcs12' } : { signWith: 'pkcs11', pin },
          );
        }}
      >
        {mustSign ? <p>{t('approval.mustSign')}</p> : null}
        <fieldset className="field">
          <legend className="field-label">{t('approval.signWith')}</legend>
          {(['none', 'pkcs12', 'pkcs11'] as const)
            .filter((m) => !(mustSign && m === 'none'))
            .map((m) => (
              <label key={m} className="choice">
                <input type="radio" name="sign-with" checked={method === m} onChange={() => setMethod(m)} />{' '}
                {t(m === 'none' ? 'approval.signNone' : m === 'pkcs12' ? 'approval.signPkcs12' : 'approval.signPkcs11')}
              </label>
            ))}
        </fieldset>
        {method === 'pkcs11' ? (
          <label className="field">
            <span className="field-label">{t('approval.pin')}</span>
            <input
              type="password"
              autoComplete="off"
              value={pin}
              onChange={(event) => setPin(event.target.value)}
              required
            />
          </label>
        ) : null}
        <InlineError error={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary">
            {t('workflow.approve')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
