import { useEffect, useState } from 'react';
import type { Article } from '../../../shared/contract/articles';
import type { QualityFindingShape } from '../../../shared/contract/quality';
import { bodyPlainText } from '../../../shared/render/article-html';
import { parseBody } from '../../../shared/render/body-nodes';
import { call } from '../api/client';
import { Dialog } from '../components/Dialog';
import { InlineError } from '../components/InlineError';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import './quality.css';

interface Props {
  article: Article;
  /** The error of the last attempt (a refusal from the core), shown in the dialog. */
  error: unknown;
  onCancel: () => void;
  /** Publish; with a reason when the article still has warnings (audited as quality.override). */
  onConfirm: (override: { reason: string } | undefined) => void;
}

/** Before Đăng bài: what is about to go public, and what the check still says of it. */
export function PublishConfirmDialog({ article, error, onCancel, onConfirm }: Props) {
  const { t, language } = useI18n();
  const [findings, setFindings] = useState<QualityFindingShape[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [reason, setReason] = useState('');

  useEffect(() => {
    call('quality.check', { articleId: article.id })
      .then((answer) => setFindings(answer.findings))
      .catch(setFailure);
  }, [article.id, article.version]);

  const blocking = (findings ?? []).filter((f) => f.severity === 'block');
  const warnings = (findings ?? []).filter((f) => f.severity === 'warn');
  const text = bodyPlainText(parseBody(article.bodyJson));
  const words = text.split(/\s+/).filter(Boolean).length;

  return (
    <Dialog title={t('quality.confirmTitle')} onClose={onCancel} className="publish-confirm">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (findings === null || blocking.length > 0) return;
          onConfirm(warnings.length > 0 ? { reason: reason.trim() } : undefined);
        }}
      >
        <h3>{t('quality.confirmSummary')}</h3>
        <dl className="publish-summary">
          <dt>{t('quality.field.title')}</dt>
          <dd>{article.title}</dd>
          <dt>{t('quality.field.category')}</dt>
          <dd>{article.categoryName ?? t('common.none')}</dd>
          <dt>{t('quality.field.author')}</dt>
          <dd>{article.author || t('common.none')}</dd>
          <dt>{t('quality.field.lead')}</dt>
          <dd>{article.lead || t('common.none')}</dd>
          <dt>{t('quality.field.body')}</dt>
          <dd>{t('quality.words', { count: words })}</dd>
        </dl>
        {findings === null && !failure ? <p role="status">{t('quality.checking')}</p> : null}
        <InlineError error={failure} />
        {findings !== null ? (
          <p role="status">
            {blocking.length > 0
              ? t('quality.confirmBlocked')
              : warnings.length > 0
                ? t('quality.confirmWarnings', { count: warnings.length })
                : t('quality.confirmClean')}
          </p>
        ) : null}
        {findings && findings.length > 0 ? (
          <ul className="quality-list" tabIndex={0} aria-label={t('quality.title')}>
            {[...blocking, ...warnings].map((f, index) => (
              <li key={index} className={`quality-item quality-${f.severity}`}>
                <span className="quality-where">
                  {t(f.severity === 'block' ? 'quality.block' : 'quality.warn')} ·{' '}
                  {t(`quality.field.${f.field}` as MessageKey)}
                </span>
                <span className="quality-message">{language === 'vi' ? f.message : f.messageEn}</span>
              </li>
            ))}
          </ul>
        ) : null}
        {blocking.length === 0 && warnings.length > 0 ? (
          <label className="field">
            <span className="field-label">{t('quality.overrideReason')}</span>
            <textarea rows={2} value={reason} onChange={(event) => setReason(event.target.value)} required />
          </label>
        ) : null}
        <InlineError error={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={findings === null || blocking.length > 0}>
            {t('quality.publishNow')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
