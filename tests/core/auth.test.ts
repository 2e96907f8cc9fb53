import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/contract';
import type { Core } from '../../electron/core/core';
import { ACCESS } from '../../electron/core/access';
import { DATABASE_FILE } from '../../electron/core/db/database';
import { LOCK_AFTER, LOCK_BASE_SECONDS, LOCK_MAX_SECONDS, lockSeconds } from '../../electron/core/handlers/auth';
import { SCRYPT_PARAMS } from '../../electron/core/passwords';
import type { AuditRow } from '../../electron/core/store/audit';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../electron/core/store/sessions';
import {
  cleanupAll,
  createUserAndSignIn,
  fails,
  ok,
  openCore,
  tempDataDir,
  TEST_ADMIN,
  testClock,
  type SignedInUser,
} from '../helpers';

afterAll(cleanupAll);

const HOUR = 60 * 60 * 1000;

function rawDb(core: Core, readonly = true): Database.Database {
  return new Database(core.databasePath as string, { readonly });
}

function audit(core: Core, action: string): (AuditRow & { data: Record<string, unknown> })[] {
  const db = rawDb(core);
  try {
    return (db.prepare('SELECT * FROM audit_log WHERE action = ? ORDER BY id').all(action) as AuditRow[]).map(
      (row) => ({ ...row, data: JSON.parse(row.details) as Record<string, unknown> }),
    );
  } finally {
    db.close();
  }
}

