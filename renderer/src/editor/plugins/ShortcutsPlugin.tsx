import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  COMMAND_PRIORITY_NORMAL,
  createCommand,
  FORMAT_ELEMENT_COMMAND,
  FORMAT_TEXT_COMMAND,
  KEY_DOWN_COMMAND,
  type LexicalEditor,
} from 'lexical';
import { useEffect } from 'react';
import { clearFormatting, setBlockType } from '../format';

export const OPEN_LINK_DIALOG_COMMAND = createCommand<void>('OPEN_LINK_DIALOG_COMMAND');

/**
 * Editing shortcuts beyond Lexical's own (Ctrl+B/I/U, Ctrl+Z/Y). event.code is used for digits so that
 * Ctrl+Shift+7 works whatever character Shift+7 gives on the keyboard layout.
 */
const SHORTCUTS: { match: (e: KeyboardEvent) => boolean; run: (editor: LexicalEditor) => void }[] = [
  {
    match: (e) => !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'k',
    run: (editor) => editor.dispatchCommand(OPEN_LINK_DIALOG_COMMAND, undefined),
  },
  {
    match: (e) => e.shiftKey && e.key.toLowerCase() === 'x',
    run: (editor) => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'strikethrough'),
  },
  {
    match: (e) => e.shiftKey && e.code === 'Digit7',
    run: (editor) => editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined),
  },
  {
    match: (e) => e.shiftKey && e.code === 'Digit8',
    run: (editor) => editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined),
  },
  { match: (e) => e.altKey && e.code === 'Digit0', run: (editor) => setBlockType(editor, 'paragraph') },
  { match: (e) => e.altKey && e.code === 'Digit2', run: (editor) => setBlockType(editor, 'h2') },
  { match: (e) => e.altKey && e.code === 'Digit3', run: (editor) => setBlockType(editor, 'h3') },
  {
    match: (e) => e.shiftKey && e.key.toLowerCase() === 'l',
    run: (editor) => editor.dispatchCommand(FORMAT_ELEMENT_COMMAND, 'left'),
  },
  {
    match: (e) => e.shiftKey && e.key.toLowerCase() === 'e',
    run: (editor) => editor.dispatchCommand(FORMAT_ELEMENT_COMMAND, 'center'),
  },
  {
    match: (e) => e.shiftKey && e.key.toLowerCase() === 'r',
    run: (editor) => editor.dispatchCommand(FORMAT_ELEMENT_COMMAND, 'right'),
  },
  {
    match: (e) => e.shiftKey && e.key.toLowerCase() === 'j',
    run: (editor) => editor.dispatchCommand(FORMAT_ELEMENT_COMMAND, 'justify'),
  },
  { match: (e) => e.code === 'Backslash', run: (editor) => clearFormatting(editor) },
];

export function ShortcutsPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          if (!(event.ctrlKey || event.metaKey) || event.isComposing) return false;
          const shortcut = SHORTCUTS.find((candidate) => candidate.match(event));
          if (!shortcut) return false;
          event.preventDefault();
          shortcut.run(editor);
          return true;
        },
        COMMAND_PRIORITY_NORMAL,
      ),
    [editor],
  );
  return null;
}
