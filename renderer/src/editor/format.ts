import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $getSelectionStyleValueForProperty, $patchStyleText, $setBlocksType } from '@lexical/selection';
import { $findMatchingParent } from '@lexical/utils';
import { $isLinkNode } from '@lexical/link';
import { $isListNode, ListNode } from '@lexical/list';
import {
  $createParagraphNode,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isRootOrShadowRoot,
  $isTextNode,
  type ElementFormatType,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical';
import type { MessageKey } from '../i18n/messages';

/** The portal's text colours (the toolbar's palette), with their names. */
export const PALETTE: { hex: string; name: MessageKey }[] = [
  { hex: '#000000', name: 'editor.color.black' },
  { hex: '#555555', name: 'editor.color.gray' },
  { hex: '#c0392b', name: 'editor.color.red' },
  { hex: '#8b1a1a', name: 'editor.color.darkred' },
  { hex: '#d35400', name: 'editor.color.orange' },
  { hex: '#1e7a46', name: 'editor.color.green' },
  { hex: '#0f3c6e', name: 'editor.color.navy' },
  { hex: '#1f6fb5', name: 'editor.color.blue' },
  { hex: '#6c3483', name: 'editor.color.purple' },
];

export const FONT_SIZES = [12, 13, 14, 15, 16, 18, 20, 22, 24, 28, 32, 36, 48];

export type BlockType = 'paragraph' | 'h2' | 'h3' | 'quote' | 'bullet' | 'number';

export interface ToolbarState {
  blockType: BlockType;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strikethrough: boolean;
  link: boolean;
  align: ElementFormatType;
  /** '' when the selection is mixed or has no colour of its own. */
  color: string;
  /** A number of px, or null when mixed or unset. */
  fontSize: number | null;
}

export const INITIAL_TOOLBAR_STATE: ToolbarState = {
  blockType: 'paragraph',
  bold: false,
  italic: false,
  underline: false,
  strikethrough: false,
  link: false,
  align: '',
  color: '',
  fontSize: null,
};

/** Whether two toolbar states show the same (every field is a plain value). */
export function sameToolbarState(a: ToolbarState, b: ToolbarState): boolean {
  return (Object.keys(a) as (keyof ToolbarState)[]).every((key) => a[key] === b[key]);
}

function topBlock(node: LexicalNode): LexicalNode {
  return node.getKey() === 'root'
    ? node
    : ($findMatchingParent(node, (n) => !!n.getParent() && $isRootOrShadowRoot(n.getParent())) ?? node);
}

/** Reads the toolbar's state from the current selection; call inside editor.read / an update listener. */
export function $readToolbarState(): ToolbarState {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return INITIAL_TOOLBAR_STATE;
  const anchor = selection.anchor.getNode();
  const block = topBlock(anchor);
  let blockType: BlockType = 'paragraph';
  if ($isListNode(block)) {
    const list = $findMatchingParent<ListNode>(anchor, $isListNode);
    blockType = (list ?? block).getListType() === 'number' ? 'number' : 'bullet';
  } else if ($isHeadingNode(block)) blockType = block.getTag() === 'h3' ? 'h3' : 'h2';
  else if ($isQuoteNode(block)) blockType = 'quote';
  const parent = anchor.getParent();
  const size = $getSelectionStyleValueForProperty(selection, 'font-size', '');
  const px = /^(\d+(?:\.\d+)?)px$/.exec(size);
  return {
    blockType,
    bold: selection.hasFormat('bold'),
    italic: selection.hasFormat('italic'),
    underline: selection.hasFormat('underline'),
    strikethrough: selection.hasFormat('strikethrough'),
    link: $isLinkNode(parent) || $isLinkNode(anchor),
    align: $isElementNode(block) ? block.getFormatType() : '',
    color: $getSelectionStyleValueForProperty(selection, 'color', ''),
    fontSize: px ? Number(px[1]) : null,
  };
}

export function setBlockType(editor: LexicalEditor, type: 'paragraph' | 'h2' | 'h3' | 'quote'): void {
  editor.update(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    if (type === 'paragraph') $setBlocksType(selection, () => $createParagraphNode());
    else if (type === 'quote') $setBlocksType(selection, () => $createQuoteNode());
    else $setBlocksType(selection, () => $createHeadingNode(type));
  });
}

/** Sets (or with null removes) an inline style on the selected text. */
export function patchStyle(editor: LexicalEditor, property: 'color' | 'font-size', value: string | null): void {
  editor.update(() => {
    const selection = $getSelection();
    if (selection) $patchStyleText(selection, { [property]: value });
  });
}

/** Bold, italic…, colour and size off the selection; the blocks stay what they are. */
export function clearFormatting(editor: LexicalEditor): void {
  editor.update(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    for (const node of selection.extract()) {
      if ($isTextNode(node)) {
        node.setFormat(0);
        node.setStyle('');
      }
    }
    selection.setFormat(0);
    selection.setStyle('');
  });
}

/** Links that leave the article may only be web or mail links. */
export function safeLinkUrl(raw: string): string | null {
  const url = raw.trim();
  if (/^mailto:[^\s@]+@[^\s@]+$/i.test(url)) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}
