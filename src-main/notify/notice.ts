/**
 * What the alert rules hand to notify: one change in one alert's life
 * (opened, acknowledged, resolved, or re-notified on escalation), and the
 * prepared form every channel formats from.
 */
import { randomUUID } from 'node:crypto';
import { SEVERITY_LEVELS, type Severity } from '../../src-shared/monitoring';
import { redact, redactDeep } from '../phi';

export type { Severity };
export type NoticeEvent = 'triggered' | 'acknowledged' | 'resolved';

export function severityMeaning(s: Severity): string {
  return SEVERITY_LEVELS[s].meaning;
}

export function respondWithinMinutes(s: Severity): number {
  return Math.round(SEVERITY_LEVELS[s].respondWithinMs / 60_000);
}

export type NoticeDetails = Record<string, string | number | boolean>;

export interface AlertNotice {
  alertId: string;
  /** The alert's key for its whole life (Alert.dedupKey), so PagerDuty and receivers correlate its events. */
  dedupKey: string;
  event: NoticeEvent;
  severity: Severity;
  /** The rule that fired, e.g. "connection.down" or "tls.expiry". */
  rule: string;
  connection: { id: string; name: string; vendor?: string; host?: string };
  summary: string;
  /** Epoch milliseconds, as every time here. */
  openedAt: number;
  acknowledgedAt?: number;
  acknowledgedBy?: string;
  resolvedAt?: number;
  /** The escalation level reached: 1 when the alert opens, 2 and up for re-notifications while unacknowledged. */
  escalationLevel?: number;
  details?: NoticeDetails;
}

export interface Notice extends AlertNotice {
  /** A "Send test" message: labelled as such everywhere, never mistaken for an alert. */
  test: boolean;
}

/** Probe output can quote a FHIR response; nothing identifying a patient leaves the machine. */
export function prepareNotice(n: AlertNotice): Notice {
  return {
    ...n,
    summary: redact(n.summary),
    ...(n.details ? { details: redactDeep(n.details) as NoticeDetails } : {}),
    test: false,
  };
}

export function testNotice(channelName: string, now: number): Notice {
  const alertId = `test-${randomUUID()}`;
  return {
    alertId,
    dedupKey: `vigil/test/${alertId}`,
    event: 'triggered',
    severity: 'SEV3',
    rule: 'test',
    connection: { id: 'test', name: 'Vigil test' },
    summary: `Test notification for channel "${channelName}" sent from Vigil. No action is needed.`,
    openedAt: now,
    test: true,
  };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** For people: "2026-03-14 03:08:00 UTC". Receivers reach people in other time zones, so UTC and say so. */
export function readableTime(ms: number): string {
  return `${iso(ms).slice(0, 19).replace('T', ' ')} UTC`;
}

/** Which alert and what became of it, e.g. "[SEV1 triggered] Epic Production". */
export function title(n: Notice): string {
  if (n.test) return '[TEST] Vigil test notification';
  const level = n.escalationLevel && n.escalationLevel > 1 && n.event === 'triggered' ? `, escalation level ${n.escalationLevel}` : '';
  return `[${n.severity} ${n.event}${level}] ${n.connection.name}`;
}

/** The title and the summary on one line, for a subject or a fallback text. */
export function headline(n: Notice): string {
  return `${title(n)}: ${n.summary}`;
}

/** Who must do what, by when: the line an on-call engineer reads first. */
export function urgencyLine(n: Notice): string {
  if (n.test) return 'This is a test. No action is needed.';
  if (n.event === 'resolved') return `Resolved at ${readableTime(n.resolvedAt ?? n.openedAt)}.`;
  if (n.event === 'acknowledged') {
    const where = n.details?.acknowledgedOnWorkstation ? ' on another workstation' : '';
    return `Acknowledged${n.acknowledgedBy ? ` by ${n.acknowledgedBy}` : ''}${where} at ${readableTime(n.acknowledgedAt ?? n.openedAt)}.`;
  }
  return `${n.severity}: ${severityMeaning(n.severity)}. Respond within ${respondWithinMinutes(n.severity)} minutes.`;
}
