/** A test's view of one event socket: everything it received, in order, and how it closed. */
import { WebSocket, type ClientOptions } from 'ws';

export interface Received {
  type?: string;
  ok?: boolean;
  event?: string;
  payload?: unknown;
}

export interface TestSocket {
  ws: WebSocket;
  received: Received[];
  closed: Promise<{ code: number; reason: string }>;
  /**
   * Sends auth and waits for the reply. The host answers in order, so anything
   * it sent this socket before has arrived by then.
   */
  auth(token: string): Promise<Received>;
  /** Resolves once `count` events have arrived. */
  waitForEvents(count: number): Promise<Received[]>;
  events(): Received[];
}

export function eventsUrl(baseUrl: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}/api/events`;
}

export function openSocket(baseUrl: string, opts: ClientOptions = {}): Promise<TestSocket> {
  const ws = new WebSocket(eventsUrl(baseUrl), { origin: baseUrl, ...opts });
  const received: Received[] = [];
  const checks = new Set<() => void>();
  const until = <T>(value: () => T | undefined) =>
    new Promise<T>((resolve) => {
      const check = () => {
        const v = value();
        if (v === undefined) return;
        checks.delete(check);
        resolve(v);
      };
      checks.add(check);
      check();
    });

  ws.on('message', (data) => {
    received.push(JSON.parse(String(data)) as Received);
    for (const check of [...checks]) check();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const events = () => received.filter((m) => m.event !== undefined);
  let authsSent = 0;

  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        ws,
        received,
        closed,
        events,
        auth: (token) => {
          const nth = authsSent++;
          ws.send(JSON.stringify({ type: 'auth', token }));
          return until(() => received.filter((m) => m.type === 'auth')[nth]);
        },
        waitForEvents: (count) => until(() => (events().length >= count ? events() : undefined)),
      }),
    );
  });
}

/** The status an upgrade was refused with (ws reports it in the error message). */
export function refusedStatus(baseUrl: string, opts: ClientOptions = {}, path = '/api/events'): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${path}`, { origin: baseUrl, ...opts });
    ws.once('open', () => reject(new Error('the socket was accepted')));
    ws.once('error', (err) => resolve(err.message));
  });
}
