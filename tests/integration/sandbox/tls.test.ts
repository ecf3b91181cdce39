import { X509Certificate } from 'node:crypto';
import { connect, type PeerCertificate } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../src-main/clock';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/sandbox';
import { bearer, call, failureCode, postToken } from './client';

let sb: Sandbox | undefined;

afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

function peerCertificate(url: string, ca: string): Promise<PeerCertificate> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), ca, servername: 'localhost' }, () => {
      resolve(socket.getPeerCertificate());
      socket.end();
    });
    socket.on('error', reject);
  });
}

describe('TLS listener', () => {
  it('a client that trusts the sandbox CA connects; one that does not fails on the certificate', async () => {
    sb = await startSandbox({ patients: 2, tls: true });
    const { tlsBaseUrl, caPem } = sb;
    expect(tlsBaseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/fhir$/);
    expect(caPem).toContain('BEGIN CERTIFICATE');

    const trusted = await call(`${tlsBaseUrl}/metadata`, { ca: caPem });
    expect(trusted.status).toBe(200);
    expect(trusted.json().implementation).toMatchObject({ url: tlsBaseUrl });

    expect(await failureCode(`${tlsBaseUrl}/metadata`)).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    const byName = (tlsBaseUrl as string).replace('127.0.0.1', 'localhost');
    expect((await call(`${byName}/metadata`, { ca: caPem })).status).toBe(200);
  });

  it('issues tokens over TLS for assertions addressed to the https token endpoint', async () => {
    sb = await startSandbox({ patients: 2, tls: true });
    const caPem = sb.caPem as string;
    const config = (await call(`${sb.tlsBaseUrl}/.well-known/smart-configuration`, { ca: caPem })).json<{ token_endpoint: string }>();
    expect(config.token_endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/auth\/token$/);
    sb.registerClient({ clientId: 'tls-app', secret: 'pw' });
    const reply = await postToken(config.token_endpoint, { grant_type: 'client_credentials', client_id: 'tls-app', client_secret: 'pw' }, {}, caPem);
    expect(reply.status).toBe(200);
    const data = await call(`${sb.tlsBaseUrl}/Patient?_count=1`, { ca: caPem, headers: bearer(reply.json<{ access_token: string }>().access_token) });
    expect(data.status).toBe(200);
  });

  it('the server certificate is signed by the CA and expires when configured', async () => {
    // The certificate follows the wall clock even when the sandbox is given a test clock, since TLS clients check it against theirs.
    const before = Date.now();
    sb = await startSandbox({ patients: 2, tls: true, tlsCertDays: 10, clock: manualClock(Date.UTC(2020, 0, 1)) });
    const after = Date.now();
    const caPem = sb.caPem as string;
    const peer = await peerCertificate(sb.tlsBaseUrl as string, caPem);
    const leaf = new X509Certificate(peer.raw);
    expect(leaf.checkIssued(new X509Certificate(caPem))).toBe(true);
    expect(leaf.subjectAltName).toContain('IP Address:127.0.0.1');
    const tenDays = 10 * 86_400_000;
    const validTo = new Date(leaf.validTo).getTime();
    expect(validTo).toBeGreaterThanOrEqual(before + tenDays - 1000);
    expect(validTo).toBeLessThanOrEqual(after + tenDays);
  });

  it('can be switched on and off at run time, keeping its CA', async () => {
    sb = await startSandbox({ patients: 2 });
    expect(sb.tlsBaseUrl).toBeUndefined();
    await sb.set({ tls: true });
    const url = sb.tlsBaseUrl as string;
    const caPem = sb.caPem as string;
    expect((await call(`${url}/metadata`, { ca: caPem })).status).toBe(200);
    await sb.set({ tls: false });
    expect(await failureCode(`${url}/metadata`, { ca: caPem })).toBe('ECONNREFUSED');
    await sb.set({ tls: true });
    expect(sb.caPem).toBe(caPem);
    expect((await call(`${url}/metadata`, { ca: caPem })).status).toBe(200);
  });
});
