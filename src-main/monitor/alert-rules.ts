/**
 * The alert rules, each a pure function from what is known now to a
 * condition: how bad (grade 0: all clear), how severe, and what to say. The
 * engine turns conditions into alerts; the rules know nothing of alerts.
 */
import type { RuleKind } from './alert';
import { NOTIFY_ONCE, type EscalationPolicy } from './escalation';
import { DEGRADED_SEVERITY, expiryTierSeverity, type AlertRuleSettings } from '../../src-shared/monitoring';
import type { Severity } from '../../src-shared/monitoring';
import type { Cause, TargetStatus } from '../../src-shared/monitoring';

export interface Condition {
  /** 1 and up: how bad, within the rule. */
  grade: number;
  severity: Severity;
  title: string;
  detail: string;
  cause?: Cause | null;
  /** Holds, but not for long enough yet to open an alert. */
  pending?: boolean;
}

/** What a rule says: a condition holds, all is clear, or (null) nothing is known. */
export type Verdict = Condition | 'clear' | null;

export interface ExpiryTier {
  /** Alert once the time left is this or less. */
  withinMs: number;
  severity: Severity;
}

/** The same shape as the metrics probe's thresholds: only a value strictly beyond a limit crosses it. */
export interface MetricThreshold {
  direction: 'above' | 'below';
  warn?: number;
  critical?: number;
}

export interface MetricReading {
  /** The series, e.g. `model_accuracy_score` or `http_request_duration_seconds{quantile="0.95"}`. */
  name: string;
  value: number;
  threshold: MetricThreshold;
  /** Overrides the rules' metric severities, e.g. SEV1 for a patient-safety metric. */
  severity?: Partial<Record<'warn' | 'critical', Severity>>;
}

