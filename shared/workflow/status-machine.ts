/**
 * The one state machine of an article's status. Pure: the core enforces it (electron/core/handlers/workflow.ts),
 * the renderer may use it to offer only the actions that will be accepted.
 *
 *   draft | published ─submit→ pending_review ─return→ returned ─submit→ pending_review
 *                  pending_review ─approve→ approved ─schedule→ scheduled ─publish→ published
 *                                           approved ─publish→ published ─update→ published
 *   published | scheduled ─unpublish→ unpublished;   unpublished | approved ─reopen→ draft
 *   pending_review ─withdraw→ draft (the writer, until a step of the approval chain has acted)
 *
 * An approval chain (electron/core/store/approvals.ts) has ordered steps: 'approve' leads to 'approved' only at its
 * last step; at an earlier step the article stays pending_review, waiting at the next step (`toBeforeLastStep`).
 */
import type { ArticleStatus } from '../contract/articles';
import type { Role } from '../contract/auth';
import { ContractError } from '../contract/errors';
import { TRANSITION_ACTIONS, type TransitionAction } from '../contract/workflow';
import { ACTION_NAMES, ROLE_NAMES, STATUS_NAMES } from './labels';

export interface TransitionRule {
  /** The statuses the action may start from. */
  from: readonly ArticleStatus[];
  to: ArticleStatus;
  /** Roles that may take the action on any article. */
  roles: readonly Role[];
  /** Whether a writer may take it on an article they own. */
  ownerWriter: boolean;
  /** An input the action cannot go without: the reason of a return, the time of a schedule. */
  requires?: 'reason' | 'scheduledAt';
  /** Where an approval chain's step that is not its last leads ('approve' only). */
  toBeforeLastStep?: ArticleStatus;
}

const EDITORS: readonly Role[] = ['editor', 'admin'];
/** Who may decide at a step of an approval chain (the step itself says which of them: see store/approvals.ts). */
const APPROVERS: readonly Role[] = ['editor', 'leader', 'admin'];

export const TRANSITIONS: Record<TransitionAction, TransitionRule> = {
  // From published: text changed after approval goes through the chain again before it may update the portal.
  submit: { from: ['draft', 'returned', 'published'], to: 'pending_review', roles: EDITORS, ownerWriter: true },
  return: { from: ['pending_review'], to: 'returned', roles: APPROVERS, ownerWriter: false, requires: 'reason' },
  approve: {
    from: ['pending_review'],
    to: 'approved',
    toBeforeLastStep: 'pending_review',
    roles: APPROVERS,
    ownerWriter: false,
  },
  schedule: { from: ['approved'], to: 'scheduled', roles: EDITORS, ownerWriter: false, requires: 'scheduledAt' },
  publish: { from: ['approved', 'scheduled'], to: 'published', roles: EDITORS, ownerWriter: false },
  update: { from: ['published'], to: 'published', roles: EDITORS, ownerWriter: false },
  unpublish: { from: ['published', 'scheduled'], to: 'unpublished', roles: EDITORS, ownerWriter: false },
  reopen: { from: ['unpublished', 'approved'], to: 'draft', roles: EDITORS, ownerWriter: false },
  withdraw: { from: ['pending_review'], to: 'draft', roles: [], ownerWriter: true },
};

/** Whether the role may ever take the action on this article, whatever its status. */
export function mayAttempt(action: TransitionAction, role: Role, isOwner: boolean): boolean {
  const rule = TRANSITIONS[action];
  return rule.roles.includes(role) || (rule.ownerWriter && role === 'writer' && isOwner);
}

/** The status the action leads to from this status, or null when it is not legal from there. */
export function nextStatus(status: ArticleStatus, action: TransitionAction): ArticleStatus | null {
  const rule = TRANSITIONS[action];
  return rule.from.includes(status) ? rule.to : null;
}

/** Whether this role (owning the article or not) may take the action from this status. */
export function canTransition(status: ArticleStatus, action: TransitionAction, role: Role, isOwner: boolean): boolean {
  return nextStatus(status, action) !== null && mayAttempt(action, role, isOwner);
}

/** The actions legal from a status; with a role, only those that role may take. */
export function actionsFrom(status: ArticleStatus, who?: { role: Role; isOwner: boolean }): TransitionAction[] {
  return TRANSITION_ACTIONS.filter(
    (action) => nextStatus(status, action) !== null && (!who || mayAttempt(action, who.role, who.isOwner)),
  );
}

const list = (actions: TransitionAction[], lang: 'vi' | 'en') =>
  actions.map((a) => `“${ACTION_NAMES[a][lang]}”`).join(', ');

/** INVALID_TRANSITION naming the status and the action in words, and what is possible from there. */
export function invalidTransitionError(id: number, status: ArticleStatus, action: TransitionAction): ContractError {
  const legal = actionsFrom(status);
  const s = STATUS_NAMES[status];
  const a = ACTION_NAMES[action];
  const viRest = legal.length ? ` Từ trạng thái này chỉ có thể: ${list(legal, 'vi')}.` : '';
  const enRest = legal.length ? ` From this status the possible actions are: ${list(legal, 'en')}.` : '';
  return new ContractError(
    'INVALID_TRANSITION',
    `Không thể ${a.vi} bài viết #${id} vì bài đang ở trạng thái “${s.vi}”.${viRest}`,
    `Cannot ${a.en} article #${id}: its status is “${s.en}”.${enRest}`,
  );
}

/** FORBIDDEN saying what the role may not do. */
export function forbiddenTransitionError(id: number, action: TransitionAction, role: Role): ContractError {
  const rule = TRANSITIONS[action];
  const r = ROLE_NAMES[role];
  const a = ACTION_NAMES[action];
  if (role === 'writer' && rule.ownerWriter) {
    return new ContractError(
      'FORBIDDEN',
      `${r.vi} chỉ được ${a.vi} bài viết của chính mình; bài #${id} không phải của bạn.`,
      `A ${r.en.toLowerCase()} may ${a.en} only their own articles; article #${id} is not yours.`,
    );
  }
  if (rule.roles.length === 0) {
    return new ContractError(
      'FORBIDDEN',
      `${r.vi} không được ${a.vi} (bài #${id}): chỉ người viết bài mới được làm việc này.`,
      `A ${r.en.toLowerCase()} may not ${a.en} (article #${id}): only the writer of the article may.`,
    );
  }
  const allowed = rule.roles.map((x) => ROLE_NAMES[x]);
  return new ContractError(
    'FORBIDDEN',
    `${r.vi} không được ${a.vi} bài viết (bài #${id}); chỉ ${allowed.map((x) => x.vi).join(' hoặc ')} mới được làm việc này.`,
    `A ${r.en.toLowerCase()} may not ${a.en} articles (article #${id}); only an ${allowed.map((x) => x.en.toLowerCase()).join(' or ')} may.`,
  );
}
