import type { CheckId } from '../../../src-shared/contract';
import type { FhirErrorKind } from '../../../src-shared/fhir-errors';
import { SEVERITY_LEVELS, type AlertView, type Cause } from '../../../src-shared/monitoring';
import { formatSpan } from '../../lib/time';

type Resolution = NonNullable<AlertView['resolved']>;

/** When someone should have answered: the severity's response time after the alert opened. */
export function respondBy(alert: AlertView): number {
  return alert.openedAt + SEVERITY_LEVELS[alert.severity].respondWithinMs;
}

/** For an open alert, the time left to respond, or how far past it is. */
export function responseWords(alert: AlertView, now: number): { text: string; overdue: boolean } {
  const left = respondBy(alert) - now;
  return left > 0 ? { text: `Respond within ${formatSpan(left)}`, overdue: false } : { text: `Response overdue by ${formatSpan(-left)}`, overdue: true };
}

/** Who has an acknowledged alert: the person, and in team mode whether they took it on another workstation. */
export function holderWords(acknowledged: NonNullable<AlertView['acknowledged']>): string {
  return acknowledged.workstation === null ? acknowledged.by : `${acknowledged.by} on another workstation`;
}

export function resolvedHow(resolved: Resolution): string {
  switch (resolved.reason) {
    case 'recovered':
      return 'recovered by itself';
    case 'manual':
      return resolved.by ? `by ${resolved.by}` : 'by hand';
    case 'merged':
      return 'merged into another alert';
    case 'removed':
      return `connection removed by ${resolved.by ?? 'an administrator'}`;
    case 'disabled':
      return `connection disabled by ${resolved.by ?? 'an administrator'}`;
  }
}

export function escalationWords(alert: AlertView): string {
  return `Level ${alert.escalation.level} of ${alert.escalation.policy.levels.length}`;
}

/** When the next reminder goes out if nobody acknowledges: the next level, or the last one again; null when none will. */
export function nextReminderAt(alert: AlertView): number | null {
  if (alert.status !== 'open') return null;
  const { policy, level, notifiedAt } = alert.escalation;
  const next = policy.levels[level];
  if (next) return alert.openedAt + next.afterMs;
  return policy.repeatEveryMs === null ? null : notifiedAt + policy.repeatEveryMs;
}

export function dependantsWords(count: number): string {
  return `Affects ${count} dependant${count === 1 ? '' : 's'}`;
}

/** The monitor's probes by the ids a cause names: the diagnostics steps, and what it watches besides. */
export const PROBE_WORDS: Record<CheckId | 'metrics' | 'workstation' | 'run', string> = {
  capability: 'CapabilityStatement',
  smart: 'SMART configuration',
  token: 'Access token',
  patient: 'Patient search',
  cds: 'CDS Hooks discovery',
  auditEvent: 'AuditEvent search',
  tls: 'TLS certificate',
  metrics: 'Metrics scrape',
  workstation: 'Workstation readings',
  run: 'The whole probe run',
};

/** An EHR error class as the people who fix it say it. */
const KIND_WORDS: Record<FhirErrorKind, string> = {
  AUTH: 'sign-in refused',
  SCOPE: 'scope not granted',
  RATE_LIMITED: 'rate limited',
  TIMEOUT: 'timed out',
  NETWORK: 'could not connect',
  TLS: 'TLS or certificate problem',
  SERVER: 'server error',
  VALIDATION: 'request refused as invalid',
  CONSENT: 'refused for lack of consent',
  NOT_FOUND: 'not found',
  MALFORMED_RESPONSE: 'answer not understood',
};

/** What failed, in words: the step and what went wrong; codes the contract does not list yet are shown as they are. */
export function causeWords(cause: Cause): string {
  const step = (PROBE_WORDS as Record<string, string>)[cause.probe] ?? cause.probe;
  const kind = (KIND_WORDS as Record<string, string>)[cause.kind] ?? cause.kind;
  return `${step}: ${kind}`;
}
