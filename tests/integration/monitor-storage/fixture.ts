/**
 * ProbeStorage over a real encrypted store (the app's migrations, its key in
 * the real keychain under a throwaway service; run under
 * scripts/with-keyring.sh), on timers the test moves by hand. Everything
 * opened is closed and removed after the file.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { createProbeStorage, type ProbeStorage, type ProbeStorageOptions } from '../../../src-main/monitor/storage/probe-storage';
import type { StorageSettings } from '../../../src-main/monitor/storage/settings';
import { manualTimers, type ManualTimers } from '../../../src-main/monitor/timers';
import { createKeychain } from '../../../src-main/secrets/keychain';
import type { SecretStore } from '../../../src-main/secrets/secret-store';
import { openStore, type Store } from '../../../src-main/store/store';

/** Midnight UTC: the first bucket of every size starts here. */
export const T0 = Date.UTC(2026, 0, 5);

export interface StorageFixture {
  store: Store;
  dataDir: string;
  timers: ManualTimers;
  /** A ProbeStorage over the store on the fixture's timers; make another to act out a restart. */
  storage(settings?: Partial<StorageSettings>, extra?: Partial<ProbeStorageOptions>): ProbeStorage;
  count(table: string, where?: string, ...params: number[]): number;
}

export interface StorageFixtures {
  open(): Promise<StorageFixture>;
  /** The keychain service the stores' keys are under, for a child process. */
  service: string;
  secrets: SecretStore;
}

export function useStorageFixtures(): StorageFixtures {
  const service = `vigil-test-monitor-storage-${randomBytes(6).toString('hex')}`;
  const secrets = createKeychain({ service });
  const storages: ProbeStorage[] = [];
  const stores: { store: Store; dataDir: string }[] = [];
  afterAll(async () => {
    for (const s of storages) s.close();
    for (const { store, dataDir } of stores) {
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
    for (const account of await secrets.list()) await secrets.delete(account);
  });

  return {
    service,
    secrets,
    open: async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'vigil-monitor-storage-'));
      const store = await openStore({ dataDir, secrets });
      stores.push({ store, dataDir });
      const timers = manualTimers(T0);
      return {
        store,
        dataDir,
        timers,
        storage: (settings, extra) => {
          const s = createProbeStorage({ db: store.db, clock: timers, timers, settings, ...extra });
          storages.push(s);
          return s;
        },
        count: (table, where = '1', ...params) => store.db.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get(...params) as number,
      };
    },
  };
}
