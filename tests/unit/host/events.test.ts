import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../src-main/clock';
import { LOCAL_SOURCE } from '../../../src-main/dispatch';
import { SESSION_CLOSE_CODE } from '../../../src-main/host/event-sockets';
import { DEFAULT_IDLE_TIMEOUT_MS } from '../../../src-main/users/sessions';
import { startTestHost, type TestHost } from '../../helpers/start-host';
import { postApi } from './raw-http';
import { openSocket, refusedStatus, type TestSocket } from './ws-client';

const ADMIN = { username: 'admin', displayName: 'Ada Admin', password: 'correct horse battery' };
const OPERATOR = { username: 'olive', displayName: 'Olive Operator', role: 'operator', password: 'staple battery horse' } as const;

async function ok(host: TestHost, channel: string, input: unknown, token?: string): Promise<Record<string, unknown>> {
  const reply = await host.vigil.dispatch(channel, input, { token, source: LOCAL_SOURCE });
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
  return reply.data as Record<string, unknown>;
}

async function login(host: TestHost, user: { username: string; password: string }): Promise<string> {
  return (await ok(host, 'session.login', { username: user.username, password: user.password })).token as string;
}

describe('the event socket', () => {
  const clock = manualClock(Date.now());
  let host: TestHost;
  let adminToken: string;
  let operatorId: number;

  beforeAll(async () => {
    host = await startTestHost({ vigilOptions: { clock } });
    await ok(host, 'setup.createAdmin', ADMIN);
    adminToken = await login(host, ADMIN);
    operatorId = (await ok(host, 'users.create', OPERATOR, adminToken)).id as number;
  });

  afterAll(async () => {
    await host?.close();
  });

  it('refuses another origin, a foreign Host and other paths', async () => {
    expect(await refusedStatus(host.url, { origin: 'http://evil.example' })).toContain('403');
    expect(await refusedStatus(host.url, { headers: { Host: 'evil.example' } })).toContain('403');
    expect(await refusedStatus(host.url, {}, '/api/other')).toContain('404');
  });

  it('closes a socket whose token is not a session', async () => {
    const socket = await openSocket(host.url);
    expect(await socket.auth('not-a-session')).toMatchObject({ type: 'auth', ok: false });
    expect((await socket.closed).code).toBe(SESSION_CLOSE_CODE);
  });

  it('closes a socket that sends anything but auth', async () => {
    const socket = await openSocket(host.url);
    socket.ws.send('{"type":"subscribe"}');
    expect((await socket.closed).code).toBe(1008);
  });

  it('closes a socket that sends an oversized message', async () => {
    const socket = await openSocket(host.url);
    socket.ws.send(JSON.stringify({ type: 'auth', token: 'x'.repeat(10_000) }));
    expect((await socket.closed).code).toBe(1009);
  });

  it('delivers each event only to the sessions in its audience', async () => {
    const admin = await openSocket(host.url);
    const operator = await openSocket(host.url);
    expect(await admin.auth(adminToken)).toEqual({ type: 'auth', ok: true });
    expect(await operator.auth(await login(host, OPERATOR))).toEqual({ type: 'auth', ok: true });

    const created = await postApi(host.url, 'users.create', { ...OPERATOR, username: 'oscar' }, { token: adminToken });
    const userId = (created.json() as { data: { id: number } }).data.id;

    const events = await admin.waitForEvents(2);
    expect(events).toContainEqual({ event: 'users.changed', payload: { userId } });
    expect(events).toContainEqual({ event: 'audit.appended', payload: { lastSeq: expect.any(Number) } });
    // A second auth round trip: anything queued for the operator has arrived by now. Only the account's
    // events are looked at: the sandbox's monitor.status may reach every role at any moment.
    await operator.auth(await login(host, OPERATOR));
    expect(operator.events().filter((e) => e.event === 'users.changed' || e.event === 'audit.appended')).toEqual([]);
    admin.ws.close();
    operator.ws.close();
  });

  it('tells a session it ended on logout, then closes the socket', async () => {
    const token = await login(host, ADMIN);
    const socket = await openSocket(host.url);
    await socket.auth(token);
    await ok(host, 'session.logout', {}, token);
    const closed = await socket.closed;
    expect(socket.events()).toContainEqual({ event: 'session.ended', payload: { reason: 'logout' } });
    expect(closed.code).toBe(SESSION_CLOSE_CODE);
  });

  it('tells a session it ended after it is already gone (idle, disabled)', async () => {
    const idle = await openSocket(host.url);
    await idle.auth(await login(host, ADMIN));
    clock.advance(DEFAULT_IDLE_TIMEOUT_MS + 1);
    host.vigil.sessions.sweep();
    expect(await idle.closed).toMatchObject({ code: SESSION_CLOSE_CODE });
    expect(idle.events()).toContainEqual({ event: 'session.ended', payload: { reason: 'idle' } });

    adminToken = await login(host, ADMIN);
    const disabled = await openSocket(host.url);
    await disabled.auth(await login(host, OPERATOR));
    await ok(host, 'users.disable', { id: operatorId }, adminToken);
    expect(await disabled.closed).toMatchObject({ code: SESSION_CLOSE_CODE });
    expect(disabled.events()).toEqual([{ event: 'session.ended', payload: { reason: 'disabled' } }]);
    await ok(host, 'users.enable', { id: operatorId }, adminToken);
  });

  it('takes a new identity when a socket authenticates again', async () => {
    const socket = await openSocket(host.url);
    await socket.auth(await login(host, OPERATOR));
    expect(await socket.auth(adminToken)).toEqual({ type: 'auth', ok: true });
    await ok(host, 'users.update', { id: operatorId, displayName: 'Olive O.' }, adminToken);
    expect(await socket.waitForEvents(1)).toContainEqual({ event: 'users.changed', payload: { userId: operatorId } });
    socket.ws.close();
  });
});

describe('event socket limits', () => {
  it('closes sockets that never authenticate', async () => {
    const host = await startTestHost({ eventSocketLimits: { authTimeoutMs: 200 } });
    try {
      const socket = await openSocket(host.url);
      expect((await socket.closed).code).toBe(1008);
    } finally {
      await host.close();
    }
  });

  it('caps the signed-in sockets, drops peers that stop answering pings, and closes the rest on stop', async () => {
    const host = await startTestHost({ eventSocketLimits: { maxSockets: 2, heartbeatMs: 500, authTimeoutMs: 60_000 } });
    let survivor: TestSocket;
    try {
      await ok(host, 'setup.createAdmin', ADMIN);
      const token = await login(host, ADMIN);
      const silent = await openSocket(host.url, { autoPong: false });
      expect(await silent.auth(token)).toMatchObject({ ok: true });
      survivor = await openSocket(host.url);
      expect(await survivor.auth(token)).toMatchObject({ ok: true });
      expect(await refusedStatus(host.url)).toContain('503');
      expect((await silent.closed).code).toBe(1006);
      // The slot it held is free again.
      const next = await openSocket(host.url);
      expect(await next.auth(token)).toMatchObject({ ok: true });
      next.ws.close();
    } finally {
      await host.close();
    }
    expect((await survivor.closed).code).toBe(1001);
  });
});
