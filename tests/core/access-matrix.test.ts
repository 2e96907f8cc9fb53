/**
 * The whole access policy, role by channel, through the contract. Every channel has a row (a Record over the channel
 * names, and checked at run time too), so a new channel without one fails here. Each case runs on its own copy of one
 * prepared database file: the accounts and their sessions are in it, so no case pays for scrypt again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, type ChannelName } from '../../shared/contract';
import type { ErrorCode } from '../../shared/contract/errors';
import type { Core } from '../../electron/core/core';
import { ACCESS } from '../../electron/core/access';
import { DATABASE_FILE } from '../../electron/core/db/database';
import { makeTestCa, pkcs12Of } from '../support/test-ca';
import { pdfWithText } from '../support/attachment-files';
import { adminSession, BODY_JSON, createUserAndSignIn, ok, openCore, tempDataDir, TEST_ADMIN } from '../helpers';

const PRINCIPALS = ['anonymous', 'writer', 'writerOthers', 'writerOwnPending', 'editor', 'leader', 'admin'] as const;
type Principal = (typeof PRINCIPALS)[number];
type Outcome = 'ok' | ErrorCode;
type Expect = Record<Principal, Outcome>;

interface Fixture {
  dir: string;
  sessions: Record<'writer' | 'otherWriter' | 'editor' | 'leader' | 'admin', string>;
  users: Record<'writer' | 'otherWriter' | 'editor' | 'leader' | 'admin', number>;
  /** The writer's draft, the other writer's draft, the writer's article waiting for review. */
  articles: Record<'ownDraft' | 'othersDraft' | 'ownPending', number>;
  emptyCategory: number;
  pngBase64: string;
  /** A test CA's certificate, and an approver's PKCS#12 file it issued (password 'mat-khau-p12'). */
  caPem: string;
  p12Base64: string;
}

let fx: Fixture;

beforeAll(async () => {
  const dir = tempDataDir('toasoan-access-');
  const core = openCore(dir);
  const admin = (await adminSession(core)) as string;
  const writer = await createUserAndSignIn(core, 'writer', 'phongvien', 'Lam Nguyễn');
  const otherWriter = await createUserAndSignIn(core, 'writer', 'congtacvien', 'Cẩm Tú');
  const editor = await createUserAndSignIn(core, 'editor', 'bientap', 'Biên Tập');
  const leader = await createUserAndSignIn(core, 'leader', 'lanhdao', 'Lê Minh Tâm');
  const ca = await makeTestCa();
  const signer = await ca.issue('Lê Minh Tâm');
  const category = await ok(core, 'categories.create', { name: 'Thời sự' });
  const empty = await ok(core, 'categories.create', { name: 'Chuyên mục trống' });
  const draft = async (session: string, title: string) => {
    const created = await ok(core, 'articles.create', { title, categoryId: category.id, bodyJson: BODY_JSON }, session);
    // A second version, so every article has a revision (version 1) to read, diff and restore.
    return ok(core, 'articles.update', { id: created.id, baseVersion: 1, changes: { lead: 'Tóm tắt' } }, session);
  };
  const ownDraft = await draft(writer.session, 'Bài nháp của phóng viên');
  const othersDraft = await draft(otherWriter.session, 'Bài nháp của cộng tác viên');
  const pending = await draft(writer.session, 'Bài chờ duyệt của phóng viên');
  await ok(
    core,
    'articles.transition',
    { id: pending.id, baseVersion: pending.version, action: 'submit' },
    writer.session,
  );
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();
  core.close();
  expect(
    fs.readdirSync(dir).filter((f) => f.startsWith(`${DATABASE_FILE}-`) && fs.statSync(path.join(dir, f)).size > 0),
  ).toEqual([]);
  fx = {
    dir,
    sessions: {
      writer: writer.session,
      otherWriter: otherWriter.session,
      editor: editor.session,
      leader: leader.session,
      admin,
    },
    users: {
      writer: writer.user.id,
      otherWriter: otherWriter.user.id,
      editor: editor.user.id,
      leader: leader.user.id,
      admin: 1,
    },
    articles: { ownDraft: ownDraft.id, othersDraft: othersDraft.id, ownPending: pending.id },
    emptyCategory: empty.id,
    pngBase64: png.toString('base64'),
    caPem: ca.certPem,
    p12Base64: pkcs12Of(signer, ca, 'mat-khau-p12'),
  };
}, 60_000);

