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
  type NodeKey,
} from 'lexical';
import { useCallback, useEffect, useState } from 'react';
import { escapeText } from '../../../../shared/text/escape-html';
import { convertLegacy, detectLegacyEncoding, type LegacyEncoding } from '../../../../shared/text/legacy-vietnamese';
import { Dialog } from '../../components/Dialog';
import { useI18n } from '../../i18n/i18n';
import { EDIT_TAG } from '../lazy-body';
import { cleanClipboardHtml } from '../paste/clean-office-html';
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

/** Blocks per update: a long paste is imported in slices so the window keeps answering between them. */
const SLICE = 400;

/**
 * Inserts the blocks at the selection: the first slice where the caret is (paste/insert-pasted.ts), the rest after it in later updates
 * merged into the same history entry, so one Ctrl+Z still takes the whole paste back.
 */
function insertBlocks(editor: LexicalEditor, blocks: Element[], selection: BaseSelection | null): void {
  let lastKey: NodeKey | null = null;
  editor.update(() => {
    if (selection) $setSelection(selection);
    const target = $getSelection();
    if (!$isRangeSelection(target)) return;
    $insertPasted(editor, $nodesFromBlocks(blocks.slice(0, SLICE)), target);
    const after = $getSelection();
    lastKey = $isRangeSelection(after) ? (after.anchor.getNode().getTopLevelElement()?.getKey() ?? null) : null;
  });
  const next = (from: number) => {
    if (from >= blocks.length || lastKey === null) return;
    editor.update(
      () => {
        let anchor = lastKey === null ? null : $getNodeByKey(lastKey);
        for (const node of $nodesFromBlocks(blocks.slice(from, from + SLICE))) {
          if (!anchor) break;
          anchor.insertAfter(node);
          anchor = node;
        }
        lastKey = anchor?.getKey() ?? null;
        if (from + SLICE >= blocks.length) anchor?.selectEnd();
      },
      // Merged into the paste's history step, and still an edit to save (ArticleEditor's ChangePlugin).
      { tag: [HISTORY_MERGE_TAG, EDIT_TAG] },
    );
    setTimeout(() => next(from + SLICE), 0);
  };
  setTimeout(() => next(SLICE), 0);
}

interface PendingPaste {
  encoding: LegacyEncoding;
  blocks: string;
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
    (blocks: string, selection: BaseSelection | null, encoding: LegacyEncoding | null) => {
      const container = parseBlocks(blocks);
      if (encoding) convertContainer(container, encoding);
      insertBlocks(editor, Array.from(container.children), selection);
      editor.focus();
    },
    [editor],
  );

  useEffect(
    () =>
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          if (!(event instanceof ClipboardEvent) || !event.clipboardData) return false;
          const html = event.clipboardData.getData('text/html');
          const text = event.clipboardData.getData('text/plain');
          const blocks = html ? cleanClipboardHtml(html).html : null;
          const encoding = detectLegacyEncoding(blocks === null ? text : (parseBlocks(blocks).textContent ?? ''));
          if (encoding) {
            event.preventDefault();
            const selection = editor.getEditorState().read(() => $getSelection()?.clone() ?? null);
            setPending({ encoding, blocks: blocks ?? plainTextBlocks(text), selection });
            return true;
          }
          if (blocks === null) return false; // plain text: Lexical's own paste
          event.preventDefault();
          insert(blocks, null, null);
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    [editor, insert],
  );

  if (!pending) return null;
  const choose = (convert: boolean) => {
    setPending(null);
    insert(pending.blocks, pending.selection, convert ? pending.encoding : null);
  };
  return (
    <Dialog title={t('editor.legacyTitle')} onClose={() => choose(false)}>
      <p>{t('editor.legacyDetected', { encoding: pending.encoding === 'tcvn3' ? 'TCVN3 (.VnTime)' : 'VNI' })}</p>
      <p className="legacy-sample" lang="vi">
        {convertLegacy((parseBlocks(pending.blocks).textContent ?? '').slice(0, 160), pending.encoding)}
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
