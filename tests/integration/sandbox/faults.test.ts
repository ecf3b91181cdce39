import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ZodError } from 'zod';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src-main/sandbox/sandbox';
import { accessToken, bearer, call, failureCode } from './client';

let sb: Sandbox | undefined;

afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

async function start(opts: SandboxOptions = {}): Promise<{ s: Sandbox; patients: () => Promise<Awaited<ReturnType<typeof call>>> }> {
  const s = await startSandbox({ patients: 3, ...opts });
  sb = s;
  const token = await accessToken(s);
  return { s, patients: () => call(`${s.baseUrl}/Patient?_count=1`, { headers: bearer(token) }) };
}

describe('sandbox.get / sandbox.set', () => {
  it('starts with every fault off and merges partial updates field by field', async () => {
    const { s } = await start();
    expect(s.get().faults).toEqual({
      latencyMs: 0,
      errorRate: 0,
      rateLimit429: { enabled: false, retryAfterSeconds: 30 },
      down: false,
      slowBodyMs: 0,
      malformedJson: false,
      modelDrift: false,
    });
    await s.set({ faults: { rateLimit429: { retryAfterSeconds: 5 } } });
    await s.set({ faults: { errorRate: 0.25 }, flavour: 'epic' });
    expect(s.get()).toMatchObject({ flavour: 'epic', faults: { errorRate: 0.25, rateLimit429: { enabled: false, retryAfterSeconds: 5 } } });
  });

  it('rejects invalid values and leaves the state as it was', async () => {
    const { s } = await start();
    const before = s.get();
    await expect(s.set({ faults: { errorRate: 1.5 } })).rejects.toBeInstanceOf(ZodError);
    await expect(s.set({ flavour: 'meditech' as never })).rejects.toBeInstanceOf(ZodError);
    expect(s.get()).toEqual(before);
  });
});

describe('fault switches, as a client sees them', () => {
  it('latency: the server holds each response for the configured time', async () => {
    const { s, patients } = await start();
    await s.set({ faults: { latencyMs: 40 } });
    const before = s.stats().delayedMs;
    expect((await patients()).status).toBe(200);
    expect(s.stats().delayedMs - before).toBe(40);
  });

  it('errorRate: 1 fails every request with a 500 OperationOutcome, 0 fails none', async () => {
    const { s, patients } = await start();
    await s.set({ faults: { errorRate: 1 } });
    for (let i = 0; i < 5; i++) {
      const reply = await patients();
      expect(reply.status).toBe(500);
      expect(reply.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'exception' }] });
    }
    await s.set({ faults: { errorRate: 0 } });
    for (let i = 0; i < 5; i++) expect((await patients()).status).toBe(200);
  });

  it('errorRate: which requests fail is the same for the same seed', async () => {
    const pattern = async (seed: number) => {
      const { s, patients } = await start({ seed });
      await s.set({ faults: { errorRate: 0.5 } });
      const statuses: number[] = [];
      for (let i = 0; i < 16; i++) statuses.push((await patients()).status);
      await s.close();
      return statuses;
    };
    const first = await pattern(11);
    expect(await pattern(11)).toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(200);
  });

  it('rateLimit429: 429 with Retry-After until switched off', async () => {
    const { s, patients } = await start();
    await s.set({ faults: { rateLimit429: { enabled: true, retryAfterSeconds: 7 } } });
    const limited = await patients();
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('7');
    expect(limited.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'throttled' }] });
    await s.set({ faults: { rateLimit429: { enabled: false } } });
    expect((await patients()).status).toBe(200);
  });

  it('down: connections are refused, an open one is reset, and the same URL works again when switched off', async () => {
    const { s, patients } = await start();
    const baseUrl = s.baseUrl;

    // A request held by latency is in flight when the server goes down.
    await s.set({ faults: { latencyMs: 30_000 } });
    const inFlight = failureCode(`${baseUrl}/metadata`);
    await vi.waitFor(() => expect(s.stats().requests).toBeGreaterThanOrEqual(2));
    await s.set({ faults: { down: true, latencyMs: 0 } });
    expect(await inFlight).toBe('ECONNRESET');
    expect(await failureCode(`${baseUrl}/metadata`)).toBe('ECONNREFUSED');

    await s.set({ faults: { down: false } });
    expect(s.baseUrl).toBe(baseUrl);
    expect((await patients()).status).toBe(200);
  });

  it('down: idle keep-alive connections are dropped too', async () => {
    const { s } = await start();
    const { Agent } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const viaAgent = () =>
      new Promise<string>((resolve) => {
        httpRequest(`${s.baseUrl}/metadata`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(String(res.statusCode)));
        })
          .on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'))
          .end();
      });
    expect(await viaAgent()).toBe('200');
    const idle = Object.values(agent.freeSockets).flat()[0];
    expect(idle).toBeDefined();
    const closed = new Promise((resolve) => idle?.once('close', resolve));
    await s.set({ faults: { down: true } });
    await closed;
    expect(await viaAgent()).toBe('ECONNREFUSED');
    agent.destroy();
  });

  it('slowBodyMs: headers and half the body arrive, the rest after the stall, and the JSON is whole', async () => {
    const { s, patients } = await start();
    await s.set({ faults: { slowBodyMs: 300 } });
    const reply = await patients();
    expect(reply.status).toBe(200);
    const length = Number(reply.headers['content-length']);
    expect(reply.chunks[0]).toBeLessThan(length);
    expect(reply.chunks.reduce((a, b) => a + b, 0)).toBe(length);
    expect(reply.json().resourceType).toBe('Bundle');
    expect(s.stats().slowBodies).toBe(1);
  });

  it('malformedJson: a 200 whose body does not parse; error responses stay readable', async () => {
    const { s, patients } = await start();
    await s.set({ faults: { malformedJson: true } });
    const reply = await patients();
    expect(reply.status).toBe(200);
    expect(Number(reply.headers['content-length'])).toBe(Buffer.byteLength(reply.text));
    expect(() => JSON.parse(reply.text)).toThrow(SyntaxError);
    const unauthorised = await call(`${s.baseUrl}/Patient`);
    expect(unauthorised.status).toBe(401);
    expect(unauthorised.json().resourceType).toBe('OperationOutcome');
  });
});
