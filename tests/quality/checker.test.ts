import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { coreSpeller } from '../../electron/core/quality/dictionary';
import {
  checkArticle,
  DEFAULT_QUALITY_SETTINGS,
  type QualityDraft,
  type QualityFinding,
} from '../../shared/quality/check';
import { RULE_IDS, type RuleId } from '../../shared/quality/rules';
import { paragraphsDocument, type BodyDocument } from '../../shared/render/body-nodes';

const speller = coreSpeller();
const seed = (
  JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/seed-article.json'), 'utf8')) as {
    article: {
      title: string;
      body: string[];
      author: string;
      department: string;
      image: { caption: string };
    };
  }
).article;

/** A complete article (category, byline, lead, image) around the given body: only the body's findings remain. */
function draft(body: BodyDocument | string[], fields: Partial<QualityDraft> = {}): QualityDraft {
  const document = Array.isArray(body) ? paragraphsDocument(body) : body;
  return {
    title: 'Tin hoạt động',
    lead: 'Tóm tắt.',
    author: 'Lam Nguyễn',
    department: '',
    categoryId: 1,
    featuredImage: null,
    featuredCaption: '',
    bodyJson: JSON.stringify(document),
    ...fields,
  };
}

const check = (d: QualityDraft, settings = DEFAULT_QUALITY_SETTINGS) => checkArticle(d, speller, settings);
const summary = (findings: QualityFinding[]) => findings.map((f) => [f.rule, f.text, f.suggestion]);
const ofRule = (findings: QualityFinding[], rule: RuleId) => findings.filter((f) => f.rule === rule);

/** One paragraph's findings of the given rules. */
function flagged(text: string, rules: RuleId[], settings = DEFAULT_QUALITY_SETTINGS) {
  return summary(check(draft([text]), settings).filter((f) => rules.includes(f.rule)));
}

const SPELLING: RuleId[] = ['spelling.unknown-word', 'spelling.telex', 'spelling.qui', 'tone.style'];
const CAPS: RuleId[] = ['caps.body-name', 'caps.document-type', 'caps.citation'];

describe('spelling', () => {
  test('non-words get the expected suggestion', () => {
    expect(flagged('Nâng cao chât lượng công tác.', SPELLING)).toEqual([['spelling.unknown-word', 'chât', 'chất']]);
    expect(flagged('Các chương trình tuơng ứng.', SPELLING)).toEqual([['spelling.unknown-word', 'tuơng', 'tương']]);
    expect(flagged('Doanh nghịêp nhỏ.', SPELLING)).toEqual([['spelling.unknown-word', 'nghịêp', 'nghiệp']]);
  });

  test('Telex typed with the input method off, and "qui" for "quy"', () => {
    expect(flagged('Ủy ban thoong baos lịch tiếp dân.', SPELLING)).toEqual([
      ['spelling.telex', 'thoong', 'thông'],
      ['spelling.telex', 'baos', 'báo'],
    ]);
    expect(flagged('Công bố qui hoạch sử dụng đất.', SPELLING)).toEqual([['spelling.qui', 'qui', 'quy']]);
  });

  test('a capitalised word keeps its capital in the suggestion', () => {
    expect(flagged('Chât lượng nước.', SPELLING)).toEqual([]);
    expect(flagged('Nghịêp vụ mới.', SPELLING)).toEqual([['spelling.unknown-word', 'Nghịêp', 'Nghiệp']]);
  });

  test('no finding on names, foreign words, acronyms, addresses, numbers and document numbers', () => {
    const clean =
      'Ông Nguyễn Chí Công ở xã Phong Thạnh A đăng trên Facebook và TikTok; hội nghị ASEAN tại Đà Nẵng; ' +
      'liên hệ vanphong@giarai.gov.vn hoặc https://giarai.baclieu.gov.vn/tin-tuc?id=15, www.chinhphu.vn; ' +
      'theo Quyết định số 15/2023/QĐ-UBND ngày 28/02/2023, 1.600 khách hàng, 422 tỷ đồng, 3,5%, nhóm chat online.';
    expect(flagged(clean, SPELLING)).toEqual([]);
  });

  test("the organisation's words are accepted", () => {
    expect(flagged('Mô hình gioòng mới.', SPELLING).map(([rule, text]) => [rule, text])).toEqual([
      ['spelling.unknown-word', 'gioòng'],
    ]);
    expect(flagged('Mô hình gioòng mới.', SPELLING, { ...DEFAULT_QUALITY_SETTINGS, words: ['Gioòng'] })).toEqual([]);
  });

  test('other scripts and NFD input give no false finding', () => {
    expect(flagged('Đoàn khách Москва и 北京 đến thăm ประเทศไทย.', SPELLING)).toEqual([]);
    const nfd = 'Phòng Lao động - Thương binh và Xã hội thị xã triển khai chính sách.'.normalize('NFD');
    expect(check(draft([nfd]))).toEqual([]);
  });
});

