/**
 * The pre-publication check (Kiểm tra trước khi đăng): every rule of rules.ts over every text of an article.
 * Pure TypeScript, no Node and no DOM: the core runs it for the gate and for `quality.check`; a renderer could run it
 * too, given the dictionary. All text is read as NFC; offsets are in UTF-16 units of that text.
 */
import {
  articleTexts,
  QUALITY_FIELDS,
  type ArticleDraftTexts,
  type BodyPart,
  type QualityField,
  type Segment,
} from './article-text';
import { BODY_NAMES } from './body-names';
import { RULES, type RuleId, type Severity, type SeveritySetting } from './rules';
import type { Speller } from './speller';
import { inToneStyle, toneMisplaced, withCaseOf, type ToneStyle } from './syllable';

export interface QualityFinding {
  rule: RuleId;
  severity: Severity;
  field: QualityField;
  /** For the body: child indices from the root to the node holding the text. */
  path?: number[];
  part?: BodyPart;
  /** The offending text and where it is in its field (or body node's text). */
  start: number;
  end: number;
  text: string;
  /** The replacement for text[start, end); '' means delete it. */
  suggestion?: string;
  message: string;
  messageEn: string;
}

export interface QualitySettings {
  toneStyle: ToneStyle;
  severities: Partial<Record<RuleId, SeveritySetting>>;
  /** The organisation's own words ("Thêm vào từ điển"): never a spelling finding. */
  words: readonly string[];
}

export const DEFAULT_QUALITY_SETTINGS: QualitySettings = { toneStyle: 'traditional', severities: {}, words: [] };

export interface QualityDraft extends ArticleDraftTexts {
  categoryId: number | null;
  featuredImage: string | null;
}

/** How much text (UTF-16 units) spelling and style read: about 60,000 words, three times the longest report. */
const MAX_READ_CHARS = 400_000;
/** At most this many findings of one rule: a pasted page of garbage must not answer with a hundred thousand. */
const MAX_PER_RULE = 200;
/** The portal's article background (`.content` in shared/render/portal-page.ts). */
const PORTAL_BACKGROUND: Rgb = [255, 255, 255];

type Draft = Omit<QualityFinding, 'severity'>;

const LETTERS = /[\p{L}\p{M}]+/gu;

/**
 * Calls `each` for every match of a module-level global regex, by exec (matchAll copies the regex on every call: with
 * the names of bodies that copy cost more than the matching). Not re-entrant per regex.
 */
/** Letter or mark, per UTF-16 unit (surrogates count as letters: such words are other scripts, never judged). */
const LETTER_UNITS = new Uint8Array(0x10000);
function isLetterUnit(code: number): boolean {
  let known = LETTER_UNITS[code];
  if (known === 0) {
    known = (code >= 0xd800 && code <= 0xdfff) || /[\p{L}\p{M}]/u.test(String.fromCharCode(code)) ? 1 : 2;
    LETTER_UNITS[code] = known;
  }
  return known === 1;
}
const isSpaceUnit = (code: number): boolean =>
  code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || (code >= 0x2000 && code <= 0x200a) || code === 0x3000;

function eachMatch(pattern: RegExp, text: string, each: (match: RegExpExecArray) => void): void {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0] === '') pattern.lastIndex++;
    each(match);
  }
}

const quote = (text: string) => `“${text}”`;

