/**
 * Every kind of failure, provoked over real sockets on 127.0.0.1, ends as the
 * right FhirError, with no crash and no unhandled rejection. Waits are
 * recorded by an injected sleep; only the socket timeouts (a few hundred ms)
 * run on the real clock.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FhirConnectionInput } from '../../../src-shared/connection-config';
import { createFhirClient, type FhirClient, type FhirClientDeps } from '../../../src-main/ehr/fhir-client';
import { startFhirTestServer, type FhirTestServer } from '../../helpers/fhir-test-server';
import { makeTestCertificates, type TestCertificates } from '../../helpers/test-certs';
import { failure, fakeTime, trapUnhandledRejections } from './harness';

trapUnhandledRejections();

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/vendors', name), 'utf8');

let s: FhirTestServer;
const clients: FhirClient[] = [];
beforeAll(async () => {
  s = await startFhirTestServer({ auth: 'none' });
});
afterAll(() => s.close());
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

function client(extra: Partial<FhirConnectionInput> = {}, deps: Partial<FhirClientDeps> = {}) {
  const time = fakeTime();
  const c = createFhirClient(
    { name: 'faults', vendor: 'generic', baseUrl: s.baseUrl, authMode: 'none', rateLimitPerHour: 1_000_000, ...extra },
    { secrets: {}, clock: time.clock, sleep: time.sleep, random: () => 0.5, ...deps },
  );
  clients.push(c);
  return { c, ...time };
}

const outcome = (code: string, diagnostics: string) => ({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] });

describe('server errors and throttling', () => {
  it.each([500, 503])('retries %i with jittered backoff, then fails as SERVER', async (status) => {
    const { c, slept } = client({ retry: { maxAttempts: 3, baseDelayMs: 200 } });
    s.enqueue({ status }, { status }, { status });
    const err = await failure(c.read('Patient', 'p1'));
    expect([err.kind, err.kbCode, err.status]).toEqual(['SERVER', 'fhir_server_error', status]);
    // random() = 0.5: half of 200·2^0, then half of 200·2^1.
    expect(slept).toEqual([100, 200]);
  });

  it('recovers when a retry succeeds and reports the attempts and waits', async () => {
    const { c } = client();
    s.enqueue({ status: 503 });
    const ok = await c.read('Patient', 'p1');
    expect(ok.attempts).toBe(2);
    expect(ok.timing.retryWaitMs).toBe(125);
  });

  it('honours Retry-After in seconds on a 429', async () => {
    const { c, slept } = client();
    s.enqueue({ status: 429, headers: { 'retry-after': '7' } });
    const ok = await c.read('Patient', 'p1');
    expect(slept).toEqual([7_000]);
    expect(ok.timing.retryWaitMs).toBe(7_000);
  });

  it('honours Retry-After as an HTTP date, and gives up as RATE_LIMITED when 429s persist', async () => {
    const { c, slept, clock } = client({ retry: { maxAttempts: 2 } });
    const at = new Date(clock.now() + 12_000).toUTCString();
    s.enqueue({ status: 429, headers: { 'retry-after': at } }, { status: 429, headers: { 'retry-after': '3' } });
    const err = await failure(c.read('Patient', 'p1'));
    expect([err.kind, err.kbCode, err.retryAfterMs]).toEqual(['RATE_LIMITED', 'fhir_rate_limited', 3_000]);
    expect(slept).toEqual([12_000]);
  });

  it('does not park a call behind a Retry-After beyond the policy', async () => {
    const { c, slept } = client({ retry: { maxRetryAfterMs: 60_000 } });
    s.enqueue({ status: 429, headers: { 'retry-after': '3600' } });
    expect((await failure(c.read('Patient', 'p1'))).retryAfterMs).toBe(3_600_000);
    expect(slept).toEqual([]);
  });

  it('never retries a POST', async () => {
    const { c } = client();
    s.enqueue({ status: 503 });
    const err = await failure(c.request('Patient', { method: 'POST', body: { resourceType: 'Patient' } }));
    expect(err.kind).toBe('SERVER');
  });

  it('waits for the rate limiter instead of failing', async () => {
    const { c, slept } = client({ rateLimitPerHour: 60 });
    await c.read('Patient', 'p1');
    const second = await c.read('Patient', 'p2');
    expect(second.timing.rateLimitWaitMs).toBe(60_000);
    expect(slept).toEqual([60_000]);
  });
});

describe('timeouts', () => {
  let child: ChildProcess | undefined;
  const fillers: Socket[] = [];
  afterAll(() => {
    for (const f of fillers) f.destroy();
    child?.kill();
  });

  /**
   * A listening socket that never accepts: a child process listens with a
   * backlog of 1 and then blocks its event loop, so the kernel's accept queue
   * fills after a couple of connections and later SYNs go unanswered.
   */
  async function blackhole(): Promise<number> {
    const script = `const s = require('net').createServer();
      s.listen({ host: '127.0.0.1', port: 0, backlog: 1 }, () => {
        process.stdout.write(s.address().port + '\\n');
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000);
      });`;
    child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
    const port = await new Promise<number>((resolve) => child!.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
    for (let i = 0; i < 16; i++) {
      const sock = connect(port, '127.0.0.1');
      sock.on('error', () => undefined);
      fillers.push(sock);
      const accepted = await new Promise<boolean>((resolve) => {
        const t = setTimeout(() => resolve(false), 300);
        sock.once('connect', () => {
          clearTimeout(t);
          resolve(true);
        });
      });
      if (!accepted) return port;
    }
    throw new Error('the accept queue never filled');
  }

  it('a connection that is never accepted fails as TIMEOUT (connect)', async () => {
    const port = await blackhole();
    const { c } = client({ baseUrl: `http://127.0.0.1:${port}/fhir`, timeouts: { connectMs: 300 }, retry: { maxAttempts: 1 } });
    const err = await failure(c.read('Patient', 'p1'));
    expect([err.kind, err.kbCode, err.timeoutPhase]).toEqual(['TIMEOUT', 'fhir_timeout', 'connect']);
  });

  it('a server that accepts and never answers fails as TIMEOUT (headers), after the retries', async () => {
    const { c, slept } = client({ timeouts: { headersMs: 300 }, retry: { maxAttempts: 2 } });
    const silent = () => undefined;
    s.enqueue(silent, silent);
    const err = await failure(c.read('Patient', 'p1'));
    expect([err.kind, err.timeoutPhase]).toEqual(['TIMEOUT', 'headers']);
    expect(slept).toHaveLength(1);
  });

  it('a body that stalls half-way fails as TIMEOUT (body)', async () => {
    const { c } = client({ timeouts: { bodyMs: 300 }, retry: { maxAttempts: 1 } });
    s.enqueue((_req, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json', 'content-length': '1000' });
      res.write('{"resourceType":"Patient",');
    });
    const err = await failure(c.read('Patient', 'p1'));
    expect([err.kind, err.timeoutPhase]).toEqual(['TIMEOUT', 'body']);
  });
});

