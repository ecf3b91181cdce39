import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_CLOSE_CODE } from '../../../src-main/host/event-sockets';
import { HostConfigError, startHost } from '../../../src-main/host/host';
import { startTestHost } from '../../helpers/start-host';
import { postApi } from './raw-http';
import { openSocket } from './ws-client';

let dir: string;
let cert: string;
let key: string;
let otherKey: string;

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { stdio: 'ignore' });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-tls-'));
  cert = join(dir, 'cert.pem');
  key = join(dir, 'key.pem');
  otherKey = join(dir, 'other-key.pem');
  openssl(
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=vigil-test',
    '-addext', 'subjectAltName=DNS:localhost,DNS:vigil.test,IP:127.0.0.1',
  );
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', otherKey);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('where the host may listen', () => {
  it('refuses a non-loopback address without TLS, before touching the data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-host-refused-'));
    try {
      for (const host of ['0.0.0.0', '::', '192.0.2.10']) {
        const start = startHost({ host, port: 0, dataDir });
        await expect(start).rejects.toBeInstanceOf(HostConfigError);
        await expect(start).rejects.toThrow(/without TLS.*--tls-cert/);
      }
      expect(readdirSync(dataDir)).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('wants both halves of the TLS pair, and a matching pair', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-host-refused-'));
    try {
      await expect(startHost({ dataDir, tlsCert: cert })).rejects.toThrow(/--tls-cert and --tls-key/);
      await expect(startHost({ dataDir, tlsCert: join(dir, 'missing.pem'), tlsKey: key })).rejects.toThrow(/Cannot read the TLS certificate/);
      await expect(startHost({ dataDir, tlsCert: key, tlsKey: key })).rejects.toThrow(/not a PEM certificate/);
      await expect(startHost({ dataDir, tlsCert: cert, tlsKey: otherKey })).rejects.toThrow(/cannot be used together/);
      expect(readdirSync(dataDir)).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('serves HTTPS and WSS on all interfaces with a certificate, answering to the names in it', async () => {
    const host = await startTestHost({ host: '0.0.0.0', tlsCert: cert, tlsKey: key });
    const ca = readFileSync(cert, 'utf8');
    try {
      expect(host.url).toMatch(/^https:\/\/[^/]+:\d+$/);
      const port = new URL(host.url).port;
      const local = `https://127.0.0.1:${port}`;

      const status = await postApi(local, 'setup.status', {}, { headers: { Origin: local }, ca });
      expect(status.status).toBe(200);
      expect(status.json()).toMatchObject({ ok: true });

      const byName = await postApi(local, 'setup.status', {}, { headers: { Host: `vigil.test:${port}`, Origin: `https://vigil.test:${port}` }, ca });
      expect(byName.status).toBe(200);
      const notInCert = await postApi(local, 'setup.status', {}, { headers: { Host: `other.test:${port}` }, ca });
      expect(notInCert.status).toBe(403);
      const plainOrigin = await postApi(local, 'setup.status', {}, { headers: { Origin: `http://127.0.0.1:${port}` }, ca });
      expect(plainOrigin.status).toBe(403);

      const socket = await openSocket(local, { ca });
      expect(await socket.auth('not-a-session')).toMatchObject({ type: 'auth', ok: false });
      expect((await socket.closed).code).toBe(SESSION_CLOSE_CODE);
    } finally {
      await host.close();
    }
  });
});
