/** Timing: warm-up, then several runs, p50/p95; and the figures the bench reports. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

export interface Stats {
  p50: number;
  p95: number;
  runs: number;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;

export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), runs: sorted.length };
}

/**
 * Writes the OS's dirty pages out (sync), so a case does not pay for the writeback of the one before it: a build
 * leaves tens of MiB behind, and every fsync of the next case would wait for them.
 */
export function settleDisk(): void {
  spawnSync('sync');
}

/** Where --profile writes CPU profiles (null: not profiling). */
let profileDir: string | null = null;

export function profileInto(dir: string | null): void {
  profileDir = dir;
  if (dir) fs.mkdirSync(dir, { recursive: true });
}

/** The file a profile of this name goes to, or null when not profiling. */
export function profileFile(name: string): string | null {
  return profileDir ? path.join(profileDir, `${name}.cpuprofile`) : null;
}

/**
 * Runs `work`; with --profile, under the V8 CPU profiler, written to <dir>/<name>.cpuprofile (open it in Chromium's
 * DevTools, or summarise it with `node bench/cpuprofile-top.mjs FILE`).
 */
export async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (!profileDir) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(profileFile(name) as string, JSON.stringify(profile));
    session.disconnect();
  }
}

export interface RunPlan {
  /** Iterations thrown away first (JIT, statement caches, the OS page cache). */
  warmup: number;
  /** Iterations measured (fewer when `budgetMs` runs out, never fewer than `minRuns`). */
  runs: number;
  minRuns?: number;
  /** Measuring time for this case; 0: no cap. */
  budgetMs?: number;
}

/**
 * Runs `step` warm-up + runs times and answers the measured durations in ms. `step` may answer its own duration
 * (when only part of it is the thing measured); otherwise the whole call is timed.
 */
export async function sample(
  plan: RunPlan,
  step: (i: number) => Promise<number | void> | number | void,
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < plan.warmup; i++) await step(i);
  const started = performance.now();
  const minRuns = Math.min(plan.runs, plan.minRuns ?? plan.runs);
  for (let i = 0; i < plan.runs; i++) {
    if (plan.budgetMs && i >= minRuns && performance.now() - started > plan.budgetMs) break;
    const t0 = performance.now();
    const own = await step(plan.warmup + i);
    samples.push(typeof own === 'number' ? own : performance.now() - t0);
  }
  return samples;
}

// ---------------------------------------------------------------------------------------------- figures

export type Unit = 'ms' | 's' | 'MB' | '×';

export interface Figure {
  /** Which of the figures, e.g. 'search p95'. */
  figure: string;
  value: number;
  unit: Unit;
  /** The baseline measured in the same run, in the same unit (null where the goal is absolute). */
  baseline: number | null;
  /** What the baseline is. */
  baselineOf: string | null;
  /** value / baseline. */
  ratio: number | null;
  /** The goal as the issue states it. */
  goal: string;
  met: boolean;
  /** The figure's lowest and highest value over the rounds it was measured in (null: measured as one round). */
  spread: { min: number; max: number } | null;
  /** How it was measured, what it ran on (runs, sizes), or why it is not what it seems. */
  note: string;
}

export interface FigureInput {
  figure: string;
  value: number;
  unit: Unit;
  baseline?: { value: number; of: string } | null;
  goal: { text: string; maxRatio?: number; maxValue?: number };
  note: string;
  spread?: { min: number; max: number } | null;
}

/** A figure with its ratio and whether it meets its goal (every bound the goal gives must hold). */
export function figure(input: FigureInput): Figure {
  const baseline = input.baseline ?? null;
  const ratio = baseline && baseline.value > 0 ? input.value / baseline.value : null;
  const withinRatio = input.goal.maxRatio === undefined || (ratio !== null && ratio <= input.goal.maxRatio);
  const withinValue = input.goal.maxValue === undefined || input.value <= input.goal.maxValue;
  return {
    figure: input.figure,
    value: round(input.value),
    unit: input.unit,
    baseline: baseline ? round(baseline.value) : null,
    baselineOf: baseline?.of ?? null,
    ratio: ratio === null ? null : Math.round(ratio * 100) / 100,
    goal: input.goal.text,
    met: Number.isFinite(input.value) && withinRatio && withinValue,
    spread: input.spread ? { min: round(input.spread.min), max: round(input.spread.max) } : null,
    note: input.note,
  };
}

/** A figure in milliseconds (most of them). */
export function msFigure(
  name: string,
  value: number,
  baseline: FigureInput['baseline'],
  goal: FigureInput['goal'],
  note: string,
  spread: FigureInput['spread'] = null,
): Figure {
  return figure({ figure: name, value, unit: 'ms', baseline, goal, note, spread });
}

/** The p95 of each round of samples, as the spread of a p95 figure (rounds of equal size, in measuring order). */
export function p95Spread(samples: readonly number[], rounds: number): { min: number; max: number } {
  const size = Math.max(1, Math.floor(samples.length / rounds));
  const perRound: number[] = [];
  for (let start = 0; start + size <= samples.length; start += size)
    perRound.push(stats(samples.slice(start, start + size)).p95);
  return { min: Math.min(...perRound), max: Math.max(...perRound) };
}

function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  return Math.abs(value) >= 100 ? Math.round(value * 10) / 10 : Math.round(value * 1000) / 1000;
}

// ---------------------------------------------------------------------------------------------- printing

export const fmt = (value: number) =>
  !Number.isFinite(value)
    ? String(value)
    : value < 10
      ? value.toFixed(2)
      : value < 100
        ? value.toFixed(1)
        : value.toFixed(0);

export function table(headers: string[], rows: string[][], rightAligned: ReadonlySet<number>): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function figuresTable(figures: readonly Figure[]): string {
  return table(
    ['figure', 'value', 'spread', 'baseline', 'ratio', 'goal', 'met'],
    figures.map((f) => [
      f.figure,
      `${fmt(f.value)} ${f.unit}`,
      f.spread === null ? '' : `${fmt(f.spread.min)}–${fmt(f.spread.max)}`,
      f.baseline === null ? '' : `${fmt(f.baseline)} ${f.unit} (${f.baselineOf ?? ''})`,
      f.ratio === null ? '' : `${f.ratio.toFixed(2)}×`,
      f.goal,
      f.met ? 'yes' : 'NO',
    ]),
    new Set([1, 2, 4]),
  );
}

export const log = (line = '') => console.log(line);
