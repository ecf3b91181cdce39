/**
 * A real Vigil over a data folder the test keeps between starts (to copy its
 * files aside, put them back, or kill the process holding them), with its
 * keys and the audit anchor in the real keychain under a throwaway service.
 */
import { readdirSync } from 'node:fs';
import { createVigil, type Vigil } from '../../../src-main/app/vigil';
import { createLogger } from '../../../src-main/log';
import type { SecretStore } from '../../../src-main/secrets/secret-store';
import { callers, type TestVigil } from '../../helpers/test-vigil';

export const PASSWORD = 'a long enough password';

export interface OpenVigil extends Vigil, Pick<TestVigil, 'call' | 'ok'> {
  login(username: string): Promise<string>;
  /** The audit anchor in the keychain, as written. */
  anchor(): Promise<{ seq: number; hash: string } | null>;
  logLines: string[];
}

export async function openVigil(dataDir: string, secrets: SecretStore): Promise<OpenVigil> {
  const logLines: string[] = [];
  const vigil = await createVigil({
    dataDir,
    secrets,
    sandbox: false,
    monitor: { workstation: false },
    log: createLogger({ sink: (line) => logLines.push(line) }),
  });
  const { call, ok } = callers(vigil);
  return {
    ...vigil,
    logLines,
    call,
    ok,
    login: async (username) => (await ok('session.login', { username, password: PASSWORD })).token,
    anchor: async () => {
      const text = await secrets.get(vigil.store.keychainAccount('audit-anchor'));
      return text === null ? null : (JSON.parse(text) as { seq: number; hash: string });
    },
  };
}

/** The database's files in the folder, for the tests to check what a clean close left. */
export function databaseFiles(dataDir: string): string[] {
  return readdirSync(dataDir).filter((name) => name.startsWith('vigil.db')).sort();
}
