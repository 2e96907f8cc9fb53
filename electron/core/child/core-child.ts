/**
 * The core's own process: Electron runs this file as a utilityProcess (reached over its parent port), tests fork it
 * with plain Node (reached over child_process IPC). It speaks only the protocol of protocol.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCore, type CallContext, type Core } from '../core';
import { checkSqliteBinding, useSqliteBinding } from '../db/sqlite';
import { parentPortEndpoint, processEndpoint, type ParentPortLike } from './endpoints';
import { bundledRenderWorker } from '../publish/site-render-pool';
import { deferredBox, openKeychainBox } from './keychain-box';
import { CORE_CHANNELS, createPeer, KEYCHAIN_CHANNELS } from './protocol';
import type { CoreStartOptions, CoreStartReply } from './supervisor';

const log = (message: string, error?: unknown) =>
  error === undefined ? console.error(`[toasoan core] ${message}`) : console.error(`[toasoan core] ${message}`, error);

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
const peer = createPeer(parentPort ? parentPortEndpoint(parentPort) : processEndpoint(process), log);

let core: Core | null = null;
let stopping: Promise<void> | null = null;
let dataDir: string | null = null;

/**
 * An error nobody caught ends the process (main starts it again); its stack goes to the data folder's logs first,
 * since a packaged app's stderr is read by nobody.
 */
process.on('uncaughtException', (error) => {
  log('uncaught error; the core stops', error);
  try {
    if (dataDir) {
      const folder = path.join(dataDir, 'logs');
      fs.mkdirSync(folder, { recursive: true });
      const file = path.join(folder, `toasoan-core-error-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
      fs.appendFileSync(file, `${error.stack ?? String(error)}\n`);
    }
  } finally {
    process.exit(70);
  }
});

peer.handle(CORE_CHANNELS.start, async (payload): Promise<CoreStartReply> => {
  if (core) throw new Error('the core is already started');
  const options = payload as CoreStartOptions;
  dataDir = options.dataDir;
  useSqliteBinding(options.sqliteBinding);
  // Before any file is opened: a native module built for another runtime is explained, and nothing is written.
  const nativeProblem = checkSqliteBinding(undefined, options.packaged ?? false);
  if (nativeProblem) return { startupError: null, databasePath: null, nativeProblem };
  const secrets = deferredBox();
  const started = createCore({
    dataDir: options.dataDir,
    version: options.version,
    shell: options.shell,
    profileFile: options.profileFile,
    secrets,
    queue: options.queue,
    log,
    renderWorker: bundledRenderWorker(__dirname),
  });
  core = started;
  if (started.startupError) return { startupError: started.startupError.toShape(), databasePath: null, nativeProblem };
  if (options.keychain) {
    // The secrets key is made or opened only once the store opened (nothing is written to a folder that failed).
    secrets.use(
      await openKeychainBox(
        options.dataDir,
        {
          seal: async (plain) => (await peer.request(KEYCHAIN_CHANNELS.seal, { plain })) as Uint8Array,
          open: async (sealed) => String(await peer.request(KEYCHAIN_CHANNELS.open, { sealed })),
        },
        log,
      ),
    );
  } else {
    log('no OS keychain: publishing secrets are stored unencrypted in the data folder');
  }
  started.queue?.start();
  return { startupError: null, databasePath: started.databasePath, nativeProblem };
});

peer.handle(CORE_CHANNELS.invoke, async (payload) => {
  const call = payload as { channel: string; payload: unknown; sessionToken: CallContext['sessionToken'] };
  if (!core || stopping) throw new Error('the core is not running');
  return core.invoke(call.channel, call.payload, { sessionToken: call.sessionToken });
});

/** Stops the queue (a job in flight is stored as resumable), closes the store, and ends the process. */
function stop(): Promise<void> {
  stopping ??= (core?.shutdown() ?? Promise.resolve()).finally(() => setImmediate(() => process.exit(0)));
  return stopping;
}

peer.handle(CORE_CHANNELS.shutdown, async () => {
  await stop();
  return null;
});

// Forked by Node: a parent that goes away takes the core down cleanly with it.
process.on('disconnect', () => void stop());
