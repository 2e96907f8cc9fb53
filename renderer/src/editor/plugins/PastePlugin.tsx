import { $insertGeneratedNodes } from '@lexical/clipboard';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getRoot, $getSelection, $isElementNode, $isRangeSelection, $isTextNode, COMMAND_PRIORITY_HIGH, PASTE_COMMAND, type LexicalEditor, type LexicalNode } from 'lexical';
import { useEffect } from 'react';
import { convertLegacy, detectLegacyEncoding, type LegacyEncoding } from '../../../../shared/text/legacy-vietnamese';
import { cleanClipboardHtml } from '../paste/clean-office-html';
import { $nodesFromCleanHtml } from '../paste/import-clean-html';

function $textNodesOf(node: LexicalNode): LexicalNode[] {
  if ($isTextNode(node)) return [node];
  return $isElementNode(node) ? node.getChildren().flatMap($textNodesOf) : [];
}

/**
 * Converts every block of the document whose text reads as the given legacy encoding, in one update:
 * one Ctrl+Z undoes the conversion and leaves the pasted text as it came.
 */
export function convertLegacyBlocks(editor: LexicalEditor, encoding: LegacyEncoding): void {
  editor.update(() => {
    for (const block of $getRoot().getChildren()) {
      if (detectLegacyEncoding(block.getTextContent()) !== encoding) continue;
      for (const text of $textNodesOf(block)) {
        if ($isTextNode(text)) text.setTextContent(convertLegacy(text.getTextContent(), encoding));
      }
    }
  });
}

interface Props {
  /** Called after a paste whose text reads as TCVN3 or VNI, to offer the conversion. */
  onLegacyText: (encoding: LegacyEncoding) => void;
}

/** Pastes from Word, Google Docs and the web arrive cleaned: only what the portal can show is kept. */
export function PastePlugin({ onLegacyText }: Props) {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          if (!(event instanceof ClipboardEvent) || !event.clipboardData) return false;
          const html = event.clipboardData.getData('text/html');
          let pastedText = event.clipboardData.getData('text/plain');
          let handled = false;
          if (html) {
            event.preventDefault();
            const container = new DOMParser().parseFromString(`<body>${cleanClipboardHtml(html).html}</body>`, 'text/html').body;
            pastedText = container.textContent ?? '';
            editor.update(() => {
              const selection = $getSelection();
              if ($isRangeSelection(selection)) $insertGeneratedNodes(editor, $nodesFromCleanHtml(container), selection);
            });
            handled = true;
          }
          const encoding = detectLegacyEncoding(pastedText);
          if (encoding) setTimeout(() => onLegacyText(encoding), 0);
          return handled;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    [editor, onLegacyText],
  );
  return null;
}
