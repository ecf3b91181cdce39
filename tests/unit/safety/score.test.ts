import { describe, expect, it } from 'vitest';
import { complianceScore, type ComplianceFacts } from '../../../src-main/safety/compliance';
import { readIndicators } from '../../../src-main/safety/indicators';
import { PHI_CORPUS, redactionSelfTest } from '../../../src-main/safety/phi-self-test';
import { levelOf, overallScore } from '../../../src-main/safety/score';
import { redact } from '../../../src-main/phi';
import { DEFAULT_SAFETY_SETTINGS, safetySettingsSchema, type SafetySettings } from '../../../src-shared/contract';
import type { ConnectionHour } from '../../../src-main/monitor';

const conn = (over: Partial<ConnectionHour>): ConnectionHour => ({
  targetId: 'conn:1',
  name: 'A',
  metrics: {},
  runs: 0,
  failures: 0,
  timed: 0,
  withinTarget: 0,
  requests: 0,
  failedRequests: 0,
  ...over,
});

describe('levels against thresholds', () => {
  it('higher is better: strictly below a threshold crosses it', () => {
    const t = { warning: 0.92, critical: 0.9 };
    expect(levelOf(0.95, t, 'higher')).toBe('ok');
    expect(levelOf(0.92, t, 'higher')).toBe('ok');
    expect(levelOf(0.919, t, 'higher')).toBe('warning');
    expect(levelOf(0.9, t, 'higher')).toBe('warning');
    expect(levelOf(0.899, t, 'higher')).toBe('critical');
  });

  it('lower is better: strictly above a threshold crosses it', () => {
    const t = { warning: 0.05, critical: 0.1 };
    expect(levelOf(0.05, t, 'lower')).toBe('ok');
    expect(levelOf(0.06, t, 'lower')).toBe('warning');
    expect(levelOf(0.1, t, 'lower')).toBe('warning');
    expect(levelOf(0.11, t, 'lower')).toBe('critical');
  });

  it('no data is its own level', () => {
    expect(levelOf(null, { warning: 0.9, critical: 0.8 }, 'higher')).toBe('no_data');
  });
});

describe('the overall score', () => {
  const values = {
    system_availability: 0.98,
    response_time_health: 0.9,
    accuracy_trend: 0.8,
    clinical_session_risk: 0.1,
    error_rate_health: 0.02,
    compliance_status: 1,
  };

  it('is the equal-weight mean of goodness, 1 − value where lower is better', () => {
    // (0.98 + 0.9 + 0.8 + 0.9 + 0.98 + 1) / 6 = 5.56 / 6
    expect(overallScore(values, DEFAULT_SAFETY_SETTINGS)).toBeCloseTo(5.56 / 6, 10);
  });

  it('leaves indicators without data out rather than counting them perfect', () => {
    // (0.98 + 0.9 + 0.9 + 0.98 + 1) / 5 = 4.76 / 5
    expect(overallScore({ ...values, accuracy_trend: null }, DEFAULT_SAFETY_SETTINGS)).toBeCloseTo(4.76 / 5, 10);
    const none = Object.fromEntries(Object.keys(values).map((k) => [k, null])) as unknown as typeof values;
    expect(overallScore(none, DEFAULT_SAFETY_SETTINGS)).toBeNull();
  });

  it('weighs each indicator by its weight', () => {
    const settings: SafetySettings = structuredClone(DEFAULT_SAFETY_SETTINGS);
    settings.indicators.accuracy_trend.weight = 3;
    settings.indicators.compliance_status.weight = 0;
    // (0.98 + 0.9 + 3 × 0.8 + 0.9 + 0.98) / 7 = 6.16 / 7
    expect(overallScore(values, settings)).toBeCloseTo(6.16 / 7, 10);
  });

  it('refuses thresholds the wrong way round and all-zero weights', () => {
    const bad = structuredClone(DEFAULT_SAFETY_SETTINGS);
    bad.indicators.error_rate_health = { warning: 0.1, critical: 0.05, weight: 1 };
    expect(safetySettingsSchema.safeParse(bad).error?.issues[0]?.path).toEqual(['indicators', 'error_rate_health', 'critical']);
    const zero = structuredClone(DEFAULT_SAFETY_SETTINGS);
    for (const i of Object.values(zero.indicators)) i.weight = 0;
    expect(safetySettingsSchema.safeParse(zero).success).toBe(false);
  });
});

