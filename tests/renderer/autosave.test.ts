// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AUTOSAVE_DEBOUNCE_MS,
  AUTOSAVE_MAX_WAIT_MS,
  AUTOSAVE_NEXT_KEY_MS,
  RETRY_DELAYS_S,
  useAutosave,
  usePaintAutosaveStatus,
  type AutosaveStatus,
  type SaveOutcome,
} from '../../renderer/src/hooks/useAutosave';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

type Autosave = ReturnType<typeof useAutosave>;

const mounted: Root[] = [];

/**
 * The hook in a component that counts its renders, with an indicator under it that shows the state (as the article
 * screen's SaveState does: painted, not rendered) and counts its renders and paints; `save` is what the screen would
 * do. Unmounted after each test.
 */
function mount(save: (autosave: boolean) => Promise<SaveOutcome>) {
  const seen: {
    hook: Autosave | null;
    renders: number;
    indicatorRenders: number;
    indicatorPaints: number;
    shown: string;
  } = {
    hook: null,
    renders: 0,
    indicatorRenders: 0,
    indicatorPaints: 0,
    shown: '',
  };
  function Indicator({ status }: { status: AutosaveStatus }) {
    usePaintAutosaveStatus(status, ({ state }) => {
      seen.shown = state;
      seen.indicatorPaints += 1;
    });
    seen.indicatorRenders += 1;
    return null;
  }
  function Host() {
    const hook = useAutosave(save);
    seen.hook = hook;
    seen.renders += 1;
    return createElement(Indicator, { status: hook.status });
  }
  const container = document.createElement('div');
  const root = createRoot(container);
  mounted.push(root);
  act(() => root.render(createElement(Host)));
  return {
    seen,
    get autosave(): Autosave {
      return seen.hook as Autosave;
    },
  };
}

/** Lets time pass on the fake clock, running the timers and the promises they start. */
const pass = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

/** One edit, then a pause as long as the debounce: the autosave starts. */
async function editThenPause(autosave: Autosave): Promise<void> {
  act(() => autosave.touched());
  await pass(AUTOSAVE_DEBOUNCE_MS);
}

/** A save the test finishes by hand, to act while it runs. */
function deferredSave() {
  const calls: { autosave: boolean; finish: (outcome: SaveOutcome) => void }[] = [];
  const save = vi.fn(
    (autosave: boolean) =>
      new Promise<SaveOutcome>((resolve) => {
        calls.push({ autosave, finish: resolve });
      }),
  );
  return { save, calls };
}

