import { z } from 'zod';
import { ATTACHMENT_TYPES, publishedAttachmentSchema, type PublishedAttachment } from '../contract/attachments';
import { escapeHtml } from '../text/escape-html';
import { safeMediaSrc } from './article-html';

/**
 * The article's "Văn bản đính kèm": one list under the body, the same in the preview, on the static site and in a
 * WordPress post. Each document links to its file (the address each target gives it) and says its type and size,
 * and for a legal document its number (số/ký hiệu), date of issue and issuing body; a PDF without a text layer says
 * that it is a scan a screen reader cannot read.
 */

/** An attachment with the address its file has on the page being rendered. */
export interface AttachmentLink extends PublishedAttachment {
  href: string;
}

/** '350 KB', '1,2 MB' (Vietnamese decimal comma). */
export function fileSizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const mb = bytes / 1024 / 1024;
  return `${mb.toFixed(mb < 10 ? 1 : 0).replace('.', ',')} MB`;
}

/** 'dd/mm/yyyy' for 'YYYY-MM-DD'. */
const dayText = (date: string): string => date.split('-').reverse().join('/');

/** The file name a download is saved under: the display name and the type's extension. */
export function downloadName(attachment: Pick<PublishedAttachment, 'displayName' | 'kind'>): string {
  const base = attachment.displayName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || 'van-ban';
  return `${base}.${attachment.kind}`;
}

function item(attachment: AttachmentLink): string {
  const href = safeMediaSrc(attachment.href);
  const name = escapeHtml(attachment.displayName);
  const type = ATTACHMENT_TYPES[attachment.kind];
  const title = href ? `<a href="${escapeHtml(href)}">${name}</a>` : name;
  const particulars = [
    attachment.docNumber ? `Số/ký hiệu: ${escapeHtml(attachment.docNumber)}` : '',
    attachment.issuedOn ? `Ngày ban hành: ${dayText(attachment.issuedOn)}` : '',
    attachment.issuer ? `Cơ quan ban hành: ${escapeHtml(attachment.issuer)}` : '',
  ].filter(Boolean);
  return [
    '<li>',
    title,
    ` <span class="attachment-type">(${type.label}, ${fileSizeText(attachment.bytes)})</span>`,
    particulars.length > 0 ? `<br><span class="attachment-particulars">${particulars.join(' · ')}</span>` : '',
    attachment.scanned
      ? '<br><span class="attachment-scan">Bản quét: trình đọc màn hình không đọc được nội dung tệp này.</span>'
      : '',
    '</li>',
  ].join('');
}

/** The list as HTML, or '' when the article has no attachment. */
export function renderAttachmentList(attachments: readonly AttachmentLink[]): string {
  if (attachments.length === 0) return '';
  return `<section class="attachments" aria-labelledby="attachments-title"><h2 class="attachments-title" id="attachments-title">Văn bản đính kèm</h2><ul>${attachments.map(item).join('')}</ul></section>`;
}

const publishedAttachments = z.array(publishedAttachmentSchema);

/** The attachments a job's copy of an article carries (none for a copy made before attachments existed). */
export function attachmentsOf(article: object): PublishedAttachment[] {
  const { attachments } = article as { attachments?: unknown };
  // Most articles have none: zod's failure for a missing list builds an error each time (a rebuild asks per page).
  if (attachments === undefined) return [];
  const parsed = publishedAttachments.safeParse(attachments);
  return parsed.success ? parsed.data : [];
}
