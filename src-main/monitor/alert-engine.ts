/**
 * The alert engine: a deterministic core with no timers, clock or I/O. Inputs
 * (connection status changes, TLS and credential expiry, metric readings, the time,
 * acknowledgements) go in; alert events and notifications come out. Its open
 * alerts are plain data, so the store can keep them and hand them back.
 *
 * Rules are level-triggered: an alert is open while its rule's condition
 * holds, so an alert held back (maintenance, a paused connection, a parent
 * down) opens as soon as that is over if the problem is still there.
 * - A grade notifies once: a certificate tier, DEGRADED to DOWN, warn to critical.
 * - A flapping connection keeps its health alert open through the flips.
 * - While a parent is down its dependants raise nothing of their own: the
 *   parent's alert lists them, and an alert a child had opened first is
 *   merged into it.
 * - Recovery resolves an alert with a recovery notice; a manual resolve
 *   holds until the condition has cleared once.
 */
import { randomUUID } from 'node:crypto';
import type { NotificationKind } from '../notify';
import { dedupKey, dedupKeyPrefix, ruleKind, type Alert, type AlertOutput, type Resolution, type RuleId } from './alert';
import {
  DEFAULT_ALERT_RULES,
  DOWN_GRADE,
  expiryCondition,
  keyAgeCondition,
  healthCondition,
  metricCondition,
  protocolCondition,
  type AlertRules,
  type Condition,
  type MetricReading,
  type Verdict,
} from './alert-rules';
import type { DependencyView } from './dependencies';
import { dueReminder, severityPolicy } from './escalation';
import type { TargetStatus } from '../../src-shared/monitoring';

export type AlertInput =
  | { type: 'status'; at: number; status: TargetStatus }
  | { type: 'tls'; at: number; targetId: string; validTo: number | null; protocol: string | null }
  /** What a connection's credentials know of their own end: the client secret's end date, the signing key's age. */
  | { type: 'credentials'; at: number; targetId: string; secretExpiresAt: number | null; keyCreatedAt: number | null }
  | { type: 'metrics'; at: number; targetId: string; readings: MetricReading[] }
  /** Another service's own condition (the safety score's), judged by that service; 'clear' resolves it. */
  | { type: 'external'; at: number; targetId: string; rule: RuleId; verdict: Condition | 'clear' }
  /** Time passing: reminders fall due, DEGRADED gets old enough to alert. */
  | { type: 'tick'; at: number }
  /** acknowledge and resolve throw AlertNotFoundError for an alert that is not open. */
  | { type: 'acknowledge'; at: number; alertId: string; by: string }
  /** Takes an acknowledgement back (a slip of the key): the alert is open again and reminders start over from now. */
  | { type: 'unacknowledge'; at: number; alertId: string; by: string }
  | { type: 'resolve'; at: number; alertId: string; by: string }
  /**
   * Team mode: who acknowledged this problem first anywhere, as the shared
   * database decided. An open alert is acknowledged as theirs (and the
   * channels told); one acknowledged here later names them instead, told
   * nothing again.
   */
  | { type: 'holder'; at: number; alertId: string; holder: { by: string; at: number; workstation: string | null } }
  /** The target is no longer watched (its connection removed or disabled): its alerts resolve, and it is forgotten. */
  | { type: 'retire'; at: number; targetId: string; by: string; reason: 'removed' | 'disabled' };

export class AlertNotFoundError extends Error {
  constructor(readonly alertId: string) {
    super(`No open alert ${alertId}`);
    this.name = 'AlertNotFoundError';
  }
}

export interface AlertEngineOptions {
  dependencies: DependencyView;
  rules?: AlertRules;
  newId?: () => string;
  /** Open alerts kept from an earlier run. */
  open?: Alert[];
}

const snapshot = (alert: Alert): Alert => structuredClone(alert);

export class AlertEngine {
  private rules: AlertRules;
  private readonly newId: () => string;
  private readonly statuses = new Map<string, TargetStatus>();
  private readonly byKey = new Map<string, Alert>();
  private readonly byId = new Map<string, Alert>();
  /** Manually resolved while the condition still held: no reopening until it clears. */
  private readonly latched = new Set<string>();
  /** DEGRADED without an alert yet: the tick opens one when it has lasted. */
  private readonly degraded = new Set<string>();
  /** When each connection last stopped being down for its dependants. */
  private readonly unblockedAt = new Map<string, number>();