/** A core on a fresh copy of the fixture's database; nobody signs in (the sessions are in the copy). */
function copyCore(): Core {
  const dir = tempDataDir('toasoan-access-case-');
  fs.copyFileSync(path.join(fx.dir, DATABASE_FILE), path.join(dir, DATABASE_FILE));
  return openCore(dir, undefined, { firstAdmin: false });
}

function sessionOf(who: Principal): string | null {
  if (who === 'anonymous') return null;
  if (who === 'editor') return fx.sessions.editor;
  if (who === 'leader') return fx.sessions.leader;
  if (who === 'admin') return fx.sessions.admin;
  return fx.sessions.writer;
}

function selfOf(who: Principal): number {
  if (who === 'editor') return fx.users.editor;
  if (who === 'leader') return fx.users.leader;
  if (who === 'admin') return fx.users.admin;
  return fx.users.writer;
}

type ArticleKey = keyof Fixture['articles'];

/** The article each principal acts on by default: writers their own draft, another's draft, their own pending one. */
function defaultTarget(who: Principal): ArticleKey {
  if (who === 'writerOthers') return 'othersDraft';
  if (who === 'writerOwnPending') return 'ownPending';
  return 'ownDraft';
}

interface Target {
  id: number;
  version: number;
  self: number;
}

interface Row {
  label?: string;
  /** The article to act on, when not the default one. */
  target?: (who: Principal) => ArticleKey;
  /** Runs first, as the administrator, on the copy. */
  prepare?: (core: Core, t: Target) => Promise<void>;
  payload: (t: Target) => unknown;
  expect: Expect;
}

const all = (outcome: Outcome): Expect => ({
  anonymous: outcome,
  writer: outcome,
  writerOthers: outcome,
  writerOwnPending: outcome,
  editor: outcome,
  leader: outcome,
  admin: outcome,
});
const PUBLIC = all('ok');
const SIGNED_IN: Expect = { ...all('ok'), anonymous: 'AUTH_REQUIRED' };
const ADMIN_ONLY: Expect = { ...all('FORBIDDEN'), anonymous: 'AUTH_REQUIRED', admin: 'ok' };
const EDITORS: Expect = { ...all('FORBIDDEN'), anonymous: 'AUTH_REQUIRED', editor: 'ok', admin: 'ok' };
/** Those who may decide at a step of an approval chain. */
const APPROVERS: Expect = { ...EDITORS, leader: 'ok' };
/** Writers: only their own draft or returned article; the approving leader: none. */
const ARTICLE_EDIT: Expect = {
  anonymous: 'AUTH_REQUIRED',
  writer: 'ok',
  writerOthers: 'FORBIDDEN',
  writerOwnPending: 'FORBIDDEN',
  editor: 'ok',
  leader: 'FORBIDDEN',
  admin: 'ok',
};

const asAdmin = async <C extends ChannelName>(core: Core, channel: C, payload: unknown) => {
  const result = await core.invoke(channel, payload, { sessionToken: fx.sessions.admin });
  if (!result.ok) throw new Error(`prepare ${channel}: ${result.error.messageEn}`);
  return result.value;
};
const trash = async (core: Core, t: Target) => {
  await asAdmin(core, 'articles.trash', { id: t.id });
};
/** The target and job a row's prepare made on its copy (the queue is not running: jobs stay where they are put). */
const prepared = { target: 0, job: 0, record: 0, trust: 0, attachment: 0 };
const PDF_BASE64 = pdfWithText().toString('base64');
/** A document attached to the article (as the administrator), for the rows that change one. */
const attach = async (core: Core, t: Target) => {
  const added = (await asAdmin(core, 'attachments.add', { id: t.id, fileName: 'qd.pdf', dataBase64: PDF_BASE64 })) as {
    id: number;
  };
  prepared.attachment = added.id;
};
const siteFolder = () => path.join(os.tmpdir(), `toasoan-matrix-site-${process.pid}`);
const addTarget = async (core: Core) => {
  prepared.target = (
    (await asAdmin(core, 'targets.create', {
      kind: 'static-site',
      name: 'Trang tĩnh',
      config: { folder: siteFolder() },
    })) as { id: number }
  ).id;
};
/** A static-site target and the pending job that publishing the article queued for it. */
const queuePublication = async (core: Core, t: Target) => {
  await addTarget(core);
  const approved = (await asAdmin(core, 'articles.transition', {
    id: t.id,
    baseVersion: t.version,
    action: 'approve',
  })) as { version: number };
  await asAdmin(core, 'articles.transition', { id: t.id, baseVersion: approved.version, action: 'publish' });
  const { jobs } = (await asAdmin(core, 'publish.jobs', { articleId: t.id })) as { jobs: { id: number }[] };
  prepared.job = (jobs[0] as { id: number }).id;
};

