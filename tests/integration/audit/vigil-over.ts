/**
 * A real Vigil over a data folder the test keeps between starts (to copy its
 * files aside, put them back, or kill the process holding them), with its
 * keys and the audit anchor in the real keychain under a throwaway service.
 */
import { readdirSync } from 'node:fs';
import { createVigil, type Vigil } from '../../../src-main/app/vigil';
import { createLogger } from '../../../src-main/log';
import type { SecretStore } from '../../../src-main/secrets/secret-store';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../src-shared/contract';
import type { Envelope } from '../../../src-shared/errors';

export const PASSWORD = 'a long enough password';

export interface OpenVigil extends Vigil {
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>, token?: string | null): Promise<Envelope<ChannelOutput<C>>>;
  ok<C extends ChannelName>(channel: C, input: ChannelInput<C>, token?: string | null): Promise<ChannelOutput<C>>;
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
  const call = ((channel: ChannelName, input: unknown, token?: string | null) => vigil.dispatch(channel, input, { token })) as OpenVigil['call'];
  const ok = (async (channel: ChannelName, input: unknown, token?: string | null) => {
    const reply = await vigil.dispatch(channel, input, { token });
    if (!reply.ok) throw new Error(`${channel} failed: ${reply.error.code} ${reply.error.message}`);
    return reply.data;
  }) as OpenVigil['ok'];
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
