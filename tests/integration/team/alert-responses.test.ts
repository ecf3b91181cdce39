/**
 * Alert responses in team mode on a real PostgreSQL: two workstations
 * watch one EHR (workstation A's embedded sandbox, real HTTP on 127.0.0.1;
 * B has a connection to the same FHIR base URL), so each opens its own
 * alert for one outage. Who acknowledged first is decided in PostgreSQL:
 * the second operator sees who has it, on both workstations; taking back
 * and resolving travel; an alert opening while someone holds the problem
 * opens as theirs; acknowledgements racing from both sides end with one
 * holder everywhere. Waits are for events, bounded by the probe plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView } from '../../../src-shared/monitoring';
import { nextEvent } from '../../helpers/next-event';
import { syncAll, teamFixture, type Workstation } from '../../helpers/team';

const FAST_PLAN = { intervalMs: 5_000, timeoutMs: 4_000, retries: 1, retryIntervalMs: 1_000 };
// Interval × (retries + 1) plus the retry wait, doubled for a busy CI machine.
const WITHIN_MS = 2 * (FAST_PLAN.intervalMs * (FAST_PLAN.retries + 1) + FAST_PLAN.retryIntervalMs);

const team = teamFixture(['A', 'B'], { vigil: { sandbox: true, monitor: { workstation: false, random: () => 0 } } });
let a: Workstation;
let b: Workstation;
/** The EHR both watch: A's sandbox connection, and B's connection to the same base URL. */
const target = { A: 'conn:1', B: '' };
const operators = { A: '', B: '' };
let sandboxUrl = '';

const targetOf = (ws: Workstation) => (ws === a ? target.A : target.B);

async function activeAlert(ws: Workstation): Promise<AlertView | undefined> {
  const { alerts } = await ws.vigil.ok('alerts.list', { status: 'active', targetId: targetOf(ws) }, ws.token);
  return alerts.find((x) => x.rule === 'health');
}

const opened = (ws: Workstation) => nextEvent(ws.vigil.events, 'alert.opened', (p) => p.alert.targetId === targetOf(ws) && p.alert.rule === 'health', WITHIN_MS);
const resolvedOn = (ws: Workstation) => nextEvent(ws.vigil.events, 'alert.updated', (p) => p.alert.targetId === targetOf(ws) && p.alert.status === 'resolved', WITHIN_MS);

/** The sandbox goes down (or up) and both workstations' alerts open (or resolve by themselves). */
async function outage(down: boolean): Promise<void> {
  const waits = down ? [opened(a), opened(b)] : [resolvedOn(a), resolvedOn(b)];
  await a.vigil.ok('sandbox.set', { faults: { down } }, a.token);
  await Promise.all(waits);
}

async function claims() {
  const { rows } = await team.su.query<{ key: string; version: string; state: string; by_user: string | null; workstation: string }>('SELECT key, version, state, by_user, workstation FROM vigil.alert_claims');
  return rows;
}

beforeAll(async () => {
  [a, b] = team.all as [Workstation, Workstation];
  for (const ws of [a, b]) {
    const { workstation } = await ws.vigil.ok('team.status', {}, ws.token);
    ws.name = workstation;
  }
  await a.vigil.ok('sandbox.set', { requireAuth: false }, a.token);
  sandboxUrl = (await a.vigil.ok('sandbox.get', {}, a.token)).baseUrl!;
  const onB = await b.vigil.ok('connections.create', { config: { name: 'Main EHR', vendor: 'generic', baseUrl: sandboxUrl, authMode: 'none' } }, b.token);
  target.B = `conn:${onB.id}`;
  for (const ws of [a, b]) await ws.vigil.ok('monitor.configure', { targetId: targetOf(ws), settings: { plan: FAST_PLAN, latencyThresholdMs: 2_000, dependsOn: [], metrics: null } }, ws.token);
  operators.A = await a.vigil.userToken('olivia', 'operator');
  operators.B = await b.vigil.userToken('oscar', 'operator');
  await syncAll(team.all);
});

afterAll(async () => {
  await a?.vigil.ok('sandbox.set', { faults: { down: false } }, a.token).catch(() => undefined);
});

