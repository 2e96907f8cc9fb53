import type { RenderWorkerOptions } from './publish/site-render-pool';
import { contract, isChannelName, type ChannelName } from '../../shared/contract';
import { ContractError, type Result } from '../../shared/contract/errors';
import { hardenPayload } from '../../shared/contract/untrusted';
import { validationError } from '../../shared/contract/validation';
import { ACCESS, createAccessPolicy, type AccessPolicy } from './access';
import { openDatabase, storageError, type Db } from './db/database';
import { appHandlers } from './handlers/app';
import { articleHandlers } from './handlers/articles';
import { attachmentHandlers } from './handlers/attachments';
import { auditHandlers } from './handlers/audit';
import { backupHandlers } from './handlers/backup';
import { recoverInterruptedRestore } from './backup/backup';
import { authHandlers, resolveActor } from './handlers/auth';
import { categoryHandlers } from './handlers/categories';
import { mediaHandlers } from './handlers/media';
import { previewHandlers } from './handlers/preview';
import { profileHandlers } from './handlers/profile';
import { qualityHandlers } from './handlers/quality';
import { applyFirstRunProfile } from './profile/organisation-profile';
import { publishingHandlers } from './handlers/publishing';
import type { CoreServices, Handler } from './handlers/types';
import { userHandlers } from './handlers/users';
import { workflowHandlers } from './handlers/workflow';
import { approvalHandlers } from './handlers/approval';
import { createPublishQueue, type PublishQueue } from './publish/queue';
import { PLAIN_SECRET_BOX, type SecretBox } from './publish/secrets';
import { appendAudit } from './store/audit';

export interface CoreOptions {
  dataDir: string;
  version: string;
  shell: 'electron' | 'browser';
  /** Where unexpected failures are reported (never to the caller). */
  log?: (message: string, error: unknown) => void;
  /** The current time; tests inject a clock to reach session expiry and lockouts without waiting. */
  clock?: () => Date;
  /** Seals target secrets: Electron's safeStorage in the shell; kept as they are in browser mode (see publish/secrets.ts). */
  secrets?: SecretBox;
  /** The publishing queue's jitter and polling (tests make the jitter predictable). */
  queue?: { random?: () => number; pollMs?: number };
  /**
   * The organisation profile to apply at first run (the installer's organisation-profile.json, serve.ts --profile):
   * read only while the store is empty; a bad one is the startup error, naming the wrong field.
   */
  profileFile?: string | null;
  /** The static site's render workers: the bundled worker script each shell ships (absent: a rebuild renders here). */
  renderWorker?: RenderWorkerOptions;
}

/** Who is calling: the transport passes the session token it holds for the window (never part of the payload). */
export interface CallContext {
  sessionToken: string | null;
}

export interface Core {
  /**
   * Resolves the caller from the session token, applies the access policy, validates and runs one channel.
   * Never throws: every failure is a Result with code and message.
   */
  invoke(channel: string, payload: unknown, context?: CallContext): Promise<Result<unknown>>;
  /** The reason the store could not be opened, if it could not; every channel then answers it. */
  readonly startupError: ContractError | null;
  readonly databasePath: string | null;
  /** The publishing queue (null when the store could not be opened). Not started: the shell or host starts it. */
  readonly queue: PublishQueue | null;
  /** Stops the queue (the job in flight is resumed at the next start), then closes the store. */
  shutdown(): Promise<void>;
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

/** Payload fields that would name a user or a role: the core never takes them from a caller (see forgedFields). */
const IDENTITY_FIELDS = new Set([
  'ownerId',
  'owner',
  'owner_id',
  'userId',
  'user_id',
  'authorId',
  'author_id',
  'actorId',
  'createdBy',
  'role',
  'sessionToken',
]);

/** Unknown payload fields that look like an attempt to act as someone else (a forged owner, user or role). */
function forgedFields(issues: readonly { code: string; keys?: readonly string[] }[]): string[] {
  const found = new Set<string>();
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys')
      for (const key of issue.keys ?? []) if (IDENTITY_FIELDS.has(key)) found.add(key);
  }
  return [...found];
}

type AllHandlers = { [C in ChannelName]: Handler<C> };

