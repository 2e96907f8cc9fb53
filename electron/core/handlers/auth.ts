/**
 * Sign-in, sign-out, the first administrator, and resolving a call's session token to its user.
 *
 * Lockout: after LOCK_AFTER consecutive failed sign-ins an account is locked for LOCK_BASE_SECONDS, doubling with each
 * further failure up to LOCK_MAX_SECONDS; a sign-in attempt while locked is refused without looking at the password.
 * A successful sign-in resets the count. An unknown user and a wrong password answer the same AUTH_FAILED and cost
 * the same scrypt time.
 */
import type { User } from '../../../shared/contract/auth';
import { ContractError } from '../../../shared/contract/errors';
import { hashPassword, verifyPassword } from '../passwords';
import {
  createSession,
  endSession,
  findSession,
  pruneSessions,
  sessionExpired,
  tokenHash,
  touchSession,
} from '../store/sessions';
import {
  countUsers,
  findUser,
  findUserByName,
  insertUser,
  recordFailedSignIn,
  recordSignIn,
  toUser,
  type UserRow,
} from '../store/users';
import type { Actor, CoreServices, Handlers } from './types';

export const LOCK_AFTER = 5;
export const LOCK_BASE_SECONDS = 30;
export const LOCK_MAX_SECONDS = 15 * 60;

/** How long the account is locked after this many consecutive failures (0: not locked). */
export function lockSeconds(failures: number): number {
  if (failures < LOCK_AFTER) return 0;
  return Math.min(LOCK_BASE_SECONDS * 2 ** (failures - LOCK_AFTER), LOCK_MAX_SECONDS);
}

function authFailed(): ContractError {
  return ContractError.of('AUTH_FAILED', 'auth.failed');
}

function authLocked(seconds: number): ContractError {
  return ContractError.of('AUTH_LOCKED', 'auth.locked', { seconds });
}

function secondsLeft(lockedUntil: string | null, now: Date): number {
  if (!lockedUntil) return 0;
  return Math.max(0, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000));
}

/** Why a call's token gave no user: it matches no session, or its session has just expired. */
export type SessionEnd = 'unknown' | 'expired' | null;

/**
 * The user a session token stands for. An unknown token gives no actor (ended 'unknown'); a session that has expired
 * (12 h idle, 7 days in all) or whose user was disabled is removed, logged once as 'auth.sessionExpired', and gives
 * no actor (ended 'expired'). A live session is touched (sliding expiry).
 */
export function resolveActor(services: CoreServices, token: string | null): { actor: Actor | null; ended: SessionEnd } {
  if (token === null || token === '') return { actor: null, ended: null };
  const { db } = services;
  const now = services.now();
  const hash = tokenHash(token);
  const found = findSession(db, hash);
  if (!found) return { actor: null, ended: 'unknown' };
  const { session, user } = found;
  if (user.disabled === 1 || sessionExpired(session, now)) {
    db.transaction(() => {
      endSession(db, hash);
      services.audit({
        actor: { id: user.id, username: user.username },
        action: 'auth.sessionExpired',
        target: { type: 'user', id: user.id },
        details: {
          reason: user.disabled === 1 ? 'disabled' : 'expired',
          createdAt: session.created_at,
          lastSeenAt: session.last_seen_at,
        },
      });
    }).immediate();
    return { actor: null, ended: 'expired' };
  }
  touchSession(db, session, now);
  return { actor: { ...toUser(user), sessionHash: hash }, ended: null };
}

type Outcome = { ok: true; user: User; sessionToken: string } | { ok: false; error: ContractError };

/** How many unknown usernames the phantom lockout remembers (the oldest is forgotten first). */
const PHANTOM_LIMIT = 1000;

