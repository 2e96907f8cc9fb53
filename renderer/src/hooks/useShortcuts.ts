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
  if (event.shiftKey && event.key.length > 1) parts.push('shift');
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
      if (event.isComposing) return;
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
