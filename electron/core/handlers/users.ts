import { ContractError } from '../../../shared/contract/errors';
import { ROLE_NAMES } from '../../../shared/workflow/labels';
import { hashPassword } from '../passwords';
import { endUserSessions } from '../store/sessions';
import {
  enabledAdminCount,
  findUser,
  getUserRow,
  insertUser,
  listUsers,
  setPasswordHash,
  toUser,
  updateUserFields,
  type UserRow,
} from '../store/users';
import type { CoreServices, Handlers } from './types';

function lastAdmin(row: UserRow): ContractError {
  return new ContractError(
    'CONFLICT',
    `"${row.username}" là ${ROLE_NAMES.admin.vi} duy nhất còn hoạt động; không thể khóa hay đổi vai trò của tài khoản này. Hãy chỉ định một quản trị viên khác trước.`,
    `"${row.username}" is the only enabled administrator; it cannot be disabled or given another role. Make someone else an administrator first.`,
  );
}

export function userHandlers(services: CoreServices): Handlers<'users.'> {
  const { db } = services;
  return {
    'users.list': () => listUsers(db),

    'users.create': async ({ username, displayName, role, password }, actor) => {
      const passwordHash = await hashPassword(password);
      return db
        .transaction(() => {
          const row = insertUser(db, { username, displayName, role, passwordHash }, services.now().toISOString());
          services.audit({
            actor,
            action: 'user.create',
            target: { type: 'user', id: row.id },
            details: { username, displayName, role },
          });
          return toUser(row);
        })
        .immediate();
    },

    'users.update': ({ id, changes }, actor) =>
      db
        .transaction(() => {
          const before = getUserRow(db, id);
          const losesAdmin =
            before.role === 'admin' &&
            before.disabled === 0 &&
            ((changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true);
          if (losesAdmin && enabledAdminCount(db) <= 1) throw lastAdmin(before);
          updateUserFields(db, id, changes);
          const after = findUser(db, id) as UserRow;
          // A disabled user is signed out everywhere at once.
          const endedSessions = after.disabled === 1 && before.disabled === 0 ? endUserSessions(db, id) : 0;
          const changed: Record<string, { from: unknown; to: unknown }> = {};
          if (before.display_name !== after.display_name)
            changed.displayName = { from: before.display_name, to: after.display_name };
          if (before.role !== after.role) changed.role = { from: before.role, to: after.role };
          if (before.disabled !== after.disabled)
            changed.disabled = { from: before.disabled === 1, to: after.disabled === 1 };
          services.audit({
            actor,
            action: 'user.update',
            target: { type: 'user', id },
            details: { username: after.username, changes: changed, endedSessions },
          });
          return toUser(after);
        })
        .immediate(),

    'users.resetPassword': async ({ id, password }, actor) => {
      getUserRow(db, id);
      const passwordHash = await hashPassword(password);
      return db
        .transaction(() => {
          const row = getUserRow(db, id);
          setPasswordHash(db, id, passwordHash);
          // Every session of the user ends; one's own change keeps the window it was made from.
          const self = actor?.id === id;
          const endedSessions = endUserSessions(db, id, self ? (actor?.sessionHash ?? null) : null);
          services.audit({
            actor,
            action: 'user.resetPassword',
            target: { type: 'user', id },
            details: { username: row.username, self, endedSessions },
          });
          return toUser(findUser(db, id) as UserRow);
        })
        .immediate();
    },
  };
}
