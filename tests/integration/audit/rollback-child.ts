/**
 * Child process for rollback.test.ts: starts Vigil on a data folder whose
 * admin exists, creates accounts (each an audit entry), waits until the
 * keychain's audit anchor holds the last entry, prints "anchored <seq>" and
 * waits to be killed (or gives up on its own after a minute).
 *
 * argv: <dataDir> <keychain service> <accounts to create>
 */
import { createKeychain } from '../../../src-main/secrets/keychain';
import { openVigil } from './vigil-over';

const [dataDir, service, count] = process.argv.slice(2);
if (!dataDir || !service || !count) throw new Error('usage: rollback-child.ts <dataDir> <service> <accounts>');

const vigil = await openVigil(dataDir, createKeychain({ service }));
const admin = await vigil.login('admin');
for (let i = 1; i <= Number(count); i++) {
  await vigil.ok('users.create', { username: `killed.${i}`, displayName: `Killed ${i}`, role: 'operator', password: 'a long enough password' }, admin);
}
const last = vigil.store.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
const deadline = Date.now() + 30_000;
while ((await vigil.anchor())?.seq !== last) {
  if (Date.now() > deadline) throw new Error(`the anchor never reached entry ${last}`);
  await new Promise((resolve) => setTimeout(resolve, 50));
}
process.stdout.write(`anchored ${last}\n`);
setTimeout(() => process.exit(3), 60_000);
