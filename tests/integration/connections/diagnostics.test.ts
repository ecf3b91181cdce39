/** The diagnostics' warnings and failures: narrowed scopes, a missing key, a vendor mix-up and the TLS certificate. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src-main/sandbox/sandbox';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';
import { check, config, ownSandbox, registerJwks, SCOPES, statuses } from './harness';

let vigil: TestVigil;
let admin: string;
const sandboxes: Sandbox[] = [];

beforeAll(async () => {
  vigil = await startTestVigil();
  admin = await vigil.adminToken();
});

afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.close()));
  for (const c of (await vigil.ok('connections.list', {}, admin)).connections) await vigil.ok('connections.delete', { id: c.id }, admin);
});

afterAll(async () => {
  await vigil?.close();
});

async function sandbox(opts: Parameters<typeof ownSandbox>[0] = {}): Promise<Sandbox> {
  const sb = await ownSandbox(opts);
  sandboxes.push(sb);
  return sb;
}

async function keyedConnection(sb: Sandbox, name: string, extra: Partial<Parameters<typeof config>[2]> = {}) {
  const c = await vigil.ok('connections.create', { config: config(name, sb.baseUrl, { authMode: 'private_key_jwt', clientId: name, ...extra }) }, admin);
  const keyed = await vigil.ok('connections.generateKey', { id: c.id, alg: 'ES384' }, admin);
  registerJwks(sb, keyed);
  return keyed;
}

describe('warnings', () => {
  it('a narrower grant than requested warns and names the missing scopes', async () => {
    const sb = await sandbox();
    await sb.set({ narrowScopes: true });
    const c = await keyedConnection(sb, 'narrowed');
    const run = await vigil.ok('connections.test', { id: c.id }, admin);
    expect(run.status).toBe('warn');
    const token = check(run, 'token');
    expect(token.status).toBe('warn');
    expect(token.summary).toContain('system/MedicationRequest.rs, system/AuditEvent.rs');
    expect(token.facts).toMatchObject({ requested: SCOPES.join(' '), granted: 'system/Patient.rs system/Observation.rs' });
    expect(check(run, 'patient').status).toBe('pass');
    // The AuditEvent search is then refused, which an optional step reports as a warning.
    expect(check(run, 'auditEvent')).toMatchObject({ status: 'warn', error: { kind: 'SCOPE', kbCode: 'smart_scope_error' } });
  });

  it('a server that looks like another vendor than the one configured', async () => {
    const sb = await sandbox({ flavour: 'epic', requireAuth: false });
    const c = await vigil.ok('connections.create', { config: { ...config('mixed up', sb.baseUrl, { authMode: 'none' }), vendor: 'cerner' } }, admin);
    const run = await vigil.ok('connections.test', { id: c.id }, admin);
    expect(check(run, 'capability')).toMatchObject({ status: 'warn', facts: { detectedVendor: 'epic' } });
    expect(check(run, 'capability').summary).toMatch(/looks like epic .* set up as cerner/);
  });
});

describe('failures', () => {
  it('a key-pair connection without a key fails the token step with AUTH', async () => {
    const sb = await sandbox();
    const c = await vigil.ok('connections.create', { config: config('keyless', sb.baseUrl, { authMode: 'private_key_jwt', clientId: 'keyless' }) }, admin);
    const run = await vigil.ok('connections.test', { id: c.id }, admin);
    expect(run.status).toBe('fail');
    expect(check(run, 'token')).toMatchObject({ status: 'fail', error: { kind: 'AUTH', kbCode: 'smart_auth_error' } });
    expect(check(run, 'token').summary).toMatch(/No private key is stored/);
  });

  it('an unregistered key is refused by the token endpoint (AUTH, invalid_client)', async () => {
    const sb = await sandbox();
    const c = await vigil.ok('connections.create', { config: config('unregistered', sb.baseUrl, { authMode: 'private_key_jwt', clientId: 'unregistered' }) }, admin);
    await vigil.ok('connections.generateKey', { id: c.id, alg: 'RS384' }, admin);
    const run = await vigil.ok('connections.test', { id: c.id }, admin);
    expect(check(run, 'token')).toMatchObject({ status: 'fail', error: { kind: 'AUTH' } });
    expect(check(run, 'token').error?.message).toMatch(/invalid_client/);
  });
});

describe('the TLS certificate', () => {
  it('a trusted certificate passes with its days to expiry, issuer and protocol', async () => {
    const sb = await sandbox({ tls: true, requireAuth: false });
    const c = await vigil.ok('connections.create', { config: config('tls', sb.tlsBaseUrl!, { authMode: 'none', caBundle: sb.caPem }) }, admin);
    const run = await vigil.ok('connections.test', { id: c.id }, admin);
    expect(run.status).toBe('pass');
    const tls = check(run, 'tls');
    expect(tls.status).toBe('pass');
    expect(tls.facts).toMatchObject({ issuer: expect.stringContaining('Vigil Sandbox CA'), protocol: expect.stringMatching(/^TLSv1\.[23]$/) });
    expect(tls.facts.daysToExpiry).toBeGreaterThanOrEqual(88);
    expect(tls.facts.daysToExpiry).toBeLessThanOrEqual(90);
  });

  it('a certificate that expires within 30 days warns', async () => {
    const sb = await sandbox({ tls: true, requireAuth: false, tlsCertDays: 12 });
    const c = await vigil.ok('connections.create', { config: config('expiring', sb.tlsBaseUrl!, { authMode: 'none', caBundle: sb.caPem }) }, admin);
    const run = await vigil.ok('connections.test', { id: c.id }, admin);
    expect(check(run, 'tls')).toMatchObject({ status: 'warn', facts: { daysToExpiry: 11 } });
    expect(run.status).toBe('warn');
  });

  it('an untrusted certificate fails the capability and TLS steps with TLS', async () => {
    const sb = await sandbox({ tls: true, requireAuth: false });
    const c = await vigil.ok('connections.create', { config: config('untrusted', sb.tlsBaseUrl!, { authMode: 'none' }) }, admin);
    const run = await vigil.ok('connections.test', { id: c.id }, admin);
    expect(statuses(run)).toMatchObject({ capability: 'fail', smart: 'skip', patient: 'skip', tls: 'fail' });
    expect(check(run, 'capability').error).toMatchObject({ kind: 'TLS', kbCode: 'tls_certificate_error' });
    expect(check(run, 'tls')).toMatchObject({ error: { kind: 'TLS' }, facts: { issuer: expect.stringContaining('Vigil Sandbox CA') } });
    expect(check(run, 'tls').summary).toMatch(/not trusted/);
  });
});
