import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore } from '../core/core';
import { checkSqliteBinding, useSqliteBinding } from '../core/db/sqlite';
import { defaultDataDir } from '../core/paths';
import { bundledRenderWorker } from '../core/publish/site-render-pool';
import pkg from '../../package.json';
import { newToken } from './security';
import { createHostServer, listen } from './server';

/** Browser mode: the same core in plain Node, the renderer served to a browser on 127.0.0.1. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      token: { type: 'string' },
      static: { type: 'string' },
      /** An organisation profile to apply at first run (an empty data folder), as an installer's would be. */
      profile: { type: 'string' },
    },
  });
  const dataDir = path.resolve(values.data ?? defaultDataDir());
  const wantedPort = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(wantedPort) || wantedPort < 0 || wantedPort > 65535) {
    console.error(`Cổng không hợp lệ / Invalid port: ${values.port}`);
    process.exit(2);
  }
  const token = values.token ?? newToken();
  const here = path.dirname(fileURLToPath(import.meta.url));
  const staticDir = path.resolve(values.static ?? path.join(here, '..', 'renderer'));

  // better-sqlite3 built for another runtime (after `npm start` prepared Electron's, or a Node upgrade), damaged or
  // missing: one line with the fix, before any file is opened. TOASOAN_SQLITE_BINDING names another build to load.
  useSqliteBinding(process.env.TOASOAN_SQLITE_BINDING || null);
  const nativeProblem = checkSqliteBinding('node');
  if (nativeProblem) {
    console.error(`[toasoan] ${nativeProblem.message} / ${nativeProblem.messageEn}`);
    process.exit(3);
  }
  const profileFile = values.profile === undefined ? null : path.resolve(values.profile);
  const core = createCore({
    dataDir,
    version: pkg.version,
    shell: 'browser',
    profileFile,
    renderWorker: bundledRenderWorker(path.join(here, '..', 'electron')),
  });
  if (core.startupError) {
    // The UI still starts and shows this error; the library is never shown empty instead.
    console.error(`[toasoan] ${core.startupError.code}: ${core.startupError.message} / ${core.startupError.messageEn}`);
  }
  core.queue?.start();
  const server = createHostServer({ core, token, staticDir });
  let port: number;
  try {
    port = await listen(server, wantedPort);
  } catch (error) {
    console.error(
      `Không mở được cổng ${wantedPort} / Cannot listen on port ${wantedPort}: ${(error as Error).message}`,
    );
    core.close();
    process.exit(1);
  }
  console.log(`Tòa Soạn (browser mode) — data: ${dataDir}`);
  console.log(`Mở / Open: http://127.0.0.1:${port}/#token=${token}`);

  const stop = () => {
    server.close();
    server.closeAllConnections();
    void core.shutdown().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`[toasoan] Không khởi động được / Could not start: ${(error as Error).message}`);
  process.exit(1);
});
