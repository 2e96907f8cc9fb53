/**
 * In Chromium (Debian's, through Playwright): the browser-mode host's cold start to an interactive library and its
 * peak RSS; typing latency in a 20,000-word article in the real renderer against a bare Lexical editor.
 *
 * Typing latency is measured in the page: a capturing keydown listener takes the event's timeStamp (when the input
 * reached the renderer), then requestAnimationFrame + setTimeout(0) marks the end of the frame that follows the
 * key's handling (the callback runs in the task after that frame's rendering). An Event Timing observer
 * (PerformanceObserver 'event', threshold 16 ms) counts the keydowns the browser itself saw take a frame or more.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { bodyDocument, Writer } from '../lib/corpus';
import type { BenchContext } from '../lib/context';
import { BenchHost } from '../lib/host';
import { figure, fmt, log, msFigure, profileFile, stats, type Figure } from '../lib/measure';
import { Draw } from '../lib/random';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const TYPING_TITLE = 'Báo cáo tổng kết công tác phòng chống thiên tai và tìm kiếm cứu nạn (bản gõ thử)';
/** Typed as keys (ASCII: a Telex typist's raw keys), one every INTERVAL_MS. */
export const KEYS = 'cong tac phong chong thien tai va tim kiem cuu nan nam nay dat ket qua tot ';
export const INTERVAL_MS = 90;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The few browser objects the in-page functions below use (this project is type-checked without the DOM library). */
interface PageElement {
  textContent: string | null;
  scrollIntoView(options: object): void;
}
export interface PageWindow {
  document: {
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): ArrayLike<PageElement>;
  };
  addEventListener(type: 'keydown', listener: (event: { timeStamp: number }) => void, capture: boolean): void;
  requestAnimationFrame(callback: () => void): number;
  PerformanceObserver: new (callback: (list: { getEntries(): { name: string; duration: number }[] }) => void) => {
    observe(options: object): void;
  };
  __bench?: Typed & { observed: boolean };
  __benchReady?: boolean;
  __benchError?: string;
}

/** The library is interactive: its first row can be clicked and its count is shown. */
export function libraryInteractive(): boolean {
  const { document } = globalThis as unknown as PageWindow;
  const count = document.querySelector('.screen-count');
  return (
    document.querySelector('.article-row .row-main') !== null && count !== null && /\d/.test(count.textContent ?? '')
  );
}

/** Whether the library's count is (or is no longer) the text given. */
function countIs([equal, text]: readonly [boolean, string | null]): boolean {
  return (
    ((globalThis as unknown as PageWindow).document.querySelector('.screen-count')?.textContent === text) === equal
  );
}

function installMeasure(): void {
  const page = globalThis as unknown as PageWindow;
  const bench: Typed & { observed: boolean } = { samples: [], slowEvents: [], observed: false };
  page.__bench = bench;
  page.addEventListener(
    'keydown',
    (event) => {
      const start = event.timeStamp;
      page.requestAnimationFrame(() => setTimeout(() => bench.samples.push(performance.now() - start), 0));
    },
    true,
  );
  try {
    new page.PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name === 'keydown') bench.slowEvents.push(entry.duration);
    }).observe({ type: 'event', durationThreshold: 16 });
    bench.observed = true;
  } catch {
    // No Event Timing: the rAF measure stands alone.
  }
}

export interface Typed {
  samples: number[];
  slowEvents: number[];
}

/** Puts the caret at the end of the middle paragraph of the editor, then types `keys`, one key every INTERVAL_MS. */
export async function typeInto(
  page: Page,
  editor: string,
  keys: string,
  warmup: number,
  profileName: string,
): Promise<Typed> {
  const middle = await page.evaluate((selector) => {
    const paragraphs = (globalThis as unknown as PageWindow).document.querySelectorAll(selector);
    const i = Math.floor(paragraphs.length / 2);
    paragraphs[i]?.scrollIntoView({ block: 'center' });
    return i;
  }, `${editor} p`);
  await page.locator(`${editor} p`).nth(middle).click();
  await page.keyboard.press('End');
  await page.evaluate(installMeasure);
  // With --profile: the renderer's main thread under the V8 profiler while typing (Chromium's own, over CDP).
  const profile = profileFile(profileName);
  const cdp = profile ? await page.context().newCDPSession(page) : null;
  const browser = page.context().browser();
  if (cdp && browser) {
    // And a Chromium trace of the same keys (style, layout, paint: what a V8 profile shows only as '(program)').
    await browser.startTracing(page, { categories: ['devtools.timeline', 'blink', 'v8.execute'] });
  }
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  for (const key of keys) {
    const t0 = performance.now();
    await page.keyboard.type(key);
    const rest = INTERVAL_MS - (performance.now() - t0);
    if (rest > 0) await sleep(rest);
  }
  await sleep(500);
  if (cdp && profile) {
    const { profile: taken } = await cdp.send('Profiler.stop');
    fs.writeFileSync(profile, JSON.stringify(taken));
    await cdp.detach();
    if (browser) fs.writeFileSync(profile.replace(/\.cpuprofile$/, '.trace.json'), await browser.stopTracing());
  }
  const measured = await page.evaluate(() => (globalThis as unknown as PageWindow).__bench as Typed);
  return { samples: measured.samples.slice(warmup), slowEvents: measured.slowEvents };
}

