/**
 * The article body as the editor stores it: Lexical 0.52's serialised editor state (editorState.toJSON()),
 * restricted to the nodes Tòa Soạn uses. This is the contract between the editor (renderer/src/editor) and the
 * one article→HTML renderer (shared/render/article-html.ts). Unknown keys are tolerated (Lexical adds its own);
 * unknown node types are tolerated by the schema and dropped by the renderer, keeping their text.
 */

/** Lexical's text format bits (lexical/LexicalConstants). */
export const TEXT_FORMAT = {
  bold: 1,
  italic: 2,
  strikethrough: 4,
  underline: 8,
  code: 16,
  subscript: 32,
  superscript: 64,
  highlight: 128,
} as const;

export const ELEMENT_ALIGNMENTS = ['', 'left', 'start', 'center', 'right', 'end', 'justify'] as const;
export type ElementAlignment = (typeof ELEMENT_ALIGNMENTS)[number];

export interface TextNodeJson {
  type: 'text';
  text: string;
  /** TEXT_FORMAT bits. */
  format: number;
  /** Inline CSS as Lexical's $patchStyleText writes it: 'color: #c0392b; font-size: 18px;'. */
  style: string;
  detail?: number;
  mode?: string;
  version?: number;
}

export interface LineBreakNodeJson {
  type: 'linebreak';
  version?: number;
}

export interface TabNodeJson {
  type: 'tab';
  text?: string;
  version?: number;
}

interface ElementJson<T extends string, C> {
  type: T;
  children: C[];
  format?: ElementAlignment;
  indent?: number;
  direction?: 'ltr' | 'rtl' | null;
  version?: number;
}

export type InlineNodeJson = TextNodeJson | LineBreakNodeJson | TabNodeJson | LinkNodeJson | UnknownNodeJson;

export interface LinkNodeJson extends ElementJson<'link' | 'autolink', InlineNodeJson> {
  url: string;
  rel?: string | null;
  target?: string | null;
  title?: string | null;
}

export type ParagraphNodeJson = ElementJson<'paragraph', InlineNodeJson>;
export interface HeadingNodeJson extends ElementJson<'heading', InlineNodeJson> {
  tag: 'h2' | 'h3';
}
export type QuoteNodeJson = ElementJson<'quote', InlineNodeJson>;

export interface ListNodeJson extends ElementJson<'list', ListItemNodeJson> {
  listType: 'number' | 'bullet';
  start?: number;
  tag?: 'ol' | 'ul';
}
/** A nested list sits inside a list item, after (or instead of) its text. */
export interface ListItemNodeJson extends ElementJson<'listitem', InlineNodeJson | ListNodeJson> {
  value?: number;
}

/**
 * A block figure. `src` is a media reference 'media:<sha256>.<ext>' from the media store (the renderer turns it
 * into a URL with the caller's resolver); caption and alt are plain text.
 */
export interface ImageNodeJson {
  type: 'image';
  src: string;
  alt: string;
  caption: string;
  width?: number;
  height?: number;
  version?: number;
}

/** @lexical/table's cells: a header state (1: heads its column, 2: heads its row), spans, and block children. */
export interface TableCellNodeJson extends ElementJson<
  'tablecell',
  ParagraphNodeJson | ListNodeJson | UnknownNodeJson
> {
  headerState: number;
  colSpan?: number;
  rowSpan?: number;
}
export type TableRowNodeJson = ElementJson<'tablerow', TableCellNodeJson>;
/** A table; its caption and a list's list-style-type live in Lexical's node state (`$`). */
export interface TableNodeJson extends ElementJson<'table', TableRowNodeJson> {
  $?: { caption?: string };
}

export interface UnknownNodeJson {
  type: string;
  children?: unknown[];
  text?: string;
  [key: string]: unknown;
}

export type BlockNodeJson =
  ParagraphNodeJson | HeadingNodeJson | QuoteNodeJson | ListNodeJson | ImageNodeJson | TableNodeJson | UnknownNodeJson;

export interface BodyDocument {
  root: { type: 'root'; children: BlockNodeJson[]; [key: string]: unknown };
}

/** How deep a body's nodes may nest (far past any the editor makes), and how many children a node may have. */
const MAX_DEPTH = 1_000;
export const MAX_CHILDREN = 100_000;

/** Structural check of a node: an object that names its type, with children that are nodes too. Depth-limited. */
function isNode(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { type, children } = value as { type?: unknown; children?: unknown };
  if (typeof type !== 'string' || type.length < 1 || type.length > 64) return false;
  if (children === undefined) return true;
  if (!Array.isArray(children) || children.length > MAX_CHILDREN || depth >= MAX_DEPTH) return false;
  return children.every((child) => isNode(child, depth + 1));
}

/** A root with node objects that each name a type (a walk by hand: a schema library took 2 ms on a long report). */
function isBodyDocument(value: unknown): value is BodyDocument {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { root } = value as { root?: unknown };
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return false;
  const { type, children } = root as { type?: unknown; children?: unknown };
  return (
    type === 'root' &&
    Array.isArray(children) &&
    children.length <= MAX_CHILDREN &&
    children.every((child) => isNode(child, 1))
  );
}

/**
 * The last body parsed, kept: a save checks the document in the contract and renders it in the store, two parses of
 * the same string (hundreds of KB for a long report).
 */
let lastParsed: { json: string; body: BodyDocument | null } | null = null;

/** The body JSON string parsed and checked; null when it is not a body document (never throws). Shared: never change it. */
export function parseBody(json: string | null): BodyDocument | null {
  if (!json) return null;
  if (lastParsed?.json === json) return lastParsed.body;
  let body: BodyDocument | null = null;
  try {
    const parsed: unknown = JSON.parse(json);
    body = isBodyDocument(parsed) ? parsed : null;
  } catch {
    body = null;
  }
  lastParsed = { json, body };
  return body;
}

/**
 * One top-level block's JSON text (a saved body's block, BodyBlocks) parsed and checked as parseBody checks each of
 * root's children; null when it is not one node (never throws).
 */
export function parseTopLevelBlock(json: string): BlockNodeJson | null {
  try {
    const parsed: unknown = JSON.parse(json);
    return isNode(parsed, 1) ? (parsed as BlockNodeJson) : null;
  } catch {
    return null;
  }
}

/** Media references inside a body: 'media:<64 hex>.<ext>'. */
export const MEDIA_REF_PATTERN = /^media:([0-9a-f]{64})\.(jpg|png|webp|gif)$/;

/** A body of plain paragraphs, as Lexical would serialise it (imports of old pages, the demo article). */
export function paragraphsDocument(paragraphs: string[], format: ElementAlignment = ''): BodyDocument {
  return {
    root: {
      type: 'root',
      version: 1,
      format: '',
      indent: 0,
      direction: 'ltr',
      children: paragraphs.map((text) => ({
        type: 'paragraph',
        version: 1,
        format,
        indent: 0,
        direction: 'ltr',
        textFormat: 0,
        textStyle: '',
        children: text ? [{ type: 'text', version: 1, text, format: 0, style: '', detail: 0, mode: 'normal' }] : [],
      })),
    },
  };
}
