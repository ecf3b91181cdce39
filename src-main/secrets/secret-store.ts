/**
 * The keychain seen by the rest of main: get/set/delete/list by account under
 * one service name. The only implementation used by the app is the OS keychain
 * (keychain.ts); there is deliberately no plaintext fallback.
 */
export interface SecretStore {
  /** The keychain service name the accounts live under (for messages). */
  readonly service: string;
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
  list(): Promise<string[]>;
}
