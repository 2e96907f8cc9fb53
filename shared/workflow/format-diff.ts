/**
 * Formatting changes between two versions of a body, which a word diff of the text cannot show: a paragraph whose
 * text is the same but whose words became bold, lost a link, or turned into a heading. Paragraphs are paired by their
 * exact text, in order; within a pair, each mark's covered characters are compared.
 */
import { parseBody, TEXT_FORMAT, type BodyDocument } from '../render/body-nodes';

export const FORMAT_MARKS = [...(Object.keys(TEXT_FORMAT) as (keyof typeof TEXT_FORMAT)[]), 'link'] as const;
export type FormatMark = (typeof FORMAT_MARKS)[number];
export const BLOCK_KINDS = ['paragraph', 'h2', 'h3', 'quote', 'bullet', 'number'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export interface FormatChange {
  /** The paragraph's text (shortened). */
  text: string;
  /** The paragraph became another kind (a heading, a list item…). */
  block: { from: BlockKind; to: BlockKind } | null;
  /** Words that gained or lost a mark. */
  marks: { mark: FormatMark; op: 'added' | 'removed'; text: string }[];
}

/** At most this many changed paragraphs are reported (a restyled report would list thousands). */
export const MAX_FORMAT_CHANGES = 200;
const EXCERPT = 120;

interface Block {
  kind: BlockKind;
  text: string;
  /** Each character's marks, as TEXT_FORMAT bits plus LINK_BIT. */
  marks: number[];
}

const LINK_BIT = 1 << 16;
const MARK_BITS: Record<FormatMark, number> = { ...TEXT_FORMAT, link: LINK_BIT };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const childrenOf = (node: Json): unknown[] => (Array.isArray(node.children) ? node.children : []);

/** The text of an inline run with each character's marks. */
function inline(nodes: unknown[], inherited: number, block: Block, depth: number): void {
  if (depth > 200) return;
  for (const node of nodes) {
    if (!isObject(node)) continue;
    if (node.type === 'text' && typeof node.text === 'string') {
      const bits = (typeof node.format === 'number' ? node.format : 0) | inherited;
      for (const mark of Array.from(node.text, () => bits)) block.marks.push(mark);
      block.text += node.text;
    } else if (node.type === 'linebreak') {
      block.text += '\n';
      block.marks.push(inherited);
    } else if (node.type === 'link' || node.type === 'autolink') {
      inline(childrenOf(node), inherited | LINK_BIT, block, depth + 1);
    } else if (Array.isArray(node.children)) {
      inline(node.children, inherited, block, depth + 1);
    }
  }
}

function collect(nodes: unknown[], out: Block[], listKind: BlockKind | null, depth: number): void {
  if (depth > 200) return;
  for (const node of nodes) {
    if (!isObject(node)) continue;
    const type = node.type;
    const kind: BlockKind | null =
      type === 'paragraph'
        ? (listKind ?? 'paragraph')
        : type === 'heading'
          ? node.tag === 'h3'
            ? 'h3'
            : 'h2'
          : type === 'quote'
            ? 'quote'
            : type === 'listitem'
              ? (listKind ?? 'bullet')
              : null;
    if (type === 'list') {
      collect(childrenOf(node), out, node.listType === 'number' ? 'number' : 'bullet', depth + 1);
    } else if (kind !== null) {
      const block: Block = { kind, text: '', marks: [] };
      inline(
        childrenOf(node).filter((child) => !(isObject(child) && child.type === 'list')),
        0,
        block,
        depth + 1,
      );
      if (block.text.trim() !== '') out.push(block);
      // A nested list inside a list item.
      collect(
        childrenOf(node).filter((child) => isObject(child) && child.type === 'list'),
        out,
        listKind,
        depth + 1,
      );
    } else {
      collect(childrenOf(node), out, null, depth + 1);
    }
  }
}

function blocksOf(body: BodyDocument | null): Block[] {
  const out: Block[] = [];
  if (body) collect(body.root.children, out, null, 0);
  return out;
}

/** The runs of text whose characters have `bit` in `after` but not in `before`. */
function gained(text: string[], before: number[], after: number[], bit: number): string[] {
  const runs: string[] = [];
  let run = '';
  for (let i = 0; i < text.length; i += 1) {
    if ((after[i] ?? 0) & bit && !((before[i] ?? 0) & bit)) run += text[i];
    else if (run) {
      runs.push(run);
      run = '';
    }
  }
  if (run) runs.push(run);
  return runs.map((r) => r.trim()).filter((r) => r !== '');
}

function excerpt(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > EXCERPT ? `${chars.slice(0, EXCERPT - 1).join('')}…` : chars.join('');
}

/** The formatting changes from one stored body (editor JSON) to another; none when either has no editor document. */
export function formatChanges(beforeJson: string | null, afterJson: string | null): FormatChange[] {
  const before = blocksOf(parseBody(beforeJson));
  const after = blocksOf(parseBody(afterJson));
  const waiting = new Map<string, Block[]>();
  for (const block of before) {
    const same = waiting.get(block.text);
    if (same) same.push(block);
    else waiting.set(block.text, [block]);
  }
  const changes: FormatChange[] = [];
  for (const next of after) {
    if (changes.length >= MAX_FORMAT_CHANGES) break;
    const previous = waiting.get(next.text)?.shift();
    if (!previous) continue;
    const chars = [...next.text];
    const marks: FormatChange['marks'] = [];
    for (const mark of FORMAT_MARKS) {
      const bit = MARK_BITS[mark];
      for (const text of gained(chars, previous.marks, next.marks, bit)) marks.push({ mark, op: 'added', text });
      for (const text of gained(chars, next.marks, previous.marks, bit)) marks.push({ mark, op: 'removed', text });
    }
    const block = previous.kind !== next.kind ? { from: previous.kind, to: next.kind } : null;
    if (block || marks.length > 0) changes.push({ text: excerpt(next.text), block, marks });
  }
  return changes;
}
