// Summarises a V8 CPU profile (node --cpu-prof, or a Chromium trace's profile): the functions with the most
// self time, and the most total time, so docs/benchmarks.md can say where a figure goes.
//   node bench/cpuprofile-top.mjs FILE.cpuprofile [N] [--filter TEXT] [--maps DIR]
// --maps DIR: names frames of minified scripts (the renderer's) by their source, through DIR/<script>.map
// (dist/renderer/assets for the renderer, dist/bench for the bench bundle).
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';

const [file, count = '25', ...rest] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/cpuprofile-top.mjs FILE.cpuprofile [N] [--filter TEXT] [--maps DIR]');
  process.exit(2);
}
const option = (flag) => (rest.includes(flag) ? rest[rest.indexOf(flag) + 1] : null);
const filter = option('--filter');
const mapsDir = option('--maps');
const maps = new Map();
const sourceMapOf = (url) => {
  const base = path.basename(url.split('?')[0] ?? '');
  if (!maps.has(base)) {
    const mapFile = mapsDir ? path.join(mapsDir, `${base}.map`) : null;
    maps.set(
      base,
      mapFile && fs.existsSync(mapFile) ? new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8'))) : null,
    );
  }
  return maps.get(base);
};
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
// Each sample's duration, charged to its node (self) and to every distinct frame above it (total).
const self = new Map();
const total = new Map();
const deltas = profile.timeDeltas ?? [];
const name = (node) => {
  const f = node.callFrame;
  const map = f.url ? sourceMapOf(f.url) : null;
  const entry = map?.findEntry(f.lineNumber, f.columnNumber);
  if (entry?.originalSource) {
    return `${entry.name ?? f.functionName ?? '(anonymous)'} ${entry.originalSource.split('/').slice(-3).join('/')}:${entry.originalLine + 1}`;
  }
  const where = f.url ? `${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};
let all = 0;
profile.samples.forEach((id, i) => {
  const dt = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
  all += dt;
  const node = byId.get(id);
  self.set(name(node), (self.get(name(node)) ?? 0) + dt);
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const n = name(byId.get(at));
    if (seen.has(n)) continue;
    seen.add(n);
    total.set(n, (total.get(n) ?? 0) + dt);
  }
});
const show = (title, map) => {
  console.log(`\n${title} (of ${all.toFixed(0)} ms sampled)`);
  [...map]
    .filter(([n]) => !filter || n.includes(filter))
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(count))
    .forEach(([n, ms]) =>
      console.log(`${ms.toFixed(0).padStart(8)} ms ${((ms / all) * 100).toFixed(1).padStart(5)}%  ${n}`),
    );
};
show('self time', self);
show('total time', total);
