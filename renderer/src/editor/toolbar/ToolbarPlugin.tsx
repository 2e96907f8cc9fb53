import { $isLinkNode, TOGGLE_LINK_COMMAND } from '@lexical/link';
import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, REMOVE_LIST_COMMAND } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $getSelection,
  $isRangeSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_ELEMENT_COMMAND,
  FORMAT_TEXT_COMMAND,
  mergeRegister,
  REDO_COMMAND,
  UNDO_COMMAND,
  type ElementFormatType,
  type TextFormatType,
} from 'lexical';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Dialog } from '../../components/Dialog';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import {
  $readToolbarState,
  clearFormatting,
  INITIAL_TOOLBAR_STATE,
  patchStyle,
  safeLinkUrl,
  sameToolbarState,
  setBlockType,
  type ToolbarState,
} from '../format';
import { INSERT_IMAGE_FILES_COMMAND } from '../plugins/ImagesPlugin';
import { OPEN_LINK_DIALOG_COMMAND } from '../plugins/ShortcutsPlugin';
import { FontColorControl } from './FontColorControl';
import { FontSizeControl } from './FontSizeControl';
import { Icon } from './icons';

const IMAGE_TYPES = 'image/jpeg,image/png,image/webp,image/gif';

/** The WAI-ARIA toolbar pattern: the buttons are one Tab stop, the arrow keys move between them. */
function useRovingButtons() {
  const ref = useRef<HTMLDivElement>(null);
  const active = useRef(0);
  const items = () => Array.from(ref.current?.querySelectorAll<HTMLElement>('[data-roving]:not(:disabled)') ?? []);
  useEffect(() => {
    items().forEach((item, i) => (item.tabIndex = i === active.current ? 0 : -1));
  });
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = items();
    const index = list.indexOf(event.target as HTMLElement);
    if (index < 0) return;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: list.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    active.current = (next + list.length) % list.length;
    list.forEach((item, i) => (item.tabIndex = i === active.current ? 0 : -1));
    list[active.current]?.focus();
  };
  const onFocus = (event: React.FocusEvent<HTMLDivElement>) => {
    const index = items().indexOf(event.target);
    if (index >= 0) active.current = index;
  };
  return { ref, onKeyDown, onFocus };
}

