/**
 * Issue 17's figures, in Chromium: typing latency in a 20,000-word report that holds 20 tables of 30 × 8 cells in the
 * real renderer against a bare Lexical editor with the same tables (bench/page/bare-lexical.ts registers the table
 * nodes and @lexical/table's plugin), and the longest time the window does not answer while a 5 MB Word paste
 * with tables comes in (Long Tasks, as e2e/browser/paste.spec.ts reads them for the plain 5 MB paste).
 */
import fs from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import type { BlockNodeJson, BodyDocument } from '../../shared/render/body-nodes';
import type { BenchContext } from '../lib/context';
import { block, bodyDocument, Writer } from '../lib/corpus';
import { BenchHost } from '../lib/host';
import { figure, fmt, log, msFigure, profileFile, stats, type Figure } from '../lib/measure';
import { Draw } from '../lib/random';
import {
  ARGS,
  bareEditorServer,
  CHROMIUM,
  INTERVAL_MS,
  KEYS,
  libraryInteractive,
  roundsSpread,
  signedInContext,
  logRound,
  sleep,
  typeInto,
  typeIntoBareEditor,
  type PageWindow,
  type Typed,
} from './browser';

const TABLES = 20;
const ROWS = 30;
const COLUMNS = 8;
const TITLE = 'Báo cáo số liệu hộ nghèo theo xã có bảng (bản gõ thử)';
const PASTE_TITLE = 'Dán báo cáo Word có bảng (bản thử)';
const PASTE_BYTES = 5_000_000;

const text = (value: string) => ({
  type: 'text',
  version: 1,
  text: value,
  format: 0,
  style: '',
  detail: 0,
  mode: 'normal',
});
const paragraph = (value: string) => block('paragraph', value ? [text(value)] : []);

/** A table as the editor stores it: a header row, then figures by commune. */
function table(index: number): BlockNodeJson {
  const cell = (value: string, headerState: number) => ({
    type: 'tablecell',
    version: 1,
    headerState,
    colSpan: 1,
    rowSpan: 1,
    format: '',
    indent: 0,
    direction: 'ltr',
    children: [paragraph(value)],
  });
  const rows = Array.from({ length: ROWS }, (_, row) => ({
    type: 'tablerow',
    version: 1,
    format: '',
    indent: 0,
    direction: 'ltr',
    children: Array.from({ length: COLUMNS }, (_, column) =>
      row === 0
        ? cell(column === 0 ? 'Xã, phường' : `Chỉ tiêu ${column}`, 1)
        : cell(column === 0 ? `Xã số ${row}` : String((index * 37 + row * 11 + column * 7) % 500), 0),
    ),
  }));
  return {
    type: 'table',
    version: 1,
    format: '',
    indent: 0,
    direction: 'ltr',
    children: rows,
    $: { caption: `Bảng ${index + 1}` },
  };
}

/** The 20,000-word report with its 20 tables spread evenly through it. */
function reportWithTables(): { doc: BodyDocument; words: number } {
  const { doc, words } = bodyDocument(new Writer(new Draw(17)), 20_000, { headingEvery: 12 });
  const blocks = doc.root.children;
  const step = Math.floor(blocks.length / (TABLES + 1));
  for (let i = TABLES; i >= 1; i--) blocks.splice(i * step, 0, table(i - 1));
  return { doc, words };
}

/** Word clipboard HTML of about `bytes`: paragraphs in Word's markup with a 30 × 8 Word table every 40 paragraphs. */
function wordPasteWithTables(bytes: number): { html: string; tables: number } {
  const paragraph = (i: number) =>
    `<p class=MsoNormal style='text-align:justify'><span style='font-size:13.0pt;font-family:"Times New Roman",serif'>Đoạn ${i}: Ủy ban nhân dân thị xã triển khai kế hoạch hỗ trợ hộ nghèo trên địa bàn các xã, phường.<o:p></o:p></span></p>\n`;
  const wordTable = (n: number) => {
    let rows = '';
    for (let r = 0; r < ROWS; r++) {
      let cells = '';
      for (let c = 0; c < COLUMNS; c++)
        cells += `<td width=80 valign=top style='border:solid windowtext 1.0pt;padding:0cm 5.4pt'><p class=MsoNormal><span style='font-size:12.0pt'>${r === 0 ? `Cột ${c + 1}` : (n * 13 + r * c) % 997}<o:p></o:p></span></p></td>`;
      rows += `<tr style='mso-yfti-irow:${r}'>${cells}</tr>`;
    }
    return `<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;mso-yfti-tbllook:1184'>${rows}</table>\n`;
  };
  let html = '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><!--StartFragment-->';
  let count = 0;
  let tables = 0;
  while (html.length < bytes) {
    html += paragraph(++count);
    if (count % 40 === 0) html += wordTable(++tables);
  }
  return { html: `${html}<!--EndFragment--></body></html>`, tables };
}

