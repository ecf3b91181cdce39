import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { SESSION_CLOSE_CODE } from '../../../src-main/host/event-sockets';
import {
  createBrowserBridge,
  type BrowserBridge,
  type BrowserBridgeOptions,
  type SocketLike,
  type TokenStorage,
} from '../../../src-renderer/bridge/browser-bridge';
import { startTestHost, type TestHost } from '../../helpers/start-host';

const ADMIN = { username: 'admin', displayName: 'Ada Admin', password: 'correct horse battery' };
const OPERATOR = { username: 'olive', displayName: 'Olive Operator', role: 'operator', password: 'staple battery horse' } as const;

/** One tab's sessionStorage. */
function tabStorage(): TokenStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('the browser bridge against a real host', () => {
  let host: TestHost;
  const bridges: BrowserBridge[] = [];
  const bridge = (storage: TokenStorage = tabStorage(), opts: BrowserBridgeOptions = {}) => {
    const b = createBrowserBridge({ baseUrl: host.url, WebSocket, storage, ...opts });
    bridges.push(b);
    return b;
  };

  beforeAll(async () => {
    host = await startTestHost();
  });

  afterEach(() => {
    for (const b of bridges.splice(0)) b.close();
  });

  afterAll(async () => {
    await host?.close();
  });

  it('signs in, keeps the token for this tab only, and forgets it on logout', async () => {
    const tab = tabStorage();
    const api = bridge(tab);
    expect(await api.invoke('setup.createAdmin', ADMIN)).toMatchObject({ ok: true });

    const login = await api.invoke('session.login', { username: ADMIN.username, password: ADMIN.password });
    expect(login.ok).toBe(true);
    if (!login.ok) return;
    expect(typeof login.data.token).toBe('string');
    expect([...tab.items.values()]).toEqual([login.data.token]);
    expect(await api.invoke('session.whoami', {})).toMatchObject({ ok: true, data: { user: { username: 'admin' } } });

    // A reload reads the same sessionStorage; a new tab has its own.
    expect(await bridge(tab).invoke('session.whoami', {})).toMatchObject({ ok: true });
    expect(await bridge().invoke('session.whoami', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    expect(await api.invoke('session.logout', {})).toEqual({ ok: true, data: {} });
    expect(tab.items.size).toBe(0);
    expect(await api.invoke('session.whoami', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('delivers events to listeners by name and stops after unsubscribe', async () => {
    const api = bridge();
    await api.invoke('session.login', { username: ADMIN.username, password: ADMIN.password });
    const changed: unknown[] = [];
    const off = api.on('users.changed', (payload) => changed.push(payload));

    const created = await api.invoke('users.create', OPERATOR);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    // The socket authenticates in the background; keep changing the account until an event gets through.
    await vi.waitFor(async () => {
      await api.invoke('users.update', { id: created.data.id, displayName: OPERATOR.displayName });
      expect(changed).toContainEqual({ userId: created.data.id });
    });
    off();
    const seen = changed.length;
    await api.invoke('users.update', { id: created.data.id, displayName: OPERATOR.displayName });
    await new Promise((r) => setTimeout(r, 100));
    expect(changed).toHaveLength(seen);
  });

  it('forgets the token when the host ends the session', async () => {
    const admin = bridge();
    await admin.invoke('session.login', { username: ADMIN.username, password: ADMIN.password });
    const created = await admin.invoke('users.create', { ...OPERATOR, username: 'adam', role: 'admin' });
    if (!created.ok) throw new Error(created.error.message);
    const adam = created.data;

    const tab = tabStorage();
    const other = bridge(tab);
    await other.invoke('session.login', { username: 'adam', password: OPERATOR.password });
    const ended = new Promise((resolve) => other.on('session.ended', resolve));
    const changed: unknown[] = [];
    other.on('users.changed', (payload) => changed.push(payload));
    // An event arriving proves the socket is signed in before the session is ended.
    await vi.waitFor(async () => {
      await admin.invoke('users.update', { id: adam.id, displayName: 'Adam' });
      expect(changed.length).toBeGreaterThan(0);
    });

    await admin.invoke('users.disable', { id: adam.id });
    expect(await ended).toEqual({ reason: 'disabled' });
    expect(tab.items.size).toBe(0);
  });

  it('turns an unreachable host into an UNAVAILABLE envelope', async () => {
    const baseUrl = `http://127.0.0.1:${await freePort()}`;
    const api = createBrowserBridge({ baseUrl, WebSocket, storage: null });
    bridges.push(api);
    expect(await api.invoke('setup.status', {})).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringContaining(`Cannot reach the Vigil host at ${baseUrl}`), details: { hostUnreachable: true } },
    });
  });

  it('refuses names that are not in the contract, as the preload does', () => {
    const api = bridge();
    expect(() => api.on('no.such.event' as never, () => {})).toThrow(TypeError);
    expect(() => api.invoke('no.such.channel' as never, {} as never)).toThrow(TypeError);
  });
});

describe('the bridge event socket', () => {
  /** A socket the test drives by hand. */
  class FakeSocket implements SocketLike {
    static made: FakeSocket[] = [];
    sent: string[] = [];
    closedWith: number | null = null;
    private readonly handlers = new Map<string, ((event: never) => void)[]>();
    constructor(readonly url: string) {
      FakeSocket.made.push(this);
    }
    send(data: string) {
      this.sent.push(data);
    }
    close(code = 1000) {
      this.closedWith = code;
    }
    addEventListener(type: string, listener: (event: never) => void) {
      this.handlers.set(type, [...(this.handlers.get(type) ?? []), listener]);
    }
    fire(type: string, event: object = {}) {
      for (const h of this.handlers.get(type) ?? []) h(event as never);
    }
  }

  const loginReply = { ok: true, data: { token: 'tok-1', user: {}, idleTimeoutSeconds: 900 } };
  const fakeFetch = (async () => new Response(JSON.stringify(loginReply))) as typeof fetch;

  afterEach(() => {
    vi.useRealTimers();
    FakeSocket.made = [];
  });

  it('authenticates with the token, reconnects with backoff, and gives up on a dead session', async () => {
    vi.useFakeTimers();
    const tab = tabStorage();
    const api = createBrowserBridge({ baseUrl: 'https://vigil.test:8443', fetch: fakeFetch, WebSocket: FakeSocket, storage: tab });
    expect(FakeSocket.made).toHaveLength(0);

    await api.invoke('session.login', { username: 'admin', password: 'x' });
    const first = FakeSocket.made[0]!;
    expect(first.url).toBe('wss://vigil.test:8443/api/events');
    first.fire('open');
    expect(first.sent).toEqual([JSON.stringify({ type: 'auth', token: 'tok-1' })]);

    first.fire('close', { code: 1006 });
    expect(FakeSocket.made).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(FakeSocket.made).toHaveLength(2);

    // The host's close code for a dead session: the bridge must read it the same way.
    FakeSocket.made[1]!.fire('close', { code: SESSION_CLOSE_CODE });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.made).toHaveLength(2);
    expect(tab.items.size).toBe(0);
    api.close();
  });

  it('stops retrying after a bounded number of tries and resumes when the host answers again', async () => {
    vi.useFakeTimers();
    const api = createBrowserBridge({ baseUrl: 'http://127.0.0.1:4870', fetch: fakeFetch, WebSocket: FakeSocket, storage: null });
    await api.invoke('session.login', { username: 'admin', password: 'x' });
    for (let i = 0; i < 40; i += 1) {
      FakeSocket.made.at(-1)!.fire('close', { code: 1006 });
      await vi.advanceTimersByTimeAsync(30_000);
    }
    const tries = FakeSocket.made.length;
    expect(tries).toBeLessThan(20);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(FakeSocket.made).toHaveLength(tries);

    await api.invoke('setup.status', {});
    expect(FakeSocket.made).toHaveLength(tries + 1);
    api.close();
  });
});
