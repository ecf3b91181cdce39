/**
 * The live monitor end to end in the main process: the embedded sandbox EHR
 * (real HTTP on 127.0.0.1) probed on real timers, a real encrypted store and
 * keychain, and the contract's channels and events as the console sees them.
 * Waits are for events, each bounded by what the probe plan allows plus a
 * generous margin for a loaded machine; no assertion is about speed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../src-shared/contract';
import type { ConnectionState } from '../../../src-shared/monitoring';
import type { PushedEvent } from '../../../src-main/events';
import { nextEvent } from '../../helpers/next-event';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';

const SANDBOX = 'conn:1';
const FAST_PLAN = { intervalMs: 5_000, timeoutMs: 4_000, retries: 1, retryIntervalMs: 1_000 };
// Interval × (retries + 1) plus the retry wait, doubled for a busy CI machine.
const WITHIN_MS = 2 * (FAST_PLAN.intervalMs * (FAST_PLAN.retries + 1) + FAST_PLAN.retryIntervalMs);

let vigil: TestVigil;
let token: string;
const seen: PushedEvent[] = [];

function next<E extends EventName>(event: E, match: (payload: EventPayload<E>) => boolean, ms = WITHIN_MS): Promise<EventPayload<E>> {
  return nextEvent(vigil.events, event, match, ms);
}

const stateIs = (targetId: string, state: ConnectionState) => (p: EventPayload<'monitor.status'>) =>
  p.status.targetId === targetId && p.status.state === state;

async function tile(targetId: string) {
  const board = await vigil.ok('monitor.board', {}, token);
  return board.tiles.find((t) => t.targetId === targetId)!;
}

async function setDown(down: boolean) {
  await vigil.ok('sandbox.set', { faults: { down } }, token);
}

/** A connection to another tenant of the sandbox, monitored as depending on the sandbox connection; its target id. */
async function addDependant(name: string): Promise<string> {
  const sandbox = await vigil.ok('sandbox.get', {}, token);
  await vigil.ok('sandbox.set', { requireAuth: false }, token);
  const child = await vigil.ok(
    'connections.create',
    { config: { name, vendor: 'generic', baseUrl: sandbox.baseUrl!.replace(/\/fhir$/, '/v/7/fhir'), authMode: 'none' } },
    token,
  );
  const childTarget = `conn:${child.id}`;
  await vigil.ok('monitor.configure', { targetId: childTarget, settings: { plan: FAST_PLAN, latencyThresholdMs: 2_000, dependsOn: [SANDBOX], metrics: null } }, token);
  return childTarget;
}

beforeAll(async () => {
  // random 0: every first run starts at once instead of somewhere in its first interval.
  vigil = await startTestVigil({ sandbox: true, monitor: { workstation: false, random: () => 0 } });
  vigil.events.subscribe((m) => seen.push(m));
  token = await vigil.adminToken();
  await vigil.ok('monitor.configure', { targetId: SANDBOX, settings: { plan: FAST_PLAN, latencyThresholdMs: 2_000, dependsOn: [], metrics: null } }, token);
});

afterAll(async () => {
  await vigil?.close();
});

