/**
 * A connection that is removed or disabled while its alert is open: the
 * alert resolves saying so and by whom (nobody could act on it, and it
 * would remind for ever), through the real monitor over a real store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src-shared/contract';
import { startFhirTestServer, type FhirTestServer } from '../../helpers/fhir-test-server';
import { nextEvent } from '../../helpers/next-event';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';

const PLAN = { intervalMs: 5_000, timeoutMs: 4_000, retries: 0, retryIntervalMs: 1_000 };

let ehr: FhirTestServer;
let vigil: TestVigil;
let admin: string;

const next = <E extends 'alert.opened' | 'alert.updated'>(event: E, match: (p: EventPayload<E>) => boolean) => nextEvent(vigil.events, event, match, 30_000);

/** A connection whose every resource call fails, watched every 5 s: returns its target id once its alert is open. */
async function downConnection(name: string): Promise<{ id: number; targetId: string; alertId: string }> {
  ehr.enqueue(...Array.from({ length: 200 }, () => ({ status: 503, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'fatal', code: 'transient' }] } })));
  const { id } = await vigil.ok('connections.create', { config: { name, vendor: 'generic', baseUrl: ehr.baseUrl, authMode: 'none' } }, admin);
  const targetId = `conn:${id}`;
  const opened = next('alert.opened', (p) => p.alert.targetId === targetId);
  await vigil.ok('monitor.configure', { targetId, settings: { plan: PLAN, latencyThresholdMs: 2_000, dependsOn: [], metrics: null } }, admin);
  return { id, targetId, alertId: (await opened).alert.id };
}

beforeAll(async () => {
  ehr = await startFhirTestServer({ auth: 'none' });
  vigil = await startTestVigil({ monitor: { workstation: false, random: () => 0 } });
  admin = await vigil.adminToken();
});

afterAll(async () => {
  await vigil?.close();
  await ehr?.close();
});

describe('alerts of connections that go away', () => {
  it('resolve when the connection is removed, naming who removed it, and the trail says Vigil did it', async () => {
    const { id, alertId } = await downConnection('Removed EHR');
    const resolved = next('alert.updated', (p) => p.alert.id === alertId && p.alert.status === 'resolved');
    await vigil.ok('connections.delete', { id }, admin);
    expect((await resolved).alert.resolved).toMatchObject({ by: 'admin', reason: 'removed' });
    expect((await vigil.ok('alerts.list', { status: 'active' }, admin)).alerts.map((a) => a.id)).not.toContain(alertId);
    const trail = await vigil.ok('audit.list', { action: 'alerts.resolve', actor: 'vigil' }, admin);
    expect(trail.entries[0]).toMatchObject({ target: `alert:${alertId}`, detail: { reason: 'removed', connectionChangedBy: 'admin' } });
  }, 60_000);

  it('resolve when the connection is disabled', async () => {
    const { id, alertId } = await downConnection('Disabled EHR');
    const resolved = next('alert.updated', (p) => p.alert.id === alertId && p.alert.status === 'resolved');
    const { config } = await vigil.ok('connections.get', { id }, admin);
    await vigil.ok('connections.update', { id, config: { ...config, enabled: false } }, admin);
    expect((await resolved).alert.resolved).toMatchObject({ by: 'admin', reason: 'disabled' });
  }, 60_000);
});
