/**
 * Every sign-in mode end to end against the local token endpoint and FHIR
 * server, including the assertions a real token endpoint refuses.
 */
import { decodeJwt } from 'jose';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSigningKey, publicJwks, type GeneratedKey } from '../../../src-main/ehr/auth/keys';
import { requestToken } from '../../../src-main/ehr/auth/token-request';
import { createFhirClient, type FhirClient } from '../../../src-main/ehr/fhir-client';
import { startFhirTestServer, type FhirTestServer, type FhirTestServerOptions } from '../../helpers/fhir-test-server';
import { captureLog, failure, fakeTime, trapUnhandledRejections } from './harness';

trapUnhandledRejections();

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((x) => x.close()));
});

async function server(opts: FhirTestServerOptions): Promise<FhirTestServer> {
  const s = await startFhirTestServer(opts);
  open.push(s);
  return s;
}

function track(client: FhirClient): FhirClient {
  open.push(client);
  return client;
}

const SCOPES = ['system/Patient.read', 'system/Observation.read'];

describe.each(['RS384', 'ES384'] as const)('private_key_jwt with %s', (alg) => {
  let key: GeneratedKey;

  // The token endpoint checks expiry against the real time, so these clients keep it; backoff waits are skipped.
  async function setup(extra: Partial<FhirTestServerOptions> = {}) {
    key ??= await generateSigningKey(alg);
    const s = await server({ auth: 'private_key_jwt', jwks: publicJwks([key]), ...extra });
    const client = track(
      createFhirClient(
        { name: 'jwt', vendor: 'epic', baseUrl: s.baseUrl, authMode: 'private_key_jwt', clientId: 'vigil-test-client', scopes: SCOPES, rateLimitPerHour: 1_000_000 },
        { secrets: { privateKey: key.privateKeyPem }, sleep: async () => undefined },
      ),
    );
    return { s, client };
  }

  it('discovers the token endpoint, signs a fresh assertion per token and reads with the bearer token', async () => {
    const { s, client } = await setup();
    const read = await client.read('Patient', 'p1');
    expect(read.data).toEqual({ resourceType: 'Patient', id: 'p1' });
    expect(s.fhirRequests.at(-1)?.authorization).toMatch(/^Bearer /);
    // Each revocation makes the next call refresh its token, so it signs a new assertion.
    for (let i = 0; i < 5; i++) {
      s.revokeTokens();
      await client.read('Patient', 'p1');
    }
    const assertions = s.tokenRequests.map((t) => decodeJwt(t.form.client_assertion!));
    expect(s.tokenRequests.every((t) => t.outcome === 'issued')).toBe(true);
    expect(assertions).toHaveLength(6);
    expect(new Set(assertions.map((a) => a.jti)).size).toBe(6);
    for (const a of assertions) {
      expect(a).toMatchObject({ iss: 'vigil-test-client', sub: 'vigil-test-client', aud: s.tokenUrl });
      expect(a.exp! - a.iat!).toBeLessThanOrEqual(300);
    }
  });

  it('signs a new assertion for each retry of a failed token request', async () => {
    const { s, client } = await setup();
    s.enqueueToken({ status: 503 }, { status: 429, headers: { 'retry-after': '0' } });
    await client.read('Patient', 'p1');
    const jtis = s.tokenRequests.map((t) => decodeJwt(t.form.client_assertion!).jti);
    expect(s.tokenRequests.map((t) => t.outcome)).toEqual(['scripted', 'scripted', 'issued']);
    expect(new Set(jtis).size).toBe(3);
  });

  it('rejects an assertion for the wrong audience, classified AUTH', async () => {
    const { s, client } = await setup({ audience: 'https://ehr.example/oauth2/token' });
    const err = await failure(client.read('Patient', 'p1'));
    expect(err.kind).toBe('AUTH');
    expect(err.kbCode).toBe('smart_auth_error');
    expect(err.oauthError).toBe('invalid_client');
    expect(err.message).toContain('invalid_client (no description)');
    expect(s.tokenRequests.map((t) => t.outcome)).toEqual(['bad aud']);
  });

  it('rejects an expired assertion (a workstation clock ten minutes slow), classified AUTH', async () => {
    key ??= await generateSigningKey(alg);
    const s = await server({ auth: 'private_key_jwt', jwks: publicJwks([key]) });
    const client = track(
      createFhirClient(
        { name: 'slow clock', vendor: 'epic', baseUrl: s.baseUrl, authMode: 'private_key_jwt', clientId: 'vigil-test-client', scopes: SCOPES },
        { secrets: { privateKey: key.privateKeyPem }, clock: { now: () => Date.now() - 10 * 60_000 } },
      ),
    );
    const err = await failure(client.token());
    expect(err.kind).toBe('AUTH');
    expect(s.tokenRequests.map((t) => t.outcome)).toEqual(['expired assertion']);
  });

  it('rejects a replayed assertion, and the answer is classified AUTH', async () => {
    const { s, client } = await setup();
    await client.token();
    const [first] = s.tokenRequests;
    const agent = new Agent();
    open.push(agent);
    const err = await failure(requestToken(agent, { endpoint: s.tokenUrl, form: first!.form, maxResponseBytes: 65_536, secrets: [], nowMs: Date.now() }));
    expect(err.kind).toBe('AUTH');
    expect(err.message).toContain('invalid_client');
    expect(s.tokenRequests.map((t) => t.outcome)).toEqual(['issued', 'replayed jti']);
  });
});