describe('tone-mark style', () => {
  test('traditional by default: modern placement is flagged with the fix', () => {
    expect(flagged('Hoà bình và thuỷ lợi, Uỷ ban.', ['tone.style'])).toEqual([
      ['tone.style', 'Hoà', 'Hòa'],
      ['tone.style', 'thuỷ', 'thủy'],
      ['tone.style', 'Uỷ', 'Ủy'],
    ]);
    expect(flagged('Hòa bình và thủy lợi, Ủy ban.', SPELLING)).toEqual([]);
  });

  test('modern style flags the traditional placement', () => {
    const modern = { ...DEFAULT_QUALITY_SETTINGS, toneStyle: 'modern' as const };
    expect(flagged('Hòa bình, sức khỏe.', ['tone.style'], modern)).toEqual([
      ['tone.style', 'Hòa', 'Hoà'],
      ['tone.style', 'khỏe', 'khoẻ'],
    ]);
  });
});

describe('administrative capitalisation (Nghị định 30/2020/NĐ-CP, Phụ lục II)', () => {
  test('names of bodies', () => {
    expect(flagged('Sở Giáo Dục Và Đào Tạo tổ chức hội nghị.', CAPS)).toEqual([
      ['caps.body-name', 'Sở Giáo Dục Và Đào Tạo', 'Sở Giáo dục và Đào tạo'],
    ]);
    expect(flagged('Làm việc với Bộ Tài nguyên và môi trường.', CAPS)).toEqual([
      ['caps.body-name', 'Bộ Tài nguyên và môi trường', 'Bộ Tài nguyên và Môi trường'],
    ]);
    const [finding] = check(draft(['Sở Giáo Dục Và Đào Tạo.']));
    expect(finding?.message).toContain('Nghị định 30/2020/NĐ-CP');
  });

  test('document types cited with a number', () => {
    expect(flagged('Thực hiện quyết định số 15/2023/QĐ-UBND của tỉnh.', CAPS)).toEqual([
      ['caps.document-type', 'quyết định', 'Quyết định'],
    ]);
    expect(flagged('Thực hiện kế hoạch 5 năm và các quyết định của tỉnh.', CAPS)).toEqual([]);
  });

  test('citations: điểm and khoản in lower case mid-sentence, Điều capitalised', () => {
    expect(flagged('Theo Điểm a Khoản 1 điều 3 của Luật.', CAPS)).toEqual([
      ['caps.citation', 'Điểm', 'điểm'],
      ['caps.citation', 'Khoản', 'khoản'],
      ['caps.citation', 'điều', 'Điều'],
    ]);
    expect(flagged('Khoản 2 Điều 5 quy định rõ. Theo điểm a khoản 1 Điều 3.', CAPS)).toEqual([]);
  });
});

