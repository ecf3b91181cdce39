/**
 * The circuit breaker per base URL and failover to the secondary, with the
 * breaker's clock moved by hand.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFhirClient, type FhirClient } from '../../../src-main/ehr/fhir-client';
import { startFhirTestServer, type FhirTestServer } from '../../helpers/fhir-test-server';
import { captureLog, failure, fakeTime, trapUnhandledRejections } from './harness';

trapUnhandledRejections();

let primary: FhirTestServer;
let secondary: FhirTestServer;
let client: FhirClient | undefined;
beforeEach(async () => {
  [primary, secondary] = await Promise.all([startFhirTestServer({ auth: 'none' }), startFhirTestServer({ auth: 'none' })]);
});
afterEach(async () => {
  await client?.close();
  await Promise.all([primary.close(), secondary.close()]);
});

function setup(withSecondary: boolean) {
  const time = fakeTime();
  const log = captureLog();
  client = createFhirClient(
    {
      name: 'failover',
      vendor: 'generic',
      baseUrl: primary.baseUrl,
      ...(withSecondary ? { secondaryBaseUrl: secondary.baseUrl } : {}),
      authMode: 'none',
      rateLimitPerHour: 1_000_000,
      retry: { maxAttempts: 3 },
      breaker: { failureThreshold: 2, openMs: 30_000 },
    },
    { secrets: {}, clock: time.clock, sleep: time.sleep, random: () => 0, log },
  );
  return { c: client, log, ...time };
}

describe('circuit breaker and failover', () => {
  it('opens on a failing primary, fails over to the secondary, then a half-open probe closes it', async () => {
    const { c, clock, log } = setup(true);
    primary.enqueue({ status: 503 }, { status: 503 });

    // Two 503s open the primary's circuit; the third attempt goes to the secondary.
    const first = await c.read('Patient', 'p1');
    expect(first.baseUrl).toBe(secondary.baseUrl);
    expect(first.attempts).toBe(3);
    expect(c.breakerState().map((b) => b.state)).toEqual(['open', 'closed']);
    expect(c.breakerState()[0]?.lastFailure?.kind).toBe('SERVER');

    // While open, the primary gets no traffic at all.
    const before = primary.fhirRequests.length;
    expect((await c.read('Patient', 'p2')).baseUrl).toBe(secondary.baseUrl);
    expect(primary.fhirRequests).toHaveLength(before);

    // After openMs the next call is the half-open probe; it succeeds and closes the circuit.
    clock.advance(30_000);
    expect(c.breakerState()[0]?.state).toBe('half-open');
    const probe = await c.read('Patient', 'p3');
    expect(probe.baseUrl).toBe(primary.baseUrl);
    expect(c.breakerState()[0]?.state).toBe('closed');
    expect(log.lines.filter((l) => l.includes('ehr.breaker')).map((l) => JSON.parse(l) as { from: string; to: string }).map((l) => `${l.from}>${l.to}`)).toEqual([
      'closed>open',
      'open>half-open',
      'half-open>closed',
    ]);
  });

  it('a failed probe opens the circuit again', async () => {
    const { c, clock } = setup(true);
    primary.enqueue({ status: 503 }, { status: 503 });
    await c.read('Patient', 'p1');
    clock.advance(30_000);
    primary.enqueue({ status: 502 });
    expect((await c.read('Patient', 'p2')).baseUrl).toBe(secondary.baseUrl);
    expect(c.breakerState()[0]?.state).toBe('open');
  });

  it('without a secondary an open circuit fails fast with the last failure', async () => {
    const { c, slept } = setup(false);
    primary.enqueue({ status: 503 }, { status: 503 });
    await failure(c.read('Patient', 'p1'));
    const count = primary.fhirRequests.length;
    const err = await failure(c.read('Patient', 'p2'));
    expect(err.kind).toBe('SERVER');
    expect(err.message).toContain('circuit open');
    expect(primary.fhirRequests).toHaveLength(count);
    expect(slept.length).toBeLessThanOrEqual(3);
  });

  it('4xx answers and throttling do not open the circuit', async () => {
    const { c } = setup(true);
    primary.enqueue({ status: 404 }, { status: 404 }, { status: 404 });
    for (let i = 0; i < 3; i++) await failure(c.read('Patient', 'gone'));
    expect(c.breakerState()[0]?.state).toBe('closed');
  });
});
