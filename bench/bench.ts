/**
 * Library and search benchmark: N generated Vietnamese articles, then the same reads through the core's
 * invoke (validation, handler, output check — the path a UI call takes) and as raw SQL on a second
 * better-sqlite3 connection to the same file. A report, never a test: nothing here asserts a timing.
 *
 *   npm run bench -- [--articles N] [--runs R] [--budget SECONDS] [--keep]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pkg from '../package.json';
import type { ArticleStatus } from '../shared/contract/articles';
import { createCore, type Core } from '../electron/core/core';
import { DATABASE_FILE, openDatabase, type Db } from '../electron/core/db/database';
import { createArticle, setTrashed } from '../electron/core/store/articles';
import { createCategory } from '../electron/core/store/categories';

// ---------------------------------------------------------------------------------------------- options

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a positive integer (got ${value})`);
    process.exit(2);
  }
  return n;
}

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string' },
    runs: { type: 'string' },
    budget: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
  allowPositionals: false,
});
const ARTICLES = positiveInt(args.articles, 100_000, 'articles');
const RUNS = positiveInt(args.runs, 200, 'runs');
const KEEP = args.keep === true;
/** Seconds of measuring per case; a case slower than budget/runs gets fewer runs (never fewer than MIN_RUNS). 0: no cap. */
const BUDGET_S = args.budget === undefined ? 10 : Number(args.budget);
if (!Number.isFinite(BUDGET_S) || BUDGET_S < 0) {
  console.error(`--budget must be a number of seconds, 0 for none (got ${args.budget})`);
  process.exit(2);
}
const MIN_RUNS = Math.min(RUNS, 30);
const WARMUP = Math.max(3, Math.min(20, Math.ceil(RUNS / 10)));
const WARMUP_MAX_MS = 1500;
const BATCH = 10_000;

// ---------------------------------------------------------------------------------------------- random