describe('consistency', () => {
  test('an abbreviation used before the article spells it out', () => {
    const findings = check(draft(['UBND đã họp.', 'Ủy ban nhân dân (UBND) thị xã.']));
    expect(summary(ofRule(findings, 'consistency.abbreviation-late'))).toEqual([
      ['consistency.abbreviation-late', 'UBND', undefined],
    ]);
    expect(ofRule(findings, 'consistency.abbreviation-late')[0]?.path).toEqual([0]);
  });

  test('"hàng năm" only when "hằng năm" is used too', () => {
    expect(flagged('Hàng năm tổ chức hội nghị.', ['consistency.hang-hang'])).toEqual([]);
    expect(flagged('Hàng năm, hằng năm.', ['consistency.hang-hang'])).toEqual([
      ['consistency.hang-hang', 'Hàng năm', 'Hằng năm'],
    ]);
  });

  test("the seed article's paragraphs give only its real inconsistencies", () => {
    const findings = check(
      draft(seed.body, {
        title: seed.title,
        author: seed.author,
        department: seed.department,
        featuredImage: `media:${'a'.repeat(64)}.jpg`,
        featuredCaption: seed.image.caption,
      }),
    );
    expect(summary(findings)).toEqual([
      ['consistency.name-forms', 'Phòng Lao động Thương binh và xã hội', 'Phòng Lao động - Thương binh và Xã hội'],
      ['consistency.name-forms', 'Ngân hàng chính sách xã hội', 'Ngân hàng Chính sách xã hội'],
      ['consistency.name-forms', 'Phòng giao dịch', 'Phòng Giao dịch'],
      ['consistency.hang-hang', 'hàng năm', 'hằng năm'],
      ['consistency.hang-hang', 'Hàng năm', 'Hằng năm'],
      ['consistency.name-forms', 'Ngân hàng chính sách xã hội', 'Ngân hàng Chính sách xã hội'],
      ['consistency.name-forms', 'Phòng giao dịch', 'Phòng Giao dịch'],
    ]);
    expect(findings.every((f) => f.severity === 'warn')).toBe(true);
    for (const f of findings.filter((x) => x.field === 'body')) {
      const paragraph = seed.body[f.path?.[0] ?? -1] ?? '';
      expect(paragraph.slice(f.start, f.end)).toBe(f.text);
    }
  });
});

describe('accessibility', () => {
  const text = (t: string, style = '', format = 0) => ({ type: 'text', text: t, format, style, version: 1 });
  const block = (type: string, children: unknown[], extra: object = {}) => ({ type, children, version: 1, ...extra });
  const body = (...children: unknown[]): BodyDocument =>
    ({ root: { type: 'root', children } }) as unknown as BodyDocument;

  test('image without alt, low contrast, small text, skipped heading, vague link text', () => {
    const findings = check(
      draft(
        body(
          block('heading', [text('Kết quả')], { tag: 'h3' }),
          { type: 'image', src: `media:${'b'.repeat(64)}.png`, alt: '', caption: 'Toàn cảnh hội nghị' },
          block('paragraph', [
            text('Chữ nhạt', 'color: #aaaaaa;'),
            text(' và '),
            text('chữ lớn đậm', 'color: #949494; font-size: 19px;', 1),
            text(' và '),
            text('chữ nhỏ', 'font-size: 10px;'),
          ]),
          block('paragraph', [
            text('Xem văn bản '),
            block('link', [text('tại đây')], { url: 'https://vanban.gov.vn/1' }),
            text(' hoặc '),
            block('link', [text('https://vanban.gov.vn/2')], { url: 'https://vanban.gov.vn/2' }),
            text(' hoặc '),
            block('link', [text('Quyết định số 15/2023/QĐ-UBND')], { url: 'https://vanban.gov.vn/3' }),
          ]),
        ),
      ),
    );
    expect(summary(findings.filter((f) => f.rule.startsWith('a11y.')))).toEqual([
      ['a11y.heading-skip', 'Kết quả', undefined],
      ['a11y.image-alt', 'Toàn cảnh hội nghị', undefined],
      ['a11y.contrast', 'Chữ nhạt', undefined],
      ['a11y.font-size', 'chữ nhỏ', undefined],
      ['a11y.link-text', 'tại đây', undefined],
      ['a11y.link-text', 'https://vanban.gov.vn/2', undefined],
    ]);
    const link = findings.find((f) => f.text === 'tại đây');
    expect(link).toMatchObject({ field: 'body', path: [3], start: 12, end: 19 });
  });
});

