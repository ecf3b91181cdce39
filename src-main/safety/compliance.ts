/**
 * The HIPAA compliance score with the seed's weights (audit completeness
 * 0.25, PHI protection 0.30, access control 0.25, breach detection 0.20),
 * pure: each part from the facts gathered for it, with those facts as its
 * evidence. The formulas follow the seed's:
 * - audit completeness: the chain verifies, times the share of audited calls in the trail;
 * - PHI protection: the mean of encryption and the redaction self-test's pass
 *   rate, less 0.01 a leak (at most 0.2);
 * - access control: the mean of authentication (strong passwords, sessions
 *   ending on time) and lockout, less 0.1 per failed or forbidden attempt in
 *   the window, at most 0.3;
 * - breach detection: 1 while monitoring runs and a notification route delivers, else 0.
 */
import { COMPLIANCE_LABELS, COMPLIANCE_PARTS, COMPLIANCE_WEIGHTS, type AuditVerifyResult, type Compliance, type CompliancePart } from '../../src-shared/contract';
import type { AuditTally } from '../audit';
import type { RouteHealth } from '../notify';
import type { AccessPolicy } from '../users';
import type { SelfTestResult } from './phi-self-test';

export interface ComplianceFacts {
  at: number;
  audit: { verify: AuditVerifyResult; tally: AuditTally };
  phi: { encrypted: boolean; selfTest: SelfTestResult };
  access: { policy: AccessPolicy; windowMinutes: number; failedPasswords: number; forbidden: number };
  breach: { monitoredConnections: number; runsLastHour: number; routes: readonly RouteHealth[] };
}

/** What "ending on time" means: HIPAA's automatic logoff, as Vigil's defaults set it. */
export const MAX_IDLE_MS = 15 * 60_000;
export const MAX_SESSION_MS = 12 * 3_600_000;
export const STRONG_PASSWORD_LENGTH = 12;
export const MAX_LOCKOUT_FAILURES = 10;

type Evidence = Compliance['parts'][number]['evidence'];
const fact = (holds: boolean, text: string) => ({ fact: text, holds });
const clamp = (v: number) => Math.min(1, Math.max(0, v));
const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;

function auditPart({ verify, tally }: ComplianceFacts['audit']): [number, Evidence] {
  const inTrail = tally.entries + tally.held === 0 ? 1 : tally.entries / (tally.entries + tally.held);
  const value = (verify.ok ? 1 : 0) * inTrail;
  return [
    value,
    [
      fact(verify.ok, verify.ok ? `The hash chain verifies (${verify.checked.toLocaleString('en-US')} ${verify.checked === 1 ? 'entry' : 'entries'})` : `The hash chain breaks at entry ${verify.firstBadSeq}: ${verify.reason}`),
      fact(tally.held === 0, `${tally.entries.toLocaleString('en-US')} audited calls in the trail this hour; ${tally.held} held back or lost`),
    ],
  ];
}

function phiPart({ encrypted, selfTest }: ComplianceFacts['phi']): [number, Evidence] {
  const leaks = selfTest.leaks.length;
  const redaction = selfTest.cases === 0 ? 0 : (selfTest.cases - leaks) / selfTest.cases;
  const value = clamp(((encrypted ? 1 : 0) + redaction) / 2 - Math.min(leaks / 100, 0.2));
  return [
    value,
    [
      fact(encrypted, encrypted ? 'The store is encrypted (SQLCipher), its key in the OS keychain' : 'The store is not encrypted'),
      fact(leaks === 0, `Redaction self-test: ${selfTest.cases - leaks} of ${selfTest.cases} synthetic PHI samples redacted${leaks ? `; leaked: cases ${selfTest.leaks.map((i) => i + 1).join(', ')}` : ''}`),
    ],
  ];
}

function accessPart({ policy, windowMinutes, failedPasswords, forbidden }: ComplianceFacts['access']): [number, Evidence] {
  const strong = policy.passwordMinLength >= STRONG_PASSWORD_LENGTH;
  const onTime = policy.idleTimeoutMs <= MAX_IDLE_MS && policy.sessionLifetimeMs <= MAX_SESSION_MS;
  const lockout = policy.lockoutAfterFailures <= MAX_LOCKOUT_FAILURES;
  const auth = ((strong ? 1 : 0) + (onTime ? 1 : 0)) / 2;
  const attempts = failedPasswords + forbidden;
  const penalty = Math.min(attempts / 10, 0.3);
  return [
    clamp((auth + (lockout ? 1 : 0)) / 2 - penalty),
    [
      fact(strong, `Passwords of at least ${policy.passwordMinLength} characters (strong: ${STRONG_PASSWORD_LENGTH} or more)`),
      fact(onTime, `Sessions lock after ${minutes(policy.idleTimeoutMs)} idle and end after ${minutes(policy.sessionLifetimeMs)} (at most ${minutes(MAX_IDLE_MS)} and ${minutes(MAX_SESSION_MS)})`),
      fact(lockout, `An account locks after ${policy.lockoutAfterFailures} failed passwords`),
      fact(attempts === 0, `${failedPasswords} failed passwords and ${forbidden} forbidden calls in the last ${windowMinutes} min (penalty ${penalty.toFixed(2)}, at most 0.30)`),
    ],
  ];
}

function breachPart({ monitoredConnections, runsLastHour, routes }: ComplianceFacts['breach']): [number, Evidence] {
  const monitoring = monitoredConnections > 0 && runsLastHour > 0;
  const delivering = routes.filter((r) => r.enabled && r.status !== 'failing');
  const value = monitoring && delivering.length > 0 ? 1 : 0;
  return [
    value,
    [
      fact(monitoring, `Monitoring ${monitoredConnections} connections; ${runsLastHour.toLocaleString('en-US')} probe runs in the last hour`),
      fact(
        delivering.length > 0,
        delivering.length > 0
          ? `${delivering.length} of ${routes.length} notification routes enabled and not failing (${delivering.map((r) => r.name).join(', ')})`
          : `No notification route is enabled and delivering (${routes.length} configured)`,
      ),
    ],
  ];
}

export function complianceScore(facts: ComplianceFacts): Compliance {
  const parts: Record<CompliancePart, [number, Evidence]> = {
    audit_completeness: auditPart(facts.audit),
    phi_protection: phiPart(facts.phi),
    access_control: accessPart(facts.access),
    breach_detection: breachPart(facts.breach),
  };
  const list = COMPLIANCE_PARTS.map((id) => ({ id, label: COMPLIANCE_LABELS[id], weight: COMPLIANCE_WEIGHTS[id], value: parts[id][0], evidence: parts[id][1] }));
  return { score: clamp(list.reduce((sum, p) => sum + p.weight * p.value, 0)), at: facts.at, parts: list };
}
