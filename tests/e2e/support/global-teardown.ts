/**
 * Removes the database keys the hosts put in the OS keychain (service
 * "vigil", one account per data folder). Under scripts/with-keyring.sh on a
 * bare machine that keyring is thrown away anyway, but on a desktop it is the
 * user's own. The hosts are still running at this point (Playwright stops its
 * webServers after the global teardown); they read their key only when they
 * open the store, so taking it away now changes nothing for them.
 */
import { existsSync, realpathSync } from 'node:fs';
import { createKeychain } from '../../../src-main/secrets/keychain';
import { keyAccounts } from '../../../src-main/store/db-key';
import { SERVER_NAMES, dataDirOf } from './servers';

export default async function globalTeardown(): Promise<void> {
  const keychain = createKeychain();
  for (const name of SERVER_NAMES) {
    const dir = dataDirOf(name);
    // A host that never started made no folder and no key.
    if (!existsSync(dir)) continue;
    const { current, pending } = keyAccounts(realpathSync(dir));
    await keychain.delete(current);
    await keychain.delete(pending);
  }
}
