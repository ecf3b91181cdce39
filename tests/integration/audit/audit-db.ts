/**
 * A real encrypted store in a temp folder, its key in the real keychain under
 * a throwaway service (run under scripts/with-keyring.sh). close() removes
 * the folder and the keychain entries.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { createKeychain } from '../../../src-main/secrets/keychain';
import { openStore, type Store } from '../../../src-main/store/store';

export interface AuditDb {
  db: Database.Database;
  store: Store;
  dir: string;
  close(): Promise<void>;
}

export const secrets = createKeychain({ service: `vigil-test-audit-${randomBytes(6).toString('hex')}` });

export async function openAuditDb(): Promise<AuditDb> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-audit-'));
  const store = await openStore({ dataDir: dir, secrets });
  return {
    db: store.db,
    store,
    dir,
    close: async () => {
      store.close();
      for (const account of await secrets.list()) await secrets.delete(account);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
