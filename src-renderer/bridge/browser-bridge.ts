/**
 * window.vigil for browser mode: the same VigilApi the Electron preload gives,
 * carried over the host's two endpoints. invoke is POST /api/<channel> with
 * the session token as a Bearer token; events arrive on one WebSocket at
 * /api/events, authenticated with the token as its first message.
 *
 * In Electron the main process remembers which window holds which session;
 * here the bridge keeps the token (in memory and in sessionStorage, so a
 * reload of the tab stays signed in but a new tab does not). The app never
 * sees a difference between the two transports.
 *
 * This file runs in the browser and also compiles under Node's settings for
 * its tests, so it names only the few browser features it uses, as the small
 * interfaces below, instead of relying on the DOM typings.
 */
import {
  assertChannelName,
  isEventName,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type VigilApi,
} from '../../src-shared/contract';
import { ERROR_CODES, type Envelope } from '../../src-shared/errors';
import { createEventListeners } from '../../src-shared/event-listeners';
import { HOST_UNREACHABLE } from '../api/vigil-error';
import { createLiveState, type LiveSource } from './live-updates';

/** What the bridge uses of a WebSocket; a browser's WebSocket and the `ws` package's both fit. */
export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number }) => void): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
}

export type SocketConstructor = new (url: string) => SocketLike;

export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface BrowserBridgeOptions {
  /** Where the host is; defaults to the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Defaults to the browser's WebSocket (Node 20 has none: tests pass the `ws` class). */
  WebSocket?: SocketConstructor;
  /** Defaults to sessionStorage; null keeps the token in memory only. */
  storage?: TokenStorage | null;
}

export interface BrowserBridge extends VigilApi {
  /** Whether events are arriving: live once the event socket is signed in, paused while it is being reconnected. */
  live: LiveSource;
  /** Closes the event socket and stops reconnecting (tests, page teardown). */
  close(): void;
}

interface BrowserGlobals {
  location?: { origin: string };
  sessionStorage?: TokenStorage;
  WebSocket?: SocketConstructor;
  vigil?: VigilApi;
}

const browser = globalThis as unknown as BrowserGlobals;

const TOKEN_KEY = 'vigil.sessionToken';
/** The host closes an event socket with this code when its token is no good (src-main/host/event-sockets.ts). */
const SESSION_CLOSE_CODE = 4001;
const RECONNECT_FIRST_MS = 500;
const RECONNECT_MAX_MS = 30_000;
/** After this many failed tries in a row the bridge waits for the next successful call before trying again. */
const RECONNECT_MAX_TRIES = 12;

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (v.ok === true) return 'data' in v;
  return (
    v.ok === false &&
    typeof v.error?.message === 'string' &&
    (ERROR_CODES as readonly unknown[]).includes(v.error.code)
  );
}

function unavailable(message: string, details?: unknown): Envelope<never> {
  return { ok: false, error: details === undefined ? { code: 'UNAVAILABLE', message } : { code: 'UNAVAILABLE', message, details } };
}

function defaultStorage(): TokenStorage | null {
  try {
    return browser.sessionStorage ?? null;
  } catch {
    // Reading sessionStorage throws where the page may not store anything (sandboxed frames).
    return null;
  }
}

