import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $getNodeByKey,
  $getSelection,
  $isRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_HIGH,
  HISTORY_MERGE_TAG,
  PASTE_COMMAND,
  type BaseSelection,
  type LexicalEditor,
  type LexicalNode,
  type NodeKey,
} from 'lexical';
import { useCallback, useEffect, useState } from 'react';
import { escapeText } from '../../../../shared/text/escape-html';
import { convertLegacy, detectLegacyEncoding, type LegacyEncoding } from '../../../../shared/text/legacy-vietnamese';
import { Dialog } from '../../components/Dialog';
import { useI18n } from '../../i18n/i18n';
import { EDIT_TAG } from '../lazy-body';
import { BLOCKS_COMING_COMMAND } from './OffscreenBlocksPlugin';
import { cleanClipboardHtml, cleanClipboardHtmlInSlices } from '../paste/clean-office-html';
import { $nodesFromBlocks } from '../paste/import-clean-html';
import { $insertPasted } from '../paste/insert-pasted';

/** Clipboard text without HTML, as the canonical paragraphs the importer reads. */
function plainTextBlocks(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => `<p>${escapeText(line)}</p>`)
    .join('');
}

function parseBlocks(html: string): HTMLElement {
  return new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
}

function convertContainer(container: HTMLElement, encoding: LegacyEncoding): void {
  const walker = container.ownerDocument.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    node.textContent = convertLegacy(node.textContent ?? '', encoding);
}

/**
 * How long one task of a paste may hold the window: cleaning and importing go on in slices of this length, so the
 * window keeps answering while a long Word report comes in.
 */
const SLICE_MS = 40;
/** Clipboard HTML longer than this is cleaned in slices; a shorter paste is cleaned at once, in the paste event. */
const SLICED_CLEANING_CHARS = 200_000;

/** The selection taken at the paste, if its points still exist (the writer may have typed while a long paste was cleaned). */
function $stillValid(selection: BaseSelection | null): BaseSelection | null {
  if (!$isRangeSelection(selection)) return selection;
  return $getNodeByKey(selection.anchor.key) && $getNodeByKey(selection.focus.key) ? selection : null;
}

/** Lexical nodes from the blocks, starting at `from`, until the slice's time is spent (at least one block). */
function $importSlice(blocks: Element[], from: number): { nodes: LexicalNode[]; next: number } {
  const until = performance.now() + SLICE_MS;
  const nodes: LexicalNode[] = [];
  let next = from;
  while (next < blocks.length && (next === from || performance.now() < until))
    nodes.push(...$nodesFromBlocks([blocks[next++]!]));
  return { nodes, next };
}

/**
 * Inserts the blocks at the selection: the first slice where the caret is (paste/insert-pasted.ts), the rest after it
 * in later updates merged into the same history entry, so one Ctrl+Z still takes the whole paste back.
 */
function insertBlocks(editor: LexicalEditor, blocks: Element[], selection: BaseSelection | null): void {
  let lastKey: NodeKey | null = null;
  let imported = 0;
  editor.dispatchCommand(BLOCKS_COMING_COMMAND, blocks.length);
  editor.update(() => {
    const valid = $stillValid(selection);
    if (valid) $setSelection(valid);
    const target = $getSelection();
    if (!$isRangeSelection(target)) return;
    const slice = $importSlice(blocks, 0);
    imported = slice.next;
    $insertPasted(editor, slice.nodes, target);
    const after = $getSelection();
    lastKey = $isRangeSelection(after) ? (after.anchor.getNode().getTopLevelElement()?.getKey() ?? null) : null;
  });
  const next = () => {
    if (imported >= blocks.length || lastKey === null) {
      editor.dispatchCommand(BLOCKS_COMING_COMMAND, 0);
      return;
    }
    editor.update(
      () => {
        let anchor = lastKey === null ? null : $getNodeByKey(lastKey);
        const slice = $importSlice(blocks, imported);
        imported = slice.next;
        for (const node of slice.nodes) {
          if (!anchor) break;
          anchor.insertAfter(node);
          anchor = node;
        }
        lastKey = anchor?.getKey() ?? null;
        if (imported >= blocks.length) anchor?.selectEnd();
      },
      // Merged into the paste's history step, and still an edit to save (ArticleEditor's ChangePlugin).
      { tag: [HISTORY_MERGE_TAG, EDIT_TAG] },
    );
    setTimeout(next, 0);
  };
  setTimeout(next, 0);
}

interface PendingPaste {
  encoding: LegacyEncoding;
  container: HTMLElement;
  selection: BaseSelection | null;
}

/**
 * Pastes from Word, Google Docs and the web arrive cleaned: only what the portal can show is kept. Text typed in an
 * old TCVN3 or VNI font is detected first and the writer chooses: convert to Unicode, or keep it as it is; either
 * way the paste is one step that Ctrl+Z undoes.
 */
export function PastePlugin() {
  const [editor] = useLexicalComposerContext();
  const { t } = useI18n();
  const [pending, setPending] = useState<PendingPaste | null>(null);

  const insert = useCallback(
    (container: HTMLElement, selection: BaseSelection | null, encoding: LegacyEncoding | null) => {
      if (encoding) convertContainer(container, encoding);
      insertBlocks(editor, Array.from(container.children), selection);
      editor.focus();
    },
    [editor],
  );

  /** Cleaned blocks in: asks about an old Vietnamese encoding when there is one, else inserts them. */
  const receive = useCallback(
    (blocks: string, selection: BaseSelection | null) => {
      const container = parseBlocks(blocks);
      const encoding = detectLegacyEncoding(container.textContent ?? '');
      if (encoding) setPending({ encoding, container, selection });
      else insert(container, selection, null);
    },
    [insert],
  );

  useEffect(
    () =>
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          if (!(event instanceof ClipboardEvent) || !event.clipboardData) return false;
          const html = event.clipboardData.getData('text/html');
          const text = event.clipboardData.getData('text/plain');
          // Plain text in Unicode: Lexical's own paste.
          if (!html && !detectLegacyEncoding(text)) return false;
          event.preventDefault();
          const selection = editor.getEditorState().read(() => $getSelection()?.clone() ?? null);
          if (!html) receive(plainTextBlocks(text), selection);
          else if (html.length <= SLICED_CLEANING_CHARS) receive(cleanClipboardHtml(html).html, selection);
          else void cleanClipboardHtmlInSlices(html, SLICE_MS).then((cleaned) => receive(cleaned.html, selection));
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    [editor, receive],
  );

  if (!pending) return null;
  const choose = (convert: boolean) => {
    setPending(null);
    insert(pending.container, pending.selection, convert ? pending.encoding : null);
  };
  return (
    <Dialog title={t('editor.legacyTitle')} onClose={() => choose(false)}>
      <p>{t('editor.legacyDetected', { encoding: pending.encoding === 'tcvn3' ? 'TCVN3 (.VnTime)' : 'VNI' })}</p>
      <p className="legacy-sample" lang="vi">
        {convertLegacy((pending.container.textContent ?? '').slice(0, 160), pending.encoding)}
      </p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => choose(false)}>
          {t('editor.keep')}
        </button>
        <button type="button" className="button button-primary" onClick={() => choose(true)} autoFocus>
          {t('editor.convert')}
        </button>
      </div>
    </Dialog>
  );
}
