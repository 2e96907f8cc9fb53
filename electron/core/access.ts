/**
 * The access policy: who may call which channel. The core asks it before any handler runs, for every call, whichever
 * transport it came through — a button the UI hides is never the check. The table is a Record over every channel
 * name, so a new channel does not compile until it has a rule here.
 *
 * Two steps: `beforeInput` (from the session alone: signed in? the right role?) runs before the input is even
 * validated; `afterInput` (needs the validated input: whose article, in which status; whose password) runs just before
 * the handler. A refusal answers FORBIDDEN, says what the role may not do, and is written to the audit log as
 * 'access.denied'.
 */
import type { ArticleStatus } from '../../shared/contract/articles';
import type { ChannelName } from '../../shared/contract';
import type { Role } from '../../shared/contract/auth';
import { ContractError } from '../../shared/contract/errors';
import type { TransitionAction } from '../../shared/contract/workflow';
import type { ApprovalStep } from '../../shared/contract/approval';
import { ACTION_NAMES, ROLE_NAMES, STATUS_NAMES, type Bilingual } from '../../shared/workflow/labels';
import { forbiddenTransitionError, mayAttempt } from '../../shared/workflow/status-machine';
import { DEFAULT_CHAIN, mayDecide, reviewOf, userNames } from './store/approvals';
import { articleAccessInfo } from './store/articles';
import type { Actor, CoreServices } from './handlers/types';

export type AccessRule =
  /** Anyone, signed in or not (the sign-in screen needs these). */
  | 'public'
  /** Any signed-in user. */
  | 'signedIn'
  /** Editors and administrators. */
  | 'editor'
  /** Those who may decide at a step of an approval chain: editors, leaders, administrators. */
  | 'approver'
  /** Administrators only. */
  | 'admin'
  /** Administrators, or a user about themselves (the input's `id`). */
  | 'adminOrSelf'
  /** Writers: their own article while it is a draft or returned; editors and administrators: any article; leaders: none. */
  | 'articleEdit'
  /**
   * Per the state machine (shared/workflow/status-machine.ts): the role, and for writers whether they own the article;
   * approve and return only for those the step the article waits at names (store/approvals.ts).
   */
  | 'articleTransition';

export interface ChannelAccess {
  rule: AccessRule;
  /** What the channel does, as the message of a refusal says it: "… không được {vi}" / "… may not {en}". */
  what: Bilingual;
  /** For articleEdit: what a writer may do on their own articles. */
  own?: Bilingual;
}

const t = (vi: string, en: string): Bilingual => ({ vi, en });

