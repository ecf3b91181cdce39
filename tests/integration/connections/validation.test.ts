/** What connections.create/update/generateKey refuse, and how a change of settings treats the stored credential. */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../../src-shared/contract';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';
import { config, outsideKey } from './harness';

let vigil: TestVigil;
let admin: string;
const BASE = 'https://ehr.example.org/fhir/r4';

beforeAll(async () => {
  vigil = await startTestVigil();
  admin = await vigil.adminToken();
});

afterAll(async () => {
  await vigil?.close();
});

const create = (input: ChannelInput<'connections.create'>) => vigil.call('connections.create', input, admin);

async function keychainKinds(): Promise<string[]> {
  return (await vigil.secrets.list()).filter((a) => a.startsWith('connection:')).map((a) => a.split(':')[2]!);
}

describe('refused input', () => {
  it('a credential of the wrong kind for the auth mode', async () => {
    const reply = await create({ config: config('wrong kind', BASE, { authMode: 'client_secret_basic', clientId: 'c' }), secret: { kind: 'password', value: 'x' } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: ['secret', 'kind'] }] } });
    expect(!reply.ok && reply.error.message).toMatch(/uses a client secret, not a password/);
  });

  it('any credential for an open endpoint', async () => {
    const reply = await create({ config: config('open with secret', BASE, { authMode: 'none' }), secret: { kind: 'clientSecret', value: 'x' } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: ['secret', 'kind'] }] } });
  });

  it('a private key that is not a key, a public key, or an RSA key under 2048 bits', async () => {
    const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const publicPem = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const cases: Array<[string, RegExp]> = [
      ['-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----', /neither a PKCS#8 PEM nor a private JWK/],
      [publicPem, /neither a PKCS#8 PEM nor a private JWK/],
      ['{"kty":"EC","crv":"P-384","x":"AA","y":"AA"}', /not a private key/],
      [rsa1024, /at least 2048 bits/],
    ];
    for (const [value, message] of cases) {
      const reply = await create({ config: config('bad key', BASE, { authMode: 'private_key_jwt', clientId: 'c' }), secret: { kind: 'privateKey', value } });
      expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: ['secret', 'value'] }] } });
      expect(!reply.ok && reply.error.message).toMatch(message);
    }
    expect(await keychainKinds()).toEqual([]);
  });

  it('a token mode without a client id, HTTP basic without a user name', async () => {
    for (const authMode of ['private_key_jwt', 'client_secret_basic', 'client_secret_post'] as const) {
      const reply = await create({ config: config('no client', BASE, { authMode }) });
      expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: ['config', 'clientId'] }] } });
    }
    const basic = await create({ config: config('no user', BASE, { authMode: 'basic' }) });
    expect(basic).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: ['config', 'username'] }] } });
  });

  it('a URL carrying a user name or password, which would sit in the database in clear', async () => {
    const reply = await create({ config: config('proxy creds', BASE, { authMode: 'none', proxyUrl: 'http://user:hunter2@proxy.example.org:3128' }) });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: ['config', 'proxyUrl'] }] } });
    const base = await create({ config: config('base creds', 'https://user:pw@ehr.example.org/fhir', { authMode: 'none' }) });
    expect(base).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: ['config', 'baseUrl'] }] } });
  });

  it('a key id given with the key that differs from the settings', async () => {
    const key = await outsideKey('ES384');
    const reply = await create({
      config: config('kid clash', BASE, { authMode: 'private_key_jwt', clientId: 'c', keyId: 'one' }),
      secret: { kind: 'privateKey', value: key.pem, keyId: 'two' },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: ['secret', 'keyId'] }] } });
  });

  it('a duplicate name, ignoring case, on create and on update (CONFLICT on the name field)', async () => {
    const a = await vigil.ok('connections.create', { config: config('Epic Production', BASE, { authMode: 'none' }) }, admin);
    const b = await vigil.ok('connections.create', { config: config('Epic Test', BASE, { authMode: 'none' }) }, admin);
    const again = await create({ config: config('epic production', 'https://other.example.org/fhir', { authMode: 'none' }) });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: [{ path: ['config', 'name'] }] } });
    const renamed = await vigil.call('connections.update', { id: b.id, config: { ...b.config, name: 'EPIC PRODUCTION' } }, admin);
    expect(renamed).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: [{ path: ['config', 'name'] }] } });
    // Its own name, in another case, is fine.
    const same = await vigil.ok('connections.update', { id: a.id, config: { ...a.config, name: 'EPIC Production' } }, admin);
    expect(same.config.name).toBe('EPIC Production');
    for (const id of [a.id, b.id]) await vigil.ok('connections.delete', { id }, admin);
  });

  it('unknown ids are NOT_FOUND on every channel that takes one', async () => {
    const c = config('ghost', BASE, { authMode: 'none' });
    for (const [channel, input] of [
      ['connections.get', { id: 4242 }],
      ['connections.update', { id: 4242, config: c }],
      ['connections.delete', { id: 4242 }],
      ['connections.generateKey', { id: 4242, alg: 'ES384' }],
      ['connections.test', { id: 4242 }],
    ] as const) {
      expect(await vigil.call(channel, input as never, admin), channel).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  it('generateKey for a connection that does not sign with a key', async () => {
    const c = await vigil.ok('connections.create', { config: config('secret mode', BASE, { authMode: 'client_secret_post', clientId: 'c' }) }, admin);
    const reply = await vigil.call('connections.generateKey', { id: c.id, alg: 'RS384' }, admin);
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await vigil.ok('connections.delete', { id: c.id }, admin);
  });
});

describe('changes', () => {
  it('a change of auth mode removes the credential the new mode does not use', async () => {
    const c = await vigil.ok(
      'connections.create',
      { config: config('mode change', BASE, { authMode: 'client_secret_basic', clientId: 'c' }), secret: { kind: 'clientSecret', value: 'first secret' } },
      admin,
    );
    expect(await keychainKinds()).toEqual(['clientSecret']);
    // Basic to post keeps the same client secret.
    const post = await vigil.ok('connections.update', { id: c.id, config: { ...c.config, authMode: 'client_secret_post' } }, admin);
    expect(post.hasSecret).toBe(true);

    const basic = await vigil.ok(
      'connections.update',
      { id: c.id, config: { ...c.config, authMode: 'basic', username: 'u' }, secret: { kind: 'password', value: 'a password' } },
      admin,
    );
    expect(basic.hasSecret).toBe(true);
    expect(await keychainKinds()).toEqual(['password']);
    const { entries } = await vigil.ok('audit.list', { action: 'connections.update', limit: 1 }, admin);
    expect(entries[0]).toMatchObject({
      target: `connection:${c.id}`,
      detail: { changed: { authMode: { from: 'client_secret_post', to: 'basic' }, username: { from: null, to: 'u' } }, secretReplaced: 'password', secretsRemoved: ['clientSecret'] },
    });
    expect(JSON.stringify(entries)).not.toContain('a password');

    await vigil.ok('connections.delete', { id: c.id }, admin);
    expect(await keychainKinds()).toEqual([]);
  });

  it('generateKey replaces the key, drops the configured kid and keeps the JWKS in step with the key', async () => {
    const key = await outsideKey('RS384');
    const c = await vigil.ok(
      'connections.create',
      { config: config('rotate', BASE, { authMode: 'private_key_jwt', clientId: 'c', keyId: 'old-kid' }), secret: { kind: 'privateKey', value: key.pem } },
      admin,
    );
    expect(c.publicJwks?.keys[0]?.kid).toBe('old-kid');
    const rotated = await vigil.ok('connections.generateKey', { id: c.id, alg: 'ES384' }, admin);
    expect(rotated.config.keyId).toBeUndefined();
    expect(rotated.publicJwks?.keys[0]).toMatchObject({ alg: 'ES384', kty: 'EC' });
    expect(rotated.publicJwks?.keys[0]?.kid).not.toBe('old-kid');
    expect(JSON.stringify(rotated.publicJwks)).not.toMatch(/"d"/);

    // A kid set later renames the stored key in the JWKS too.
    const renamed = await vigil.ok('connections.update', { id: c.id, config: { ...rotated.config, keyId: 'new-kid' } }, admin);
    expect(renamed.publicJwks?.keys[0]).toMatchObject({ kid: 'new-kid', x: rotated.publicJwks?.keys[0]?.x });

    const { entries } = await vigil.ok('audit.list', { action: 'connections.generateKey', limit: 1 }, admin);
    expect(entries[0]).toMatchObject({ target: `connection:${c.id}`, outcome: 'ok', detail: { alg: 'ES384', kid: rotated.publicJwks?.keys[0]?.kid } });
    await vigil.ok('connections.delete', { id: c.id }, admin);
  });

  it('creates are audited with what was made and never the credential', async () => {
    const c = await vigil.ok(
      'connections.create',
      { config: config('audited', BASE, { authMode: 'client_secret_post', clientId: 'c' }), secret: { kind: 'clientSecret', value: 'audited-secret-value' } },
      admin,
    );
    const { entries } = await vigil.ok('audit.list', { action: 'connections.create', limit: 1 }, admin);
    expect(entries[0]).toMatchObject({ target: `connection:${c.id}`, detail: { name: 'audited', authMode: 'client_secret_post', secret: 'clientSecret' } });
    expect(JSON.stringify(entries)).not.toContain('audited-secret-value');
    await vigil.ok('connections.delete', { id: c.id }, admin);
    const deleted = await vigil.ok('audit.list', { action: 'connections.delete', limit: 1 }, admin);
    expect(deleted.entries[0]).toMatchObject({ target: `connection:${c.id}`, detail: { name: 'audited' } });
  });

  it('connections.changed is pushed on create, update, generateKey and delete', async () => {
    const seen: unknown[] = [];
    const stop = vigil.events.subscribe((e) => e.event === 'connections.changed' && seen.push(e.payload));
    const c = await vigil.ok('connections.create', { config: config('evented', BASE, { authMode: 'private_key_jwt', clientId: 'c' }) }, admin);
    await vigil.ok('connections.update', { id: c.id, config: { ...c.config, enabled: false } }, admin);
    await vigil.ok('connections.generateKey', { id: c.id, alg: 'ES384' }, admin);
    await vigil.ok('connections.delete', { id: c.id }, admin);
    stop();
    expect(seen).toEqual(Array(4).fill({ connectionId: c.id, by: 'admin' }));
  });
});

describe('ehr.vendors', () => {
  it('lists every vendor with default read scopes in its own scope style', async () => {
    const { vendors } = await vigil.ok('ehr.vendors', {}, admin);
    expect(vendors.map((v) => v.id)).toEqual(['epic', 'cerner', 'allscripts', 'generic']);
    expect(vendors.find((v) => v.id === 'epic')?.defaultScopes).toEqual([
      'system/Patient.read',
      'system/Observation.read',
      'system/MedicationRequest.read',
      'system/AuditEvent.read',
    ]);
    expect(vendors.find((v) => v.id === 'allscripts')?.defaultScopes).toContain('system/Patient.rs');
  });
});
