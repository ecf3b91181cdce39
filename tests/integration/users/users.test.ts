import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../src-main/clock';
import { LOCAL_SOURCE, type CallSource } from '../../../src-main/dispatch';
import type { PushedEvent } from '../../../src-main/events';
import { ADMIN, startTestVigil, type TestVigil } from '../../helpers/test-vigil';

const PASSWORD = 'operator password 1';
// A label for a caller from the network; nothing connects to it.
const REMOTE: CallSource = { kind: 'remote', address: '192.0.2.7' };
let vigil: TestVigil | undefined;

afterEach(async () => {
  await vigil?.close();
  vigil = undefined;
});

async function withOperator(opts: Parameters<typeof startTestVigil>[0] = {}) {
  vigil = await startTestVigil(opts);
  const admin = await vigil.adminToken();
  const operator = await vigil.ok('users.create', { username: 'olive', displayName: 'Olive Operator', role: 'operator', password: PASSWORD }, admin);
  return { v: vigil, admin, operator };
}

describe('first-run setup', () => {
  it('creates the first admin once, then refuses', async () => {
    vigil = await startTestVigil();
    expect(await vigil.ok('setup.status', {})).toMatchObject({ needsAdmin: true });
    await vigil.ok('setup.createAdmin', ADMIN);
    expect(await vigil.ok('setup.status', {})).toMatchObject({ needsAdmin: false });
    const again = await vigil.call('setup.createAdmin', { ...ADMIN, username: 'mallory' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('refuses passwords shorter than 12 characters', async () => {
    vigil = await startTestVigil();
    const reply = await vigil.call('setup.createAdmin', { ...ADMIN, password: 'short-pass1' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: ['password'] }] } });
  });
});

describe('lockout', () => {
  it('locks after 5 failures, refuses even the right password, and unlocks after 15 minutes', async () => {
    const clock = manualClock();
    const { v } = await withOperator({ clock });
    for (let i = 0; i < 4; i++) {
      expect(await v.call('session.login', { username: 'olive', password: 'wrong password!' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    const fifth = await v.call('session.login', { username: 'olive', password: 'wrong password!' });
    expect(fifth).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await v.call('session.login', { username: 'olive', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });

    clock.advance(15 * 60_000 - 1000);
    expect(await v.call('session.login', { username: 'olive', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    clock.advance(1000);
    expect(await v.call('session.login', { username: 'olive', password: PASSWORD })).toMatchObject({ ok: true });
  });

  it('audits failures, the lockout and the success without the password', async () => {
    const { v, admin } = await withOperator();
    for (let i = 0; i < 5; i++) await v.call('session.login', { username: 'olive', password: 'wrong password!' });
    const { entries } = await v.ok('audit.list', { action: 'session.login', actor: 'olive' }, admin);
    expect(entries.map((e) => e.outcome)).toEqual(['LOCKED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(entries[0]?.detail).toMatchObject({ failure: 'wrong_password', locked: true, source: 'local' });
    expect(JSON.stringify(entries)).not.toContain('wrong password!');
  });

  it('a password reset by an admin clears the lock', async () => {
    const { v, admin, operator } = await withOperator();
    for (let i = 0; i < 5; i++) await v.call('session.login', { username: 'olive', password: 'wrong password!' });
    const reset = await v.ok('users.resetPassword', { id: operator.id, newPassword: 'brand new password' }, admin);
    expect(reset.lockedUntil).toBeNull();
    expect(await v.call('session.login', { username: 'olive', password: 'brand new password' })).toMatchObject({ ok: true });
  });

  it('forgets a remote source\'s failures a day after its last failure and wait', async () => {
    const clock = manualClock();
    const { v } = await withOperator({ clock });
    const wrong = () => v.call('session.login', { username: 'olive', password: 'wrong password!' }, null, REMOTE);
    const waitOf = (reply: Awaited<ReturnType<typeof wrong>>) => (reply.ok ? NaN : (reply.error.details as { retryAt: number }).retryAt - clock.now());
    expect(waitOf(await wrong())).toBe(1_000);
    clock.advance(1_000);
    expect(waitOf(await wrong())).toBe(2_000);
    clock.advance(24 * 60 * 60_000 + 2_000);
    expect(waitOf(await wrong())).toBe(1_000);
  });

  it('an admin password reset lifts the locks of every source and audits how many', async () => {
    const { v, admin, operator } = await withOperator();
    for (const source of [LOCAL_SOURCE, REMOTE]) {
      for (let i = 0; i < 5; i++) await v.call('session.login', { username: 'olive', password: 'wrong password!' }, null, source);
    }
    expect((await v.ok('users.list', {}, admin)).users.find((u) => u.username === 'olive')?.lockedUntil).not.toBeNull();
    await v.ok('users.resetPassword', { id: operator.id, newPassword: 'brand new password' }, admin);
    expect(await v.call('session.login', { username: 'olive', password: 'brand new password' }, null, REMOTE)).toMatchObject({ ok: true });
    expect(await v.call('session.login', { username: 'olive', password: 'brand new password' })).toMatchObject({ ok: true });
    const { entries } = await v.ok('audit.list', { action: 'users.resetPassword' }, admin);
    expect(entries[0]?.detail).toEqual({ clearedSources: 2 });
  });

  it('does not say whether an unknown username exists', async () => {
    const { v } = await withOperator();
    const unknown = await v.call('session.login', { username: 'nobody', password: 'wrong password!' });
    const known = await v.call('session.login', { username: 'olive', password: 'wrong password!' });
    expect(!unknown.ok && unknown.error.message).toBe(!known.ok && known.error.message);
  });
});

describe('sessions', () => {
  it("lock after the idle timeout counted from a person's input, never from calls, and push session.ended to that session only", async () => {
    const clock = manualClock();
    const { v } = await withOperator({ clock, idleTimeoutMs: 60_000 });
    const token = (await v.ok('session.login', { username: 'olive', password: PASSWORD })).token;
    const events: PushedEvent[] = [];
    v.events.subscribe((e) => events.push(e));

    // A screen refreshing itself every few seconds is not someone at the console.
    for (let s = 5; s < 60; s += 5) {
      clock.advance(5_000);
      expect(await v.call('monitor.board', {}, token)).toMatchObject({ ok: true });
    }
    clock.advance(5_000);
    v.sessions.sweep();
    expect(await v.call('session.whoami', {}, token)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(events.filter((e) => e.event === 'session.ended' && e.toToken === token)).toEqual([{ event: 'session.ended', payload: { reason: 'idle' }, toToken: token }]);

    // Someone pressing keys is.
    const again = (await v.ok('session.login', { username: 'olive', password: PASSWORD })).token;
    clock.advance(59_000);
    await v.ok('session.activity', {}, again);
    clock.advance(59_000);
    await v.ok('session.activity', {}, again);
    clock.advance(59_000);
    v.sessions.sweep();
    expect(await v.call('session.whoami', {}, again)).toMatchObject({ ok: true });
    clock.advance(1_000);
    v.sessions.sweep();
    expect(await v.call('session.activity', {}, again)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('end at their lifetime however active, telling the session why', async () => {
    const clock = manualClock();
    const { v } = await withOperator({ clock, idleTimeoutMs: 60_000, sessionLifetimeMs: 8 * 3_600_000 });
    const login = await v.ok('session.login', { username: 'olive', password: PASSWORD });
    expect(login.expiresAt).toBe(clock.now() + 8 * 3_600_000);
    const events: PushedEvent[] = [];
    v.events.subscribe((e) => events.push(e));
    for (let m = 0; m < 8 * 60 - 1; m++) {
      clock.advance(60_000 - 1);
      await v.ok('session.activity', {}, login.token);
    }
    expect(await v.call('session.whoami', {}, login.token)).toMatchObject({ ok: true, data: { expiresAt: login.expiresAt } });
    clock.set(login.expiresAt);
    v.sessions.sweep();
    expect(events.filter((e) => e.event === 'session.ended' && e.toToken === login.token)).toEqual([{ event: 'session.ended', payload: { reason: 'expired' }, toToken: login.token }]);
    expect(await v.call('session.whoami', {}, login.token)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('logout ends the session', async () => {
    const { v } = await withOperator();
    const token = (await v.ok('session.login', { username: 'olive', password: PASSWORD })).token;
    await v.ok('session.logout', {}, token);
    expect(await v.call('session.whoami', {}, token)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('disabling an account ends its sessions and refuses sign-in', async () => {
    const { v, admin, operator } = await withOperator();
    const token = (await v.ok('session.login', { username: 'olive', password: PASSWORD })).token;
    await v.ok('users.disable', { id: operator.id }, admin);
    expect(await v.call('session.whoami', {}, token)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await v.call('session.login', { username: 'olive', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await v.ok('users.enable', { id: operator.id }, admin);
    expect(await v.call('session.login', { username: 'olive', password: PASSWORD })).toMatchObject({ ok: true });
  });

  it('a role change applies to open sessions at once', async () => {
    const { v, admin, operator } = await withOperator();
    const token = (await v.ok('session.login', { username: 'olive', password: PASSWORD })).token;
    expect(await v.call('audit.verify', {}, token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const events: PushedEvent[] = [];
    v.events.subscribe((e) => events.push(e));
    await v.ok('users.update', { id: operator.id, role: 'safety_officer' }, admin);
    expect(await v.call('audit.verify', {}, token)).toMatchObject({ ok: true });
    // The user's own window hears of it, so its navigation follows.
    const updated = events.filter((e) => e.event === 'session.updated');
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({ toToken: token, payload: { user: { id: operator.id, role: 'safety_officer' } } });
    const { entries } = await v.ok('audit.list', { action: 'users.update' }, admin);
    expect(entries[0]?.detail).toEqual({ role: { from: 'operator', to: 'safety_officer' } });
  });

  it('changing your own password needs the current one and signs out your other sessions', async () => {
    const { v } = await withOperator();
    const first = (await v.ok('session.login', { username: 'olive', password: PASSWORD })).token;
    const second = (await v.ok('session.login', { username: 'olive', password: PASSWORD })).token;
    const wrong = await v.call('session.changePassword', { currentPassword: 'not it at all', newPassword: 'another good password' }, first);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: ['currentPassword'] }] } });
    await v.ok('session.changePassword', { currentPassword: PASSWORD, newPassword: 'another good password' }, first);
    expect(await v.call('session.whoami', {}, first)).toMatchObject({ ok: true });
    expect(await v.call('session.whoami', {}, second)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('the last administrator', () => {
  it('cannot be disabled or demoted, but can once another admin exists', async () => {
    vigil = await startTestVigil();
    const admin = await vigil.adminToken();
    const me = (await vigil.ok('session.whoami', {}, admin)).user;
    expect(await vigil.call('users.disable', { id: me.id }, admin)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await vigil.call('users.update', { id: me.id, role: 'operator' }, admin)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const other = await vigil.ok('users.create', { username: 'second', displayName: 'Second Admin', role: 'admin', password: PASSWORD }, admin);
    expect(await vigil.call('users.update', { id: me.id, role: 'operator' }, admin)).toMatchObject({ ok: true });
    // Now 'second' is the last admin.
    const secondToken = (await vigil.ok('session.login', { username: 'second', password: PASSWORD })).token;
    expect(await vigil.call('users.disable', { id: other.id }, secondToken)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('a disabled admin does not count', async () => {
    vigil = await startTestVigil();
    const admin = await vigil.adminToken();
    const me = (await vigil.ok('session.whoami', {}, admin)).user;
    const other = await vigil.ok('users.create', { username: 'second', displayName: 'Second Admin', role: 'admin', password: PASSWORD }, admin);
    await vigil.ok('users.disable', { id: other.id }, admin);
    expect(await vigil.call('users.disable', { id: me.id }, admin)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('accounts', () => {
  it('refuses a duplicate username', async () => {
    const { v, admin } = await withOperator();
    const dup = await v.call('users.create', { username: 'olive', displayName: 'Other', role: 'operator', password: PASSWORD }, admin);
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('reports NOT_FOUND for an unknown account', async () => {
    const { v, admin } = await withOperator();
    expect(await v.call('users.disable', { id: 9999 }, admin)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
