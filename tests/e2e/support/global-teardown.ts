/**
 * Empties the keychain service the run's hosts kept their secrets under
 * (database keys, connection keys, the PHI salt). Under scripts/with-keyring.sh
 * that keyring is thrown away anyway, but on a desktop it is the user's own.
 * The hosts are still running at this point (Playwright stops its webServers
 * after the global teardown); they read their secrets when they start, so
 * taking them away now changes nothing for them.
 */
import { createKeychain } from '../../../src-main/secrets/keychain';
import { e2eKeychainService } from './servers';

export default async function globalTeardown(): Promise<void> {
  const keychain = createKeychain({ service: e2eKeychainService() });
  for (const account of await keychain.list()) await keychain.delete(account);
}
