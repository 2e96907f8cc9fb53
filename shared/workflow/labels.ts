/**
 * Names of statuses, roles and workflow actions in Vietnamese and English, as the error messages of the core
 * say them. The status names are the ones the renderer shows (renderer/src/i18n/messages.ts STATUS_LABELS).
 */
import type { ArticleStatus } from '../contract/articles';
import type { Role } from '../contract/auth';
import type { TransitionAction } from '../contract/workflow';

export interface Bilingual {
  vi: string;
  en: string;
}

export const STATUS_NAMES: Record<ArticleStatus, Bilingual> = {
  draft: { vi: 'Bản nháp', en: 'Draft' },
  pending_review: { vi: 'Chờ duyệt', en: 'Pending review' },
  returned: { vi: 'Trả lại', en: 'Returned' },
  approved: { vi: 'Đã duyệt', en: 'Approved' },
  scheduled: { vi: 'Hẹn giờ đăng', en: 'Scheduled' },
  published: { vi: 'Đã đăng', en: 'Published' },
  unpublished: { vi: 'Đã gỡ', en: 'Unpublished' },
};

export const ROLE_NAMES: Record<Role, Bilingual> = {
  writer: { vi: 'Phóng viên / Cộng tác viên', en: 'Writer' },
  editor: { vi: 'Biên tập viên', en: 'Editor' },
  leader: { vi: 'Lãnh đạo duyệt', en: 'Approving leader' },
  admin: { vi: 'Quản trị viên', en: 'Administrator' },
};

/** Each action as a verb phrase: "không thể {vi} bài …" / "cannot {en} an article …". */
export const ACTION_NAMES: Record<TransitionAction, Bilingual> = {
  submit: { vi: 'gửi duyệt', en: 'submit for review' },
  return: { vi: 'trả lại', en: 'return' },
  approve: { vi: 'duyệt', en: 'approve' },
  schedule: { vi: 'hẹn giờ đăng', en: 'schedule' },
  publish: { vi: 'đăng', en: 'publish' },
  update: { vi: 'cập nhật bản đã đăng', en: 'republish (update)' },
  unpublish: { vi: 'gỡ', en: 'unpublish' },
  reopen: { vi: 'mở lại thành bản nháp', en: 'reopen as a draft' },
  withdraw: { vi: 'rút lại bài đã gửi duyệt', en: 'withdraw a submission' },
};