/** The folder and archive a backup row's prepare made (each in a temp folder of its own). */
const backups = { folder: '', file: '' };
const backupFolder = async () => {
  backups.folder = tempDataDir('toasoan-matrix-backup-');
};
const takeBackup = async (core: Core) => {
  await backupFolder();
  backups.file = ((await asAdmin(core, 'backup.create', { folder: backups.folder })) as { file: string }).file;
};

const MATRIX: Record<ChannelName, Row | Row[]> = {
  'app.info': { payload: () => ({}), expect: PUBLIC },
  'settings.get': { payload: () => ({}), expect: PUBLIC },
  'settings.update': { payload: () => ({ language: 'en' }), expect: PUBLIC },
  'auth.status': { payload: () => ({}), expect: PUBLIC },
  // Public, but the workstation has its administrator already.
  'auth.setupFirstAdmin': {
    payload: () => ({ username: 'quantri-moi', displayName: 'Mới', password: 'mat-khau-moi-1' }),
    expect: all('CONFLICT'),
  },
  'auth.signIn': { payload: () => ({ username: TEST_ADMIN.username, password: TEST_ADMIN.password }), expect: PUBLIC },
  'auth.signOut': { payload: () => ({}), expect: PUBLIC },

  'articles.list': { payload: () => ({}), expect: SIGNED_IN },
  'articles.get': { payload: (t) => ({ id: t.id }), expect: SIGNED_IN },
  'articles.revisions': { payload: (t) => ({ id: t.id }), expect: SIGNED_IN },
  'articles.revision': { payload: (t) => ({ id: t.id, version: 1 }), expect: SIGNED_IN },
  'articles.diff': { payload: (t) => ({ id: t.id, from: 1, to: t.version }), expect: SIGNED_IN },
  'articles.history': { payload: (t) => ({ id: t.id }), expect: SIGNED_IN },
  'categories.list': { payload: () => ({}), expect: SIGNED_IN },
  'portal.get': { payload: () => ({}), expect: SIGNED_IN },
  'preview.articleHtml': { payload: (t) => ({ id: t.id }), expect: SIGNED_IN },
  'preview.page': { payload: (t) => ({ id: t.id }), expect: SIGNED_IN },
  'comments.list': { payload: (t) => ({ articleId: t.id }), expect: SIGNED_IN },
  'workflow.counts': { payload: () => ({}), expect: SIGNED_IN },
  'media.import': { payload: () => ({ fileName: 'anh.png', dataBase64: fx.pngBase64 }), expect: SIGNED_IN },
  'attachments.list': { payload: (t) => ({ articleId: t.id }), expect: SIGNED_IN },
  'setup.status': { payload: () => ({}), expect: SIGNED_IN },
  'articles.create': { payload: () => ({ title: 'Bài mới' }), expect: SIGNED_IN },
  // Anyone signed in comments, on any article (another writer's included).
  'comments.add': { payload: (t) => ({ articleId: t.id, body: 'Góp ý' }), expect: SIGNED_IN },

  'articles.update': {
    payload: (t) => ({ id: t.id, baseVersion: t.version, changes: { lead: 'Sửa' } }),
    expect: ARTICLE_EDIT,
  },
  'articles.saveBody': {
    payload: (t) => ({ id: t.id, baseVersion: t.version, keepStart: 0, keepEnd: 1, blocks: [] }),
    expect: ARTICLE_EDIT,
  },
  'articles.restoreRevision': {
    payload: (t) => ({ id: t.id, version: 1, baseVersion: t.version }),
    expect: ARTICLE_EDIT,
  },
  'attachments.add': {
    payload: (t) => ({ id: t.id, fileName: 'qd.pdf', dataBase64: PDF_BASE64 }),
    expect: ARTICLE_EDIT,
  },
  'attachments.update': {
    prepare: attach,
    payload: (t) => ({ id: t.id, attachmentId: prepared.attachment, docNumber: '15/2023/QĐ-UBND' }),
    expect: ARTICLE_EDIT,
  },
  'attachments.remove': {
    prepare: attach,
    payload: (t) => ({ id: t.id, attachmentId: prepared.attachment }),
    expect: ARTICLE_EDIT,
  },
  'attachments.reorder': {
    prepare: attach,
    payload: (t) => ({ id: t.id, order: [prepared.attachment] }),
    expect: ARTICLE_EDIT,
  },
  'articles.trash': { payload: (t) => ({ id: t.id }), expect: ARTICLE_EDIT },
  'articles.restore': { prepare: trash, payload: (t) => ({ id: t.id }), expect: ARTICLE_EDIT },
  'articles.purge': { prepare: trash, payload: (t) => ({ id: t.id }), expect: EDITORS },
  'articles.transition': [
    {
      label: 'submit',
      payload: (t) => ({ id: t.id, baseVersion: t.version, action: 'submit' }),
      expect: {
        anonymous: 'AUTH_REQUIRED',
        writer: 'ok',
        writerOthers: 'FORBIDDEN',
        writerOwnPending: 'INVALID_TRANSITION',
        editor: 'ok',
        leader: 'FORBIDDEN',
        admin: 'ok',
      },
    },
    {
      label: 'withdraw',
      target: () => 'ownPending',
      payload: (t) => ({ id: t.id, baseVersion: t.version, action: 'withdraw' }),
      expect: {
        ...all('FORBIDDEN'),
        anonymous: 'AUTH_REQUIRED',
        writer: 'ok',
        writerOwnPending: 'ok',
        writerOthers: 'ok',
      },
    },
    {
      label: 'approve',
      target: () => 'ownPending',
      payload: (t) => ({ id: t.id, baseVersion: t.version, action: 'approve' }),
      expect: EDITORS,
    },
    {
      label: 'return',
      target: () => 'ownPending',
      payload: (t) => ({ id: t.id, baseVersion: t.version, action: 'return', reason: 'Thiếu nguồn' }),
      expect: EDITORS,
    },
    {
      label: 'publish',
      target: () => 'ownPending',
      prepare: async (core, t) => {
        await asAdmin(core, 'articles.transition', { id: t.id, baseVersion: t.version, action: 'approve' });
      },
      payload: (t) => ({ id: t.id, baseVersion: t.version, action: 'publish' }),
      expect: EDITORS,
    },
  ],

  'users.list': { payload: () => ({}), expect: ADMIN_ONLY },
  'users.create': {
    payload: () => ({ username: 'nguoimoi', displayName: 'Người mới', role: 'writer', password: 'mat-khau-moi-1' }),
    expect: ADMIN_ONLY,
  },
  'users.update': {
    payload: () => ({ id: fx.users.otherWriter, changes: { displayName: 'Tên mới' } }),
    expect: ADMIN_ONLY,
  },
  'users.resetPassword': [
    {
      label: "another user's",
      payload: () => ({ id: fx.users.otherWriter, password: 'mat-khau-moi-1' }),
      expect: ADMIN_ONLY,
    },
    { label: 'their own', payload: (t) => ({ id: t.self, password: 'mat-khau-moi-1' }), expect: SIGNED_IN },
  ],
  'audit.list': { payload: () => ({}), expect: ADMIN_ONLY },
  'approval.chains': { payload: () => ({}), expect: SIGNED_IN },
  'approval.setChain': {
    payload: () => ({ categoryId: fx.emptyCategory, steps: [{ role: 'leader', userIds: [], signed: true }] }),
    expect: ADMIN_ONLY,
  },
  'approval.status': { payload: (t) => ({ articleId: t.id }), expect: SIGNED_IN },
  'approval.verify': {
    target: () => 'ownPending',
    prepare: async (core, t) => {
      await asAdmin(core, 'articles.transition', { id: t.id, baseVersion: t.version, action: 'approve' });
      const status = (await asAdmin(core, 'approval.status', { articleId: t.id })) as { records: { id: number }[] };
      prepared.record = (status.records.at(-1) as { id: number }).id;
    },
    payload: () => ({ recordId: prepared.record }),
    expect: SIGNED_IN,
  },
  'signing.config': { payload: () => ({}), expect: ADMIN_ONLY },
  'signing.setModule': { payload: () => ({ path: '/usr/lib/softhsm/libsofthsm2.so' }), expect: ADMIN_ONLY },
  'signing.addTrust': { payload: () => ({ kind: 'ca', name: 'CA thử', data: fx.caPem }), expect: ADMIN_ONLY },
  'signing.removeTrust': {
    prepare: async (core) => {
      prepared.trust = (
        (await asAdmin(core, 'signing.addTrust', { kind: 'ca', name: 'CA thử', data: fx.caPem })) as { id: number }
      ).id;
    },
    payload: () => ({ id: prepared.trust }),
    expect: ADMIN_ONLY,
  },
  'signing.importPkcs12': {
    prepare: async (core) => {
      await asAdmin(core, 'signing.addTrust', { kind: 'ca', name: 'CA thử', data: fx.caPem });
    },
    payload: () => ({ fileBase64: fx.p12Base64, password: 'mat-khau-p12' }),
    expect: APPROVERS,
  },
  'signing.myKey': { payload: () => ({}), expect: SIGNED_IN },
  'audit.exportCsv': { payload: () => ({}), expect: ADMIN_ONLY },
  'targets.list': { payload: () => ({}), expect: EDITORS },
  'targets.create': {
    payload: () => ({ kind: 'static-site', name: 'Trang tĩnh', config: { folder: siteFolder() } }),
    expect: ADMIN_ONLY,
  },
  'targets.update': {
    prepare: addTarget,
    payload: () => ({ id: prepared.target, name: 'Đổi tên' }),
    expect: ADMIN_ONLY,
  },
  'targets.delete': { prepare: addTarget, payload: () => ({ id: prepared.target }), expect: ADMIN_ONLY },
  'targets.check': { prepare: addTarget, payload: () => ({ id: prepared.target }), expect: ADMIN_ONLY },
  'targets.rebuild': { prepare: addTarget, payload: () => ({ id: prepared.target }), expect: ADMIN_ONLY },
  'publish.jobs': { payload: () => ({}), expect: EDITORS },
  'publish.retry': {
    target: () => 'ownPending',
    prepare: async (core, t) => {
      await queuePublication(core, t);
      await asAdmin(core, 'publish.cancel', { id: prepared.job });
    },
    payload: () => ({ id: prepared.job }),
    expect: EDITORS,
  },
  'publish.cancel': {
    target: () => 'ownPending',
    prepare: (core, t) => queuePublication(core, t),
    payload: () => ({ id: prepared.job }),
    expect: EDITORS,
  },
  'setup.loadDemo': {
    // Only into an empty library: the copy's articles go first.
    prepare: async (core) => {
      for (const id of Object.values(fx.articles)) {
        await asAdmin(core, 'articles.trash', { id });
        await asAdmin(core, 'articles.purge', { id });
      }
    },
    payload: () => ({}),
    expect: ADMIN_ONLY,
  },
  'setup.declineDemo': { payload: () => ({}), expect: ADMIN_ONLY },
  'portal.update': {
    payload: () => ({ name: 'Cổng TTĐT', address: 'Khóm 1', phone: '0291', fax: '', responsible: 'Ông A' }),
    expect: ADMIN_ONLY,
  },
  'categories.create': { payload: () => ({ name: 'Chuyên mục mới' }), expect: ADMIN_ONLY },
  'categories.update': { payload: () => ({ id: fx.emptyCategory, changes: { name: 'Đổi tên' } }), expect: ADMIN_ONLY },
  'categories.delete': { payload: () => ({ id: fx.emptyCategory }), expect: ADMIN_ONLY },
  'profile.get': { payload: () => ({}), expect: ADMIN_ONLY },
  // Anyone signed in checks any article (what they may read, they may check) and adds words; admins set the rest.
  'quality.check': { payload: (t) => ({ articleId: t.id }), expect: SIGNED_IN },
  'quality.settings': { payload: () => ({}), expect: SIGNED_IN },
  'quality.updateSettings': { payload: () => ({ toneStyle: 'traditional' }), expect: ADMIN_ONLY },
  'quality.suggest': { payload: () => ({ word: 'chât' }), expect: SIGNED_IN },
  'quality.addWord': { payload: () => ({ word: 'Thạnh' }), expect: SIGNED_IN },
  'profile.export': {
    // A profile needs the portal's name.
    prepare: async (core) => {
      await asAdmin(core, 'portal.update', {
        name: 'Cổng TTĐT',
        address: 'Khóm 1',
        phone: '0291',
        fax: '',
        responsible: 'Ông A',
      });
    },
    payload: () => ({}),
    expect: ADMIN_ONLY,
  },
  'profile.update': {
    payload: () => ({ sidebarLinks: [{ label: 'Cổng Chính phủ', url: 'https://chinhphu.vn/' }] }),
    expect: ADMIN_ONLY,
  },
  'backup.create': { prepare: backupFolder, payload: () => ({ folder: backups.folder }), expect: ADMIN_ONLY },
  'backup.restore': { prepare: takeBackup, payload: () => ({ file: backups.file }), expect: ADMIN_ONLY },
};

