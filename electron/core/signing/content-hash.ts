/**
 * What an approval signs: a canonical form of the text of one exact revision of an article — its title, lead, byline, editor
 * document and the SHA-256 of every image file it shows (not its version number: a status change makes a new version
 * of the same text) — as JSON with its keys sorted, UTF-8. The SHA-256 of those
 * bytes is the content hash an approval is recorded with; a signature is an RSA/ECDSA signature with SHA-256 over them.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { MEDIA_REF_PATTERN } from '../../../shared/render/body-nodes';
import type { Db } from '../db/database';
import { mediaFilePath } from '../media/media-store';
import { versionText } from '../store/articles';

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

export function approvalContent(db: Db, dataDir: string, articleId: number, version: number): ApprovalContent {
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
    format: 'toasoan-approval/1',
    articleId,
    title: text.title,
    lead: text.lead,
    byline: { author: text.author, department: text.department },
    body: body ?? { html: text.bodyHtml },
    images: [...refs].sort().map((ref) => ({ ref, sha256: imageHash(dataDir, ref) })),
  });
  const bytes = Buffer.from(canonical, 'utf8');
  return { bytes, hash: crypto.createHash('sha256').update(bytes).digest('hex') };
}
