import { ContractError } from '../../../shared/contract/errors';

/**
 * How target secrets (tokens, application passwords) are kept in the database. The Electron shell seals them with
 * safeStorage (the OS keychain: DPAPI, Keychain, libsecret); browser mode, which has no keychain, keeps them as
 * they are in the data folder's database and says so (README, docs/publishing.md).
 */
export interface SecretBox {
  /** Stored next to each sealed secret, so a secret sealed by another box is recognised rather than misread. */
  readonly scheme: string;
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}

export const PLAIN_SECRET_BOX: SecretBox = {
  scheme: 'plain',
  seal: (plain) => Buffer.from(plain, 'utf8'),
  open: (sealed) => sealed.toString('utf8'),
};

export function secretUnavailable(targetName: string): ContractError {
  return new ContractError(
    'VALIDATION',
    `Không mở được mật khẩu/khóa của đích "${targetName}" trên máy này (nó được lưu bằng kho khóa của máy khác hoặc của phiên bản ứng dụng khác); hãy nhập lại trong Cài đặt.`,
    `The password/token of target "${targetName}" cannot be opened on this machine (it was sealed by another machine's or another build's keychain); enter it again in Settings.`,
  );
}

/** Opens a stored secret with the box that sealed it; a plain one is readable by any box. */
export function openSecret(
  box: SecretBox,
  sealed: Buffer | null,
  scheme: string | null,
  targetName: string,
): string | null {
  if (sealed === null) return null;
  if (scheme === PLAIN_SECRET_BOX.scheme) return PLAIN_SECRET_BOX.open(sealed);
  if (scheme !== box.scheme) throw secretUnavailable(targetName);
  try {
    return box.open(sealed);
  } catch {
    throw secretUnavailable(targetName);
  }
}