describe('client secrets', () => {
  it.each(['client_secret_basic', 'client_secret_post'] as const)('%s gets a token and reads', async (mode) => {
    const secret = 'sëcret with spaces & symbols:+/';
    const s = await server({ auth: mode, clientSecret: secret });
    const client = track(createFhirClient({ name: mode, vendor: 'cerner', baseUrl: s.baseUrl, authMode: mode, clientId: 'vigil-test-client', scopes: SCOPES }, { secrets: { clientSecret: secret } }));
    expect((await client.search('Patient', { family: 'Smith' })).data.total).toBe(1);
    expect(s.tokenRequests).toHaveLength(1);
    const sent = s.tokenRequests[0]!;
    if (mode === 'client_secret_basic') {
      expect(sent.authorization).toMatch(/^Basic /);
      expect(sent.form).not.toHaveProperty('client_secret');
    } else {
      expect(sent.authorization).toBeUndefined();
      expect(sent.form.client_secret).toBe(secret);
    }
    expect(s.fhirRequests.at(-1)?.url).toBe('/fhir/Patient?family=Smith');
  });

  it('a wrong secret is AUTH with the OAuth error code', async () => {
    const s = await server({ auth: 'client_secret_basic', clientSecret: 'right' });
    const client = track(createFhirClient({ name: 'wrong', vendor: 'cerner', baseUrl: s.baseUrl, authMode: 'client_secret_basic', clientId: 'vigil-test-client' }, { secrets: { clientSecret: 'wrong' } }));
    const err = await failure(client.read('Patient', 'p1'));
    expect([err.kind, err.oauthError]).toEqual(['AUTH', 'invalid_client']);
  });
});

describe('HTTP basic and none', () => {
  it('HTTP basic sends the credentials on every call and needs no token', async () => {
    const s = await server({ auth: 'basic', username: 'vigil', password: 'pa55:word' });
    const client = track(createFhirClient({ name: 'basic', vendor: 'generic', baseUrl: s.baseUrl, authMode: 'basic', username: 'vigil' }, { secrets: { password: 'pa55:word' } }));
    expect((await client.read('Observation', 'o1')).data.id).toBe('o1');
    expect(s.fhirRequests.at(-1)?.authorization).toBe(`Basic ${Buffer.from('vigil:pa55:word').toString('base64')}`);
    expect(s.tokenRequests).toHaveLength(0);
    const wrong = track(createFhirClient({ name: 'basic', vendor: 'generic', baseUrl: s.baseUrl, authMode: 'basic', username: 'vigil' }, { secrets: { password: 'nope' } }));
    expect((await failure(wrong.read('Observation', 'o1'))).kind).toBe('AUTH');
  });

  it('a sign-in mode whose secret is missing from the keychain fails as AUTH before any request', async () => {
    const s = await server({ auth: 'client_secret_post', clientSecret: 'x' });
    for (const authMode of ['private_key_jwt', 'client_secret_post'] as const) {
      const client = track(createFhirClient({ name: 'no secret', vendor: 'epic', baseUrl: s.baseUrl, authMode, clientId: 'c', tokenEndpoint: s.tokenUrl }, { secrets: {} }));
      const err = await failure(client.read('Patient', 'p1'));
      expect(err.kind).toBe('AUTH');
      expect(err.message).toMatch(/No (private key|client secret) is stored/);
    }
    expect(s.tokenRequests).toHaveLength(0);
  });

  it('none sends no Authorization header', async () => {
    const s = await server({ auth: 'none' });
    const client = track(createFhirClient({ name: 'open', vendor: 'generic', baseUrl: s.baseUrl, authMode: 'none' }, { secrets: {} }));
    await client.read('Patient', 'p1');
    expect(s.fhirRequests.at(-1)?.authorization).toBeUndefined();
    expect((await failure(client.token())).kind).toBe('AUTH');
  });
});

