import { describe, expect, it } from 'vitest';
import { ContractError, notFound } from '../../shared/contract/errors';
import { makeI18n } from '../../renderer/src/i18n/i18n';
import { MESSAGES } from '../../renderer/src/i18n/messages';

const en = makeI18n('en');
const vi = makeI18n('vi');

describe('the UI messages', () => {
  it('say "1 article", not "1 articles", in English, and group numbers the way of each language', () => {
    expect(en.t('library.count', { count: 1 })).toBe('1 article');
    expect(en.t('library.count', { count: 0 })).toBe('0 articles');
    expect(en.t('library.count', { count: 1234 })).toBe('1,234 articles');
    expect(vi.t('library.count', { count: 1234 })).toBe('1.234 bài viết');
    // A number alone (the sidebar's counts) as the messages write it.
    expect([vi.number(2963), en.number(2963), vi.number(12)]).toEqual(['2.963', '2,963', '12']);
    expect(en.t('backup.restored', { date: '23/03/2023 08:05', articles: 1, media: 2 })).toBe(
      'The backup of 23/03/2023 08:05 was restored (1 article, 2 image files). Sign in again.',
    );
  });

  it('fill plain parameters as before', () => {
    expect(vi.t('editor.sizeInvalid', { min: 8, max: 72 })).toBe('Cỡ chữ phải từ 8 đến 72 px.');
  });

  it('have no English message that puts a count parameter straight before a plural noun', () => {
    const bare = Object.entries(MESSAGES.en).filter(([, text]) =>
      /\{(?:count|articles|media|warnings)\} (?:articles|items|users|entries|jobs|words|characters|warnings|image files)\b/.test(
        text,
      ),
    );
    expect(bare).toEqual([]);
  });

  it("word a core error from the catalog when it carries a key, else take the core's words", () => {
    const error = ContractError.fromShape(notFound('article', 7).toShape());
    expect(en.errorText(error)).toBe('Article #7 was not found.');
    expect(vi.errorText(error)).toBe('Không tìm thấy bài viết #7.');
    expect(en.errorText(ContractError.of('AUTH_LOCKED', 'auth.locked', { seconds: 1 }))).toContain('in 1 second.');
    expect(en.errorText(new ContractError('CONFLICT', 'Xung đột.', 'Conflict.'))).toBe('Conflict.');
  });
});