describe('indicators from the monitor', () => {
  it('sums runs, latency targets and EHR requests over connections', () => {
    const r = readIndicators({
      connections: [
        conn({ runs: 100, failures: 3, timed: 97, withinTarget: 90, requests: 400, failedRequests: 12 }),
        conn({ targetId: 'conn:2', runs: 20, failures: 0, timed: 20, withinTarget: 20, requests: 80, failedRequests: 0 }),
      ],
      accuracyHour: [],
      compliance: null,
    });
    expect(r.system_availability.value).toBeCloseTo(117 / 120, 12);
    expect(r.response_time_health.value).toBeCloseTo(110 / 117, 12);
    expect(r.error_rate_health.value).toBeCloseTo(12 / 480, 12);
    expect(r.compliance_status).toMatchObject({ value: null, reason: 'The first compliance check has not finished' });
  });

  it('reads the worst accuracy and the session risk from the AI services, with the trend', () => {
    const r = readIndicators({
      connections: [
        conn({ name: 'North', metrics: { 'model_accuracy_score{model="a"}': 0.93, 'model_accuracy_score{model="b"}': 0.71, active_clinical_sessions: 40, clinical_sessions_at_risk: 6 } }),
        conn({ name: 'South', metrics: { model_accuracy_score: 0.95, active_clinical_sessions: 10, clinical_sessions_at_risk: 0 } }),
      ],
      accuracyHour: [0.93, 0.9],
      compliance: null,
    });
    expect(r.accuracy_trend.value).toBe(0.71);
    expect(r.accuracy_trend.detail).toContain('North');
    expect(r.accuracy_trend.detail).toContain('down 0.220');
    expect(r.clinical_session_risk.value).toBeCloseTo(6 / 50, 12);
  });

  it('says why there is no data', () => {
    const none = readIndicators({ connections: [], accuracyHour: [], compliance: null });
    expect(none.system_availability.reason).toBe('No EHR connection is monitored');
    const idle = readIndicators({ connections: [conn({})], accuracyHour: [], compliance: null });
    expect(idle.system_availability.reason).toBe('No probe run finished in the last hour');
    expect(idle.accuracy_trend.reason).toContain('model_accuracy_score');
  });
});

describe('the HIPAA compliance score', () => {
  const facts = (): ComplianceFacts => ({
    at: 0,
    audit: { verify: { ok: true, checked: 50, firstBadSeq: null, reason: null }, tally: { entries: 40, forbidden: 0, failedPasswords: 0, held: 0 } },
    phi: { encrypted: true, selfTest: { cases: 12, leaks: [] } },
    access: { policy: { passwordMinLength: 12, idleTimeoutMs: 15 * 60_000, sessionLifetimeMs: 12 * 3_600_000, lockoutAfterFailures: 5 }, windowMinutes: 60, failedPasswords: 0, forbidden: 0 },
    breach: { monitoredConnections: 1, runsLastHour: 100, routes: [{ name: 'Desktop', kind: 'desktop', enabled: true, status: 'unknown' }] },
  });
  const part = (f: ComplianceFacts, id: string) => complianceScore(f).parts.find((p) => p.id === id)!.value;

  it('is 1 when every part holds, with the seed weights', () => {
    const c = complianceScore(facts());
    expect(c.score).toBe(1);
    expect(c.parts.map((p) => p.weight)).toEqual([0.25, 0.3, 0.25, 0.2]);
  });

  it('a broken chain zeroes audit completeness', () => {
    const f = facts();
    f.audit.verify = { ok: false, checked: 4, firstBadSeq: 5, reason: 'entry 5 was changed' };
    expect(part(f, 'audit_completeness')).toBe(0);
    expect(complianceScore(f).score).toBeCloseTo(0.75, 12);
  });

  it('PHI protection: encryption, self-test pass rate and a leak penalty', () => {
    const f = facts();
    f.phi.selfTest = { cases: 12, leaks: [2, 5] };
    // (1 + 10/12) / 2 − 2/100
    expect(part(f, 'phi_protection')).toBeCloseTo((1 + 10 / 12) / 2 - 0.02, 12);
  });

  it('access control: failed and forbidden attempts cost 0.1 each, at most 0.3', () => {
    const f = facts();
    f.access.failedPasswords = 2;
    expect(part(f, 'access_control')).toBeCloseTo(0.8, 12);
    f.access.forbidden = 9;
    expect(part(f, 'access_control')).toBeCloseTo(0.7, 12);
    f.access.policy.idleTimeoutMs = 60 * 60_000;
    // ((1 + 0) / 2 + 1) / 2 − 0.3
    expect(part(f, 'access_control')).toBeCloseTo(0.45, 12);
  });

  it('breach detection needs monitoring and a route that is not failing', () => {
    const f = facts();
    f.breach.routes = [{ name: 'Pager', kind: 'webhook', enabled: true, status: 'failing' }];
    expect(part(f, 'breach_detection')).toBe(0);
    f.breach.routes = [{ name: 'Pager', kind: 'webhook', enabled: true, status: 'ok' }];
    f.breach.runsLastHour = 0;
    expect(part(f, 'breach_detection')).toBe(0);
  });
});

describe('the redaction self-test', () => {
  it('finds no leak with the real redactor', () => {
    expect(redactionSelfTest(redact)).toEqual({ cases: PHI_CORPUS.length, leaks: [] });
  });

  it('names the cases a weaker redactor leaks', () => {
    const emailOnly = (t: string) => t.replace(/\S+@\S+/g, '[EMAIL]');
    const result = redactionSelfTest(emailOnly);
    expect(result.leaks).toHaveLength(PHI_CORPUS.length - 1);
    expect(result.leaks).not.toContain(PHI_CORPUS.findIndex((c) => c.secret.includes('@')));
  });
});
