/** The OS keychain behind a small get/set/delete interface; no plaintext fallback. */
export { createKeychain, KeychainError } from './keychain';
export type { SecretStore } from './secret-store';
