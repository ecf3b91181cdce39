/**
 * What connections may hold of the real host (issue 10, item 7): the
 * connection caps, in all and per address, the header and request
 * timeouts, and event sockets that never sign in kept apart from
 * the signed-in ones wall displays need. 127.0.0.2 and up play remote
 * computers.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from '../../helpers/start-host';
import { postApi } from './raw-http';
import { onlyFirstLoopbackIsLocal, REMOTE_A, REMOTE_B, REMOTE_C } from './remote-peers';
import { openSocket, refusedStatus, type TestSocket } from './ws-client';

const ADMIN = { username: 'admin', displayName: 'Ada Admin', password: 'correct horse battery' };

let host: TestHost | undefined;
const opened: Socket[] = [];

afterEach(async () => {
  for (const socket of opened.splice(0)) socket.destroy();
  await host?.close();
  host = undefined;
});

/** A raw TCP connection to the host, from `from` (a loopback address). */
function rawConnection(from?: string): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  const { port } = new URL(host!.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: Number(port), localAddress: from });
    opened.push(socket);
    let data = '';
    socket.on('data', (chunk: Buffer) => (data += chunk.toString()));
    const closed = new Promise<void>((resolveClosed) => socket.on('close', () => resolveClosed()));
    socket.once('error', () => {});
    socket.once('connect', () => resolve({ socket, received: () => data, closed }));
    socket.once('error', reject);
  });
}

function request(port: string): string {
  return `POST /api/setup.status HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`;
}

/** Sends a whole request on the connection and waits for it to end: the reply, or '' if dropped unanswered. */
async function ask(connection: { socket: Socket; received: () => string; closed: Promise<void> }): Promise<string> {
  connection.socket.write(request(new URL(host!.url).port));
  await connection.closed;
  return connection.received();
}

describe('HTTP connections', () => {
  it('answers slow headers and slow bodies with 408 and closes the connection', async () => {
    host = await startTestHost({ httpLimits: { headersTimeoutMs: 300, requestTimeoutMs: 600 } });
    const port = new URL(host.url).port;

    const slowHeaders = await rawConnection();
    slowHeaders.socket.write(`POST /api/setup.status HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
    await slowHeaders.closed;
    expect(slowHeaders.received()).toMatch(/^HTTP\/1\.1 408/);

    const slowBody = await rawConnection();
    slowBody.socket.write(`POST /api/setup.status HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`);
    await slowBody.closed;
    expect(slowBody.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it('caps the connections in all', async () => {
    host = await startTestHost({ httpLimits: { maxConnections: 4 } });
    const held = await Promise.all([1, 2, 3, 4].map(() => rawConnection()));
    expect(await ask(await rawConnection())).toBe('');
    // The ones held are served, and a connection freed makes room again.
    expect(await ask(held[0]!)).toMatch(/^HTTP\/1\.1 200/);
    expect(await ask(await rawConnection())).toMatch(/^HTTP\/1\.1 200/);
  });

  it('caps the connections from one remote address, not from others or this computer', async () => {
    host = await startTestHost({ isLocalAddress: onlyFirstLoopbackIsLocal, httpLimits: { maxConnectionsPerSource: 3 } });
    await Promise.all([1, 2, 3].map(() => rawConnection(REMOTE_A)));
    expect(await ask(await rawConnection(REMOTE_A))).toBe('');
    expect(await ask(await rawConnection(REMOTE_B))).toMatch(/^HTTP\/1\.1 200/);
    await Promise.all([1, 2, 3].map(() => rawConnection()));
    expect(await ask(await rawConnection())).toMatch(/^HTTP\/1\.1 200/);
  });
});

describe('event sockets that never sign in', () => {
  async function adminToken(): Promise<string> {
    await postApi(host!.url, 'setup.createAdmin', ADMIN);
    const reply = (await postApi(host!.url, 'session.login', { username: ADMIN.username, password: ADMIN.password })).json() as { data: { token: string } };
    return reply.data.token;
  }

  it('cannot take the room signed-in displays need', async () => {
    host = await startTestHost({
      isLocalAddress: onlyFirstLoopbackIsLocal,
      eventSocketLimits: { maxSockets: 3, maxPendingPerSource: 4, maxPending: 16, authTimeoutMs: 60_000 },
    });
    const token = await adminToken();
    const idle: TestSocket[] = [];
    for (let i = 0; i < 4; i++) idle.push(await openSocket(host.url, { localAddress: REMOTE_A }));
    for (let i = 0; i < 10; i++) expect(await refusedStatus(host.url, { localAddress: REMOTE_A })).toContain('429');

    // Three displays sign in beside them, from another address; the signed-in cap then holds.
    for (let i = 0; i < 3; i++) {
      const display = await openSocket(host.url, { localAddress: REMOTE_B });
      expect(await display.auth(token)).toMatchObject({ ok: true });
    }
    expect(await refusedStatus(host.url, { localAddress: REMOTE_C })).toContain('503');
    for (const socket of idle) expect(socket.ws.readyState).toBe(socket.ws.OPEN);
  });

  it('are capped in all, and a socket that signs in frees its place', async () => {
    host = await startTestHost({
      isLocalAddress: onlyFirstLoopbackIsLocal,
      eventSocketLimits: { maxSockets: 10, maxPendingPerSource: 2, maxPending: 4, authTimeoutMs: 60_000 },
    });
    const token = await adminToken();
    await openSocket(host.url, { localAddress: REMOTE_A });
    await openSocket(host.url, { localAddress: REMOTE_A });
    await openSocket(host.url, { localAddress: REMOTE_B });
    const display = await openSocket(host.url, { localAddress: REMOTE_B });
    expect(await refusedStatus(host.url, { localAddress: REMOTE_C })).toContain('503');
    expect(await display.auth(token)).toMatchObject({ ok: true });
    const next = await openSocket(host.url, { localAddress: REMOTE_C });
    expect(await next.auth(token)).toMatchObject({ ok: true });
  });
});
