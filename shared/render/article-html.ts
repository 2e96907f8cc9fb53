import { sanitizeColor, sanitizeFontSize } from '../style/css-values';
import { escapeHtml } from '../text/escape-html';
import { MEDIA_REF_PATTERN, TEXT_FORMAT, type BodyDocument } from './body-nodes';

/**
 * THE article-body renderer: Lexical's serialised editor state (body-nodes.ts) → HTML, for the preview and for
 * every publisher. Safe by construction: it never copies markup from its input, it writes only the elements and
 * attributes of the allow-list below, every text and attribute value is escaped, and the few values that reach
 * attributes (link URLs, inline styles, image sources, sizes) are re-derived from strict patterns.
 *
 *   elements    p h2 h3 blockquote ul ol li strong em u s sub sup code mark br a span figure img figcaption
 *               div table caption thead tbody tr th td
 *   attributes  style (text-align on p/h2/h3/blockquote/li/th/td; color and font-size on span; list-style-type on
 *               ul/ol; overflow-x on the table's div), start (ol), href rel target (a), src alt width height (img),
 *               class role tabindex aria-label (the table's div), colspan rowspan scope (th/td)
 */

/** Every node type the renderer gives a meaning of its own (others render their children or text only). */
export const RENDERED_NODE_TYPES = [
  'paragraph',
  'heading',
  'quote',
  'list',
  'listitem',
  'text',
  'linebreak',
  'tab',
  'link',
  'autolink',
  'image',
  'table',
  'tablerow',
  'tablecell',
] as const;

export type MediaVariant = 'web' | 'thumb';

export interface RenderOptions {
  /** The URL of a media reference ('media:<sha256>.<ext>'), or null when it cannot be served (the figure is dropped). */
  mediaUrl(ref: string, variant: MediaVariant): string | null;
}

/** Nodes nested deeper than this render as their plain text only. */
export const MAX_DEPTH = 64;
/** At most this many nodes are visited when a too-deep subtree is flattened to text (a guard against cycles). */
const FLATTEN_BUDGET = 200_000;

type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const childrenOf = (node: Obj): unknown[] => (Array.isArray(node.children) ? node.children : []);
const typeOf = (node: Obj): string => (typeof node.type === 'string' ? node.type : '');

// ---------------------------------------------------------------------------------------------- styles

/** Keeps only `color` and `font-size` of an inline style, rewritten from their parsed values: 'color: #c0392b; font-size: 18px'. */
export function sanitizeInlineStyle(style: unknown): string {
  if (typeof style !== 'string' || style.length > 2000) return '';
  let color: string | null = null;
  let size: string | null = null;
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1);
    if (property === 'color') color = sanitizeColor(value) ?? color;
    else if (property === 'font-size') size = sanitizeFontSize(value) ?? size;
  }
  return [color === null ? '' : `color: ${color}`, size === null ? '' : `font-size: ${size}`]
    .filter(Boolean)
    .join('; ');
}

const ALIGN: Record<string, string> = {
  left: 'left',
  start: 'left',
  center: 'center',
  right: 'right',
  end: 'right',
  justify: 'justify',
};

/** ` style="text-align: …"` for an element's Lexical format, or ''. */
function alignAttr(node: Obj): string {
  const align = typeof node.format === 'string' ? ALIGN[node.format] : undefined;
  return align ? ` style="text-align: ${align}"` : '';
}

// ---------------------------------------------------------------------------------------------- URLs

