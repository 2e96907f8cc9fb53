import { ContractError, type ContractErrorShape, type Result } from '../../../shared/contract/errors';
import type { CallContext } from '../core';
import type { NativeModuleProblem } from '../db/sqlite';
import { CORE_CHANNELS, createPeer, KEYCHAIN_CHANNELS, RemoteError, type Endpoint, type Peer } from './protocol';

/** What the core child is started with (the first request it answers). */
export interface CoreStartOptions {
  dataDir: string;
  version: string;
  shell: 'electron' | 'browser';
  profileFile: string | null;
  /** better-sqlite3's native module for this runtime, when it is not the one in node_modules (db/sqlite.ts). */
  sqliteBinding: string | null;
  /** Whether main has an OS keychain to seal the secrets key with. */
  keychain: boolean;
  /** A packaged app (its native modules come from the installer: the fix for a wrong one differs). */
  packaged?: boolean;
  queue?: { pollMs?: number };
}

export interface CoreStartReply {
  /** Why the store did not open (read-only, corrupt, newer…): every call answers it, the window shows it. */
  startupError: ContractErrorShape | null;
  databasePath: string | null;
  /** better-sqlite3 could not be loaded at all: nothing was opened. */
  nativeProblem: NativeModuleProblem | null;
}

/** A child the supervisor started: its end of the protocol, and how to stop it and hear it end. */
export interface LaunchedChild {
  endpoint: Endpoint;
  kill(): void;
  onExit(listener: (detail: string) => void): void;
}

export type CoreFailureKind = 'native' | 'start-timeout' | 'start-crash' | 'crash-loop';

/** The core cannot run: the shell reports it (a dialog in Electron, one line in browser mode) and exits. */
export class CoreFailure extends Error {
  constructor(
    readonly kind: CoreFailureKind,
    message: string,
    readonly messageEn: string,
    readonly detail: string,
  ) {
    super(message);
    this.name = 'CoreFailure';
  }
}

export interface SupervisorOptions {
  launch(): LaunchedChild;
  start: CoreStartOptions;
  /** Main's safeStorage (Electron); the core asks for it over the protocol. */
  keychain?: { seal(plain: string): Uint8Array; open(sealed: Uint8Array): string };
  /** How long the core may take to open its store (default 30 s). */
  startTimeoutMs?: number;
  /** Restarts in a row, without a call answered in between, before the core is given up (default 3). */
  maxRestarts?: number;
  /** The core stopped unexpectedly and is being started again. */
  onRestart?: (detail: string) => void;
  /** The core (first started, or started again) answered its start. */
  onStarted?: (reply: CoreStartReply) => void;
  /** The core stopped for good after it had started (crash loop, or a restart that failed). */
  onFailure?: (failure: CoreFailure) => void;
  log?: (message: string) => void;
}

export interface CoreSupervisor {
  /** Starts the core; rejects with a CoreFailure when it cannot run at all. */
  start(): Promise<CoreStartReply>;
  invoke(channel: string, payload: unknown, context?: CallContext): Promise<Result<unknown>>;
  /** Asks the core to stop its queue and close its store, and waits for the process to end. */
  shutdown(timeoutMs?: number): Promise<void>;
  readonly startupError: ContractError | null;
  readonly databasePath: string | null;
}

export function coreStoppedError(): ContractError {
  return new ContractError(
    'CORE_RESTARTED',
    'Phần lõi của Tòa Soạn dừng đột ngột và đang được khởi động lại; thao tác vừa rồi chưa chắc đã được lưu, hãy thử lại. Mọi thứ đã lưu trước đó vẫn còn nguyên.',
    "Tòa Soạn's core stopped unexpectedly and is being started again; the last action may not have been saved, try it again. Everything saved before is kept.",
  );
}

function startTimeout(seconds: number): CoreFailure {
  return new CoreFailure(
    'start-timeout',
    `Phần lõi của Tòa Soạn không mở xong dữ liệu sau ${seconds} giây (ổ đĩa quá chậm, hoặc một chương trình khác đang giữ tệp dữ liệu): hãy đóng các chương trình khác rồi mở lại Tòa Soạn.`,
    `Tòa Soạn's core did not finish opening its data within ${seconds} seconds (a very slow disk, or another program holding the data file): close other programs and start Tòa Soạn again.`,
    `no answer to ${CORE_CHANNELS.start} within ${seconds} s`,
  );
}

function startCrash(detail: string): CoreFailure {
  return new CoreFailure(
    'start-crash',
    `Phần lõi của Tòa Soạn dừng ngay khi khởi động (${detail}): hãy xem nhật ký lỗi trong thư mục dữ liệu, rồi cài lại Tòa Soạn nếu lỗi lặp lại.`,
    `Tòa Soạn's core stopped as it started (${detail}): see the error log in the data folder, and reinstall Tòa Soạn if it happens again.`,
    detail,
  );
}

function crashLoop(detail: string, times: number): CoreFailure {
  return new CoreFailure(
    'crash-loop',
    `Phần lõi của Tòa Soạn dừng đột ngột ${times} lần liên tiếp (${detail}); ứng dụng sẽ đóng. Dữ liệu đã lưu vẫn còn nguyên; hãy xem nhật ký lỗi trong thư mục dữ liệu.`,
    `Tòa Soạn's core stopped unexpectedly ${times} times in a row (${detail}); the app will close. Saved data is kept; see the error log in the data folder.`,
    detail,
  );
}

