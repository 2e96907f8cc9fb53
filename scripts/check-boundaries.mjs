// The environment-boundary rule: each folder imports only what its environment has.
//   shared/          no Node built-ins, no electron, nothing from electron/ or renderer/
//   electron/core/   never `electron`; nothing from the shells (main, preload, host) or renderer/
//   electron/host/   never `electron`; nothing from renderer/
//   electron/main/, electron/preload/   nothing from renderer/ or electron/host/
//   renderer/        no Node built-ins, no electron, no native modules, nothing from electron/
// Usage: node scripts/check-boundaries.mjs [root]   (exit 1 and one line per violation)
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(process.argv[2] ?? '.');
const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const NATIVE_MODULES = new Set(['better-sqlite3', 'sharp']);

const isNode = (spec) => NODE_BUILTINS.has(spec) || spec.startsWith('node:');
const isElectron = (spec) => spec === 'electron' || spec.startsWith('electron/');
const inside = (file, folder) => file === folder || file.startsWith(`${folder}/`);

const RULES = [
  {
    folder: 'shared',
    forbid: (spec, target) =>
      isNode(spec) ||
      isElectron(spec) ||
      NATIVE_MODULES.has(spec) ||
      inside(target, 'electron') ||
      inside(target, 'renderer'),
    why: 'shared/ runs in main and renderer alike',
  },
  {
    folder: 'electron/core',
    forbid: (spec, target) =>
      isElectron(spec) ||
      ['electron/main', 'electron/preload', 'electron/host', 'renderer'].some((f) => inside(target, f)),
    why: 'the core runs under plain Node and never imports electron or a shell',
  },
  {
    folder: 'electron/host',
    forbid: (spec, target) => isElectron(spec) || inside(target, 'renderer'),
    why: 'browser mode runs without Electron',
  },
  {
    folder: 'electron/main',
    forbid: (_spec, target) => inside(target, 'renderer') || inside(target, 'electron/host'),
    why: 'the Electron shell talks to the renderer only through IPC',
  },
  {
    folder: 'electron/preload',
    forbid: (_spec, target) =>
      inside(target, 'renderer') || inside(target, 'electron/host') || inside(target, 'electron/core'),
    why: 'the preload only bridges the contract',
  },
  {
    folder: 'renderer',
    forbid: (spec, target) =>
      isNode(spec) || isElectron(spec) || NATIVE_MODULES.has(spec) || inside(target, 'electron'),
    why: 'the renderer runs in a sandboxed page without Node',
  },
];

function sourceFiles(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function importsOf(file) {
  const text = fs.readFileSync(file, 'utf8');
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map((ref) => ref.fileName);
}

const violations = [];
for (const rule of RULES) {
  for (const file of sourceFiles(path.join(root, rule.folder))) {
    const relFile = path.relative(root, file).split(path.sep).join('/');
    for (const spec of importsOf(file)) {
      const target = spec.startsWith('.')
        ? path
            .relative(root, path.resolve(path.dirname(file), spec))
            .split(path.sep)
            .join('/')
        : '';
      if (rule.forbid(spec, target)) violations.push(`${relFile}: imports '${spec}' — ${rule.why}`);
    }
  }
}

if (violations.length > 0) {
  console.error(`Environment boundary broken (${violations.length}):`);
  for (const line of violations) console.error(`  ${line}`);
  process.exit(1);
}
console.log('Environment boundaries: ok');