  constructor(private readonly opts: AlertEngineOptions) {
    this.rules = opts.rules ?? DEFAULT_ALERT_RULES;
    this.newId = opts.newId ?? randomUUID;
    for (const alert of opts.open ?? []) this.track(structuredClone(alert));
  }

  /** New rules apply from the next input on; an open alert follows them at its rule's next verdict. */
  setRules(rules: AlertRules): void {
    this.rules = rules;
  }

  openAlerts(): Alert[] {
    return [...this.byKey.values()].map(snapshot);
  }

  handle(input: AlertInput): AlertOutput[] {
    const out: AlertOutput[] = [];
    const { at } = input;
    switch (input.type) {
      case 'status':
        this.onStatus(input.status, at, out);
        break;
      case 'tls':
        this.reconcile(input.targetId, 'tls-expiry', expiryCondition('TLS certificate', input.validTo, at, this.rules.tlsExpiry), at, out);
        this.reconcile(input.targetId, 'tls-protocol', protocolCondition(input.protocol, this.rules.tlsProtocolSeverity), at, out);
        break;
      case 'credentials':
        this.reconcile(input.targetId, 'secret-expiry', expiryCondition('Client secret', input.secretExpiresAt, at, this.rules.secretExpiry), at, out);
        this.reconcile(input.targetId, 'key-rotation', keyAgeCondition(input.keyCreatedAt, at, this.rules.keyRotation), at, out);
        break;
      case 'metrics':
        for (const r of input.readings) this.reconcile(input.targetId, `metric:${r.name}`, metricCondition(r, this.rules.metric), at, out);
        break;
      case 'external':
        this.reconcile(input.targetId, input.rule, input.verdict, at, out);
        break;
      case 'tick':
        this.onTick(at, out);
        break;
      case 'acknowledge':
        this.acknowledge(input.alertId, input.by, at, out);
        break;
      case 'unacknowledge':
        this.unacknowledge(input.alertId, at, out);
        break;
      case 'holder':
        this.takeHolder(input.alertId, input.holder, at, out);
        break;
      case 'resolve': {
        const alert = this.find(input.alertId);
        this.latched.add(alert.dedupKey);
        this.close(alert, { at, by: input.by, reason: 'manual', mergedInto: null }, 'resolved', out);
        break;
      }
      case 'retire':
        this.retire(input.targetId, { at, by: input.by, reason: input.reason, mergedInto: null }, out);
        break;
    }
    return out;
  }

  private onStatus(status: TargetStatus, at: number, out: AlertOutput[]): void {
    const id = status.targetId;
    const wasBlocking = this.blocksDependants(id);
    this.statuses.set(id, status);
    this.evaluateHealth(id, at, out);
    const blocking = this.blocksDependants(id);
    if (wasBlocking && !blocking) this.unblockedAt.set(id, at);
    if (blocking !== wasBlocking) {
      for (const child of this.opts.dependencies.descendants(id)) this.evaluateHealth(child, at, out);
    }
  }

  private onTick(at: number, out: AlertOutput[]): void {
    for (const id of this.degraded) this.evaluateHealth(id, at, out);
    for (const alert of this.byKey.values()) {
      if (alert.status !== 'open' || this.quiet(alert.targetId)) continue;
      const level = dueReminder(alert.escalation, alert.openedAt, at);
      if (level === null) continue;
      alert.escalation = { ...alert.escalation, level, notifiedAt: at };
      this.touch(alert, at, out);
      this.notify('reminder', alert, out);
    }
  }

  private retire(targetId: string, resolution: Resolution, out: AlertOutput[]): void {
    for (const alert of [...this.byKey.values()]) {
      if (alert.targetId === targetId) this.close(alert, resolution, 'resolved', out);
      else if (alert.affected.includes(targetId)) {
        alert.affected = alert.affected.filter((id) => id !== targetId);
        this.touch(alert, resolution.at, out);
      }
    }
    this.statuses.delete(targetId);
    this.degraded.delete(targetId);
    this.unblockedAt.delete(targetId);
    for (const key of this.latched) if (key.startsWith(dedupKeyPrefix(targetId))) this.latched.delete(key);
  }