/** Whether `at` starts a sentence: the start of its text, or after . ! ? … : or a line break (quotes between). */
function sentenceStart(text: string, at: number): boolean {
  const from = Math.max(0, at - 20);
  const raw = text.slice(from, at).replace(/["'“”‘’(\[]+$/, '');
  if (/\n\s*$/.test(raw)) return true;
  const before = raw.trimEnd();
  return before === '' ? from === 0 : /[.!?…:]$/.test(before);
}

export function checkArticle(draft: QualityDraft, speller: Speller, settings: QualitySettings): QualityFinding[] {
  const texts = articleTexts(draft);
  const found: Draft[] = [];
  const add = (finding: Draft) => found.push(finding);
  const at = (segment: Segment) => ({
    field: segment.field,
    ...(segment.path ? { path: segment.path, part: segment.part } : {}),
  });

  checkCompleteness(draft, texts.bodyHasContent, texts.images, texts.segments, add, at);
  const ownWords = ownWordSet(settings.words);
  const words: WordCache = new Map();
  // Writing is read up to a budget (a 5 MB paste must still answer at once); placeholders are looked for everywhere.
  const read: Segment[] = [];
  let budget = MAX_READ_CHARS;
  for (const segment of texts.segments) {
    if (segment.text.trim() === '') continue;
    checkPlaceholders(segment, add, at);
    if (budget <= 0) continue;
    budget -= segment.text.length;
    read.push(segment);
    if (segment.field !== 'author') checkWords(segment, speller, settings.toneStyle, ownWords, words, add, at);
    checkDocumentTypes(segment, add, at);
    checkCitations(segment, add, at);
  }
  if (budget < 0) {
    const characters = texts.segments.reduce((sum, segment) => sum + segment.text.length, 0);
    add({
      rule: 'check.partial',
      field: 'body',
      start: 0,
      end: 0,
      text: '',
      message: `Bài dài ${characters.toLocaleString('vi-VN')} ký tự: chính tả và cách viết chỉ được kiểm tra ở ${MAX_READ_CHARS.toLocaleString('vi-VN')} ký tự đầu (chữ giữ chỗ thì kiểm tra cả bài).`,
      messageEn: `The article has ${characters.toLocaleString('en-GB')} characters: spelling and style were checked in the first ${MAX_READ_CHARS.toLocaleString('en-GB')} only (placeholders in the whole article).`,
    });
  }
  checkBodyNames(read, settings.toneStyle, add, at);
  checkHangHang(read, add, at);
  checkAbbreviations(read, add, at);
  checkAccessibility(texts, add, at);

  const counts = new Map<RuleId, number>();
  const out: QualityFinding[] = [];
  for (const finding of found.sort(inReadingOrder)) {
    const setting = settings.severities[finding.rule] ?? RULES[finding.rule].severity;
    if (setting === 'off') continue;
    const count = (counts.get(finding.rule) ?? 0) + 1;
    counts.set(finding.rule, count);
    if (count > MAX_PER_RULE) continue;
    out.push({ ...finding, severity: setting });
  }
  return out;
}

const PART_ORDER: BodyPart[] = ['text', 'alt', 'caption'];

/** Fields in the order of the form, then the body's nodes in document order, then the place in the text. */
function inReadingOrder(a: Draft, b: Draft): number {
  const byField = QUALITY_FIELDS.indexOf(a.field) - QUALITY_FIELDS.indexOf(b.field);
  if (byField !== 0) return byField;
  const [p, q] = [a.path ?? [], b.path ?? []];
  for (let i = 0; i < Math.min(p.length, q.length); i++) if (p[i] !== q[i]) return (p[i] ?? 0) - (q[i] ?? 0);
  if (p.length !== q.length) return p.length - q.length;
  const byPart = PART_ORDER.indexOf(a.part ?? 'text') - PART_ORDER.indexOf(b.part ?? 'text');
  return byPart !== 0 ? byPart : a.start - b.start;
}

type Add = (finding: Draft) => void;
type At = (segment: Segment) => { field: QualityField; path?: number[]; part?: BodyPart };

function checkCompleteness(
  draft: QualityDraft,
  bodyHasContent: boolean,
  images: { path: number[]; src: string; caption: string }[],
  segments: Segment[],
  add: Add,
  at: At,
): void {
  const empty = (field: QualityField, rule: RuleId, vi: string, en: string) =>
    add({ rule, field, start: 0, end: 0, text: '', message: vi, messageEn: en });
  if (draft.title.trim() === '')
    empty('title', 'completeness.title-empty', 'Bài viết chưa có tiêu đề.', 'The article has no title.');
  if (!bodyHasContent)
    empty('body', 'completeness.body-empty', 'Bài viết chưa có nội dung.', 'The article has no body text.');
  if (draft.categoryId === null)
    empty('category', 'completeness.no-category', 'Bài viết chưa chọn chuyên mục.', 'No category is chosen.');
  if (draft.author.trim() === '')
    empty('author', 'completeness.no-byline', 'Bài viết chưa ghi tác giả.', 'The article has no byline.');
  if (draft.lead.trim() === '')
    empty('lead', 'completeness.no-lead', 'Bài viết chưa có sapo (tóm tắt).', 'The article has no lead (summary).');
  const captionWithout = (where: ReturnType<At>, text: string) =>
    add({
      rule: 'completeness.caption-without-image',
      ...where,
      start: 0,
      end: text.length,
      text,
      message: `Có chú thích ${quote(text)} nhưng chưa có ảnh.`,
      messageEn: `The caption ${quote(text)} has no image.`,
    });
  const featured = segments.find((s) => s.field === 'featuredCaption');
  if (featured && featured.text.trim() !== '' && draft.featuredImage === null)
    captionWithout(at(featured), featured.text);
  for (const image of images)
    if (image.src.trim() === '' && image.caption.trim() !== '')
      captionWithout({ field: 'body', path: image.path, part: 'caption' }, image.caption);
}

const PLACEHOLDERS =
  /(?<![\p{L}\p{N}_])(?:null|undefined|NaN)(?![\p{L}\p{N}_])|\[object Object\]|\{\{[^{}]*\}\}|lorem ipsum/giu;

function checkPlaceholders(segment: Segment, add: Add, at: At): void {
  eachMatch(PLACEHOLDERS, segment.text, (match) => {
    const text = match[0];
    // 'Null' or 'NULL' in prose is rare but possible; the machine writes exactly null, undefined, NaN.
    if (/^(null|undefined|nan)$/i.test(text) && !['null', 'undefined', 'NaN'].includes(text)) return;
    add({
      rule: 'completeness.placeholder',
      ...at(segment),
      start: match.index,
      end: match.index + text.length,
      text,
      suggestion: '',
      message: `${quote(text)} là chữ giữ chỗ hoặc chữ của máy còn sót lại; hãy xóa hoặc thay bằng nội dung thật.`,
      messageEn: `${quote(text)} is a leftover placeholder or machine word; delete it or put the real content.`,
    });
  });
}

/** What one distinct word gets, whatever its place: nothing, a tone-style fix, or a spelling finding. */
type WordOutcome =
  | null
  | { rule: 'tone.style'; suggestion: string }
  | { rule: 'spelling.unknown-word' | 'spelling.telex' | 'spelling.qui'; suggestion: string | undefined };

/** The verdicts of one check, by the word as written (the settings are fixed for the check). */
type WordCache = Map<string, WordOutcome>;

function wordOutcome(word: string, speller: Speller, style: ToneStyle, ownWords: Set<string>): WordOutcome {
  // Acronyms (ASEAN, UBND, QĐ) and mixed-case words (iPhone, TikTok) are not Vietnamese syllables to spell.
  if (word.length > 1 && (word === word.toUpperCase() || /\p{Lu}/u.test(word.slice(1)))) return null;
  const lower = word.toLowerCase();
  if (ownWords.has(inToneStyle(lower, 'modern'))) return null;
  const verdict = speller.check(lower, style);
  if (verdict.kind === 'ok') {
    const styled = inToneStyle(lower, style);
    return styled === lower ? null : { rule: 'tone.style', suggestion: withCaseOf(word, styled) };
  }
  if (verdict.kind === 'unknown') return null;
  // A capitalised word the dictionary does not know is most likely a name (Thạnh, Giá Rai): spoken of only when
  // its tone mark sits where no style puts it ('Nghịêp').
  if (lower !== word && !toneMisplaced(lower)) return null;
  const rule =
    verdict.how === 'telex' ? 'spelling.telex' : verdict.how === 'qui' ? 'spelling.qui' : 'spelling.unknown-word';
  return { rule, suggestion: verdict.suggestion === null ? undefined : withCaseOf(word, verdict.suggestion) };
}

/** The organisation's words as the lookup compares them: NFC, lower case, modern tone style. */
function ownWordSet(words: readonly string[]): Set<string> {
  return new Set(words.map((w) => inToneStyle(w.normalize('NFC').toLowerCase(), 'modern')));
}

/** What the spelling check says of one word on its own (the right-click menu). */
export interface WordSuggestions {
  /** The word as judged (NFC). */
  word: string;
  /** Whether the check doubts it: a spelling or tone-style finding it would report (the rule not turned off). */
  misspelt: boolean;
  /** What could replace it, best first; empty when the word is doubted but nothing is near enough. */
  suggestions: string[];
}

/** One word judged as the check judges it in a text (names, acronyms and the organisation's words pass). */
export function suggestForWord(word: string, speller: Speller, settings: QualitySettings, limit = 5): WordSuggestions {
  const nfc = word.normalize('NFC');
  const outcome = wordOutcome(nfc, speller, settings.toneStyle, ownWordSet(settings.words));
  if (outcome === null || settings.severities[outcome.rule] === 'off')
    return { word: nfc, misspelt: false, suggestions: [] };
  const nearby =
    outcome.rule === 'spelling.unknown-word'
      ? speller.suggestions(nfc.toLowerCase(), settings.toneStyle, '', limit).map((s) => withCaseOf(nfc, s))
      : [];
  const suggestions = [...new Set([...(outcome.suggestion ? [outcome.suggestion] : []), ...nearby])];
  return { word: nfc, misspelt: true, suggestions: suggestions.slice(0, limit) };
}

/** A chunk between spaces that is not prose to spell: a web or e-mail address, anything with a digit (15/2023/QĐ-UBND). */
const NOT_PROSE = /\p{N}|@|^\(?(?:https?:\/\/|www\.)/iu;
const NEXT_WORD = /^\s+([\p{L}\p{M}]+)/u;

function wordMessages(rule: RuleId, word: string, suggestion: string | undefined, style: ToneStyle): [string, string] {
  if (rule === 'tone.style') {
    const fix = quote(suggestion ?? word);
    return style === 'traditional'
      ? [
          `${quote(word)}: cơ quan dùng kiểu đặt dấu cũ (hòa, thủy, Ủy); viết ${fix}.`,
          `${quote(word)}: the organisation places tone marks in the traditional style (hòa, thủy, Ủy); write ${fix}.`,
        ]
      : [
          `${quote(word)}: cơ quan dùng kiểu đặt dấu mới (hoà, thuỷ, Uỷ); viết ${fix}.`,
          `${quote(word)}: the organisation places tone marks in the modern style (hoà, thuỷ, Uỷ); write ${fix}.`,
        ];
  }
  if (rule === 'spelling.qui')
    return [
      `Viết ${quote(suggestion ?? 'quy')} thay cho ${quote(word)} (Nghị định 30/2020/NĐ-CP).`,
      `Write ${quote(suggestion ?? 'quy')} for ${quote(word)} (Nghị định 30/2020/NĐ-CP).`,
    ];
  const hint = suggestion ? `; có phải ${quote(suggestion)}?` : '.';
  const hintEn = suggestion ? `; did you mean ${quote(suggestion)}?` : '.';
  return rule === 'spelling.telex'
    ? [
        `${quote(word)} có vẻ gõ Telex khi bộ gõ tiếng Việt đang tắt${hint}`,
        `${quote(word)} looks like Telex typed with the Vietnamese input method off${hintEn}`,
      ]
    : [
        `${quote(word)} không có trong từ điển tiếng Việt${hint}`,
        `${quote(word)} is not in the Vietnamese dictionary${hintEn}`,
      ];
}

function checkWords(
  segment: Segment,
  speller: Speller,
  style: ToneStyle,
  ownWords: Set<string>,
  cache: WordCache,
  add: Add,
  at: At,
): void {
  const text = segment.text;
  // The chunk between spaces around the current word, and whether it is prose at all.
  let chunkEnd = -1;
  let prose = true;
  // Words scanned by hand, unit by unit: a regex exec per word cost more than the rest of the check.
  for (let i = 0; i < text.length;) {
    if (!isLetterUnit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isLetterUnit(text.charCodeAt(i))) i++;
    const word = text.slice(start, i);
    if (start >= chunkEnd) {
      let chunkStart = start;
      while (chunkStart > 0 && !isSpaceUnit(text.charCodeAt(chunkStart - 1))) chunkStart--;
      chunkEnd = i;
      while (chunkEnd < text.length && !isSpaceUnit(text.charCodeAt(chunkEnd))) chunkEnd++;
      prose = !NOT_PROSE.test(text.slice(chunkStart, chunkEnd));
    }
    if (!prose) continue;
    let outcome = cache.get(word);
    if (outcome === undefined) {
      outcome = wordOutcome(word, speller, style, ownWords);
      cache.set(word, outcome);
    }
    if (outcome === null) continue;
    const end = start + word.length;
    // Glued to other letters by an apostrophe or to a web-ish character: a foreign or technical token.
    if (/['’@_]/.test(text[start - 1] ?? '') || /['’@_]/.test(text[end] ?? '')) continue;
    let suggestion = outcome.suggestion;
    if (outcome.rule === 'spelling.unknown-word') {
      // The word after it ranks the suggestions ('chât lượng' → 'chất').
      const next = NEXT_WORD.exec(text.slice(end, end + 24))?.[1]?.toLowerCase() ?? '';
      const verdict = next ? speller.check(word.toLowerCase(), style, next) : null;
      if (verdict?.kind === 'misspelt' && verdict.suggestion !== null)
        suggestion = withCaseOf(word, verdict.suggestion);
    }
    const [message, messageEn] = wordMessages(outcome.rule, word, suggestion, style);
    add({
      rule: outcome.rule,
      ...at(segment),
      start,
      end,
      text: word,
      ...(suggestion !== undefined ? { suggestion } : {}),
      message,
      messageEn,
    });
  }
}

const DOCUMENT_TYPES =
  /(?<![\p{L}\p{M}])(nghị định|nghị quyết|quyết định|thông tư liên tịch|thông tư|chỉ thị|kế hoạch|thông báo|công văn|luật|pháp lệnh|hướng dẫn)(?=\s+(?:số\s+\d|\d+\/))/giu;

function checkDocumentTypes(segment: Segment, add: Add, at: At): void {
  eachMatch(DOCUMENT_TYPES, segment.text, (match) => {
    const text = match[0];
    const right = (text[0] ?? '').toUpperCase() + text.slice(1).toLowerCase();
    if (text === right) return;
    add({
      rule: 'caps.document-type',
      ...at(segment),
      start: match.index,
      end: match.index + text.length,
      text,
      suggestion: right,
      message: `Tên loại văn bản có số và ký hiệu viết hoa chữ cái đầu: ${quote(right)} (Nghị định 30/2020/NĐ-CP, Phụ lục II).`,
      messageEn: `A document type cited with its number takes a capital first letter: ${quote(right)} (Nghị định 30/2020/NĐ-CP, Appendix II).`,
    });
  });
}

const POINT_OR_CLAUSE = /(?<![\p{L}\p{M}])(Điểm|Khoản)(?=\s+(?:[a-zđ](?![\p{L}\p{M}])|\d))/gu;
const ARTICLE_OR_CHAPTER = /(?<![\p{L}\p{M}])(điều(?=\s+\d)|chương(?=\s+[IVXLC]+(?![\p{L}])))/gu;

function checkCitations(segment: Segment, add: Add, at: At): void {
  const cite = (start: number, text: string, right: string) =>
    add({
      rule: 'caps.citation',
      ...at(segment),
      start,
      end: start + text.length,
      text,
      suggestion: right,
      message: `Khi viện dẫn, viết ${quote(right)}: điểm và khoản viết thường, Điều và Chương viết hoa (“điểm a khoản 1 Điều 3”; Nghị định 30/2020/NĐ-CP, Phụ lục II).`,
      messageEn: `In a citation write ${quote(right)}: point and clause in lower case, Article and Chapter capitalised (“điểm a khoản 1 Điều 3”; Nghị định 30/2020/NĐ-CP, Appendix II).`,
    });
  eachMatch(POINT_OR_CLAUSE, segment.text, (match) => {
    if (!sentenceStart(segment.text, match.index)) cite(match.index, match[0], match[0].toLowerCase());
  });
  eachMatch(ARTICLE_OR_CHAPTER, segment.text, (match) => {
    cite(match.index, match[0], (match[0][0] ?? '').toUpperCase() + match[0].slice(1));
  });
}

const SEPARATOR = String.raw`(?:\s*[-–—,]\s*|\s+)`;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const nameWords = (name: string) => name.split(/\s*[-–—,]\s*|\s+/).map((w) => inToneStyle(w.toLowerCase(), 'modern'));
/** A word of a name in either tone style: (hóa|hoá). */
const eitherStyle = (word: string) => {
  const forms = [...new Set([inToneStyle(word, 'traditional'), word])].map(escapeRegExp);
  return forms.length === 1 ? forms[0] : `(?:${forms.join('|')})`;
};
const NAME_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{M}])(?:${[...BODY_NAMES]
    .sort((a, b) => b.length - a.length)
    .map((name) => nameWords(name).map(eitherStyle).join(SEPARATOR))
    .join('|')})(?![\\p{L}\\p{M}])`,
  'giu',
);
const NAME_BY_KEY = new Map(BODY_NAMES.map((name) => [nameWords(name).join(' '), name]));
/** A form of a name as compared: one kind of dash, single spaces, the organisation's tone style. */
const formOf = (text: string, style: ToneStyle) =>
  text
    .replace(/\s*[–—]\s*/g, ' - ')
    .replace(/\s+/g, ' ')
    .replace(LETTERS, (w) => withCaseOf(w, inToneStyle(w.toLowerCase(), style)));

function checkBodyNames(segments: Segment[], style: ToneStyle, add: Add, at: At): void {
  const occurrences = new Map<string, { segment: Segment; start: number; text: string }[]>();
  for (const segment of segments) {
    if (segment.field === 'author' || segment.text.trim() === '') continue;
    eachMatch(NAME_PATTERN, segment.text, (match) => {
      const first = match[0][0] ?? '';
      if (first === first.toLowerCase()) return;
      const key = nameWords(match[0]).join(' ');
      const list = occurrences.get(key) ?? [];
      list.push({ segment, start: match.index, text: match[0] });
      occurrences.set(key, list);
    });
  }
  for (const [key, list] of occurrences) {
    const canonical = formOf(NAME_BY_KEY.get(key) ?? '', style);
    const forms = [...new Set(list.map((o) => formOf(o.text, style)))];
    for (const o of list) {
      if (formOf(o.text, style) === canonical) continue;
      const several = forms.length > 1;
      const others = forms.filter((f) => f !== formOf(o.text, style)).map(quote);
      add({
        rule: several ? 'consistency.name-forms' : 'caps.body-name',
        ...at(o.segment),
        start: o.start,
        end: o.start + o.text.length,
        text: o.text,
        suggestion: canonical,
        message: several
          ? `Bài viết gọi cùng một cơ quan theo nhiều cách (${quote(o.text)} và ${others.join(', ')}); tên đúng là ${quote(canonical)} (Nghị định 30/2020/NĐ-CP, Phụ lục II).`
          : `Tên cơ quan viết hoa chữ cái đầu của các từ chỉ loại và lĩnh vực: ${quote(canonical)} (Nghị định 30/2020/NĐ-CP, Phụ lục II).`,
        messageEn: several
          ? `The article names one body in several forms (${quote(o.text)} and ${others.join(', ')}); its name is ${quote(canonical)} (Nghị định 30/2020/NĐ-CP, Appendix II).`
          : `In the name of a body the words for its kind and field take a capital: ${quote(canonical)} (Nghị định 30/2020/NĐ-CP, Appendix II).`,
      });
    }
  }
}

const HANG =
  /(?<![\p{L}\p{M}])([Hh])(àng|ằng) (năm|ngày|tháng|tuần|quý)(?![\p{L}\p{M}])(?!\s+(?:trăm|chục|nghìn|ngàn|triệu))/gu;

function checkHangHang(segments: Segment[], add: Add, at: At): void {
  const seen = { hàng: [] as { segment: Segment; match: RegExpMatchArray }[], hằng: 0 };
  for (const segment of segments)
    eachMatch(HANG, segment.text, (match) => {
      if (match[2] === 'ằng') seen.hằng++;
      else seen.hàng.push({ segment, match });
    });
  if (seen.hằng === 0) return;
  for (const { segment, match } of seen.hàng) {
    const text = match[0];
    const right = `${match[1]}ằng ${match[3]}`;
    add({
      rule: 'consistency.hang-hang',
      ...at(segment),
      start: match.index ?? 0,
      end: (match.index ?? 0) + text.length,
      text,
      suggestion: right,
      message: `Bài viết dùng cả ${quote(text)} và ${quote(`hằng ${match[3]}`)}; nghĩa “mỗi ${match[3]}” viết là ${quote(right)}.`,
      messageEn: `The article uses both ${quote(text)} and ${quote(`hằng ${match[3]}`)}; “every ${match[3]}” is written ${quote(right)}.`,
    });
  }
}

const DEFINITION = /\(([A-ZĐ][A-ZĐ0-9&]{1,11})\)/gu;

function checkAbbreviations(segments: Segment[], add: Add, at: At): void {
  const reading = segments.filter((s) => s.field === 'lead' || s.field === 'body');
  const defined = new Map<string, { index: number; start: number }>();
  reading.forEach((segment, index) => {
    eachMatch(DEFINITION, segment.text, (match) => {
      if (!defined.has(match[1] ?? '')) defined.set(match[1] ?? '', { index, start: match.index });
    });
  });
  for (const [abbreviation, definition] of defined) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(abbreviation)}(?![\\p{L}\\p{N}])`, 'u');
    for (let index = 0; index <= definition.index; index++) {
      const segment = reading[index];
      if (!segment) continue;
      const text = index === definition.index ? segment.text.slice(0, definition.start) : segment.text;
      const match = pattern.exec(text);
      if (!match) continue;
      add({
        rule: 'consistency.abbreviation-late',
        ...at(segment),
        start: match.index,
        end: match.index + abbreviation.length,
        text: abbreviation,
        message: `${quote(abbreviation)} được dùng trước khi bài viết giải thích nó (ở phía dưới); hãy viết đầy đủ ở lần dùng đầu tiên.`,
        messageEn: `${quote(abbreviation)} is used before the article spells it out (further down); spell it out where it is first used.`,
      });
      break;
    }
  }
}

