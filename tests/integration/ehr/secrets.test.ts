/**
 * No secret — private key, client secret, password, client assertion or
 * bearer token — reaches a FhirError message or a log line, on success or on
 * any failure path. The logger here keeps raw fields, so this tests what the
 * client hands to the log, not the log's own scrubbing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { generateSigningKey, publicJwks } from '../../../src-main/ehr/auth/keys';
import type { FhirConnectionInput } from '../../../src-shared/connection-config';
import { FhirError } from '../../../src-main/ehr/errors';
import { createFhirClient, type FhirClient } from '../../../src-main/ehr/fhir-client';
import { startFhirTestServer, type FhirTestServer, type FhirTestServerOptions } from '../../helpers/fhir-test-server';
import { captureLog, trapUnhandledRejections } from './harness';

trapUnhandledRejections();

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((x) => x.close()));
});

const log = captureLog();
const errors: FhirError[] = [];

async function exercise(server: FhirTestServerOptions, config: Partial<FhirConnectionInput>, secrets: Record<string, string>, extra: (s: FhirTestServer, c: FhirClient) => Promise<unknown>) {
  const s = await startFhirTestServer(server);
  open.push(s);
  const c = createFhirClient(
    { name: 'secrets', vendor: 'generic', baseUrl: s.baseUrl, authMode: 'none', rateLimitPerHour: 1_000_000, retry: { maxAttempts: 2, baseDelayMs: 1 }, ...config },
    { secrets, log, sleep: async () => undefined },
  );
  open.push(c);
  const keep = (p: Promise<unknown>) => p.catch((e: unknown) => void (e instanceof FhirError && errors.push(e)));
  await keep(c.read('Patient', 'p1'));
  s.revokeTokens();
  await keep(c.read('Patient', 'p1'));
  s.enqueue({ status: 401 }, { status: 401 });
  await keep(c.read('Patient', 'p1'));
  s.enqueue({ status: 500, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception' }] } }, { status: 500 });
  await keep(c.read('Patient', 'p1'));
  await extra(s, c).catch((e: unknown) => void (e instanceof FhirError && errors.push(e)));
  return s;
}

describe('secrets stay out of errors and logs', () => {
  it('holds across every sign-in mode and failure', async () => {
    const key = await generateSigningKey('ES384');
    const otherKey = await generateSigningKey('RS384');
    const jwtConfig: Partial<FhirConnectionInput> = { authMode: 'private_key_jwt', clientId: 'vigil-test-client', scopes: ['system/Patient.read'] };
    const secretTexts: string[] = [key.privateKeyPem, otherKey.privateKeyPem];
    const tokenServers: FhirTestServer[] = [];

    tokenServers.push(await exercise({ auth: 'private_key_jwt', jwks: publicJwks([key]) }, jwtConfig, { privateKey: key.privateKeyPem }, (_s, c) => c.token()));
    tokenServers.push(
      await exercise({ auth: 'private_key_jwt', jwks: publicJwks([key]) }, jwtConfig, { privateKey: otherKey.privateKeyPem }, (_s, c) => c.token()),
    );
    const clientSecret = 'cs-7f3a9b1e-very-secret';
    secretTexts.push(clientSecret);
    for (const mode of ['client_secret_basic', 'client_secret_post'] as const) {
      const config = { authMode: mode, clientId: 'vigil-test-client' } as const;
      tokenServers.push(await exercise({ auth: mode, clientSecret }, config, { clientSecret }, (_s, c) => c.token()));
      tokenServers.push(await exercise({ auth: mode, clientSecret: 'the-right-one' }, config, { clientSecret }, (_s, c) => c.token()));
    }
    const password = 'pw-2c9d-also-secret';
    secretTexts.push(password);
    await exercise({ auth: 'basic', username: 'vigil', password }, { authMode: 'basic', username: 'vigil' }, { password }, async () => undefined);
    await exercise({ auth: 'basic', username: 'vigil', password: 'other' }, { authMode: 'basic', username: 'vigil' }, { password }, async () => undefined);

    for (const s of tokenServers) {
      secretTexts.push(...s.tokensIssued);
      secretTexts.push(...s.tokenRequests.map((t) => t.form.client_assertion).filter((a): a is string => a !== undefined));
    }
    // Each PEM's base64 lines, so a partial leak is caught too.
    const needles = secretTexts.flatMap((t) => (t.includes('-----BEGIN') ? t.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----')) : [t]));
    needles.push(Buffer.from(`vigil:${password}`).toString('base64'));

    expect(errors.length).toBeGreaterThan(8);
    expect(new Set(errors.map((e) => e.kind))).toEqual(new Set(['AUTH', 'SERVER']));
    expect(log.lines.length).toBeGreaterThan(5);
    const haystacks = [...errors.flatMap((e) => [e.message, JSON.stringify(e.toJSON())]), ...log.lines];
    for (const needle of needles) {
      for (const hay of haystacks) expect(hay.includes(needle), `a secret leaked into: ${hay.slice(0, 120)}`).toBe(false);
    }
  });
});