export function ToolbarPlugin() {
  const [editor] = useLexicalComposerContext();
  const { t } = useI18n();
  const [state, setState] = useState<ToolbarState>(INITIAL_TOOLBAR_STATE);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  const [linkOpen, setLinkOpen] = useState(false);
  const [linkUrl, setLinkUrl] = useState('');
  const [linkError, setLinkError] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const roving = useRovingButtons();

  // Read on every update, but set only when it changes: typing in a paragraph re-renders no toolbar.
  const shown = useRef(INITIAL_TOOLBAR_STATE);
  const refresh = useCallback(
    () =>
      editor.getEditorState().read(() => {
        const next = $readToolbarState();
        if (sameToolbarState(shown.current, next)) return;
        shown.current = next;
        setState(next);
      }),
    [editor],
  );

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(() => refresh()),
        editor.registerCommand(CAN_UNDO_COMMAND, (value) => (setCanUndo(value), false), COMMAND_PRIORITY_LOW),
        editor.registerCommand(CAN_REDO_COMMAND, (value) => (setCanRedo(value), false), COMMAND_PRIORITY_LOW),
        editor.registerCommand(
          OPEN_LINK_DIALOG_COMMAND,
          () => {
            const current = editor.getEditorState().read(() => {
              const selection = $getSelection();
              const node = $isRangeSelection(selection) ? selection.anchor.getNode() : null;
              const link = node && ($isLinkNode(node) ? node : node.getParent());
              return $isLinkNode(link) ? link.getURL() : '';
            });
            setLinkUrl(current || 'https://');
            setLinkError(false);
            setLinkOpen(true);
            return true;
          },
          COMMAND_PRIORITY_LOW,
        ),
      ),
    [editor, refresh],
  );

  const format = (name: TextFormatType) => editor.dispatchCommand(FORMAT_TEXT_COMMAND, name);
  const align = (value: ElementFormatType) => editor.dispatchCommand(FORMAT_ELEMENT_COMMAND, value);
  const toggleList = (type: 'bullet' | 'number') => {
    if (state.blockType === type) editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
    else
      editor.dispatchCommand(
        type === 'bullet' ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND,
        undefined,
      );
  };
  const applyAndReturn = (action: () => void) => {
    action();
    editor.focus();
  };

  const button = (
    label: MessageKey,
    shortcut: string,
    onClick: () => void,
    content: ReactNode,
    pressed?: boolean,
    disabled?: boolean,
  ) => (
    <button
      type="button"
      className="tool"
      aria-label={t(label)}
      title={shortcut ? `${t(label)} (${shortcut})` : t(label)}
      aria-pressed={pressed}
      aria-keyshortcuts={shortcut ? shortcut.replaceAll('Ctrl', 'Control') : undefined}
      disabled={disabled}
      data-roving
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {content}
    </button>
  );

  const submitLink = () => {
    const url = safeLinkUrl(linkUrl);
    if (!url) return setLinkError(true);
    setLinkOpen(false);
    editor.dispatchCommand(TOGGLE_LINK_COMMAND, { url, rel: 'noopener noreferrer', target: '_blank' });
    editor.focus();
  };

  return (
    <div
      className="toolbar"
      role="toolbar"
      aria-label={t('editor.toolbar')}
      ref={roving.ref}
      onKeyDown={roving.onKeyDown}
      onFocus={roving.onFocus}
    >
      <label className="toolbar-select">
        <span className="visually-hidden">{t('editor.blockType')}</span>
        <select
          aria-label={t('editor.blockType')}
          value={state.blockType === 'bullet' || state.blockType === 'number' ? 'paragraph' : state.blockType}
          onChange={(event) =>
            applyAndReturn(() => setBlockType(editor, event.target.value as 'paragraph' | 'h2' | 'h3' | 'quote'))
          }
        >
          <option value="paragraph">{t('editor.paragraph')}</option>
          <option value="h2">{t('editor.heading2')}</option>
          <option value="h3">{t('editor.heading3')}</option>
          <option value="quote">{t('editor.quote')}</option>
        </select>
      </label>
      <span className="toolbar-group">
        {button('editor.bold', 'Ctrl+B', () => format('bold'), <b>B</b>, state.bold)}
        {button('editor.italic', 'Ctrl+I', () => format('italic'), <i>I</i>, state.italic)}
        {button('editor.underline', 'Ctrl+U', () => format('underline'), <u>U</u>, state.underline)}
        {button('editor.strikethrough', 'Ctrl+Shift+X', () => format('strikethrough'), <s>S</s>, state.strikethrough)}
        {button(
          'editor.link',
          'Ctrl+K',
          () => editor.dispatchCommand(OPEN_LINK_DIALOG_COMMAND, undefined),
          <Icon name="link" />,
          state.link,
        )}
        {state.link
          ? button(
              'editor.removeLink',
              '',
              () => editor.dispatchCommand(TOGGLE_LINK_COMMAND, null),
              <Icon name="unlink" />,
            )
          : null}
      </span>
      <span className="toolbar-group">
        <FontColorControl
          value={state.color}
          onPick={(hex) => applyAndReturn(() => patchStyle(editor, 'color', hex))}
        />
      </span>
      <FontSizeControl
        value={state.fontSize}
        onPick={(px) => applyAndReturn(() => patchStyle(editor, 'font-size', `${px}px`))}
      />
      <span className="toolbar-group">
        {button(
          'editor.bulletList',
          'Ctrl+Shift+8',
          () => toggleList('bullet'),
          <Icon name="bullets" />,
          state.blockType === 'bullet',
        )}
        {button(
          'editor.numberedList',
          'Ctrl+Shift+7',
          () => toggleList('number'),
          <Icon name="numbers" />,
          state.blockType === 'number',
        )}
      </span>
      <span className="toolbar-group">
        {button(
          'editor.alignLeft',
          'Ctrl+Shift+L',
          () => align('left'),
          <Icon name="alignLeft" />,
          state.align === 'left' || state.align === '' || state.align === 'start',
        )}
        {button(
          'editor.alignCenter',
          'Ctrl+Shift+E',
          () => align('center'),
          <Icon name="alignCenter" />,
          state.align === 'center',
        )}
        {button(
          'editor.alignRight',
          'Ctrl+Shift+R',
          () => align('right'),
          <Icon name="alignRight" />,
          state.align === 'right' || state.align === 'end',
        )}
        {button(
          'editor.alignJustify',
          'Ctrl+Shift+J',
          () => align('justify'),
          <Icon name="alignJustify" />,
          state.align === 'justify',
        )}
      </span>
      <span className="toolbar-group">
        {button('editor.insertImage', '', () => fileRef.current?.click(), <Icon name="image" />)}
        <input
          ref={fileRef}
          type="file"
          accept={IMAGE_TYPES}
          multiple
          hidden
          aria-hidden="true"
          tabIndex={-1}
          onChange={(event) => {
            if (event.target.files?.length)
              editor.dispatchCommand(INSERT_IMAGE_FILES_COMMAND, Array.from(event.target.files));
            event.target.value = '';
          }}
        />
        {button(
          'editor.clearFormatting',
          'Ctrl+\\',
          () => applyAndReturn(() => clearFormatting(editor)),
          <Icon name="clear" />,
        )}
        {button(
          'editor.undo',
          'Ctrl+Z',
          () => editor.dispatchCommand(UNDO_COMMAND, undefined),
          <Icon name="undo" />,
          undefined,
          !canUndo,
        )}
        {button(
          'editor.redo',
          'Ctrl+Y',
          () => editor.dispatchCommand(REDO_COMMAND, undefined),
          <Icon name="redo" />,
          undefined,
          !canRedo,
        )}
      </span>
      {linkOpen ? (
        <Dialog title={t('editor.link')} onClose={() => setLinkOpen(false)}>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              submitLink();
            }}
          >
            <label className="field">
              <span className="field-label">{t('editor.linkUrl')}</span>
              <input
                value={linkUrl}
                onChange={(event) => setLinkUrl(event.target.value)}
                autoFocus
                aria-invalid={linkError}
                spellCheck={false}
              />
            </label>
            {linkError ? (
              <p className="field-error" role="alert">
                {t('editor.linkInvalid')}
              </p>
            ) : null}
            <div className="dialog-actions">
              <button type="button" className="button" onClick={() => setLinkOpen(false)}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="button button-primary">
                {t('editor.apply')}
              </button>
            </div>
          </form>
        </Dialog>
      ) : null}
    </div>
  );
}
