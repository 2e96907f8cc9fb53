import { safeStorage } from 'electron';
import { PLAIN_SECRET_BOX, type SecretBox } from '../core/publish/secrets';

/**
 * Target secrets sealed with the OS keychain (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux).
 * Where the OS offers none (a Linux session without a keyring), safeStorage would only obfuscate: the secrets are
 * then kept as browser mode keeps them, and the log says so.
 */
export function keychainSecretBox(): SecretBox {
  const linuxBackend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
  if (!safeStorage.isEncryptionAvailable() || linuxBackend === 'basic_text') {
    console.warn('[toasoan] No OS keychain: publishing secrets are stored unencrypted in the data folder.');
    return PLAIN_SECRET_BOX;
  }
  return {
    scheme: 'safeStorage',
    seal: (plain) => safeStorage.encryptString(plain),
    open: (sealed) => safeStorage.decryptString(sealed),
  };
}
