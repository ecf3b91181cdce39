/**
 * The embedded sandbox EHR as the app runs it: the zero-configuration
 * "Sandbox EHR" connection, restarts on the same data folder, and the fault
 * switches seen through the diagnostics.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createVigil, type Vigil } from '../../../src-main/app';
import { LOCAL_SOURCE } from '../../../src-main/dispatch';
import { FhirError } from '../../../src-main/ehr/errors';
import { createLogger } from '../../../src-main/log';
import { createKeychain } from '../../../src-main/secrets/keychain';
import type { SecretStore } from '../../../src-main/secrets/secret-store';
import { CHECK_IDS, type EventPayload } from '../../../src-shared/contract';
import { DEFAULT_STATE, type SandboxStatePatch } from '../../../src-shared/sandbox-state';
import { ADMIN, startTestVigil, type TestVigil } from '../../helpers/test-vigil';
import { check, recordEvents, statuses } from './harness';

async function signIn(vigil: Vigil): Promise<string> {
  const status = await vigil.dispatch('setup.status', {}, { source: LOCAL_SOURCE });
  if (status.ok && (status.data as { needsAdmin: boolean }).needsAdmin) await vigil.dispatch('setup.createAdmin', ADMIN, { source: LOCAL_SOURCE });
  const login = await vigil.dispatch('session.login', { username: ADMIN.username, password: ADMIN.password }, { source: LOCAL_SOURCE });
  if (!login.ok) throw new Error(login.error.message);
  return (login.data as { token: string }).token;
}

async function call<T>(vigil: Vigil, channel: string, input: unknown, token: string): Promise<T> {
  const reply = await vigil.dispatch(channel, input, { token, source: LOCAL_SOURCE });
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
  return reply.data as T;
}

/** What Vigil itself wrote to the audit trail: [action, target, detail.reason]. */
async function ownActs(vigil: Vigil, token: string): Promise<Array<[string, string | null, unknown]>> {
  const { entries } = await call<{ entries: Array<{ action: string; target: string | null; detail: Record<string, unknown> | null }> }>(vigil, 'audit.list', { actor: 'vigil' }, token);
  return entries.map((e) => [e.action, e.target, e.detail?.reason]);
}

interface Listed {
  connections: Array<{ id: number; sandbox: boolean; hasSecret: boolean; config: { name: string; baseUrl: string }; publicJwks: { keys: Array<{ kid: string }> } | null }>;
}

