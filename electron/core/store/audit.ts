/**
 * The audit log: who did what, when. Append-only — the table's triggers refuse UPDATE and DELETE, so not even a bug
 * in the core can rewrite it. Entries are written in the transaction of the change they record; refusals (a wrong
 * password, a forbidden call) are written on their own, since the refused change is rolled back.
 */
import type { Language } from '../../../shared/contract/app';
import { vietnamDateParts } from '../../../shared/text/dateline';
import type { Db } from '../db/database';
import { statement } from '../db/statements';

export interface AuditActor {
  id: number;
  username: string;
}

export interface AuditInput {
  actor: AuditActor | null;
  /** Overrides the actor's username: the name typed at a failed sign-in. */
  username?: string | null;
  action: string;
  target?: { type: string; id: number | null } | null;
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  action: string;
  targetType: string | null;
  targetId: number | null;
  details: string;
}

export function appendAudit(db: Db, at: string, entry: AuditInput): void {
  statement(db, 'INSERT INTO audit_log (at, user_id, username, action, target_type, target_id, details) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
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

interface AuditRow {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  action: string;
  target_type: string | null;
  target_id: number | null;
  details: string;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    userId: row.user_id,
    username: row.username,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details: row.details,
  };
}

export const DEFAULT_AUDIT_PAGE = 100;

/** Newest first (the order of writing). */
export function listAudit(db: Db, filter: AuditFilter & { offset?: number | undefined; limit?: number | undefined }): { total: number; items: AuditEntry[] } {
  const w = where(filter);
  const total = (statement(db, `SELECT count(*) AS n FROM audit_log ${w.sql}`).get(...w.params) as { n: number }).n;
  const rows = statement(db, `SELECT * FROM audit_log ${w.sql} ORDER BY id DESC LIMIT ? OFFSET ?`).all(
    ...w.params,
    filter.limit ?? DEFAULT_AUDIT_PAGE,
    filter.offset ?? 0,
  ) as AuditRow[];
  return { total, items: rows.map(toEntry) };
}

/** 'dd/mm/yyyy HH:mm:ss' in Vietnam time (UTC+07:00, whole hours: the seconds are the UTC seconds). */
export function vietnamTimestamp(iso: string): string {
  const date = new Date(iso);
  const p = vietnamDateParts(date);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${String(date.getUTCSeconds()).padStart(2, '0')}`;
}

const CSV_HEADERS: Record<Language, string[]> = {
  vi: ['Mã', 'Thời gian (giờ Việt Nam)', 'Mã người dùng', 'Tên đăng nhập', 'Hành động', 'Loại đối tượng', 'Mã đối tượng', 'Chi tiết'],
  en: ['Id', 'Time (Vietnam)', 'User id', 'Username', 'Action', 'Target type', 'Target id', 'Details'],
};

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. A field that a
 * spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) is prefixed with an apostrophe.
 */
export function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The filtered log as CSV, oldest first: UTF-8 BOM, a header row, CRLF line ends. */
export function auditCsv(db: Db, filter: AuditFilter, language: Language): { csv: string; rows: number } {
  const w = where(filter);
  const rows = statement(db, `SELECT * FROM audit_log ${w.sql} ORDER BY id`).all(...w.params) as AuditRow[];
  const lines = [CSV_HEADERS[language].map(csvField).join(',')];
  for (const row of rows) {
    lines.push(
      [row.id, vietnamTimestamp(row.at), row.user_id, row.username, row.action, row.target_type, row.target_id, row.details].map(csvField).join(','),
    );
  }
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, rows: rows.length };
}
