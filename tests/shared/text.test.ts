import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleChannels, articleFieldsSchema } from '../../shared/contract/articles';
import { validationError } from '../../shared/contract/validation';
import {
  fromVietnamLocalInput,
  portalDateLine,
  shortDateTime,
  toVietnamLocalInput,
  vietnamDateParts,
} from '../../shared/text/dateline';
import { foldForSearch, searchTerms } from '../../shared/text/fold';
import { nfcDeep, toNfc } from '../../shared/text/normalize';
import { SLUG_MAX_LENGTH, SLUG_PATTERN, slugify } from '../../shared/text/slug';
import { cleanupAll, REPO_ROOT, tempDataDir } from '../helpers';

const NFD_TIENG_VIET = 'Tie\u0302\u0301ng Vie\u0323\u0302t';
const NFC_TIENG_VIET = 'Tiếng Việt';

describe('nfcDeep', () => {
  it('turns decomposed Vietnamese into NFC', () => {
    expect(NFD_TIENG_VIET).not.toBe(NFC_TIENG_VIET);
    expect(NFD_TIENG_VIET.normalize('NFC')).toBe(NFC_TIENG_VIET);
    expect(toNfc(NFD_TIENG_VIET)).toBe(NFC_TIENG_VIET);
    expect(nfcDeep(NFD_TIENG_VIET)).toBe(NFC_TIENG_VIET);
    // 'ẹ' (e + dot below) also has a precomposed form: one code unit per letter after NFC.
    expect(nfcDeep('Tie\u0302\u0301ng Vie\u0323t')).toBe('Ti\u1ebfng Vi\u1eb9t');
  });

  it('walks nested objects and arrays and leaves other values alone', () => {
    const input = {
      title: NFD_TIENG_VIET,
      count: 3,
      flag: false,
      none: null,
      nested: { list: [NFD_TIENG_VIET, 7, { deeper: ['Đu\u031bo\u031b\u0300ng'] }] },
    };
    const copy = structuredClone(input);
    const out = nfcDeep(input);
    expect(out).toEqual({
      title: NFC_TIENG_VIET,
      count: 3,
      flag: false,
      none: null,
      nested: { list: [NFC_TIENG_VIET, 7, { deeper: ['Đường'] }] },
    });
    // Every string in the output is NFC.
    const strings = JSON.stringify(out);
    expect(strings).toBe(strings.normalize('NFC'));
    // The input is not mutated.
    expect(input).toEqual(copy);
  });
});

describe('foldForSearch and searchTerms', () => {
  it('ignores case, diacritics and đ/Đ', () => {
    expect(foldForSearch('Đường')).toBe('duong');
    expect(foldForSearch('ĐƯỜNG')).toBe('duong');
    expect(foldForSearch('đường')).toBe(foldForSearch('DUONG'));
    expect(foldForSearch('Thương binh và Xã hội')).toBe('thuong binh va xa hoi');
  });

  it('folds NFD input to the same text as NFC input', () => {
    expect(foldForSearch(NFD_TIENG_VIET)).toBe(foldForSearch(NFC_TIENG_VIET));
    expect(foldForSearch(NFD_TIENG_VIET)).toBe('tieng viet');
    expect(foldForSearch('Đu\u031bo\u031b\u0300ng')).toBe('duong');
  });

  it('folds any text as the rule says, character by character, the fast path and the rare cases alike', () => {
    // The documented rule, applied to one character at a time: NFD, combining marks removed, đ → d, lower case, NFC.
    const rule = (text: string) =>
      [...text.normalize('NFC')]
        .map((ch) =>
          ch
            .normalize('NFD')
            .replace(/[\u0300-\u036f]/g, '')
            .replace(/[đĐ]/g, 'd')
            .toLowerCase()
            .normalize('NFC'),
        )
        .join('');
    const samples = [
      'Ủy ban nhân dân thị xã Giá Rai — ĐẢNG BỘ, Nghị định 78/2002/NĐ-CP',
      'Ảnh: Trần Thị Ngọc Hương; ÂM LỊCH; Ưu tiên; ơn',
      'emoji 🇻🇳 and 𐐀 (a Deseret capital) beside tiếng Việt',
      'İstanbul, Σοφία, ß, ﬁ, Å (U+212B), a lone combining mark \u0301 and x\u0323',
      'Chinese 中文 and Khmer ភាសាខ្មែរ',
      'no capitals at all: hộ nghèo',
      '\ufeffMở đầu bằng U+FEFF',
    ];
    for (const sample of samples) expect(foldForSearch(sample), sample).toBe(rule(sample));
    // Long text takes the same path as short text.
    const long = samples.slice(0, 2).join(' ').repeat(2_000);
    expect(foldForSearch(long)).toBe(rule(long));
  });

  it('splits a query into folded words at punctuation and spaces', () => {
    expect(searchTerms('  Phòng Lao-động, TB&XH  ')).toEqual(['phong', 'lao', 'dong', 'tb', 'xh']);
    expect(searchTerms('Nghị định 78/2002/NĐ-CP')).toEqual(['nghi', 'dinh', '78', '2002', 'nd', 'cp']);
    expect(searchTerms('"*()!')).toEqual([]);
    expect(searchTerms('')).toEqual([]);
  });
});