/** One data folder and keychain service, opened as the app opens them (no sandbox option: the default). */
function installation() {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-sandbox-test-'));
  const secrets: SecretStore = createKeychain({ service: `vigil-test-${randomBytes(6).toString('hex')}` });
  const open: Vigil[] = [];
  return {
    secrets,
    async start(): Promise<Vigil> {
      const vigil = await createVigil({ dataDir, secrets, log: createLogger({ sink: () => undefined }) });
      open.push(vigil);
      return vigil;
    },
    async remove() {
      for (const v of open.splice(0)) await v.close();
      for (const account of await secrets.list()) await secrets.delete(account);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe('zero configuration', () => {
  let install: ReturnType<typeof installation>;
  let blocker: Server | undefined;

  afterEach(async () => {
    if (blocker) {
      blocker.close();
      blocker = undefined;
    }
    await install.remove();
  });

  it('a first start makes a Sandbox EHR connection whose diagnostics pass', async () => {
    install = installation();
    const vigil = await install.start();
    const admin = await signIn(vigil);
    const { connections } = await call<Listed>(vigil, 'connections.list', {}, admin);
    expect(connections).toHaveLength(1);
    const [c] = connections;
    expect(c).toMatchObject({ sandbox: true, hasSecret: true, config: { name: 'Sandbox EHR', vendor: 'generic', authMode: 'private_key_jwt' } });
    expect(c!.publicJwks?.keys[0]).toMatchObject({ alg: 'ES384' });
    const info = await call<{ running: boolean; baseUrl: string }>(vigil, 'sandbox.get', {}, admin);
    expect(info).toMatchObject({ running: true, state: DEFAULT_STATE });
    expect(c!.config.baseUrl).toBe(info.baseUrl);
    expect(new URL(info.baseUrl).hostname).toBe('127.0.0.1');

    const run = await call<{ status: string }>(vigil, 'connections.test', { id: c!.id }, admin);
    expect(run.status).toBe('pass');
    expect(await ownActs(vigil, admin)).toEqual([['connections.create', `connection:${c!.id}`, 'first start']]);
  });

  it('a restart on the same data folder registers the stored key again and keeps the port', async () => {
    install = installation();
    const first = await install.start();
    const before = (await call<Listed>(first, 'connections.list', {}, await signIn(first))).connections[0]!;
    await first.close();

    const second = await install.start();
    const admin = await signIn(second);
    const { connections } = await call<Listed>(second, 'connections.list', {}, admin);
    expect(connections).toHaveLength(1);
    expect(connections[0]!.publicJwks).toEqual(before.publicJwks);
    expect(connections[0]!.config.baseUrl).toBe(before.config.baseUrl);
    expect((await call<{ status: string }>(second, 'connections.test', { id: before.id }, admin)).status).toBe('pass');
  });

  it('when the previous port is taken, the sandbox moves and the connection follows it', async () => {
    install = installation();
    const first = await install.start();
    const before = (await call<Listed>(first, 'connections.list', {}, await signIn(first))).connections[0]!;
    await first.close();
    blocker = createServer();
    blocker.listen(Number(new URL(before.config.baseUrl).port), '127.0.0.1');
    await once(blocker, 'listening');

    const second = await install.start();
    const admin = await signIn(second);
    const after = (await call<Listed>(second, 'connections.list', {}, admin)).connections[0]!;
    const info = await call<{ baseUrl: string }>(second, 'sandbox.get', {}, admin);
    expect(after.config.baseUrl).not.toBe(before.config.baseUrl);
    expect(after.config.baseUrl).toBe(info.baseUrl);
    expect((await call<{ status: string }>(second, 'connections.test', { id: after.id }, admin)).status).toBe('pass');
    expect((await ownActs(second, admin))[0]).toEqual(['connections.update', `connection:${after.id}`, 'the sandbox moved to a new port']);
  });

  it('a key lost from the keychain is replaced on the next start', async () => {
    install = installation();
    const first = await install.start();
    const before = (await call<Listed>(first, 'connections.list', {}, await signIn(first))).connections[0]!;
    await first.close();
    for (const account of await install.secrets.list()) if (/^connection:.*:privateKey$/.test(account)) await install.secrets.delete(account);

    const second = await install.start();
    const admin = await signIn(second);
    const after = (await call<Listed>(second, 'connections.list', {}, admin)).connections[0]!;
    expect(after.hasSecret).toBe(true);
    expect(after.publicJwks?.keys[0]?.kid).not.toBe(before.publicJwks?.keys[0]?.kid);
    expect((await call<{ status: string }>(second, 'connections.test', { id: after.id }, admin)).status).toBe('pass');
    expect((await ownActs(second, admin))[0]).toEqual(['connections.generateKey', `connection:${after.id}`, 'no key in the keychain']);
  });

  it('a removed sandbox connection stays removed while other connections exist', async () => {
    install = installation();
    const first = await install.start();
    const admin = await signIn(first);
    const sandboxConnection = (await call<Listed>(first, 'connections.list', {}, admin)).connections[0]!;
    await call(first, 'connections.create', { config: { name: 'Open FHIR', vendor: 'generic', baseUrl: 'http://127.0.0.1:9/fhir', authMode: 'none' } }, admin);
    await call(first, 'connections.delete', { id: sandboxConnection.id }, admin);
    await first.close();

    const second = await install.start();
    const names = (await call<Listed>(second, 'connections.list', {}, await signIn(second))).connections.map((c) => c.config.name);
    expect(names).toEqual(['Open FHIR']);
  });
});

describe('fault switches seen by the diagnostics', () => {
  let vigil: TestVigil;
  let admin: string;
  let id: number;

  beforeAll(async () => {
    vigil = await startTestVigil({ sandbox: true });
    admin = await vigil.adminToken();
    id = (await vigil.ok('connections.list', {}, admin)).connections[0]!.id;
  });

  afterAll(async () => {
    await vigil?.close();
  });

  afterEach(async () => {
    await vigil.ok('sandbox.set', { faults: { down: false, errorRate: 0, rateLimit429: { enabled: false } } }, admin);
  });

  async function runWith(patch: SandboxStatePatch) {
    await vigil.ok('sandbox.set', patch, admin);
    const events = recordEvents(vigil);
    const run = await vigil.ok('connections.test', { id }, admin);
    const progress = events
      .filter((e) => e.event === 'connections.testProgress')
      .map((e) => e.payload as EventPayload<'connections.testProgress'>)
      .filter((p) => p.runId === run.runId);
    return { run, progress, events };
  }

  it('down: fails at the capability step with NETWORK and its guidance; the steps after it are not run', async () => {
    const { run } = await runWith({ faults: { down: true } });
    expect(run.status).toBe('fail');
    const capability = check(run, 'capability');
    expect(capability).toMatchObject({ status: 'fail', error: { kind: 'NETWORK', kbCode: 'network_unreachable', guidance: new FhirError('NETWORK', '').guidance } });
    expect(capability.summary).toMatch(/ECONNREFUSED/);
    expect(statuses(run)).toMatchObject({ smart: 'skip', token: 'skip', patient: 'skip', cds: 'skip', auditEvent: 'skip', tls: 'skip' });
  });

  it('an error rate of 1: SERVER, without retries', async () => {
    const { run } = await runWith({ faults: { errorRate: 1 } });
    expect(run.status).toBe('fail');
    expect(check(run, 'capability')).toMatchObject({ status: 'fail', error: { kind: 'SERVER', kbCode: 'fhir_server_error' } });
    expect(check(run, 'token')).toMatchObject({ status: 'fail', error: { kind: 'SERVER' } });
    // Optional services warn rather than fail.
    expect(check(run, 'cds')).toMatchObject({ status: 'warn', optional: true, error: { kind: 'SERVER' } });
    expect(check(run, 'auditEvent')).toMatchObject({ status: 'warn', optional: true, error: { kind: 'SERVER' } });
  });

  it('429: RATE_LIMITED, and no further requests add to it', async () => {
    const { run } = await runWith({ faults: { rateLimit429: { enabled: true, retryAfterSeconds: 30 } } });
    expect(check(run, 'capability')).toMatchObject({ status: 'fail', error: { kind: 'RATE_LIMITED', kbCode: 'fhir_rate_limited' } });
    expect(check(run, 'patient').summary).toMatch(/rate limiting/);
  });

  it('progress: one running and one final event per step, in order, and the run is kept as the last test', async () => {
    const { run, progress, events } = await runWith({ faults: { errorRate: 1 } });
    expect(progress.map((p) => [p.result.check, p.result.status === 'running' ? 'running' : 'done'])).toEqual(
      CHECK_IDS.flatMap((c) => [
        [c, 'running'],
        [c, 'done'],
      ]),
    );
    // Progress reaches every console, so it carries the server's words to nobody; the admin's reply has them.
    expect(run.checks.some((c) => c.error?.serverText)).toBe(true);
    const withoutServerText = run.checks.map((c) => (c.error ? { ...c, error: { ...c.error, serverText: null } } : c));
    expect(progress.filter((p) => p.result.status !== 'running').map((p) => p.result)).toEqual(withoutServerText);
    expect(progress.every((p) => p.connectionId === id)).toBe(true);
    expect(events.filter((e) => e.event === 'connections.changed').map((e) => e.payload)).toEqual([{ connectionId: id, by: 'admin' }]);
    expect((await vigil.ok('connections.get', { id }, admin)).lastTest).toEqual(run);
  });

  it('sandbox.set validates and answers with the new state', async () => {
    const info = await vigil.ok('sandbox.set', { faults: { latencyMs: 5 }, narrowScopes: true }, admin);
    expect(info.state).toMatchObject({ narrowScopes: true, faults: { latencyMs: 5, errorRate: 0 } });
    expect(await vigil.call('sandbox.set', { faults: { errorRate: 2 } }, admin)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await vigil.ok('sandbox.set', { faults: { latencyMs: 0 }, narrowScopes: false }, admin);
  });
});

describe('without the sandbox', () => {
  it('sandbox.get says it is not running and sandbox.set is unavailable', async () => {
    const vigil = await startTestVigil();
    try {
      const admin = await vigil.adminToken();
      expect(await vigil.ok('sandbox.get', {}, admin)).toEqual({ running: false, baseUrl: null, state: DEFAULT_STATE });
      expect(await vigil.call('sandbox.set', { tls: true }, admin)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
      expect((await vigil.ok('connections.list', {}, admin)).connections).toEqual([]);
    } finally {
      await vigil.close();
    }
  });
});
