import { $createLinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode, type ListItemNode, type ListNode } from '@lexical/list';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import {
  $createTableCellNode,
  $createTableNode,
  $createTableRowNode,
  TableCellHeaderStates,
  type TableNode,
} from '@lexical/table';
import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTextNode,
  $setState,
  type ElementFormatType,
  type ElementNode,
  type LexicalNode,
} from 'lexical';
import { TEXT_FORMAT } from '../../../../shared/render/body-nodes';
import { safeLinkUrl } from '../format';
import { captionState, listStyleTypeState } from '../nodes/node-state';

/**
 * Lexical nodes from the canonical HTML that cleanClipboardHtml produces (p, h2, h3, blockquote, ul/ol/li with a
 * list-style-type, table/caption/tr/th/td, strong, em, u, s, sub, sup, a, br, span with colour and size). Built by hand rather than by Lexical's HTML
 * import, which drops text colour and font size.
 */
interface Inline {
  format: number;
  color: string;
  fontSize: string;
}

const INLINE_FORMAT: Record<string, number> = {
  STRONG: TEXT_FORMAT.bold,
  B: TEXT_FORMAT.bold,
  EM: TEXT_FORMAT.italic,
  I: TEXT_FORMAT.italic,
  U: TEXT_FORMAT.underline,
  S: TEXT_FORMAT.strikethrough,
  SUB: TEXT_FORMAT.subscript,
  SUP: TEXT_FORMAT.superscript,
};

const ALIGNMENTS = new Set(['left', 'center', 'right', 'justify']);

function styleOf(inline: Inline): string {
  return [inline.color ? `color: ${inline.color};` : '', inline.fontSize ? `font-size: ${inline.fontSize};` : '']
    .filter(Boolean)
    .join(' ');
}

function inlineNodes(parent: Node, inherited: Inline): LexicalNode[] {
  const out: LexicalNode[] = [];
  for (const child of Array.from(parent.childNodes)) {
    if (child.nodeType === 3) {
      const text = child.textContent ?? '';
      if (text) {
        const node = $createTextNode(text);
        if (inherited.format) node.setFormat(inherited.format);
        const style = styleOf(inherited);
        if (style) node.setStyle(style);
        out.push(node);
      }
      continue;
    }
    if (!(child instanceof Element)) continue;
    const tag = child.tagName;
    if (tag === 'BR') {
      out.push($createLineBreakNode());
      continue;
    }
    const next: Inline = { ...inherited, format: inherited.format | (INLINE_FORMAT[tag] ?? 0) };
    if (tag === 'SPAN') {
      // Read from the attribute as the cleaner wrote it (#rrggbb, Npx): the CSSOM would give rgb() back.
      const style = child.getAttribute('style') ?? '';
      next.color = /(?:^|;)\s*color:\s*(#[0-9a-f]{6})/i.exec(style)?.[1]?.toLowerCase() ?? next.color;
      next.fontSize = /(?:^|;)\s*font-size:\s*(\d{1,2}px)/i.exec(style)?.[1] ?? next.fontSize;
    }
    if (tag === 'A') {
      const url = safeLinkUrl(child.getAttribute('href') ?? '');
      if (url) {
        const link = $createLinkNode(url, { rel: 'noopener noreferrer', target: '_blank' });
        link.append(...inlineNodes(child, next));
        out.push(link);
        continue;
      }
    }
    out.push(...inlineNodes(child, next));
  }
  return out;
}

const PLAIN: Inline = { format: 0, color: '', fontSize: '' };

function aligned<T extends ElementNode>(node: T, element: Element): T {
  const align = (element as HTMLElement).style?.textAlign;
  if (align && ALIGNMENTS.has(align)) node.setFormat(align as ElementFormatType);
  return node;
}

function listNode(element: Element): ListNode {
  const list = $createListNode(
    element.tagName === 'OL' ? 'number' : 'bullet',
    Number(element.getAttribute('start')) || 1,
  );
  const styleType = /list-style-type:\s*([a-z-]+)/.exec(element.getAttribute('style') ?? '')?.[1];
  if (styleType) $setState(list, listStyleTypeState, styleType as never);
  for (const item of Array.from(element.children)) {
    if (item.tagName !== 'LI') continue;
    const listItem: ListItemNode = $createListItemNode();
    const inline = document.createElement('span');
    const nested: Element[] = [];
    for (const part of Array.from(item.childNodes)) {
      if (part instanceof Element && (part.tagName === 'UL' || part.tagName === 'OL')) nested.push(part);
      else inline.append(part.cloneNode(true));
    }
    listItem.append(...inlineNodes(inline, PLAIN));
    list.append(listItem);
    // Lexical keeps a nested list in an item of its own, right after its parent item.
    for (const sub of nested) list.append($createListItemNode().append(listNode(sub)));
  }
  return list;
}

/** A table: th cells head their column in the first row and their row elsewhere; spans kept. */
function tableNode(element: Element): TableNode {
  const table = $createTableNode();
  const caption = element.querySelector(':scope > caption')?.textContent?.trim();
  if (caption) $setState(table, captionState, caption);
  // The rows as the HTML parser placed them (it wraps them in a tbody).
  const rows = Array.from((element as HTMLTableElement).rows);
  for (const tr of rows) {
    const row = $createTableRowNode();
    const cells = Array.from(tr.children).filter((td) => td.tagName === 'TD' || td.tagName === 'TH');
    // A row of header cells heads the columns; a header cell among data cells heads its row.
    const headerRow = cells.every((td) => td.tagName === 'TH');
    for (const td of cells) {
      const header =
        td.tagName !== 'TH'
          ? TableCellHeaderStates.NO_STATUS
          : headerRow
            ? TableCellHeaderStates.ROW
            : TableCellHeaderStates.COLUMN;
      const cell = $createTableCellNode(header, Number(td.getAttribute('colspan')) || 1);
      const rowSpan = Number(td.getAttribute('rowspan')) || 1;
      if (rowSpan > 1) cell.setRowSpan(rowSpan);
      const blocks = $nodesFromBlocks(Array.from(td.children));
      cell.append(...(blocks.length > 0 ? blocks : [$createParagraphNode()]));
      row.append(cell);
    }
    table.append(row);
  }
  return table;
}

export function $nodesFromCleanHtml(container: ParentNode): LexicalNode[] {
  return $nodesFromBlocks(Array.from(container.children));
}

/** The same for some of the blocks: a long paste is imported a slice at a time. */
export function $nodesFromBlocks(elements: Element[]): LexicalNode[] {
  const blocks: LexicalNode[] = [];
  for (const element of elements) {
    switch (element.tagName) {
      case 'H2':
      case 'H3':
        blocks.push(
          aligned($createHeadingNode(element.tagName === 'H2' ? 'h2' : 'h3'), element).append(
            ...inlineNodes(element, PLAIN),
          ),
        );
        break;
      case 'BLOCKQUOTE':
        blocks.push(aligned($createQuoteNode(), element).append(...inlineNodes(element, PLAIN)));
        break;
      case 'UL':
      case 'OL':
        blocks.push(listNode(element));
        break;
      case 'TABLE':
        blocks.push(tableNode(element));
        break;
      default:
        blocks.push(aligned($createParagraphNode(), element).append(...inlineNodes(element, PLAIN)));
    }
  }
  return blocks;
}