async function typingWithTables(ctx: BenchContext, browser: Browser): Promise<Figure> {
  const { doc, words } = reportWithTables();
  const bodyJson = JSON.stringify(doc);
  const created = await ctx.core.invoke('articles.create', { title: TITLE, bodyJson }, { sessionToken: ctx.session });
  if (!created.ok) throw new Error(`articles.create: ${created.error.messageEn}`);
  const rounds = ctx.quick ? 3 : 5;
  const warmup = 12;
  const keys = ctx.quick ? KEYS.slice(0, 60) : KEYS;
  const real: Typed[] = [];
  const bare: Typed[] = [];
  const server = await bareEditorServer(bodyJson);
  const host = new BenchHost(ctx.dataDir, ctx.renderer);
  try {
    await host.start();
    for (let round = 0; round < rounds; round++) {
      const context = await signedInContext(browser, ctx.session);
      const page = await context.newPage();
      await page.goto(host.url);
      await page.waitForFunction(libraryInteractive, undefined, { polling: 'raf', timeout: 60_000 });
      await page.getByLabel('Tìm kiếm bài viết').fill('ban go thu bang');
      await page.locator('.article-row .row-main', { hasText: 'có bảng' }).first().click();
      await page.waitForFunction(
        () => (globalThis as unknown as PageWindow).document.querySelectorAll('.editor-content table').length >= 20,
        undefined,
        { timeout: 60_000 },
      );
      await sleep(500);
      real.push(await typeInto(page, '.editor-content', keys, warmup, `tables-typing-renderer-${round + 1}`));
      await context.close();

      bare.push(await typeIntoBareEditor(browser, server.url, keys, warmup, `tables-typing-bare-${round + 1}`));
      logRound(round, real, bare);
    }
  } finally {
    await host.stop();
    await server.close();
  }
  const realStats = stats(real.flatMap((t) => t.samples));
  const bareStats = stats(bare.flatMap((t) => t.samples));
  return msFigure(
    `typing latency, ${words.toLocaleString('en-US')}-word report with ${TABLES} tables of ${ROWS} × ${COLUMNS} p95`,
    realStats.p95,
    { value: bareStats.p95, of: 'bare Lexical rich-text with @lexical/table, same document' },
    { text: '≤ 1.2× bare', maxRatio: 1.2 },
    `keydown.timeStamp → rAF + setTimeout(0), ${realStats.runs} keys (one every ${INTERVAL_MS} ms) into the middle paragraph; p50 ${fmt(realStats.p50)} vs ${fmt(bareStats.p50)} ms.`,
    roundsSpread(real),
  );
}

async function wordPaste(ctx: BenchContext, browser: Browser): Promise<Figure> {
  const { html, tables } = wordPasteWithTables(PASTE_BYTES);
  const host = new BenchHost(ctx.dataDir, ctx.renderer);
  const context = await signedInContext(browser, ctx.session);
  try {
    await host.start();
    const page = await context.newPage();
    await page.goto(host.url);
    await page.waitForFunction(libraryInteractive, undefined, { polling: 'raf', timeout: 60_000 });
    await page.keyboard.press('Control+n');
    await page.getByRole('textbox', { name: 'Tiêu đề', exact: true }).fill(PASTE_TITLE);
    await page.locator('.editor-content').click();
    await page.evaluate(() => {
      const page = globalThis as unknown as {
        PerformanceObserver: new (callback: (list: { getEntries(): { duration: number }[] }) => void) => {
          observe(options: object): void;
        };
        longTasks: number[];
      };
      const tasks: number[] = [];
      new page.PerformanceObserver((list) => tasks.push(...list.getEntries().map((entry) => entry.duration))).observe({
        type: 'longtask',
      });
      page.longTasks = tasks;
    });
    // With --profile: the paste under Chromium's V8 profiler, from the paste event until the last table is in.
    const profile = profileFile('tables-paste');
    const cdp = profile ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    await page.evaluate((markup) => {
      const page = globalThis as unknown as {
        DataTransfer: new () => { setData(type: string, value: string): void };
        ClipboardEvent: new (type: string, init: object) => object;
        document: { activeElement: { dispatchEvent(event: object): void } | null };
      };
      const data = new page.DataTransfer();
      data.setData('text/html', markup);
      page.document.activeElement?.dispatchEvent(
        new page.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, html);
    await page.waitForFunction(
      (count) =>
        (globalThis as unknown as PageWindow).document.querySelectorAll('.editor-content table').length >= count,
      tables,
      { timeout: 120_000, polling: 500 },
    );
    await sleep(1000);
    if (cdp && profile) {
      const { profile: taken } = await cdp.send('Profiler.stop');
      fs.writeFileSync(profile, JSON.stringify(taken));
      await cdp.detach();
    }
    const longTasks = await page.evaluate(() => (globalThis as unknown as { longTasks: number[] }).longTasks);
    const longest = Math.max(0, ...longTasks);
    log(
      `  ${(html.length / 1e6).toFixed(1)} MB of Word HTML with ${tables} tables: longest long task ${fmt(longest)} ms`,
    );
    return figure({
      figure: `5 MB Word paste with ${tables} tables: longest time the window does not answer`,
      value: longest / 1000,
      unit: 's',
      goal: { text: '≤ 1 s', maxValue: 1 },
      note: `Long Tasks observed from the paste event until all ${tables} tables are in the editor; ${longTasks.length} long tasks in all.`,
    });
  } finally {
    await context.close();
    await host.stop();
  }
}

export async function tableFigures(ctx: BenchContext): Promise<Figure[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    return [await typingWithTables(ctx, browser), await wordPaste(ctx, browser)];
  } finally {
    await browser.close();
  }
}