describe('first run', () => {
  it('needs a first administrator; until then only the public channels answer', async () => {
    const core = openCore(tempDataDir(), undefined, { firstAdmin: false });
    expect(await ok(core, 'auth.status', {}, null)).toEqual({ user: null, needsFirstAdmin: true });
    for (const channel of CHANNEL_NAMES.filter((c) => ACCESS[c].rule !== 'public')) {
      const error = await fails(core, channel, {}, null);
      expect(error.code, channel).toBe('AUTH_REQUIRED');
      expect(error.messageEn).toContain('sign in');
    }
    // Sign-in does not exist yet for anybody.
    expect((await fails(core, 'auth.signIn', { username: 'quantri', password: 'bat-ky-mat-khau' }, null)).code).toBe(
      'AUTH_FAILED',
    );

    const created = await ok(
      core,
      'auth.setupFirstAdmin',
      { username: '  QuanTri ', displayName: 'Trần Quản Trị', password: TEST_ADMIN.password },
      null,
    );
    expect(created.user).toMatchObject({
      username: 'quantri',
      displayName: 'Trần Quản Trị',
      role: 'admin',
      disabled: false,
    });
    expect(created.user.lastSignInAt).not.toBeNull();
    expect(created.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const session = created.sessionToken as string;
    expect(await ok(core, 'auth.status', {}, session)).toEqual({ user: created.user, needsFirstAdmin: false });
    expect(await ok(core, 'auth.status', {}, null)).toEqual({ user: null, needsFirstAdmin: false });

    const again = await fails(
      core,
      'auth.setupFirstAdmin',
      { username: 'khac', displayName: 'Người khác', password: 'mat-khau-khac-1' },
      null,
    );
    expect(again.code).toBe('CONFLICT');
    expect((await ok(core, 'users.list', {}, session)).map((u) => u.username)).toEqual(['quantri']);
    expect(audit(core, 'auth.setupFirstAdmin').map((e) => [e.user_id, e.username, e.target_id])).toEqual([
      [created.user.id, 'quantri', created.user.id],
    ]);
    expect(audit(core, 'auth.signIn')).toHaveLength(1);
  });

  it('refuses a short password and an invalid username, naming the field', async () => {
    const core = openCore(tempDataDir(), undefined, { firstAdmin: false });
    expect(
      (
        await fails(core, 'auth.setupFirstAdmin', { username: 'quantri', displayName: 'A', password: 'ngan' }, null)
      ).issues?.map((i) => i.path),
    ).toEqual(['password']);
    expect(
      (
        await fails(
          core,
          'auth.setupFirstAdmin',
          { username: 'có dấu', displayName: 'A', password: 'du-dai-roi' },
          null,
        )
      ).issues?.map((i) => i.path),
    ).toEqual(['username']);
    expect(await ok(core, 'auth.status', {}, null)).toEqual({ user: null, needsFirstAdmin: true });
  });
});

describe('sign-in, failures and lockout', () => {
  let core: Core;
  const clock = testClock();
  let writer: SignedInUser;
  beforeAll(async () => {
    core = openCore(tempDataDir(), undefined, { clock: clock.now });
    writer = await createUserAndSignIn(core, 'writer', 'phongvien', 'Lam Nguyễn');
  }, 30_000);

  it('signs in and out; a signed-out session is refused, saying it has ended', async () => {
    const signed = await ok(core, 'auth.signIn', { username: 'PhongVien', password: writer.password }, null);
    expect(signed.user).toMatchObject({ id: writer.user.id, role: 'writer', lastSignInAt: clock.now().toISOString() });
    const token = signed.sessionToken as string;
    expect(token).not.toBe(writer.session);
    expect((await ok(core, 'auth.status', {}, token)).user?.id).toBe(writer.user.id);
    expect(await ok(core, 'auth.signOut', {}, token)).toEqual({ signedOut: true });
    const after = await fails(core, 'articles.list', {}, token);
    expect(after.code).toBe('AUTH_REQUIRED');
    expect(after.message).toContain('Phiên đăng nhập đã kết thúc');
    expect(after.messageEn).toContain('session has ended');
    expect(await ok(core, 'auth.signOut', {}, token)).toEqual({ signedOut: false });
    expect(await ok(core, 'auth.status', {}, token)).toEqual({ user: null, needsFirstAdmin: false });
    // The writer's first session is another session: still open.
    expect((await ok(core, 'auth.status', {}, writer.session)).user?.id).toBe(writer.user.id);
    expect(audit(core, 'auth.signOut').at(-1)).toMatchObject({ user_id: writer.user.id, username: 'phongvien' });
    expect(audit(core, 'auth.sessionInvalid').at(-1)?.data).toEqual({ channel: 'articles.list' });
  });

  it('answers a wrong password and an unknown user alike and logs both', async () => {
    const wrong = await fails(core, 'auth.signIn', { username: 'phongvien', password: 'khong-dung-dau' }, null);
    const unknown = await fails(core, 'auth.signIn', { username: 'khong-ai-ca', password: 'khong-dung-dau' }, null);
    expect(wrong).toEqual(unknown);
    expect(wrong.code).toBe('AUTH_FAILED');
    expect(wrong.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    const failed = audit(core, 'auth.signInFailed');
    expect(failed.at(-2)).toMatchObject({
      user_id: writer.user.id,
      username: 'phongvien',
      data: { reason: 'wrongPassword', failures: 1 },
    });
    expect(failed.at(-1)).toMatchObject({ user_id: null, username: 'khong-ai-ca', data: { reason: 'unknownUser' } });
    // The failure count is reset by the next good sign-in.
    await ok(core, 'auth.signIn', { username: 'phongvien', password: writer.password }, null);
  });

  it(`locks after ${LOCK_AFTER} failures for ${LOCK_BASE_SECONDS} s, doubling up to ${LOCK_MAX_SECONDS / 60} minutes; a good sign-in resets it`, async () => {
    expect([4, 5, 6, 7, 8, 9, 10, 11, 50].map(lockSeconds)).toEqual([0, 30, 60, 120, 240, 480, 900, 900, 900]);
    const attempt = (password: string) =>
      core.invoke('auth.signIn', { username: 'phongvien', password }, { sessionToken: null });
    for (let n = 1; n < LOCK_AFTER; n += 1)
      expect(await attempt('sai-mat-khau')).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    const locked = await fails(core, 'auth.signIn', { username: 'phongvien', password: 'sai-mat-khau' }, null);
    expect(locked.code).toBe('AUTH_LOCKED');
    expect(locked.message).toContain('30 giây');
    expect(locked.messageEn).toContain('30 s');
    expect(audit(core, 'auth.locked').at(-1)).toMatchObject({
      user_id: writer.user.id,
      data: { failures: 5, seconds: 30 },
    });

    // While locked even the right password is refused, with the seconds left.
    clock.advance(20_000);
    const still = await fails(core, 'auth.signIn', { username: 'phongvien', password: writer.password }, null);
    expect(still.code).toBe('AUTH_LOCKED');
    expect(still.messageEn).toContain('10 s');
    expect(audit(core, 'auth.signInFailed').at(-1)?.data).toMatchObject({ reason: 'locked', secondsLeft: 10 });

    // Each further failure after the lock doubles it, up to the cap.
    for (const seconds of [60, 120, 240, 480, 900, 900]) {
      clock.advance(LOCK_MAX_SECONDS * 1000 + 1000);
      const error = await fails(core, 'auth.signIn', { username: 'phongvien', password: 'van-sai-mat-khau' }, null);
      expect(error.code).toBe('AUTH_LOCKED');
      expect(error.messageEn).toContain(`${seconds} s`);
    }
    expect(
      audit(core, 'auth.locked')
        .slice(-7)
        .map((e) => e.data.seconds),
    ).toEqual([30, 60, 120, 240, 480, 900, 900]);

    clock.advance(LOCK_MAX_SECONDS * 1000 + 1000);
    const back = await ok(core, 'auth.signIn', { username: 'phongvien', password: writer.password }, null);
    expect(back.user.id).toBe(writer.user.id);
    // Reset: one wrong password is a plain failure again.
    expect(await attempt('sai-lan-nua')).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    await ok(core, 'auth.signIn', { username: 'phongvien', password: writer.password }, null);
  }, 30_000);

  it('locks an unknown username the same way, so AUTH_LOCKED does not tell which usernames exist', async () => {
    const answers = [];
    for (let n = 1; n <= LOCK_AFTER + 1; n += 1)
      answers.push(
        await core.invoke('auth.signIn', { username: 'khong-ton-tai', password: 'doan-mo' }, { sessionToken: null }),
      );
    const codes = answers.map((a) => (a.ok ? 'ok' : a.error.code));
    expect(codes).toEqual([...Array<string>(LOCK_AFTER - 1).fill('AUTH_FAILED'), 'AUTH_LOCKED', 'AUTH_LOCKED']);
    const last = answers.at(-1);
    expect(last && !last.ok && last.error.messageEn).toContain('30 s');
    clock.advance(31_000);
    expect(
      (await fails(core, 'auth.signIn', { username: 'khong-ton-tai', password: 'doan-mo' }, null)).messageEn,
    ).toContain('60 s');
    // No user was created or locked by it.
    expect((await ok(core, 'auth.signIn', { username: 'phongvien', password: writer.password }, null)).user.id).toBe(
      writer.user.id,
    );
  });

  it('ends an idle session after 12 hours (sliding) and any session after 7 days, logging it once', async () => {
    const signed = await ok(core, 'auth.signIn', { username: 'phongvien', password: writer.password }, null);
    const token = signed.sessionToken as string;
    // Used every 11 hours, it lives on ...
    let elapsed = 0;
    while (elapsed + 11 * HOUR < SESSION_MAX_MS) {
      clock.advance(11 * HOUR);
      elapsed += 11 * HOUR;
      expect((await ok(core, 'workflow.counts', {}, token)).pendingReview).toBe(0);
    }
    // ... but not past 7 days after sign-in.
    clock.advance(SESSION_MAX_MS - elapsed + 1000);
    const expired = await fails(core, 'workflow.counts', {}, token);
    expect(expired.code).toBe('AUTH_REQUIRED');
    expect(expired.messageEn).toContain('session has ended');
    expect(audit(core, 'auth.sessionExpired').at(-1)).toMatchObject({
      user_id: writer.user.id,
      data: { reason: 'expired' },
    });

    const idle = (await ok(core, 'auth.signIn', { username: 'phongvien', password: writer.password }, null))
      .sessionToken as string;
    clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await ok(core, 'auth.status', {}, idle)).user?.id).toBe(writer.user.id);
    clock.advance(SESSION_IDLE_MS + 1000);
    const expiredCount = audit(core, 'auth.sessionExpired').length;
    expect((await fails(core, 'articles.list', {}, idle)).code).toBe('AUTH_REQUIRED');
    expect((await fails(core, 'articles.list', {}, idle)).code).toBe('AUTH_REQUIRED');
    expect(audit(core, 'auth.sessionExpired').length).toBe(expiredCount + 1);
    // A public channel just sees nobody.
    expect(await ok(core, 'auth.status', {}, idle)).toEqual({ user: null, needsFirstAdmin: false });
    // The administrator's session of the helpers expired as well: sign in again for what follows.
    expect((await fails(core, 'users.list', {})).code).toBe('AUTH_REQUIRED');
  }, 30_000);
});

