// `npm start`: the Electron app where its binary exists or can be downloaded (better-sqlite3 prepared for it beside
// the Node build), otherwise — in one line — browser mode on the same default data folder.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareElectron } from './electron-setup.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const forwarded = process.argv.slice(2);
const prepared = await prepareElectron(root);

const child = prepared.electron
  ? spawn(prepared.electron, ['.', ...forwarded], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, TOASOAN_SQLITE_BINDING: prepared.sqliteBinding },
    })
  : (console.log(prepared.browser),
    spawn(process.execPath, [path.join(root, 'dist', 'host', 'serve.mjs'), ...forwarded], { stdio: 'inherit' }));

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