/** What a refused call must leave as it was. */
function snapshot(core: Core): { counts: string; articles: string; audit: { n: number; denied: string[] } } {
  const db = new Database(core.databasePath as string, { readonly: true });
  try {
    const counts = [
      'users',
      'sessions',
      'articles',
      'article_revisions',
      'article_comments',
      'categories',
      'portal_profile',
      'settings',
    ]
      .map((table) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n)
      .join(',');
    const articles = JSON.stringify(
      db.prepare('SELECT id, version, status, trashed_at, title, lead FROM articles ORDER BY id').all(),
    );
    const n = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const denied = (
      db.prepare("SELECT details FROM audit_log WHERE action = 'access.denied' ORDER BY id").all() as {
        details: string;
      }[]
    ).map((r) => r.details);
    return { counts, articles, audit: { n, denied } };
  } finally {
    db.close();
  }
}

describe('the access matrix', () => {
  it('has a row for every channel, and a rule in the policy for every channel', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(Object.keys(ACCESS).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  const cases = CHANNEL_NAMES.flatMap((channel) => {
    const rows = MATRIX[channel];
    return (Array.isArray(rows) ? rows : [rows]).map((row) => ({
      name: row.label ? `${channel} (${row.label})` : channel,
      channel,
      row,
    }));
  });

  it.each(cases)('$name', async ({ channel, row }) => {
    for (const who of PRINCIPALS) {
      const core = copyCore();
      try {
        const key = (row.target ?? defaultTarget)(who);
        const id = fx.articles[key];
        const self = selfOf(who);
        let version = ((await asAdmin(core, 'articles.get', { id })) as { version: number }).version;
        if (row.prepare) {
          await row.prepare(core, { id, version, self });
          if (channel !== 'setup.loadDemo')
            version = ((await asAdmin(core, 'articles.get', { id })) as { version: number }).version;
        }
        const before = snapshot(core);
        const answer = await core.invoke(channel, row.payload({ id, version, self }), { sessionToken: sessionOf(who) });
        const expected = row.expect[who];
        const got = answer.ok ? 'ok' : answer.error.code;
        expect(got, `${channel} as ${who}: ${answer.ok ? '' : answer.error.messageEn}`).toBe(expected);
        if (answer.ok) continue;
        expect(answer.error.message.length).toBeGreaterThan(0);
        expect(answer.error.messageEn.length).toBeGreaterThan(0);
        const after = snapshot(core);
        // A refusal changes nothing ...
        expect(after.counts, `${channel} as ${who}`).toBe(before.counts);
        expect(after.articles, `${channel} as ${who}`).toBe(before.articles);
        if (expected === 'FORBIDDEN') {
          // ... but is written to the audit log, naming the channel.
          expect(after.audit.n).toBe(before.audit.n + 1);
          const role = who === 'editor' || who === 'leader' || who === 'admin' ? who : 'writer';
          expect(JSON.parse(after.audit.denied.at(-1) ?? '{}')).toMatchObject({ channel, role });
          expect(answer.error.message).toMatch(
            { editor: /Biên tập viên/, leader: /Lãnh đạo duyệt/, admin: /Quản trị viên/, writer: /Phóng viên/ }[role],
          );
        } else if (expected === 'AUTH_REQUIRED') {
          expect(after.audit.n).toBe(before.audit.n);
          expect(answer.error.messageEn).toContain('sign in');
        }
      } finally {
        core.close();
      }
    }
  });

  it('answers AUTH_REQUIRED before reading the input, and FORBIDDEN before reading it for a role rule', async () => {
    const core = copyCore();
    expect(await core.invoke('users.create', { nonsense: true }, { sessionToken: null })).toMatchObject({
      ok: false,
      error: { code: 'AUTH_REQUIRED' },
    });
    expect(await core.invoke('users.create', { nonsense: true }, { sessionToken: fx.sessions.writer })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await core.invoke('users.create', { nonsense: true }, { sessionToken: fx.sessions.admin })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    core.close();
  });
});