describe('the live monitor on the embedded sandbox EHR', () => {
  it('shows the sandbox connection UP with its latency and every probe of its last run', async () => {
    if ((await tile(SANDBOX)).status.state !== 'UP') await next('monitor.status', stateIs(SANDBOX, 'UP'));
    const t = await tile(SANDBOX);
    expect(t).toMatchObject({ name: 'Sandbox EHR', kind: 'connection', openAlerts: 0, paused: false, maintenance: null });
    expect(t.status.latencyMs).toBeGreaterThanOrEqual(0);
    const detail = await vigil.ok('monitor.detail', { targetId: SANDBOX, range: '1h' }, token);
    expect(detail.lastRun.map((p) => p.probe)).toEqual(['capability', 'smart', 'token', 'patient', 'cds', 'auditEvent', 'tls']);
    expect(detail.recent[0]).toMatchObject({ status: 'pass' });
    expect(detail.settings.plan).toEqual(FAST_PLAN);
  });

  it('goes DOWN within interval × retries when the sandbox stops, opens a SEV1 alert and notifies the desktop; acknowledging records who; recovery resolves it', async () => {
    const down = next('monitor.status', stateIs(SANDBOX, 'DOWN'));
    const opened = next('alert.opened', (p) => p.alert.targetId === SANDBOX);
    const desktop = next('notify.desktop', (p) => p.title.includes('SEV1'));
    const stoppedAt = Date.now();
    await setDown(true);
    const status = await down;
    expect(status.status.reason).toMatch(/failed 2 times in a row/);
    expect(status.status.since - stoppedAt).toBeLessThanOrEqual(WITHIN_MS);
    const { alert } = await opened;
    expect(alert).toMatchObject({ severity: 'SEV1', title: 'Connection down', status: 'open', targetName: 'Sandbox EHR' });
    expect((await desktop).urgency).toBe('critical');
    expect(await tile(SANDBOX)).toMatchObject({ openAlerts: 1, worstSeverity: 'SEV1', status: { state: 'DOWN' } });

    const acked = await vigil.ok('alerts.acknowledge', { alertId: alert.id }, token);
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledged: { by: 'admin' } });
    const audit = await vigil.ok('audit.list', { action: 'alerts.acknowledge' }, token);
    expect(audit.entries[0]).toMatchObject({ actor: 'admin', outcome: 'ok', target: `alert:${alert.id}` });

    const up = next('monitor.status', stateIs(SANDBOX, 'UP'));
    const resolved = next('alert.updated', (p) => p.alert.id === alert.id && p.alert.status === 'resolved');
    const recovery = next('notify.desktop', (p) => /resolved|recover/i.test(`${p.title} ${p.body}`));
    await setDown(false);
    await up;
    expect((await resolved).alert.resolved).toMatchObject({ reason: 'recovered', by: null });
    // Nobody pressed a key for the alert to open or to resolve itself: Vigil did, and the trail says so.
    const own = await vigil.ok('audit.list', { actor: 'vigil' }, token);
    const about = own.entries.filter((e) => e.target === `alert:${alert.id}`).map((e) => [e.action, e.detail?.reason ?? null]);
    expect(about).toEqual([
      ['alerts.resolve', 'recovered'],
      ['alert.opened', null],
    ]);
    await recovery;
    expect((await vigil.ok('alerts.list', { status: 'active' }, token)).alerts).toEqual([]);
    expect((await vigil.ok('alerts.list', { status: 'resolved' }, token)).alerts.map((a) => a.id)).toContain(alert.id);

    // The runs of this outage are kept, newest first; uptime and charts come from rollups of whole minutes,
    // which the storage tests check against raw results.
    const detail = await vigil.ok('monitor.detail', { targetId: SANDBOX, range: '1h' }, token);
    const during = detail.recent.filter((r) => r.at >= stoppedAt);
    expect(during.map((r) => r.status)).toEqual(expect.arrayContaining(['pass', 'fail']));
    expect(detail.recent.map((r) => r.at)).toEqual([...detail.recent.map((r) => r.at)].sort((a, b) => b - a));
  }, 4 * WITHIN_MS);

  it('records but does not alert during a maintenance window, and alerts when it ends with the problem still there', async () => {
    const now = Date.now();
    const entering = next('monitor.status', stateIs(SANDBOX, 'MAINTENANCE'), 5_000);
    const window = await vigil.ok('maintenance.create', { kind: 'once', targetId: SANDBOX, start: now - 1_000, end: now + 3_600_000, note: 'EHR upgrade' }, token);
    await entering;
    const alertsBefore = seen.filter((m) => m.event === 'alert.opened').length;
    const downUnderneath = next('monitor.status', (p) => p.status.targetId === SANDBOX && p.status.health === 'DOWN');
    await setDown(true);
    expect((await downUnderneath).status.state).toBe('MAINTENANCE');
    expect(await tile(SANDBOX)).toMatchObject({ openAlerts: 0, maintenance: { windowId: window.id, note: 'EHR upgrade' } });
    expect(seen.filter((m) => m.event === 'alert.opened').length).toBe(alertsBefore);

    const opened = next('alert.opened', (p) => p.alert.targetId === SANDBOX, 5_000);
    await vigil.ok('maintenance.delete', { id: window.id }, token);
    expect((await opened).alert.title).toBe('Connection down');
    const up = next('monitor.status', stateIs(SANDBOX, 'UP'));
    await setDown(false);
    await up;
  }, 4 * WITHIN_MS);

  it('raises one alert naming the parent and its dependants when the parent takes them down', async () => {
    const childTarget = await addDependant('Ward system behind the sandbox');
    if ((await tile(childTarget)).status.state !== 'UP') await next('monitor.status', stateIs(childTarget, 'UP'));

    const openedBefore = seen.filter((m) => m.event === 'alert.opened').length;
    const childDown = next('monitor.status', stateIs(childTarget, 'DOWN'));
    const parentDown = next('monitor.status', stateIs(SANDBOX, 'DOWN'));
    await setDown(true);
    await Promise.all([childDown, parentDown]);
    // Both verdicts are in; give the engine the parent's alert with the child folded in.
    const active = (await vigil.ok('alerts.list', { status: 'active' }, token)).alerts;
    expect(active).toHaveLength(1);
    expect(active[0]).toMatchObject({ targetId: SANDBOX, affected: [childTarget], affectedNames: ['Ward system behind the sandbox'] });
    const opened = seen.filter((m) => m.event === 'alert.opened').slice(openedBefore) as PushedEvent<'alert.opened'>[];
    expect(opened.filter((m) => m.payload.alert.status !== 'resolved').map((m) => m.payload.alert.targetId)).toContain(SANDBOX);

    const up = next('monitor.status', stateIs(SANDBOX, 'UP'));
    await setDown(false);
    await up;
  }, 4 * WITHIN_MS);

  it("scrapes the sandbox's medical AI service: readings on the tile, and model drift opens a metric alert that clears with it", async () => {
    const { baseUrl } = await vigil.ok('sandbox.get', {}, token);
    const metrics = {
      url: new URL('/ai/metrics', baseUrl!).href,
      selectors: [{ name: 'model_accuracy_score', threshold: { direction: 'below' as const, warn: 0.85, critical: 0.75 } }, { name: 'active_clinical_sessions' }],
    };
    await vigil.ok('monitor.configure', { targetId: SANDBOX, settings: { plan: FAST_PLAN, latencyThresholdMs: 2_000, dependsOn: [], metrics } }, token);
    const opened = next('alert.opened', (p) => p.alert.targetId === SANDBOX && p.alert.rule === 'metric:model_accuracy_score');
    await vigil.ok('sandbox.set', { faults: { modelDrift: true } }, token);
    const { alert } = await opened;
    expect(alert).toMatchObject({ severity: 'SEV2', title: 'model_accuracy_score below its critical limit' });
    const t = await tile(SANDBOX);
    expect(t.metrics.model_accuracy_score).toBeLessThan(0.75);
    expect(t.metrics.active_clinical_sessions).toBeGreaterThan(0);
    expect(t.status).toMatchObject({ health: 'DEGRADED', reason: expect.stringMatching(/^metrics: Critical: model_accuracy_score/) });

    const cleared = next('alert.updated', (p) => p.alert.id === alert.id && p.alert.status === 'resolved');
    await vigil.ok('sandbox.set', { faults: { modelDrift: false } }, token);
    expect((await cleared).alert.resolved?.reason).toBe('recovered');
  }, 4 * WITHIN_MS);

  it('pauses and resumes a target, and refuses a dependency cycle or an unknown target', async () => {
    expect(await vigil.ok('monitor.pause', { targetId: SANDBOX }, token)).toMatchObject({ state: 'PAUSED' });
    expect(await tile(SANDBOX)).toMatchObject({ paused: true });
    expect(await vigil.ok('monitor.resume', { targetId: SANDBOX }, token)).toMatchObject({ state: 'UNKNOWN' });

    const child = await addDependant('Pharmacy system behind the sandbox');
    const cycle = await vigil.call('monitor.configure', { targetId: SANDBOX, settings: { plan: FAST_PLAN, latencyThresholdMs: 2_000, dependsOn: [child], metrics: null } }, token);
    expect(cycle).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/cycle: Sandbox EHR → Pharmacy system/) } });
    const unknown = await vigil.call('monitor.pause', { targetId: 'conn:999' }, token);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('keeps the shared alert rules, refuses a tier twice, and audits a change', async () => {
    expect(await vigil.ok('monitor.rules', {}, token)).toEqual({ tlsExpiryDays: [30, 14, 7, 1], degradedAfterMinutes: 10 });
    const twice = await vigil.call('monitor.setRules', { tlsExpiryDays: [30, 30], degradedAfterMinutes: 10 }, token);
    expect(twice).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await vigil.ok('monitor.setRules', { tlsExpiryDays: [45, 10, 2], degradedAfterMinutes: 5 }, token);
    expect(await vigil.ok('monitor.rules', {}, token)).toEqual({ tlsExpiryDays: [45, 10, 2], degradedAfterMinutes: 5 });
    const audit = await vigil.ok('audit.list', { action: 'monitor.setRules' }, token);
    // Input the contract refuses never reaches a handler, so it changed nothing to audit.
    expect(audit.entries.map((e) => [e.outcome, e.target])).toEqual([['ok', 'monitor:rules']]);
  });
});