describe('bodies', () => {
  it('a body over the size cap fails as MALFORMED_RESPONSE, declared or streamed', async () => {
    const { c } = client({ maxResponseBytes: 4096 });
    const big = JSON.stringify({ resourceType: 'Patient', text: 'x'.repeat(10_000) });
    s.enqueue({ status: 200, body: big });
    const declared = await failure(c.read('Patient', 'p1'));
    expect([declared.kind, declared.kbCode]).toEqual(['MALFORMED_RESPONSE', 'fhir_malformed_response']);
    expect(declared.message).toContain('4096-byte limit');
    s.enqueue((_req, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      for (let i = 0; i < 10; i++) res.write('x'.repeat(1000));
      res.end();
    });
    expect((await failure(c.read('Patient', 'p1'))).message).toContain('4096-byte limit');
  });

  it('malformed JSON fails as MALFORMED_RESPONSE without quoting the body', async () => {
    const { c } = client();
    s.enqueue({ status: 200, body: '{"resourceType":"Patient","name":[{"family":"Doe"' });
    const err = await failure(c.read('Patient', 'p1'));
    expect(err.kind).toBe('MALFORMED_RESPONSE');
    expect(err.message).not.toContain('Doe');
  });

  it('a login page instead of FHIR fails as MALFORMED_RESPONSE', async () => {
    const { c } = client();
    s.enqueue({ status: 302, headers: { location: '/login?next=/fhir' } });
    const err = await failure(c.read('Patient', 'p1'));
    expect(err.kind).toBe('MALFORMED_RESPONSE');
    expect(err.message).toContain('redirecting to');
  });
});

