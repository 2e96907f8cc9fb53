import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contractErrorSchema, ContractError, notFound } from '../../shared/contract/errors';
import { validationError } from '../../shared/contract/validation';
import { CATALOG, isCatalogKey, translate } from '../../shared/i18n/catalog';
import { EN } from '../../shared/i18n/en';
import { formatMessage, groupedNumbers, LOCALES, type Language } from '../../shared/i18n/format';
import { VI } from '../../shared/i18n/vi';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();

describe('formatMessage', () => {
  const articles = '{n, plural, one {# article} other {# articles}}';

  it('picks the plural branch of the language as Intl.PluralRules does', () => {
    expect(formatMessage(articles, { n: 1 }, 'en')).toBe('1 article');
    expect(formatMessage(articles, { n: 0 }, 'en')).toBe('0 articles');
    expect(formatMessage(articles, { n: 2 }, 'en')).toBe('2 articles');
    // Vietnamese has one form only: 'other'.
    expect(formatMessage('{n, plural, other {# bài viết}}', { n: 1 }, 'vi')).toBe('1 bài viết');
  });

  it('takes an exact branch first, and fills placeholders inside a branch', () => {
    const text = '{n, plural, =0 {no file of {who}} one {one file of {who}} other {# files of {who}}}';
    expect(formatMessage(text, { n: 0, who: 'An' }, 'en')).toBe('no file of An');
    expect(formatMessage(text, { n: 1, who: 'An' }, 'en')).toBe('one file of An');
    expect(formatMessage(text, { n: 5, who: 'An' }, 'en')).toBe('5 files of An');
  });

  it('writes numbers with the writer given, and leaves an unknown placeholder as written', () => {
    const numbers = new Intl.NumberFormat('vi-VN');
    const group = (n: number) => numbers.format(n);
    expect(formatMessage('{n} bài, {n, plural, other {# bài}}', { n: 12345 }, 'vi', group)).toBe(
      '12.345 bài, 12.345 bài',
    );
    expect(formatMessage('Bài #{id} của {missing}', { id: 12345 }, 'vi')).toBe('Bài #12345 của {missing}');
  });
});

describe('numbers and plurals without Intl on the first screen', () => {
  /** Whole numbers of every size and sign, and a few that are not whole (those go to Intl itself). */
  const SAMPLES = [
    ...Array.from({ length: 2_001 }, (_, i) => i - 1_000),
    ...Array.from({ length: 40 }, (_, i) => 7 ** (i % 19) * (i % 2 ? -1 : 1)),
    999_999,
    1_000_000,
    100_000,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    2 ** 60,
    -0,
    0.5,
    1.5,
    1.25,
    -1234.5,
    NaN,
    Infinity,
  ];

  it('groups and chooses the plural form as Intl does, in both languages', () => {
    for (const language of ['vi', 'en'] as Language[]) {
      const write = groupedNumbers(language);
      const intl = new Intl.NumberFormat(LOCALES[language]);
      const plurals = new Intl.PluralRules(LOCALES[language]);
      const message = '{n, plural, one {# one} other {# other}}';
      for (const n of SAMPLES) {
        expect(write(n), `${language} ${n}`).toBe(intl.format(n));
        expect(formatMessage(message, { n }, language, write), `${language} ${n}`).toBe(
          `${intl.format(n)} ${plurals.select(n) === 'one' ? 'one' : 'other'}`,
        );
      }
    }
    expect(groupedNumbers('vi')(100_000)).toBe('100.000');
    expect(groupedNumbers('en')(1_234_567)).toBe('1,234,567');
  });
});

describe('the catalogs', () => {
  it('have the same keys and the same placeholders in both languages', () => {
    expect(Object.keys(EN).sort()).toEqual(Object.keys(VI).sort());
    for (const key of Object.keys(VI) as (keyof typeof VI)[]) {
      // Vietnamese has no plural forms to write, so its placeholders are a subset of the English ones.
      for (const name of placeholders(VI[key])) expect(placeholders(EN[key]), key).toContain(name);
    }
    expect(CATALOG.vi).toBe(VI);
    expect(isCatalogKey('auth.failed')).toBe(true);
    expect(isCatalogKey('toString')).toBe(false);
  });

  it('say "1 second" and "30 seconds" in English, with the decimal mark of each language', () => {
    expect(translate('en', 'auth.locked', { seconds: 1 })).toContain('try again in 1 second.');
    expect(translate('en', 'auth.locked', { seconds: 30 })).toContain('try again in 30 seconds.');
    expect(translate('vi', 'auth.locked', { seconds: 30 })).toContain('sau 30 giây.');
    expect(translate('vi', 'media.tooLarge', { name: 'a.jpg', mb: 31.5, max: 30 })).toContain('(31,5 MB)');
    expect(translate('en', 'media.tooLarge', { name: 'a.jpg', mb: 31.5, max: 30 })).toContain('(31.5 MB)');
    expect(translate('vi', 'notFound.article', { id: 12345 })).toBe('Không tìm thấy bài viết #12345.');
    const missing = (count: number) => translate('en', 'backup.refused.missing', { file: 'b.tar', count, entry: 'db' });
    expect(missing(1)).toBe(
      'Not restored from b.tar: 1 file its manifest lists is missing (for example db). Nothing was replaced.',
    );
    expect(missing(3)).toContain(': 3 files its manifest lists are missing');
  });
});

describe('errors as codes with parameters', () => {
  it('carry the key and parameters across the contract, with the words of both catalogs', () => {
    const error = notFound('articleVersion', 7, { version: 3 });
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('Không tìm thấy phiên bản 3 của bài viết #7.');
    expect(error.messageEn).toBe('Version 3 of article #7 was not found.');
    const shape = contractErrorSchema.parse(JSON.parse(JSON.stringify(error.toShape())));
    expect(shape).toMatchObject({ key: 'notFound.articleVersion', params: { version: 3, id: 7 } });
    const back = ContractError.fromShape(shape);
    expect([back.key, back.params, back.messageEn]).toEqual([error.key, error.params, error.messageEn]);
  });

  it('keep the free-text form working, without a key', () => {
    const error = new ContractError('CONFLICT', 'Xung đột.', 'Conflict.');
    expect(error.toShape()).toEqual({ code: 'CONFLICT', message: 'Xung đột.', messageEn: 'Conflict.' });
    expect(notFound({ vi: 'mục', en: 'Entry' }, 2).messageEn).toBe('Entry #2 was not found.');
  });

  it('give each validation issue its key, in the plural the number asks for', () => {
    const schema = z.object({ title: z.string().max(1), tags: z.array(z.string()).max(2) }).strict();
    const parsed = schema.safeParse({ title: 'ab', tags: ['a', 'b', 'c'], extra: 1 });
    const error = validationError(parsed.error as z.ZodError);
    expect(error.issues?.map((issue) => [issue.path, issue.key, issue.messageEn])).toEqual([
      ['title', 'validation.tooLong', 'title: too long (at most 1 character)'],
      ['tags', 'validation.tooManyItems', 'tags: too large (at most 2 items)'],
      ['(payload)', 'validation.unknownFields', '(payload): unknown field: extra'],
    ]);
    expect(error.message).toContain('title: quá dài (tối đa 1 ký tự)');
  });
});