function nativeFailure(problem: NativeModuleProblem): CoreFailure {
  return new CoreFailure('native', problem.message, problem.messageEn, problem.detail);
}

interface Running {
  child: LaunchedChild;
  peer: Peer;
  exited: Promise<string>;
}

/**
 * Main's side of the core child: starts it (with a start timeout), routes calls to it, answers its keychain requests,
 * starts it again when it dies (a call in flight answers CORE_RESTARTED; every save it had answered is in the store,
 * which commits before answering), gives up after repeated crashes, and shuts it down.
 */
export function createCoreSupervisor(options: SupervisorOptions): CoreSupervisor {
  const log = options.log ?? (() => undefined);
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const maxRestarts = options.maxRestarts ?? 3;
  let running: Running | null = null;
  let ready: Promise<CoreStartReply> | null = null;
  let startupError: ContractError | null = null;
  let databasePath: string | null = null;
  let stopping = false;
  let failed: CoreFailure | null = null;
  let restartsInARow = 0;

  function launch(): Promise<CoreStartReply> {
    let child: LaunchedChild;
    try {
      child = options.launch();
    } catch (error) {
      // The entry is missing or the system refused a process: as good as a core that died at start.
      return Promise.reject(startCrash(error instanceof Error ? error.message : String(error)));
    }
    const peer = createPeer(child.endpoint, log);
    const exited = new Promise<string>((resolve) => child.onExit(resolve));
    const current: Running = { child, peer, exited };
    running = current;
    peer.handle(KEYCHAIN_CHANNELS.seal, (payload) => {
      if (!options.keychain) throw new Error('no keychain');
      return options.keychain.seal(String((payload as { plain: unknown }).plain));
    });
    peer.handle(KEYCHAIN_CHANNELS.open, (payload) => {
      if (!options.keychain) throw new Error('no keychain');
      return options.keychain.open(Buffer.from((payload as { sealed: Uint8Array }).sealed));
    });

    let timer: NodeJS.Timeout | undefined;
    const started = new Promise<CoreStartReply>((resolve, reject) => {
      timer = setTimeout(() => {
        reject(startTimeout(Math.round(timeoutMs / 1000)));
        child.kill();
      }, timeoutMs);
      void exited.then((detail) => reject(startCrash(detail)));
      peer.request(CORE_CHANNELS.start, options.start).then(
        (reply) => resolve(reply as CoreStartReply),
        (error: unknown) => reject(startCrash(error instanceof Error ? error.message : String(error))),
      );
    }).finally(() => clearTimeout(timer));

    void exited.then((detail) => {
      peer.closeAll(coreStoppedError());
      if (running !== current || stopping || failed) return;
      running = null;
      void started.then(
        () => restart(detail),
        () => undefined,
      );
    });

    return started.then((reply) => {
      if (reply.nativeProblem) {
        // Not a crash to recover from: starting it again would only fail the same way.
        failed = nativeFailure(reply.nativeProblem);
        child.kill();
        throw failed;
      }
      startupError = reply.startupError ? ContractError.fromShape(reply.startupError) : null;
      databasePath = reply.databasePath;
      options.onStarted?.(reply);
      return reply;
    });
  }

  function giveUp(failure: CoreFailure): void {
    failed = failure;
    running?.child.kill();
    options.onFailure?.(failure);
  }

  function restart(detail: string): void {
    restartsInARow += 1;
    log(`the core stopped (${detail}); starting it again (${restartsInARow} in a row)`);
    if (restartsInARow > maxRestarts) {
      giveUp(crashLoop(detail, restartsInARow));
      return;
    }
    options.onRestart?.(detail);
    ready = launch();
    ready.catch((failure: unknown) => giveUp(failure instanceof CoreFailure ? failure : startCrash(String(failure))));
  }

  return {
    start() {
      ready = launch();
      return ready;
    },
    async invoke(channel, payload, context = { sessionToken: null }) {
      if (failed || stopping || !ready) return { ok: false, error: coreStoppedError().toShape() };
      try {
        await ready;
      } catch {
        return { ok: false, error: coreStoppedError().toShape() };
      }
      const current = running;
      if (!current) return { ok: false, error: coreStoppedError().toShape() };
      try {
        const result = (await current.peer.request(CORE_CHANNELS.invoke, {
          channel,
          payload,
          sessionToken: context.sessionToken,
        })) as Result<unknown>;
        restartsInARow = 0;
        return result;
      } catch (error) {
        if (error instanceof ContractError) return { ok: false, error: error.toShape() };
        log(`${channel}: ${error instanceof RemoteError ? error.message : String(error)}`);
        return { ok: false, error: coreStoppedError().toShape() };
      }
    },
    async shutdown(timeoutMs = 15_000) {
      stopping = true;
      const current = running;
      if (!current) return;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          log(`the core did not stop within ${timeoutMs} ms; it is ended`);
          current.child.kill();
          resolve();
        }, timeoutMs);
      });
      current.peer.request(CORE_CHANNELS.shutdown, {}).catch(() => undefined);
      await Promise.race([current.exited, late]);
      clearTimeout(timer);
      await current.exited;
    },
    get startupError() {
      return startupError;
    },
    get databasePath() {
      return databasePath;
    },
  };
}
