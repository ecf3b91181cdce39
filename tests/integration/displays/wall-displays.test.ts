/**
 * Wall displays through the real host over HTTP and its event socket: an
 * admin adds one and gets a code, a "browser" (this test, with a secret of
 * its own) pairs and connects, what the display may and may not call, what
 * it is sent (no patient data, no server text), its events, that it never
 * idles out, revocation, pairing again, and the guard on wrong codes. The
 * clock is the test's, so the idle timeout and the code's life pass at once.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, CHANNELS, PAIRING_CODE_ALPHABET, type ChannelName } from '../../../src-shared/contract';
import type { Envelope } from '../../../src-shared/errors';
import { manualClock } from '../../../src-main/clock';
import { LOCAL_SOURCE, type CallSource } from '../../../src-main/dispatch';
import { SESSION_CLOSE_CODE } from '../../../src-main/host/event-sockets';
import { DEFAULT_SESSION_LIFETIME_MS } from '../../../src-main/users';
import { startTestHost, type TestHost } from '../../helpers/start-host';
import { openSocket } from '../../unit/host/ws-client';

const ADMIN = { username: 'admin', displayName: 'Ada Admin', password: 'correct horse battery' };
const PLAN = { intervalMs: 5_000, timeoutMs: 2_000, retries: 0, retryIntervalMs: 1_000 };
// Nothing listens on port 9 here: the connection goes DOWN at its first run, with a reason a server wrote.
const DEAD_URL = 'http://127.0.0.1:9/fhir';
/** Generous: the first run starts at once (random 0), a failure is final with no retries; a busy machine may be slow. */
const WITHIN_MS = 30_000;

const clock = manualClock(Date.now());
let host: TestHost;
let admin: string;

