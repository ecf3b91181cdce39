/** Pooling, the connection cap, the HTTP proxy and the URL guard of the transport. */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFhirClient, type FhirClient } from '../../../src-main/ehr/fhir-client';
import { startFhirTestServer, type FhirTestServer } from '../../helpers/fhir-test-server';
import { failure, trapUnhandledRejections } from './harness';

trapUnhandledRejections();

let s: FhirTestServer;
beforeAll(async () => {
  s = await startFhirTestServer({ auth: 'none' });
});
afterAll(() => s.close());

async function withClient(extra: Record<string, unknown>, body: (c: FhirClient) => Promise<void>) {
  const c = createFhirClient({ name: 'transport', vendor: 'generic', baseUrl: s.baseUrl, authMode: 'none', rateLimitPerHour: 1_000_000, ...extra }, { secrets: {} });
  try {
    await body(c);
  } finally {
    await c.close();
  }
}

describe('transport', () => {
  it('reuses keep-alive connections for sequential calls', async () => {
    const before = s.connections();
    await withClient({}, async (c) => {
      for (let i = 0; i < 20; i++) await c.read('Patient', `p${i}`);
    });
    // undici's pool opens a second socket when the next call arrives before the
    // first socket has signalled drain; raw undici does the same.
    expect(s.connections() - before).toBeLessThanOrEqual(2);
  });

  it('opens no more than maxConnections for concurrent calls', async () => {
    const before = s.connections();
    await withClient({ maxConnections: 2 }, async (c) => {
      await Promise.all(Array.from({ length: 12 }, (_, i) => c.read('Patient', `p${i}`)));
    });
    expect(s.connections() - before).toBeLessThanOrEqual(2);
  });

  it('follows paging links under its base URL but refuses to send credentials elsewhere', async () => {
    await withClient({}, async (c) => {
      const page = await c.request<{ resourceType: string }>(`${s.baseUrl}/Patient?_getpages=abc&_count=10`);
      expect(page.data.resourceType).toBe('Bundle');
      expect(s.fhirRequests.at(-1)?.url).toBe('/fhir/Patient?_getpages=abc&_count=10');
      const err = await failure(c.request('https://elsewhere.example/fhir/Patient'));
      expect(err.kind).toBe('VALIDATION');
      expect((await failure(c.read('Patient', '../../admin'))).kind).toBe('VALIDATION');
    });
  });

  describe('through an HTTP proxy', () => {
    let proxy: Server;
    const tunnels: string[] = [];
    const sockets = new Set<Socket>();
    beforeAll(async () => {
      proxy = createServer((_req, res) => res.writeHead(405).end());
      proxy.on('connect', (req, client: Socket) => {
        tunnels.push(req.url ?? '');
        const [host, port] = (req.url ?? '').split(':');
        const upstream = connect(Number(port), host, () => {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          upstream.pipe(client).pipe(upstream);
        });
        for (const sock of [client, upstream]) {
          sockets.add(sock);
          sock.on('error', () => undefined);
          sock.on('close', () => sockets.delete(sock));
        }
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      for (const sock of sockets) sock.destroy();
      await new Promise((resolve) => proxy.close(resolve));
    });

    it('tunnels calls through the proxy with CONNECT', async () => {
      const { port } = proxy.address() as AddressInfo;
      await withClient({ proxyUrl: `http://127.0.0.1:${port}` }, async (c) => {
        expect((await c.read('Patient', 'p1')).data.id).toBe('p1');
      });
      expect(tunnels).toEqual([new URL(s.origin).host]);
    });
  });
});
