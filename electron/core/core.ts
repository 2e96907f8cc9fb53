import { contract, isChannelName, type ChannelName } from '../../shared/contract';
import { ContractError, type Result } from '../../shared/contract/errors';
import { validationError } from '../../shared/contract/validation';
import { nfcDeep } from '../../shared/text/normalize';
import { openDatabase, storageError, type Db } from './db/database';
import { appHandlers } from './handlers/app';
import { articleHandlers } from './handlers/articles';
import { categoryHandlers } from './handlers/categories';
import { mediaHandlers } from './handlers/media';
import { previewHandlers } from './handlers/preview';
import type { Handler } from './handlers/types';

export interface CoreOptions {
  dataDir: string;
  version: string;
  shell: 'electron' | 'browser';
  /** Where unexpected failures are reported (never to the caller). */
  log?: (message: string, error: unknown) => void;
}

export interface Core {
  /** Validates and runs one channel. Never throws: every failure is a Result with code and message. */
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  /** The reason the store could not be opened, if it could not; every channel then answers it. */
  readonly startupError: ContractError | null;
  readonly databasePath: string | null;
  close(): void;
}

function internalError(): ContractError {
  return new ContractError(
    'INTERNAL',
    'Đã xảy ra lỗi ngoài dự kiến; thao tác không được thực hiện và dữ liệu không bị thay đổi. Chi tiết đã được ghi vào nhật ký.',
    'An unexpected error occurred; the action was not carried out and no data was changed. Details were written to the log.',
  );
}

function unknownChannel(name: string): ContractError {
  const shown = name.slice(0, 80);
  return new ContractError('UNKNOWN_CHANNEL', `Không có kênh "${shown}".`, `There is no channel "${shown}".`);
}

export function createCore(options: CoreOptions): Core {
  const log = options.log ?? ((message, error) => console.error(`[toasoan] ${message}`, error));
  let db: Db | null = null;
  let databasePath: string | null = null;
  let startupError: ContractError | null = null;
  let handlers: Record<ChannelName, Handler<ChannelName>> | null = null;

  function open(): void {
    try {
      const opened = openDatabase(options.dataDir);
      db = opened.db;
      databasePath = opened.file;
      startupError = null;
      const identity = {
        name: 'Tòa Soạn',
        version: options.version,
        dataDir: options.dataDir,
        databasePath: opened.file,
        schemaVersion: opened.schemaVersion,
        shell: options.shell,
      };
      handlers = {
        ...appHandlers(db, identity),
        ...articleHandlers(db),
        ...categoryHandlers(db),
        ...mediaHandlers(db, options.dataDir),
        ...previewHandlers(db),
      } as Record<ChannelName, Handler<ChannelName>>;
    } catch (error) {
      if (!(error instanceof ContractError)) throw error;
      startupError = error;
    }
  }
  open();

  async function invoke(channel: string, payload: unknown): Promise<Result<unknown>> {
    try {
      if (!isChannelName(channel)) throw unknownChannel(channel);
      // A lock is often passing (a backup, another copy closing): try again rather than stay refused.
      if (startupError?.code === 'DB_LOCKED') open();
      if (startupError || !handlers) throw startupError ?? internalError();
      const spec = contract[channel];
      // Normalised before validation, so length limits count the characters that will be stored.
      const parsed = spec.input.safeParse(nfcDeep(payload === undefined ? {} : payload), { reportInput: true });
      if (!parsed.success) throw validationError(parsed.error);
      const value = await handlers[channel](parsed.data as never);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        log(`output of ${channel} does not match the contract`, checked.error);
        throw internalError();
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (error instanceof ContractError) return { ok: false, error: error.toShape() };
      const mapped = databasePath ? storageError(error, databasePath) : null;
      if (mapped) return { ok: false, error: mapped.toShape() };
      log(`${channel} failed`, error);
      return { ok: false, error: internalError().toShape() };
    }
  }

  return {
    invoke,
    get startupError() {
      return startupError;
    },
    get databasePath() {
      return databasePath;
    },
    close() {
      db?.close();
      db = null;
      handlers = null;
    },
  };
}