export function createBrowserBridge(opts: BrowserBridgeOptions = {}): BrowserBridge {
  const base = (opts.baseUrl ?? browser.location?.origin ?? '').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(base)) throw new TypeError('createBrowserBridge: give a baseUrl (http:// or https://) outside a web page');
  const eventsUrl = `${base.replace(/^http/, 'ws')}/api/events`;
  const fetchFn = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const Socket = opts.WebSocket ?? browser.WebSocket;
  const storage = opts.storage === undefined ? defaultStorage() : opts.storage;

  const listeners = createEventListeners();
  const live = createLiveState();
  let token = readToken();
  let socket: SocketLike | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let failedTries = 0;
  let closed = false;

  function readToken(): string | null {
    try {
      return storage?.getItem(TOKEN_KEY) ?? null;
    } catch {
      return null;
    }
  }

  function storeToken(value: string | null): void {
    try {
      if (value === null) storage?.removeItem(TOKEN_KEY);
      else storage?.setItem(TOKEN_KEY, value);
    } catch {
      // Storage full or refused: the token still lives in memory for this page.
    }
  }

  function disconnect(): void {
    if (reconnectTimer !== null) clearTimeout(reconnectTimer);
    reconnectTimer = null;
    const old = socket;
    socket = null;
    old?.close(1000, 'Signed out');
    live.set({ state: 'off' });
  }

  /** The socket is gone while a session still wants its events: paused from when they last arrived for sure. */
  function lost(): void {
    live.set({ state: 'paused', since: Date.now() });
  }

  function forgetToken(): void {
    token = null;
    storeToken(null);
    disconnect();
  }

  function adoptToken(next: string): void {
    token = next;
    storeToken(next);
    // A socket belongs to one token, so a session.ended on it can only mean that token.
    disconnect();
    failedTries = 0;
    connect();
  }

  function scheduleReconnect(): void {
    failedTries += 1;
    if (failedTries > RECONNECT_MAX_TRIES) return;
    const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_FIRST_MS * 2 ** (failedTries - 1));
    // Jitter keeps a wall of displays from reconnecting in lockstep after the host restarts.
    reconnectTimer = setTimeout(connect, ceiling / 2 + Math.random() * (ceiling / 2));
  }

  function receive(raw: unknown, boundToken: string): void {
    let message: { type?: unknown; ok?: unknown; event?: unknown; payload?: unknown };
    try {
      message = JSON.parse(String(raw)) as typeof message;
    } catch {
      return;
    }
    if (message.type === 'auth') {
      if (message.ok === true) {
        failedTries = 0;
        live.set({ state: 'live' });
      }
      return;
    }
    if (!isEventName(message.event)) return;
    if (message.event === 'session.ended' && token === boundToken) forgetToken();
    listeners.emit(message.event, message.payload);
  }

  function connect(): void {
    reconnectTimer = null;
    if (closed || token === null || !Socket || socket !== null) return;
    const boundToken = token;
    const ws = new Socket(eventsUrl);
    socket = ws;
    ws.addEventListener('open', () => ws.send(JSON.stringify({ type: 'auth', token: boundToken })));
    ws.addEventListener('message', (event) => {
      if (socket === ws) receive(event.data, boundToken);
    });
    // An error is always followed by a close, where the reconnect is decided.
    ws.addEventListener('error', () => {});
    ws.addEventListener('close', (event) => {
      if (socket !== ws) return;
      socket = null;
      if (event.code === SESSION_CLOSE_CODE) {
        if (token === boundToken) forgetToken();
      } else {
        lost();
        scheduleReconnect();
      }
    });
  }

  /** The host's envelope, or an UNAVAILABLE one made here when there is none; never throws. */
  async function post(channel: ChannelName, input: unknown, sentWith: string | null): Promise<{ reply: Envelope<unknown>; reached: boolean }> {
    let response: Response;
    try {
      response = await fetchFn(`${base}/api/${channel}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(sentWith === null ? {} : { Authorization: `Bearer ${sentWith}` }),
        },
        body: JSON.stringify(input ?? {}),
        credentials: 'omit',
        redirect: 'error',
      });
    } catch {
      const message = `Cannot reach the Vigil host at ${base}. Check that it is still running and that this computer can reach it.`;
      return { reply: unavailable(message, HOST_UNREACHABLE), reached: false };
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (isEnvelope(body)) return { reply: body, reached: true };
    return { reply: unavailable(`The Vigil host at ${base} answered with HTTP ${response.status} and no reply Vigil understands.`), reached: true };
  }

  async function call(channel: ChannelName, input: unknown): Promise<Envelope<unknown>> {
    const sentWith = token;
    const { reply, reached } = await post(channel, input, sentWith);
    settle(channel, reply, sentWith);
    if (reached && socket === null && reconnectTimer === null) {
      // The host answers again after the event socket gave up: try the socket again too.
      failedTries = 0;
      connect();
    }
    return reply;
  }

  /** What a reply means for the session this bridge holds. */
  function settle(channel: ChannelName, reply: Envelope<unknown>, sentWith: string | null): void {
    // A wall display's session (display.connect) is held the same way as a person's.
    if ((channel === 'session.login' || channel === 'display.connect') && reply.ok) {
      const next = (reply.data as ChannelOutput<'session.login' | 'display.connect'>).token;
      if (typeof next === 'string') adoptToken(next);
    } else if (channel === 'session.logout' && token === sentWith) {
      // Signed out here whatever the host said: the user asked to leave this session.
      forgetToken();
    }
  }

  connect();

  return {
    invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>) {
      assertChannelName(channel);
      return call(channel, input) as Promise<Envelope<ChannelOutput<C>>>;
    },
    on: listeners.on,
    live,
    close() {
      closed = true;
      disconnect();
    },
  };
}
