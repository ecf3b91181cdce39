/**
 * What really expires is fed to the expiry rules: a client secret's end date
 * (set on the connection) and the age of a private_key_jwt signing key,
 * through the live monitor on the embedded sandbox and a real store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent } from '../../helpers/next-event';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';

const DAY = 86_400_000;
const SANDBOX = 'conn:1';
const PLAN = { intervalMs: 5_000, timeoutMs: 4_000, retries: 0, retryIntervalMs: 1_000 };

let vigil: TestVigil;
let admin: string;

const opened = (rule: string, targetId: string) => nextEvent(vigil.events, 'alert.opened', (p) => p.alert.rule === rule && p.alert.targetId === targetId, 30_000);

beforeAll(async () => {
  vigil = await startTestVigil({ sandbox: true, monitor: { workstation: false, random: () => 0 } });
  admin = await vigil.adminToken();
});

afterAll(async () => {
  await vigil?.close();
});

describe('credential expiry', () => {
  it("reminds that the sandbox connection's signing key is due for rotation once it is older than the rules allow", async () => {
    const connection = await vigil.ok('connections.get', { id: 1 }, admin);
    expect(connection.keyCreatedAt).toBeGreaterThan(Date.now() - DAY);
    // The key came into Vigil 400 days ago; a change that brings no new key keeps that age.
    vigil.store.db.prepare('UPDATE connections SET key_created_at = ? WHERE id = 1').run(Date.now() - 400 * DAY);
    const due = opened('key-rotation', SANDBOX);
    await vigil.ok('connections.update', { id: 1, config: { ...connection.config, name: 'Sandbox EHR (aged key)' } }, admin);
    await vigil.ok('monitor.configure', { targetId: SANDBOX, settings: { plan: PLAN, latencyThresholdMs: 2_000, dependsOn: [], metrics: null } }, admin);
    expect((await due).alert).toMatchObject({ severity: 'SEV3', title: 'Signing key due for rotation', targetName: 'Sandbox EHR (aged key)' });

    // A new key starts its age again, and the reminder resolves at the next run.
    const resolved = nextEvent(vigil.events, 'alert.updated', (p) => p.alert.rule === 'key-rotation' && p.alert.status === 'resolved', 30_000);
    const rotated = await vigil.ok('connections.generateKey', { id: 1, alg: 'ES384' }, admin);
    expect(rotated.keyCreatedAt).toBeGreaterThan(Date.now() - DAY);
    await resolved;
  }, 60_000);

  it("warns of a client secret's end date set on the connection", async () => {
    const { baseUrl } = await vigil.ok('sandbox.get', {}, admin);
    const created = await vigil.ok(
      'connections.create',
      {
        config: { name: 'Secret EHR', vendor: 'generic', baseUrl: baseUrl!, authMode: 'client_secret_basic', clientId: 'secret-ehr', clientSecretExpiresAt: Date.now() + 5 * DAY },
        secret: { kind: 'clientSecret', value: 'a-client-secret-for-the-test' },
      },
      admin,
    );
    const targetId = `conn:${created.id}`;
    const warned = opened('secret-expiry', targetId);
    await vigil.ok('monitor.configure', { targetId, settings: { plan: PLAN, latencyThresholdMs: 2_000, dependsOn: [], metrics: null } }, admin);
    expect((await warned).alert).toMatchObject({ severity: 'SEV2', title: 'Client secret expires within 7 days' });
  }, 60_000);
});
