// Sums a Chromium trace (bench --profile writes typing-*.trace.json; DevTools → Performance loads it too) by event
// name on the renderer's main thread: where keydown-to-frame time goes beside JavaScript (style, layout, paint…).
//   node bench/trace-top.mjs FILE.trace.json [N]
import fs from 'node:fs';

const [file, count = '20'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/trace-top.mjs FILE.trace.json [N]');
  process.exit(2);
}
const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
const main = new Set(
  events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
);
const totals = new Map();
for (const e of events) {
  if (e.ph !== 'X' || !main.has(`${e.pid}:${e.tid}`) || typeof e.dur !== 'number') continue;
  const entry = totals.get(e.name) ?? { ms: 0, n: 0 };
  entry.ms += e.dur / 1000;
  entry.n += 1;
  totals.set(e.name, entry);
}
console.log('renderer main thread, complete events by name (nested events count in their parents too)');
for (const [name, { ms, n }] of [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, Number(count))) {
  console.log(`${ms.toFixed(0).padStart(8)} ms ${String(n).padStart(6)}×  ${name}`);
}
