// `npm start`: the Electron app where its binary exists, otherwise browser mode on the same default data folder.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws when the binary was never downloaded.
    return require('electron');
  } catch {
    return null;
  }
}

const forwarded = process.argv.slice(2);
const binary = electronBinary();
const child = binary
  ? spawn(binary, ['.', ...forwarded], { stdio: 'inherit' })
  : (console.log(
      'Không có Electron trên máy này (ELECTRON_SKIP_BINARY_DOWNLOAD) — chạy chế độ trình duyệt. / No Electron binary here: starting browser mode.',
    ),
    spawn(process.execPath, ['dist/host/serve.mjs', ...forwarded], { stdio: 'inherit' }));

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
