// The error every channel may answer with, without the schemas that check its shape (errors.ts): the renderer's
// first screen needs the class, and loading the validation library for it cost the start about a tenth of its time.
import { translate, type CatalogKey } from '../i18n/catalog';
import type { MessageParams } from '../i18n/format';

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

/** A problem with one field of the input: the path, the words in both languages, their catalog key. */
export interface FieldIssue {
  path: string;
  message: string;
  messageEn: string;
  key?: string | undefined;
  params?: Record<string, string | number> | undefined;
}

/** A ContractError as it crosses a transport. */
export interface ContractErrorShape {
  code: ErrorCode;
  message: string;
  messageEn: string;
  key?: string | undefined;
  params?: Record<string, string | number> | undefined;
  issues?: FieldIssue[] | undefined;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractErrorShape };

/** Thrown by handlers and clients; carried across transports as its plain shape. */
export class ContractError extends Error {
  readonly code: ErrorCode;
  readonly messageEn: string;
  readonly issues: FieldIssue[] | undefined;
  /** The catalog key of the message and its parameters, when it came from the catalog (ContractError.of). */
  key: string | undefined;
  params: MessageParams | undefined;

  constructor(code: ErrorCode, message: string, messageEn: string, issues?: FieldIssue[]) {
    super(message);
    this.name = 'ContractError';
    this.code = code;
    this.messageEn = messageEn;
    this.issues = issues;
  }

  /** An error whose words come from the catalog of each language: the code, the message key and its parameters. */
  static of(code: ErrorCode, key: CatalogKey, params?: MessageParams, issues?: FieldIssue[]): ContractError {
    const error = new ContractError(code, translate('vi', key, params), translate('en', key, params), issues);
    error.key = key;
    error.params = params;
    return error;
  }

  toShape(): ContractErrorShape {
    const shape: ContractErrorShape = { code: this.code, message: this.message, messageEn: this.messageEn };
    if (this.key !== undefined) shape.key = this.key;
    if (this.params !== undefined) shape.params = { ...this.params };
    if (this.issues) shape.issues = this.issues;
    return shape;
  }

  static fromShape(shape: ContractErrorShape): ContractError {
    const error = new ContractError(shape.code, shape.message, shape.messageEn, shape.issues);
    error.key = shape.key;
    error.params = shape.params;
    return error;
  }
}

/** A field issue whose words come from the catalog; the path is put before them in both languages. */
export function fieldIssue(path: string, key: CatalogKey, params?: MessageParams): FieldIssue {
  const issue: FieldIssue = {
    path,
    message: `${path}: ${translate('vi', key, params)}`,
    messageEn: `${path}: ${translate('en', key, params)}`,
    key,
  };
  if (params !== undefined) issue.params = { ...params };
  return issue;
}

/** The things NOT_FOUND names from the catalog (notFound.<thing>). */
export type NotFoundThing = 'article' | 'articleVersion' | 'category' | 'user' | 'publishTarget' | 'publishJob';

/** NOT_FOUND for a thing of the catalog by id (and its other parameters), or for one named in both languages. */
export function notFound(
  what: NotFoundThing | { vi: string; en: string },
  id: number | string,
  params?: MessageParams,
): ContractError {
  if (typeof what === 'string') return ContractError.of('NOT_FOUND', `notFound.${what}`, { ...params, id });
  return new ContractError('NOT_FOUND', `Không tìm thấy ${what.vi} #${id}.`, `${what.en} #${id} was not found.`);
}
