/**
 * The texts of an article as the checker reads them: each field, and each run of inline text of the body with its
 * place in the editor document (the child indices from the root), so a finding can point back to the exact letters.
 * Unknown node types (tables, attachments and whatever comes later) are walked the same way: their text is read,
 * never dropped.
 */
import { parseBody } from '../render/body-nodes';

/** The fields the checker reads, in the order its findings are listed (the contract takes its enum from here). */
export const QUALITY_FIELDS = [
  'title',
  'lead',
  'author',
  'department',
  'category',
  'featuredImage',
  'featuredCaption',
  'body',
] as const;
export type QualityField = (typeof QUALITY_FIELDS)[number];

/** Which text of a body node: its inline text, or an image's alt text or caption. */
export type BodyPart = 'text' | 'alt' | 'caption';

export interface StyledRun {
  start: number;
  end: number;
  style: string;
  format: number;
}

export interface LinkSpan {
  start: number;
  end: number;
  url: string;
}

export interface Segment {
  field: QualityField;
  path?: number[];
  part?: BodyPart;
  text: string;
  runs: StyledRun[];
  links: LinkSpan[];
}

export interface BodyImage {
  path: number[];
  src: string;
  alt: string;
  caption: string;
}

export interface BodyHeading {
  path: number[];
  level: number;
  text: string;
}

export interface ArticleTexts {
  segments: Segment[];
  images: BodyImage[];
  headings: BodyHeading[];
  /** Whether the body holds any text or image at all. */
  bodyHasContent: boolean;
}

const INLINE_TYPES = new Set(['text', 'linebreak', 'tab', 'link', 'autolink']);

type JsonNode = { type?: unknown; children?: unknown; text?: unknown; [key: string]: unknown };

const asNode = (value: unknown): JsonNode | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonNode) : null;
const childrenOf = (node: JsonNode): unknown[] => (Array.isArray(node.children) ? node.children : []);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** An inline child: a known inline type, or an unknown leaf that carries text. */
function isInline(node: JsonNode): boolean {
  if (INLINE_TYPES.has(str(node.type))) return true;
  return typeof node.text === 'string' && !Array.isArray(node.children);
}

function appendInline(node: JsonNode, segment: Segment): void {
  const type = str(node.type);
  if (type === 'linebreak') {
    segment.text += '\n';
    return;
  }
  if (type === 'tab') {
    segment.text += '\t';
    return;
  }
  if (typeof node.text === 'string') {
    const start = segment.text.length;
    segment.text += node.text.normalize('NFC');
    const style = str(node.style);
    const format = typeof node.format === 'number' ? node.format : 0;
    if (style !== '' || format !== 0) segment.runs.push({ start, end: segment.text.length, style, format });
    return;
  }
  const start = segment.text.length;
  for (const child of childrenOf(node)) {
    const inner = asNode(child);
    if (inner) appendInline(inner, segment);
  }
  if (type === 'link' || type === 'autolink')
    segment.links.push({ start, end: segment.text.length, url: str(node.url) });
}

function walkBlock(node: JsonNode, path: number[], out: ArticleTexts): void {
  const type = str(node.type);
  if (type === 'image') {
    const image = { path, src: str(node.src), alt: str(node.alt).normalize('NFC'), caption: str(node.caption) };
    image.caption = image.caption.normalize('NFC');
    out.images.push(image);
    out.bodyHasContent = true;
    for (const part of ['alt', 'caption'] as const)
      if (image[part].trim() !== '')
        out.segments.push({ field: 'body', path, part, text: image[part], runs: [], links: [] });
    return;
  }
  const children = childrenOf(node);
  // The block's own text comes before the blocks inside it (a list item's text, then its nested list).
  const at = out.segments.length;
  const segment: Segment = { field: 'body', path, part: 'text', text: '', runs: [], links: [] };
  let hasInline = false;
  children.forEach((child, index) => {
    const inner = asNode(child);
    if (!inner) return;
    if (isInline(inner)) {
      hasInline = true;
      appendInline(inner, segment);
    } else walkBlock(inner, [...path, index], out);
  });
  if (!hasInline && typeof node.text === 'string') {
    hasInline = true;
    segment.text = node.text.normalize('NFC');
  }
  if (type === 'heading') {
    const level = Number(/^h([1-6])$/.exec(str(node.tag))?.[1] ?? 2);
    out.headings.push({ path, level, text: segment.text });
  }
  if (hasInline) {
    if (segment.text.trim() !== '') out.bodyHasContent = true;
    if (out.segments.length === at) out.segments.push(segment);
    else out.segments.splice(at, 0, segment);
  }
}

export interface ArticleDraftTexts {
  title: string;
  lead: string;
  author: string;
  department: string;
  featuredCaption: string;
  bodyJson: string | null;
  /** The body's text for an article that has no editor document (imported as HTML). */
  bodyText?: string;
}

const plainSegment = (field: QualityField, text: string): Segment => ({
  field,
  text: text.normalize('NFC'),
  runs: [],
  links: [],
});

/** Every text of the article, in reading order: title, lead, byline, department, featured caption, then the body. */
export function articleTexts(draft: ArticleDraftTexts): ArticleTexts {
  const out: ArticleTexts = { segments: [], images: [], headings: [], bodyHasContent: false };
  out.segments.push(
    plainSegment('title', draft.title),
    plainSegment('lead', draft.lead),
    plainSegment('author', draft.author),
    plainSegment('department', draft.department),
    plainSegment('featuredCaption', draft.featuredCaption),
  );
  const body = parseBody(draft.bodyJson);
  if (body !== null) {
    const bodyStart = out.segments.length;
    const blocks: Segment[] = [];
    const inner: ArticleTexts = { segments: blocks, images: out.images, headings: out.headings, bodyHasContent: false };
    body.root.children.forEach((child, index) => {
      const node = asNode(child);
      if (node) walkBlock(node, [index], inner);
    });
    out.segments.splice(bodyStart, 0, ...blocks);
    out.bodyHasContent = inner.bodyHasContent;
  } else if (draft.bodyText !== undefined && draft.bodyText.trim() !== '') {
    out.segments.push(plainSegment('body', draft.bodyText));
    out.bodyHasContent = true;
  }
  return out;
}
