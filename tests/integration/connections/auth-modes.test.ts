/**
 * Every sign-in mode end to end through the contract: create the connection
 * (with its credential), register the same credential with a sandbox EHR,
 * and run the diagnostics, whose required steps must all pass.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src-main/sandbox/sandbox';
import type { Connection, Diagnostics } from '../../../src-shared/contract';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';
import { config, outsideKey, ownSandbox, registerJwks, SCOPES, statuses } from './harness';

let vigil: TestVigil;
let admin: string;
let sb: Sandbox;

beforeAll(async () => {
  vigil = await startTestVigil();
  admin = await vigil.adminToken();
  sb = await ownSandbox();
});

afterAll(async () => {
  await sb?.close();
  await vigil?.close();
});

beforeEach(async () => {
  await sb.set({ requireAuth: true, authScheme: 'bearer' });
});

/** Every required step passes (TLS is skipped: the sandbox speaks plain http). */
function expectPassing(run: Diagnostics, tokenStep: 'pass' | 'skip'): void {
  expect(statuses(run)).toEqual({
    capability: 'pass',
    smart: 'pass',
    token: tokenStep,
    patient: 'pass',
    cds: 'pass',
    auditEvent: 'pass',
    tls: 'skip',
  });
  expect(run.status).toBe('pass');
  expect(run.checks.every((c) => c.error === null)).toBe(true);
}

const test = (c: Connection) => vigil.ok('connections.test', { id: c.id }, admin);

describe('SMART Backend Services (private_key_jwt)', () => {
  it.each(['RS384', 'ES384'] as const)('with a key pair Vigil generates (%s)', async (alg) => {
    const created = await vigil.ok('connections.create', { config: config(`generated ${alg}`, sb.baseUrl, { authMode: 'private_key_jwt', clientId: `gen-${alg}` }) }, admin);
    expect(created).toMatchObject({ hasSecret: false, publicJwks: null });

    const keyed = await vigil.ok('connections.generateKey', { id: created.id, alg }, admin);
    expect(keyed.hasSecret).toBe(true);
    expect(keyed.publicJwks?.keys).toHaveLength(1);
    expect(keyed.publicJwks?.keys[0]).toMatchObject({ alg, use: 'sig' });

    // The admin registers the public JWKS with the EHR, as with Epic's app registration.
    registerJwks(sb, keyed);
    const run = await test(keyed);
    expectPassing(run, 'pass');
    expect(run.checks.find((c) => c.check === 'token')?.facts).toMatchObject({ granted: SCOPES.join(' '), missing: null });
  });

  it('with an imported PEM (PKCS#8)', async () => {
    const key = await outsideKey('RS384');
    const c = await vigil.ok(
      'connections.create',
      { config: config('imported PEM', sb.baseUrl, { authMode: 'private_key_jwt', clientId: 'pem-client' }), secret: { kind: 'privateKey', value: key.pem } },
      admin,
    );
    expect(c.hasSecret).toBe(true);
    registerJwks(sb, c);
    expectPassing(await test(c), 'pass');
  });

  it('with an imported private JWK, signing under its own kid', async () => {
    const key = await outsideKey('ES384', 'vendor-kid-7');
    const c = await vigil.ok(
      'connections.create',
      { config: config('imported JWK', sb.baseUrl, { authMode: 'private_key_jwt', clientId: 'jwk-client' }), secret: { kind: 'privateKey', value: key.jwk } },
      admin,
    );
    expect(c.publicJwks?.keys[0]).toMatchObject({ kid: 'vendor-kid-7', alg: 'ES384', kty: 'EC' });
    registerJwks(sb, c);
    expectPassing(await test(c), 'pass');
  });

  it('with an imported key and a key id given with it', async () => {
    const key = await outsideKey('RS384');
    const c = await vigil.ok(
      'connections.create',
      {
        config: config('imported with kid', sb.baseUrl, { authMode: 'private_key_jwt', clientId: 'kid-client' }),
        secret: { kind: 'privateKey', value: key.pem, keyId: 'registered-as-k1' },
      },
      admin,
    );
    expect(c.config.keyId).toBe('registered-as-k1');
    expect(c.publicJwks?.keys[0]?.kid).toBe('registered-as-k1');
    registerJwks(sb, c);
    expectPassing(await test(c), 'pass');
  });
});

describe('client secrets', () => {
  it.each(['client_secret_basic', 'client_secret_post'] as const)('%s', async (authMode) => {
    const secret = `secret for ${authMode} with spaces & symbols +/=`;
    sb.registerClient({ clientId: `${authMode}-client`, secret });
    const c = await vigil.ok(
      'connections.create',
      { config: config(authMode, sb.baseUrl, { authMode, clientId: `${authMode}-client` }), secret: { kind: 'clientSecret', value: secret } },
      admin,
    );
    expect(c).toMatchObject({ hasSecret: true, publicJwks: null });
    expectPassing(await test(c), 'pass');
  });
});

describe('without a token endpoint', () => {
  it('HTTP basic', async () => {
    await sb.set({ authScheme: 'basic' });
    sb.registerClient({ clientId: 'basic-user', secret: 'basic password 1' });
    const c = await vigil.ok(
      'connections.create',
      { config: config('basic', sb.baseUrl, { authMode: 'basic', username: 'basic-user' }), secret: { kind: 'password', value: 'basic password 1' } },
      admin,
    );
    const run = await test(c);
    expectPassing(run, 'skip');
    expect(run.checks.find((c) => c.check === 'token')?.summary).toMatch(/not needed/i);
  });

  it('none (an open endpoint)', async () => {
    await sb.set({ requireAuth: false });
    const c = await vigil.ok('connections.create', { config: config('open', sb.baseUrl, { authMode: 'none' }) }, admin);
    expect(c.hasSecret).toBe(false);
    expectPassing(await test(c), 'skip');
  });

  it('a wrong password fails the patient step with AUTH', async () => {
    await sb.set({ authScheme: 'basic' });
    sb.registerClient({ clientId: 'basic-user-2', secret: 'the right password' });
    const c = await vigil.ok(
      'connections.create',
      { config: config('basic wrong', sb.baseUrl, { authMode: 'basic', username: 'basic-user-2' }), secret: { kind: 'password', value: 'the wrong password' } },
      admin,
    );
    const run = await test(c);
    expect(run.status).toBe('fail');
    expect(run.checks.find((x) => x.check === 'patient')).toMatchObject({ status: 'fail', error: { kind: 'AUTH', kbCode: 'smart_auth_error' } });
  });
});