export function authHandlers(services: CoreServices): Handlers<'auth.'> {
  const { db } = services;
  /**
   * Unknown usernames get the same lockout as real ones (kept in memory only), so that AUTH_LOCKED does not tell
   * which usernames exist either.
   */
  const phantoms = new Map<string, { failures: number; lockedUntil: number }>();

  function phantomFailure(username: string, now: Date): ContractError {
    const entry = phantoms.get(username) ?? { failures: 0, lockedUntil: 0 };
    phantoms.delete(username);
    entry.failures += 1;
    const lock = lockSeconds(entry.failures);
    if (lock > 0) entry.lockedUntil = now.getTime() + lock * 1000;
    phantoms.set(username, entry);
    if (phantoms.size > PHANTOM_LIMIT) phantoms.delete(phantoms.keys().next().value as string);
    return lock > 0 ? authLocked(lock) : authFailed();
  }

  /** Signs the user in: resets the failure count, opens a session (ending the window's previous one). */
  function openSession(user: UserRow, previous: Actor | null): { user: User; sessionToken: string } {
    const now = services.now();
    pruneSessions(db, now);
    if (previous) endSession(db, previous.sessionHash);
    recordSignIn(db, user.id, now.toISOString());
    const { token } = createSession(db, user.id, now);
    services.audit({
      actor: { id: user.id, username: user.username },
      action: 'auth.signIn',
      target: { type: 'user', id: user.id },
    });
    return { user: toUser(findUser(db, user.id) as UserRow), sessionToken: token };
  }

  return {
    'auth.status': (_input, actor) => ({
      user: actor ? toUser(findUser(db, actor.id) as UserRow) : null,
      needsFirstAdmin: countUsers(db) === 0,
    }),

    'auth.setupFirstAdmin': async ({ username, displayName, password }, actor) => {
      const refused = () =>
        new ContractError(
          'CONFLICT',
          'Máy trạm đã có người dùng; quản trị viên đầu tiên chỉ được tạo một lần. Hãy đăng nhập.',
          'This workstation already has users; the first administrator is created only once. Sign in instead.',
        );
      if (countUsers(db) > 0) throw refused();
      const passwordHash = await hashPassword(password);
      return db
        .transaction(() => {
          // Checked again: another window may have created it while the hash was computed.
          if (countUsers(db) > 0) throw refused();
          const row = insertUser(
            db,
            { username, displayName, role: 'admin', passwordHash },
            services.now().toISOString(),
          );
          services.audit({
            actor: { id: row.id, username: row.username },
            action: 'auth.setupFirstAdmin',
            target: { type: 'user', id: row.id },
            details: { username: row.username, displayName: row.display_name, role: 'admin' },
          });
          return openSession(row, actor);
        })
        .immediate();
    },

    'auth.signIn': async ({ username, password }, actor) => {
      const before = findUserByName(db, username);
      const lockedUntil = before
        ? before.locked_until
        : new Date(phantoms.get(username)?.lockedUntil ?? 0).toISOString();
      const seconds = secondsLeft(lockedUntil, services.now());
      if (seconds > 0) {
        services.audit({
          actor: before ? { id: before.id, username: before.username } : null,
          username: before ? before.username : username,
          action: 'auth.signInFailed',
          target: before ? { type: 'user', id: before.id } : null,
          details: { reason: before ? 'locked' : 'unknownUser', secondsLeft: seconds },
        });
        throw authLocked(seconds);
      }
      // Always one scrypt computation, against a dummy for an unknown user.
      const matches = await verifyPassword(password, before?.password_hash ?? null);
      const outcome: Outcome = db
        .transaction((): Outcome => {
          const now = services.now();
          const user = findUserByName(db, username);
          if (!user) {
            services.audit({ actor: null, username, action: 'auth.signInFailed', details: { reason: 'unknownUser' } });
            return { ok: false, error: phantomFailure(username, now) };
          }
          const who = { id: user.id, username: user.username };
          if (user.disabled === 1) {
            services.audit({
              actor: who,
              action: 'auth.signInFailed',
              target: { type: 'user', id: user.id },
              details: { reason: 'disabled' },
            });
            return { ok: false, error: authFailed() };
          }
          // The row may have changed while the hash ran (another window, an admin's reset): judge against the hash checked.
          if (!matches || user.password_hash !== before?.password_hash) {
            const failures = user.failed_attempts + 1;
            const lock = lockSeconds(failures);
            const lockedUntil = lock > 0 ? new Date(now.getTime() + lock * 1000).toISOString() : null;
            recordFailedSignIn(db, user.id, failures, lockedUntil ?? user.locked_until);
            services.audit({
              actor: who,
              action: 'auth.signInFailed',
              target: { type: 'user', id: user.id },
              details: { reason: 'wrongPassword', failures },
            });
            if (lock > 0) {
              services.audit({
                actor: who,
                action: 'auth.locked',
                target: { type: 'user', id: user.id },
                details: { failures, seconds: lock, until: lockedUntil },
              });
              return { ok: false, error: authLocked(lock) };
            }
            return { ok: false, error: authFailed() };
          }
          return { ok: true, ...openSession(user, actor) };
        })
        .immediate();
      if (!outcome.ok) throw outcome.error;
      return { user: outcome.user, sessionToken: outcome.sessionToken };
    },

    'auth.signOut': (_input, actor) => {
      if (!actor) return { signedOut: false };
      return db
        .transaction(() => {
          const ended = endSession(db, actor.sessionHash);
          if (ended) services.audit({ actor, action: 'auth.signOut', target: { type: 'user', id: actor.id } });
          return { signedOut: ended };
        })
        .immediate();
    },
  };
}
