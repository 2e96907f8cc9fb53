import type { Role, User } from '../../../shared/contract/auth';
import { ContractError, notFound } from '../../../shared/contract/errors';
import type { Db } from '../db/database';
import { statement } from '../db/statements';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  disabled: 0 | 1;
  failed_attempts: number;
  locked_until: string | null;
  created_at: string;
  last_sign_in_at: string | null;
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
  };
}

export function findUser(db: Db, id: number): UserRow | undefined {
  return statement(db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

export function findUserByName(db: Db, username: string): UserRow | undefined {
  return statement(db, 'SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
}

export function getUserRow(db: Db, id: number): UserRow {
  const row = findUser(db, id);
  if (!row) throw notFound('user', id);
  return row;
}

export function listUsers(db: Db): User[] {
  return (statement(db, 'SELECT * FROM users ORDER BY username').all() as UserRow[]).map(toUser);
}

export function countUsers(db: Db): number {
  return (statement(db, 'SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

export function enabledAdminCount(db: Db): number {
  return (statement(db, "SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").get() as { n: number })
    .n;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
}

/** Inserts a user; a taken username answers CONFLICT. Call inside the caller's transaction. */
export function insertUser(db: Db, user: NewUser, now: string): UserRow {
  if (findUserByName(db, user.username)) {
    throw new ContractError(
      'CONFLICT',
      `Tên đăng nhập "${user.username}" đã có người dùng.`,
      `The username "${user.username}" is already taken.`,
    );
  }
  const info = statement(
    db,
    'INSERT INTO users (username, display_name, password_hash, role, disabled, failed_attempts, created_at) VALUES (?, ?, ?, ?, 0, 0, ?)',
  ).run(user.username, user.displayName, user.passwordHash, user.role, now);
  return findUser(db, Number(info.lastInsertRowid)) as UserRow;
}

export function updateUserFields(
  db: Db,
  id: number,
  changes: { displayName?: string | undefined; role?: Role | undefined; disabled?: boolean | undefined },
): void {
  const current = getUserRow(db, id);
  statement(db, 'UPDATE users SET display_name = ?, role = ?, disabled = ? WHERE id = ?').run(
    changes.displayName ?? current.display_name,
    changes.role ?? current.role,
    changes.disabled === undefined ? current.disabled : changes.disabled ? 1 : 0,
    id,
  );
}

/** A new password also lifts a lockout. */
export function setPasswordHash(db: Db, id: number, passwordHash: string): void {
  statement(db, 'UPDATE users SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?').run(
    passwordHash,
    id,
  );
}

export function recordFailedSignIn(db: Db, id: number, failedAttempts: number, lockedUntil: string | null): void {
  statement(db, 'UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?').run(
    failedAttempts,
    lockedUntil,
    id,
  );
}

export function recordSignIn(db: Db, id: number, now: string): void {
  statement(db, 'UPDATE users SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = ? WHERE id = ?').run(
    now,
    id,
  );
}
