import type { z } from 'zod';
import type { ChannelName, ChannelOutput, Contract } from '../../../shared/contract';
import type { User } from '../../../shared/contract/auth';
import type { Db } from '../db/database';
import type { AuditInput } from '../store/audit';

/** What a handler receives: the validated, NFC-normalised input. */
export type ParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;

/** The signed-in user a call runs for, resolved by the core from the call's session token (never from a payload). */
export interface Actor extends User {
  /** SHA-256 of the session token of this call (sign-out ends it; a password change keeps it). */
  readonly sessionHash: string;
}

/**
 * A channel's handler. The access policy (electron/core/access.ts) has already let the call through: actor is the
 * signed-in user, or null only on the public channels.
 */
export type Handler<C extends ChannelName> = (
  input: ParsedInput<C>,
  actor: Actor | null,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

/** The handlers of one domain: every channel whose name starts with Prefix. */
export type Handlers<Prefix extends string> = { [C in Extract<ChannelName, `${Prefix}${string}`>]: Handler<C> };

/** What handlers share: the database, the clock (injectable for tests) and the audit log. */
export interface CoreServices {
  db: Db;
  /** The current time. */
  now: () => Date;
  /** Appends an audit entry at the current time (inside the caller's transaction when there is one). */
  audit(entry: AuditInput): void;
  /** Tells the publishing queue that jobs were queued (after the transaction that queued them). */
  wakePublisher(): void;
}