async function post(channel: string, input: unknown, token?: string): Promise<Envelope<Record<string, unknown>>> {
  const res = await fetch(`${host.url}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Envelope<Record<string, unknown>>;
}

async function ok(channel: string, input: unknown, token?: string): Promise<Record<string, unknown>> {
  const reply = await post(channel, input, token);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
  return reply.data;
}

function dispatch(channel: string, input: unknown, source: CallSource) {
  return host.vigil.dispatch(channel, input, { token: null, source });
}

const browserSecret = () => randomBytes(32).toString('base64url');

/** A wall's browser: its secret, and what pairing gave it. */
interface Wall {
  id: string;
  secret: string;
  displayToken: string;
  session: string;
}

async function addAndPair(name: string): Promise<Wall> {
  const { display, code } = (await ok('displays.create', { name }, admin)) as { display: { id: string }; code: string };
  const secret = browserSecret();
  const paired = await ok('display.pair', { code, secret });
  const { token } = await ok('display.connect', { displayToken: paired.displayToken, secret });
  return { id: display.id, secret, displayToken: paired.displayToken as string, session: token as string };
}

async function auditOf(action: string) {
  return ((await ok('audit.list', { action, limit: 20 }, admin)) as { entries: Array<{ actor: string; target: string | null; outcome: string; detail: unknown }> }).entries;
}

beforeAll(async () => {
  host = await startTestHost({ vigilOptions: { clock, monitor: { workstation: false, random: () => 0 } } });
  await ok('setup.createAdmin', ADMIN);
  admin = (await ok('session.login', { username: ADMIN.username, password: ADMIN.password })).token as string;
});

afterAll(async () => {
  await host?.close();
});

describe('adding and pairing a wall display', () => {
  it('gives the admin a short one-time code, lists the display as waiting, and audits it', async () => {
    const made = (await ok('displays.create', { name: 'NOC wall 1' }, admin)) as { display: { id: string; state: string; codeExpiresAt: number }; code: string };
    expect(made.code).toMatch(new RegExp(`^[${PAIRING_CODE_ALPHABET}]{8}$`));
    expect(made.display).toMatchObject({ state: 'waiting', codeExpiresAt: clock.now() + 10 * 60_000, pairedAt: null, connected: false });
    const { displays } = (await ok('displays.list', {}, admin)) as { displays: Array<{ id: string; name: string }> };
    expect(displays.map((d) => d.name)).toContain('NOC wall 1');
    // Only the code's hash is kept.
    expect(JSON.stringify(host.vigil.store.db.prepare('SELECT * FROM wall_displays').all())).not.toContain(made.code);
    expect((await auditOf('displays.create'))[0]).toMatchObject({ actor: 'admin', target: `display:${made.display.id}`, outcome: 'ok', detail: { name: 'NOC wall 1' } });
  });

  it('refuses a second display of the same name, in any case, even when two admins add it at once', async () => {
    const twice = await Promise.all([post('displays.create', { name: 'Lobby' }, admin), post('displays.create', { name: 'LOBBY' }, admin)]);
    expect(twice.filter((r) => r.ok)).toHaveLength(1);
    expect(twice.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: [{ path: ['name'] }] } });
  });

  it('pairs the browser that enters the code (any case, with a dash), once: the code is spent', async () => {
    const { display, code } = (await ok('displays.create', { name: 'NOC wall 2' }, admin)) as { display: { id: string }; code: string };
    const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`;
    const paired = await ok('display.pair', { code: typed, secret: browserSecret() });
    expect(paired).toMatchObject({ display: { id: display.id, name: 'NOC wall 2' } });
    expect(paired.displayToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await post('display.pair', { code, secret: browserSecret() })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: [{ path: ['code'] }] } });
    const listed = ((await ok('displays.list', {}, admin)) as { displays: Array<{ id: string; state: string; pairedAt: number | null }> }).displays.find((d) => d.id === display.id);
    expect(listed).toMatchObject({ state: 'paired', pairedAt: clock.now() });
    const trail = await auditOf('display.pair');
    expect(trail[0]).toMatchObject({ actor: 'anonymous', target: null, outcome: 'UNAUTHENTICATED', detail: { source: 'local' } });
    expect(trail[1]).toMatchObject({ actor: `display:${display.id}`, target: `display:${display.id}`, outcome: 'ok', detail: { name: 'NOC wall 2', source: 'local' } });
  });

  it('pairs exactly one of two browsers entering the same code at once', async () => {
    const { code } = (await ok('displays.create', { name: 'Race wall' }, admin)) as { code: string };
    const both = await Promise.all([post('display.pair', { code, secret: browserSecret() }), post('display.pair', { code, secret: browserSecret() })]);
    expect(both.map((r) => r.ok).sort()).toEqual([false, true]);
  });

  it('refuses a code that has run out, and a new code pairs it', async () => {
    const { display, code } = (await ok('displays.create', { name: 'Late wall' }, admin)) as { display: { id: string }; code: string };
    clock.advance(10 * 60_000 + 1);
    expect(((await ok('displays.list', {}, admin)) as { displays: Array<{ id: string; state: string }> }).displays.find((d) => d.id === display.id)?.state).toBe('expired');
    expect((await post('display.pair', { code, secret: browserSecret() })).ok).toBe(false);
    const renewed = (await ok('displays.newCode', { id: display.id }, admin)) as { code: string };
    expect((await post('display.pair', { code: renewed.code, secret: browserSecret() })).ok).toBe(true);
  });

  it('opens a session only for the token with the secret of the browser that paired: a copied token alone is useless', async () => {
    const wall = await addAndPair('NOC wall 3');
    expect(wall.session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await post('display.connect', { displayToken: wall.displayToken, secret: browserSecret() })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await post('display.connect', { displayToken: browserSecret(), secret: wall.secret })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(((await ok('displays.list', {}, admin)) as { displays: Array<{ id: string; connected: boolean }> }).displays.find((d) => d.id === wall.id)?.connected).toBe(true);
  });
});

