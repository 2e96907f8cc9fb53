import type { LexicalEditor } from 'lexical';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MutableRefObject,
} from 'react';
import { createPortal } from 'react-dom';
import type { QualityFindingShape } from '../../../shared/contract/quality';
import { call } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { findingRange } from './locate';

/** As many suggestions as the desktop shell's menu shows. */
const MAX_SUGGESTIONS = 5;

interface Props {
  editorRef: MutableRefObject<LexicalEditor | null>;
  /** The body's words the check doubts (those marked in the text). */
  marked: readonly QualityFindingShape[];
  /** Whether "Thêm vào từ điển" applies to this finding's rule. */
  canAddWord: (finding: QualityFindingShape) => boolean;
  onReplace: (finding: QualityFindingShape, suggestion: string) => void;
  onAddWord: (finding: QualityFindingShape) => void;
}

interface Opened {
  finding: QualityFindingShape;
  x: number;
  y: number;
  suggestions: string[];
}

/** The caret position under a point of the page (Chromium has both forms; Firefox only the standard one). */
function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  const position = document.caretPositionFromPoint?.(x, y);
  if (position) return { node: position.offsetNode, offset: position.offset };
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

/**
 * Browser mode's right-click menu over a word the check doubts (the desktop shell has a native one: see
 * electron/main/context-menu.ts). Opened by the context-menu event on a marked word, or by Shift+F10 or the
 * context-menu key with the caret in it; lists the suggestions (quality.suggest) and "Thêm vào từ điển".
 */