/** mulberry32: a small seeded PRNG, so every run generates the same library. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20230323);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
function pick<T>(list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}
function weighted<T>(entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, w] of entries) {
    r -= w;
    if (r < 0) return value;
  }
  return (entries[entries.length - 1] as readonly [T, number])[0];
}

// ---------------------------------------------------------------------------------------------- vocabulary

const CATEGORIES = [
  'Tin tức - Sự kiện',
  'Chính trị',
  'Kinh tế',
  'Văn hóa - Xã hội',
  'Quốc phòng - An ninh',
  'Thông báo',
  'Cải cách hành chính',
  'Xây dựng nông thôn mới',
] as const;
const CATEGORY_WEIGHTS = [30, 10, 14, 16, 8, 10, 6, 6];

const STATUSES: readonly (readonly [ArticleStatus, number])[] = [
  ['published', 60],
  ['draft', 12],
  ['pending_review', 8],
  ['returned', 3],
  ['approved', 5],
  ['scheduled', 2],
  ['unpublished', 10],
];

const PLACES = [
  'thị xã Giá Rai', 'tỉnh Bạc Liêu', 'phường 1', 'phường Hộ Phòng', 'phường Láng Tròn', 'xã Phong Thạnh',
  'xã Phong Thạnh Đông', 'xã Phong Thạnh Tây', 'xã Phong Tân', 'xã Tân Phong', 'xã Tân Thạnh', 'khóm 1',
  'khóm 2', 'ấp Khúc Tréo', 'ấp 4', 'huyện Đông Hải', 'huyện Hồng Dân', 'huyện Phước Long', 'huyện Vĩnh Lợi',
  'huyện Hòa Bình', 'thành phố Bạc Liêu',
];
const BODIES = [
  'Ủy ban nhân dân thị xã', 'UBND phường', 'UBND xã', 'Hội đồng nhân dân thị xã', 'Ủy ban Mặt trận Tổ quốc Việt Nam',
  'Thị đoàn', 'Hội Nông dân', 'Hội Liên hiệp Phụ nữ', 'Hội Cựu chiến binh', 'Phòng Lao động - Thương binh và Xã hội',
  'Phòng Tài nguyên và Môi trường', 'Phòng Kinh tế', 'Phòng Quản lý đô thị', 'Phòng Văn hóa và Thông tin',
  'Phòng Giáo dục và Đào tạo', 'Công an thị xã', 'Ban Chỉ huy Quân sự thị xã', 'Trung tâm Y tế', 'Chi cục Thuế',
  'Phòng giao dịch Ngân hàng Chính sách xã hội', 'Ban Quản lý dự án', 'Trung tâm Văn hóa - Thể thao',
];
const ACTIONS = [
  'triển khai', 'tổ chức', 'kiểm tra', 'tổng kết', 'sơ kết', 'hỗ trợ', 'ra quân', 'bàn giao', 'khởi công',
  'nghiệm thu', 'tuyên truyền', 'phát động', 'trao tặng', 'rà soát', 'đẩy mạnh', 'thông qua', 'giám sát', 'tập huấn',
];
const TOPICS = [
  'đường giao thông nông thôn', 'nhà đại đoàn kết cho hộ nghèo', 'kế hoạch phát triển kinh tế - xã hội',
  'cải cách hành chính', 'chuyển đổi số', 'phòng, chống dịch sốt xuất huyết', 'bảo hiểm y tế học sinh',
  'nước sạch nông thôn', 'xây dựng nông thôn mới nâng cao', 'mô hình nuôi tôm siêu thâm canh', 'mô hình lúa - tôm',
  'an toàn giao thông', 'phòng cháy, chữa cháy', 'tuyển chọn và gọi công dân nhập ngũ', 'giảm nghèo bền vững',
  'quà Tết cho hộ nghèo, hộ cận nghèo', 'vốn vay giải quyết việc làm', 'quản lý đất đai', 'tiếp công dân',
  'phổ cập giáo dục', 'tiêm chủng mở rộng', 'chỉnh trang đô thị', 'đê biển Đông', 'hệ thống thủy lợi',
  'dạy nghề cho lao động nông thôn', 'chi trả trợ cấp xã hội', 'điều tra hộ nghèo, hộ cận nghèo', 'bầu cử',
  'ngày hội đại đoàn kết toàn dân tộc', 'phong trào toàn dân đoàn kết xây dựng đời sống văn hóa', 'cấp đổi căn cước',
  'dịch vụ công trực tuyến', 'bình ổn giá thị trường', 'phòng, chống thiên tai', 'hỗ trợ sinh kế',
];
const TIMES = [
  'năm 2023', 'năm 2024', 'năm 2025', 'quý I/2024', 'quý II/2024', 'quý III/2024', '6 tháng đầu năm 2024',
  '9 tháng năm 2023', 'tháng 3/2024', 'giai đoạn 2021 - 2025', 'nhiệm kỳ 2020 - 2025', 'đợt 1 năm 2024',
  'đợt 2 năm 2023', 'dịp Tết Nguyên đán Giáp Thìn', 'mùa khô 2024',
];
const PEOPLE_FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Tô'];
const PEOPLE_MIDDLE = ['Văn', 'Thị', 'Minh', 'Thanh', 'Hoàng', 'Ngọc', 'Quốc', 'Cẩm', 'Hữu', 'Thành'];
const PEOPLE_GIVEN = ['Tú', 'Hùng', 'Lan', 'Phương', 'Dũng', 'Hạnh', 'Tâm', 'Khoa', 'Nhân', 'Trí', 'Thảo', 'Vy', 'Đức', 'Nghĩa'];
const DEPARTMENTS = [
  'Ban Biên tập', 'Văn phòng HĐND và UBND thị xã', 'Phòng Văn hóa và Thông tin', 'Trung tâm Văn hóa - Thể thao',
  'Đài Truyền thanh', 'Phòng Lao động - Thương binh và Xã hội', 'UBND phường 1', 'UBND xã Phong Thạnh',
];
const RARE = 'mô hình nuôi nghêu thương phẩm';

const AUTHORS = Array.from({ length: 40 }, () => `${pick(PEOPLE_FAMILY)} ${pick(PEOPLE_MIDDLE)} ${pick(PEOPLE_GIVEN)}`);
const numberVi = new Intl.NumberFormat('vi-VN');
const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function title(rare: boolean): string {
  const topic = rare ? RARE : pick(TOPICS);
  switch (int(0, 5)) {
    case 0:
      return `${pick(BODIES)} ${pick(ACTIONS)} ${topic} ${pick(TIMES)}`;
    case 1:
      return `${capitalise(pick(PLACES))}: ${pick(ACTIONS)} ${topic} ${pick(TIMES)}`;
    case 2:
      return `Thông báo về việc ${pick(ACTIONS)} ${topic} tại ${pick(PLACES)}`;
    case 3:
      return `Hội nghị ${pick(ACTIONS)} ${topic} ${pick(TIMES)} của ${pick(BODIES)}`;
    case 4:
      return `${capitalise(topic)} tại ${pick(PLACES)}: kết quả ${pick(TIMES)}`;
    default:
      return `${pick(BODIES)} ${pick(PLACES)} ${pick(ACTIONS)} ${topic}`;
  }
}

function sentence(rare: boolean): string {
  const topic = rare && random() < 0.5 ? RARE : pick(TOPICS);
  switch (int(0, 6)) {
    case 0:
      return `Ngày ${int(1, 28)}/${int(1, 12)}, ${pick(BODIES)} ${pick(PLACES)} đã ${pick(ACTIONS)} ${topic}.`;
    case 1:
      return `Toàn ${pick(['thị xã', 'phường', 'xã'])} hiện có ${numberVi.format(int(100, 2500))} hộ nghèo và ${numberVi.format(int(100, 3000))} hộ cận nghèo, giảm ${int(1, 9)},${int(0, 9)}% so với cùng kỳ.`;
    case 2:
      return `Công trình ${pick(['đường giao thông nông thôn', 'cầu bê tông', 'trường mầm non', 'trạm y tế'])} dài ${int(1, 12)},${int(0, 9)} km với tổng kinh phí ${int(1, 40)},${int(0, 9)} tỷ đồng được đưa vào sử dụng.`;
    case 3:
      return `Dự hội nghị có đồng chí ${pick(AUTHORS)}, ${pick(['Phó Chủ tịch', 'Chủ tịch', 'Bí thư', 'Trưởng phòng'])} ${pick(BODIES)}.`;
    case 4:
      return `Qua đó góp phần nâng cao nhận thức của người dân về ${topic}, bảo đảm an sinh xã hội trên địa bàn.`;
    case 5:
      return `${pick(BODIES)} đề nghị các ngành, các cấp tiếp tục ${pick(ACTIONS)} ${topic} trong ${pick(TIMES)}.`;
    default:
      return `Kết quả, đã có ${int(10, 900)} lượt người được ${pick(['hỗ trợ', 'tập huấn', 'cấp thẻ bảo hiểm y tế', 'vay vốn'])} tại ${pick(PLACES)}.`;
  }
}

function paragraph(rare: boolean, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(rare)).join(' ');
}

// ---------------------------------------------------------------------------------------------- generation

const DAY = 86_400_000;
const NOW = Date.parse('2025-06-01T03:00:00.000Z');
const SPAN = 3 * 365 * DAY;

function categoryId(ids: readonly number[]): number | null {
  if (random() < 0.02) return null;
  return weighted(ids.map((id, i) => [id, CATEGORY_WEIGHTS[i] ?? 1] as const));
}

interface Generated {
  ms: number;
  trashed: number;
  categoryIds: number[];
  rare: number;
}

/** Lets the event loop run (a Ctrl-C is handled there); the loops below are otherwise synchronous. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function generate(db: Db, n: number): Promise<Generated> {
  const started = performance.now();
  const categoryIds = db.transaction(() => CATEGORIES.map((name, position) => createCategory(db, { name, position }, new Date(NOW - SPAN).toISOString()).id)).immediate();
  const toTrash: number[] = [];
  let rareCount = 0;
  for (let from = 0; from < n; from += BATCH) {
    const to = Math.min(n, from + BATCH);
    db.transaction(() => {
      for (let i = from; i < to; i += 1) {
        const rare = random() < 0.001;
        if (rare) rareCount += 1;
        const status = weighted(STATUSES);
        const updated = NOW - Math.floor(random() * random() * SPAN); // more recent changes than old ones
        const publishedAt =
          status === 'published' || status === 'unpublished'
            ? new Date(updated - int(0, 72) * 3_600_000).toISOString()
            : status === 'scheduled'
              ? new Date(updated + int(1, 14) * DAY).toISOString()
              : null;
        const paragraphs = Array.from({ length: int(2, 5) }, () => `<p>${escapeHtml(paragraph(rare, int(2, 4)))}</p>`);
        const article = createArticle(
          db,
          {
            title: title(rare),
            categoryId: categoryId(categoryIds),
            lead: paragraph(false, int(1, 2)),
            bodyHtml: paragraphs.join('\n'),
            author: pick(AUTHORS),
            department: pick(DEPARTMENTS),
            publishedAt,
            status,
            viewCount: status === 'published' ? int(0, 5000) : 0,
          },
          new Date(updated).toISOString(),
        );
        if (random() < 0.005) toTrash.push(article.id);
      }
    }).immediate();
    await yieldToEventLoop();
  }
  db.transaction(() => {
    for (const id of toTrash) setTrashed(db, id, true, new Date(NOW).toISOString());
  }).immediate();
  return { ms: performance.now() - started, trashed: toTrash.length, categoryIds, rare: rareCount };
}

// ---------------------------------------------------------------------------------------------- measuring

const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;

interface Stats {
  p50: number;
  p95: number;
}
function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
}

interface Case {
  name: string;
  input: Record<string, unknown>;
  /** The hand-written page query and its parameters. */
  page: Database.Statement;
  pageParams: unknown[];
  /** The hand-written count, the other half of what articles.list answers. */
  count: Database.Statement;
  countParams: unknown[];
}

