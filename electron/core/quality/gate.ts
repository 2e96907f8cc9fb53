/**
 * The check as the core runs it: on a stored article, with the organisation's settings, and as the gate of the
 * workflow — submit, approve, schedule and publish refuse an article with a blocking finding (QUALITY_BLOCKED, the
 * findings listed); an editor who goes on over warnings may say why, and that override is audited.
 */
import type { Article } from '../../../shared/contract/articles';
import { ContractError } from '../../../shared/contract/errors';
import type { TransitionAction } from '../../../shared/contract/workflow';
import { checkArticle, type QualityFinding } from '../../../shared/quality/check';
import type { ToneStyle } from '../../../shared/quality/syllable';
import type { Db } from '../db/database';
import type { Actor, CoreServices } from '../handlers/types';
import { htmlToIndexText } from '../store/index-text';
import { coreSpeller } from './dictionary';
import { readQualitySettings } from './settings';

export const GATED_ACTIONS: readonly TransitionAction[] = ['submit', 'approve', 'schedule', 'publish'];

type CheckedArticle = Pick<
  Article,
  | 'title'
  | 'lead'
  | 'author'
  | 'department'
  | 'categoryId'
  | 'featuredImage'
  | 'featuredCaption'
  | 'bodyJson'
  | 'bodyHtml'
>;

/** The findings on an article (saved or a draft), with the organisation's settings. */
export function checkWithSettings(db: Db, article: CheckedArticle, toneStyle?: ToneStyle): QualityFinding[] {
  const settings = readQualitySettings(db);
  return checkArticle(
    {
      ...article,
      // An article imported as HTML has no editor document: its text is checked as one block.
      ...(article.bodyJson === null && article.bodyHtml ? { bodyText: htmlToIndexText(article.bodyHtml) } : {}),
    },
    coreSpeller(),
    { ...settings, toneStyle: toneStyle ?? settings.toneStyle },
  );
}

export function qualityBlockedError(id: number, blocking: QualityFinding[]): ContractError {
  const list = (lang: 'vi' | 'en') =>
    blocking.map((f) => (lang === 'vi' ? f.message : f.messageEn).replace(/\.$/, '')).join('; ');
  return new ContractError(
    'QUALITY_BLOCKED',
    `Bài #${id} chưa qua được kiểm tra trước khi đăng: ${list('vi')}.`,
    `Article #${id} does not pass the pre-publication check: ${list('en')}.`,
    blocking.map((f) => ({
      path: f.path ? `${f.field}.${f.path.join('.')}` : f.field,
      message: `${f.rule}: ${f.message}`,
      messageEn: `${f.rule}: ${f.messageEn}`,
    })),
  );
}

/**
 * Runs the gate for a transition on the article as it is now (inside the transition's transaction): throws
 * QUALITY_BLOCKED on a blocking finding; audits an override of warnings when the caller gave one.
 */
export function qualityGate(
  services: CoreServices,
  actor: Actor,
  article: CheckedArticle & { id: number },
  action: TransitionAction,
  override: { reason: string } | undefined,
): void {
  if (!GATED_ACTIONS.includes(action)) return;
  const findings = checkWithSettings(services.db, article);
  const blocking = findings.filter((f) => f.severity === 'block');
  if (blocking.length > 0) throw qualityBlockedError(article.id, blocking);
  const warnings = findings.filter((f) => f.severity === 'warn');
  if (override && warnings.length > 0)
    services.audit({
      actor,
      action: 'quality.override',
      target: { type: 'article', id: article.id },
      details: {
        action,
        reason: override.reason,
        warnings: warnings.length,
        rules: [...new Set(warnings.map((f) => f.rule))],
      },
    });
}
