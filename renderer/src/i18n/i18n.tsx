import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Language } from '../../../shared/contract/app';
import type { ArticleStatus } from '../../../shared/contract/articles';
import type { ContractError } from '../../../shared/contract/errors';
import { MESSAGES, STATUS_LABELS, type MessageKey } from './messages';

export interface I18n {
  language: Language;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  status(status: ArticleStatus): string;
  /** The message of a contract error in the UI language. */
  errorText(error: unknown): string;
}

function makeI18n(language: Language): I18n {
  const table = MESSAGES[language];
  const numberFormat = new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB');
  return {
    language,
    t(key, params) {
      let text: string = table[key];
      for (const [name, value] of Object.entries(params ?? {})) {
        text = text.replaceAll(`{${name}}`, typeof value === 'number' ? numberFormat.format(value) : value);
      }
      return text;
    },
    status: (status) => STATUS_LABELS[language][status],
    errorText(error) {
      const contractError = error as Partial<ContractError> | null;
      if (contractError && typeof contractError.message === 'string' && typeof contractError.messageEn === 'string') {
        return language === 'vi' ? contractError.message : contractError.messageEn;
      }
      return String(error);
    },
  };
}

const I18nContext = createContext<I18n>(makeI18n('vi'));

export function I18nProvider({ language, children }: { language: Language; children: ReactNode }) {
  const i18n = useMemo(() => makeI18n(language), [language]);
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