interface Row {
  name: string;
  core: Stats;
  raw: Stats;
  rawCount: Stats;
  total: number | string;
  runs: number;
  samePage: string;
}

/** The bench administrator's session, set once the core is open. */
let session: string | null = null;

async function measure(core: Core, c: Case): Promise<Row> {
  const coreMs: number[] = [];
  const rawMs: number[] = [];
  const rawCountMs: number[] = [];
  let lastCore: { total: number; items: { id: number }[] } | null = null;
  let error: string | null = null;
  let warmup = 0;
  let runs = RUNS;
  const warmupStarted = performance.now();
  for (let i = 0; i < warmup + runs || warmup === 0; i += 1) {
    if (warmup === 0) {
      // Warm-up: WARMUP iterations, or fewer (at least 3) when they take more than WARMUP_MAX_MS.
      const elapsed = performance.now() - warmupStarted;
      if (i >= WARMUP || (i >= 3 && elapsed > WARMUP_MAX_MS)) {
        warmup = i;
        const perIteration = elapsed / i;
        if (BUDGET_S > 0) runs = Math.min(RUNS, Math.max(MIN_RUNS, Math.floor((BUDGET_S * 1000) / perIteration)));
      }
    }
    const t0 = performance.now();
    const result = await core.invoke('articles.list', c.input, { sessionToken: session });
    const t1 = performance.now();
    const rows = c.page.all(...c.pageParams) as { id: number }[];
    const t2 = performance.now();
    c.count.get(...c.countParams);
    const t3 = performance.now();
    if (!result.ok) error = `${result.error.code}: ${result.error.messageEn}`;
    else lastCore = result.value as { total: number; items: { id: number }[] };
    if (warmup > 0) {
      coreMs.push(t1 - t0);
      rawMs.push(t2 - t1);
      rawCountMs.push(t3 - t2);
    }
    if (i === 0 && lastCore) {
      const same = rows.length === lastCore.items.length && rows.every((r, k) => r.id === lastCore?.items[k]?.id);
      if (!same) error = error ?? 'core and raw SQL returned different pages';
    }
    await yieldToEventLoop();
  }
  if (error) console.log(`  ! ${c.name}: ${error}`);
  return {
    name: c.name,
    core: stats(coreMs),
    raw: stats(rawMs),
    rawCount: stats(rawCountMs),
    total: lastCore ? lastCore.total : 'error',
    runs: coreMs.length,
    samePage: error ? 'NO' : 'yes',
  };
}

