/**
 * Child process for durability.test.ts: opens the store and inserts one row
 * per transaction, printing "committed <id>" after each commit returns, until
 * the parent kills it (or it reaches its row or time limit on its own).
 *
 * argv: <dataDir> <keychain service> <max rows> <max seconds>
 */
import { createKeychain } from '../../../src-main/secrets/keychain';
import { openStore } from '../../../src-main/store/store';
import { TEST_MIGRATIONS } from './fixtures';

const [dataDir, service, maxRows, maxSeconds] = process.argv.slice(2);
if (!dataDir || !service || !maxRows || !maxSeconds) {
  throw new Error('usage: durability-child.ts <dataDir> <service> <max rows> <max seconds>');
}

const store = await openStore({ dataDir, secrets: createKeychain({ service }), migrations: TEST_MIGRATIONS });
const insert = store.db.prepare('INSERT INTO notes (body) VALUES (?)');
const deadline = Date.now() + Number(maxSeconds) * 1000;
for (let i = 1; i <= Number(maxRows) && Date.now() < deadline; i++) {
  // Outside an explicit transaction each statement commits on its own.
  const { lastInsertRowid } = insert.run(`durable row ${i} ${'x'.repeat(150)}`);
  // A pipe on stdout is written synchronously, so the parent may hear of a
  // commit only after it has returned.
  process.stdout.write(`committed ${lastInsertRowid}\n`);
}
store.close();
