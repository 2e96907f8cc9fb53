import { EN } from './en';
import { formatMessage, LOCALES, type Language, type MessageParams } from './format';
import { VI, type CatalogKey } from './vi';

export type { CatalogKey } from './vi';

/** One catalog per language, the same keys in each. */
export const CATALOG: Record<Language, Record<CatalogKey, string>> = { vi: VI, en: EN };

export function isCatalogKey(key: unknown): key is CatalogKey {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(VI, key);
}

/** Numbers in a message: the language's decimal mark, no grouping (ids and versions stay 1234, not 1.234). */
function numberWriter(language: Language): (n: number) => string {
  const format = new Intl.NumberFormat(LOCALES[language], { useGrouping: false, maximumFractionDigits: 2 });
  return (n) => format.format(n);
}
const numberWriters: Record<Language, (n: number) => string> = { vi: numberWriter('vi'), en: numberWriter('en') };

/** The message of a key in a language, its parameters filled. */
export function translate(language: Language, key: CatalogKey, params?: MessageParams): string {
  return formatMessage(CATALOG[language][key], params, language, numberWriters[language]);
}
