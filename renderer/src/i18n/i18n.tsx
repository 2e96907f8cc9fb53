import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Language } from '../../../shared/contract/app';
import type { ArticleStatus } from '../../../shared/contract/articles';
import type { ContractError } from '../../../shared/contract/errors';
import { isCatalogKey, translate } from '../../../shared/i18n/catalog';
import { formatMessage, groupedNumbers } from '../../../shared/i18n/format';
import { MESSAGES, STATUS_LABELS, type MessageKey } from './messages';

/** Plain functions (no `this`), so a component may take them out of the object: `const { t } = useI18n()`. */
export interface I18n {
  language: Language;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  status: (status: ArticleStatus) => string;
  /** A number as the language writes it (100.000 / 100,000). */
  number: (n: number) => string;
  /** The message of a contract error in the UI language. */
  errorText: (error: unknown) => string;
}

export function makeI18n(language: Language): I18n {
  const table = MESSAGES[language];
  const writeNumber = groupedNumbers(language);
  return {
    language,
    // {name} and {name, plural, one {…} other {…}} (shared/i18n/format.ts); numbers grouped the language's way.
    t: (key, params) => formatMessage(table[key], params, language, writeNumber),
    status: (status) => STATUS_LABELS[language][status],
    number: writeNumber,
    errorText: (error) => {
      const contractError = error as Partial<ContractError> | null;
      // Worded from the catalog when the core sent a key this build knows, else the core's own words.
      if (contractError && isCatalogKey(contractError.key))
        return translate(language, contractError.key, contractError.params);
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