describe('slugify', () => {
  it('removes diacritics, turns đ into d and joins words with hyphens', () => {
    expect(slugify('Tiếng Việt: Đường làng, ngõ xóm!')).toBe('tieng-viet-duong-lang-ngo-xom');
    expect(slugify(NFD_TIENG_VIET)).toBe('tieng-viet');
    expect(slugify('ĐẠI HỘI Đảng bộ')).toBe('dai-hoi-dang-bo');
    expect(slugify('  --Nghị định 78/2002/NĐ-CP--  ')).toBe('nghi-dinh-78-2002-nd-cp');
  });

  it('gives an empty slug when nothing is left', () => {
    expect(slugify('')).toBe('');
    expect(slugify('!!! ??? ...')).toBe('');
  });

  it('cuts at a word boundary within the maximum length', () => {
    expect(slugify('một hai ba bốn', 7)).toBe('mot-hai');
    expect(slugify('một hai ba bốn', 6)).toBe('mot');
    const title =
      'Phòng Lao động Thương binh và xã hội trong công tác phối hợp với Ngân hàng chính sách xã hội hỗ trợ sinh kế, tạo việc làm, tăng thu nhập cho hộ nghèo trên địa bàn thị xã';
    const full = slugify(title, 10_000);
    const cut = slugify(title);
    expect(full.length).toBeGreaterThan(SLUG_MAX_LENGTH);
    expect(cut.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(full.startsWith(`${cut}-`)).toBe(true);
    expect(cut).toMatch(SLUG_PATTERN);
  });

  it('cuts a single over-long word to the maximum length', () => {
    const slug = slugify('a'.repeat(300));
    expect(slug).toBe('a'.repeat(SLUG_MAX_LENGTH));
  });

  it('always produces a slug the contract accepts', () => {
    for (const text of [
      'Chính trị',
      'Văn hóa - Xã hội',
      'Quốc phòng - An ninh',
      'Ảnh: Hội nghị (2023)',
      NFD_TIENG_VIET,
    ]) {
      expect(slugify(text)).toMatch(SLUG_PATTERN);
    }
  });
});

describe('Vietnam dates in this process', () => {
  it('prints the portal date line', () => {
    expect(portalDateLine('2023-03-23T08:05:00+07:00')).toBe('Thứ năm, 23/03/2023, 08:05');
    expect(portalDateLine(new Date('2023-03-23T01:05:00Z'))).toBe('Thứ năm, 23/03/2023, 08:05');
    expect(shortDateTime('2023-03-23T08:05:00+07:00')).toBe('23/03/2023 08:05');
  });

  it('puts an instant just after 17:00 UTC on the next day in Vietnam', () => {
    expect(portalDateLine('2023-03-22T16:59:00Z')).toBe('Thứ tư, 22/03/2023, 23:59');
    expect(portalDateLine('2023-03-22T17:30:00Z')).toBe('Thứ năm, 23/03/2023, 00:30');
    expect(portalDateLine('2023-03-25T23:59:00Z')).toBe('Chủ nhật, 26/03/2023, 06:59');
    expect(vietnamDateParts('2023-12-31T17:00:00Z')).toEqual({
      weekday: 1,
      year: '2024',
      month: '01',
      day: '01',
      hour: '00',
      minute: '00',
      second: '00',
    });
  });

  it('refuses an invalid date', () => {
    expect(() => portalDateLine('not a date')).toThrow(RangeError);
    expect(() => fromVietnamLocalInput('2023-13-45T99:99')).toThrow(RangeError);
  });

  it('round-trips datetime-local values through Vietnam time', () => {
    expect(fromVietnamLocalInput('2023-03-23T08:05')).toBe('2023-03-23T01:05:00.000Z');
    expect(toVietnamLocalInput('2023-03-23T01:05:00.000Z')).toBe('2023-03-23T08:05');
    for (const local of [
      '2023-03-23T08:05',
      '2023-03-23T00:30',
      '2024-02-29T23:59',
      '2024-01-01T06:59',
      '2024-01-01T07:00',
    ]) {
      expect(toVietnamLocalInput(fromVietnamLocalInput(local))).toBe(local);
    }
    for (const iso of ['2023-03-22T17:30:00.000Z', '2023-06-15T12:00:00.000Z', '2023-12-31T16:59:00.000Z']) {
      expect(fromVietnamLocalInput(toVietnamLocalInput(iso))).toBe(iso);
    }
  });
});

describe('Vietnam dates whatever the machine time zone', () => {
  let moduleUrl = '';

  beforeAll(() => {
    // The real module, bundled to plain JS so a bare node child can import it.
    const out = path.join(tempDataDir('toasoan-dateline-'), 'dateline.mjs');
    buildSync({
      entryPoints: [path.join(REPO_ROOT, 'shared/text/dateline.ts')],
      bundle: true,
      format: 'esm',
      platform: 'node',
      outfile: out,
      logLevel: 'silent',
    });
    moduleUrl = pathToFileURL(out).href;
  });
  afterAll(cleanupAll);

  const script = `
    const d = await import(process.argv[1]);
    console.log(JSON.stringify({
      offset: new Date('2023-03-23T01:05:00Z').getTimezoneOffset(),
      line: d.portalDateLine('2023-03-23T08:05:00+07:00'),
      midnight: d.portalDateLine('2023-03-22T17:30:00Z'),
      beforeMidnight: d.portalDateLine('2023-03-22T16:59:00Z'),
      short: d.shortDateTime('2023-03-22T17:30:00Z'),
      toLocal: d.toVietnamLocalInput('2023-03-22T17:30:00Z'),
      fromLocal: d.fromVietnamLocalInput('2023-03-23T00:30'),
      withSeconds: d.dateTimeWithSeconds('2023-03-22T17:30:09Z'),
      iso: d.vietnamIso('2023-03-22T17:30:09Z'),
      dayStart: d.vietnamDayStart('2023-03-23'),
    }));
  `;

  function runIn(tz: string): Record<string, unknown> {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, moduleUrl], {
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
      timeout: 15_000,
    });
    return JSON.parse(out) as Record<string, unknown>;
  }

  it.each([
    // Offsets as getTimezoneOffset() gives them on 2023-03-23 (New York is on daylight time then).
    ['America/New_York', 240],
    ['Pacific/Kiritimati', -840],
    ['UTC', 0],
  ])('gives the same Vietnam date line with TZ=%s', (tz, offset) => {
    const answer = runIn(tz);
    // The child really ran in that zone: its local clock differs…
    expect(answer.offset).toBe(offset);
    // …yet every portal date is Vietnam time.
    expect(answer).toMatchObject({
      line: 'Thứ năm, 23/03/2023, 08:05',
      midnight: 'Thứ năm, 23/03/2023, 00:30',
      beforeMidnight: 'Thứ tư, 22/03/2023, 23:59',
      short: '23/03/2023 00:30',
      toLocal: '2023-03-23T00:30',
      fromLocal: '2023-03-22T17:30:00.000Z',
      withSeconds: '23/03/2023 00:30:09',
      iso: '2023-03-23T00:30:09+07:00',
      dayStart: '2023-03-23T00:00:00+07:00',
    });
  });
});

