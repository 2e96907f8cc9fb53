/**
 * Every rule of the pre-publication check (Kiểm tra trước khi đăng): a stable id, its group, its default severity
 * and where it comes from. docs/quality.md lists them with examples; an organisation may change a severity
 * (block / warn / off) but never the id.
 */

export const RULE_IDS = [
  'completeness.title-empty',
  'completeness.body-empty',
  'completeness.placeholder',
  'completeness.no-category',
  'completeness.no-byline',
  'completeness.no-lead',
  'completeness.caption-without-image',
  'spelling.unknown-word',
  'spelling.telex',
  'spelling.qui',
  'tone.style',
  'caps.body-name',
  'caps.document-type',
  'caps.citation',
  'consistency.name-forms',
  'consistency.hang-hang',
  'consistency.abbreviation-late',
  'a11y.image-alt',
  'a11y.contrast',
  'a11y.font-size',
  'a11y.heading-skip',
  'a11y.link-text',
  'check.partial',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const SEVERITIES = ['block', 'warn'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** What an organisation may set a rule to: 'off' drops its findings. */
export type SeveritySetting = Severity | 'off';

export interface RuleInfo {
  severity: Severity;
  /** The rule in a few words, Vietnamese and English (the panel's group titles, docs/quality.md). */
  vi: string;
  en: string;
  source: string;
}

const ND30 = 'Nghị định 30/2020/NĐ-CP, Phụ lục II';
const TT26 = 'Thông tư 26/2020/TT-BTTTT; WCAG 2.1 AA';
const EDITORIAL = 'Tòa Soạn editorial practice';

export const RULES: Record<RuleId, RuleInfo> = {
  'completeness.title-empty': { severity: 'block', vi: 'Chưa có tiêu đề', en: 'No title', source: EDITORIAL },
  'completeness.body-empty': { severity: 'block', vi: 'Chưa có nội dung', en: 'No body', source: EDITORIAL },
  'completeness.placeholder': {
    severity: 'block',
    vi: 'Chữ giữ chỗ hoặc chữ của máy còn sót',
    en: 'Leftover placeholder or machine word',
    source: EDITORIAL,
  },
  'completeness.no-category': { severity: 'warn', vi: 'Chưa chọn chuyên mục', en: 'No category', source: EDITORIAL },
  'completeness.no-byline': { severity: 'warn', vi: 'Chưa ghi tác giả', en: 'No byline', source: EDITORIAL },
  'completeness.no-lead': { severity: 'warn', vi: 'Chưa có sapo', en: 'No lead', source: EDITORIAL },
  'completeness.caption-without-image': {
    severity: 'warn',
    vi: 'Chú thích không có ảnh',
    en: 'Caption without an image',
    source: EDITORIAL,
  },
  'spelling.unknown-word': {
    severity: 'warn',
    vi: 'Từ không có trong từ điển',
    en: 'Word not in the dictionary',
    source: 'dictionary-vi (hunspell-vi)',
  },
  'spelling.telex': {
    severity: 'warn',
    vi: 'Chữ gõ Telex khi bộ gõ đang tắt',
    en: 'Telex typed with the input method off',
    source: 'dictionary-vi (hunspell-vi)',
  },
  'spelling.qui': { severity: 'warn', vi: '“qui” viết là “quy”', en: '“qui” is written “quy”', source: ND30 },
  'tone.style': {
    severity: 'warn',
    vi: 'Vị trí dấu thanh khác kiểu của cơ quan',
    en: "Tone mark placed otherwise than the organisation's style",
    source: 'Quyết định 1989/QĐ-BGDĐT (kiểu mới); kiểu cũ trong tên các cơ quan nhà nước',
  },
  'caps.body-name': { severity: 'warn', vi: 'Viết hoa tên cơ quan', en: 'Capitals in names of bodies', source: ND30 },
  'caps.document-type': {
    severity: 'warn',
    vi: 'Viết hoa tên loại văn bản có số',
    en: 'Capital on a document type cited with its number',
    source: ND30,
  },
  'caps.citation': {
    severity: 'warn',
    vi: 'Viết hoa khi viện dẫn điểm, khoản, điều',
    en: 'Capitals in citations of points, clauses and articles',
    source: ND30,
  },
  'consistency.name-forms': {
    severity: 'warn',
    vi: 'Một cơ quan được viết nhiều cách',
    en: 'One body named in several forms',
    source: EDITORIAL,
  },
  'consistency.hang-hang': {
    severity: 'warn',
    vi: '“hàng năm” và “hằng năm” cùng một bài',
    en: '“hàng năm” and “hằng năm” in one article',
    source: EDITORIAL,
  },
  'consistency.abbreviation-late': {
    severity: 'warn',
    vi: 'Chữ viết tắt dùng trước khi được giải thích',
    en: 'Abbreviation used before it is spelled out',
    source: EDITORIAL,
  },
  'a11y.image-alt': { severity: 'warn', vi: 'Ảnh thiếu mô tả (alt)', en: 'Image without alt text', source: TT26 },
  'a11y.contrast': { severity: 'warn', vi: 'Màu chữ tương phản thấp', en: 'Low text contrast', source: TT26 },
  'a11y.font-size': { severity: 'warn', vi: 'Cỡ chữ quá nhỏ', en: 'Text too small', source: TT26 },
  'a11y.heading-skip': { severity: 'warn', vi: 'Nhảy cấp tiêu đề', en: 'Heading level skipped', source: TT26 },
  'a11y.link-text': {
    severity: 'warn',
    vi: 'Chữ của liên kết không nói nơi đến',
    en: 'Link text that says nothing of its target',
    source: TT26,
  },
  'check.partial': {
    severity: 'warn',
    vi: 'Bài quá dài, chỉ kiểm tra phần đầu',
    en: 'Article too long: only its beginning was checked',
    source: EDITORIAL,
  },
};

export function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}
