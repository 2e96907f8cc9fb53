/**
 * Sign-in sessions. A token is 32 random bytes in base64url, handed to the transport once; the table keeps only its
 * SHA-256, so a copy of the database file signs nobody in. A session ends after 12 hours without a call (sliding)
 * and 7 days after sign-in whatever happens (absolute), at sign-out, and when its user is disabled or gets a new
 * password.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/database';
import { statement } from '../db/statements';
import type { UserRow } from './users';

export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** last_seen_at is written at most once a minute, so reading the library does not write to the disk at every call. */
export const SESSION_TOUCH_MS = 60 * 1000;

export interface SessionRow {
  token_hash: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
}

export function tokenHash(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Creates a session for the user; answers the token (never stored) and its hash. */
export function createSession(db: Db, userId: number, now: Date): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  const hash = tokenHash(token);
  const at = now.toISOString();
  statement(db, 'INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)').run(
    hash,
    userId,
    at,
    at,
  );
  return { token, hash };
}

export function findSession(db: Db, hash: string): { session: SessionRow; user: UserRow } | undefined {
  const session = statement(db, 'SELECT * FROM sessions WHERE token_hash = ?').get(hash) as SessionRow | undefined;
  if (!session) return undefined;
  const user = statement(db, 'SELECT * FROM users WHERE id = ?').get(session.user_id) as UserRow | undefined;
  return user ? { session, user } : undefined;
}

export function sessionExpired(session: SessionRow, now: Date): boolean {
  const t = now.getTime();
  return t - Date.parse(session.last_seen_at) > SESSION_IDLE_MS || t - Date.parse(session.created_at) > SESSION_MAX_MS;
}

export function touchSession(db: Db, session: SessionRow, now: Date): void {
  if (now.getTime() - Date.parse(session.last_seen_at) < SESSION_TOUCH_MS) return;
  statement(db, 'UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(now.toISOString(), session.token_hash);
}

export function endSession(db: Db, hash: string): boolean {
  return statement(db, 'DELETE FROM sessions WHERE token_hash = ?').run(hash).changes > 0;
}

/** Ends every session of the user, except one (the caller's own, when they change their own password). */
export function endUserSessions(db: Db, userId: number, exceptHash: string | null = null): number {
  return statement(db, 'DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?').run(userId, exceptHash)
    .changes;
}

/** Removes every expired session (housekeeping at sign-in). */
export function pruneSessions(db: Db, now: Date): void {
  const idle = new Date(now.getTime() - SESSION_IDLE_MS).toISOString();
  const max = new Date(now.getTime() - SESSION_MAX_MS).toISOString();
  statement(db, 'DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?').run(idle, max);
}