describe('the administrator manages users', () => {
  let core: Core;
  let admin: string;
  let writer: SignedInUser;
  beforeAll(async () => {
    core = openCore(tempDataDir());
    writer = await createUserAndSignIn(core, 'writer', 'phongvien', 'Lam Nguyễn');
    admin = (await ok(core, 'auth.signIn', { username: TEST_ADMIN.username, password: TEST_ADMIN.password }, null))
      .sessionToken as string;
  }, 30_000);

  it('creates users; a taken username is a CONFLICT', async () => {
    const created = await ok(
      core,
      'users.create',
      { username: 'BienTap', displayName: 'Biên Tập', role: 'editor', password: 'mat-khau-bien-tap' },
      admin,
    );
    expect(created).toMatchObject({ username: 'bientap', role: 'editor', disabled: false, lastSignInAt: null });
    const taken = await fails(
      core,
      'users.create',
      { username: 'bientap', displayName: 'Khác', role: 'writer', password: 'mat-khau-khac-1' },
      admin,
    );
    expect(taken.code).toBe('CONFLICT');
    expect(taken.message).toContain('bientap');
    expect(audit(core, 'user.create').at(-1)).toMatchObject({
      username: TEST_ADMIN.username,
      target_id: created.id,
      data: { username: 'bientap', role: 'editor' },
    });
    expect(JSON.stringify(audit(core, 'user.create'))).not.toContain('mat-khau-bien-tap');
  });

  it('disables a user: their sessions end and they cannot sign in; re-enabled, they can', async () => {
    const extra = await ok(core, 'auth.signIn', { username: 'phongvien', password: writer.password }, null);
    const disabled = await ok(core, 'users.update', { id: writer.user.id, changes: { disabled: true } }, admin);
    expect(disabled.disabled).toBe(true);
    for (const token of [writer.session, extra.sessionToken as string]) {
      const error = await fails(core, 'articles.list', {}, token);
      expect(error.code).toBe('AUTH_REQUIRED');
      expect(error.messageEn).toContain('session has ended');
    }
    const refused = await fails(core, 'auth.signIn', { username: 'phongvien', password: writer.password }, null);
    expect(refused.code).toBe('AUTH_FAILED');
    expect(refused.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(audit(core, 'auth.signInFailed').at(-1)).toMatchObject({
      user_id: writer.user.id,
      data: { reason: 'disabled' },
    });
    expect(audit(core, 'user.update').at(-1)?.data).toMatchObject({
      changes: { disabled: { from: false, to: true } },
      endedSessions: 2,
    });

    await ok(core, 'users.update', { id: writer.user.id, changes: { disabled: false } }, admin);
    writer.session = (await ok(core, 'auth.signIn', { username: 'phongvien', password: writer.password }, null))
      .sessionToken as string;
    expect((await ok(core, 'auth.status', {}, writer.session)).user?.disabled).toBe(false);
  });

  it('changes a role, effective at the next call of the same session', async () => {
    expect((await fails(core, 'categories.create', { name: 'Thời sự' }, writer.session)).code).toBe('FORBIDDEN');
    await ok(
      core,
      'users.update',
      { id: writer.user.id, changes: { role: 'admin', displayName: 'Lam Nguyễn (QT)' } },
      admin,
    );
    expect((await ok(core, 'categories.create', { name: 'Thời sự' }, writer.session)).name).toBe('Thời sự');
    await ok(core, 'users.update', { id: writer.user.id, changes: { role: 'writer' } }, admin);
    expect((await fails(core, 'categories.create', { name: 'Kinh tế' }, writer.session)).code).toBe('FORBIDDEN');
    expect(audit(core, 'user.update').at(-2)?.data).toMatchObject({
      changes: { role: { from: 'writer', to: 'admin' }, displayName: { to: 'Lam Nguyễn (QT)' } },
    });
  });

  it('resets a password: the old one stops working and every session of that user ends', async () => {
    const reset = await ok(core, 'users.resetPassword', { id: writer.user.id, password: 'mat-khau-moi-123' }, admin);
    expect(reset.id).toBe(writer.user.id);
    expect((await fails(core, 'articles.list', {}, writer.session)).code).toBe('AUTH_REQUIRED');
    expect((await fails(core, 'auth.signIn', { username: 'phongvien', password: writer.password }, null)).code).toBe(
      'AUTH_FAILED',
    );
    writer.password = 'mat-khau-moi-123';
    writer.session = (await ok(core, 'auth.signIn', { username: 'phongvien', password: writer.password }, null))
      .sessionToken as string;
    expect(audit(core, 'user.resetPassword').at(-1)).toMatchObject({
      username: TEST_ADMIN.username,
      target_id: writer.user.id,
      data: { self: false, endedSessions: 1 },
    });
  });

  it("lets a user reset their own password (keeping this window), and nobody else's", async () => {
    const other = (await ok(core, 'auth.signIn', { username: 'phongvien', password: writer.password }, null))
      .sessionToken as string;
    await ok(core, 'users.resetPassword', { id: writer.user.id, password: 'mat-khau-cua-toi' }, writer.session);
    writer.password = 'mat-khau-cua-toi';
    expect((await ok(core, 'auth.status', {}, writer.session)).user?.id).toBe(writer.user.id);
    expect((await fails(core, 'articles.list', {}, other)).code).toBe('AUTH_REQUIRED');
    const adminId = (await ok(core, 'auth.status', {}, admin)).user?.id as number;
    const denied = await fails(
      core,
      'users.resetPassword',
      { id: adminId, password: 'chiem-quyen-quan-tri' },
      writer.session,
    );
    expect(denied.code).toBe('FORBIDDEN');
    expect(denied.messageEn).toContain('only their own password');
    expect(audit(core, 'access.denied').at(-1)).toMatchObject({
      user_id: writer.user.id,
      target_type: 'user',
      target_id: adminId,
      data: { channel: 'users.resetPassword' },
    });
    // The administrator's password still works.
    await ok(core, 'auth.signIn', { username: TEST_ADMIN.username, password: TEST_ADMIN.password }, null);
  });

  it('never disables or demotes the last enabled administrator', async () => {
    const me = (await ok(core, 'auth.status', {}, admin)).user?.id as number;
    for (const changes of [
      { disabled: true },
      { role: 'editor' as const },
      { role: 'writer' as const, disabled: true },
    ]) {
      const error = await fails(core, 'users.update', { id: me, changes }, admin);
      expect(error.code, JSON.stringify(changes)).toBe('CONFLICT');
      expect(error.messageEn).toContain('only enabled administrator');
    }
    // With a second administrator the first may step down; then the second is the last one.
    const second = await ok(
      core,
      'users.create',
      { username: 'quantri2', displayName: 'QT 2', role: 'admin', password: 'mat-khau-qt-2' },
      admin,
    );
    expect((await ok(core, 'users.update', { id: me, changes: { role: 'editor' } }, admin)).role).toBe('editor');
    expect((await fails(core, 'users.list', {}, admin)).code).toBe('FORBIDDEN');
    const secondSession = (await ok(core, 'auth.signIn', { username: 'quantri2', password: 'mat-khau-qt-2' }, null))
      .sessionToken as string;
    expect(
      (await fails(core, 'users.update', { id: second.id, changes: { disabled: true } }, secondSession)).code,
    ).toBe('CONFLICT');
    // A disabled admin does not count.
    await ok(core, 'users.update', { id: me, changes: { role: 'admin' } }, secondSession);
    await ok(core, 'users.update', { id: me, changes: { disabled: true } }, secondSession);
    expect(
      (await fails(core, 'users.update', { id: second.id, changes: { role: 'writer' } }, secondSession)).code,
    ).toBe('CONFLICT');
    await ok(core, 'users.update', { id: me, changes: { disabled: false } }, secondSession);
    admin = (await ok(core, 'auth.signIn', { username: TEST_ADMIN.username, password: TEST_ADMIN.password }, null))
      .sessionToken as string;
    expect((await fails(core, 'users.update', { id: 999_999, changes: { disabled: true } }, admin)).code).toBe(
      'NOT_FOUND',
    );
    expect((await fails(core, 'users.resetPassword', { id: 999_999, password: 'mat-khau-du-dai' }, admin)).code).toBe(
      'NOT_FOUND',
    );
  }, 30_000);

  it('refuses forged identities in payloads (owner, user, author, role), and logs them', async () => {
    const before = audit(core, 'access.forgedField').length;
    const attempts: [string, unknown, string][] = [
      ['articles.create', { title: 'Bài giả danh', ownerId: 1 }, 'ownerId'],
      ['articles.create', { title: 'Bài giả danh', userId: 1 }, 'userId'],
      ['articles.update', { id: 1, baseVersion: 1, changes: { ownerId: 1 } }, 'ownerId'],
      ['articles.transition', { id: 1, baseVersion: 1, action: 'approve', role: 'editor' }, 'role'],
      ['comments.add', { articleId: 1, body: 'x', authorId: 1 }, 'authorId'],
      ['auth.signIn', { username: 'phongvien', password: writer.password, role: 'admin' }, 'role'],
      ['users.resetPassword', { id: writer.user.id, password: 'mat-khau-moi-456', userId: 1 }, 'userId'],
      ['workflow.counts', { userId: 1 }, 'userId'],
      ['settings.update', { language: 'en', sessionToken: 'x' }, 'sessionToken'],
    ];
    for (const [channel, payload, field] of attempts) {
      const error = await fails(core, channel, payload, writer.session);
      expect(error.code, channel).toBe('VALIDATION');
      expect(error.messageEn, channel).toContain(field);
      expect(error.message, channel).toContain(field);
    }
    const logged = audit(core, 'access.forgedField').slice(before);
    expect(logged.map((e) => [e.user_id, e.data.channel, e.data.fields])).toEqual(
      attempts.map(([channel, , field]) => [writer.user.id, channel, [field]]),
    );
    // The roles may not be forged either: a writer creating an admin is refused before the input is read.
    expect(
      (
        await fails(
          core,
          'users.create',
          { username: 'gia', displayName: 'Giả', role: 'admin', password: 'mat-khau-gia-1' },
          writer.session,
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect((await ok(core, 'articles.list', {}, writer.session)).total).toBe(0);
    expect((await ok(core, 'settings.get', {}, null)).language).toBe('vi');
  });
});

describe('what is stored', () => {
  it('keeps passwords only as scrypt hashes and sessions only as SHA-256 of their tokens', async () => {
    const dir = tempDataDir();
    const core = openCore(dir);
    const writer = await createUserAndSignIn(core, 'writer', 'phongvien');
    const db = rawDb(core);
    const users = db.prepare('SELECT username, password_hash FROM users').all() as {
      username: string;
      password_hash: string;
    }[];
    const sessions = db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
    db.close();
    const { N, r, p } = SCRYPT_PARAMS;
    expect(N).toBe(2 ** 15);
    for (const user of users) {
      expect(user.password_hash).toMatch(
        new RegExp(`^scrypt\\$${N}\\$${r}\\$${p}\\$[A-Za-z0-9+/]{22}==\\$[A-Za-z0-9+/]{86}==$`),
      );
      // A 16-byte salt, a 64-byte key.
      const [, , , , salt, key] = user.password_hash.split('$');
      expect(Buffer.from(salt as string, 'base64').length).toBe(16);
      expect(Buffer.from(key as string, 'base64').length).toBe(64);
    }
    expect(new Set(users.map((u) => u.password_hash)).size).toBe(users.length);
    expect(sessions.map((s) => s.token_hash)).toContain(
      crypto.createHash('sha256').update(writer.session).digest('hex'),
    );
    // Neither a password nor a session token is anywhere in the database files (the WAL included).
    const bytes = Buffer.concat(
      fs
        .readdirSync(dir)
        .filter((f) => f.startsWith(DATABASE_FILE))
        .map((f) => fs.readFileSync(path.join(dir, f))),
    );
    for (const secret of [writer.password, TEST_ADMIN.password, writer.session])
      expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
  });
});

describe('the audit log', () => {
  let core: Core;
  const clock = testClock('2030-03-23T01:05:07.000Z');
  let writer: SignedInUser;
  beforeAll(async () => {
    core = openCore(tempDataDir(), undefined, { clock: clock.now });
    writer = await createUserAndSignIn(core, 'writer', 'phongvien', 'Lam Nguyễn');
  }, 30_000);

  it('is append-only: SQLite refuses UPDATE and DELETE of its rows', () => {
    const db = rawDb(core, false);
    try {
      expect((db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBeGreaterThan(0);
      expect(() => db.prepare("UPDATE audit_log SET action = 'khac'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow(/append-only/);
      expect(() =>
        db.prepare("INSERT INTO audit_log (at, action, details) VALUES ('x', 'y', 'not json')").run(),
      ).toThrow();
    } finally {
      db.close();
    }
  });

  it('records the changes of articles, categories, settings, the portal and the demo, with who and when', async () => {
    const article = await ok(core, 'articles.create', { title: 'Bài nhật ký' }, writer.session);
    await ok(core, 'articles.trash', { id: article.id }, writer.session);
    await ok(core, 'articles.restore', { id: article.id }, writer.session);
    await ok(core, 'articles.trash', { id: article.id });
    await ok(core, 'articles.purge', { id: article.id });
    const category = await ok(core, 'categories.create', { name: 'Thông báo' });
    await ok(core, 'categories.update', { id: category.id, changes: { name: 'Thông báo mới' } });
    await ok(core, 'categories.delete', { id: category.id });
    await ok(core, 'settings.update', { language: 'en' }, null);
    await ok(core, 'settings.update', { language: 'vi' });
    await ok(core, 'portal.update', {
      name: 'Cổng TTĐT',
      address: 'Khóm 1',
      phone: '0291',
      fax: '',
      responsible: 'Ông A',
    });
    const demo = await ok(core, 'setup.loadDemo', {});
    const items = (await ok(core, 'audit.list', { limit: 500 })).items;
    const byAction = (action: string) => items.filter((e) => e.action === action);
    expect(byAction('article.create')[0]).toMatchObject({
      username: 'phongvien',
      targetType: 'article',
      targetId: article.id,
      at: clock.now().toISOString(),
    });
    expect(byAction('article.trash').map((e) => e.username)).toEqual([TEST_ADMIN.username, 'phongvien']);
    expect(byAction('article.restore')).toHaveLength(1);
    expect(JSON.parse(byAction('article.purge')[0]?.details ?? '{}')).toEqual({ title: 'Bài nhật ký' });
    expect(['category.create', 'category.update', 'category.delete'].map((a) => byAction(a).length)).toEqual([1, 1, 1]);
    expect(byAction('settings.update').map((e) => [e.username, JSON.parse(e.details) as unknown])).toEqual([
      [TEST_ADMIN.username, { changes: { language: { from: 'en', to: 'vi' } } }],
      [null, { changes: { language: { from: 'vi', to: 'en' } } }],
    ]);
    expect(JSON.parse(byAction('portal.update')[0]?.details ?? '{}')).toMatchObject({ name: 'Cổng TTĐT' });
    expect(byAction('setup.loadDemo')[0]).toMatchObject({ username: TEST_ADMIN.username, targetId: demo.articleId });
    // The demo's article belongs to the administrator who loaded it.
    expect((await ok(core, 'articles.get', { id: demo.articleId })).ownerName).toBe('Trần Quản Trị');
  });

  it('filters by user, action prefix and time, and pages newest first; admins only', async () => {
    clock.advance(HOUR);
    const mark = clock.now().toISOString();
    await ok(core, 'articles.create', { title: 'Sau mốc giờ' }, writer.session);
    const mine = await ok(core, 'audit.list', { userId: writer.user.id });
    expect(mine.items.every((e) => e.userId === writer.user.id)).toBe(true);
    expect(mine.items[0]?.action).toBe('article.create');
    const auth = await ok(core, 'audit.list', { action: 'auth.' });
    expect(auth.items.length).toBeGreaterThan(0);
    expect(auth.items.every((e) => e.action.startsWith('auth.'))).toBe(true);
    const since = await ok(core, 'audit.list', { from: mark.replace('Z', '+00:00') });
    expect(since.items.map((e) => e.action)).toEqual(['article.create']);
    const until = await ok(core, 'audit.list', { to: '2030-03-23T08:05:07+07:00' });
    expect(until.items.every((e) => e.at <= '2030-03-23T01:05:07.000Z')).toBe(true);
    const all = await ok(core, 'audit.list', {});
    const page = await ok(core, 'audit.list', { offset: 2, limit: 3 });
    expect(page.total).toBe(all.total);
    expect(page.items.map((e) => e.id)).toEqual(all.items.slice(2, 5).map((e) => e.id));
    expect([...all.items.map((e) => e.id)].sort((a, b) => b - a)).toEqual(all.items.map((e) => e.id));
    expect((await fails(core, 'audit.list', {}, writer.session)).code).toBe('FORBIDDEN');
    expect((await fails(core, 'audit.exportCsv', {}, writer.session)).code).toBe('FORBIDDEN');
    expect((await fails(core, 'audit.list', {}, null)).code).toBe('AUTH_REQUIRED');
  });

  it('exports CSV: BOM, readable header, RFC 4180 quoting, CRLF, Vietnam time, formulas defused, raw details last', async () => {
    // A name typed at a failed sign-in is stored as typed: it must not run as a spreadsheet formula.
    await fails(core, 'auth.signIn', { username: '=hyperlink("x")', password: 'sai-mat-khau' }, null);
    const { csv, rows } = await ok(core, 'audit.exportCsv', { action: 'auth.signInFailed' });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(
      'Thời gian (giờ Việt Nam),Người thực hiện,Hoạt động,Bài viết,Diễn giải,Chi tiết (dữ liệu gốc)',
    );
    expect(rows).toBe(lines.length - 2);
    const last = lines.at(-2) as string;
    // 01:05:07 UTC plus the hour above is 09:05:07 in Vietnam.
    expect(last).toBe(
      '23/03/2030 09:05:07,"\'=hyperlink(""x"")",Đăng nhập sai,,' +
        '"Có người đăng nhập bằng tên «=hyperlink(""x"")», không có trong hệ thống.","{""reason"":""unknownUser""}"',
    );
    // The export is itself recorded, after the rows it exported.
    const exported = (await ok(core, 'audit.list', { action: 'audit.export', limit: 1 })).items[0];
    expect(JSON.parse(exported?.details ?? '{}')).toEqual({ filter: { action: 'auth.signInFailed' }, rows });
    // The header follows the workstation's language.
    await ok(core, 'settings.update', { language: 'en' });
    const english = await ok(core, 'audit.exportCsv', { action: 'nothing.like.this' });
    expect(english).toEqual({
      csv: '\uFEFFTime (Vietnam),Done by,Action,Article,What happened,Details (raw)\r\n',
      rows: 0,
    });
  });
});
