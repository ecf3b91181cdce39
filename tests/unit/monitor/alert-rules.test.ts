import { describe, expect, it } from 'vitest';
import type { AlertOutput } from '../../../src-main/monitor/alert';
import type { AlertNotification as Notification, NotificationKind } from '../../../src-main/notify';
import { AlertEngine, AlertNotFoundError, type AlertInput } from '../../../src-main/monitor/alert-engine';
import { DEFAULT_ALERT_RULES, rulesWith, type AlertRules, type MetricReading } from '../../../src-main/monitor/alert-rules';
import { DependencyGraph } from '../../../src-main/monitor/dependencies';
import { MaintenanceCalendar } from '../../../src-main/monitor/maintenance';
import { DEFAULT_ALERT_RULE_SETTINGS, type MaintenanceWindowInput } from '../../../src-shared/monitoring';
import type { ProbeOutcome } from '../../../src-main/monitor/outcome';
import { StateMachine } from '../../../src-main/monitor/state';
import { failing, passing } from './helpers';

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** The state machine feeding the alert engine, as the monitor will wire them. */
function harness(opts: { windows?: MaintenanceWindowInput[]; parents?: Record<string, string[]>; targets?: string[]; rules?: AlertRules } = {}) {
  const graph = new DependencyGraph();
  for (const [child, parents] of Object.entries(opts.parents ?? {})) graph.setParents(child, parents);
  let n = 0;
  const engine = new AlertEngine({ dependencies: graph, newId: () => `alert-${++n}`, rules: opts.rules });
  const outputs: AlertOutput[] = [];
  const sm = new StateMachine({ maintenance: new MaintenanceCalendar(opts.windows), onChange: () => {} });
  for (const id of opts.targets ?? ['conn:1']) sm.track(id, { latencyThresholdMs: 1_000 }, T0);
  const send = (input: AlertInput) => {
    const out = engine.handle(input);
    outputs.push(...out);
    return out;
  };
  const notes = (kind?: NotificationKind): Notification[] =>
    outputs.flatMap((o) => (o.type === 'notify' && (!kind || o.notification.kind === kind) ? [o.notification] : []));
  return {
    engine,
    sm,
    outputs,
    notes,
    report: (targetId: string, outcome: ProbeOutcome, at: number) => {
      const status = sm.record({ targetId, outcome, attempt: 0, final: true }, at)!;
      send({ type: 'status', at, status });
    },
    send,
    open: () => engine.openAlerts(),
  };
}

const kinds = (notes: Notification[]) => notes.map((n) => [n.kind, n.level]);

