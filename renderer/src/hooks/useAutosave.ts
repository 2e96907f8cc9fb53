import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/** What one save attempt came to: saved; failed in a way worth retrying; or failed until the user acts. */
export type SaveOutcome = 'saved' | 'retry' | 'stop';
export type AutosaveState = 'clean' | 'pending' | 'saving' | 'failed';

/** Typing pauses this long before a save… */
export const AUTOSAVE_DEBOUNCE_MS = 700;
/** …but never more than this after the first unsaved change, so a crash loses at most ~2 s of typing… */
export const AUTOSAVE_MAX_WAIT_MS = 1500;
/**
 * …give or take a key: past the ceiling, the save starts just after the next key is on screen (a long article's save
 * is a task of several ms, which a key arriving during it would wait behind); if no key comes this soon, at once.
 */
export const AUTOSAVE_NEXT_KEY_MS = 150;
export const RETRY_DELAYS_S = [2, 4, 8, 15, 30];

export interface AutosaveShown {
  state: AutosaveState;
  /** Seconds until the next attempt after a failed save, or null. */
  retryIn: number | null;
}

/**
 * What the save indicator shows, kept outside React state: a save goes pending → saving → clean, and nothing may
 * render three times per save while the writer types — neither the screen that holds the hook (a whole article form)
 * nor the indicator, which paints the state into its element (usePaintAutosaveStatus).
 */
export class AutosaveStatus {
  private shown: AutosaveShown = { state: 'clean', retryIn: null };
  private readonly listeners = new Set<() => void>();

  readonly get = (): AutosaveShown => this.shown;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(next: Partial<AutosaveShown>): void {
    const merged = { ...this.shown, ...next };
    if (merged.state === this.shown.state && merged.retryIn === this.shown.retryIn) return;
    this.shown = merged;
    for (const listener of this.listeners) listener();
  }
}

/**
 * Shows the autosave's state without rendering: `paint` (made by each render, with that render's props) runs after
 * every render and whenever the state changes, and writes it into the component's element. A render while the writer
 * types is a React commit, and before every commit React reads the focused editor's selection by walking its whole DOM
 * (~0.4 ms in a long report); a save went through three of them (pending, saving, saved).
 */
export function usePaintAutosaveStatus(status: AutosaveStatus, paint: (shown: AutosaveShown) => void): void {
  const latest = useRef(paint);
  useLayoutEffect(() => {
    latest.current = paint;
    paint(status.get());
  });
  useLayoutEffect(() => status.subscribe(() => latest.current(status.get())), [status]);
}

/**
 * Saves while the user types: debounced, with a ceiling on the wait; one save at a time (a change made during a
 * save is saved right after it); a failed save is retried with growing delays and reported, never dropped.
 * `touched()` records an edit; it is stable and cheap (a key in a long article must not re-render the screen), and
 * the state shown lives in `status`, so the caller never re-renders for it. `save(autosave)` saves whatever is
 * unsaved at that moment.
 */
export function useAutosave(save: (autosave: boolean) => Promise<SaveOutcome>) {
  const [status] = useState(() => new AutosaveStatus());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const firstUnsavedAt = useRef<number | null>(null);
  /** Counts edits, so that a save knows whether one came in while it ran. */
  const edits = useRef(0);
  const running = useRef<Promise<boolean> | null>(null);
  const failures = useRef(0);
  const saveRef = useRef(save);
  saveRef.current = save;

  const setState = useCallback((state: AutosaveState) => status.set({ state }), [status]);
  const setRetryIn = useCallback((retryIn: number | null) => status.set({ retryIn }), [status]);

  /** Runs just after the next frame is painted: the key that asked is on screen, the next one a keystroke away. */
  const afterNextPaint = (then: () => void) => requestAnimationFrame(() => setTimeout(then, 0));
  /** A save already waits for the next paint (keys within one frame ask once). */
  const savingAfterPaint = useRef(false);

  const clearTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const run = useCallback(
    async (autosave: boolean): Promise<boolean> => {
      clearTimer();
      // One save at a time: a later call waits, then saves whatever is still unsaved (often nothing).
      while (running.current) await running.current;
      const attempt = (async () => {
        const editsAtStart = edits.current;
        const unsavedSince = firstUnsavedAt.current;
        // What is unsaved goes into this save; an edit made during it starts a wait of its own.
        firstUnsavedAt.current = null;
        setState('saving');
        const outcome = await saveRef.current(autosave);
        if (outcome === 'saved') {
          failures.current = 0;
          setRetryIn(null);
          // Edited while saving: still pending, and the timer touched() armed saves it next.
          setState(edits.current === editsAtStart ? 'clean' : 'pending');
          return true;
        }
        firstUnsavedAt.current = unsavedSince ?? firstUnsavedAt.current;
        setState('failed');
        if (outcome === 'retry') {
          const delay = RETRY_DELAYS_S[Math.min(failures.current, RETRY_DELAYS_S.length - 1)] ?? 30;
          failures.current += 1;
          setRetryIn(delay);
          clearTimer();
          timer.current = setTimeout(() => void run(true), delay * 1000);
        }
        return false;
      })();
      running.current = attempt;
      try {
        return await attempt;
      } finally {
        running.current = null;
      }
    },
    [setState, setRetryIn],
  );

  /** Records an edit and (re)arms the debounce; cheap enough for every key. */
  const touched = useCallback(() => {
    edits.current += 1;
    const now = Date.now();
    firstUnsavedAt.current ??= now;
    if (status.get().state !== 'saving') setState('pending');
    clearTimer();
    const waited = now - firstUnsavedAt.current;
    if (waited >= AUTOSAVE_MAX_WAIT_MS) {
      if (savingAfterPaint.current) return;
      savingAfterPaint.current = true;
      afterNextPaint(() => {
        savingAfterPaint.current = false;
        void run(true);
      });
      return;
    }
    timer.current = setTimeout(
      () => void run(true),
      Math.min(AUTOSAVE_DEBOUNCE_MS, AUTOSAVE_MAX_WAIT_MS - waited + AUTOSAVE_NEXT_KEY_MS),
    );
  }, [run, setState, status]);

  useEffect(() => clearTimer, []);

  /** Saves now (leaving the article, blur, quit, Ctrl+S); true when everything is saved. */
  const flush = useCallback(() => run(false), [run]);
  return { status, flush, touched };
}