export const ACCESS: Record<ChannelName, ChannelAccess> = {
  'app.info': { rule: 'public', what: t('xem thông tin ứng dụng', 'see the application info') },
  'settings.get': { rule: 'public', what: t('xem cài đặt', 'read the settings') },
  'settings.update': { rule: 'public', what: t('đổi cài đặt', 'change the settings') },
  'auth.status': { rule: 'public', what: t('xem trạng thái đăng nhập', 'see who is signed in') },
  'auth.setupFirstAdmin': { rule: 'public', what: t('tạo quản trị viên đầu tiên', 'create the first administrator') },
  'auth.signIn': { rule: 'public', what: t('đăng nhập', 'sign in') },
  'auth.signOut': { rule: 'public', what: t('đăng xuất', 'sign out') },

  'articles.list': { rule: 'signedIn', what: t('xem danh sách bài viết', 'list articles') },
  'articles.get': { rule: 'signedIn', what: t('đọc bài viết', 'read articles') },
  'articles.revisions': {
    rule: 'signedIn',
    what: t('xem các phiên bản của bài viết', 'list the revisions of articles'),
  },
  'articles.revision': { rule: 'signedIn', what: t('xem một phiên bản của bài viết', 'read a revision of an article') },
  'articles.diff': { rule: 'signedIn', what: t('so sánh các phiên bản', 'compare versions') },
  'articles.history': {
    rule: 'signedIn',
    what: t('xem các phiên bản của bài viết', 'list the versions of an article'),
  },
  'categories.list': { rule: 'signedIn', what: t('xem danh sách chuyên mục', 'list categories') },
  'portal.get': { rule: 'signedIn', what: t('xem hồ sơ cổng thông tin', 'read the portal profile') },
  'preview.articleHtml': { rule: 'signedIn', what: t('xem trước bài viết', 'preview articles') },
  'preview.page': { rule: 'signedIn', what: t('xem trước trang bài viết', 'preview article pages') },
  'comments.list': { rule: 'signedIn', what: t('đọc bình luận duyệt bài', 'read review comments') },
  'workflow.counts': { rule: 'signedIn', what: t('xem số bài theo trạng thái', 'see the article counts') },
  'media.import': { rule: 'signedIn', what: t('nhập ảnh', 'import images') },
  'attachments.list': { rule: 'signedIn', what: t('xem văn bản đính kèm', 'list attached documents') },
  'setup.status': { rule: 'signedIn', what: t('xem trạng thái thiết lập ban đầu', 'see the first-run status') },
  'articles.create': { rule: 'signedIn', what: t('tạo bài viết', 'create articles') },
  'comments.add': { rule: 'signedIn', what: t('bình luận', 'comment') },

  'articles.update': {
    rule: 'articleEdit',
    what: t('sửa bài viết', 'edit articles'),
    own: t('sửa bài viết của chính mình', 'edit their own articles'),
  },
  'articles.saveBody': {
    rule: 'articleEdit',
    what: t('sửa bài viết', 'edit articles'),
    own: t('sửa bài viết của chính mình', 'edit their own articles'),
  },
  'articles.restoreRevision': {
    rule: 'articleEdit',
    what: t('khôi phục phiên bản cũ của bài viết', 'restore earlier versions of articles'),
    own: t('khôi phục phiên bản cũ của bài viết của chính mình', 'restore earlier versions of their own articles'),
  },
  'articles.trash': {
    rule: 'articleEdit',
    what: t('chuyển bài viết vào thùng rác', 'move articles to the trash'),
    own: t('chuyển vào thùng rác bài viết của chính mình', 'move their own articles to the trash'),
  },
  'articles.restore': {
    rule: 'articleEdit',
    what: t('lấy bài viết ra khỏi thùng rác', 'restore articles from the trash'),
    own: t('lấy ra khỏi thùng rác bài viết của chính mình', 'restore their own articles from the trash'),
  },
  'attachments.add': {
    rule: 'articleEdit',
    what: t('đính kèm văn bản vào bài viết', 'attach documents to articles'),
    own: t('đính kèm văn bản vào bài viết của chính mình', 'attach documents to their own articles'),
  },
  'attachments.update': {
    rule: 'articleEdit',
    what: t('sửa thông tin văn bản đính kèm', 'change the particulars of attached documents'),
    own: t(
      'sửa thông tin văn bản đính kèm của bài viết của chính mình',
      'change the attached documents of their own articles',
    ),
  },
  'attachments.remove': {
    rule: 'articleEdit',
    what: t('bỏ văn bản đính kèm', 'remove attached documents'),
    own: t('bỏ văn bản đính kèm khỏi bài viết của chính mình', 'remove attached documents from their own articles'),
  },
  'attachments.reorder': {
    rule: 'articleEdit',
    what: t('sắp xếp văn bản đính kèm', 'reorder attached documents'),
    own: t(
      'sắp xếp văn bản đính kèm của bài viết của chính mình',
      'reorder the attached documents of their own articles',
    ),
  },
  'articles.purge': { rule: 'editor', what: t('xóa vĩnh viễn bài viết', 'delete articles for good') },
  'articles.transition': {
    rule: 'articleTransition',
    what: t('chuyển trạng thái bài viết', 'change the status of articles'),
  },

  'users.list': { rule: 'admin', what: t('xem danh sách người dùng', 'list users') },
  'users.create': { rule: 'admin', what: t('tạo người dùng', 'create users') },
  'users.update': {
    rule: 'admin',
    what: t('sửa, khóa hay đổi vai trò người dùng', 'change, disable or re-role users'),
  },
  'users.resetPassword': {
    rule: 'adminOrSelf',
    what: t('đặt lại mật khẩu của người khác', "reset other users' passwords"),
  },
  'audit.list': { rule: 'admin', what: t('xem nhật ký hệ thống', 'read the audit log') },
  'audit.exportCsv': { rule: 'admin', what: t('xuất nhật ký hệ thống', 'export the audit log') },
  'approval.chains': { rule: 'signedIn', what: t('xem quy trình duyệt', 'see the approval chains') },
  'approval.setChain': { rule: 'admin', what: t('đặt quy trình duyệt', 'set approval chains') },
  'approval.status': {
    rule: 'signedIn',
    what: t('xem tiến trình duyệt bài', 'see where an article is in its approval'),
  },
  'approval.verify': { rule: 'signedIn', what: t('kiểm tra chữ ký số', 'check digital signatures') },
  'signing.config': { rule: 'admin', what: t('xem cài đặt chữ ký số', 'read the digital signature settings') },
  'signing.setModule': { rule: 'admin', what: t('đặt thư viện thiết bị ký số', 'set the signing token library') },
  'signing.addTrust': {
    rule: 'admin',
    what: t('thêm tổ chức chứng thực hay danh sách thu hồi', 'add certificate authorities or CRLs'),
  },
  'signing.removeTrust': {
    rule: 'admin',
    what: t('bỏ tổ chức chứng thực hay danh sách thu hồi', 'remove certificate authorities or CRLs'),
  },
  'signing.importPkcs12': { rule: 'approver', what: t('nạp tệp chữ ký số', 'import a signing file') },
  'signing.myKey': { rule: 'signedIn', what: t('xem chứng thư số của mình', 'see their own certificate') },
  'targets.list': { rule: 'editor', what: t('xem các đích xuất bản', 'list the publishing targets') },
  'targets.create': { rule: 'admin', what: t('thêm đích xuất bản', 'add publishing targets') },
  'targets.update': { rule: 'admin', what: t('sửa đích xuất bản', 'change publishing targets') },
  'targets.delete': { rule: 'admin', what: t('xóa đích xuất bản', 'remove publishing targets') },
  'targets.check': { rule: 'admin', what: t('kiểm tra đích xuất bản', 'check publishing targets') },
  'targets.rebuild': { rule: 'admin', what: t('dựng lại toàn bộ đích xuất bản', 'rebuild publishing targets') },
  'publish.jobs': { rule: 'editor', what: t('xem hàng đợi xuất bản', 'see the publishing queue') },
  'publish.retry': { rule: 'editor', what: t('thử lại lệnh xuất bản', 'retry publishing jobs') },
  'publish.cancel': { rule: 'editor', what: t('hủy lệnh xuất bản', 'cancel publishing jobs') },
  'setup.loadDemo': { rule: 'admin', what: t('nạp dữ liệu mẫu', 'load the demo') },
  'setup.declineDemo': { rule: 'admin', what: t('từ chối dữ liệu mẫu', 'decline the demo') },
  'portal.update': { rule: 'admin', what: t('sửa hồ sơ cổng thông tin', 'change the portal profile') },
  'categories.create': { rule: 'admin', what: t('tạo chuyên mục', 'create categories') },
  'categories.update': { rule: 'admin', what: t('sửa chuyên mục', 'change categories') },
  'categories.delete': { rule: 'admin', what: t('xóa chuyên mục', 'delete categories') },
  'profile.get': { rule: 'admin', what: t('xem hồ sơ tổ chức', 'read the organisation profile') },
  'profile.export': { rule: 'admin', what: t('xuất hồ sơ tổ chức', 'export the organisation profile') },
  'profile.update': { rule: 'admin', what: t('sửa hồ sơ tổ chức', 'change the organisation profile') },
  'quality.check': {
    rule: 'signedIn',
    what: t('kiểm tra bài viết trước khi đăng', 'check articles before publishing'),
  },
  'quality.settings': { rule: 'signedIn', what: t('xem cài đặt kiểm tra bài viết', 'read the check settings') },
  'quality.updateSettings': { rule: 'admin', what: t('đổi cài đặt kiểm tra bài viết', 'change the check settings') },
  'quality.suggest': { rule: 'signedIn', what: t('xem gợi ý chính tả', 'see spelling suggestions') },
  'quality.addWord': { rule: 'signedIn', what: t('thêm từ vào từ điển', 'add words to the dictionary') },
  'backup.create': { rule: 'admin', what: t('sao lưu dữ liệu', 'back up the data') },
  'backup.restore': { rule: 'admin', what: t('khôi phục dữ liệu từ bản sao lưu', 'restore the data from a backup') },
};