  private acknowledge(alertId: string, by: string, at: number, out: AlertOutput[]): void {
    const alert = this.find(alertId);
    if (alert.status === 'acknowledged') return;
    alert.status = 'acknowledged';
    alert.acknowledged = { by, at, workstation: null };
    this.touch(alert, at, out);
    this.notify('acknowledged', alert, out);
  }

  private takeHolder(alertId: string, holder: NonNullable<Alert['acknowledged']>, at: number, out: AlertOutput[]): void {
    const alert = this.find(alertId);
    const was = alert.acknowledged;
    if (was && was.by === holder.by && was.workstation === holder.workstation) return;
    alert.status = 'acknowledged';
    alert.acknowledged = { ...holder };
    this.touch(alert, at, out);
    if (!was) this.notify('acknowledged', alert, out);
  }

  private unacknowledge(alertId: string, at: number, out: AlertOutput[]): void {
    const alert = this.find(alertId);
    if (alert.status !== 'acknowledged') return;
    alert.status = 'open';
    alert.acknowledged = null;
    // Back where its escalation would be had nobody acknowledged it, told now at that level, so the
    // next tick does not catch up on the reminders that were held.
    const reached = dueReminder({ ...alert.escalation, level: 0 }, alert.openedAt, at) ?? alert.escalation.level;
    alert.escalation = { ...alert.escalation, level: Math.max(reached, alert.escalation.level), notifiedAt: at };
    this.touch(alert, at, out);
    this.notify('unacknowledged', alert, out);
  }

  private evaluateHealth(id: string, at: number, out: AlertOutput[]): void {
    const status = this.statuses.get(id);
    if (!status) return;
    const verdict = healthCondition(status, at, this.rules.health);
    const key = dedupKey(id, 'health');
    if (verdict !== null && verdict !== 'clear') {
      const roots = this.downRoots(id);
      if (roots.length > 0) {
        this.degraded.delete(id);
        this.foldInto(id, roots, at, out);
        return;
      }
      // Checked while a parent was still down: wait for a verdict of its own.
      if (this.staleSinceParentRecovered(id, status)) return;
    }
    this.reconcile(id, 'health', verdict, at, out, { hold: status.flapping, flapping: status.flapping, affected: this.failingDependants(id) });
    if (status.health === 'DEGRADED' && !this.byKey.has(key)) this.degraded.add(id);
    else this.degraded.delete(id);
  }

  /** A failing dependant of a down parent: its own alert goes, the parents' alerts name it. */
  private foldInto(id: string, roots: string[], at: number, out: AlertOutput[]): void {
    const parentAlerts = roots.map((r) => this.byKey.get(dedupKey(r, 'health'))).filter((a) => a !== undefined);
    const own = this.byKey.get(dedupKey(id, 'health'));
    if (own) this.close(own, { at, by: null, reason: 'merged', mergedInto: parentAlerts[0]?.id ?? null }, 'merged', out);
    for (const parent of parentAlerts) {
      if (parent.affected.includes(id)) continue;
      parent.affected.push(id);
      this.touch(parent, at, out);
    }
  }

  /** Down for its dependants: DOWN, or its DOWN alert held open by flapping. */
  private blocksDependants(id: string): boolean {
    return this.statuses.get(id)?.health === 'DOWN' || this.byKey.get(dedupKey(id, 'health'))?.grade === DOWN_GRADE;
  }

  /** The down connections `id` depends on that are not down because of another. */
  private downRoots(id: string): string[] {
    const deps = this.opts.dependencies;
    const down = deps.ancestors(id).filter((a) => this.blocksDependants(a));
    return down.filter((a) => !deps.ancestors(a).some((b) => this.blocksDependants(b)));
  }

  private staleSinceParentRecovered(id: string, status: TargetStatus): boolean {
    const checked = status.checkedAt ?? -Infinity;
    return this.opts.dependencies.ancestors(id).some((a) => (this.unblockedAt.get(a) ?? -Infinity) > checked);
  }

  private failingDependants(id: string): string[] {
    return this.opts.dependencies.descendants(id).filter((d) => {
      const health = this.statuses.get(d)?.health;
      return health === 'DOWN' || health === 'DEGRADED';
    });
  }

