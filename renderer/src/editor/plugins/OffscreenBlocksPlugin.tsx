import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $getRoot,
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_NORMAL,
  createCommand,
  KEY_DOWN_COMMAND,
  mergeRegister,
} from 'lexical';
import { useEffect } from 'react';

/**
 * Up to this many blocks, the blocks off screen are skipped by the browser (styles.css: [data-skip-offscreen]):
 * a key in a 20,000-word report then paints and hit-tests what is on screen, not the 35,000 px of text around it.
 * Past it (a long paste), Chromium's per-frame bookkeeping of which blocks are on screen costs more than it saves:
 * the 5 MB Word paste of the bench did not answer for 1.5 s with every block skippable, 0.76 s with this limit.
 */
export const MAX_SKIPPABLE_BLOCKS = 1500;

/**
 * A paste of this many blocks is about to arrive in slices (PastePlugin; 0 when it is in): if the document will pass
 * the limit, the blocks stop being skipped now, while it is small — not at the slice that crosses it, where every
 * block skipped so far would be laid out in one long task.
 */
export const BLOCKS_COMING_COMMAND = createCommand<number>('BLOCKS_COMING_COMMAND');

/**
 * Marks the editable element while the document has few enough blocks for skipping the ones off screen to pay, and
 * moves the caret to the start or end of the document itself on Ctrl+Home / Ctrl+End (with Shift, selecting): the
 * browser's own move stops at the start of a block it has skipped, not at the end of the text.
 */
export function OffscreenBlocksPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const blockCount = () => editor.getEditorState().read(() => $getRoot().getChildrenSize());
    /** The size a paste under way will bring the document to (0: none under way). */
    let expected = 0;
    const mark = () => {
      const element = editor.getRootElement();
      if (!element) return;
      const blocks = blockCount();
      if (blocks >= expected) expected = 0;
      const skip = Math.max(blocks, expected) <= MAX_SKIPPABLE_BLOCKS;
      // Only when it changes: writing the attribute on each key would invalidate the element's style each time.
      if (element.hasAttribute('data-skip-offscreen') !== skip) element.toggleAttribute('data-skip-offscreen', skip);
    };
    mark();
    return mergeRegister(
      editor.registerUpdateListener(mark),
      editor.registerCommand(
        BLOCKS_COMING_COMMAND,
        (coming) => {
          expected = coming > 0 ? blockCount() + coming : 0;
          mark();
          return true;
        },
        COMMAND_PRIORITY_NORMAL,
      ),
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          const toEnd = event.key === 'End';
          if (!(toEnd || event.key === 'Home') || !(event.ctrlKey || event.metaKey) || event.altKey) return false;
          event.preventDefault();
          editor.update(() => {
            // Copied first: selecting the edge moves the current selection's points in place.
            const before = $getSelection();
            const anchor = $isRangeSelection(before)
              ? { key: before.anchor.key, offset: before.anchor.offset, type: before.anchor.type }
              : null;
            const edge = toEnd ? $getRoot().selectEnd() : $getRoot().selectStart();
            if (event.shiftKey && anchor) edge.anchor.set(anchor.key, anchor.offset, anchor.type);
          });
          return true;
        },
        COMMAND_PRIORITY_NORMAL,
      ),
    );
  }, [editor]);
  return null;
}
