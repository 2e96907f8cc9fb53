import type { ArticleStatus } from '../../../shared/contract/articles';
import { ContractError } from '../../../shared/contract/errors';
import { bodyPlainText } from '../../../shared/render/article-html';
import { parseBody } from '../../../shared/render/body-nodes';
import { diffWords } from '../../../shared/workflow/diff';
import { formatChanges } from '../../../shared/workflow/format-diff';
import { invalidTransitionError, nextStatus, TRANSITIONS } from '../../../shared/workflow/status-machine';
import { authRequired } from '../access';
import { enqueueForTransition } from '../publish/enqueue';
import { signerOf } from '../signing/certificates';
import { approvalContent } from '../signing/content-hash';
import { signApproval, type SigningDeps } from '../signing/signing';
import {
  endReview,
  finalApproval,
  recordDecision,
  reviewOf,
  startReview,
  type ApprovalSignature,
  type Review,
} from '../store/approvals';
import {
  conflictError,
  countByStatus,
  getArticle,
  restoreRevision,
  transitionArticle,
  versionText,
  type VersionText,
} from '../store/articles';
import { qualityGate } from '../quality/gate';
import { insertComment, listComments } from '../store/comments';
import { htmlToIndexText } from '../store/index-text';
import { recordVersion, versionHistory } from '../store/versions';
import { sendBackAfterEditAudited } from './approval';
import type { Actor, CoreServices, Handler } from './types';

type WorkflowChannel =
  | 'articles.transition'
  | 'articles.diff'
  | 'articles.history'
  | 'articles.restoreRevision'
  | 'comments.list'
  | 'comments.add'
  | 'workflow.counts';

function signedIn(actor: Actor | null): Actor {
  if (!actor) throw authRequired(false);
  return actor;
}

function invalidField(path: string, vi: string, en: string): ContractError {
  return new ContractError('VALIDATION', `Dữ liệu không hợp lệ — ${path}: ${vi}`, `Invalid input — ${path}: ${en}`, [
    { path, message: `${path}: ${vi}`, messageEn: `${path}: ${en}` },
  ]);
}