describe('alert responses across workstations', () => {
  it('the first acknowledgement wins; the second operator sees who has it, on both workstations', async () => {
    await outage(true);
    const alertA = (await activeAlert(a))!;
    const alertB = (await activeAlert(b))!;
    expect(alertA.id).not.toBe(alertB.id);

    // B is cut off: oscar does not know olivia has taken it.
    b.link.offline = true;
    await a.vigil.ok('alerts.acknowledge', { alertId: alertA.id }, operators.A);
    await a.sync();
    expect(await b.vigil.ok('alerts.acknowledge', { alertId: alertB.id }, operators.B)).toMatchObject({ acknowledged: { by: 'oscar', workstation: null } });

    b.link.offline = false;
    const named = nextEvent(b.vigil.events, 'alert.updated', (p) => p.alert.id === alertB.id && p.alert.acknowledged?.by === 'olivia', 10_000);
    await syncAll(team.all);
    await named;
    expect(await activeAlert(b)).toMatchObject({ status: 'acknowledged', acknowledged: { by: 'olivia', at: expect.any(Number), workstation: a.name } });
    expect(await activeAlert(a)).toMatchObject({ status: 'acknowledged', acknowledged: { by: 'olivia', workstation: null } });
    const again = await b.vigil.call('alerts.acknowledge', { alertId: alertB.id }, operators.B);
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'olivia already has this alert: they acknowledged it first, on another workstation.' } });

    const rows = await claims();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: 'acknowledged', by_user: 'olivia', workstation: a.name });
    expect(rows[0]!.key).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir#health$/);
    const { rows: ops } = await team.su.query<{ workstation: string; result: { outcome: string; by: string } }>("SELECT workstation, result FROM vigil.ops WHERE kind = 'alert.response' ORDER BY pos");
    expect(ops.map((o) => [o.workstation, o.result.outcome, o.result.by])).toEqual([
      [a.name, 'applied', 'olivia'],
      [b.name, 'taken', 'olivia'],
    ]);
  });

  it('a take-back on one workstation opens the alert on the other; the next acknowledgement is the new holder everywhere', async () => {
    const alertA = (await activeAlert(a))!;
    const alertB = (await activeAlert(b))!;
    await a.vigil.ok('alerts.unacknowledge', { alertId: alertA.id }, operators.A);
    await syncAll(team.all);
    expect(await activeAlert(b)).toMatchObject({ status: 'open', acknowledged: null });
    // B followed olivia's take-back, and its trail says whose it was.
    const trail = await b.vigil.ok('audit.list', { actor: 'vigil', action: 'alerts.unacknowledge' }, b.token);
    expect(trail.entries[0]).toMatchObject({ target: `alert:${alertB.id}`, detail: { by: 'olivia', elsewhere: a.name } });

    // A's channels are told too (A raised its own alert), saying where it was taken.
    const told = nextEvent(a.vigil.events, 'notify.desktop', (p) => p.body.includes('Acknowledged by oscar'), 10_000);
    await b.vigil.ok('alerts.acknowledge', { alertId: alertB.id }, operators.B);
    await syncAll(team.all);
    expect(await activeAlert(a)).toMatchObject({ status: 'acknowledged', acknowledged: { by: 'oscar', workstation: b.name } });
    expect((await told).body).toMatch(/\nAcknowledged by oscar on another workstation at /);
    expect(await a.vigil.call('alerts.acknowledge', { alertId: alertA.id }, operators.A)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it("a person's resolution resolves the other workstation's alert; a new outage starts unclaimed", async () => {
    const alertA = (await activeAlert(a))!;
    const alertB = (await activeAlert(b))!;
    await b.vigil.ok('alerts.resolve', { alertId: alertB.id }, operators.B);
    await syncAll(team.all);
    const onA = await a.vigil.ok('alerts.list', { status: 'resolved', targetId: target.A }, a.token);
    expect(onA.alerts.find((x) => x.id === alertA.id)).toMatchObject({ status: 'resolved', resolved: { by: 'oscar', reason: 'manual' } });
    expect((await claims())[0]).toMatchObject({ state: 'resolved', by_user: 'oscar' });

    // Recovery clears the hold a manual resolve leaves; the next outage is a new problem nobody holds.
    const up = Promise.all([a, b].map((ws) => nextEvent(ws.vigil.events, 'monitor.status', (p) => p.status.targetId === targetOf(ws) && p.status.state === 'UP', WITHIN_MS)));
    await a.vigil.ok('sandbox.set', { faults: { down: false } }, a.token);
    await up;
    await outage(true);
    expect(await activeAlert(a)).toMatchObject({ status: 'open', acknowledged: null });
    expect(await activeAlert(b)).toMatchObject({ status: 'open', acknowledged: null });
  });

  it('acknowledgements racing from both workstations end with one holder, the same on both', async () => {
    const [alertA, alertB] = [(await activeAlert(a))!, (await activeAlert(b))!];
    await Promise.all([a.vigil.ok('alerts.acknowledge', { alertId: alertA.id }, operators.A), b.vigil.ok('alerts.acknowledge', { alertId: alertB.id }, operators.B)]);
    await Promise.all([a.sync(), b.sync()]);
    await syncAll(team.all);
    const [onA, onB] = [(await activeAlert(a))!, (await activeAlert(b))!];
    const [claim] = await claims();
    expect(claim!.state).toBe('acknowledged');
    const winner = claim!.by_user;
    expect(['olivia', 'oscar']).toContain(winner);
    expect(onA.acknowledged?.by).toBe(winner);
    expect(onB.acknowledged?.by).toBe(winner);
    // Each names where it was taken: here (null) on the winner's workstation, the other's id on the loser's.
    expect(onA.acknowledged?.workstation).toBe(winner === 'olivia' ? null : b.name);
    expect(onB.acknowledged?.workstation).toBe(winner === 'oscar' ? null : a.name);
  });

  it('an alert that opens while someone holds the problem opens as theirs (not once team mode is off); recovery ends the claim', async () => {
    const [claim] = await claims();
    expect(claim!.state).toBe('acknowledged');
    const holder = { by: claim!.by_user, workstation: claim!.workstation === b.name ? null : a.name };
    // A second way to the same EHR on B: its alert opens now, while the outage is held.
    const second = await b.vigil.ok('connections.create', { config: { name: 'Main EHR (second route)', vendor: 'generic', baseUrl: sandboxUrl, authMode: 'none' } }, b.token);
    const secondTarget = `conn:${second.id}`;
    const opening = nextEvent(b.vigil.events, 'alert.opened', (p) => p.alert.targetId === secondTarget && p.alert.rule === 'health', WITHIN_MS);
    await b.vigil.ok('monitor.configure', { targetId: secondTarget, settings: { plan: FAST_PLAN, latencyThresholdMs: 2_000, dependsOn: [], metrics: null } }, b.token);
    const { alert } = await opening;
    const { alerts } = await b.vigil.ok('alerts.list', { status: 'active', targetId: secondTarget }, b.token);
    expect(alerts).toEqual([expect.objectContaining({ id: alert.id, status: 'acknowledged', acknowledged: expect.objectContaining(holder) })]);

    // Working alone again, B no longer takes a claim it heard: a third route's alert opens unacknowledged.
    await b.vigil.ok('team.disable', {}, b.token);
    const third = await b.vigil.ok('connections.create', { config: { name: 'Main EHR (third route)', vendor: 'generic', baseUrl: sandboxUrl, authMode: 'none' } }, b.token);
    const alone = nextEvent(b.vigil.events, 'alert.opened', (p) => p.alert.targetId === `conn:${third.id}` && p.alert.rule === 'health', WITHIN_MS);
    await b.vigil.ok('monitor.configure', { targetId: `conn:${third.id}`, settings: { plan: FAST_PLAN, latencyThresholdMs: 2_000, dependsOn: [], metrics: null } }, b.token);
    const openedAlone = (await alone).alert;
    expect((await b.vigil.ok('alerts.list', { status: 'active', targetId: `conn:${third.id}` }, b.token)).alerts).toEqual([expect.objectContaining({ id: openedAlone.id, status: 'open', acknowledged: null })]);

    await outage(false);
    await a.sync();
    expect((await claims())[0]).toMatchObject({ state: 'resolved', by_user: null });
    // Every response is in the shared history once.
    const { rows } = await team.su.query<{ n: string; ids: string }>("SELECT count(*) AS n, count(DISTINCT op_id) AS ids FROM vigil.ops WHERE kind = 'alert.response'");
    expect(rows[0]!.n).toBe(rows[0]!.ids);
  });
});