export function createCore(options: CoreOptions): Core {
  const log = options.log ?? ((message, error) => console.error(`[toasoan] ${message}`, error));
  const clock = options.clock ?? (() => new Date());
  let db: Db | null = null;
  let databasePath: string | null = null;
  let startupError: ContractError | null = null;
  let handlers: AllHandlers | null = null;
  let services: CoreServices | null = null;
  let policy: AccessPolicy | null = null;
  let queue: PublishQueue | null = null;
  const secrets = options.secrets ?? PLAIN_SECRET_BOX;
  /** Set while a backup is being restored: every call answers it. */
  let maintenance: ContractError | null = null;
  let queueStarted = false;

  function open(): void {
    try {
      const opened = openDatabase(options.dataDir);
      try {
        const applied = applyFirstRunProfile(opened.db, options.profileFile, clock().toISOString());
        if (applied)
          appendAudit(opened.db, clock().toISOString(), {
            actor: null,
            action: 'profile.applied',
            details: { ...applied },
          });
      } catch (error) {
        opened.db.close();
        throw error;
      }
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
      const store = db;
      const audit = (entry: Parameters<CoreServices['audit']>[0]) => appendAudit(store, clock().toISOString(), entry);
      const publishQueue = createPublishQueue({
        db: store,
        dataDir: options.dataDir,
        now: clock,
        secrets,
        audit,
        log,
        renderWorker: options.renderWorker,
        ...options.queue,
      });
      // Remembered, so that a restore (which closes and reopens the store) starts the new queue again.
      queue = {
        ...publishQueue,
        start: () => {
          queueStarted = true;
          publishQueue.start();
        },
      };
      services = {
        db: store,
        now: clock,
        audit,
        wakePublisher: () => publishQueue.wake(),
      };
      policy = createAccessPolicy(services);
      // Typed over every channel: a channel without a handler does not compile.
      const all: AllHandlers = {
        ...appHandlers(services, identity),
        ...articleHandlers(services),
        ...categoryHandlers(services),
        ...mediaHandlers(db, options.dataDir),
        ...attachmentHandlers(services, options.dataDir),
        ...previewHandlers(db),
        ...authHandlers(services),
        ...userHandlers(services),
        ...workflowHandlers(services, { dataDir: options.dataDir, secrets }),
        ...approvalHandlers(services, { dataDir: options.dataDir, secrets }),
        ...auditHandlers(services),
        ...publishingHandlers(services, { dataDir: options.dataDir, secrets, wake: () => publishQueue.wake() }),
        ...profileHandlers(services),
        ...qualityHandlers(services),
        ...backupHandlers(services, { dataDir: options.dataDir, appVersion: options.version, withStoreClosed }),
      };
      handlers = all;
    } catch (error) {
      if (!(error instanceof ContractError)) throw error;
      startupError = error;
    }
  }
  /** For backup.restore: the store closed while `swap` runs, then opened again (and its queue restarted). */
  async function withStoreClosed(swap: () => Promise<void>): Promise<CoreServices | null> {
    maintenance = new ContractError(
      'CONFLICT',
      'Đang khôi phục dữ liệu từ bản sao lưu; hãy thử lại sau giây lát.',
      'Data is being restored from a backup; try again in a moment.',
    );
    const restart = queueStarted;
    try {
      await queue?.stop();
      db?.close();
      db = null;
      handlers = null;
      services = null;
      await swap();
    } finally {
      open();
      if (restart) queue?.start();
      maintenance = null;
    }
    return services;
  }

  try {
    // A restore the process died in the middle of is finished before the database is opened (backup/backup.ts).
    recoverInterruptedRestore(options.dataDir);
  } catch (error) {
    log('could not finish an interrupted restore', error);
  }
  open();

  async function invoke(
    channel: string,
    payload: unknown,
    context: CallContext = { sessionToken: null },
  ): Promise<Result<unknown>> {
    try {
      if (!isChannelName(channel)) throw unknownChannel(channel);
      if (maintenance) throw maintenance;
      // A lock is often passing (a backup, another copy closing): try again rather than stay refused.
      if (startupError?.code === 'DB_LOCKED') open();
      if (startupError || !handlers || !services || !policy) throw startupError ?? internalError();
      // 1. Who calls: from the session token alone, never from the payload.
      const token = typeof context?.sessionToken === 'string' ? context.sessionToken : null;
      const { actor, ended } = resolveActor(services, token);
      if (ended === 'unknown' && ACCESS[channel].rule !== 'public') {
        services.audit({ actor: null, action: 'auth.sessionInvalid', details: { channel } });
      }
      // 2. May they call this channel at all (signed in, role)? Decided before the input is even read.
      policy.beforeInput(channel, actor, ended !== null);
      const spec = contract[channel];
      // 3. Whatever the transport, the payload is untrusted: checked without recursion (depth, `__proto__` keys, lone
      // surrogates), copied into null-prototype objects and normalised to NFC before validation, so length limits
      // count the characters that will be stored.
      const hardened = hardenPayload(payload === undefined ? {} : payload);
      const parsed = spec.input.safeParse(hardened, { reportInput: true });
      if (!parsed.success) {
        const forged = forgedFields(parsed.error.issues);
        if (forged.length > 0)
          services.audit({ actor, action: 'access.forgedField', details: { channel, fields: forged } });
        throw validationError(parsed.error);
      }
      // 4. May they do it to this target (whose article, in which status; whose password)?
      policy.afterInput(channel, parsed.data, actor);
      const value = await (handlers[channel] as Handler<ChannelName>)(parsed.data, actor);
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
    get queue() {
      return queue;
    },
    async shutdown() {
      await queue?.stop();
      this.close();
    },
    close() {
      void queue?.stop();
      queue = null;
      db?.close();
      db = null;
      handlers = null;
      services = null;
      policy = null;
    },
  };
}