type Rgb = [number, number, number];

const NAMED_COLORS: Record<string, Rgb> = {
  black: [0, 0, 0],
  white: [255, 255, 255],
  red: [255, 0, 0],
  green: [0, 128, 0],
  blue: [0, 0, 255],
  yellow: [255, 255, 0],
  orange: [255, 165, 0],
  gray: [128, 128, 128],
  grey: [128, 128, 128],
  silver: [192, 192, 192],
};

function parseColor(value: string): Rgb | null {
  const v = value.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(v)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
  }
  const rgb = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)/.exec(v);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  return NAMED_COLORS[v] ?? null;
}

function luminance([r, g, b]: Rgb): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

/** A CSS declaration's value out of an inline style ('color: #aaa; font-size: 18px'). */
const styleValue = (style: string, property: string): string | null =>
  new RegExp(`(?:^|;)\\s*${property}\\s*:\\s*([^;]+)`, 'i').exec(style)?.[1]?.trim() ?? null;

function fontSizePx(style: string): number | null {
  const value = styleValue(style, 'font-size');
  const match = value ? /^([\d.]+)\s*(px|pt)$/i.exec(value) : null;
  if (!match) return null;
  return Number(match[1]) * (match[2]?.toLowerCase() === 'pt' ? 4 / 3 : 1);
}

