import { safeStorage } from 'electron';

/** What main seals and opens for the core, which asks over its protocol (the core never touches safeStorage). */
export interface Keychain {
  seal(plain: string): Uint8Array;
  open(sealed: Uint8Array): string;
}

/**
 * The OS keychain through safeStorage (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux). Where the OS
 * offers none (a Linux session without a keyring), safeStorage would only obfuscate: there is then no keychain, the
 * core keeps the secrets as browser mode keeps them, and the log says so. Call after `ready`.
 */
export function osKeychain(): Keychain | null {
  const linuxBackend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
  if (!safeStorage.isEncryptionAvailable() || linuxBackend === 'basic_text') return null;
  return {
    seal: (plain) => safeStorage.encryptString(plain),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed)),
  };
}
