/**
 * A real encrypted store (openStore: SQLCipher, WAL, synchronous=FULL) in a
 * temp folder, for the suites that measure it. Its key lives in memory, not
 * the keychain: it encrypts a file deleted at the end, and this keeps the
 * bench runnable without a keyring.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SecretStore } from '../src-main/secrets/secret-store';
import type { Migration } from '../src-main/store/migrations';
import { openStore, type Store } from '../src-main/store/store';

export function memorySecrets(service: string): SecretStore {
  const entries = new Map<string, string>();
  return {
    service,
    get: async (account) => entries.get(account) ?? null,
    set: async (account, value) => {
      entries.set(account, value);
    },
    delete: async (account) => entries.delete(account),
    list: async () => [...entries.keys()],
  };
}

/**
 * Runs work on a fresh store, then closes it and removes its folder. name is
 * the suite's, for the folder and service names; migrations default to the app's.
 */
export async function withTempStore<T>(
  opts: { name: string; migrations?: readonly Migration[] },
  work: (store: Store) => T | Promise<T>,
): Promise<T> {
  const { name, migrations } = opts;
  const dir = mkdtempSync(path.join(tmpdir(), `vigil-bench-${name}-`));
  try {
    const store = await openStore({ dataDir: dir, secrets: memorySecrets(`vigil-bench-${name}`), migrations });
    try {
      return await work(store);
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