/** Who each rule lets through, in words (for docs/api.md). */
export const RULE_DESCRIPTION: Record<AccessRule, string> = {
  public: 'anyone, signed in or not',
  signedIn: 'any signed-in user',
  editor: 'editors and administrators',
  approver: 'editors, approving leaders and administrators',
  admin: 'administrators only',
  adminOrSelf: 'administrators; any user for their own account',
  articleEdit:
    'writers: their own article while it is a draft or returned; editors and administrators: any article; approving leaders: none',
  articleTransition:
    'per the state machine: writers submit and withdraw their own articles; approve and return: those the step of the approval chain names (administrators at every step); editors and administrators take the other actions',
};

/** The statuses in which a writer may still change their own article. */
export const WRITER_EDITABLE: readonly ArticleStatus[] = ['draft', 'returned'];

export function authRequired(ended: boolean): ContractError {
  return ContractError.of('AUTH_REQUIRED', ended ? 'auth.sessionEnded' : 'auth.signInRequired');
}

function roleOnly(actor: Actor, access: ChannelAccess, allowed: Role[]): ContractError {
  const r = ROLE_NAMES[actor.role];
  const who = allowed.map((x) => ROLE_NAMES[x]);
  return new ContractError(
    'FORBIDDEN',
    `Vai trò ${r.vi} không được ${access.what.vi}; chỉ ${who.map((x) => x.vi).join(' hoặc ')} mới được làm việc này.`,
    `The ${r.en.toLowerCase()} role may not ${access.what.en}; only ${who.map((x) => `${x.en.toLowerCase()}s`).join(' or ')} may.`,
  );
}

