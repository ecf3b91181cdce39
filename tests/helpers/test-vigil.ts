/**
 * A real Vigil for tests: a real encrypted store in a temp folder and the
 * real OS keychain under a throwaway service name (run under
 * scripts/with-keyring.sh). Everything it made is removed on close.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVigil, type Vigil, type VigilOptions } from '../../src-main/app/vigil';
import { LOCAL_SOURCE, type CallSource } from '../../src-main/dispatch/handler';
import { createKeychain } from '../../src-main/secrets/keychain';
import type { SecretStore } from '../../src-main/secrets/secret-store';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-shared/contract';
import type { Envelope } from '../../src-shared/errors';
import type { Role } from '../../src-shared/roles';

export interface TestVigil extends Vigil {
  secrets: SecretStore;
  /** Calls a channel and returns the envelope; from this machine unless a source is given. */
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>, token?: string | null, source?: CallSource): Promise<Envelope<ChannelOutput<C>>>;
  /** Calls a channel and returns its data, failing the test on an error envelope. */
  ok<C extends ChannelName>(channel: C, input: ChannelInput<C>, token?: string | null): Promise<ChannelOutput<C>>;
  /** Creates the first admin and signs in; returns the token. */
  adminToken(): Promise<string>;
  /** Creates an account with this role (as the admin) and signs it in; returns its token. */
  userToken(username: string, role: Role): Promise<string>;
  /** Closes this Vigil, keeping its data folder and keychain, and starts a new one over them (`changes` on top of the options). */
  restart(changes?: Partial<Omit<VigilOptions, 'dataDir' | 'secrets'>>): Promise<TestVigil>;
  logLines: string[];
}

export const ADMIN = { username: 'admin', displayName: 'Ada Admin', password: 'correct horse battery' };

const PASSWORD = 'correct horse battery';

/** Timers that never fire. */
const HELD_TIMERS = { setTimeout: () => null, clearTimeout: () => undefined };

/** call and ok over a Vigil's dispatcher, as a signed-in caller (token) or none. */
export function callers(vigil: Pick<Vigil, 'dispatch'>): Pick<TestVigil, 'call' | 'ok'> {
  const call = (<C extends ChannelName>(channel: C, input: ChannelInput<C>, token?: string | null, source: CallSource = LOCAL_SOURCE) =>
    vigil.dispatch(channel, input, { token, source })) as TestVigil['call'];
  const ok = (async (channel: ChannelName, input: unknown, token?: string | null) => {
    const reply = await vigil.dispatch(channel, input, { token, source: LOCAL_SOURCE });
    if (!reply.ok) throw new Error(`${channel} failed: ${reply.error.code} ${reply.error.message}`);
    return reply.data;
  }) as TestVigil['ok'];
  return { call, ok };
}

export async function startTestVigil(opts: Partial<Omit<VigilOptions, 'dataDir'>> = {}, reuse?: { dataDir: string }): Promise<TestVigil> {
  const dataDir = reuse?.dataDir ?? mkdtempSync(join(tmpdir(), 'vigil-test-'));
  const secrets = opts.secrets ?? createKeychain({ service: `vigil-test-${randomBytes(6).toString('hex')}` });
  const logLines: string[] = [];
  const { createLogger } = await import('../../src-main/log');
  // Without the embedded sandbox unless a test asks for it: most tests need no EHR, and a fuzzed
  // sandbox.set (latency, downtime) must not reach the connections other tests make.
  // Nor the workstation probe: its readings (and alerts) would depend on the machine running the tests.
  const vigil = await createVigil({
    log: createLogger({ sink: (l) => logLines.push(l) }),
    sandbox: false,
    ...opts,
    monitor: { workstation: false, ...opts.monitor },
    // Nor the safety evaluation unless a test drives it: its own alerts and tickets would join those other tests count.
    safety: { timers: HELD_TIMERS, ...opts.safety },
    secrets,
    dataDir,
  });

  const { call, ok } = callers(vigil);

  const adminToken = async () => {
    const status = await ok('setup.status', {});
    if (status.needsAdmin) await ok('setup.createAdmin', ADMIN);
    return (await ok('session.login', { username: ADMIN.username, password: ADMIN.password })).token;
  };

  return {
    ...vigil,
    dispatch: vigil.dispatch,
    events: vigil.events,
    sessions: vigil.sessions,
    store: vigil.store,
    dataDir,
    secrets,
    logLines,
    call,
    ok,
    adminToken,
    userToken: async (username, role) => {
      const admin = await adminToken();
      const users = await ok('users.list', {}, admin);
      if (!users.users.some((u) => u.username === username)) await ok('users.create', { username, displayName: username, role, password: PASSWORD }, admin);
      return (await ok('session.login', { username, password: PASSWORD })).token;
    },
    restart: async (changes = {}) => {
      await vigil.close();
      return startTestVigil({ ...opts, ...changes, secrets }, { dataDir });
    },
    close: async () => {
      await vigil.close();
      for (const account of await secrets.list()) await secrets.delete(account);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
