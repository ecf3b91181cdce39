/**
 * Runs one keychain call in its own process, so a test can give it a broken
 * or locked D-Bus environment without touching the test runner's keyring.
 * Usage: keychain-child.ts <service> <get|set|delete|list> [account] [value]
 * Prints one line: the marker, then the result or the error as JSON.
 */
import { createKeychain, KeychainError } from '../../../src-main/secrets/keychain';

const RESULT_MARKER = 'keychain-result:';

const [service = 'vigil-child', op, account = 'probe', value = 'value'] = process.argv.slice(2);
const store = createKeychain({ service });

async function run(): Promise<unknown> {
  switch (op) {
    case 'get':
      return store.get(account);
    case 'set':
      return store.set(account, value);
    case 'delete':
      return store.delete(account);
    case 'list':
      return store.list();
    default:
      throw new Error(`unknown op ${String(op)}`);
  }
}

try {
  const result = await run();
  console.log(RESULT_MARKER + JSON.stringify({ ok: true, result: result ?? null }));
} catch (err) {
  const e = err as Error;
  console.log(
    RESULT_MARKER +
      JSON.stringify({ ok: false, name: e.name, code: err instanceof KeychainError ? err.code : null, message: e.message }),
  );
}
