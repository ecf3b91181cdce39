/**
 * Sign-in throttling against the real host over HTTP (issue 10, items 4, 5
 * and the changeOwnPassword part of 7): parallel guesses, per-source locks,
 * unknown names. The host counts only 127.0.0.1 as this machine, so other
 * loopback addresses play remote computers; its clock is moved by hand.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../src-main/clock';
import { startTestHost, type TestHost } from '../../helpers/start-host';
import { postApi } from './raw-http';
import { onlyFirstLoopbackIsLocal, REMOTE_A, REMOTE_B } from './remote-peers';

const ADMIN = { username: 'admin', displayName: 'Ada Admin', password: 'correct horse battery' };
const OPERATOR = { username: 'olive', displayName: 'Olive Operator', role: 'operator', password: 'staple battery horse' } as const;
const WRONG = 'not the password at all';
const PARALLEL = 100;

interface Reply {
  ok: boolean;
  data?: { token?: string } & Record<string, unknown>;
  error?: { code: string; message: string; details?: { retryAt?: number; locked?: boolean } & Record<string, unknown> };
}

let host: TestHost;
let clock: ReturnType<typeof manualClock>;

async function post(channel: string, input: unknown, opts: { token?: string; from?: string } = {}): Promise<Reply> {
  return (await postApi(host.url, channel, input, { token: opts.token, localAddress: opts.from })).json() as Reply;
}

function login(password: string, opts: { from?: string; username?: string } = {}): Promise<Reply> {
  return post('session.login', { username: opts.username ?? OPERATOR.username, password }, { from: opts.from });
}

function tally(replies: Reply[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of replies) {
    const key = r.ok ? 'ok' : r.error!.code;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** An admin call from this computer, signed in afresh (the hand-moved clock ends idle sessions). */
async function asAdmin(channel: string, input: unknown): Promise<Reply> {
  const token = (await login(ADMIN.password, { username: ADMIN.username })).data!.token!;
  return post(channel, input, { token });
}

/** The audited outcomes of session.login for one name, newest first. */
async function loginAudit(username: string): Promise<Array<Record<string, unknown> | null>> {
  const reply = await asAdmin('audit.list', { action: 'session.login', actor: username, limit: 500 });
  return (reply.data as { entries: Array<{ detail: Record<string, unknown> | null }> }).entries.map((e) => e.detail);
}

/** Fails from one source, waiting out each delay, until it is locked; returns the waits it was given (ms). */
async function failUntilLocked(opts: { from?: string; username?: string }): Promise<number[]> {
  const waits: number[] = [];
  for (let attempt = 0; attempt < 10; attempt++) {
    const reply = await login(WRONG, opts);
    const wait = reply.error?.details;
    if (wait?.retryAt !== undefined) waits.push(wait.retryAt - clock.now());
    if (wait?.locked) return waits;
    if (wait?.retryAt !== undefined) clock.set(wait.retryAt);
  }
  throw new Error(`never locked: ${waits.join(', ')}`);
}

beforeEach(async () => {
  clock = manualClock(Date.now());
  host = await startTestHost({ isLocalAddress: onlyFirstLoopbackIsLocal, vigilOptions: { clock } });
  expect((await post('setup.createAdmin', ADMIN)).ok).toBe(true);
  expect((await asAdmin('users.create', OPERATOR)).ok).toBe(true);
});

afterEach(async () => {
  await host?.close();
});

describe('parallel guesses', () => {
  it.each([
    ['an account', OPERATOR.username],
    ['a name without an account', 'nobody'],
  ])(`${PARALLEL} concurrent wrong passwords from this computer for %s: five are checked, then the lock holds`, async (_what, username) => {
    const replies = await Promise.all(Array.from({ length: PARALLEL }, () => login(WRONG, { username })));
    expect(tally(replies)).toEqual({ UNAUTHENTICATED: 4, LOCKED: PARALLEL - 4 });
    expect((await loginAudit(username)).filter((d) => d?.failure === 'wrong_password' || d?.failure === 'unknown_user')).toHaveLength(5);
    // The right password does not get in while the lock holds.
    const right = await login(OPERATOR.password, { username });
    expect(right).toMatchObject({ ok: false, error: { code: 'LOCKED', details: { locked: true } } });
  });

  it(`${PARALLEL} concurrent wrong passwords from a remote address: one is checked, the rest wait`, async () => {
    const replies = await Promise.all(Array.from({ length: PARALLEL }, () => login(WRONG, { from: REMOTE_A })));
    expect(tally(replies)).toEqual({ UNAUTHENTICATED: 1, LOCKED: PARALLEL - 1 });
    const checked = replies.find((r) => r.error?.code === 'UNAUTHENTICATED')!;
    expect(checked.error?.details).toEqual({ retryAt: clock.now() + 1_000, locked: false });
    for (const r of replies.filter((x) => x.error?.code === 'LOCKED')) expect(r.error?.details).toEqual({ retryAt: clock.now() + 1_000, locked: false });
  });

  it('a right password in the middle of a burst neither gets in past the lock nor lifts it', async () => {
    const wrong = Array.from({ length: PARALLEL - 1 }, () => login(WRONG));
    // Sent once the first guess has been answered, while the rest still queue for the account.
    await Promise.race(wrong);
    const right = login(OPERATOR.password);
    const replies = await Promise.all([...wrong, right]);
    expect(await right).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(tally(replies)).toEqual({ UNAUTHENTICATED: 4, LOCKED: PARALLEL - 4 });
    expect(await login(OPERATOR.password)).toMatchObject({ ok: false, error: { code: 'LOCKED', details: { locked: true } } });
  });
});

