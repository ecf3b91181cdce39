import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../src-main/clock';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src-main/sandbox/sandbox';
import { basic, bearer, call, postToken, registerKeyClient, type Reply } from './client';

let sb: Sandbox | undefined;

afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

async function start(opts: SandboxOptions = {}): Promise<Sandbox> {
  sb = await startSandbox({ patients: 3, ...opts });
  return sb;
}

function expectInvalidClient(reply: Reply, description: RegExp) {
  expect(reply.status).toBe(401);
  expect(reply.json()).toMatchObject({ error: 'invalid_client', error_description: expect.stringMatching(description) });
}

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const assertionForm = (client_assertion: string) => ({ grant_type: 'client_credentials', client_assertion_type: JWT_BEARER, client_assertion });

describe('private_key_jwt (SMART Backend Services)', () => {
  it.each(['RS384', 'ES384'] as const)('a valid %s assertion gets an opaque Bearer token with the asked-for scope', async (alg) => {
    const s = await start();
    const client = await registerKeyClient(s, 'backend-app', alg);
    const reply = await client.token({ scope: 'system/Patient.read system/Observation.read' });
    expect(reply.status).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    const body = reply.json();
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 300, scope: 'system/Patient.read system/Observation.read' });
    expect(String(body.access_token).split('.')).toHaveLength(1);
  });

  it('refuses an assertion whose jti was already used', async () => {
    const s = await start();
    const client = await registerKeyClient(s);
    const assertion = await client.assertion({ jti: 'once-only' });
    expect((await postToken(s.tokenEndpoint, assertionForm(assertion))).status).toBe(200);
    expectInvalidClient(await postToken(s.tokenEndpoint, assertionForm(assertion)), /jti/);
  });

  it('refuses an assertion for another audience', async () => {
    const s = await start();
    const client = await registerKeyClient(s);
    const reply = await postToken(s.tokenEndpoint, assertionForm(await client.assertion({ aud: 'https://ehr.example.org/oauth2/token' })));
    expectInvalidClient(reply, /aud/);
  });

  it('refuses an expired assertion and one that lives longer than five minutes', async () => {
    const s = await start();
    const client = await registerKeyClient(s);
    expectInvalidClient(await postToken(s.tokenEndpoint, assertionForm(await client.assertion({ expInSeconds: -30 }))), /expired/);
    expectInvalidClient(await postToken(s.tokenEndpoint, assertionForm(await client.assertion({ expInSeconds: 900 }))), /300 seconds/);
  });

  it('refuses an unknown kid, a foreign issuer and an unknown client', async () => {
    const s = await start();
    const client = await registerKeyClient(s);
    await registerKeyClient(s, 'other-app');
    expectInvalidClient(await postToken(s.tokenEndpoint, assertionForm(await client.assertion({ kid: 'rotated-away' }))), /kid/);
    expectInvalidClient(
      await postToken(s.tokenEndpoint, { ...assertionForm(await client.assertion()), client_id: 'other-app' }),
      /iss does not match/,
    );
    expectInvalidClient(await postToken(s.tokenEndpoint, assertionForm(await client.assertion({ iss: 'nobody', sub: 'nobody' }))), /nobody/);
  });

  it('refuses an assertion signed by a key that is not the registered one', async () => {
    const s = await start();
    const client = await registerKeyClient(s);
    const impostor = await registerKeyClient(s, 'impostor');
    const forged = await impostor.assertion({ iss: client.clientId, sub: client.clientId, kid: client.kid });
    expectInvalidClient(await postToken(s.tokenEndpoint, assertionForm(forged)), /signature/);
  });

  it('checks assertion times against the sandbox clock', async () => {
    const clock = manualClock(Date.UTC(2026, 0, 1));
    const s = await start({ clock });
    const client = await registerKeyClient(s);
    const reply = await postToken(s.tokenEndpoint, assertionForm(await client.assertion({ now: clock.now() })));
    expect(reply.status).toBe(200);
  });
});