export interface AlertRules {
  health: { downSeverity: Severity; degradedSeverity: Severity; degradedAfterMs: number };
  tlsExpiry: ExpiryTier[];
  /** A client secret's end date, as the vendor set it (an access token renews itself every few minutes and is not judged). */
  secretExpiry: ExpiryTier[];
  /** A signing key older than this is due for rotation. */
  keyRotation: { afterMs: number; severity: Severity };
  tlsProtocolSeverity: Severity;
  metric: Record<'warn' | 'critical', Severity>;
  /** Per rule; a rule without one escalates at its severity's pace (severityPolicy). */
  policies: Partial<Record<RuleKind, EscalationPolicy>>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const DEFAULT_ALERT_RULES: AlertRules = {
  health: { downSeverity: 'SEV1', degradedSeverity: DEGRADED_SEVERITY, degradedAfterMs: 10 * MINUTE },
  tlsExpiry: [
    { withinMs: 30 * DAY, severity: 'SEV3' },
    { withinMs: 14 * DAY, severity: 'SEV3' },
    { withinMs: 7 * DAY, severity: 'SEV2' },
    { withinMs: 1 * DAY, severity: 'SEV1' },
  ],
  secretExpiry: [
    { withinMs: 30 * DAY, severity: 'SEV3' },
    { withinMs: 7 * DAY, severity: 'SEV2' },
    { withinMs: 1 * DAY, severity: 'SEV1' },
  ],
  keyRotation: { afterMs: 365 * DAY, severity: 'SEV3' },
  tlsProtocolSeverity: 'SEV2',
  metric: { warn: 'SEV3', critical: 'SEV2' },
  // The tiers are the reminders; paging every half hour for 30 days would not be.
  policies: { 'tls-expiry': NOTIFY_ONCE, 'secret-expiry': NOTIFY_ONCE, 'key-rotation': NOTIFY_ONCE },
};

/** The engine's rules with an operator's settings applied. */
export function rulesWith(settings: AlertRuleSettings, base: AlertRules = DEFAULT_ALERT_RULES): AlertRules {
  return {
    ...base,
    health: { ...base.health, degradedAfterMs: settings.degradedAfterMinutes * MINUTE },
    tlsExpiry: settings.tlsExpiryDays.map((days) => ({ withinMs: days * DAY, severity: expiryTierSeverity(days) })),
    keyRotation: { ...base.keyRotation, afterMs: settings.keyRotationDays * DAY },
  };
}

export const DOWN_GRADE = 2;

export function healthCondition(status: TargetStatus, at: number, rules: AlertRules['health']): Verdict {
  switch (status.health) {
    case 'UNKNOWN':
      return null;
    case 'UP':
      return 'clear';
    case 'DOWN':
      return { grade: DOWN_GRADE, severity: rules.downSeverity, title: 'Connection down', detail: status.reason, cause: status.cause };
    case 'DEGRADED':
      return {
        grade: 1,
        severity: rules.degradedSeverity,
        title: 'Connection degraded',
        detail: status.reason,
        cause: status.cause,
        pending: at - status.healthSince < rules.degradedAfterMs,
      };
  }
}

function span(ms: number): string {
  const unit = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  if (ms >= DAY) return unit(Math.floor(ms / DAY), 'day');
  if (ms >= HOUR) return unit(Math.floor(ms / HOUR), 'hour');
  return unit(Math.max(0, Math.floor(ms / MINUTE)), 'minute');
}

const stamp = (t: number) => `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** One grade per tier, nearest tier worst, and expiry worse still; null when the expiry is not known. */
export function expiryCondition(subject: string, expiresAt: number | null, at: number, tiers: ExpiryTier[]): Verdict {
  if (expiresAt === null || tiers.length === 0) return null;
  const sorted = [...tiers].sort((a, b) => b.withinMs - a.withinMs);
  const left = expiresAt - at;
  if (left <= 0) {
    return { grade: sorted.length + 1, severity: sorted[sorted.length - 1]!.severity, title: `${subject} has expired`, detail: `Expired ${stamp(expiresAt)}` };
  }
  let grade = 0;
  while (grade < sorted.length && left <= sorted[grade]!.withinMs) grade++;
  if (grade === 0) return 'clear';
  const tier = sorted[grade - 1]!;
  return { grade, severity: tier.severity, title: `${subject} expires within ${span(tier.withinMs)}`, detail: `Expires ${stamp(expiresAt)}, in ${span(left)}` };
}

/** A key older than the rotation age is due: one grade, one reminder; null when its age is not known. */
export function keyAgeCondition(createdAt: number | null, at: number, rule: AlertRules['keyRotation']): Verdict {
  if (createdAt === null) return null;
  const age = at - createdAt;
  if (age < rule.afterMs) return 'clear';
  return {
    grade: 1,
    severity: rule.severity,
    title: 'Signing key due for rotation',
    detail: `In use since ${stamp(createdAt)}, ${span(age)}: generate a new key and register its public half with the vendor.`,
  };
}

/** TLS 1.2 or later passes; SSL and TLS 1.0/1.1 fail; an unrecognised name is not judged. */
export function protocolCondition(protocol: string | null, severity: Severity): Verdict {
  if (protocol === null) return null;
  const tls = /^TLSv1(?:\.(\d+))?$/.exec(protocol);
  if (!tls && !/^SSLv\d$/.test(protocol)) return null;
  const minor = tls ? Number(tls[1] ?? 0) : -1;
  if (minor >= 2) return 'clear';
  return { grade: 1, severity, title: 'TLS protocol below TLS 1.2', detail: `The server negotiated ${protocol}; TLS 1.2 or later is required.` };
}

const beyond = (value: number, limit: number | undefined, direction: MetricThreshold['direction']) =>
  limit !== undefined && (direction === 'above' ? value > limit : value < limit);

export function metricCondition(reading: MetricReading, severities: AlertRules['metric']): Verdict {
  const { name, value, threshold } = reading;
  if (Number.isNaN(value)) return null;
  const level = beyond(value, threshold.critical, threshold.direction) ? 'critical' : beyond(value, threshold.warn, threshold.direction) ? 'warn' : null;
  if (level === null) return 'clear';
  const limit = threshold[level]!;
  return {
    grade: level === 'critical' ? 2 : 1,
    severity: reading.severity?.[level] ?? severities[level],
    title: `${name} ${threshold.direction} its ${level === 'critical' ? 'critical' : 'warning'} limit`,
    detail: `${value} is ${threshold.direction} ${limit}`,
  };
}