const UNSAFE_URL_CHARS = /[\u0000-\u0020\u007f-\u009f\s\\]/;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const HOST = /^(?:[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/iu;

/**
 * A link URL the renderer may write: http:, https: (with a host, no credentials) or mailto:. Whitespace and
 * control characters anywhere, backslashes, relative and protocol-relative URLs and every other scheme are refused.
 */
export function safeLinkUrl(url: unknown): { href: string; external: boolean } | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > 2048 || UNSAFE_URL_CHARS.test(url)) return null;
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    const m = /^https?:\/\/([^/?#]*)([/?#].*)?$/i.exec(url);
    const authority = m?.[1];
    if (!authority || authority.includes('@') || !HOST.test(authority)) return null;
    return { href: url, external: true };
  }
  if (scheme === 'mailto') {
    const rest = url.slice('mailto:'.length);
    return rest.length > 0 && !/[<>"']/.test(rest) ? { href: url, external: false } : null;
  }
  return null;
}

/** An image URL from the media resolver: http:, https:, app: or a path relative to the page; else null. */
export function safeMediaSrc(url: unknown): string | null {
  if (
    typeof url !== 'string' ||
    url.length === 0 ||
    url.length > 2048 ||
    UNSAFE_URL_CHARS.test(url) ||
    url.startsWith('//')
  )
    return null;
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined || scheme === 'http' || scheme === 'https' || scheme === 'app') return url;
  return null;
}

// ---------------------------------------------------------------------------------------------- text of a subtree

/** The text of a subtree without recursion (for nodes nested beyond MAX_DEPTH); linebreaks become spaces. */
function flattenText(node: unknown): string {
  let out = '';
  const stack: unknown[] = [node];
  const seen = new Set<unknown>();
  let budget = FLATTEN_BUDGET;
  while (stack.length > 0 && budget > 0) {
    budget -= 1;
    const current = stack.pop();
    if (!isObj(current) || seen.has(current)) continue;
    seen.add(current);
    const type = typeOf(current);
    if (typeof current.text === 'string' && type !== 'tab') out += current.text;
    else if (type === 'linebreak' || type === 'tab') out += ' ';
    else if (type === 'image' && typeof current.caption === 'string') out += ` ${current.caption} `;
    const children = childrenOf(current);
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- rendering

interface Ctx {
  options: RenderOptions;
  inLink: boolean;
}

/** Lexical's format bits, outermost tag first. */
const FORMAT_TAGS: readonly [number, string][] = [
  [TEXT_FORMAT.bold, 'strong'],
  [TEXT_FORMAT.italic, 'em'],
  [TEXT_FORMAT.underline, 'u'],
  [TEXT_FORMAT.strikethrough, 's'],
  [TEXT_FORMAT.subscript, 'sub'],
  [TEXT_FORMAT.superscript, 'sup'],
  [TEXT_FORMAT.code, 'code'],
  [TEXT_FORMAT.highlight, 'mark'],
];

function renderText(node: Obj): string {
  const text = typeof node.text === 'string' ? node.text : '';
  if (text === '') return '';
  let html = escapeHtml(text);
  const style = sanitizeInlineStyle(node.style);
  if (style) html = `<span style="${escapeHtml(style)}">${html}</span>`;
  const format = typeof node.format === 'number' && Number.isFinite(node.format) ? node.format : 0;
  for (let i = FORMAT_TAGS.length - 1; i >= 0; i -= 1) {
    const [bit, tag] = FORMAT_TAGS[i] as [number, string];
    if (format & bit) html = `<${tag}>${html}</${tag}>`;
  }
  return html;
}

/** True when rendered inline content shows nothing (no text; line breaks and spaces only). */
const NOT_SPACE = /\S/;

/** Whether rendered HTML shows no text: only tags and white space. Read in place (every paragraph asks, once). */
function isBlank(html: string): boolean {
  for (let i = 0; i < html.length; i++) {
    const ch = html[i] as string;
    if (ch === '<') {
      const end = html.indexOf('>', i);
      // A '<' that opens no tag is text (the renderer escapes its own, so this is defensive).
      if (end === -1) return false;
      i = end;
    } else if (NOT_SPACE.test(ch)) {
      return false;
    }
  }
  return true;
}

function renderLink(node: Obj, depth: number, ctx: Ctx): string {
  if (ctx.inLink) return renderInlineList(childrenOf(node), depth + 1, ctx);
  const inner = renderInlineList(childrenOf(node), depth + 1, { ...ctx, inLink: true });
  const url = safeLinkUrl(node.url);
  if (!url || isBlank(inner)) return inner;
  const extra = url.external ? ' rel="noopener noreferrer" target="_blank"' : '';
  return `<a href="${escapeHtml(url.href)}"${extra}>${inner}</a>`;
}

function renderInline(node: unknown, depth: number, ctx: Ctx): string {
  if (!isObj(node)) return '';
  if (depth > MAX_DEPTH) return escapeHtml(flattenText(node));
  switch (typeOf(node)) {
    case 'text':
      return renderText(node);
    case 'linebreak':
      return '<br>';
    case 'tab':
      return '\t';
    case 'link':
    case 'autolink':
      return renderLink(node, depth, ctx);
    case 'image':
      // Figures are blocks; one inside running text (which the editor never writes) is left out.
      return '';
    default:
      // Paragraph-like and unknown nodes inside text: their content only.
      if (Array.isArray(node.children)) return renderInlineList(node.children, depth + 1, ctx);
      return typeof node.text === 'string' ? escapeHtml(node.text) : '';
  }
}

function renderInlineList(children: unknown[], depth: number, ctx: Ctx): string {
  let out = '';
  for (const child of children) out += renderInline(child, depth, ctx);
  return out;
}

function renderImage(node: Obj, ctx: Ctx): string {
  const ref = node.src;
  if (typeof ref !== 'string' || !MEDIA_REF_PATTERN.test(ref)) return '';
  let url: string | null;
  try {
    url = safeMediaSrc(ctx.options.mediaUrl(ref, 'web'));
  } catch {
    url = null;
  }
  if (!url) return '';
  const alt = typeof node.alt === 'string' ? node.alt : '';
  const caption = typeof node.caption === 'string' ? node.caption.trim() : '';
  const size = (name: 'width' | 'height'): string => {
    const n = node[name];
    return typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= 100_000 ? ` ${name}="${n}"` : '';
  };
  const figcaption = caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : '';
  return `<figure><img src="${escapeHtml(url)}" alt="${escapeHtml(alt || caption)}"${size('width')}${size('height')}>${figcaption}</figure>`;
}

const isListNode = (node: unknown): boolean => isObj(node) && typeOf(node) === 'list';

function renderList(node: Obj, depth: number, ctx: Ctx): string {
  if (depth > MAX_DEPTH) return escapeHtml(flattenText(node));
  const ordered = node.listType === 'number';
  const items: { attrs: string; content: string }[] = [];
  for (const child of childrenOf(node)) {
    if (!isObj(child)) continue;
    if (depth + 1 > MAX_DEPTH) {
      const text = flattenText(child).trim();
      if (text) items.push({ attrs: '', content: escapeHtml(text) });
      continue;
    }
    let text = '';
    let nested = '';
    if (isListNode(child)) nested = renderList(child, depth + 1, ctx);
    else if (typeOf(child) === 'listitem') {
      for (const part of childrenOf(child)) {
        if (isListNode(part)) nested += renderList(part as Obj, depth + 2, ctx);
        else if (isObj(part) && typeOf(part) === 'image') nested += renderImage(part, ctx);
        else text += renderInline(part, depth + 2, ctx);
      }
    } else text = renderInline(child, depth + 1, ctx);
    const previous = items[items.length - 1];
    if (isBlank(text)) {
      // Lexical keeps a nested list in a list item of its own; it belongs to the item before it.
      if (!nested) continue;
      if (previous) {
        previous.content += nested;
        continue;
      }
      items.push({ attrs: '', content: nested });
      continue;
    }
    items.push({ attrs: typeOf(child) === 'listitem' ? alignAttr(child) : '', content: text + nested });
  }
  if (items.length === 0) return '';
  const tag = ordered ? 'ol' : 'ul';
  const styleType = listStyleTypeOf(node);
  const styleAttr = styleType ? ` style="list-style-type: ${styleType}"` : '';
  const start = node.start;
  const startAttr =
    ordered && typeof start === 'number' && Number.isInteger(start) && start >= 0 && start <= 1_000_000 && start !== 1
      ? ` start="${start}"`
      : '';
  return `<${tag}${startAttr}${styleAttr}>${items.map((item) => `<li${item.attrs}>${item.content}</li>`).join('')}</${tag}>`;
}

/** The list-style-type kept from a paste (a, b / i, ii), stored in the list's node state: only these names. */
export const LIST_STYLE_TYPES = [
  'decimal',
  'lower-alpha',
  'upper-alpha',
  'lower-roman',
  'upper-roman',
  'disc',
  'circle',
  'square',
] as const;

/** A node's Lexical node state (`$` in its JSON), or an empty object. */
function stateOf(node: Obj): Obj {
  return isObj(node.$) ? node.$ : {};
}

function listStyleTypeOf(node: Obj): string | null {
  const value = stateOf(node).listStyleType;
  return typeof value === 'string' && (LIST_STYLE_TYPES as readonly string[]).includes(value) ? value : null;
}

/** A table's caption (its node state), plain text, or ''. */
export function tableCaptionOf(node: Obj): string {
  const value = stateOf(node).caption;
  return typeof value === 'string' ? value.trim().slice(0, 500) : '';
}

/** Lexical's TableCellHeaderStates bits: the cell heads its column (ROW: it sits in a header row) or its row. */
const HEADER_ROW = 1;
const HEADER_COLUMN = 2;

function spanAttr(name: 'colspan' | 'rowspan', value: unknown): string {
  return typeof value === 'number' && Number.isInteger(value) && value > 1 && value <= 1000
    ? ` ${name}="${value}"`
    : '';
}

function renderCell(cell: Obj, inHeaderRow: boolean, depth: number, ctx: Ctx): string {
  const header = typeof cell.headerState === 'number' ? cell.headerState : 0;
  const tag = inHeaderRow || header & (HEADER_ROW | HEADER_COLUMN) ? 'th' : 'td';
  const scope = tag === 'td' ? '' : inHeaderRow || header & HEADER_ROW ? ' scope="col"' : ' scope="row"';
  const children = childrenOf(cell);
  const only = children.length === 1 && isObj(children[0]) && typeOf(children[0]) === 'paragraph' ? children[0] : null;
  let inner: string;
  let align = '';
  if (only) {
    // One paragraph (what a cell usually holds): its text sits in the cell, its alignment is the cell's.
    inner = renderInlineList(childrenOf(only), depth + 2, ctx);
    align = alignAttr(only);
  } else {
    const blocks: Block[] = [];
    renderBlocks(children, depth + 1, ctx, blocks);
    inner = blocks.map((block) => ('html' in block ? block.html : '')).join('');
  }
  const spans = spanAttr('colspan', cell.colSpan) + spanAttr('rowspan', cell.rowSpan);
  return `<${tag}${scope}${spans}${align}>${inner}</${tag}>`;
}

/**
 * An accessible table: its caption, the leading rows whose cells all head their columns in <thead> (th scope=col),
 * cells that head their row as th scope=row; inside a focusable region that scrolls sideways on a narrow screen
 * instead of widening the page (the style is inline so that it holds on every target, WordPress themes included).
 */
function renderTable(node: Obj, depth: number, ctx: Ctx): string {
  const rows = childrenOf(node).filter((row): row is Obj => isObj(row) && typeOf(row) === 'tablerow');
  const isHeaderRow = (row: Obj): boolean => {
    const cells = childrenOf(row).filter(isObj);
    return (
      cells.length > 0 && cells.every((cell) => typeof cell.headerState === 'number' && cell.headerState & HEADER_ROW)
    );
  };
  let headerRows = 0;
  while (headerRows < rows.length - 1 && isHeaderRow(rows[headerRows] as Obj)) headerRows += 1;
  const rowHtml = (row: Obj, inHeader: boolean): string =>
    `<tr>${childrenOf(row)
      .filter((cell): cell is Obj => isObj(cell) && typeOf(cell) === 'tablecell')
      .map((cell) => renderCell(cell, inHeader, depth + 2, ctx))
      .join('')}</tr>`;
  const head = rows.slice(0, headerRows).map((row) => rowHtml(row, true));
  const bodyRows = rows.slice(headerRows).map((row) => rowHtml(row, false));
  if (head.length + bodyRows.length === 0) return '';
  const caption = tableCaptionOf(node);
  const label = escapeHtml(caption || 'Bảng');
  return (
    `<div class="table-scroll" role="region" tabindex="0" aria-label="${label}" style="overflow-x: auto">` +
    `<table>${caption ? `<caption>${escapeHtml(caption)}</caption>` : ''}` +
    `${head.length ? `<thead>${head.join('')}</thead>` : ''}<tbody>${bodyRows.join('')}</tbody></table></div>`
  );
}

type Block = { html: string } | { empty: true };

const INLINE_TYPES = new Set(['text', 'linebreak', 'tab', 'link', 'autolink']);

/** Inline content among blocks: a run of it becomes one paragraph. */
const isInline = (node: Obj): boolean =>
  INLINE_TYPES.has(typeOf(node)) ||
  (!Array.isArray(node.children) && typeof node.text === 'string' && node.type !== 'image');

/** Renders block-level children into out; runs of inline nodes among them become one paragraph. */
function renderBlocks(children: unknown[], depth: number, ctx: Ctx, out: Block[]): void {
  let run: unknown[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const inner = renderInlineList(run, depth, ctx);
    run = [];
    out.push(isBlank(inner) ? { empty: true } : { html: `<p>${inner}</p>` });
  };
  for (const node of children) {
    if (!isObj(node)) continue;
    if (isInline(node)) {
      run.push(node);
      continue;
    }
    flush();
    const type = typeOf(node);
    if (depth > MAX_DEPTH) {
      const text = flattenText(node).trim();
      if (text) out.push({ html: `<p>${escapeHtml(text)}</p>` });
      continue;
    }
    switch (type) {
      case 'paragraph': {
        const inner = renderInlineList(childrenOf(node), depth + 1, ctx);
        out.push(isBlank(inner) ? { empty: true } : { html: `<p${alignAttr(node)}>${inner}</p>` });
        break;
      }
      case 'heading': {
        const inner = renderInlineList(childrenOf(node), depth + 1, ctx);
        const tag = node.tag === 'h1' || node.tag === 'h2' ? 'h2' : 'h3';
        if (!isBlank(inner)) out.push({ html: `<${tag}${alignAttr(node)}>${inner}</${tag}>` });
        break;
      }
      case 'quote': {
        const inner = renderInlineList(childrenOf(node), depth + 1, ctx);
        if (!isBlank(inner)) out.push({ html: `<blockquote${alignAttr(node)}>${inner}</blockquote>` });
        break;
      }
      case 'list': {
        const html = renderList(node, depth, ctx);
        if (html) out.push({ html });
        break;
      }
      case 'image': {
        const html = renderImage(node, ctx);
        if (html) out.push({ html });
        break;
      }
      case 'table': {
        const html = renderTable(node, depth, ctx);
        if (html) out.push({ html });
        break;
      }
      default:
        // An unknown container (or a list item out of place): its children, nothing of its own.
        renderBlocks(childrenOf(node), depth + 1, ctx, out);
    }
  }
  flush();
}

/** The blocks of the document's root, or null when the input is not a body document. */
function rootChildren(body: BodyDocument | null | undefined): unknown[] | null {
  if (!isObj(body)) return null;
  const root = (body as unknown as Obj).root;
  if (!isObj(root) || !Array.isArray(root.children)) return null;
  return root.children as unknown[];
}

/**
 * The publishable HTML of an article body. An empty paragraph between blocks keeps the author's spacing as
 * <p>&nbsp;</p>; empty paragraphs before the first and after the last block are left out. Never throws.
 */
export function renderBodyHtml(body: BodyDocument | null, options: RenderOptions): string {
  const children = rootChildren(body);
  if (!children) return '';
  const blocks: Block[] = [];
  try {
    renderBlocks(children, 1, { options, inLink: false }, blocks);
  } catch {
    // Only a hostile object (a throwing getter, say) gets here; what rendered so far is still safe.
  }
  return joinBlocks(blocks);
}

/** What one top-level block renders to, kept so that a save re-renders only the blocks it changed. */
export type RenderedBlock = readonly Block[];

/**
 * One top-level block rendered on its own: what renderBodyHtml makes of it, since a block's HTML depends on nothing
 * around it. Null for a node that does (inline content directly under the root joins its neighbours into one
 * paragraph) and for one that throws: the whole body is then rendered instead.
 */
export function renderTopLevelBlock(node: unknown, options: RenderOptions): RenderedBlock | null {
  if (!isObj(node) || isInline(node)) return null;
  const out: Block[] = [];
  try {
    renderBlocks([node], 1, { options, inLink: false }, out);
  } catch {
    return null;
  }
  return out;
}

/** The body's HTML from its top-level blocks rendered one by one: the same text as renderBodyHtml of the body. */
export function joinRenderedBlocks(blocks: readonly RenderedBlock[]): string {
  return joinBlocks(blocks.flat());
}

function joinBlocks(blocks: readonly Block[]): string {
  let first = 0;
  let last = blocks.length - 1;
  while (first <= last && 'empty' in (blocks[first] as Block)) first += 1;
  while (last >= first && 'empty' in (blocks[last] as Block)) last -= 1;
  return blocks
    .slice(first, last + 1)
    .map((block) => ('html' in block ? block.html : '<p>&nbsp;</p>'))
    .join('\n');
}

// ---------------------------------------------------------------------------------------------- plain text

function inlineText(node: unknown, depth: number): string {
  if (!isObj(node)) return '';
  if (depth > MAX_DEPTH) return flattenText(node);
  const type = typeOf(node);
  if (type === 'linebreak') return '\n';
  if (type === 'tab') return '\t';
  if (type === 'image') return '';
  if (type === 'text') return typeof node.text === 'string' ? node.text : '';
  if (Array.isArray(node.children)) return node.children.map((child) => inlineText(child, depth + 1)).join('');
  return typeof node.text === 'string' ? node.text : '';
}

function listLines(node: Obj, depth: number, lines: string[], blocks: string[]): void {
  for (const item of childrenOf(node)) {
    if (!isObj(item)) continue;
    if (depth > MAX_DEPTH) {
      lines.push(flattenText(item).trim());
      continue;
    }
    if (isListNode(item)) {
      listLines(item, depth + 1, lines, blocks);
      continue;
    }
    let text = '';
    const nested: Obj[] = [];
    for (const part of childrenOf(item)) {
      if (isListNode(part)) nested.push(part as Obj);
      else if (isObj(part) && typeOf(part) === 'image' && typeof part.caption === 'string' && part.caption.trim())
        blocks.push(part.caption.trim());
      else text += inlineText(part, depth + 2);
    }
    if (!Array.isArray(item.children) && typeof item.text === 'string') text = item.text;
    lines.push(text.trim());
    for (const list of nested) listLines(list, depth + 2, lines, blocks);
  }
}

function blockTexts(children: unknown[], depth: number, out: string[]): void {
  let run = '';
  const flush = (): void => {
    if (run.trim()) out.push(run.trim());
    run = '';
  };
  for (const node of children) {
    if (!isObj(node)) continue;
    const type = typeOf(node);
    if (isInline(node)) {
      run += inlineText(node, depth);
      continue;
    }
    flush();
    if (depth > MAX_DEPTH) {
      const text = flattenText(node).trim();
      if (text) out.push(text);
      continue;
    }
    if (type === 'paragraph' || type === 'heading' || type === 'quote') {
      const text = inlineText(node, depth).trim();
      if (text) out.push(text);
    } else if (type === 'list') {
      const lines: string[] = [];
      const after: string[] = [];
      listLines(node, depth + 1, lines, after);
      const text = lines.filter(Boolean).join('\n');
      if (text) out.push(text);
      out.push(...after);
    } else if (type === 'image') {
      const caption = typeof node.caption === 'string' ? node.caption.trim() : '';
      if (caption) out.push(caption);
    } else if (type === 'table') {
      const caption = tableCaptionOf(node);
      if (caption) out.push(caption);
      blockTexts(childrenOf(node), depth + 1, out);
    } else {
      blockTexts(childrenOf(node), depth + 1, out);
    }
  }
  flush();
}

/** The body's text for counts and search: blocks separated by a blank line, list items one a line, captions included. */
export function bodyPlainText(body: BodyDocument | null): string {
  const children = rootChildren(body);
  if (!children) return '';
  const out: string[] = [];
  try {
    blockTexts(children, 1, out);
  } catch {
    // As renderBodyHtml: a hostile object cannot make it throw.
  }
  return out.join('\n\n');
}

/** Every media reference the rendered body shows, once each, in order of appearance (what a publisher uploads). */
export function bodyMediaRefs(body: BodyDocument | null): string[] {
  const refs: string[] = [];
  renderBodyHtml(body, {
    mediaUrl(ref) {
      if (!refs.includes(ref)) refs.push(ref);
      return 'media/x';
    },
  });
  return refs;
}

// ---------------------------------------------------------------------------------------------- legacy HTML

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  deg: '°',
  middot: '·',
  bull: '•',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  dstrok: 'đ',
  Dstrok: 'Đ',
  times: '×',
  divide: '÷',
};
// Latin-1 letters (à, â, ê, ô, … as old editors wrote Vietnamese), by their HTML names.
'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml'
  .split(' ')
  .forEach((name, i) => {
    NAMED_ENTITIES[name] = String.fromCharCode(0xc0 + i);
    NAMED_ENTITIES[name === 'AElig' ? 'aelig' : name === 'ETH' ? 'eth' : name.charAt(0).toLowerCase() + name.slice(1)] =
      String.fromCharCode(0xe0 + i);
  });
'Oslash Ugrave Uacute Ucirc Uuml Yacute THORN'.split(' ').forEach((name, i) => {
  NAMED_ENTITIES[name] = String.fromCharCode(0xd8 + i);
  NAMED_ENTITIES[name === 'THORN' ? 'thorn' : name.charAt(0).toLowerCase() + name.slice(1)] = String.fromCharCode(
    0xf8 + i,
  );
});
NAMED_ENTITIES.szlig = 'ß';
NAMED_ENTITIES.yuml = 'ÿ';

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
    }
    return NAMED_ENTITIES[name] ?? whole;
  });
}

const LINE_BREAK = '\ue000';

/**
 * Stored HTML of an article without a body JSON (imported or legacy content), as plain escaped paragraphs:
 * split at closing block tags, every tag stripped (script, style and similar elements with their content),
 * entities decoded and the text escaped again; <br> stays a line break. No markup of the input survives.
 */
export function legacyHtmlToParagraphs(html: string): string {
  if (typeof html !== 'string' || html === '') return '';
  const source = html
    .replace(/[\u0000\ue000]/g, '')
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<(script|style|template|noscript|iframe|object|textarea|title|svg|math)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, '')
    .replace(/<br\b[^>]*>/gi, LINE_BREAK);
  const paragraphs: string[] = [];
  for (const part of source.split(
    /<\/(?:p|div|h[1-6]|li|blockquote|tr|table|ul|ol|figure|figcaption|section|article)\s*>/i,
  )) {
    const text = decodeEntities(part.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ');
    const lines = text.split(LINE_BREAK).map((line) => line.trim());
    while (lines.length > 0 && lines[0] === '') lines.shift();
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    if (lines.length > 0) paragraphs.push(`<p>${lines.map(escapeHtml).join('<br>')}</p>`);
  }
  return paragraphs.join('\n');
}