describe('token lifecycle', () => {
  const config = (s: FhirTestServer) =>
    ({ name: 'cache', vendor: 'cerner', baseUrl: s.baseUrl, authMode: 'client_secret_post', clientId: 'vigil-test-client', scopes: SCOPES }) as const;

  it('caches the token until a skew before expiry, with an injectable clock', async () => {
    const s = await server({ auth: 'client_secret_post', clientSecret: 'x', tokenLifetimeS: 600 });
    const { clock } = fakeTime();
    const client = track(createFhirClient(config(s), { secrets: { clientSecret: 'x' }, clock, tokenSkewMs: 60_000 }));
    expect((await client.token()).fromCache).toBe(false);
    clock.advance(539_000);
    expect((await client.token()).fromCache).toBe(true);
    clock.advance(1_000);
    expect((await client.token()).fromCache).toBe(false);
    expect(s.tokenRequests).toHaveLength(2);
  });

  it('concurrent calls share one token fetch', async () => {
    const s = await server({ auth: 'client_secret_post', clientSecret: 'x' });
    const client = track(createFhirClient(config(s), { secrets: { clientSecret: 'x' } }));
    await Promise.all(Array.from({ length: 8 }, (_, i) => client.read('Patient', `p${i}`)));
    expect(s.tokenRequests).toHaveLength(1);
  });

  it('an expired token (401 once) is refreshed once and the call retried', async () => {
    const s = await server({ auth: 'client_secret_post', clientSecret: 'x' });
    const client = track(createFhirClient(config(s), { secrets: { clientSecret: 'x' } }));
    await client.read('Patient', 'p1');
    s.revokeTokens();
    const again = await client.read('Patient', 'p1');
    expect(again.attempts).toBe(2);
    expect(s.tokenRequests).toHaveLength(2);
  });

  it('a 401 that survives the refresh is AUTH, without a loop', async () => {
    const s = await server({ auth: 'client_secret_post', clientSecret: 'x' });
    const client = track(createFhirClient(config(s), { secrets: { clientSecret: 'x' } }));
    const unauthorised = { status: 401, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] } };
    s.enqueue(unauthorised, unauthorised);
    const err = await failure(client.read('Patient', 'p1'));
    expect(err.kind).toBe('AUTH');
    expect(err.status).toBe(401);
    expect(s.tokenRequests).toHaveLength(2);
  });

  it('reports a narrower grant than requested as data on the client and in the log', async () => {
    const s = await server({ auth: 'client_secret_post', clientSecret: 'x', grant: (req) => req.filter((r) => r.includes('Patient')).map((r) => r.replace('.read', '.rs')) });
    const log = captureLog();
    const client = track(createFhirClient(config(s), { secrets: { clientSecret: 'x' }, log }));
    const info = await client.token();
    expect(info.grant).toMatchObject({ requested: SCOPES, granted: ['system/Patient.rs'], missing: ['system/Observation.read'] });
    expect(client.lastGrant?.missing).toEqual(['system/Observation.read']);
    expect(log.lines.some((l) => l.includes('ehr.token.narrower_grant') && l.includes('system/Observation.read'))).toBe(true);
  });

  it("falls back to the CapabilityStatement's oauth-uris when there is no smart-configuration", async () => {
    const s = await server({ auth: 'client_secret_post', clientSecret: 'x', smartConfiguration: false });
    const client = track(createFhirClient(config(s), { secrets: { clientSecret: 'x' } }));
    await client.read('Patient', 'p1');
    expect(s.fhirRequests.map((r) => r.url)).toEqual(['/fhir/.well-known/smart-configuration', '/fhir/metadata', '/fhir/Patient/p1']);
  });

  it('uses a configured token endpoint without discovery', async () => {
    const s = await server({ auth: 'client_secret_post', clientSecret: 'x' });
    const client = track(createFhirClient({ ...config(s), tokenEndpoint: s.tokenUrl }, { secrets: { clientSecret: 'x' } }));
    await client.read('Patient', 'p1');
    expect(s.fhirRequests.map((r) => r.url)).toEqual(['/fhir/Patient/p1']);
  });
});