describe('useAutosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    for (const root of mounted.splice(0)) act(() => root.unmount());
    vi.useRealTimers();
  });

  it('saves once typing pauses; the indicator is painted when the state changes, nothing renders', async () => {
    const save = vi.fn(async () => 'saved' as const);
    const screen = mount(save);
    const rendersAtMount = screen.seen.renders;
    const indicatorRendersAtMount = screen.seen.indicatorRenders;
    expect(screen.seen.shown).toBe('clean');
    const touched = screen.autosave.touched;
    act(() => touched());
    expect(screen.autosave.status.get().state).toBe('pending');
    expect(screen.seen.shown).toBe('pending');
    const indicatorWhenPending = screen.seen.indicatorPaints;
    for (let i = 0; i < 5; i++) {
      await pass(100);
      act(() => touched());
    }
    // Typing: no paint per key, the same callback throughout, no save yet.
    expect(screen.seen.indicatorPaints).toBe(indicatorWhenPending);
    expect(screen.autosave.touched).toBe(touched);
    expect(save).not.toHaveBeenCalled();
    await pass(AUTOSAVE_DEBOUNCE_MS - 1);
    expect(save).not.toHaveBeenCalled();
    await pass(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith(true);
    expect(screen.autosave.status.get().state).toBe('clean');
    // pending → saving → clean was painted by the indicator, and neither it nor the screen rendered.
    expect(screen.seen.shown).toBe('clean');
    expect(screen.seen.indicatorPaints).toBe(indicatorWhenPending + 2);
    expect(screen.seen.indicatorRenders).toBe(indicatorRendersAtMount);
    expect(screen.seen.renders).toBe(rendersAtMount);
  });

  it('never waits more than the ceiling after the first unsaved change, however long the typing goes on', async () => {
    const save = vi.fn(async () => 'saved' as const);
    const screen = mount(save);
    act(() => screen.autosave.touched());
    let waited = 0;
    let keyAt = 0;
    while (save.mock.calls.length === 0 && waited < 10_000) {
      await pass(10);
      waited += 10;
      if (waited % 100 === 0) {
        act(() => screen.autosave.touched());
        keyAt = waited;
      }
    }
    // The first key past the ceiling starts the save, just after it is painted (a frame later, not at the next key).
    expect(keyAt).toBe(AUTOSAVE_MAX_WAIT_MS);
    expect(waited - keyAt).toBeLessThanOrEqual(20);
  });

  it('saves just after the ceiling when the typing stops before it, without waiting for a key', async () => {
    const save = vi.fn(async () => 'saved' as const);
    const screen = mount(save);
    for (let t = 0; t < AUTOSAVE_MAX_WAIT_MS - 100; t += 100) {
      act(() => screen.autosave.touched());
      await pass(100);
    }
    expect(save).not.toHaveBeenCalled();
    await pass(100 + AUTOSAVE_NEXT_KEY_MS);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('saves one at a time; a change made during a save stays pending and is saved after it', async () => {
    const { save, calls } = deferredSave();
    const screen = mount(save);
    await editThenPause(screen.autosave);
    expect(calls).toHaveLength(1);
    expect(screen.autosave.status.get().state).toBe('saving');
    // Typing on while the save is out, long enough for the next timer to fire: it waits for the first save.
    await editThenPause(screen.autosave);
    expect(calls).toHaveLength(1);
    await act(async () => calls[0]?.finish('saved'));
    // Not 'clean': the change made during the save is not in it.
    expect(screen.autosave.status.get().state).not.toBe('clean');
    await pass(0);
    expect(calls).toHaveLength(2);
    await act(async () => calls[1]?.finish('saved'));
    expect(screen.autosave.status.get().state).toBe('clean');
    await pass(AUTOSAVE_MAX_WAIT_MS * 2);
    expect(calls).toHaveLength(2);
  });

  it('is clean after a save that had no change made during it', async () => {
    const { save, calls } = deferredSave();
    const screen = mount(save);
    await editThenPause(screen.autosave);
    await act(async () => calls[0]?.finish('saved'));
    expect(screen.autosave.status.get().state).toBe('clean');
  });

  it('retries a failed save with growing delays, reports it, and never drops the change', async () => {
    const outcomes: SaveOutcome[] = ['retry', 'retry', 'retry', 'saved'];
    const save = vi.fn(async () => outcomes.shift() ?? 'saved');
    const screen = mount(save);
    await editThenPause(screen.autosave);
    expect(save).toHaveBeenCalledTimes(1);
    expect(screen.autosave.status.get().state).toBe('failed');
    expect(screen.autosave.status.get().retryIn).toBe(RETRY_DELAYS_S[0]);
    for (const [i, delay] of RETRY_DELAYS_S.slice(0, 3).entries()) {
      await pass(delay * 1000 - 1);
      expect(save).toHaveBeenCalledTimes(i + 1);
      await pass(1);
      expect(save).toHaveBeenCalledTimes(i + 2);
    }
    expect(screen.autosave.status.get().state).toBe('clean');
    expect(screen.autosave.status.get().retryIn).toBeNull();
  });

  it('stops retrying when the failure will not go away by itself', async () => {
    const save = vi.fn(async () => 'stop' as const);
    const screen = mount(save);
    await editThenPause(screen.autosave);
    expect(screen.autosave.status.get().state).toBe('failed');
    await pass(60_000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('flush saves at once, not as an autosave, and says whether everything is saved', async () => {
    const outcomes: SaveOutcome[] = ['saved', 'stop'];
    const save = vi.fn(async () => outcomes.shift() ?? 'saved');
    const screen = mount(save);
    act(() => screen.autosave.touched());
    let result: boolean | null = null;
    await act(async () => {
      result = await screen.autosave.flush();
    });
    expect(result).toBe(true);
    expect(save).toHaveBeenCalledWith(false);
    // The debounce armed by the key was cancelled by the flush.
    await pass(AUTOSAVE_MAX_WAIT_MS);
    expect(save).toHaveBeenCalledTimes(1);
    await act(async () => {
      result = await screen.autosave.flush();
    });
    expect(result).toBe(false);
  });
});
