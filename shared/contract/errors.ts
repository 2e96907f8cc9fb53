import { z } from 'zod';

/** Every error a channel can answer with. The message is always given in Vietnamese and English. */
export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_CHANNEL',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'AUTH_REQUIRED',
  'AUTH_FAILED',
  'AUTH_LOCKED',
  'INVALID_TRANSITION',
  'DB_NEWER_VERSION',
  'DB_CORRUPT',
  'DB_FOREIGN',
  'DB_LOCKED',
  'DB_READONLY',
  'MEDIA_UNSUPPORTED',
  'MEDIA_CORRUPT',
  'MEDIA_TOO_LARGE',
  'BACKUP_INVALID',
  /** The pre-publication check found a blocking problem; issues lists the findings (docs/quality.md). */
  'QUALITY_BLOCKED',
  'SIGNATURE_REJECTED',
  'SIGNING_FAILED',
  /** The core's process stopped during the call (Electron); it is started again at once. */
  'CORE_RESTARTED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const fieldIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
  messageEn: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const contractErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  messageEn: z.string(),
  issues: z.array(fieldIssueSchema).optional(),
});
export type ContractErrorShape = z.infer<typeof contractErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractErrorShape };

/** Thrown by handlers and clients; carried across transports as its plain shape. */
export class ContractError extends Error {
  readonly code: ErrorCode;
  readonly messageEn: string;
  readonly issues: FieldIssue[] | undefined;

  constructor(code: ErrorCode, message: string, messageEn: string, issues?: FieldIssue[]) {
    super(message);
    this.name = 'ContractError';
    this.code = code;
    this.messageEn = messageEn;
    this.issues = issues;
  }

  toShape(): ContractErrorShape {
    const shape: ContractErrorShape = { code: this.code, message: this.message, messageEn: this.messageEn };
    if (this.issues) shape.issues = this.issues;
    return shape;
  }

  static fromShape(shape: ContractErrorShape): ContractError {
    return new ContractError(shape.code, shape.message, shape.messageEn, shape.issues);
  }
}

export function notFound(what: { vi: string; en: string }, id: number | string): ContractError {
  return new ContractError('NOT_FOUND', `Không tìm thấy ${what.vi} #${id}.`, `${what.en} #${id} was not found.`);
}
