import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint, createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { ASSERTION_LIFETIME_S, signClientAssertion } from '../../../src-main/ehr/auth/client-assertion';
import { generateSigningKey, importSigningKey, publicJwks } from '../../../src-main/ehr/auth/keys';
import { FhirError } from '../../../src-main/ehr/errors';

describe('signing keys', () => {
  it.each(['RS384', 'ES384'] as const)('generates a %s key whose kid is its JWK thumbprint and re-imports it', async (alg) => {
    const key = await generateSigningKey(alg);
    expect(key.alg).toBe(alg);
    expect(key.kid).toBe(await calculateJwkThumbprint(key.publicJwk, 'sha256'));
    expect(key.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const again = await importSigningKey(key.privateKeyPem);
    expect(again.kid).toBe(key.kid);
    const jwks = publicJwks([key]);
    expect(jwks.keys[0]).toMatchObject({ kid: key.kid, alg, use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('imports a private JWK and keeps its own kid, unless one is given', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const jwk = JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid: 'vendor-registered-1' });
    expect((await importSigningKey(jwk)).kid).toBe('vendor-registered-1');
    expect((await importSigningKey(jwk, { kid: 'override' })).kid).toBe('override');
  });

  it('refuses unusable keys without quoting them', async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    await expect(importSigningKey(small)).rejects.toThrow(/at least 2048 bits/);
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    await expect(importSigningKey(p256)).rejects.toThrow(/P-384/);
    const garbage = '-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END PRIVATE KEY-----';
    const err = await importSigningKey(garbage).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FhirError);
    expect((err as FhirError).kind).toBe('AUTH');
    expect((err as FhirError).message).not.toContain('c2VjcmV0');
  });

  it('signs assertions with iss = sub = client id, aud = token endpoint, a kid and a short life', async () => {
    const key = await generateSigningKey('RS384');
    const now = Date.now();
    const jwt = await signClientAssertion(key, 'client-1', 'https://ehr.example/token', now);
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(publicJwks([key])), { audience: 'https://ehr.example/token', issuer: 'client-1', subject: 'client-1' });
    expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: 'RS384', kid: key.kid, typ: 'JWT' });
    expect(payload.exp! - payload.iat!).toBe(ASSERTION_LIFETIME_S);
    expect(ASSERTION_LIFETIME_S).toBeLessThanOrEqual(300);
    const other = await signClientAssertion(key, 'client-1', 'https://ehr.example/token', now);
    expect((await jwtVerify(other, createLocalJWKSet(publicJwks([key])))).payload.jti).not.toBe(payload.jti);
  });
});