/** The body as plain text: from the editor document, or (an article without one) the text of its stored HTML. */
function bodyText(v: VersionText): string {
  const body = parseBody(v.bodyJson);
  if (body !== null) return bodyPlainText(body);
  return htmlToIndexText(v.bodyHtml)
    .replace(/[ \t\r\f\v]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n\n')
    .trim();
}

/** Words of a version's title, lead and body, as the editor counts them (runs of non-space). */
function wordCount(v: VersionText): number {
  return `${v.title} ${v.lead} ${bodyText(v)}`.split(/\s+/u).filter((word) => word !== '').length;
}

/** The review an article waits in; one submitted before chains existed waits at the default chain's only step. */
function reviewFor(services: CoreServices, id: number, categoryId: number | null, at: string): Review {
  return reviewOf(services.db, id) ?? startReview(services.db, id, categoryId, at);
}

function signatureRequired(step: number, count: number): ContractError {
  return new ContractError(
    'SIGNATURE_REJECTED',
    `Bước ${step + 1}/${count} cần chữ ký số: hãy duyệt bằng thiết bị ký số (USB token) hoặc tệp chữ ký số đã nạp.`,
    `Step ${step + 1}/${count} must be signed: approve with a signing token (USB) or your imported signing file.`,
  );
}

/**
 * Published = approved: a publication goes out only when the text is the one the last step approved (and signed where
 * required). Articles from before approval records existed (none on record) publish as before.
 */
function assertApprovedText(services: CoreServices, deps: SigningDeps, id: number, version: number): void {
  const approval = finalApproval(services.db, id);
  if (!approval) return;
  if (approvalContent(services.db, deps.dataDir, id, version).hash === approval.contentHash) return;
  throw new ContractError(
    'INVALID_TRANSITION',
    `Bài #${id} đã được sửa sau khi duyệt (phiên bản ${approval.version} được duyệt): bản sẽ lên cổng khác bản đã duyệt. Hãy gửi duyệt lại trước khi đăng.`,
    `Article #${id} was changed after it was approved (version ${approval.version} was approved): what would go on the portal differs from the approved text. Submit it for approval again before publishing.`,
  );
}

export function workflowHandlers(services: CoreServices, deps: SigningDeps): { [C in WorkflowChannel]: Handler<C> } {
  const { db } = services;
  return {
    'articles.transition': async (
      { id, baseVersion, action, reason, scheduledAt, signWith, pin, qualityOverride },
      actor,
    ) => {
      const me = signedIn(actor);
      const now = services.now();
      const at = now.toISOString();
      const rule = TRANSITIONS[action];
      const text = reason?.trim() ?? '';
      // A signature is made before the transaction (a token takes its time): over the text of baseVersion, which the
      // transaction then finds unchanged or refuses as a conflict.
      let signed: { hash: string; signature: ApprovalSignature } | null = null;
      if (action === 'approve' && signWith) {
        const current = getArticle(db, id);
        if (current.version !== baseVersion) throw conflictError(id, baseVersion, current.version);
        signed = await signApproval(
          db,
          deps,
          me.id,
          id,
          baseVersion,
          signWith === 'pkcs11' ? { method: 'pkcs11', pin: pin ?? '' } : { method: 'pkcs12' },
          now,
        );
      }
      let decision: { review: Review; step: number } | null = null;
      const changed = db
        .transaction(() => {
          const { before, after } = transitionArticle(db, id, baseVersion, at, (current) => {
            if (current.trashedAt !== null) {
              throw new ContractError(
                'INVALID_TRANSITION',
                `Bài viết #${id} đang ở trong thùng rác; hãy lấy bài ra khỏi thùng rác trước khi chuyển trạng thái.`,
                `Article #${id} is in the trash; restore it before changing its status.`,
              );
            }
            let to: ArticleStatus | null = nextStatus(current.status, action);
            if (to === null) throw invalidTransitionError(id, current.status, action);
            qualityGate(services, me, current, action, qualityOverride);
            if (action === 'withdraw' && reviewOf(db, id)?.acted)
              throw new ContractError(
                'INVALID_TRANSITION',
                `Không thể rút lại bài #${id}: một bước duyệt đã xử lý bài. Hãy đề nghị người duyệt trả lại bài.`,
                `Article #${id} cannot be withdrawn: a step of its approval has already acted on it. Ask the approver to return it.`,
              );
            if (action === 'approve' || action === 'return') {
              const review = reviewFor(services, id, current.categoryId, at);
              const step = review.currentStep;
              decision = { review, step };
              const last = step === review.steps.length - 1;
              if (action === 'approve' && !last) to = rule.toBeforeLastStep ?? to;
              if (action === 'approve' && review.steps[step]?.signed && !signed)
                throw signatureRequired(step, review.steps.length);
            }
            if (action === 'publish' || action === 'schedule' || action === 'update')
              assertApprovedText(services, deps, id, current.version);
            if (rule.requires === 'reason' && text === '') {
              throw invalidField('reason', 'cần ghi lý do trả lại bài', 'a reason is required to return an article');
            }
            let publishedAt = current.publishedAt;
            if (action === 'schedule') {
              if (!scheduledAt)
                throw invalidField('scheduledAt', 'cần thời điểm hẹn giờ đăng', 'the time to publish at is required');
              if (Date.parse(scheduledAt) <= now.getTime())
                throw invalidField(
                  'scheduledAt',
                  'thời điểm hẹn giờ đăng phải ở tương lai',
                  'the time to publish at must be in the future',
                );
              publishedAt = new Date(scheduledAt).toISOString();
            }
            if (action === 'publish' && !(publishedAt !== null && Date.parse(publishedAt) <= now.getTime()))
              publishedAt = at;
            return { status: to, publishedAt };
          });
          // The reason of a return is the writer's to read: it is kept as a review comment (any other reason, as a comment).
          if (text !== '')
            insertComment(
              db,
              {
                articleId: id,
                authorId: me.id,
                body: text,
                kind: action === 'return' ? 'return' : 'comment',
                replyTo: null,
              },
              at,
            );
          const stepDetails = recordStep(before.version);
          const made = decision;
          recordVersion(
            db,
            id,
            after.version,
            {
              event: action,
              userId: me.id,
              step: made ? made.step + 1 : undefined,
              stepCount: made?.review.steps.length,
            },
            at,
          );
          services.audit({
            actor: me,
            action: 'article.transition',
            target: { type: 'article', id },
            details: {
              action,
              from: before.status,
              to: after.status,
              version: after.version,
              title: after.title,
              ...stepDetails,
              ...(text ? { reason: text } : {}),
              ...(after.publishedAt !== before.publishedAt ? { publishedAt: after.publishedAt } : {}),
            },
          });
          if (action === 'submit') startReview(db, id, after.categoryId, at);
          if (action === 'reopen') endReview(db, id);
          // The status and what it means for every publishing target are stored together.
          enqueueForTransition(db, action, after, me.id, at, text);
          return after;
        })
        .immediate();

      /** Appends the decision of a step (approve, return) to the record; answers what the audit entry says of it. */
      function recordStep(version: number): Record<string, unknown> {
        if (!decision || (action !== 'approve' && action !== 'return')) return {};
        const { review, step } = decision;
        const hash = signed?.hash ?? approvalContent(db, deps.dataDir, id, version).hash;
        const recordId = recordDecision(
          db,
          {
            articleId: id,
            step,
            stepCount: review.steps.length,
            decision: action,
            actorId: me.id,
            version,
            contentHash: hash,
            reason: text,
            signature: signed?.signature ?? null,
          },
          at,
        );
        return {
          step: step + 1,
          stepCount: review.steps.length,
          approvedVersion: version,
          contentHash: hash,
          record: recordId,
          ...(signed ? { signer: signerOf(signed.signature.certificatePem) } : {}),
        };
      }
      services.wakePublisher();
      return changed;
    },

    'comments.list': ({ articleId }) => listComments(db, articleId),

    'comments.add': ({ articleId, body, replyTo }, actor) => {
      const me = signedIn(actor);
      return db
        .transaction(() =>
          insertComment(
            db,
            { articleId, authorId: me.id, body, kind: 'comment', replyTo: replyTo ?? null },
            services.now().toISOString(),
          ),
        )
        .immediate();
    },

    'articles.diff': ({ id, from, to }) => {
      const a = versionText(db, id, from);
      const b = versionText(db, id, to);
      return {
        title: diffWords(a.title, b.title),
        lead: diffWords(a.lead, b.lead),
        body: diffWords(bodyText(a), bodyText(b)),
        formatting: formatChanges(a.bodyJson, b.bodyJson),
      };
    },

    'articles.history': ({ id }) => versionHistory(db, id, (version) => wordCount(versionText(db, id, version))),

    'articles.restoreRevision': ({ id, version, baseVersion }, actor) =>
      db
        .transaction(() => {
          const at = services.now().toISOString();
          const restored = restoreRevision(db, id, version, baseVersion, at);
          recordVersion(
            db,
            id,
            restored.version,
            { event: 'restored', userId: actor?.id ?? null, fromVersion: version },
            at,
          );
          sendBackAfterEditAudited(services, restored, actor);
          services.audit({
            actor,
            action: 'article.restoreRevision',
            target: { type: 'article', id },
            details: { restoredVersion: version, version: restored.version, title: restored.title },
          });
          return restored;
        })
        .immediate(),

    'workflow.counts': (_input, actor) => {
      const me = signedIn(actor);
      const counts = countByStatus(db, me.role === 'writer' ? me.id : null);
      return {
        pendingReview: counts.pending_review ?? 0,
        returned: counts.returned ?? 0,
        approved: counts.approved ?? 0,
        scheduled: counts.scheduled ?? 0,
      };
    },
  };
}
