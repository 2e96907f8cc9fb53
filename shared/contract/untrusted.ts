import { ContractError } from './errors';
import { hardenValue, parseUntrustedJsonBytes, UnsafeJsonError } from '../text/safe-json';

/** A refusal of the hardened JSON path as VALIDATION, with the path it names as its one issue. */
export function unsafeInputError(error: UnsafeJsonError): ContractError {
  const path = error.path || '(payload)';
  return new ContractError(
    'VALIDATION',
    `Dữ liệu không hợp lệ — ${path}: ${error.messageVi}`,
    `Invalid input — ${path}: ${error.message}`,
    [{ path, message: `${path}: ${error.messageVi}`, messageEn: `${path}: ${error.message}` }],
  );
}

function refusingUnsafe<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof UnsafeJsonError) throw unsafeInputError(error);
    throw error;
  }
}

/** A request body (bytes) → its checked value; VALIDATION for bad UTF-8, a BOM, bad JSON or what safe-json refuses. */
export function parsePayloadBytes(bytes: Uint8Array): unknown {
  return refusingUnsafe(() => parseUntrustedJsonBytes(bytes));
}

/**
 * A payload as the core receives it from any transport → a checked copy, every string in NFC, objects with a null
 * prototype; VALIDATION naming the path otherwise. The core runs every input through this before its schema.
 */
export function hardenPayload(payload: unknown): unknown {
  return refusingUnsafe(() => hardenValue(payload, { nfc: true }));
}