// ---------------------------------------------------------------------------------------------- report

const ms = (value: number) => (value < 10 ? value.toFixed(3) : value < 100 ? value.toFixed(2) : value.toFixed(1));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function table(headers: string[], rows: string[][], rightAligned: Set<number>): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function fileSize(file: string): number {
  return fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
}

// ---------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-bench-'));
  let generating: Db | null = null;
  let core: Core | null = null;
  let raw: Database.Database | null = null;
  const cleanup = () => {
    generating?.close();
    generating = null;
    core?.close();
    core = null;
    raw?.close();
    raw = null;
    if (KEEP) console.log(`\nData folder kept: ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    console.log('\ninterrupted');
    cleanup();
    process.exit(130);
  });

  try {
    const cpus = os.cpus();
    const budget = BUDGET_S > 0 ? `, at most ~${BUDGET_S} s per case (at least ${MIN_RUNS} runs; --budget 0: no cap)` : '';
    console.log(`Tòa Soạn bench — ${ARTICLES.toLocaleString('en-US')} articles, ${RUNS} runs per case after warm-up${budget}`);
    console.log(`node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}`);
    console.log(`data folder: ${dataDir}\n`);

    generating = openDatabase(dataDir).db;
    const generated = await generate(generating, ARTICLES);
    generating.close(); // checkpoints the WAL into the main file
    generating = null;
    const file = path.join(dataDir, DATABASE_FILE);
    const perArticle = (generated.ms * 1000) / ARTICLES;
    console.log(
      `generated ${ARTICLES.toLocaleString('en-US')} articles in ${(generated.ms / 1000).toFixed(2)} s (${perArticle.toFixed(0)} µs/article, ` +
        `${generated.trashed} trashed, ${generated.rare} with the rare word 'nghêu')`,
    );
    console.log(`database: ${mb(fileSize(file) + fileSize(`${file}-wal`))} (${file})\n`);

    core = createCore({ dataDir, version: pkg.version, shell: 'browser' });
    if (core.startupError) throw core.startupError;
    // Every call the UI makes carries a signed-in session; so do the measured ones (the check is part of the cost).
    const signedIn = await core.invoke('auth.setupFirstAdmin', { username: 'bench', displayName: 'Bench', password: 'bench-password' });
    if (!signedIn.ok) throw new Error(signedIn.error.messageEn);
    session = (signedIn.value as { sessionToken?: string }).sessionToken ?? null;
    const rawDb = new Database(file, { readonly: true, fileMustExist: true });
    raw = rawDb;
    const sqliteVersion = (rawDb.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;

    // The plain hand-written query for each case, as one would first write it (prepared once); the core's own
    // SQL may differ (ranking inside the index, ids before rows) but must return the same page.
    const columns = `a.id, a.category_id, c.name AS category_name, a.title, a.status, a.slug, a.author, a.department,
      a.published_at, a.updated_at, a.trashed_at, a.version`;
    const plainPage = (where: string) =>
      rawDb.prepare(
        `SELECT ${columns} FROM articles a LEFT JOIN categories c ON c.id = a.category_id
         WHERE a.trashed_at IS NULL ${where} ORDER BY a.updated_at DESC, a.id DESC LIMIT 50 OFFSET ?`,
      );
    const plainCount = (where: string) =>
      rawDb.prepare(`SELECT count(*) AS n FROM articles a WHERE a.trashed_at IS NULL ${where}`);
    const ftsPage = rawDb.prepare(
      `SELECT ${columns} FROM articles_fts f JOIN articles a ON a.id = f.rowid LEFT JOIN categories c ON c.id = a.category_id
       WHERE articles_fts MATCH ? AND a.trashed_at IS NULL
       ORDER BY bm25(articles_fts, 10.0, 3.0, 1.0, 2.0), a.id DESC LIMIT 50`,
    );
    const ftsCount = rawDb.prepare(
      `SELECT count(*) AS n FROM articles_fts f JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH ? AND a.trashed_at IS NULL`,
    );

    const libraryTotal = (plainCount('').get() as { n: number }).n;
    // "N - 100" counted in the library as listed (trashed articles are not in it), so the page is full.
    const deepOffset = Math.max(0, libraryTotal - 100);
    const bigCategory = generated.categoryIds[0] as number;
    const search = (query: string, match: string): Case => ({
      name: `search '${query}'`,
      input: { query, limit: 50 },
      page: ftsPage,
      pageParams: [match],
      count: ftsCount,
      countParams: [match],
    });
    const cases: Case[] = [
      { name: 'library, first page', input: { limit: 50 }, page: plainPage(''), pageParams: [0], count: plainCount(''), countParams: [] },
      {
        name: `library, offset ${deepOffset}`,
        input: { limit: 50, offset: deepOffset },
        page: plainPage(''),
        pageParams: [deepOffset],
        count: plainCount(''),
        countParams: [],
      },
      {
        name: "status 'pending_review'",
        input: { status: 'pending_review', limit: 50 },
        page: plainPage('AND a.status = ?'),
        pageParams: ['pending_review', 0],
        count: plainCount('AND a.status = ?'),
        countParams: ['pending_review'],
      },
      {
        name: "status 'published'",
        input: { status: 'published', limit: 50 },
        page: plainPage('AND a.status = ?'),
        pageParams: ['published', 0],
        count: plainCount('AND a.status = ?'),
        countParams: ['published'],
      },
      {
        name: `category #${bigCategory} (${CATEGORIES[0]})`,
        input: { categoryId: bigCategory, limit: 50 },
        page: plainPage('AND a.category_id = ?'),
        pageParams: [bigCategory, 0],
        count: plainCount('AND a.category_id = ?'),
        countParams: [bigCategory],
      },
      search('duong giao thong', 'duong* giao* thong*'),
      search('ho ngheo', 'ho* ngheo*'),
      search('uy ban', 'uy* ban*'),
      search('ph', 'ph*'),
      search('ngheu', 'ngheu*'),
    ];

    const rows: Row[] = [];
    const measureStarted = performance.now();
    for (const c of cases) rows.push(await measure(core, c));
    const measureMs = performance.now() - measureStarted;

    console.log(`articles.list, times in ms (SQLite ${sqliteVersion}); runs = measured iterations after warm-up.`);
    console.log('core = core.invoke (zod input, NFC, handler: count + page, zod output); raw = the same page query, prepared once;');
    console.log('raw count = the count(*) the core also runs for `total`.\n');
    console.log(
      table(
        ['case', 'total', 'runs', 'core p50', 'core p95', 'raw p50', 'raw p95', 'core/raw', 'raw count p50', 'core/(raw+count)', 'same page'],
        rows.map((r) => [
          r.name,
          String(r.total),
          String(r.runs),
          ms(r.core.p50),
          ms(r.core.p95),
          ms(r.raw.p50),
          ms(r.raw.p95),
          `${(r.core.p50 / r.raw.p50).toFixed(1)}×`,
          ms(r.rawCount.p50),
          `${(r.core.p50 / (r.raw.p50 + r.rawCount.p50)).toFixed(2)}×`,
          r.samePage,
        ]),
        new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]),
      ),
    );
    console.log(`\n(ratios are of the p50s; measuring took ${(measureMs / 1000).toFixed(1)} s)`);

    const memory = process.memoryUsage();
    console.log(`memory after the run: rss ${mb(memory.rss)}, heap used ${mb(memory.heapUsed)} of ${mb(memory.heapTotal)}, external ${mb(memory.external)}`);
  } finally {
    cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
