import type { ArticleStatus } from '../../../shared/contract/articles';
import { ContractError } from '../../../shared/contract/errors';
import { bodyPlainText } from '../../../shared/render/article-html';
import { parseBody } from '../../../shared/render/body-nodes';
import { diffWords } from '../../../shared/workflow/diff';
import { invalidTransitionError, nextStatus, TRANSITIONS } from '../../../shared/workflow/status-machine';
import { authRequired } from '../access';
import { enqueueForTransition } from '../publish/enqueue';
import { countByStatus, restoreRevision, transitionArticle, versionText, type VersionText } from '../store/articles';
import { qualityGate } from '../quality/gate';
import { insertComment, listComments } from '../store/comments';
import { htmlToIndexText } from '../store/index-text';
import type { Actor, CoreServices, Handler } from './types';

type WorkflowChannel =
  | 'articles.transition'
  | 'articles.diff'
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

export function workflowHandlers(services: CoreServices): { [C in WorkflowChannel]: Handler<C> } {
  const { db } = services;
  return {
    'articles.transition': ({ id, baseVersion, action, reason, scheduledAt, qualityOverride }, actor) => {
      const me = signedIn(actor);
      const now = services.now();
      const at = now.toISOString();
      const rule = TRANSITIONS[action];
      const text = reason?.trim() ?? '';
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
            const to: ArticleStatus | null = nextStatus(current.status, action);
            if (to === null) throw invalidTransitionError(id, current.status, action);
            qualityGate(services, me, current, action, qualityOverride);
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
              ...(text ? { reason: text } : {}),
              ...(after.publishedAt !== before.publishedAt ? { publishedAt: after.publishedAt } : {}),
            },
          });
          // The status and what it means for every publishing target are stored together.
          enqueueForTransition(db, action, after, me.id, at, text);
          return after;
        })
        .immediate();
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
      };
    },

    'articles.restoreRevision': ({ id, version, baseVersion }, actor) =>
      db
        .transaction(() => {
          const restored = restoreRevision(db, id, version, baseVersion, services.now().toISOString());
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
