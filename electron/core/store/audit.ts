/**
 * The audit log: who did what, when. Append-only — the table's triggers refuse UPDATE and DELETE, so not even a bug
 * in the core can rewrite it. Entries are written in the transaction of the change they record; refusals (a wrong
 * password, a forbidden call) are written on their own, since the refused change is rolled back.
 */
import {
  auditEntryLabel,
  auditPerson,
  auditSentence,
  auditTargetTitle,
  auditTime,
  type AuditView,
} from '../../../shared/audit/sentences';
import type { Language } from '../../../shared/contract/app';
import { translate } from '../../../shared/i18n/catalog';
import type { Db } from '../db/database';
import { statement } from '../db/statements';

/**
 * Every action the core writes, with what it records. A Record: an action not described here does not compile
 * (AuditInput.action is one of these), and docs/api.md lists them from it.
 */
export const AUDIT_ACTIONS = {
  'auth.setupFirstAdmin': 'The first administrator was created (first run). Target: the user.',
  'auth.signIn': 'A successful sign-in. Target: the user.',
  'auth.signInFailed':
    'A refused sign-in; `details.reason` is `wrongPassword` (with `failures`, the consecutive count), `unknownUser` (username: the name typed), `disabled` or `locked` (with `secondsLeft`).',
  'auth.locked': 'An account was locked after repeated failures; `details`: `failures`, `seconds`, `until`.',
  'auth.signOut': 'A sign-out. Target: the user.',
  'auth.sessionExpired':
    'A session was found expired (12 h idle or 7 days old) or its user disabled, and ended; written once. Target: the user.',
  'auth.sessionInvalid':
    'A call that needs sign-in came with a session token that is no session (signed out, ended, or forged); `details.channel`.',
  'access.denied':
    'The access policy refused a call; `details`: `channel`, `what` (what it does, `vi` and `en`), `role`, `reason` (`role`, `notOwner`, `status`, `notSelf`, `action:<action>`). Target: the article or user, when there is one.',
  'access.forgedField':
    'A payload carried a field naming a user, owner, author or role (`ownerId`, `userId`, `authorId`, `role`, …) that the channel does not take; refused as VALIDATION. `details`: `channel`, `fields`.',
  'user.create': 'A user was created; `details`: `username`, `displayName`, `role` (never the password).',
  'user.update':
    'A user was renamed, given a role, disabled or re-enabled; `details.changes` has `from` and `to` of each change; `endedSessions`.',
  'user.resetPassword': 'A password was set; `details`: `self` (their own), `endedSessions`.',
  'article.create': 'An article was created (owned by the user). `details.title`.',
  'article.transition':
    'A status change; `details`: `action`, `from`, `to`, `version`, `title`, and `reason`, `publishedAt` when given or changed; a decision at a step of the approval chain also `step`, `stepCount` (1-based), `approvedVersion`, `contentHash`, `record`, and `signer` (`subject`, `issuer`, `serial`) when signed.',
  'approval.sentBack':
    'An edit while the article waited in its approval chain sent it back to the step that had approved the text before; `details`: `step` (1-based), `version`, `title`.',
  'approval.chainSet':
    'The approval chain of a category was set (an empty list: back to the default single step); `details.steps`. Target: the category.',
  'signing.moduleSet': 'The path of the PKCS#11 library of signing tokens was set; `details.path`.',
  'signing.trustAdded': 'A trusted certificate authority or CRL was added; `details`: `kind`, `name`, `about`.',
  'signing.trustRemoved': 'A trusted certificate authority or CRL was removed; `details`: `id`, `kind`, `name`.',
  'signing.keyImported':
    'An approver imported their PKCS#12 signing file (the key is kept sealed, never logged); `details`: `subject`, `issuer`.',
  'article.restoreRevision':
    'An earlier version was made current again; `details`: `restoredVersion`, `version` (the new one).',
  'article.trash': 'An article was moved to the trash.',
  'article.restore': 'An article was brought back from the trash.',
  'article.purge': 'A trashed article was deleted for good (its title is kept here).',
  'category.create': 'A category was created.',
  'category.update': 'A category was renamed or moved; `details.changes`.',
  'category.delete': 'A category was deleted.',
  'settings.update': 'A workstation setting changed (the language; also before sign-in, so possibly by nobody).',
  'portal.update': 'The portal profile was set; `details.changed` lists the fields.',
  'setup.loadDemo': 'The demo was loaded; its article belongs to the administrator who loaded it.',
  'setup.declineDemo': 'The demo was declined.',
  'audit.export': 'The audit log was exported as CSV; `details`: `filter`, `rows`.',
  'target.create':
    'A publishing target was added; `details`: `name`, `kind`, `config` (never its secret), `queued` (articles already published that were queued for it).',
  'target.update':
    'A publishing target was renamed, enabled or disabled, re-configured, or its secret set or cleared; `details.changed` lists the fields.',
  'target.delete': 'A publishing target was removed with its queue; `details.name`.',
  'target.rebuild': 'A full rebuild of a target was queued; `details`: `name`, `job`.',
  'publish.succeeded':
    'A publishing job went out (by the queue, no user); `details`: `job`, `kind`, `target`, `attempts`, `url`, `late` (a scheduled publication missed while the app was closed).',
  'publish.failed':
    'A publishing job failed for good; `details`: `job`, `kind`, `target`, `attempts`, `code`, `reason`.',
  'publish.resumed': 'At start, jobs found running (the app had stopped mid-publication) were resumed; `details.jobs`.',
  'publish.retry': 'A person asked a failed or cancelled job to run again; `details.job`.',
  'publish.cancel': 'A person cancelled a waiting job; `details.job`.',
  'sync.received':
    'An article submitted for review on another workstation arrived from a collaborating site (by the queue); `details`: `target`, `post`, `title`, `by`.',
  'sync.status':
    'A decision taken on another workstation (returned, published, scheduled, taken down) reached this article from a collaborating site; `details`: `target`, `post`, `from`, `to`.',
  'profile.applied':
    'At first run, the organisation profile baked into the installer (or given to browser mode with --profile) was applied to the empty store (by no user); `details`: `source`, `portal`, `categories`, `targets`.',
  'profile.export': 'The organisation profile was exported; `details`: `portal`, `categories`, `targets`.',
  'profile.update':
    'The logo, sidebar links, poll or update server of the organisation profile were set; `details.changed` lists them.',
  'quality.override':
    'An editor moved an article on (approve, schedule, publish) over warnings of the pre-publication check, saying why; `details`: `action`, `reason`, `warnings` (how many), `rules`. Target: the article.',
  'quality.updateSettings':
    'The settings of the pre-publication check (tone style, severities, word list) were changed; `details.changed` lists them.',
  'quality.addWord': "A word was added to the organisation's dictionary (Thêm vào từ điển); `details.word`.",
  'backup.create': 'A backup archive was written; `details`: `file`, `bytes`, `articles`, `mediaFiles`.',
  'backup.restore':
    "The data was restored from a backup; written into the restored database, under the restoring administrator's username only (their id was the replaced database's); `details`: `file`, `createdAt`, `appVersion`, `articles`, `mediaFiles`.",
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export interface AuditActor {
  id: number;
  username: string;
}

export interface AuditInput {
  actor: AuditActor | null;
  /** Overrides the actor's username: the name typed at a failed sign-in. */
  username?: string | null;
  action: AuditAction;
  target?: { type: string; id: number | null } | null;
  details?: Record<string, unknown>;
}

/** An entry as the log keeps it, with the names joined to it (see AuditView). */
export type AuditEntry = AuditView & { id: number };

export function appendAudit(db: Db, at: string, entry: AuditInput): void {
  statement(
    db,
    'INSERT INTO audit_log (at, user_id, username, action, target_type, target_id, details) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    at,
    entry.actor?.id ?? null,
    entry.username !== undefined ? entry.username : (entry.actor?.username ?? null),
    entry.action,
    entry.target?.type ?? null,
    entry.target?.id ?? null,
    JSON.stringify(entry.details ?? {}),
  );
}

export interface AuditFilter {
  userId?: number | undefined;
  /** A prefix of the action: 'auth.' for every sign-in entry, 'article.transition' for the transitions. */
  action?: string | undefined;
  /** Exactly these actions (a group of the filter, or one action). */
  actions?: string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The first string after every string that starts with prefix (for an index range instead of LIKE). */
function prefixEnd(prefix: string): string {
  const last = prefix.codePointAt(prefix.length - 1) ?? 0;
  return prefix.slice(0, prefix.length - 1) + String.fromCodePoint(last + 1);
}

function where(filter: AuditFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.userId !== undefined) {
    parts.push('user_id = ?');
    params.push(filter.userId);
  }
  if (filter.action) {
    parts.push('action >= ? AND action < ?');
    params.push(filter.action, prefixEnd(filter.action));
  }
  if (filter.actions && filter.actions.length > 0) {
    parts.push(`action IN (${filter.actions.map(() => '?').join(', ')})`);
    params.push(...filter.actions);
  }
  if (filter.from) {
    parts.push('at >= ?');
    params.push(new Date(filter.from).toISOString());
  }
  if (filter.to) {
    parts.push('at <= ?');
    params.push(new Date(filter.to).toISOString());
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** A row of audit_log as SQLite holds it. */
export interface AuditRow {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  action: string;
  target_type: string | null;
  target_id: number | null;
  details: string;
}

/** A row with the names joined to it (ENTRY_SELECT). */
interface NamedAuditRow extends AuditRow {
  actor_name: string | null;
  target_name: string | null;
}

/**
 * The log with names: the person by id, or by username for the entry a restore writes into the restored database
 * (whose ids are not the replaced database's); the target's present name by its kind.
 */
const ENTRY_SELECT = `SELECT l.id, l.at, l.user_id, l.username, l.action, l.target_type, l.target_id, l.details,
    COALESCE(u.display_name, named.display_name) AS actor_name,
    CASE l.target_type WHEN 'article' THEN a.title WHEN 'user' THEN tu.display_name WHEN 'category' THEN c.name
      WHEN 'target' THEN t.name END AS target_name
  FROM audit_log l
  LEFT JOIN users u ON u.id = l.user_id
  LEFT JOIN users named ON l.user_id IS NULL AND named.username = l.username
  LEFT JOIN articles a ON l.target_type = 'article' AND a.id = l.target_id
  LEFT JOIN users tu ON l.target_type = 'user' AND tu.id = l.target_id
  LEFT JOIN categories c ON l.target_type = 'category' AND c.id = l.target_id
  LEFT JOIN publish_targets t ON l.target_type = 'target' AND t.id = l.target_id`;

function toEntry(row: NamedAuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    userId: row.user_id,
    username: row.username,
    actorName: row.actor_name,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    targetName: row.target_name,
    details: row.details,
  };
}

export const DEFAULT_AUDIT_PAGE = 100;

/** Newest first (the order of writing). */
export function listAudit(
  db: Db,
  filter: AuditFilter & { offset?: number | undefined; limit?: number | undefined },
): { total: number; items: AuditEntry[] } {
  const w = where(filter);
  const total = (statement(db, `SELECT count(*) AS n FROM audit_log ${w.sql}`).get(...w.params) as { n: number }).n;
  const rows = statement(db, `${ENTRY_SELECT} ${w.sql} ORDER BY l.id DESC LIMIT ? OFFSET ?`).all(
    ...w.params,
    filter.limit ?? DEFAULT_AUDIT_PAGE,
    filter.offset ?? 0,
  ) as NamedAuditRow[];
  return { total, items: rows.map(toEntry) };
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. A field that a
 * spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) is prefixed with an apostrophe.
 */
export function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The filtered log as CSV, oldest first: UTF-8 BOM, a header row, CRLF line ends. Columns for people (Vietnam time,
 * who, the action, the article, the sentence), then the raw details as the last column.
 */
export function auditCsv(db: Db, filter: AuditFilter, language: Language): { csv: string; rows: number } {
  const w = where(filter);
  const rows = statement(db, `${ENTRY_SELECT} ${w.sql} ORDER BY l.id`).all(...w.params) as NamedAuditRow[];
  const header = (
    [
      'audit.csv.time',
      'audit.csv.actor',
      'audit.csv.action',
      'audit.csv.article',
      'audit.csv.sentence',
      'audit.csv.details',
    ] as const
  ).map((key) => translate(language, key));
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) {
    const entry = toEntry(row);
    lines.push(
      [
        auditTime(entry),
        auditPerson(entry, language),
        auditEntryLabel(entry, language),
        entry.targetType === 'article' ? auditTargetTitle(entry) : '',
        auditSentence(entry, language),
        entry.details,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, rows: rows.length };
}
