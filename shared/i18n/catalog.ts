import { EN } from './en';
import { formatMessage, LOCALES, type Language, type MessageParams } from './format';
import { VI, type CatalogKey } from './vi';

export type { CatalogKey } from './vi';

/** One catalog per language, the same keys in each. */
export const CATALOG: Record<Language, Record<CatalogKey, string>> = { vi: VI, en: EN };

export function isCatalogKey(key: unknown): key is CatalogKey {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(VI, key);
}

/**
 * Numbers in a message: the language's decimal mark, no grouping (ids and versions stay 1234, not 1.234). Each
 * language's formatter is made on its first number: making one costs tens of ms, which the first screen need not pay.
 */
const numberFormats: Partial<Record<Language, Intl.NumberFormat>> = {};
const numberWriters: Record<Language, (n: number) => string> = {
  vi: (n) => numberFormat('vi').format(n),
  en: (n) => numberFormat('en').format(n),
};
function numberFormat(language: Language): Intl.NumberFormat {
  return (numberFormats[language] ??= new Intl.NumberFormat(LOCALES[language], {
    useGrouping: false,
    maximumFractionDigits: 2,
  }));
}

/** The message of a key in a language, its parameters filled. */
export function translate(language: Language, key: CatalogKey, params?: MessageParams): string {
  return formatMessage(CATALOG[language][key], params, language, numberWriters[language]);
}
