import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { CHANNEL_NAMES, CHANNELS, channelRoles, type ChannelName } from '../../../src-shared/contract';
import { LOCAL_SOURCE } from '../../../src-main/dispatch';
import { ERROR_CODES } from '../../../src-shared/errors';
import { ROLES, type Role } from '../../../src-shared/roles';
import { prng, randomJson } from '../../helpers/random-json';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';

let vigil: TestVigil;
const tokens = {} as Record<Role, string>;
/** A paired wall display, whose sessions are the only ones the display channels serve. */
let displayId: string;
const PASSWORD = 'a long enough password';

async function login(username: string): Promise<string> {
  return (await vigil.ok('session.login', { username, password: PASSWORD })).token;
}

beforeAll(async () => {
  vigil = await startTestVigil();
  const admin = await vigil.adminToken();
  for (const role of ROLES) {
    const username = `user.${role.replace('_', '-')}`;
    await vigil.ok('users.create', { username, displayName: role, role, password: PASSWORD }, admin);
    tokens[role] = await login(username);
  }
  const { display, code } = await vigil.ok('displays.create', { name: 'Fuzzed wall' }, admin);
  await vigil.ok('display.pair', { code, secret: randomBytes(32).toString('base64url') });
  displayId = display.id;
});

const isDisplayChannel = (channel: ChannelName) => CHANNELS[channel].access === 'display';
const displaySession = () => vigil.sessions.startDisplay(displayId, 4);

afterAll(async () => {
  await vigil?.close();
});

/** A token of a role the channel allows (a wall display's for its own channels), or null for public channels. */
function allowedToken(channel: ChannelName): string | null {
  if (isDisplayChannel(channel)) return displaySession();
  const roles = channelRoles(channel);
  return roles ? tokens[roles[0] as Role] : null;
}

describe('dispatcher over the whole contract', () => {
  it('rejects an unknown channel', async () => {
    const reply = await vigil.dispatch('users.drop', {}, { token: tokens.admin, source: LOCAL_SOURCE });
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it.each(CHANNEL_NAMES)('%s rejects malformed input with INVALID_INPUT', async (channel) => {
    for (const bad of [42, 'text', [], { unexpectedField: true }]) {
      const reply = await vigil.dispatch(channel, bad, { token: allowedToken(channel), source: LOCAL_SOURCE });
      expect(reply.ok, `${channel} accepted ${JSON.stringify(bad)}`).toBe(false);
      if (!reply.ok) {
        expect(reply.error.code).toBe('INVALID_INPUT');
        expect(Array.isArray(reply.error.details)).toBe(true);
      }
    }
  });

  const forbiddenCases = CHANNEL_NAMES.flatMap((channel) => {
    const roles = channelRoles(channel);
    return roles ? ROLES.filter((r) => !roles.includes(r)).map((role) => [channel, role] as const) : [];
  });

  it('has channels some roles may not call', () => {
    expect(forbiddenCases.length).toBeGreaterThan(0);
  });

  it.each(forbiddenCases)('%s refuses role %s with FORBIDDEN', async (channel, role) => {
    const reply = await vigil.dispatch(channel, {}, { token: tokens[role], source: LOCAL_SOURCE });
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  const sessionChannels = CHANNEL_NAMES.filter((c) => channelRoles(c) !== null);
  it.each(sessionChannels)('%s refuses calls without a valid session', async (channel) => {
    for (const token of [undefined, null, '', 'forged-token']) {
      const reply = await vigil.dispatch(channel, {}, { token, source: LOCAL_SOURCE });
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('audits a refused mutating call with its outcome', async () => {
    await vigil.dispatch('users.create', { username: 'sneaky', displayName: 'x', role: 'admin', password: PASSWORD }, { token: tokens.operator, source: LOCAL_SOURCE });
    const audit = await vigil.ok('audit.list', { action: 'users.create', limit: 1 }, tokens.admin);
    expect(audit.entries[0]).toMatchObject({ actor: 'user.operator', outcome: 'FORBIDDEN' });
  });

  it('never returns fields the contract does not declare (no password hashes)', async () => {
    const list = await vigil.ok('users.list', {}, tokens.admin);
    expect(JSON.stringify(list)).not.toMatch(/scrypt|password/i);
  });
});

const MAX_ACCEPTED_PER_CHANNEL = 50;

describe('fuzzing every channel', () => {
  it.each(CHANNEL_NAMES)('%s survives 1,000 random JSON inputs without INTERNAL', async (channel) => {
    const rand = prng(0x5eed + CHANNEL_NAMES.indexOf(channel));
    const roles = channelRoles(channel);
    const role = (roles?.[0] ?? 'admin') as Role;
    const caller = vigil.store.db
      .prepare('SELECT id, username, role FROM users WHERE username = ?')
      .get(`user.${role.replace('_', '-')}`) as { id: number; username: string; role: Role };
    // Fuzzed calls may sign this user out, disable or demote it; a session
    // started directly keeps the fuzz reaching the validator and handlers.
    const freshToken = () => (isDisplayChannel(channel) ? displaySession() : roles ? vigil.sessions.start({ ...caller, role }) : null);
    let token = freshToken();
    const codes = new Map<string, number>();
    let accepted = 0;
    for (let i = 0; i < 1000; i++) {
      const input = randomJson(rand);
      // An input the contract accepts runs the real work (audit.verify walks the whole chain in a worker):
      // the first 50 of those say what 1,000 would, and the rest would only make the test slow.
      if (CHANNELS[channel].input.safeParse(input).success && ++accepted > MAX_ACCEPTED_PER_CHANNEL) continue;
      const reply = await vigil.dispatch(channel, input, { token, source: LOCAL_SOURCE });
      expect(typeof reply.ok).toBe('boolean');
      if (reply.ok) continue;
      expect(ERROR_CODES).toContain(reply.error.code);
      expect(reply.error.code, `${channel} ${JSON.stringify(input)}: ${reply.error.message}`).not.toBe('INTERNAL');
      expect(reply.error.message).not.toMatch(/\n\s+at /); // never a stack trace
      codes.set(reply.error.code, (codes.get(reply.error.code) ?? 0) + 1);
      if (reply.error.code === 'UNAUTHENTICATED' || reply.error.code === 'FORBIDDEN') token = freshToken();
    }
    // A fuzz that never reaches the validator tests nothing.
    expect(codes.get('INVALID_INPUT') ?? 0).toBeGreaterThan(0);
  });
});