describe('what a display may call', () => {
  let wall: Wall;
  beforeAll(async () => {
    wall = await addAndPair('Calls wall');
  });

  it('reads its board and the active alerts', async () => {
    expect(await ok('display.board', {}, wall.session)).toMatchObject({ display: { id: wall.id, name: 'Calls wall' } });
    expect(await ok('display.alerts', {}, wall.session)).toHaveProperty('alerts');
  });

  it('is refused every channel that is neither public nor a display channel, with FORBIDDEN', async () => {
    const others = CHANNEL_NAMES.filter((c) => !['public', 'display'].includes(CHANNELS[c].access));
    expect(others.length).toBeGreaterThan(20);
    for (const channel of others) {
      const reply = await post(channel, {}, wall.session);
      expect(reply, channel).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // A refused change is audited, under the display.
    expect((await auditOf('users.create'))[0]).toMatchObject({ actor: `display:${wall.id}`, outcome: 'FORBIDDEN' });
  });

  it("is not a person's session, and a person's session is not a display's", async () => {
    expect(await post('display.board', {}, admin)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await post('display.board', {}, 'not-a-session')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await post('display.board', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('never idles out, nor expires, while people sign in again', async () => {
    clock.advance(DEFAULT_SESSION_LIFETIME_MS + 60_000);
    expect(await post('users.list', {}, admin)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await post('display.board', {}, wall.session)).ok).toBe(true);
    admin = (await ok('session.login', { username: ADMIN.username, password: ADMIN.password })).token as string;
  });
});

describe('what a display is sent', () => {
  let wall: Wall;
  let targetId: string;
  const PHI_NAME = 'Clinic MRN 48213377';
  const NOTE = 'Dr Alice Smith on call, 555-867-5309';

  beforeAll(async () => {
    wall = await addAndPair('Content wall');
    const made = (await ok('connections.create', { config: { name: PHI_NAME, vendor: 'epic', baseUrl: DEAD_URL, authMode: 'none', tags: ['site:north'] } }, admin)) as { id: number };
    targetId = `conn:${made.id}`;
    await ok('monitor.configure', { targetId, settings: { plan: PLAN, latencyThresholdMs: 2_000, dependsOn: [], metrics: null } }, admin);
    await ok('maintenance.create', { kind: 'once', targetId: null, note: NOTE, start: clock.now() + 86_400_000, end: clock.now() + 90_000_000 }, admin);
    const deadline = Date.now() + WITHIN_MS;
    while (Date.now() < deadline) {
      const { alerts } = (await ok('alerts.list', { targetId }, admin)) as { alerts: unknown[] };
      if (alerts.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  it('states, codes and numbers, but no patient data and no text a server wrote', async () => {
    const console = (await ok('monitor.board', {}, admin)) as { tiles: Array<{ targetId: string; status: { state: string; reason: string } }> };
    const seen = console.tiles.find((t) => t.targetId === targetId)!;
    expect(seen.status.state).toBe('DOWN');
    const alerts = (await ok('alerts.list', { targetId }, admin)) as { alerts: Array<{ title: string; detail: string }> };
    expect(alerts.alerts.length).toBeGreaterThan(0);

    const board = await ok('display.board', {}, wall.session);
    const wallAlerts = await ok('display.alerts', {}, wall.session);
    const sent = JSON.stringify([board, wallAlerts]);
    const tile = (board.tiles as Array<Record<string, unknown>>).find((t) => t.targetId === targetId);
    expect(tile).toMatchObject({ name: 'Clinic MRN [MRN]', vendor: 'epic', tags: ['site:north'], status: { state: 'DOWN', cause: { probe: 'capability', kind: 'NETWORK' } } });
    expect((wallAlerts.alerts as Array<Record<string, unknown>>).find((a) => a.targetId === targetId)).toMatchObject({ targetName: 'Clinic MRN [MRN]', kind: 'health', grade: 2, severity: 'SEV1', status: 'open' });
    for (const secret of ['48213377', seen.status.reason, alerts.alerts[0]!.title, alerts.alerts[0]!.detail, 'ECONNREFUSED', '127.0.0.1:9', 'Alice', '555-867-5309']) {
      expect(sent).not.toContain(secret);
    }
  });

  it('hears display.changed (at most once a second) when the board changes, and none of the console events', async () => {
    const socket = await openSocket(host.url);
    expect(await socket.auth(wall.session)).toMatchObject({ type: 'auth', ok: true });
    const people = await openSocket(host.url);
    await people.auth(admin);
    await ok('monitor.pause', { targetId }, admin);
    const [first] = await socket.waitForEvents(1);
    expect(first).toEqual({ event: 'display.changed', payload: {} });
    // The admin heard the console's own event; give the wall's socket as long again to hear anything else.
    await people.waitForEvents(1);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(socket.events().map((e) => e.event)).toEqual(['display.changed']);
    expect(people.events().map((e) => e.event)).not.toContain('display.changed');
    socket.ws.close();
    people.ws.close();
    await ok('monitor.resume', { targetId }, admin);
  });
});

describe('revoking and pairing again', () => {
  it('revoking tells the wall at once over its socket, ends its session and its token, and is audited', async () => {
    const wall = await addAndPair('Gone wall');
    const socket = await openSocket(host.url);
    await socket.auth(wall.session);
    await ok('displays.revoke', { id: wall.id }, admin);
    expect((await socket.waitForEvents(1)).at(-1)).toEqual({ event: 'display.revoked', payload: {} });
    expect((await socket.closed).code).toBe(SESSION_CLOSE_CODE);
    expect(await post('display.board', {}, wall.session)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await post('display.connect', { displayToken: wall.displayToken, secret: wall.secret })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await auditOf('displays.revoke'))[0]).toMatchObject({ actor: 'admin', target: `display:${wall.id}`, outcome: 'ok', detail: { name: 'Gone wall' } });
    expect(await post('displays.revoke', { id: wall.id }, admin)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a new code paired by another browser replaces the old one, which is told and refused', async () => {
    const old = await addAndPair('Moved wall');
    const socket = await openSocket(host.url);
    await socket.auth(old.session);
    const { code } = (await ok('displays.newCode', { id: old.id }, admin)) as { code: string };
    // Until the new browser pairs, the old one carries on.
    expect((await post('display.board', {}, old.session)).ok).toBe(true);
    const secret = browserSecret();
    const paired = await ok('display.pair', { code, secret });
    expect((await socket.waitForEvents(1)).at(-1)).toEqual({ event: 'display.revoked', payload: {} });
    expect(await post('display.connect', { displayToken: old.displayToken, secret: old.secret })).toMatchObject({ ok: false });
    expect((await post('display.connect', { displayToken: paired.displayToken, secret })).ok).toBe(true);
  });
});

describe('guessing codes', () => {
  it('after ten wrong codes a source must wait, even with the right code; other sources are not held up', async () => {
    const { code } = (await ok('displays.create', { name: 'Guarded wall' }, admin)) as { code: string };
    const guesser: CallSource = { kind: 'remote', address: '192.0.2.7' };
    const wrong = code.startsWith('A') ? 'BBBBBBBB' : 'AAAAAAAA';
    for (let i = 0; i < 10; i++) expect(await dispatch('display.pair', { code: wrong, secret: browserSecret() }, guesser)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await dispatch('display.pair', { code, secret: browserSecret() }, guesser)).toMatchObject({ ok: false, error: { code: 'LOCKED', details: { locked: true } } });
    expect((await dispatch('display.pair', { code, secret: browserSecret() }, LOCAL_SOURCE)).ok).toBe(true);
  });
});

describe('input the display channels refuse', () => {
  it.each<[ChannelName, unknown]>([
    ['display.pair', { code: 'K7QM4XP', secret: browserSecret() }],
    ['display.pair', { code: 'K7QM4XP0', secret: browserSecret() }],
    ['display.pair', { code: 'K7QM4XPD', secret: 'short' }],
    ['display.connect', { displayToken: 'x'.repeat(42), secret: browserSecret() }],
    ['displays.create', { name: '   ' }],
  ])('%s %j is INVALID_INPUT', async (channel, input) => {
    expect(await post(channel, input, admin)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