describe('client secrets', () => {
  it('accepts client_secret_basic and client_secret_post', async () => {
    const s = await start();
    s.registerClient({ clientId: 'secret-app', secret: 's3cret:with/odd chars' });
    const viaBasic = await postToken(
      s.tokenEndpoint,
      { grant_type: 'client_credentials' },
      { authorization: basic(encodeURIComponent('secret-app'), encodeURIComponent('s3cret:with/odd chars')) },
    );
    expect(viaBasic.status).toBe(200);
    expect(viaBasic.json().scope).toBe('system/*.read');
    const viaPost = await postToken(s.tokenEndpoint, { grant_type: 'client_credentials', client_id: 'secret-app', client_secret: 's3cret:with/odd chars' });
    expect(viaPost.status).toBe(200);
  });

  it('answers a wrong secret with invalid_client, and a Basic challenge when Basic was tried', async () => {
    const s = await start();
    s.registerClient({ clientId: 'secret-app', secret: 'right' });
    const viaBasic = await postToken(s.tokenEndpoint, { grant_type: 'client_credentials' }, { authorization: basic('secret-app', 'wrong') });
    expectInvalidClient(viaBasic, /secret/);
    expect(viaBasic.headers['www-authenticate']).toMatch(/^Basic /);
    expectInvalidClient(await postToken(s.tokenEndpoint, { grant_type: 'client_credentials', client_id: 'secret-app', client_secret: 'wrong' }), /secret/);
    expectInvalidClient(await postToken(s.tokenEndpoint, { grant_type: 'client_credentials' }), /no client authentication/);
  });

  it('refuses other grant types and scopes it cannot grant', async () => {
    const s = await start();
    s.registerClient({ clientId: 'secret-app', secret: 'right' });
    const creds = { client_id: 'secret-app', client_secret: 'right' };
    const password = await postToken(s.tokenEndpoint, { grant_type: 'password', ...creds });
    expect(password.status).toBe(400);
    expect(password.json().error).toBe('unsupported_grant_type');
    const scope = await postToken(s.tokenEndpoint, { grant_type: 'client_credentials', scope: 'user/Patient.write', ...creds });
    expect(scope.status).toBe(400);
    expect(scope.json().error).toBe('invalid_scope');
  });
});

describe('access to the FHIR endpoints', () => {
  async function secretToken(s: Sandbox, extra: Record<string, string> = {}): Promise<Reply> {
    s.registerClient({ clientId: 'reader', secret: 'pw' });
    return postToken(s.tokenEndpoint, { grant_type: 'client_credentials', client_id: 'reader', client_secret: 'pw', ...extra });
  }

  it('needs a valid, unexpired bearer token', async () => {
    const clock = manualClock(Date.now());
    const s = await start({ clock, tokenTtlSeconds: 60 });
    const none = await call(`${s.baseUrl}/Patient?_count=1`);
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(none.json().resourceType).toBe('OperationOutcome');
    expect((await call(`${s.baseUrl}/Patient?_count=1`, { headers: bearer('made-up') })).status).toBe(401);

    const issued = (await secretToken(s)).json();
    expect(issued.expires_in).toBe(60);
    const token = String(issued.access_token);
    expect((await call(`${s.baseUrl}/Patient?_count=1`, { headers: bearer(token) })).status).toBe(200);
    clock.advance(61_000);
    const expired = await call(`${s.baseUrl}/Patient?_count=1`, { headers: bearer(token) });
    expect(expired.status).toBe(401);
    expect(expired.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('leaves metadata and the SMART configuration public', async () => {
    const s = await start();
    expect((await call(`${s.baseUrl}/metadata`)).status).toBe(200);
    expect((await call(`${s.baseUrl}/.well-known/smart-configuration`)).status).toBe(200);
  });

  it('narrowScopes grants less than asked without saying so, and the missing scope is then refused', async () => {
    const s = await start();
    await s.set({ narrowScopes: true });
    const reply = await secretToken(s, { scope: 'system/Patient.read system/MedicationRequest.read' });
    expect(reply.status).toBe(200);
    const { access_token, scope } = reply.json<{ access_token: string; scope: string }>();
    expect(scope).toBe('system/Patient.read');
    expect((await call(`${s.baseUrl}/Patient?_count=1`, { headers: bearer(access_token) })).status).toBe(200);
    const refused = await call(`${s.baseUrl}/MedicationRequest?_count=1`, { headers: bearer(access_token) });
    expect(refused.status).toBe(403);
    expect(refused.headers['www-authenticate']).toContain('insufficient_scope');
  });

  it('honours v2 scopes letter by letter', async () => {
    const s = await start();
    const { access_token } = (await secretToken(s, { scope: 'system/Patient.r' })).json<{ access_token: string }>();
    const patient = (await call(`${s.baseUrl}/Patient?_count=1`, { headers: bearer((await secretToken(s)).json<{ access_token: string }>().access_token) })).json<{
      entry: { resource: { id: string } }[];
    }>();
    const id = patient.entry[0]?.resource.id;
    expect((await call(`${s.baseUrl}/Patient/${id}`, { headers: bearer(access_token) })).status).toBe(200);
    expect((await call(`${s.baseUrl}/Patient?_count=1`, { headers: bearer(access_token) })).status).toBe(403);
  });

  it('HTTP Basic mode takes a registered client secret instead of a token', async () => {
    const s = await start();
    s.registerClient({ clientId: 'basic-user', secret: 'basic-pass' });
    await s.set({ authScheme: 'basic' });
    expect((await call(`${s.baseUrl}/Patient?_count=1`, { headers: { authorization: basic('basic-user', 'basic-pass') } })).status).toBe(200);
    const wrong = await call(`${s.baseUrl}/Patient?_count=1`, { headers: { authorization: basic('basic-user', 'nope') } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toMatch(/^Basic /);
  });

  it('open mode needs no credentials', async () => {
    const s = await start({ requireAuth: false });
    expect((await call(`${s.baseUrl}/Patient?_count=1`)).status).toBe(200);
    await s.set({ requireAuth: true });
    expect((await call(`${s.baseUrl}/Patient?_count=1`)).status).toBe(401);
  });
});