  /** MAINTENANCE and PAUSED open nothing and remind no one. */
  private quiet(targetId: string): boolean {
    const state = this.statuses.get(targetId)?.state;
    return state === 'MAINTENANCE' || state === 'PAUSED';
  }

  /** Brings a rule's alert in line with its verdict. `hold` keeps an alert open through a clear verdict. */
  private reconcile(
    targetId: string,
    rule: RuleId,
    verdict: Verdict,
    at: number,
    out: AlertOutput[],
    opts: { hold?: boolean; flapping?: boolean; affected?: string[] } = {},
  ): void {
    if (verdict === null) return;
    const key = dedupKey(targetId, rule);
    const alert = this.byKey.get(key);
    const flapChanged = alert !== undefined && opts.flapping !== undefined && alert.flapping !== opts.flapping;
    if (alert && opts.flapping !== undefined) alert.flapping = opts.flapping;
    if (verdict === 'clear') {
      this.latched.delete(key);
      if (alert && !opts.hold) this.close(alert, { at, by: null, reason: 'recovered', mergedInto: null }, 'recovered', out);
      else if (alert && flapChanged) this.touch(alert, at, out);
      return;
    }
    if (!alert) {
      if (!verdict.pending && !this.latched.has(key) && !this.quiet(targetId)) this.open(targetId, rule, verdict, at, out, opts);
      return;
    }
    const changed = flapChanged || alert.grade !== verdict.grade || alert.severity !== verdict.severity || alert.title !== verdict.title || alert.detail !== verdict.detail;
    const worse = verdict.grade > alert.peakGrade && !this.quiet(targetId);
    alert.grade = verdict.grade;
    alert.severity = verdict.severity;
    alert.title = verdict.title;
    alert.detail = verdict.detail;
    alert.cause = verdict.cause ?? null;
    if (worse) {
      alert.peakGrade = verdict.grade;
      // Worse is also more urgent: a rule without its own policy takes its new severity's pace.
      if (!this.rules.policies[ruleKind(rule)]) alert.escalation = { ...alert.escalation, policy: severityPolicy(verdict.severity) };
    }
    if (changed) this.touch(alert, at, out);
    if (worse) this.notify('worsened', alert, out);
  }

  private open(targetId: string, rule: RuleId, c: Condition, at: number, out: AlertOutput[], extra: { flapping?: boolean; affected?: string[] }): void {
    const alert: Alert = {
      id: this.newId(),
      dedupKey: dedupKey(targetId, rule),
      targetId,
      rule,
      severity: c.severity,
      grade: c.grade,
      peakGrade: c.grade,
      title: c.title,
      detail: c.detail,
      cause: c.cause ?? null,
      status: 'open',
      openedAt: at,
      updatedAt: at,
      acknowledged: null,
      resolved: null,
      escalation: { policy: this.rules.policies[ruleKind(rule)] ?? severityPolicy(c.severity), level: 1, notifiedAt: at },
      affected: extra.affected ?? [],
      flapping: extra.flapping ?? false,
    };
    this.track(alert);
    out.push({ type: 'opened', alert: snapshot(alert) });
    this.notify('opened', alert, out);
  }

  private close(alert: Alert, resolution: Resolution, kind: NotificationKind, out: AlertOutput[]): void {
    alert.status = 'resolved';
    alert.resolved = resolution;
    alert.updatedAt = resolution.at;
    this.byKey.delete(alert.dedupKey);
    this.byId.delete(alert.id);
    out.push({ type: 'resolved', alert: snapshot(alert) });
    this.notify(kind, alert, out);
  }

  private touch(alert: Alert, at: number, out: AlertOutput[]): void {
    alert.updatedAt = at;
    out.push({ type: 'updated', alert: snapshot(alert) });
  }

  private notify(kind: NotificationKind, alert: Alert, out: AlertOutput[]): void {
    out.push({ type: 'notify', notification: { kind, level: alert.escalation.level, alert: snapshot(alert) } });
  }

  private track(alert: Alert): void {
    this.byKey.set(alert.dedupKey, alert);
    this.byId.set(alert.id, alert);
  }

  private find(alertId: string): Alert {
    const alert = this.byId.get(alertId);
    if (!alert) throw new AlertNotFoundError(alertId);
    return alert;
  }
}
