import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../src-main/clock';
import { CircuitBreaker } from '../../../src-main/ehr/circuit-breaker';
import { FhirError } from '../../../src-main/ehr/errors';
import { isConsentRefusal, outcomeIssues } from '../../../src-main/ehr/operation-outcome';
import { createRateLimiter } from '../../../src-main/ehr/rate-limiter';
import { backoffMs, parseRetryAfter } from '../../../src-main/net';
import { retryDelayMs } from '../../../src-main/ehr/retry';
import { compareGrant, systemReadScope } from '../../../src-main/ehr/scopes';
import { vendorFixture } from './fixtures';

const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 30_000 };

describe('retry policy', () => {
  it('draws full jitter from [0, min(cap, base·2^n))', () => {
    expect(backoffMs(0, policy, () => 0.999)).toBe(99);
    expect(backoffMs(3, policy, () => 0.5)).toBe(400);
    expect(backoffMs(10, policy, () => 0.999)).toBe(999);
    expect(backoffMs(2, policy, () => 0)).toBe(0);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter(new Date(now + 9_000).toUTCString(), now)).toBe(9_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('honours Retry-After, stops after maxAttempts and on errors that will not go away', () => {
    const limited = new FhirError('RATE_LIMITED', 'x', { retryAfterMs: 5_000 });
    expect(retryDelayMs(limited, 0, policy, () => 0.5)).toBe(5_000);
    expect(retryDelayMs(limited, 3, policy, () => 0.5)).toBeUndefined();
    expect(retryDelayMs(new FhirError('RATE_LIMITED', 'x', { retryAfterMs: 60_000 }), 0, policy, () => 0.5)).toBeUndefined();
    expect(retryDelayMs(new FhirError('VALIDATION', 'x'), 0, policy, () => 0.5)).toBeUndefined();
  });
});

describe('rate limiter', () => {
  it('lets a minute of allowance through at once, then makes callers wait their turn', async () => {
    const clock = manualClock();
    const slept: number[] = [];
    const limiter = createRateLimiter(120, { clock, sleep: async (ms) => void slept.push(ms) });
    expect(await limiter.acquire()).toBe(0);
    expect(await limiter.acquire()).toBe(0);
    const waits = await Promise.all([limiter.acquire(), limiter.acquire()]);
    expect(waits).toEqual([30_000, 60_000]);
    clock.advance(120_000);
    expect(await limiter.acquire()).toBe(0);
  });
});

describe('circuit breaker', () => {
  it('opens after the threshold, half-opens after openMs with a single probe, and closes on success', () => {
    const clock = manualClock();
    const changes: string[] = [];
    const b = new CircuitBreaker('http://x', { failureThreshold: 2, openMs: 10_000 }, clock, (from, to) => changes.push(`${from}>${to}`));
    const down = new FhirError('NETWORK', 'down');
    b.record(new FhirError('VALIDATION', 'not counted'));
    b.record(down);
    expect(b.state).toBe('closed');
    b.record(down);
    expect(b.tryAcquire()).toBe(false);
    clock.advance(10_000);
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false);
    b.record(down);
    expect(b.state).toBe('open');
    clock.advance(10_000);
    expect(b.tryAcquire()).toBe(true);
    b.recordSuccess();
    expect(changes).toEqual(['closed>open', 'open>half-open', 'half-open>open', 'open>half-open', 'half-open>closed']);
  });
});

describe('scopes', () => {
  it('writes system read scopes in each style', () => {
    expect(systemReadScope('smart-v1', 'Patient')).toBe('system/Patient.read');
    expect(systemReadScope('smart-v2', 'Patient')).toBe('system/Patient.rs');
  });

  it('reports requested scopes the grant does not cover, accepting v2 answers to v1 requests', () => {
    const at = new Date(0);
    expect(compareGrant(['system/Patient.read', 'system/Observation.read'], 'system/Patient.rs', at).missing).toEqual(['system/Observation.read']);
    expect(compareGrant(['system/Patient.read'], 'system/*.read', at).missing).toEqual([]);
    expect(compareGrant(['system/Patient.write'], 'system/Patient.read', at).missing).toEqual(['system/Patient.write']);
    expect(compareGrant(['system/Observation.rs'], 'system/Observation.rs?category=laboratory', at).missing).toEqual(['system/Observation.rs']);
    expect(compareGrant(['system/Patient.read'], undefined, at)).toMatchObject({ granted: null, missing: [] });
  });
});

describe('OperationOutcome', () => {
  it('parses the HAPI fixtures into issues', () => {
    const issues = outcomeIssues(vendorFixture('hapi-operationoutcome-not-found.json'));
    expect(issues).toEqual([{ severity: 'error', code: 'processing', diagnostics: 'Resource Patient/abcdefg is not known', expression: undefined, details: undefined }]);
  });

  it('reads consent from suppressed issues or consent wording, not from a bare security code', () => {
    const issue = (code: string, diagnostics?: string) => outcomeIssues({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] });
    expect(isConsentRefusal(issue('suppressed'))).toBe(true);
    expect(isConsentRefusal(issue('security', 'Patient has not given consent to share'))).toBe(true);
    expect(isConsentRefusal(issue('security', 'Break-the-glass required'))).toBe(true);
    expect(isConsentRefusal(issue('security', 'Insufficient privileges'))).toBe(false);
  });
});
