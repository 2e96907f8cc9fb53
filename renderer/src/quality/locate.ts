/**
 * A finding of the body, found again in the live editor: the node at its path, then the text nodes inside it up to
 * its offsets, counted the way shared/quality/article-text.ts counts (text, tabs, line breaks, inline elements such
 * as links; nested blocks left to their own path). Nothing here rewrites the document except applySuggestion.
 */
import {
  $createRangeSelection,
  $getRoot,
  $isElementNode,
  $isLineBreakNode,
  $isTextNode,
  $setSelection,
  type LexicalEditor,
  type LexicalNode,
  type TextNode,
} from 'lexical';
import type { QualityFindingShape } from '../../../shared/contract/quality';

interface Point {
  node: TextNode;
  offset: number;
}

/** The node at the path, or null when the document changed under the finding. Call inside read or update. */
function $nodeAt(path: readonly number[]): LexicalNode | null {
  let node: LexicalNode | null = $getRoot();
  for (const index of path) {
    if (!node || !$isElementNode(node)) return null;
    node = node.getChildAtIndex(index);
  }
  return node;
}

/** The text points of [start, end) inside the element's inline text. Call inside read or update. */
function $pointsOf(finding: QualityFindingShape): { from: Point; to: Point } | null {
  if (finding.field !== 'body' || !finding.path || (finding.part ?? 'text') !== 'text') return null;
  const element = $nodeAt(finding.path);
  if (!element || !$isElementNode(element)) return null;
  let from: Point | null = null;
  let to: Point | null = null;
  let offset = 0;
  const walk = (node: LexicalNode): void => {
    if (to) return;
    if ($isTextNode(node)) {
      const size = node.getTextContentSize();
      if (!from && finding.start <= offset + size) from = { node, offset: finding.start - offset };
      if (from && finding.end <= offset + size) to = { node, offset: finding.end - offset };
      offset += size;
    } else if ($isLineBreakNode(node)) offset += 1;
    else if ($isElementNode(node) && node.isInline()) for (const child of node.getChildren()) walk(child);
  };
  for (const child of element.getChildren()) if (!$isElementNode(child) || child.isInline()) walk(child);
  return from && to ? { from, to } : null;
}

/** The finding's letters as a DOM Range (for a highlight), or null when they are no longer there. */
export function findingRange(editor: LexicalEditor, finding: QualityFindingShape): Range | null {
  return editor.getEditorState().read(() => {
    const points = $pointsOf(finding);
    if (!points) return null;
    const textOf = (point: Point) => {
      const element = editor.getElementByKey(point.node.getKey());
      let text: Node | null = element;
      while (text && text.nodeType !== Node.TEXT_NODE) text = text.firstChild;
      return text;
    };
    const start = textOf(points.from);
    const end = textOf(points.to);
    if (!start || !end) return null;
    const range = document.createRange();
    try {
      range.setStart(start, points.from.offset);
      range.setEnd(end, points.to.offset);
    } catch {
      return null;
    }
    return range;
  });
}

/** Selects the finding's letters in the editor and brings them into view. */
export function selectFinding(editor: LexicalEditor, finding: QualityFindingShape): boolean {
  let found = false;
  editor.update(() => {
    const points = $pointsOf(finding);
    const target = points ? null : finding.path ? $nodeAt(finding.path) : null;
    if (points) {
      const selection = $createRangeSelection();
      selection.anchor.set(points.from.node.getKey(), points.from.offset, 'text');
      selection.focus.set(points.to.node.getKey(), points.to.offset, 'text');
      $setSelection(selection);
      found = true;
    } else if (target) {
      editor.getElementByKey(target.getKey())?.scrollIntoView({ block: 'center' });
      found = true;
    }
  });
  if (found) editor.focus();
  return found;
}

/** Replaces the finding's letters by its suggestion, as one edit the writer can undo. */
export function applySuggestion(editor: LexicalEditor, finding: QualityFindingShape): boolean {
  if (finding.suggestion === undefined) return false;
  const suggestion = finding.suggestion;
  let applied = false;
  editor.update(() => {
    const points = $pointsOf(finding);
    if (!points) return;
    const selection = $createRangeSelection();
    selection.anchor.set(points.from.node.getKey(), points.from.offset, 'text');
    selection.focus.set(points.to.node.getKey(), points.to.offset, 'text');
    if (selection.getTextContent() !== finding.text) return;
    $setSelection(selection);
    selection.insertText(suggestion);
    applied = true;
  });
  return applied;
}
