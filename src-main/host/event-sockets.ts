/**
 * The WebSocket at /api/events: pushes contract events to browser tabs.
 *
 * Browsers cannot put headers on a WebSocket, so the session token arrives as
 * the first message ({"type":"auth","token":"…"}). Who may receive each event
 * is decided when it is sent (mayReceive with the session as it is then), so
 * a role change or an ended session takes effect at once.
 *
 * Signed-in sockets (wall displays, tabs) and sockets still in their window to
 * authenticate are counted apart: the ones not yet signed in have a small cap
 * of their own, in all and per remote address, so sockets that never
 * authenticate cannot take the room signed-in displays need.
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { isDisplayCaller, mayReceive, sourceKey, type CallSource, type Caller, type DisplayCaller } from '../dispatch';
import type { EventBus, PushedEvent } from '../events';
import type { Logger } from '../log';
import type { Sessions } from '../users';
import { refusal, type Site } from './site';

/** Close code telling the client its token is no good: do not reconnect with it. */
export const SESSION_CLOSE_CODE = 4001;
const POLICY_CLOSE_CODE = 1008;
const TRY_AGAIN_LATER_CLOSE_CODE = 1013;

export interface EventSocketLimits {
  authTimeoutMs: number;
  heartbeatMs: number;
  /** Signed-in sockets. */
  maxSockets: number;
  /** Sockets not signed in yet, from everywhere together. */
  maxPending: number;
  /** Sockets not signed in yet from one remote address (this machine has only maxPending). */
  maxPendingPerSource: number;
  maxMessageBytes: number;
  /** A client that lets this much pile up unread is dropped rather than buffered without end. */
  maxBufferedBytes: number;
}

export const DEFAULT_EVENT_SOCKET_LIMITS: EventSocketLimits = {
  authTimeoutMs: 10_000,
  heartbeatMs: 30_000,
  maxSockets: 200,
  maxPending: 32,
  maxPendingPerSource: 4,
  maxMessageBytes: 4 * 1024,
  maxBufferedBytes: 1024 * 1024,
};

interface Client {
  ws: WebSocket;
  /** Counted among the sockets not signed in yet, under this source key; null once signed in. */
  pendingAs: string | null;
  token: string | null;
  /** The session (a person's or a wall display's) as last seen, so its own session.ended or display.revoked can still be addressed to it. */
  lastCaller: Caller | DisplayCaller | null;
  alive: boolean;
  authTimer: NodeJS.Timeout;
}

const SESSION_ENDED_MESSAGE = 'Your session has ended. Sign in again.';

/** The events that end the session they are addressed to: the socket closes after delivering one. */
const ENDING_EVENTS: ReadonlySet<string> = new Set(['session.ended', 'display.revoked']);

function parseAuth(data: RawData, isBinary: boolean): string | null {
  if (isBinary) return null;
  try {
    const message: unknown = JSON.parse(data.toString());
    if (typeof message !== 'object' || message === null) return null;
    const { type, token } = message as Record<string, unknown>;
    return type === 'auth' && typeof token === 'string' ? token : null;
  } catch {
    return null;
  }
}