export function SpellingMenu({ editorRef, marked, canAddWord, onReplace, onAddWord }: Props) {
  const { t } = useI18n();
  const [opened, setOpened] = useState<Opened | null>(null);
  const [place, setPlace] = useState<{ left: number; top: number } | null>(null);
  const menuRef = useRef<HTMLDivElement | null>(null);
  /** The menu is closing (a choice, Escape, a click elsewhere): the focus may leave it. */
  const leaving = useRef(false);
  const markedRef = useRef(marked);
  markedRef.current = marked;
  const openedRef = useRef(opened);
  openedRef.current = opened;
  const editor = editorRef.current;

  useEffect(() => {
    const root = editor?.getRootElement();
    // The desktop shell shows its own menu, with the same suggestions.
    if (!editor || !root || window.toasoan) return;
    const findingAt = (node: Node, offset: number) =>
      markedRef.current.find((finding) => {
        const range = findingRange(editor, finding);
        try {
          return range !== null && range.isPointInRange(node, offset);
        } catch {
          return false;
        }
      });
    const open = (finding: QualityFindingShape, x: number, y: number) => {
      setOpened({ finding, x, y, suggestions: finding.suggestion ? [finding.suggestion] : [] });
      call('quality.suggest', { word: finding.text }).then(
        ({ suggestions }) =>
          setOpened((now) =>
            now?.finding === finding
              ? { ...now, suggestions: [...new Set([...now.suggestions, ...suggestions])].slice(0, MAX_SUGGESTIONS) }
              : now,
          ),
        // The finding's own suggestion is still offered.
        () => undefined,
      );
    };
    const onContextMenu = (event: MouseEvent) => {
      if (openedRef.current) {
        // Opened from the keyboard already (Shift+F10 also fires this event).
        event.preventDefault();
        return;
      }
      const point = caretAt(event.clientX, event.clientY);
      const finding = point ? findingAt(point.node, point.offset) : undefined;
      if (!finding) return;
      event.preventDefault();
      open(finding, event.clientX, event.clientY);
    };
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (!(event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10'))) return;
      const selection = window.getSelection();
      const finding = selection?.anchorNode ? findingAt(selection.anchorNode, selection.anchorOffset) : undefined;
      const rect = finding ? findingRange(editor, finding)?.getBoundingClientRect() : undefined;
      if (!finding || !rect) return;
      event.preventDefault();
      open(finding, rect.left, rect.bottom + 2);
    };
    root.addEventListener('contextmenu', onContextMenu);
    root.addEventListener('keydown', onKeyDown);
    return () => {
      root.removeEventListener('contextmenu', onContextMenu);
      root.removeEventListener('keydown', onKeyDown);
    };
  }, [editor]);

  // Kept inside the window, then the first item takes the focus.
  useLayoutEffect(() => {
    const menu = menuRef.current;
    if (!opened || !menu) {
      setPlace(null);
      return;
    }
    const { width, height } = menu.getBoundingClientRect();
    setPlace({
      left: Math.max(4, Math.min(opened.x, window.innerWidth - width - 4)),
      top: Math.max(4, Math.min(opened.y, window.innerHeight - height - 4)),
    });
  }, [opened]);

  // Once placed (a hidden element cannot take the focus).
  /** Closes the menu on purpose (a choice, Escape, Tab, a click elsewhere): the focus may leave it now. */
  const dismiss = useCallback(() => {
    leaving.current = true;
    setOpened(null);
  }, []);

  const placed = opened !== null && place !== null;
  useEffect(() => {
    if (!placed) return;
    const menu = menuRef.current;
    let current = menu?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? null;
    current?.focus();
    leaving.current = false;
    const closeOutside = (event: PointerEvent) => {
      if (!menu?.contains(event.target as Node)) dismiss();
    };
    // Lexical writes the DOM selection after an update it was still finishing (the click that put the caret in the
    // word), and Chromium then focuses the editor: the keys meant for the menu would go into the text. While the menu
    // is open and no click has left it, the focus goes back to its item.
    const keepFocus = (event: FocusEvent) => {
      if (menu?.contains(event.target as Node)) current = event.target as HTMLElement;
      else if (!leaving.current && event.target === editor?.getRootElement()) current?.focus();
    };
    document.addEventListener('pointerdown', closeOutside, true);
    document.addEventListener('focusin', keepFocus, true);
    return () => {
      document.removeEventListener('pointerdown', closeOutside, true);
      document.removeEventListener('focusin', keepFocus, true);
    };
  }, [placed, editor, dismiss]);

  if (!opened) return null;
  const { finding } = opened;

  const close = () => {
    dismiss();
    editor?.focus();
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])].filter(
      (item) => item.getAttribute('aria-disabled') !== 'true',
    );
    const at = items.indexOf(document.activeElement as HTMLElement);
    const move = (index: number) => items[(index + items.length) % items.length]?.focus();
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Escape') {
      // The menu's, not the screen's (Escape there goes back to the library).
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab') dismiss();
    else return;
    if (event.key !== 'Tab') event.preventDefault();
  };

  return createPortal(
    <div
      ref={menuRef}
      role="menu"
      aria-label={t('quality.menuLabel', { word: finding.text })}
      className="spelling-menu"
      style={place ?? { left: opened.x, top: opened.y, visibility: 'hidden' }}
      onKeyDown={onMenuKey}
    >
      {opened.suggestions.length === 0 ? (
        <div role="menuitem" aria-disabled="true" className="spelling-menu-item spelling-menu-none">
          {t('quality.noSuggestions')}
        </div>
      ) : null}
      {opened.suggestions.map((suggestion) => (
        <button
          key={suggestion}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className="spelling-menu-item spelling-menu-suggestion"
          aria-label={t('quality.fixLabel', { text: finding.text, suggestion })}
          onClick={() => {
            dismiss();
            onReplace(finding, suggestion);
            editor?.focus();
          }}
        >
          {suggestion}
        </button>
      ))}
      {canAddWord(finding) ? (
        <>
          <div role="separator" className="spelling-menu-separator" />
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className="spelling-menu-item"
            aria-label={t('quality.addWordLabel', { text: finding.text })}
            onClick={() => {
              close();
              onAddWord(finding);
            }}
          >
            {t('quality.addWord')}
          </button>
        </>
      ) : null}
    </div>,
    document.body,
  );
}
