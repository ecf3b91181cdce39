/**
 * The browser bridge's side of live updates: the state its event socket is
 * in, as the console reads it, and the envelope it makes when no host
 * answers, which the console retries. The socket and fetch are the test's.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBrowserBridge, type SocketLike } from '../../../src-renderer/bridge/browser-bridge';
import { ALWAYS_LIVE } from '../../../src-renderer/bridge/live-updates';
import { isTransportFailure, VigilError } from '../../../src-renderer/api/vigil-error';

/** The host's close code for a session it does not know (src-main/host/event-sockets.ts). */
const SESSION_CLOSE_CODE = 4001;

class FakeSocket implements SocketLike {
  static made: FakeSocket[] = [];
  private readonly handlers = new Map<string, ((event: never) => void)[]>();
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  send() {}
  close() {}
  addEventListener(type: string, listener: (event: never) => void) {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), listener]);
  }
  fire(type: string, event: object = {}) {
    for (const h of this.handlers.get(type) ?? []) h(event as never);
  }
  /** The host signs the socket in. */
  signIn() {
    this.fire('open');
    this.fire('message', { data: JSON.stringify({ type: 'auth', ok: true }) });
  }
}

const latest = () => FakeSocket.made.at(-1) as FakeSocket;
const loginReply = { ok: true, data: { token: 'tok-1', user: {}, idleTimeoutSeconds: 900 } };
const answering = (async () => new Response(JSON.stringify(loginReply))) as typeof fetch;

afterEach(() => {
  vi.useRealTimers();
  FakeSocket.made = [];
});

function signedInBridge(fetchFn: typeof fetch = answering) {
  return createBrowserBridge({ baseUrl: 'http://127.0.0.1:4870', fetch: fetchFn, WebSocket: FakeSocket, storage: null });
}

describe('the bridge says whether events are arriving', () => {
  it('off without a session, live once the socket is signed in, paused from the moment it is lost until it is back', async () => {
    vi.useFakeTimers({ now: new Date(2026, 10, 23, 14, 4, 31) });
    const api = signedInBridge();
    const seen: string[] = [];
    api.live.subscribe(() => seen.push(api.live.current().state));
    expect(api.live.current()).toEqual({ state: 'off' });

    await api.invoke('session.login', { username: 'ada', password: 'x' });
    expect(api.live.current()).toEqual({ state: 'off' });
    latest().signIn();
    expect(api.live.current()).toEqual({ state: 'live' });

    const lostAt = Date.now();
    latest().fire('close', { code: 1006 });
    expect(api.live.current()).toEqual({ state: 'paused', since: lostAt });
    // Failed reconnects keep the moment updates stopped.
    await vi.advanceTimersByTimeAsync(10_000);
    latest().fire('close', { code: 1006 });
    expect(api.live.current()).toEqual({ state: 'paused', since: lostAt });

    await vi.advanceTimersByTimeAsync(30_000);
    latest().signIn();
    expect(api.live.current()).toEqual({ state: 'live' });
    expect(seen).toEqual(['live', 'paused', 'live']);
    api.close();
    expect(api.live.current()).toEqual({ state: 'off' });
  });

  it('a socket that never signs in (a proxy that drops WebSockets) is a pause too', async () => {
    vi.useFakeTimers();
    const api = signedInBridge();
    await api.invoke('session.login', { username: 'ada', password: 'x' });
    latest().fire('close', { code: 1006 });
    expect(api.live.current().state).toBe('paused');
    api.close();
  });

  it('a host that ended the session while away turns the pause off, not live', async () => {
    vi.useFakeTimers();
    const api = signedInBridge();
    await api.invoke('session.login', { username: 'ada', password: 'x' });
    latest().signIn();
    latest().fire('close', { code: 1006 });
    await vi.advanceTimersByTimeAsync(1_000);
    latest().fire('close', { code: SESSION_CLOSE_CODE });
    expect(api.live.current()).toEqual({ state: 'off' });
    api.close();
  });

  it('signing out is not a pause', async () => {
    const api = signedInBridge();
    await api.invoke('session.login', { username: 'ada', password: 'x' });
    latest().signIn();
    await api.invoke('session.logout', {});
    expect(api.live.current()).toEqual({ state: 'off' });
    api.close();
  });

  it('Electron’s IPC has no socket to lose: always live', () => {
    expect(ALWAYS_LIVE.current()).toEqual({ state: 'live' });
    expect(ALWAYS_LIVE.current()).toBe(ALWAYS_LIVE.current());
  });
});

describe('no host answering', () => {
  it('is an UNAVAILABLE envelope in the bridge’s words, marked as worth asking again', async () => {
    const refused = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const api = signedInBridge(refused);
    const reply = await api.invoke('setup.status', {});
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('UNAVAILABLE');
    expect(reply.error.message).toContain('Cannot reach the Vigil host at http://127.0.0.1:4870');
    expect(isTransportFailure(new VigilError(reply.error))).toBe(true);
    api.close();
  });

  it('while main’s own UNAVAILABLE (a store that cannot open) is not', () => {
    expect(isTransportFailure(new VigilError({ code: 'UNAVAILABLE', message: 'The store is not available.' }))).toBe(false);
    expect(isTransportFailure(new VigilError({ code: 'UNREACHABLE', message: 'socket hang up' }))).toBe(true);
  });
});