describe('alert rules', () => {
  it('opens a SEV1 alert on DOWN, resolves it on recovery with a notice, and reuses its dedup key', () => {
    const h = harness();
    h.report('conn:1', passing(), T0);
    h.report('conn:1', failing(), T0 + MIN);
    const [alert] = h.open();
    expect(alert).toMatchObject({ id: 'alert-1', dedupKey: 'vigil/conn:1/health', severity: 'SEV1', title: 'Connection down', detail: 'capability: Connection refused', status: 'open', openedAt: T0 + MIN });

    h.report('conn:1', passing(), T0 + 2 * MIN);
    expect(h.open()).toEqual([]);
    const resolved = h.outputs.find((o) => o.type === 'resolved')!;
    expect(resolved.alert.resolved).toEqual({ at: T0 + 2 * MIN, by: null, reason: 'recovered', mergedInto: null });

    h.report('conn:1', failing(), T0 + 3 * MIN);
    expect(h.open()[0]).toMatchObject({ id: 'alert-2', dedupKey: 'vigil/conn:1/health' });
    expect(kinds(h.notes())).toEqual([
      ['opened', 1],
      ['recovered', 1],
      ['opened', 1],
    ]);
  });

  it('re-notifies on the escalation schedule until acknowledged, one reminder after a long gap', () => {
    const h = harness();
    h.report('conn:1', failing(), T0);
    for (let m = 1; m <= 50; m++) h.send({ type: 'tick', at: T0 + m * MIN });
    // SEV1: level 2 after 15 min, level 3 after 30, then every 15 min.
    expect(h.notes().map((n) => [n.kind, n.level, (n.alert.escalation.notifiedAt - T0) / MIN])).toEqual([
      ['opened', 1, 0],
      ['reminder', 2, 15],
      ['reminder', 3, 30],
      ['reminder', 3, 45],
    ]);
    const id = h.open()[0]!.id;
    h.send({ type: 'acknowledge', at: T0 + 50 * MIN, alertId: id, by: 'noc.anna' });
    expect(h.open()[0]).toMatchObject({ status: 'acknowledged', acknowledged: { by: 'noc.anna', at: T0 + 50 * MIN, workstation: null } });
    for (let m = 51; m <= 240; m++) h.send({ type: 'tick', at: T0 + m * MIN });
    expect(kinds(h.notes()).slice(4)).toEqual([['acknowledged', 3]]);
    // Acknowledging twice changes nothing; an alert that is not open cannot be acknowledged.
    expect(h.send({ type: 'acknowledge', at: T0 + 241 * MIN, alertId: id, by: 'noc.ben' })).toEqual([]);
    expect(() => h.send({ type: 'acknowledge', at: T0, alertId: 'nope', by: 'x' })).toThrow(AlertNotFoundError);

    const later = harness();
    later.report('conn:1', failing(), T0);
    later.send({ type: 'tick', at: T0 + 5 * 60 * MIN });
    expect(kinds(later.notes('reminder'))).toEqual([['reminder', 3]]);
  });

  it('alerts on DEGRADED only once it has lasted, and notifies again when it turns DOWN', () => {
    const h = harness();
    h.report('conn:1', passing(2_000), T0);
    h.report('conn:1', passing(100), T0 + 5 * MIN);
    h.report('conn:1', passing(2_000), T0 + 6 * MIN);
    h.send({ type: 'tick', at: T0 + 15 * MIN });
    expect(h.open()).toEqual([]);
    h.send({ type: 'tick', at: T0 + 16 * MIN });
    expect(h.open()[0]).toMatchObject({ severity: 'SEV2', grade: 1, title: 'Connection degraded', detail: 'Slow: 2000 ms, over the 1000 ms threshold' });

    h.report('conn:1', failing(), T0 + 17 * MIN);
    expect(h.open()[0]).toMatchObject({ severity: 'SEV1', grade: 2, title: 'Connection down' });
    // Back to slow: milder, but the same alert and no new notice; then up: resolved.
    h.report('conn:1', passing(2_000), T0 + 18 * MIN);
    expect(h.open()[0]).toMatchObject({ severity: 'SEV2', grade: 1 });
    h.report('conn:1', passing(100), T0 + 19 * MIN);
    expect(kinds(h.notes())).toEqual([
      ['opened', 1],
      ['worsened', 1],
      ['recovered', 1],
    ]);
  });

  it('keeps one alert open through flapping instead of alerting on every flip', () => {
    const h = harness();
    h.report('conn:1', passing(), T0);
    for (let m = 1; m <= 20; m++) h.report('conn:1', m % 2 ? failing() : passing(), T0 + m * MIN);
    // Two alerts came and went before flapping was recognised; the third stays open through the rest.
    expect(kinds(h.notes())).toEqual([
      ['opened', 1],
      ['recovered', 1],
      ['opened', 1],
      ['recovered', 1],
      ['opened', 1],
    ]);
    expect(h.open()[0]).toMatchObject({ flapping: true });

    for (let m = 21; m <= 31; m++) h.report('conn:1', passing(), T0 + m * MIN);
    expect(h.open()).toEqual([]);
    expect(h.notes().at(-1)).toMatchObject({ kind: 'recovered', alert: { flapping: false } });
  });

  it('stays quiet during a maintenance window (one-off or cron) and alerts if still down after it', () => {
    const h = harness({
      targets: ['conn:1', 'conn:2'],
      windows: [
        { id: 'upgrade', targetId: 'conn:1', kind: 'once', start: T0 + 10 * MIN, end: T0 + 40 * MIN },
        { id: 'nightly', targetId: 'conn:2', kind: 'recurring', cron: '0 10 * * *', durationMs: 30 * MIN },
      ],
    });
    h.report('conn:1', passing(), T0);
    h.report('conn:1', failing(), T0 + 15 * MIN);
    h.report('conn:2', failing(), T0 + 15 * MIN);
    h.send({ type: 'tick', at: T0 + 30 * MIN });
    expect(h.open()).toEqual([]);
    expect(h.sm.get('conn:2')).toMatchObject({ state: 'MAINTENANCE', health: 'DOWN' });

    h.report('conn:2', failing(), T0 + 31 * MIN);
    h.report('conn:1', failing(), T0 + 41 * MIN);
    expect(h.open().map((a) => [a.targetId, a.openedAt])).toEqual([
      ['conn:2', T0 + 31 * MIN],
      ['conn:1', T0 + 41 * MIN],
    ]);
  });

  it('holds reminders of an open alert while its connection is in maintenance', () => {
    const h = harness({ windows: [{ id: 'w', targetId: 'conn:1', kind: 'once', start: T0 + 5 * MIN, end: T0 + 60 * MIN }] });
    h.report('conn:1', failing(), T0);
    h.report('conn:1', failing(), T0 + 6 * MIN);
    for (let m = 7; m <= 59; m++) h.send({ type: 'tick', at: T0 + m * MIN });
    expect(h.notes('reminder')).toEqual([]);
    h.report('conn:1', failing(), T0 + 61 * MIN);
    h.send({ type: 'tick', at: T0 + 61 * MIN });
    expect(kinds(h.notes('reminder'))).toEqual([['reminder', 3]]);
  });

  it('raises one alert for a down parent naming its failing children, whose own alerts are held back', () => {
    const h = harness({ targets: ['idp', 'epic', 'cerner', 'lab'], parents: { epic: ['idp'], cerner: ['idp'], lab: ['cerner'] } });
    for (const id of ['idp', 'epic', 'cerner', 'lab']) h.report(id, passing(), T0);
    h.report('idp', failing('Token endpoint unreachable'), T0 + MIN);
    h.report('epic', failing(), T0 + MIN + 1_000);
    h.report('cerner', failing(), T0 + MIN + 2_000);
    h.report('lab', failing(), T0 + MIN + 3_000);

    expect(h.open()).toHaveLength(1);
    expect(h.open()[0]).toMatchObject({ targetId: 'idp', affected: ['epic', 'cerner', 'lab'] });
    expect(kinds(h.notes())).toEqual([['opened', 1]]);
    expect(h.sm.get('epic')!.state).toBe('DOWN');

    // The parent recovers: the children's verdicts from before that wait for fresh ones.
    h.report('idp', passing(), T0 + 2 * MIN);
    expect(h.open()).toEqual([]);
    h.report('epic', passing(), T0 + 2 * MIN + 1_000);
    // cerner is still down: a problem of its own now, and lab, behind it, is named in its alert.
    h.report('cerner', failing(), T0 + 2 * MIN + 2_000);
    h.report('lab', failing(), T0 + 2 * MIN + 3_000);
    expect(h.open().map((a) => [a.targetId, a.affected])).toEqual([['cerner', ['lab']]]);
    expect(kinds(h.notes())).toEqual([
      ['opened', 1],
      ['recovered', 1],
      ['opened', 1],
    ]);
  });

  it('merges a child alert that opened before its parent went down into the parent’s', () => {
    const h = harness({ targets: ['idp', 'epic'], parents: { epic: ['idp'] } });
    h.report('epic', failing(), T0);
    h.report('idp', failing(), T0 + 10_000);
    expect(h.open().map((a) => [a.targetId, a.affected])).toEqual([['idp', ['epic']]]);
    const merged = h.notes('merged')[0]!;
    expect(merged.alert).toMatchObject({ targetId: 'epic', resolved: { reason: 'merged', mergedInto: h.open()[0]!.id } });
  });

  it('alerts once per certificate tier, on expiry, and resolves on renewal', () => {
    const h = harness();
    const validTo = T0 + 40 * DAY;
    for (let d = 0; d <= 41; d++) {
      h.send({ type: 'tls', at: T0 + d * DAY, targetId: 'conn:1', validTo, protocol: 'TLSv1.3' });
      h.send({ type: 'tick', at: T0 + d * DAY + 12 * 60 * MIN });
    }
    expect(h.notes().map((n) => [n.kind, n.alert.severity, n.alert.title, (n.alert.updatedAt - T0) / DAY])).toEqual([
      ['opened', 'SEV3', 'TLS certificate expires within 30 days', 10],
      ['worsened', 'SEV3', 'TLS certificate expires within 14 days', 26],
      ['worsened', 'SEV2', 'TLS certificate expires within 7 days', 33],
      ['worsened', 'SEV1', 'TLS certificate expires within 1 day', 39],
      ['worsened', 'SEV1', 'TLS certificate has expired', 40],
    ]);
    expect(new Set(h.notes().map((n) => n.alert.dedupKey))).toEqual(new Set(['vigil/conn:1/tls-expiry']));

    h.send({ type: 'tls', at: T0 + 42 * DAY, targetId: 'conn:1', validTo: T0 + 400 * DAY, protocol: 'TLSv1.3' });
    expect(h.notes().at(-1)).toMatchObject({ kind: 'recovered' });
    expect(h.open()).toEqual([]);
  });

  it("takes an operator's tiers and DEGRADED delay, applied to open alerts at their next verdict", () => {
    expect(rulesWith({ tlsExpiryDays: [30, 14, 7, 1], degradedAfterMinutes: 10, keyRotationDays: 365 })).toEqual(DEFAULT_ALERT_RULES);
    const h = harness();
    h.send({ type: 'tls', at: T0, targetId: 'conn:1', validTo: T0 + 45 * DAY, protocol: 'TLSv1.3' });
    expect(h.open()).toEqual([]);
    h.engine.setRules(rulesWith({ tlsExpiryDays: [60, 3], degradedAfterMinutes: 2, keyRotationDays: 365 }));
    h.send({ type: 'tls', at: T0 + MIN, targetId: 'conn:1', validTo: T0 + 45 * DAY, protocol: 'TLSv1.3' });
    expect(h.open().map((a) => [a.severity, a.title])).toEqual([['SEV3', 'TLS certificate expires within 60 days']]);
    h.send({ type: 'tls', at: T0 + 43 * DAY, targetId: 'conn:1', validTo: T0 + 45 * DAY, protocol: 'TLSv1.3' });
    expect(h.open().map((a) => [a.severity, a.title])).toEqual([['SEV2', 'TLS certificate expires within 3 days']]);

    h.report('conn:1', passing(2_000), T0);
    h.send({ type: 'tick', at: T0 + MIN });
    expect(h.open().map((a) => a.rule)).toEqual(['tls-expiry']);
    h.send({ type: 'tick', at: T0 + 2 * MIN });
    expect(h.open().map((a) => [a.rule, a.title])).toContainEqual(['health', 'Connection degraded']);
  });

  it('takes configured tiers and fails a protocol below TLS 1.2', () => {
    const rules: AlertRules = { ...DEFAULT_ALERT_RULES, tlsExpiry: [{ withinMs: 60 * DAY, severity: 'SEV3' }, { withinMs: 10 * DAY, severity: 'SEV1' }] };
    const h = harness({ rules });
    h.send({ type: 'tls', at: T0, targetId: 'conn:1', validTo: T0 + 45 * DAY, protocol: 'TLSv1.1' });
    expect(h.open().map((a) => [a.rule, a.severity, a.title])).toEqual([
      ['tls-expiry', 'SEV3', 'TLS certificate expires within 60 days'],
      ['tls-protocol', 'SEV2', 'TLS protocol below TLS 1.2'],
    ]);
    h.send({ type: 'tls', at: T0 + MIN, targetId: 'conn:1', validTo: T0 + 45 * DAY, protocol: 'TLSv1.2' });
    expect(h.open().map((a) => a.rule)).toEqual(['tls-expiry']);
  });

  it("warns of a client secret's end date tier by tier, once each, and clears when a new secret with a later date is saved", () => {
    const h = harness();
    const credentials = (at: number, secretExpiresAt: number | null) => h.send({ type: 'credentials', at, targetId: 'conn:1', secretExpiresAt, keyCreatedAt: null });
    credentials(T0, T0 + 40 * DAY);
    expect(h.open()).toEqual([]);
    credentials(T0 + 11 * DAY, T0 + 40 * DAY);
    expect(h.open()).toMatchObject([{ rule: 'secret-expiry', severity: 'SEV3', title: 'Client secret expires within 30 days', detail: 'Expires 2026-02-14 10:00 UTC, in 29 days' }]);
    credentials(T0 + 11 * DAY + MIN, T0 + 40 * DAY);
    credentials(T0 + 34 * DAY, T0 + 40 * DAY);
    credentials(T0 + 39 * DAY + HOUR, T0 + 40 * DAY);
    expect(h.open()[0]).toMatchObject({ severity: 'SEV1', title: 'Client secret expires within 1 day' });
    credentials(T0 + 41 * DAY, T0 + 40 * DAY);
    expect(h.open()[0]).toMatchObject({ severity: 'SEV1', title: 'Client secret has expired' });
    credentials(T0 + 41 * DAY + MIN, T0 + 400 * DAY);
    expect(h.open()).toEqual([]);
    expect(kinds(h.notes())).toEqual([
      ['opened', 1],
      ['worsened', 1],
      ['worsened', 1],
      ['worsened', 1],
      ['recovered', 1],
    ]);
  });

  it("reminds once that a signing key is due for rotation at the operator's age, and not for a key of unknown age", () => {
    const h = harness({ rules: rulesWith({ ...DEFAULT_ALERT_RULE_SETTINGS, keyRotationDays: 90 }) });
    const credentials = (at: number, keyCreatedAt: number | null) => h.send({ type: 'credentials', at, targetId: 'conn:1', secretExpiresAt: null, keyCreatedAt });
    credentials(T0 + 89 * DAY, T0);
    credentials(T0 + 100 * DAY, null);
    expect(h.open()).toEqual([]);
    credentials(T0 + 91 * DAY, T0);
    expect(h.open()).toMatchObject([{ rule: 'key-rotation', severity: 'SEV3', title: 'Signing key due for rotation' }]);
    for (let d = 92; d <= 200; d++) credentials(T0 + d * DAY, T0);
    h.send({ type: 'tick', at: T0 + 200 * DAY });
    expect(kinds(h.notes())).toEqual([['opened', 1]]);
    credentials(T0 + 201 * DAY, T0 + 201 * DAY);
    expect(h.open()).toEqual([]);
  });

  it('alerts on metric thresholds: warn, then critical, milder again without a notice, clear with one', () => {
    const h = harness();
    const accuracy = (value: number): MetricReading => ({
      name: 'model_accuracy_score',
      value,
      threshold: { direction: 'below', warn: 0.9, critical: 0.85 },
      severity: { critical: 'SEV1' },
    });
    const p95 = (value: number): MetricReading => ({ name: 'http_request_duration_seconds{quantile="0.95"}', value, threshold: { direction: 'above', warn: 1.5 } });
    const scrape = (at: number, acc: number, lat: number) => h.send({ type: 'metrics', at, targetId: 'conn:1', readings: [accuracy(acc), p95(lat)] });

    scrape(T0, 0.9, 1.5); // exactly at a limit is not beyond it
    expect(h.open()).toEqual([]);
    scrape(T0 + MIN, 0.88, 2.1);
    expect(h.open().map((a) => [a.dedupKey, a.severity, a.detail])).toEqual([
      ['vigil/conn:1/metric:model_accuracy_score', 'SEV3', '0.88 is below 0.9'],
      ['vigil/conn:1/metric:http_request_duration_seconds{quantile="0.95"}', 'SEV3', '2.1 is above 1.5'],
    ]);
    scrape(T0 + 2 * MIN, 0.8, 2.1);
    expect(h.open()[0]).toMatchObject({ severity: 'SEV1', title: 'model_accuracy_score below its critical limit' });
    scrape(T0 + 3 * MIN, 0.87, 1.2);
    scrape(T0 + 4 * MIN, 0.95, 1.2);
    expect(h.notes().map((n) => [n.kind, n.alert.rule])).toEqual([
      ['opened', 'metric:model_accuracy_score'],
      ['opened', 'metric:http_request_duration_seconds{quantile="0.95"}'],
      ['worsened', 'metric:model_accuracy_score'],
      ['recovered', 'metric:http_request_duration_seconds{quantile="0.95"}'],
      ['recovered', 'metric:model_accuracy_score'],
    ]);
  });

  it('a manual resolve holds until the problem has cleared once', () => {
    const h = harness();
    h.report('conn:1', failing(), T0);
    h.send({ type: 'resolve', at: T0 + MIN, alertId: h.open()[0]!.id, by: 'noc.anna' });
    expect(h.notes().at(-1)).toMatchObject({ kind: 'resolved', alert: { resolved: { by: 'noc.anna', reason: 'manual' } } });
    h.report('conn:1', passing(2_000), T0 + 2 * MIN); // still unwell, no longer down
    h.report('conn:1', failing(), T0 + 3 * MIN);
    expect(h.open()).toEqual([]);
    h.report('conn:1', passing(), T0 + 4 * MIN);
    h.report('conn:1', failing(), T0 + 5 * MIN);
    expect(h.open()).toHaveLength(1);
  });

  it('carries on with open alerts handed back after a restart', () => {
    const before = harness();
    before.report('conn:1', failing(), T0);
    const kept = JSON.parse(JSON.stringify(before.open())) as ReturnType<AlertEngine['openAlerts']>;

    const engine = new AlertEngine({ dependencies: new DependencyGraph(), open: kept });
    const out = engine.handle({ type: 'tick', at: T0 + 15 * MIN });
    expect(out.flatMap((o) => (o.type === 'notify' ? [[o.notification.kind, o.notification.level]] : []))).toEqual([['reminder', 2]]);
  });

  it('holds reminders while its connection is paused, and takes them up again on resume', () => {
    const h = harness();
    h.report('conn:1', failing(), T0);
    h.send({ type: 'status', at: T0 + MIN, status: h.sm.pause('conn:1', T0 + MIN)! });
    for (let m = 2; m <= 40; m++) h.send({ type: 'tick', at: T0 + m * MIN });
    expect(h.notes('reminder')).toEqual([]);
    expect(h.open()).toHaveLength(1);
    h.send({ type: 'status', at: T0 + 41 * MIN, status: h.sm.resume('conn:1', T0 + 41 * MIN)! });
    h.report('conn:1', failing(), T0 + 42 * MIN);
    h.send({ type: 'tick', at: T0 + 42 * MIN });
    expect(kinds(h.notes('reminder'))).toEqual([['reminder', 3]]);
  });

  it("resolves a removed or disabled connection's alerts saying by whom, reminds no more, and drops it from its parent's", () => {
    const h = harness({ targets: ['idp', 'epic', 'lab'], parents: { epic: ['idp'] } });
    h.report('idp', failing(), T0);
    h.report('epic', failing(), T0 + 1_000);
    h.report('lab', failing(), T0 + 2_000);
    expect(h.open().map((a) => [a.targetId, a.affected])).toEqual([
      ['idp', ['epic']],
      ['lab', []],
    ]);

    h.send({ type: 'retire', at: T0 + MIN, targetId: 'lab', by: 'ada', reason: 'removed' });
    h.send({ type: 'retire', at: T0 + MIN, targetId: 'epic', by: 'ada', reason: 'disabled' });
    expect(h.notes('resolved').map((n) => [n.alert.targetId, n.alert.resolved])).toEqual([
      ['lab', { at: T0 + MIN, by: 'ada', reason: 'removed', mergedInto: null }],
    ]);
    expect(h.open().map((a) => [a.targetId, a.affected])).toEqual([['idp', []]]);
    for (let m = 2; m <= 60; m++) h.send({ type: 'tick', at: T0 + m * MIN });
    // Only the parent goes on reminding, at 15, 30, 45 and 60 minutes.
    expect(h.notes('reminder').map((n) => n.alert.targetId)).toEqual(['idp', 'idp', 'idp', 'idp']);
  });

  it('takes an acknowledgement back: open again, told again at the level reached, reminders from there', () => {
    const h = harness();
    h.report('conn:1', failing(), T0);
    const id = h.open()[0]!.id;
    h.send({ type: 'acknowledge', at: T0 + 2 * MIN, alertId: id, by: 'olive' });
    for (let m = 3; m <= 20; m++) h.send({ type: 'tick', at: T0 + m * MIN });
    h.send({ type: 'unacknowledge', at: T0 + 20 * MIN, alertId: id, by: 'olive' });
    expect(h.open()[0]).toMatchObject({ status: 'open', acknowledged: null, escalation: { level: 2, notifiedAt: T0 + 20 * MIN } });
    for (let m = 21; m <= 30; m++) h.send({ type: 'tick', at: T0 + m * MIN });
    expect(kinds(h.notes())).toEqual([
      ['opened', 1],
      ['acknowledged', 1],
      ['unacknowledged', 2],
      ['reminder', 3],
    ]);
    // Only an acknowledged alert can be taken back; a second call changes nothing.
    expect(h.send({ type: 'unacknowledge', at: T0 + 31 * MIN, alertId: id, by: 'olive' })).toEqual([]);
    expect(() => h.send({ type: 'unacknowledge', at: T0 + 31 * MIN, alertId: 'no-such-alert', by: 'olive' })).toThrow(AlertNotFoundError);
  });

  it("takes the shared database's holder (team mode): acknowledges an open alert as theirs, or names them instead of a later acknowledgement here, telling nothing twice", () => {
    const h = harness();
    h.report('conn:1', failing(), T0);
    const id = h.open()[0]!.id;
    const olga = { by: 'olga', at: T0 + MIN, workstation: 'ws-a' };
    h.send({ type: 'holder', at: T0 + 2 * MIN, alertId: id, holder: olga });
    expect(h.open()[0]).toMatchObject({ status: 'acknowledged', acknowledged: olga, updatedAt: T0 + 2 * MIN });
    for (let m = 3; m <= 60; m++) h.send({ type: 'tick', at: T0 + m * MIN });
    // The same holder again changes nothing; reminders stopped as for any acknowledgement.
    expect(h.send({ type: 'holder', at: T0 + 61 * MIN, alertId: id, holder: olga })).toEqual([]);
    expect(kinds(h.notes())).toEqual([
      ['opened', 1],
      ['acknowledged', 1],
    ]);

    const later = harness();
    later.report('conn:1', failing(), T0);
    const mine = later.open()[0]!.id;
    later.send({ type: 'acknowledge', at: T0 + 3 * MIN, alertId: mine, by: 'otto' });
    later.send({ type: 'holder', at: T0 + 4 * MIN, alertId: mine, holder: olga });
    expect(later.open()[0]).toMatchObject({ status: 'acknowledged', acknowledged: olga });
    expect(kinds(later.notes())).toEqual([
      ['opened', 1],
      ['acknowledged', 1],
    ]);
    expect(() => later.send({ type: 'holder', at: T0, alertId: 'no-such-alert', holder: olga })).toThrow(AlertNotFoundError);
  });
});
