import { useEffect, useRef } from 'react';

/**
 * Runs `tick` at once, then again `intervalMs` after each run for as long as it answers true. It pauses while the page is
 * hidden (a minimised window) and picks up when it is shown again; it stops on unmount. A new `key` starts it afresh.
 * A run never overlaps the previous one.
 */
export function usePolling(tick: () => Promise<boolean>, intervalMs: number, key: unknown = null): void {
  const latest = useRef(tick);
  // Declared before the polling effect, so a new key polls with the tick of the same render.
  useEffect(() => {
    latest.current = tick;
  });
  useEffect(() => {
    let disposed = false;
    let inFlight = false;
    let paused = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      timer = undefined;
      if (disposed || inFlight) return;
      inFlight = true;
      let again = true;
      try {
        again = await latest.current();
      } catch {
        // The tick reports its own failures; a failed run is tried again.
      } finally {
        inFlight = false;
      }
      if (disposed || !again) return;
      if (document.visibilityState === 'hidden') paused = true;
      else timer = setTimeout(() => void run(), intervalMs);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        if (timer === undefined) return;
        clearTimeout(timer);
        timer = undefined;
        paused = true;
      } else if (paused) {
        paused = false;
        void run();
      }
    };
    document.addEventListener('visibilitychange', onVisibility);
    void run();
    return () => {
      disposed = true;
      if (timer !== undefined) clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalMs, key]);
}