/** A page that serves the bare editor, its bundle and the document. */
export async function bareEditorServer(docJson: string): Promise<{ url: string; close(): Promise<void> }> {
  const bundle = fs.readFileSync(fileURLToPath(new URL('./bare-lexical.js', import.meta.url)));
  // contenteditable is the page's to set (Lexical's React ContentEditable does it in the app): without it the keys
  // insert nothing and the baseline measures a key that does no work.
  const html = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Lexical</title>
<style>body{margin:0;font:16px/1.6 Arial,sans-serif;color:#1f1f1f}#editor{max-width:820px;margin:24px auto;padding:16px;outline:none;white-space:pre-wrap}</style>
</head><body><div id="editor" contenteditable="true" spellcheck="true" lang="vi" aria-label="Nội dung"></div><script src="bare-lexical.js"></script></body></html>`;
  const server = http.createServer((request, response) => {
    const [type, body] =
      request.url === '/bare-lexical.js'
        ? ['text/javascript', bundle]
        : request.url === '/doc.json'
          ? ['application/json', docJson]
          : ['text/html; charset=utf-8', html];
    response.writeHead(200, { 'Content-Type': type });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function signedInContext(browser: Browser, session: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: 'vi-VN' });
  // The tab holds the administrator's session already, as after a sign-in (sessions live in the database).
  await context.addInitScript(`sessionStorage.setItem('toasoan.session', ${JSON.stringify(session)})`);
  return context;
}

async function coldStarts(ctx: BenchContext, browser: Browser): Promise<Figure[]> {
  const runs = ctx.quick ? 2 : 5;
  const interactive: number[] = [];
  const listening: number[] = [];
  let peak = 0;
  for (let run = 0; run <= runs; run++) {
    const context = await signedInContext(browser, ctx.session);
    const page = await context.newPage();
    const host = new BenchHost(ctx.dataDir, ctx.renderer);
    try {
      await host.start();
      await page.goto(host.url);
      await page.waitForFunction(libraryInteractive, undefined, { polling: 'raf', timeout: 60_000 });
      const ready = performance.now() - host.spawnedAt;
      // Then what one does first: a search, and back to the whole library.
      const count = page.locator('.screen-count');
      const before = await count.textContent();
      await page.getByLabel('Tìm kiếm bài viết').fill('duong giao thong');
      await page.waitForFunction(countIs, [false, before] as const, { timeout: 30_000 });
      await page.getByLabel('Tìm kiếm bài viết').fill('');
      await page.waitForFunction(countIs, [true, before] as const, { timeout: 30_000 });
      const rss = host.peakRssMiB() ?? NaN;
      log(
        `  ${run === 0 ? 'warm-up' : `run ${run}`}: listening ${fmt(host.listeningAt - host.spawnedAt)} ms, library interactive ${fmt(ready)} ms, host peak RSS ${fmt(rss)} MiB`,
      );
      if (run > 0) {
        interactive.push(ready);
        listening.push(host.listeningAt - host.spawnedAt);
      }
      peak = Math.max(peak, rss);
    } finally {
      await host.stop();
      await context.close();
    }
  }
  const cold = stats(interactive);
  const coldSpread = { min: Math.min(...interactive) / 1000, max: Math.max(...interactive) / 1000 };
  const n = ctx.corpus.articles.toLocaleString('en-US');
  return [
    figure({
      figure: `cold start to interactive library, ${n} articles`,
      value: cold.p50 / 1000,
      unit: 's',
      goal: { text: '≤ 1.0 s', maxValue: 1.0 },
      spread: coldSpread,
      note: `spawn of node dist/host/serve.mjs --data DIR until the first row and the count are on screen in a fresh, signed-in Chromium tab; p50 of ${cold.runs} after a warm-up (max ${fmt(Math.max(...interactive) / 1000)} s); listening after ${fmt(stats(listening).p50)} ms. The database is in the OS page cache (warm disk).`,
    }),
    figure({
      figure: 'host peak RSS',
      value: peak,
      unit: 'MB',
      goal: { text: '≤ 400 MB', maxValue: 400 },
      note: `VmHWM (MiB) of the host process over each cold start and a search in the library, highest of ${runs + 1} starts.`,
    }),
  ];
}

/** The same keys typed into the bare editor served at `url`, in a fresh context of the same browser. */
export async function typeIntoBareEditor(
  browser: Browser,
  url: string,
  keys: string,
  warmup: number,
  profileName: string,
): Promise<Typed> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: 'vi-VN' });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(
      () => {
        const page = globalThis as unknown as PageWindow;
        return page.__benchReady === true || page.__benchError !== undefined;
      },
      undefined,
      { timeout: 60_000 },
    );
    const error = await page.evaluate(() => (globalThis as unknown as PageWindow).__benchError);
    if (error) throw new Error(`bare editor: ${String(error)}`);
    await sleep(500);
    return await typeInto(page, '#editor', keys, warmup, profileName);
  } finally {
    await context.close();
  }
}

/** One line per round: the latest real and bare p50 and p95. */
export function logRound(round: number, real: Typed[], bare: Typed[]): void {
  const last = (list: Typed[]) => stats((list[list.length - 1] as Typed).samples);
  log(
    `  round ${round + 1}: real renderer p50 ${fmt(last(real).p50)} ms p95 ${fmt(last(real).p95)} ms; bare Lexical p50 ${fmt(last(bare).p50)} ms p95 ${fmt(last(bare).p95)} ms`,
  );
}

/** The lowest and highest p95 of the typing rounds. */
export function roundsSpread(rounds: readonly Typed[]): { min: number; max: number } {
  const perRound = rounds.map((round) => stats(round.samples).p95);
  return { min: Math.min(...perRound), max: Math.max(...perRound) };
}

async function typing(ctx: BenchContext, browser: Browser): Promise<Figure[]> {
  const { doc, words } = bodyDocument(new Writer(new Draw(7)), 20_000, { headingEvery: 12 });
  const bodyJson = JSON.stringify(doc);
  /**
   * A copy of the document for each round of the real renderer: its keys are saved, and a round typing into the
   * copy the round before grew would lay out a longer paragraph than the bare editor, which always starts afresh.
   * The library's search lists the newest article first.
   */
  const freshCopy = async () => {
    const created = await ctx.core.invoke(
      'articles.create',
      { title: TYPING_TITLE, bodyJson },
      { sessionToken: ctx.session },
    );
    if (!created.ok) throw new Error(`articles.create: ${created.error.messageEn}`);
  };
  // Rounds alternate the real renderer and the bare editor, so both see the same machine; the spread is per round.
  const rounds = ctx.quick ? 5 : 7;
  const warmup = 12;
  const keys = ctx.quick ? KEYS.slice(0, 60) : KEYS;
  const real: Typed[] = [];
  const bare: Typed[] = [];
  let hostRss = NaN;
  const server = await bareEditorServer(bodyJson);
  const host = new BenchHost(ctx.dataDir, ctx.renderer);
  try {
    await host.start();
    for (let round = 0; round < rounds; round++) {
      // The real renderer: the library, a search for the article, the article screen with the editor.
      await freshCopy();
      const context = await signedInContext(browser, ctx.session);
      const page = await context.newPage();
      await page.goto(host.url);
      await page.waitForFunction(libraryInteractive, undefined, { polling: 'raf', timeout: 60_000 });
      await page.getByLabel('Tìm kiếm bài viết').fill('ban go thu phong chong thien tai');
      await page.locator('.article-row .row-main', { hasText: 'bản gõ thử' }).first().click();
      await page.waitForFunction(
        () => (globalThis as unknown as PageWindow).document.querySelectorAll('.editor-content p').length > 200,
        undefined,
        { timeout: 60_000 },
      );
      await sleep(500);
      real.push(await typeInto(page, '.editor-content', keys, warmup, `typing-renderer-${round + 1}`));
      hostRss = host.peakRssMiB() ?? NaN;
      await context.close();

      // The bare editor on the same document, in the same browser.
      bare.push(await typeIntoBareEditor(browser, server.url, keys, warmup, `typing-bare-lexical-${round + 1}`));
      logRound(round, real, bare);
    }
  } finally {
    await host.stop();
    await server.close();
  }
  const realStats = stats(real.flatMap((t) => t.samples));
  const bareStats = stats(bare.flatMap((t) => t.samples));
  const slow = (list: Typed[]) => list.reduce((n, t) => n + t.slowEvents.length, 0);
  const note =
    `keydown.timeStamp → rAF + setTimeout(0) in the page, ${realStats.runs} keys (one every ${INTERVAL_MS} ms, ${warmup} warm-up keys a round) into the middle of a ${words.toLocaleString('en-US')}-word article; ` +
    `p50 ${fmt(realStats.p50)} vs ${fmt(bareStats.p50)} ms; Event Timing saw ${slow(real)} vs ${slow(bare)} keydowns of 16 ms or more; host peak RSS while typing (autosaves) ${fmt(hostRss)} MiB.`;
  const baseline = { value: bareStats.p95, of: 'bare Lexical rich-text, same document' };
  return [
    msFigure(
      'typing latency, 20,000-word article p95',
      realStats.p95,
      baseline,
      { text: '≤ 1.15× bare, ≤ 16 ms', maxRatio: 1.15, maxValue: 16 },
      note,
      roundsSpread(real),
    ),
  ];
}

export async function browserFigures(ctx: BenchContext, which: { cold: boolean; typing: boolean }): Promise<Figure[]> {
  if (!fs.existsSync(fileURLToPath(new URL('../renderer/index.html', import.meta.url))))
    throw new Error('dist/renderer is missing: run node scripts/build.mjs');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    return [...(which.cold ? await coldStarts(ctx, browser) : []), ...(which.typing ? await typing(ctx, browser) : [])];
  } finally {
    await browser.close();
  }
}