export interface AccessPolicy {
  /** Before validation: throws AUTH_REQUIRED or FORBIDDEN. */
  beforeInput(channel: ChannelName, actor: Actor | null, sessionEnded: boolean): void;
  /** After validation, before the handler: throws FORBIDDEN (or NOT_FOUND for an article that does not exist). */
  afterInput(channel: ChannelName, input: unknown, actor: Actor | null): void;
}

export function createAccessPolicy(services: CoreServices): AccessPolicy {
  const { db } = services;

  function deny(
    actor: Actor,
    channel: ChannelName,
    reason: string,
    error: ContractError,
    target: { type: string; id: number } | null = null,
  ): never {
    // What was refused, in both languages, so the audit log can say it in words.
    const what = ACCESS[channel].what;
    services.audit({ actor, action: 'access.denied', target, details: { channel, what, role: actor.role, reason } });
    throw error;
  }

  return {
    beforeInput(channel, actor, sessionEnded) {
      const access = ACCESS[channel];
      if (access.rule === 'public') return;
      if (!actor) throw authRequired(sessionEnded);
      if (access.rule === 'admin' && actor.role !== 'admin')
        deny(actor, channel, 'role', roleOnly(actor, access, ['admin']));
      if (access.rule === 'editor' && actor.role !== 'editor' && actor.role !== 'admin')
        deny(actor, channel, 'role', roleOnly(actor, access, ['editor', 'admin']));
      if (access.rule === 'approver' && actor.role === 'writer')
        deny(actor, channel, 'role', roleOnly(actor, access, ['editor', 'leader', 'admin']));
    },

    afterInput(channel, input, actor) {
      const access = ACCESS[channel];
      if (!actor) return;
      if (access.rule === 'adminOrSelf') {
        const id = (input as { id: number }).id;
        if (actor.role !== 'admin' && id !== actor.id) {
          const r = ROLE_NAMES[actor.role];
          deny(
            actor,
            channel,
            'notSelf',
            new ContractError(
              'FORBIDDEN',
              `Vai trò ${r.vi} không được ${access.what.vi}; chỉ được đổi mật khẩu của chính mình.`,
              `The ${r.en.toLowerCase()} role may not ${access.what.en}; only their own password.`,
            ),
            { type: 'user', id },
          );
        }
        return;
      }
      if (access.rule === 'articleEdit') {
        const id = (input as { id: number }).id;
        if (actor.role === 'leader') {
          const r = ROLE_NAMES.leader;
          deny(
            actor,
            channel,
            'role',
            new ContractError(
              'FORBIDDEN',
              `${r.vi} duyệt hoặc trả lại bài, không được ${access.what.vi} (bài #${id}).`,
              `An approving leader approves or returns articles and may not ${access.what.en} (article #${id}).`,
            ),
            { type: 'article', id },
          );
        }
        if (actor.role !== 'writer') return;
        const article = articleAccessInfo(db, id);
        const own = access.own ?? access.what;
        const r = ROLE_NAMES.writer;
        if (article.ownerId !== actor.id) {
          deny(
            actor,
            channel,
            'notOwner',
            new ContractError(
              'FORBIDDEN',
              `Bài #${id} không phải của bạn: ${r.vi} chỉ được ${own.vi}.`,
              `Article #${id} is not yours: a writer may only ${own.en}.`,
            ),
            { type: 'article', id },
          );
        }
        if (!WRITER_EDITABLE.includes(article.status)) {
          const s = STATUS_NAMES[article.status];
          deny(
            actor,
            channel,
            'status',
            new ContractError(
              'FORBIDDEN',
              `Bài #${id} đang ở trạng thái “${s.vi}”: ${r.vi} chỉ được ${own.vi} khi bài ở trạng thái “${STATUS_NAMES.draft.vi}” hoặc “${STATUS_NAMES.returned.vi}”.`,
              `Article #${id} is “${s.en}”: a writer may only ${own.en} while they are “${STATUS_NAMES.draft.en}” or “${STATUS_NAMES.returned.en}”.`,
            ),
            { type: 'article', id },
          );
        }
        return;
      }
      if (access.rule === 'articleTransition') {
        const { id, action } = input as { id: number; action: TransitionAction };
        const article = articleAccessInfo(db, id);
        if (!mayAttempt(action, actor.role, article.ownerId === actor.id)) {
          deny(actor, channel, `action:${action}`, forbiddenTransitionError(id, action, actor.role), {
            type: 'article',
            id,
          });
        }
        if ((action === 'approve' || action === 'return') && article.status === 'pending_review') {
          const review = reviewOf(db, id);
          const steps = review?.steps ?? DEFAULT_CHAIN;
          const index = review?.currentStep ?? 0;
          const step = steps[index] ?? DEFAULT_CHAIN[0];
          if (step && !mayDecide(step, actor))
            deny(
              actor,
              channel,
              `step:${index + 1}`,
              notThisStepError(actor.role, id, action, index, steps.length, step, db),
              {
                type: 'article',
                id,
              },
            );
        }
      }
    },
  };
}

/** FORBIDDEN naming the step the article waits at and who decides there. */
function notThisStepError(
  role: Role,
  id: number,
  action: TransitionAction,
  index: number,
  count: number,
  step: ApprovalStep,
  db: CoreServices['db'],
): ContractError {
  const a = ACTION_NAMES[action];
  const names = step.userIds.length > 0 ? userNames(db, step.userIds) : null;
  const whoVi = names ?? ROLE_NAMES[step.role].vi;
  const whoEn = names ?? `an ${ROLE_NAMES[step.role].en.toLowerCase()}`;
  const r = ROLE_NAMES[role];
  return new ContractError(
    'FORBIDDEN',
    `${r.vi} không được ${a.vi} ở bước này: bài #${id} đang chờ bước ${index + 1}/${count}, chỉ ${whoVi} (hoặc quản trị viên) mới được ${a.vi}.`,
    `A ${r.en.toLowerCase()} may not ${a.en} at this step: article #${id} waits at step ${index + 1}/${count}, where only ${whoEn} (or an administrator) may.`,
  );
}
