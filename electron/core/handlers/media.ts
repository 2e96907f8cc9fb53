import { ContractError } from '../../../shared/contract/errors';
import type { Db } from '../db/database';
import { createMediaStore, MEDIA_FOLDER } from '../media/media-store';
import type { Handlers } from './types';

/** Standard base64 with padding, nothing else (no data: prefix, no line breaks, no base64url). */
export function decodeBase64Strict(text: string): Buffer {
  const bytes = Buffer.from(text, 'base64');
  // Node skips characters it does not know; encoding back gives the input only if it was canonical base64.
  if (bytes.toString('base64') !== text) {
    const vi =
      'dataBase64: không phải base64 hợp lệ (chỉ gồm A–Z, a–z, 0–9, +, / và dấu = ở cuối; không có tiền tố "data:" hay xuống dòng)';
    const en =
      'dataBase64: not valid base64 (only A–Z, a–z, 0–9, +, / and trailing = padding; no "data:" prefix or line breaks)';
    return invalid(vi, en);
  }
  return bytes;
}

function invalid(vi: string, en: string): never {
  throw new ContractError('VALIDATION', `Dữ liệu không hợp lệ — ${vi}`, `Invalid input — ${en}`, [
    { path: 'dataBase64', message: vi, messageEn: en },
  ]);
}

export function mediaHandlers(_db: Db, dataDir: string): Handlers<'media.'> {
  const store = createMediaStore(dataDir);
  return {
    'media.import': async ({ fileName, dataBase64 }) => {
      const image = await store.importImage(decodeBase64Strict(dataBase64), fileName);
      return {
        ref: image.ref,
        width: image.width,
        height: image.height,
        bytes: image.bytes,
        format: image.format,
        url: `${MEDIA_FOLDER}/${image.fileName}`,
      };
    },
  };
}
