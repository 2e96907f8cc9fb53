import type { Language } from '../../../shared/contract/app';
import type { ArticleStatus } from '../../../shared/contract/articles';
import { EN, STATUS_LABELS_EN } from './en';
import { STATUS_LABELS_VI, VI, type MessageKey } from './vi';

export type { MessageKey };

/** One catalog per language (vi.ts, en.ts), by the interface's language. */
export const MESSAGES: Record<Language, Record<MessageKey, string>> = { vi: VI, en: EN };

export const STATUS_LABELS: Record<Language, Record<ArticleStatus, string>> = {
  vi: STATUS_LABELS_VI,
  en: STATUS_LABELS_EN,
};
