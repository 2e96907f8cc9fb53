import {
  MAX_ATTACHMENTS_PER_ARTICLE,
  type Attachment,
  type AttachmentKind,
  type PublishedAttachment,
} from '../../../shared/contract/attachments';
import { ContractError, fieldIssue, notFound } from '../../../shared/contract/errors';
import type { Db } from '../db/database';
import { statement } from '../db/statements';
import { MEDIA_FOLDER } from '../media/media-store';
import type { StoredAttachment } from '../media/attachments';

/** The rows of article_attachments (migration 010): the files themselves are in the media store. */

interface AttachmentRow {
  id: number;
  article_id: number;
  file_name: string;
  kind: AttachmentKind;
  bytes: number;
  display_name: string;
  scanned: number;
  doc_number: string;
  issued_on: string | null;
  issuer: string;
  position: number;
  created_at: string;
  updated_at: string;
}

function toAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    articleId: row.article_id,
    fileName: row.file_name,
    kind: row.kind,
    bytes: row.bytes,
    scanned: row.scanned === 1,
    displayName: row.display_name,
    docNumber: row.doc_number,
    issuedOn: row.issued_on,
    issuer: row.issuer,
    url: `${MEDIA_FOLDER}/${row.file_name}`,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function assertArticle(db: Db, articleId: number): void {
  if (statement(db, 'SELECT 1 FROM articles WHERE id = ?').get(articleId) === undefined)
    throw notFound('article', articleId);
}

/** An article's attachments in its order. */
export function listAttachments(db: Db, articleId: number): Attachment[] {
  assertArticle(db, articleId);
  return (
    statement(db, 'SELECT * FROM article_attachments WHERE article_id = ? ORDER BY position, id').all(
      articleId,
    ) as AttachmentRow[]
  ).map(toAttachment);
}

/** What a publication carries of the article's attachments (a job's copy of the article keeps them). */
export function publishedAttachments(db: Db, articleId: number): PublishedAttachment[] {
  return listAttachments(db, articleId).map(
    ({ fileName, kind, bytes, scanned, displayName, docNumber, issuedOn, issuer }) => ({
      fileName,
      kind,
      bytes,
      scanned,
      displayName,
      docNumber,
      issuedOn,
      issuer,
    }),
  );
}

function findAttachment(db: Db, articleId: number, attachmentId: number): AttachmentRow {
  const row = statement(db, 'SELECT * FROM article_attachments WHERE id = ? AND article_id = ?').get(
    attachmentId,
    articleId,
  ) as AttachmentRow | undefined;
  if (!row) {
    assertArticle(db, articleId);
    throw ContractError.of('NOT_FOUND', 'attachments.notFound', { id: articleId, attachmentId });
  }
  return row;
}

/** The name a file is shown by at first: its name without the extension (or the whole name when that is all). */
export function defaultDisplayName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base).trim().slice(0, 255) || base.slice(0, 255);
}

/**
 * Adds a stored file to the end of the article's list; the same file already attached answers that attachment.
 * Returns it and whether it is new.
 */
export function insertAttachment(
  db: Db,
  articleId: number,
  file: StoredAttachment,
  displayName: string,
  now: string,
): { attachment: Attachment; added: boolean } {
  return db
    .transaction(() => {
      assertArticle(db, articleId);
      const existing = statement(db, 'SELECT * FROM article_attachments WHERE article_id = ? AND file_name = ?').get(
        articleId,
        file.fileName,
      ) as AttachmentRow | undefined;
      if (existing) return { attachment: toAttachment(existing), added: false };
      const { count, last } = statement(
        db,
        'SELECT COUNT(*) AS count, MAX(position) AS last FROM article_attachments WHERE article_id = ?',
      ).get(articleId) as { count: number; last: number | null };
      if (count >= MAX_ATTACHMENTS_PER_ARTICLE)
        throw ContractError.of('CONFLICT', 'attachments.tooMany', { max: MAX_ATTACHMENTS_PER_ARTICLE });
      const { lastInsertRowid } = statement(
        db,
        `INSERT INTO article_attachments (article_id, file_name, kind, bytes, display_name, scanned, position, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        articleId,
        file.fileName,
        file.kind,
        file.bytes,
        displayName,
        file.scanned ? 1 : 0,
        (last ?? -1) + 1,
        now,
        now,
      );
      const row = statement(db, 'SELECT * FROM article_attachments WHERE id = ?').get(lastInsertRowid) as AttachmentRow;
      return { attachment: toAttachment(row), added: true };
    })
    .immediate();
}

export interface AttachmentChanges {
  displayName?: string | undefined;
  docNumber?: string | undefined;
  issuedOn?: string | null | undefined;
  issuer?: string | undefined;
}

export function updateAttachment(
  db: Db,
  articleId: number,
  attachmentId: number,
  changes: AttachmentChanges,
  now: string,
): Attachment {
  const row = findAttachment(db, articleId, attachmentId);
  statement(
    db,
    `UPDATE article_attachments SET display_name = ?, doc_number = ?, issued_on = ?, issuer = ?, updated_at = ?
     WHERE id = ?`,
  ).run(
    changes.displayName ?? row.display_name,
    changes.docNumber ?? row.doc_number,
    changes.issuedOn === undefined ? row.issued_on : changes.issuedOn,
    changes.issuer ?? row.issuer,
    now,
    attachmentId,
  );
  return toAttachment(findAttachment(db, articleId, attachmentId));
}

/** Removes one attachment; answers what was removed (for the audit log). */
export function removeAttachment(db: Db, articleId: number, attachmentId: number): Attachment {
  const row = findAttachment(db, articleId, attachmentId);
  statement(db, 'DELETE FROM article_attachments WHERE id = ?').run(attachmentId);
  return toAttachment(row);
}

/** Puts the attachments in the order given, which must name each of them once. */
export function reorderAttachments(db: Db, articleId: number, order: readonly number[], now: string): Attachment[] {
  return db
    .transaction(() => {
      const ids = listAttachments(db, articleId).map((attachment) => attachment.id);
      const same =
        order.length === ids.length && new Set(order).size === order.length && ids.every((id) => order.includes(id));
      if (!same)
        throw ContractError.of('VALIDATION', 'attachments.badOrder', undefined, [
          fieldIssue('order', 'attachments.badOrder'),
        ]);
      order.forEach((id, position) =>
        statement(db, 'UPDATE article_attachments SET position = ?, updated_at = ? WHERE id = ?').run(
          position,
          now,
          id,
        ),
      );
      return listAttachments(db, articleId);
    })
    .immediate();
}
