import { z } from 'zod';
import { channel } from './channel';

/**
 * Attached documents of an article (Văn bản đính kèm): the decision, the plan, the notice as PDF, Word, Excel or
 * OpenDocument text, as Nghị định 42/2022/NĐ-CP asks portals to publish them. The file is kept in the media store,
 * named by the SHA-256 of its bytes; the list, its order and each document's particulars are kept per article.
 */

/**
 * Largest attached file (25 MB). In browser mode the file travels as base64 inside one JSON request, whose body may be
 * at most 40 MB; 25 MB is the largest file whose base64 fits (4 characters for every 3 bytes).
 */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
/** Longest base64 text of a MAX_ATTACHMENT_BYTES file. */
export const MAX_ATTACHMENT_BASE64_LENGTH = 4 * Math.ceil(MAX_ATTACHMENT_BYTES / 3);
/**
 * Longest base64 text the channel reads at all: a file up to four times the limit is read only to be refused with
 * its size named (MEDIA_TOO_LARGE); anything longer is not a file this channel could take (VALIDATION).
 */
export const MAX_ATTACHMENT_INPUT_LENGTH = 4 * MAX_ATTACHMENT_BASE64_LENGTH;
/** Most documents attached to one article. */
export const MAX_ATTACHMENTS_PER_ARTICLE = 50;

/** The types accepted, recognised by their content (never by the file's name). */
export const ATTACHMENT_KINDS = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'odt'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** What a reader is told each type is, and the MIME type it is served and uploaded with. */
export const ATTACHMENT_TYPES: Record<AttachmentKind, { label: string; mime: string }> = {
  pdf: { label: 'PDF', mime: 'application/pdf' },
  doc: { label: 'Word (DOC)', mime: 'application/msword' },
  docx: { label: 'Word (DOCX)', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xls: { label: 'Excel (XLS)', mime: 'application/vnd.ms-excel' },
  xlsx: { label: 'Excel (XLSX)', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  odt: { label: 'ODT', mime: 'application/vnd.oasis.opendocument.text' },
};

/** An attachment's file in the media store: '<sha256>.<kind>'. */
export const ATTACHMENT_FILE_PATTERN = /^([0-9a-f]{64})\.(pdf|doc|docx|xls|xlsx|odt)$/;

/** A calendar date 'YYYY-MM-DD' that exists (no 31/02). */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((text) => {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
  }, 'not a date of the calendar');

/** What a writer may set of an attachment (every field optional in an update). */
const particulars = {
  /** The name readers see (the file's name without its extension, unless changed). */
  displayName: z.string().trim().min(1).max(255),
  /** Số/ký hiệu of a legal document, e.g. '15/2023/QĐ-UBND'; '' when it has none. */
  docNumber: z.string().trim().max(100),
  /** Ngày ban hành, 'YYYY-MM-DD', or null. */
  issuedOn: calendarDate.nullable(),
  /** Cơ quan ban hành, e.g. 'UBND thị xã Giá Rai'; '' when none. */
  issuer: z.string().trim().max(300),
};

/** What is published of an attachment: kept in each publication's copy of the article, as it was when queued. */
export const publishedAttachmentSchema = z.object({
  /** '<sha256>.<kind>' in the media store. */
  fileName: z.string().regex(ATTACHMENT_FILE_PATTERN),
  kind: z.enum(ATTACHMENT_KINDS),
  bytes: z.number().int().positive(),
  /** A PDF without a text layer (a scan screen readers cannot read). */
  scanned: z.boolean(),
  ...particulars,
});
export type PublishedAttachment = z.infer<typeof publishedAttachmentSchema>;

export const attachmentSchema = publishedAttachmentSchema.extend({
  id: z.number().int().positive(),
  articleId: z.number().int().positive(),
  /** Where the app shows it, relative to its root: 'media/<sha>.<kind>'. */
  url: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

const id = z.number().int().positive();

export const attachmentChannels = {
  'attachments.list': channel({
    summary: "The documents attached to an article, in the article's order.",
    input: z.strictObject({ articleId: id }),
    output: z.array(attachmentSchema),
    errors: ['NOT_FOUND'],
  }),
  'attachments.add': channel({
    summary:
      'Attaches a document to an article (`id`): PDF, DOC, DOCX, XLS, XLSX or ODT, recognised by its content — PDF by %PDF-, DOC and XLS by the OLE2 signature and their WordDocument or Workbook stream, DOCX and XLSX by a ZIP holding [Content_Types].xml and word/ or xl/, ODT by its mimetype entry — never by its name; at most 25 MB, sent as base64. It is stored in the media store under the SHA-256 of its bytes (media/<sha>.<ext>), written completely or not at all; a PDF without a text layer is flagged `scanned`. The same file attached twice to one article answers the attachment it already has. The display name is the file name without its extension.',
    input: z.strictObject({
      id,
      fileName: z.string().trim().min(1).max(255),
      dataBase64: z.string().min(1).max(MAX_ATTACHMENT_INPUT_LENGTH),
    }),
    output: attachmentSchema,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'MEDIA_UNSUPPORTED', 'MEDIA_CORRUPT', 'MEDIA_TOO_LARGE', 'CONFLICT'],
  }),
  'attachments.update': channel({
    summary:
      'Changes the particulars of an attachment of the article `id`: display name, số/ký hiệu, ngày ban hành (YYYY-MM-DD or null), cơ quan ban hành.',
    input: z.strictObject({
      id,
      attachmentId: id,
      displayName: particulars.displayName.optional(),
      docNumber: particulars.docNumber.optional(),
      issuedOn: particulars.issuedOn.optional(),
      issuer: particulars.issuer.optional(),
    }),
    output: attachmentSchema,
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  }),
  'attachments.remove': channel({
    summary:
      'Takes an attachment off the article `id` (the file stays in the media store: other articles and earlier publications may show it); answers the list left.',
    input: z.strictObject({ id, attachmentId: id }),
    output: z.array(attachmentSchema),
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  }),
  'attachments.reorder': channel({
    summary:
      "Puts the article's attachments in the order given: `order` lists every attachment id of the article once.",
    input: z.strictObject({ id, order: z.array(id).max(MAX_ATTACHMENTS_PER_ARTICLE) }),
    output: z.array(attachmentSchema),
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  }),
} as const;
