/**
 * Fills a message of a catalog. `{name}` is replaced by the parameter; `{name, plural, one {…} other {…}}` by the
 * branch that Intl.PluralRules picks for the number in the language (exact `=0`, `=1`… first), where `#` stands for
 * the number. Vietnamese has one plural form ('other'), English two ('one', 'other').
 */
export type Language = 'vi' | 'en';
export type MessageParams = Readonly<Record<string, string | number>>;

export const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

/**
 * The plural form of a number: for whole numbers the rule of each language written out (Vietnamese has one form,
 * English 'one' for 1 and -1), for others Intl.PluralRules, made on the first of them: making one loads the locale's
 * data, which the first screen need not pay for.
 */
const pluralRules: Partial<Record<Language, Intl.PluralRules>> = {};
const pluralOf = (n: number, language: Language): Intl.LDMLPluralRule =>
  Number.isInteger(n)
    ? language === 'en' && Math.abs(n) === 1
      ? 'one'
      : 'other'
    : (pluralRules[language] ??= new Intl.PluralRules(LOCALES[language])).select(n);

/** How numbers are written into a message; without one, as String(n) (ids, versions). */
export type NumberWriter = (n: number) => string;

/** What separates thousands, as Intl writes it: 1.234.567 in Vietnamese, 1,234,567 in English. */
const THOUSANDS: Record<Language, string> = { vi: '.', en: ',' };

/**
 * Numbers grouped in thousands the language's way (counts: "100.000 bài viết"). Whole numbers are grouped here, the
 * rest by an Intl.NumberFormat made on the first of them: making one took about 30 ms of the first screen here.
 */
export function groupedNumbers(language: Language): NumberWriter {
  let intl: Intl.NumberFormat | null = null;
  return (n) => {
    if (!Number.isSafeInteger(n) || Object.is(n, -0))
      return (intl ??= new Intl.NumberFormat(LOCALES[language])).format(n);
    const digits = String(Math.abs(n));
    let grouped = digits.slice(0, digits.length % 3 || 3);
    for (let at = grouped.length; at < digits.length; at += 3)
      grouped += THOUSANDS[language] + digits.slice(at, at + 3);
    return n < 0 ? `-${grouped}` : grouped;
  };
}

/** The text of a brace-balanced group starting at `open` (a '{'), and the index just after its '}'; null if unbalanced. */
function group(template: string, open: number): { inner: string; end: number } | null {
  let depth = 0;
  for (let i = open; i < template.length; i += 1) {
    if (template[i] === '{') depth += 1;
    else if (template[i] === '}') {
      depth -= 1;
      if (depth === 0) return { inner: template.slice(open + 1, i), end: i + 1 };
    }
  }
  return null;
}

function pluralBranch(body: string, n: number, language: Language): string | null {
  const branches = new Map<string, string>();
  let i = 0;
  while (i < body.length) {
    const selector = /^\s*(=\d+|zero|one|two|few|many|other)\s*/.exec(body.slice(i));
    if (!selector) break;
    i += selector[0].length;
    const branch = body[i] === '{' ? group(body, i) : null;
    if (!branch) return null;
    branches.set(selector[1] as string, branch.inner);
    i = branch.end;
  }
  return branches.get(`=${n}`) ?? branches.get(pluralOf(n, language)) ?? branches.get('other') ?? null;
}

export function formatMessage(
  template: string,
  params: MessageParams | undefined,
  language: Language,
  writeNumber: NumberWriter = String,
): string {
  const write = (value: string | number) => (typeof value === 'number' ? writeNumber(value) : value);
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) break;
    out += template.slice(i, open);
    const found = group(template, open);
    if (!found) {
      out += template.slice(open);
      return out;
    }
    const plural = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(found.inner);
    const name = plural ? (plural[1] as string) : found.inner.trim();
    const value = params?.[name];
    if (value === undefined) out += template.slice(open, found.end);
    else if (plural) {
      const n = Number(value);
      const branch = pluralBranch(plural[2] as string, n, language);
      out +=
        branch === null
          ? template.slice(open, found.end)
          : formatMessage(branch.replaceAll('#', write(n)), params, language, writeNumber);
    } else out += write(value);
    i = found.end;
  }
  return out + template.slice(i);
}
