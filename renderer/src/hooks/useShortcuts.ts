import { useEffect, useRef } from 'react';

/** 'mod+s' means Ctrl+S, or Cmd+S on macOS; 'alt+1', 'escape', '/' and so on. */
export type Shortcuts = Record<string, (event: KeyboardEvent) => void>;

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName));
}

function comboOf(event: KeyboardEvent): string {
  const parts: string[] = [];
  if (event.ctrlKey || event.metaKey) parts.push('mod');
  if (event.altKey) parts.push('alt');
  // Shift counts with letters and named keys; with '?' or '/' it is part of the character itself.
  if (event.shiftKey && (event.key.length > 1 || /^[a-z]$/i.test(event.key))) parts.push('shift');
  // event.code keeps Alt+digit working on layouts where Alt changes the character.
  const key = /^Digit\d$/.test(event.code) ? event.code.slice(5) : event.key.toLowerCase();
  parts.push(key);
  return parts.join('+');
}

/** Window-wide shortcuts. Plain keys ('/', '?') are ignored while the user is typing in a field. */
export function useShortcuts(shortcuts: Shortcuts): void {
  const current = useRef(shortcuts);
  current.current = shortcuts;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // A modal dialog keeps its keys (Escape closes the dialog, not the screen behind it).
      if (event.isComposing || (event.target as Element | null)?.closest?.('dialog[open]')) return;
      const combo = comboOf(event);
      const handler = current.current[combo];
      if (!handler) return;
      if (!combo.includes('+') && combo !== 'escape' && isTyping(event.target)) return;
      event.preventDefault();
      handler(event);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