const VAGUE_LINK_TEXT = new Set([
  'tại đây',
  'ở đây',
  'đây',
  'xem tại đây',
  'bấm vào đây',
  'nhấn vào đây',
  'click vào đây',
  'xem thêm',
  'chi tiết',
  'link',
  'liên kết',
  'here',
  'click here',
  'more',
]);

function checkAccessibility(texts: ReturnType<typeof articleTexts>, add: Add, at: At): void {
  for (const image of texts.images)
    if (image.alt.trim() === '')
      add({
        rule: 'a11y.image-alt',
        field: 'body',
        path: image.path,
        part: 'alt',
        start: 0,
        end: 0,
        text: image.caption,
        message: 'Ảnh chưa có mô tả (alt) cho người khiếm thị; hãy tả ngắn gọn điều ảnh cho thấy.',
        messageEn: 'The image has no alt text for blind readers; describe briefly what it shows.',
      });
  let previous = 1;
  for (const heading of texts.headings) {
    if (heading.level > previous + 1)
      add({
        rule: 'a11y.heading-skip',
        field: 'body',
        path: heading.path,
        part: 'text',
        start: 0,
        end: heading.text.length,
        text: heading.text,
        message: `Tiêu đề cấp ${heading.level} đứng sau cấp ${previous}: không được bỏ qua cấp ${previous + 1}.`,
        messageEn: `A level ${heading.level} heading follows level ${previous}: level ${previous + 1} is skipped.`,
      });
    previous = heading.level;
  }
  for (const segment of texts.segments) {
    for (const run of segment.runs) {
      const text = segment.text.slice(run.start, run.end);
      if (text.trim() === '') continue;
      const size = fontSizePx(run.style);
      const bold = (run.format & 1) !== 0;
      if (size !== null && size < 12)
        add({
          rule: 'a11y.font-size',
          ...at(segment),
          start: run.start,
          end: run.end,
          text,
          message: `Cỡ chữ ${Math.round(size * 10) / 10}px nhỏ hơn 12px, khó đọc.`,
          messageEn: `Text size ${Math.round(size * 10) / 10}px is below 12px and hard to read.`,
        });
      const colorValue = styleValue(run.style, 'color');
      const color = colorValue ? parseColor(colorValue) : null;
      if (!color) continue;
      const ratio = contrastRatio(color, PORTAL_BACKGROUND);
      const large = size !== null && (size >= 24 || (size >= 18.66 && bold));
      const needed = large ? 3 : 4.5;
      if (ratio < needed)
        add({
          rule: 'a11y.contrast',
          ...at(segment),
          start: run.start,
          end: run.end,
          text,
          message: `Màu chữ ${colorValue} trên nền trắng chỉ có độ tương phản ${ratio.toFixed(2)}:1, cần ít nhất ${needed}:1.`,
          messageEn: `Text colour ${colorValue} on white has a contrast of ${ratio.toFixed(2)}:1; at least ${needed}:1 is needed.`,
        });
    }
    for (const link of segment.links) {
      const text = segment.text.slice(link.start, link.end);
      const bare = /^(https?:\/\/|www\.)\S+$/i.test(text.trim());
      if (
        !bare &&
        !VAGUE_LINK_TEXT.has(
          text
            .trim()
            .toLowerCase()
            .replace(/[.:!…]+$/, ''),
        )
      )
        continue;
      add({
        rule: 'a11y.link-text',
        ...at(segment),
        start: link.start,
        end: link.end,
        text,
        message: `Chữ của liên kết ${quote(text)} không nói liên kết dẫn tới đâu; hãy viết tên trang hay văn bản được dẫn tới.`,
        messageEn: `The link text ${quote(text)} says nothing of where it leads; name the page or document it points to.`,
      });
    }
  }
}
