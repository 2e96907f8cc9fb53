import { $insertGeneratedNodes } from '@lexical/clipboard';
import { $createListItemNode, $isListItemNode, $isListNode, type ListItemNode, type ListNode } from '@lexical/list';
import { $findTableNode, $isTableCellNode, $isTableNode, $isTableRowNode } from '@lexical/table';
import {
  $isDecoratorNode,
  $isElementNode,
  $isParagraphNode,
  type LexicalEditor,
  type LexicalNode,
  type RangeSelection,
} from 'lexical';

/**
 * Pasted blocks put where the caret is, keeping their structure in every place a writer pastes into.
 *
 * Lexical's own insertion merges the first pasted block into the block at the caret, children and all: a list
 * pasted into a list item, a heading, a quote or a table cell had its items poured into that one block (the ten
 * items of a Google Docs list became one line). Here:
 *   - in a list item (at any depth), what is pasted becomes items of that list, as Word and Google Docs do: the
 *     first paragraph's text joins the item at the caret, the next paragraphs split the item into new items, a
 *     pasted list's items take their place at the caret's depth with their own nested lists (numbering styles
 *     kept), and a table (which a list cannot hold) goes after the list;
 *   - elsewhere (paragraph, heading, quote, table cell), a leading paragraph's text joins the block at the caret and
 *     lists and tables start a block of their own after it; the text after the caret follows them;
 *   - in a table cell, a pasted table brings its cells' content (one level of tables).
 */
export function $insertPasted(editor: LexicalEditor, nodes: LexicalNode[], selection: RangeSelection): void {
  const at = selection.anchor.getNode();
  const blocks = $findTableNode(at) ? nodes.flatMap(tableAsBlocks) : nodes;
  const item = $nearestListItem(at);
  if (item) return $insertIntoListItem(item, blocks, selection);
  if (!blocks.some((node) => $isListNode(node) || $isTableNode(node))) {
    $insertGeneratedNodes(editor, blocks, selection);
    return;
  }
  if (!selection.isCollapsed()) selection.removeText();
  let rest = blocks;
  const first = blocks[0];
  if ($isParagraphNode(first)) {
    if (first.getChildrenSize() > 0) selection.insertNodes(first.getChildren());
    rest = blocks.slice(1);
  }
  $insertBeforeTail(rest, selection);
}

function $nearestListItem(node: LexicalNode): ListItemNode | null {
  for (let current: LexicalNode | null = node; current; current = current.getParent())
    if ($isListItemNode(current)) return current;
  return null;
}

/** A pasted table, inside a cell: the blocks of its cells, row by row. */
function tableAsBlocks(node: LexicalNode): LexicalNode[] {
  if (!$isTableNode(node)) return [node];
  return node
    .getChildren()
    .filter($isTableRowNode)
    .flatMap((row) => row.getChildren().filter($isTableCellNode))
    .flatMap((cell) => cell.getChildren());
}

/**
 * Splits the block at the caret (the text after it moves into a new block of the same kind) and puts the blocks
 * between the two halves; an empty second half goes away. The caret ends after the last block put.
 */
function $insertBeforeTail(blocks: LexicalNode[], selection: RangeSelection): void {
  if (blocks.length === 0) return;
  const tail = selection.insertParagraph();
  if (!tail) return;
  for (const block of blocks) tail.insertBefore(block);
  const last = blocks[blocks.length - 1] as LexicalNode;
  if (tail.getTextContentSize() === 0 && tail.getChildrenSize() <= 1 && !tail.getChildren().some($isElementNode)) {
    tail.remove();
    if ($isElementNode(last)) last.selectEnd();
    else last.selectNext();
  } else {
    tail.selectStart();
  }
}

function $topList(item: ListItemNode): ListNode {
  let list = item.getParent() as ListNode;
  for (let parent = list.getParent(); $isListItemNode(parent); parent = list.getParent())
    list = parent.getParent() as ListNode;
  return list;
}

function $insertIntoListItem(item: ListItemNode, blocks: LexicalNode[], selection: RangeSelection): void {
  if (!selection.isCollapsed()) selection.removeText();
  const items: ListItemNode[] = [];
  const afterList: LexicalNode[] = [];
  for (const block of blocks) {
    if ($isListNode(block)) items.push(...block.getChildren().filter($isListItemNode));
    else if ($isTableNode(block) || $isDecoratorNode(block) || !$isElementNode(block)) afterList.push(block);
    else items.push($createListItemNode().append(...block.getChildren()));
  }
  let rest = items;
  const first = items[0];
  // The first pasted item's text joins the item at the caret (unless it only carries a nested list).
  if (first && !first.getChildren().some($isListNode)) {
    if (first.getChildrenSize() > 0) selection.insertNodes(first.getChildren());
    rest = items.slice(1);
  }
  if (rest.length > 0) $insertBeforeTail(rest, selection);
  if (afterList.length > 0) {
    let anchor: LexicalNode = $topList(item);
    for (const node of afterList) {
      anchor.insertAfter(node);
      anchor = node;
    }
  }
}
