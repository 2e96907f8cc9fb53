/**
 * What an approval signs: a canonical form of the text of one exact revision of an article — its title, lead, byline, editor
 * document and the SHA-256 of every image file it shows (not its version number: a status change makes a new version
 * of the same text) — and of its attached documents, as JSON with its keys sorted, UTF-8. The SHA-256 of those
 * bytes is the content hash an approval is recorded with; a signature is an RSA/ECDSA signature with SHA-256 over them.
 *
 * Two forms, named by their `format` field: 'toasoan-approval/1' (no attached documents; byte for byte the form every
 * approval had before attachments were covered, so those approvals still verify) and 'toasoan-approval/2' (the same
 * fields and `attachments`). An article's form follows from its content alone, so no record has to say which it used.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { MEDIA_REF_PATTERN } from '../../../shared/render/body-nodes';
import type { Db } from '../db/database';
import { ATTACHMENT_FILE_PATTERN, type PublishedAttachment } from '../../../shared/contract/attachments';
import { mediaFilePath } from '../media/media-store';
import { versionText } from '../store/articles';
import { publishedAttachments } from '../store/attachments';

/** JSON with object keys sorted at every depth: the same content always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Every media reference anywhere in a document ('media:<sha256>.<ext>'). */
function mediaRefs(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === 'string') {
    if (MEDIA_REF_PATTERN.test(value)) into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) mediaRefs(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) mediaRefs(item, into);
  }
  return into;
}

/** The SHA-256 of the image file as it is now in the data folder ('missing' when it is gone). */
function imageHash(dataDir: string, ref: string): string {
  const file = mediaFilePath(dataDir, ref.slice('media:'.length));
  if (!file || !fs.existsSync(file)) return 'missing';
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export interface ApprovalContent {
  /** The canonical bytes that are signed. */
  bytes: Buffer;
  /** Their SHA-256, hex. */
  hash: string;
}

/**
 * What an approval covers of an attached document, in the article's order: the file (its SHA-256 is its name in the
 * media store, checked when it was stored, so 50 files of 25 MB are not read again at every look at the status), its
 * type, the name it is shown by and its particulars (số/ký hiệu, ngày ban hành, cơ quan ban hành).
 */
function approvedAttachments(attachments: readonly PublishedAttachment[]) {
  return attachments.map((attachment, index) => ({
    position: index + 1,
    sha256: ATTACHMENT_FILE_PATTERN.exec(attachment.fileName)?.[1] ?? attachment.fileName,
    kind: attachment.kind,
    displayName: attachment.displayName,
    docNumber: attachment.docNumber,
    issuedOn: attachment.issuedOn,
    issuer: attachment.issuer,
  }));
}

/**
 * The canonical content of an article's version with its attached documents: those given (a publication's copy keeps
 * the ones it carries) or else the article's own as they are now.
 */
export function approvalContent(
  db: Db,
  dataDir: string,
  articleId: number,
  version: number,
  attachments: readonly PublishedAttachment[] = publishedAttachments(db, articleId),
): ApprovalContent {
  const text = versionText(db, articleId, version);
  let body: unknown = null;
  try {
    body = text.bodyJson === null ? null : (JSON.parse(text.bodyJson) as unknown);
  } catch {
    body = text.bodyJson;
  }
  const refs = mediaRefs(body, new Set());
  if (text.featuredImage) refs.add(text.featuredImage);
  const canonical = canonicalJson({
    format: attachments.length === 0 ? 'toasoan-approval/1' : 'toasoan-approval/2',
    articleId,
    title: text.title,
    lead: text.lead,
    byline: { author: text.author, department: text.department },
    body: body ?? { html: text.bodyHtml },
    images: [...refs].sort().map((ref) => ({ ref, sha256: imageHash(dataDir, ref) })),
    attachments: attachments.length === 0 ? undefined : approvedAttachments(attachments),
  });
  const bytes = Buffer.from(canonical, 'utf8');
  return { bytes, hash: crypto.createHash('sha256').update(bytes).digest('hex') };
}