describe('completeness', () => {
  test('empty title and body block; no category, byline, lead, caption without image warn', () => {
    const findings = check({
      title: ' ',
      lead: '',
      author: '',
      department: '',
      categoryId: null,
      featuredImage: null,
      featuredCaption: 'Ảnh: hội nghị',
      bodyJson: null,
    });
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([
      ['completeness.title-empty', 'block'],
      ['completeness.no-lead', 'warn'],
      ['completeness.no-byline', 'warn'],
      ['completeness.no-category', 'warn'],
      ['completeness.caption-without-image', 'warn'],
      ['completeness.body-empty', 'block'],
    ]);
  });

  test('leftover placeholders and machine words block, with deletion as the fix', () => {
    const findings = check(draft(['null Tin nóng {{ten_don_vi}} undefined NaN [object Object] Lorem ipsum dolor']));
    expect(summary(findings)).toEqual(
      ['null', '{{ten_don_vi}}', 'undefined', 'NaN', '[object Object]', 'Lorem ipsum'].map((t) => [
        'completeness.placeholder',
        t,
        '',
      ]),
    );
    expect(findings.every((f) => f.severity === 'block')).toBe(true);
  });

  test('an article of only images has content: no body-empty and no spelling finding', () => {
    const images = {
      root: {
        type: 'root',
        children: [1, 2].map((n) => ({
          type: 'image',
          src: `media:${String(n).repeat(64)}.jpg`,
          alt: 'Ảnh',
          caption: '',
        })),
      },
    } as unknown as BodyDocument;
    expect(check(draft(images))).toEqual([]);
  });

  test('unknown node types (tables, attachments) are read, not dropped', () => {
    const table = {
      root: {
        type: 'root',
        children: [
          {
            type: 'table',
            children: [
              {
                type: 'tablerow',
                children: [
                  {
                    type: 'tablecell',
                    children: [
                      { type: 'paragraph', children: [{ type: 'text', text: 'chât lượng', format: 0, style: '' }] },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
    } as unknown as BodyDocument;
    const [finding] = check(draft(table));
    expect(finding).toMatchObject({
      rule: 'spelling.unknown-word',
      path: [0, 0, 0, 0],
      start: 0,
      end: 4,
      suggestion: 'chất',
    });
  });
});

describe('bad input', () => {
  test('a 5 MB article answers: its beginning read, a placeholder at its very end still found, no false spelling', () => {
    const paragraphs: string[] = [];
    for (let size = 0; size < 5_000_000; size += 800)
      paragraphs.push(`${seed.body[paragraphs.length % 3] ?? ''} Москва 北京 ประเทศไทย`.slice(0, 800));
    paragraphs.push('Hết. {{chu_ky}}');
    const findings = check(draft(paragraphs));
    const rules = new Set(findings.map((f) => f.rule));
    expect([...rules].filter((rule) => rule.startsWith('spelling.') || rule.startsWith('tone.'))).toEqual([]);
    expect(rules.has('check.partial')).toBe(true);
    expect(findings.find((f) => f.rule === 'completeness.placeholder')).toMatchObject({
      text: '{{chu_ky}}',
      severity: 'block',
      path: [paragraphs.length - 1],
    });
  });
});

describe('settings', () => {
  test('an organisation may make a rule block, or turn it off', () => {
    const blocking = { ...DEFAULT_QUALITY_SETTINGS, severities: { 'completeness.no-lead': 'block' as const } };
    expect(check(draft(['Nội dung.'], { lead: '' }), blocking).map((f) => [f.rule, f.severity])).toEqual([
      ['completeness.no-lead', 'block'],
    ]);
    const off = { ...DEFAULT_QUALITY_SETTINGS, severities: { 'completeness.no-lead': 'off' as const } };
    expect(check(draft(['Nội dung.'], { lead: '' }), off)).toEqual([]);
  });

  test('every rule has an id the docs list', () => {
    const docs = fs.readFileSync(path.join(__dirname, '../../docs/quality.md'), 'utf8');
    for (const rule of RULE_IDS) expect(docs, rule).toContain(`\`${rule}\``);
  });
});