describe('locks per source', () => {
  it('gives a remote address growing waits, then a lock that doubles, and locks nobody else', async () => {
    expect(await failUntilLocked({ from: REMOTE_A })).toEqual([1_000, 2_000, 4_000, 8_000, 15 * 60_000]);
    expect(await login(OPERATOR.password, { from: REMOTE_A })).toMatchObject({ ok: false, error: { code: 'LOCKED', details: { locked: true } } });

    // This computer and another address sign in as usual.
    expect(await login(OPERATOR.password)).toMatchObject({ ok: true });
    expect(await login(OPERATOR.password, { from: REMOTE_B })).toMatchObject({ ok: true });

    clock.advance(15 * 60_000);
    const sixth = await login(WRONG, { from: REMOTE_A });
    expect(sixth).toMatchObject({ ok: false, error: { code: 'LOCKED', details: { locked: true, retryAt: clock.now() + 30 * 60_000 } } });
    const { users } = (await asAdmin('users.list', {})).data as { users: Array<{ username: string; lockedUntil: number | null }> };
    expect(users.find((u) => u.username === OPERATOR.username)?.lockedUntil).toBe(clock.now() + 30 * 60_000);
  });

  it('the only administrator, locked from the network, still signs in at this computer', async () => {
    await failUntilLocked({ from: REMOTE_A, username: ADMIN.username });
    await failUntilLocked({ from: REMOTE_B, username: ADMIN.username });
    expect(await login(ADMIN.password, { username: ADMIN.username })).toMatchObject({ ok: true });
  });

  it('locks this computer after five failures for 15 minutes, without locking the network', async () => {
    expect(await failUntilLocked({})).toEqual([15 * 60_000]);
    const locked = await login(OPERATOR.password);
    expect(locked).toMatchObject({ ok: false, error: { code: 'LOCKED', details: { locked: true } } });
    expect(locked.error?.message).toMatch(/locked on this computer until/);
    expect(await login(OPERATOR.password, { from: REMOTE_A })).toMatchObject({ ok: true });
    clock.advance(15 * 60_000);
    expect(await login(OPERATOR.password)).toMatchObject({ ok: true });
  });

  it('answers a name without an account exactly as one with: same codes, words and waits', async () => {
    const script = async (username: string, from?: string) => {
      const seen: unknown[] = [];
      for (let i = 0; i < 7; i++) {
        const reply = await login(i === 6 ? OPERATOR.password : WRONG, { username, from });
        const details = reply.error?.details;
        seen.push({
          code: reply.error?.code,
          message: reply.error?.message.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/, '<time>'),
          wait: details?.retryAt === undefined ? null : details.retryAt - clock.now(),
          locked: details?.locked,
        });
        if (i === 2 && details?.retryAt !== undefined) clock.set(details.retryAt);
      }
      return seen;
    };
    const start = clock.now();
    const known = await script(OPERATOR.username, REMOTE_A);
    clock.set(start);
    expect(await script('nobody', REMOTE_B)).toEqual(known);
    clock.set(start);
    const knownHere = await script(OPERATOR.username);
    clock.set(start);
    expect(await script('nobody')).toEqual(knownHere);
  });
});

describe('changing your own password', () => {
  async function operatorToken(): Promise<string> {
    return (await login(OPERATOR.password)).data!.token!;
  }
  const change = (token: string, currentPassword: string, from?: string) =>
    post('session.changePassword', { currentPassword, newPassword: 'a brand new password' }, { token, from });

  it(`${PARALLEL} concurrent wrong current passwords count like sign-in failures and lock the account here`, async () => {
    const token = await operatorToken();
    const replies = await Promise.all(Array.from({ length: PARALLEL }, () => change(token, WRONG)));
    expect(tally(replies)).toEqual({ INVALID_INPUT: 4, LOCKED: PARALLEL - 4 });
    // The lock is the sign-in lock: the right current password, and signing in, wait too.
    expect(await change(token, OPERATOR.password)).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await login(OPERATOR.password)).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  it('makes a remote address wait between wrong current passwords', async () => {
    const token = (await login(OPERATOR.password, { from: REMOTE_A })).data!.token!;
    const first = await change(token, WRONG, REMOTE_A);
    expect(first).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: ['currentPassword'] }] } });
    expect(await change(token, OPERATOR.password, REMOTE_A)).toMatchObject({ ok: false, error: { code: 'LOCKED', details: { locked: false } } });
    clock.advance(1_000);
    expect(await change(token, OPERATOR.password, REMOTE_A)).toMatchObject({ ok: true });
  });
});