/** Answers an upgrade request with a plain HTTP error and hangs up. */
export function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export function createEventSockets(deps: {
  events: EventBus;
  sessions: Sessions;
  site: Site;
  log: Logger;
  limits: EventSocketLimits;
}) {
  const { sessions, site, log, limits } = deps;
  const resolve = (token: string) => sessions.resolve(token) ?? sessions.resolveDisplay(token);
  const who = (caller: Caller | DisplayCaller | null) => (caller === null ? undefined : isDisplayCaller(caller) ? `display:${caller.displayId}` : caller.username);
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, perMessageDeflate: false, clientTracking: false });
  const clients = new Set<Client>();
  let signedIn = 0;
  let pendingTotal = 0;
  const pendingBySource = new Map<string, number>();

  function addPending(key: string, by: 1 | -1): void {
    pendingTotal += by;
    const count = (pendingBySource.get(key) ?? 0) + by;
    if (count === 0) pendingBySource.delete(key);
    else pendingBySource.set(key, count);
  }

  /** Why a new socket from this source cannot be taken now, or null. */
  function noRoomFor(source: CallSource): { status: number; message: string } | null {
    if (signedIn >= limits.maxSockets || pendingTotal >= limits.maxPending) {
      return { status: 503, message: 'Too many open event connections.' };
    }
    if (source.kind === 'remote' && (pendingBySource.get(sourceKey(source)) ?? 0) >= limits.maxPendingPerSource) {
      return { status: 429, message: 'Too many event connections from your address are waiting to sign in.' };
    }
    return null;
  }

  function send(client: Client, message: unknown): void {
    if (client.ws.readyState !== client.ws.OPEN) return;
    if (client.ws.bufferedAmount > limits.maxBufferedBytes) {
      log.warn('event socket dropped: client is not reading', { user: who(client.lastCaller) });
      client.ws.terminate();
      return;
    }
    client.ws.send(JSON.stringify(message));
  }

  function endSession(client: Client, reason: string): void {
    client.token = null;
    client.ws.close(SESSION_CLOSE_CODE, reason);
  }

  function authenticate(client: Client, token: string): void {
    const caller = resolve(token);
    if (!caller) {
      send(client, { type: 'auth', ok: false, error: { code: 'UNAUTHENTICATED', message: SESSION_ENDED_MESSAGE } });
      endSession(client, 'Not signed in');
      return;
    }
    if (client.pendingAs !== null) {
      if (signedIn >= limits.maxSockets) {
        client.ws.close(TRY_AGAIN_LATER_CLOSE_CODE, 'Too many open event connections');
        return;
      }
      addPending(client.pendingAs, -1);
      client.pendingAs = null;
      signedIn++;
    }
    clearTimeout(client.authTimer);
    client.token = token;
    client.lastCaller = caller;
    send(client, { type: 'auth', ok: true });
  }

  function deliver(message: PushedEvent): void {
    for (const client of clients) {
      if (client.token === null) continue;
      const current = resolve(client.token);
      if (current) client.lastCaller = current;
      const addressedHere = message.toToken !== undefined && message.toToken === client.token;
      const caller = current ?? (addressedHere ? client.lastCaller : null);
      if (!caller || !mayReceive(caller, message)) continue;
      send(client, { event: message.event, payload: message.payload });
      if (addressedHere && ENDING_EVENTS.has(message.event)) endSession(client, 'Session ended');
    }
  }

  function accept(ws: WebSocket, source: CallSource): void {
    const client: Client = {
      ws,
      pendingAs: sourceKey(source),
      token: null,
      lastCaller: null,
      alive: true,
      authTimer: setTimeout(() => ws.close(POLICY_CLOSE_CODE, 'Not signed in'), limits.authTimeoutMs),
    };
    clients.add(client);
    addPending(sourceKey(source), 1);
    ws.on('pong', () => {
      client.alive = true;
    });
    ws.on('message', (data, isBinary) => {
      const token = parseAuth(data, isBinary);
      if (token === null) ws.close(POLICY_CLOSE_CODE, 'Expected {"type":"auth","token":"…"}');
      else authenticate(client, token);
    });
    // ws closes the socket itself after a protocol error (e.g. an oversized message).
    ws.on('error', (err) => log.debug('event socket error', { error: err }));
    ws.on('close', () => {
      clearTimeout(client.authTimer);
      clients.delete(client);
      if (client.pendingAs !== null) addPending(client.pendingAs, -1);
      else signedIn--;
    });
  }

  const unsubscribe = deps.events.subscribe(deliver);

  // Pings find sockets whose peer vanished without closing (sleeping laptop, pulled cable).
  const heartbeat = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) {
        client.ws.terminate();
        continue;
      }
      client.alive = false;
      client.ws.ping();
    }
  }, limits.heartbeatMs);
  heartbeat.unref();

  return {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, source: CallSource): void {
      const refused = refusal(site, req.headers);
      if (refused) {
        refuseUpgrade(socket, 403, refused);
        return;
      }
      const full = noRoomFor(source);
      if (full) {
        refuseUpgrade(socket, full.status, full.message);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, source));
    },

    /** Says goodbye to every client and waits (briefly) for them to go. */
    async close(graceMs = 1_000): Promise<void> {
      unsubscribe();
      clearInterval(heartbeat);
      const gone = [...clients].map(
        (client) =>
          new Promise<void>((resolveGone) => {
            const force = setTimeout(() => client.ws.terminate(), graceMs);
            client.ws.once('close', () => {
              clearTimeout(force);
              resolveGone();
            });
            client.ws.close(1001, 'Vigil is shutting down');
          }),
      );
      await Promise.all(gone);
      wss.close();
    },
  };
}