describe('OperationOutcomes', () => {
  it('a 400 with a HAPI OperationOutcome is VALIDATION with its issues', async () => {
    const { c } = client();
    s.enqueue({ status: 400, body: fixture('hapi-operationoutcome-unknown-resource.json') });
    const err = await failure(c.search('Foo'));
    expect([err.kind, err.kbCode, err.status]).toEqual(['VALIDATION', 'fhir_validation_error', 400]);
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]).toMatchObject({ severity: 'error', code: 'processing' });
    expect(err.issues[0]?.diagnostics).toMatch(/^Unknown resource type 'Foo'/);
  });

  it('a 422 keeps each issue with its expression', async () => {
    const { c } = client();
    s.enqueue({
      status: 422,
      body: {
        resourceType: 'OperationOutcome',
        issue: [
          { severity: 'error', code: 'required', diagnostics: 'Patient.gender: minimum required = 1', expression: ['Patient.gender'] },
          { severity: 'warning', code: 'code-invalid', details: { text: 'Unknown code' }, expression: ['Patient.maritalStatus'] },
        ],
      },
    });
    const err = await failure(c.request('Patient', { method: 'POST', body: { resourceType: 'Patient' } }));
    expect(err.kind).toBe('VALIDATION');
    expect(err.issues.map((i) => [i.severity, i.code, i.expression])).toEqual([
      ['error', 'required', ['Patient.gender']],
      ['warning', 'code-invalid', ['Patient.maritalStatus']],
    ]);
    expect(err.message).toContain('(+1 more)');
  });

  it('a 404 with the HAPI not-found outcome is NOT_FOUND', async () => {
    const { c } = client();
    s.enqueue({ status: 404, body: fixture('hapi-operationoutcome-not-found.json') });
    const err = await failure(c.read('Patient', 'abcdefg'));
    expect([err.kind, err.kbCode]).toEqual(['NOT_FOUND', 'fhir_not_found']);
    expect(err.issues[0]?.diagnostics).toBe('Resource Patient/abcdefg is not known');
  });

  it('a 403 is CONSENT when the outcome speaks of consent or suppression, SCOPE otherwise', async () => {
    const { c } = client();
    s.enqueue(
      { status: 403, body: outcome('suppressed', 'Restricted record') },
      { status: 403, body: outcome('security', 'Patient has not given consent to share records with this organisation') },
      { status: 403, body: outcome('security', 'Client lacks system/Observation.read'), headers: { 'www-authenticate': 'Bearer error="insufficient_scope"' } },
    );
    const kinds = [];
    for (let i = 0; i < 3; i++) kinds.push(await failure(c.read('Patient', 'p1')));
    expect(kinds.map((e) => [e.kind, e.kbCode])).toEqual([
      ['CONSENT', 'patient_consent_required'],
      ['CONSENT', 'patient_consent_required'],
      ['SCOPE', 'smart_scope_error'],
    ]);
    expect(kinds[2]?.message).toContain('insufficient_scope');
  });
});

describe('network and TLS', () => {
  let certs: TestCertificates;
  let tlsServer: FhirTestServer;
  beforeAll(async () => {
    certs = makeTestCertificates();
    tlsServer = await startFhirTestServer({ auth: 'none', tls: { key: certs.serverKey, cert: certs.serverCert } });
  });
  afterAll(() => tlsServer.close());

  it('a refused connection is NETWORK, retried', async () => {
    const closed = await startFhirTestServer({ auth: 'none' });
    await closed.close();
    const { c, slept } = client({ baseUrl: closed.baseUrl });
    const err = await failure(c.read('Patient', 'p1'));
    expect([err.kind, err.kbCode]).toEqual(['NETWORK', 'network_unreachable']);
    expect(err.message).toContain('ECONNREFUSED');
    expect(slept).toHaveLength(2);
  });

  it('a certificate from an unknown CA is TLS, with its subject, issuer and expiry', async () => {
    const { c, slept } = client({ baseUrl: tlsServer.baseUrl });
    const err = await failure(c.read('Patient', 'p1'));
    expect([err.kind, err.kbCode]).toEqual(['TLS', 'tls_certificate_error']);
    expect(err.tls).toMatchObject({ subject: 'CN=127.0.0.1, O=Vigil Tests', issuer: 'CN=Vigil Test CA, O=Vigil Tests' });
    expect(Date.parse(err.tls!.validTo)).toBeGreaterThan(Date.now());
    expect(err.tls?.verifyError).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT/);
    expect(err.message).toContain('issuer CN=Vigil Test CA');
    expect(slept).toEqual([]);
    expect(tlsServer.fhirRequests).toHaveLength(0);
  });

  it('the same server passes once its CA is configured, and its certificate is kept for expiry monitoring', async () => {
    const { c } = client({ baseUrl: tlsServer.baseUrl, caBundle: certs.caCert });
    expect((await c.read('Patient', 'p1')).data.id).toBe('p1');
    expect(c.tlsCertificate()).toMatchObject({ subject: 'CN=127.0.0.1, O=Vigil Tests', issuer: 'CN=Vigil Test CA, O=Vigil Tests' });
    expect(c.tlsCertificate()?.verifyError).toBeUndefined();
  });
});