describe('validationError', () => {
  it('names an over-long field in both languages', () => {
    const parsed = articleFieldsSchema.partial().safeParse({ title: 'x'.repeat(501) });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const error = validationError(parsed.error);
    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.map((i) => i.path)).toEqual(['title']);
    expect(error.message).toContain('title');
    expect(error.message).toContain('500');
    expect(error.messageEn).toContain('title');
    expect(error.messageEn).toContain('500');
    expect(error.message).not.toBe(error.messageEn);
  });

  it('names nested fields with their full path, and every offending field', () => {
    const parsed = articleChannels['articles.update'].input.safeParse({
      id: 1,
      baseVersion: 1,
      changes: { lead: 'x'.repeat(2001), slug: 'Not A Slug' },
    });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const error = validationError(parsed.error);
    const paths = error.issues?.map((i) => i.path) ?? [];
    expect(paths).toContain('changes.lead');
    expect(paths).toContain('changes.slug');
    for (const issue of error.issues ?? []) {
      expect(issue.message.startsWith(`${issue.path}:`)).toBe(true);
      expect(issue.messageEn.startsWith(`${issue.path}:`)).toBe(true);
      expect(error.message).toContain(issue.message);
      expect(error.messageEn).toContain(issue.messageEn);
    }
  });

  it('lists unknown fields and allowed values', () => {
    const unknown = articleChannels['articles.list'].input.safeParse({ bogus: 1 });
    const badEnum = articleChannels['articles.list'].input.safeParse({ status: 'nope' });
    expect(unknown.success || badEnum.success).toBe(false);
    if (unknown.success || badEnum.success) return;
    const u = validationError(unknown.error);
    expect(u.message).toContain('bogus');
    expect(u.messageEn).toContain('bogus');
    const e = validationError(badEnum.error);
    expect(e.issues?.[0]?.path).toBe('status');
    expect(e.messageEn).toContain('published');
    expect(e.message).toContain('published');
  });

  it('names the payload itself when it is not an object', () => {
    const parsed = articleChannels['articles.get'].input.safeParse('just a string');
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const error = validationError(parsed.error);
    expect(error.issues?.[0]?.path).toBe('(payload)');
    expect(error.message).toContain('(payload)');
    expect(error.messageEn).toContain('(payload)');
  });
});

describe('foldForSearch, character by character', () => {
  it('folds exactly as folding the whole text at once would (the seed article, mixed case, decomposed input)', () => {
    const whole = (s: string) =>
      s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[đĐ]/g, 'd')
        .toLowerCase()
        .normalize('NFC');
    const seed = fs.readFileSync(path.join(REPO_ROOT, 'tests', 'fixtures', 'seed-article.json'), 'utf8');
    for (const text of [seed, seed.toUpperCase(), seed.normalize('NFD'), 'ĐƯỜNG Làng — Ǆ ﬁ Ω ½ 日本', ''])
      expect(foldForSearch(text)).toBe(whole(text));
  });
});
