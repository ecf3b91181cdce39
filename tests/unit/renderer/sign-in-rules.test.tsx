// @vitest-environment jsdom
/**
 * The sign-in rules as the console says them (README "Signing in", "First
 * run", "Locked out?"): waits after failed sign-ins from the network,
 * counted down with Sign in held back; locks, in local time and with the
 * way out; the same on the lock screen and in the password change; the
 * setup code of a first run from another computer.
 */
import { screen, waitFor } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { formatMoment } from '../../../src-renderer/lib/time';
import type { SignInWait } from '../../../src-shared/contract';
import {
  button,
  descriptionOf,
  fail,
  fakeVigil,
  fill,
  fillForm,
  findButton,
  liveTexts,
  MINUTE,
  NOW,
  ok,
  pageText,
  push,
  renderApp,
  session,
  signedInAs,
  tableRows,
  textOf,
  user,
  type Handlers,
} from './harness';

const field = (label: string) => screen.getByLabelText(label);
const alertText = () => liveTexts('alert').join(' ');

/** Main's refusals, with the details main puts on them. */
const wrong = (wait?: SignInWait) =>
  fail('UNAUTHENTICATED', wait ? `Wrong username or password. Wait ${Math.ceil((wait.retryAt - NOW) / 1000)} s before trying again.` : 'Wrong username or password.', wait);
const paused = (retryAt: number) =>
  fail('LOCKED', `Too many failed sign-ins from your network address. Wait ${Math.ceil((retryAt - NOW) / 1000)} s before trying again.`, { retryAt, locked: false });
const locked = (retryAt: number, where: 'on this computer' | 'from your network address') =>
  fail(
    'LOCKED',
    `Too many failed sign-ins: this account is locked ${where} until ${new Date(retryAt).toISOString()}. Wait, or ask an administrator to reset the password.`,
    { retryAt, locked: true },
  );

/** Time passes on the console's clock; the countdown reads it at its next tick, within a second. */
function passTime(ms: number): void {
  vi.setSystemTime(Date.now() + ms);
}

async function signInAs(person: UserEvent, username: string): Promise<void> {
  await fillForm(person, { Username: username, Password: 'not the password' });
  await person.click(button('Sign in'));
}

function signInPage(reply: Handlers['session.login']) {
  const api = fakeVigil({ 'session.login': reply });
  const person = renderApp(api);
  return { api, person };
}

describe('a wrong password from the network', () => {
  it('says so, counts down the wait, and holds Sign in back until it is over', async () => {
    const { api, person } = signInPage(() => wrong({ retryAt: NOW + 4000, locked: false }));
    await screen.findByRole('heading', { level: 1, name: 'Sign in to Vigil' });
    await signInAs(person, 'ada');

    await waitFor(() => expect(alertText()).toContain('Wrong username or password. Try again in 4 s.'));
    expect((button('Sign in') as HTMLButtonElement).disabled).toBe(true);
    // Enter in the password field sends nothing either while the wait lasts.
    await person.type(field('Password'), 'another guess{Enter}');
    expect(api.callsTo('session.login')).toHaveLength(1);

    passTime(1000);
    await waitFor(() => expect(alertText()).toContain('Try again in 3 s.'));
    passTime(3000);
    await waitFor(() => expect(alertText()).toContain('Wrong username or password. You can try again now.'));
    expect((button('Sign in') as HTMLButtonElement).disabled).toBe(false);
  });

  it('the seconds are not read out as they tick: only the refusal and the end of the wait are', async () => {
    const { person } = signInPage(() => wrong({ retryAt: NOW + 4000, locked: false }));
    await screen.findByRole('heading', { level: 1, name: 'Sign in to Vigil' });
    await signInAs(person, 'ada');
    const seconds = await screen.findByText('4 s');
    expect(seconds.getAttribute('aria-live')).toBe('off');
  });

  it('holds back only the name that earned the wait: another account may sign in at once', async () => {
    const { person } = signInPage(() => wrong({ retryAt: NOW + 8000, locked: false }));
    await screen.findByRole('heading', { level: 1, name: 'Sign in to Vigil' });
    await signInAs(person, 'ada');
    await waitFor(() => expect((button('Sign in') as HTMLButtonElement).disabled).toBe(true));
    await fill(person, field('Username'), 'bo');
    expect((button('Sign in') as HTMLButtonElement).disabled).toBe(false);
  });

  it('a wrong password with no wait (this computer) says what to do, and nothing waits', async () => {
    const { person } = signInPage(() => wrong());
    await screen.findByRole('heading', { level: 1, name: 'Sign in to Vigil' });
    await signInAs(person, 'ada');
    await waitFor(() => expect(alertText()).toContain('Wrong username or password. Check both, or ask an administrator to reset your password.'));
    expect((button('Sign in') as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('too many failed sign-ins', () => {
  it('from this address: a short pause, counted down, after which Sign in comes back', async () => {
    const { person } = signInPage(() => paused(NOW + 8000));
    await screen.findByRole('heading', { level: 1, name: 'Sign in to Vigil' });
    await signInAs(person, 'ada');
    await waitFor(() => expect(alertText()).toContain('Too many failed sign-ins from this address'));
    expect(alertText()).toContain('Try again in 8 s.');
    expect((button('Sign in') as HTMLButtonElement).disabled).toBe(true);
    passTime(8000);
    await waitFor(() => expect(alertText()).toContain('You can try again now.'));
    expect((button('Sign in') as HTMLButtonElement).disabled).toBe(false);
  });

  it('a lock: until when in local time, where it holds in main’s words, and the way out', async () => {
    const until = NOW + 15 * MINUTE;
    const { person } = signInPage(() => locked(until, 'on this computer'));
    await screen.findByRole('heading', { level: 1, name: 'Sign in to Vigil' });
    await signInAs(person, 'ada');

    await waitFor(() => expect(alertText()).toContain(`Locked until ${formatMoment(until, NOW)}`));
    const text = alertText();
    expect(text).toContain(`this account is locked on this computer until ${formatMoment(until, NOW)}`);
    expect(text).toContain('ask an administrator to reset the password');
    expect(text).toContain('An administrator locked out of every account can use the recovery command (README, “Locked out?”).');
    // The machine's spelling of the moment is not for people.
    expect(text).not.toContain(new Date(until).toISOString());
    expect((button('Sign in') as HTMLButtonElement).disabled).toBe(true);

    passTime(15 * MINUTE);
    await waitFor(() => expect(alertText()).toContain('The lock has ended'));
    expect((button('Sign in') as HTMLButtonElement).disabled).toBe(false);
  });

  it('the failure that earns the lock says so, with until when and the way out', async () => {
    const until = NOW + 15 * MINUTE;
    const { person } = signInPage(() => wrong({ retryAt: until, locked: true }));
    await screen.findByRole('heading', { level: 1, name: 'Sign in to Vigil' });
    await signInAs(person, 'ada');
    await waitFor(() => expect(alertText()).toContain(`Locked until ${formatMoment(until, NOW)}`));
    expect(alertText()).toContain('Wrong username or password. That was one failed sign-in too many');
    expect(alertText()).toContain('recovery command');
    expect(alertText()).not.toContain('Try again in');
    expect((button('Sign in') as HTMLButtonElement).disabled).toBe(true);
  });

  it('a lock from the network says so', async () => {
    const { person } = signInPage(() => locked(NOW + 30 * MINUTE, 'from your network address'));
    await screen.findByRole('heading', { level: 1, name: 'Sign in to Vigil' });
    await signInAs(person, 'ada');
    await waitFor(() => expect(alertText()).toContain('locked from your network address until'));
  });
});

describe('the lock screen', () => {
  async function lockedConsole(reply: Handlers['session.login']) {
    const me = user();
    const api = signedInAs(me, { 'session.login': reply });
    const person = renderApp(api);
    await screen.findByRole('heading', { level: 1, name: 'Connections' });
    await push(api, 'session.ended', { reason: 'idle' });
    await screen.findByRole('heading', { level: 1, name: 'Console locked' });
    await fill(person, field('Password'), 'not the password');
    await person.click(button('Unlock'));
    return api;
  }

  it('a wrong password with a wait counts it down and holds Unlock back', async () => {
    await lockedConsole(() => wrong({ retryAt: NOW + 2000, locked: false }));
    await waitFor(() => expect(alertText()).toContain('That password is not right. Try again in 2 s.'));
    expect((button('Unlock') as HTMLButtonElement).disabled).toBe(true);
    passTime(2000);
    await waitFor(() => expect((button('Unlock') as HTMLButtonElement).disabled).toBe(false));
  });

  it('a lock says until when, and Sign in as someone else stays open', async () => {
    const until = NOW + 15 * MINUTE;
    await lockedConsole(() => locked(until, 'on this computer'));
    await waitFor(() => expect(alertText()).toContain(`Locked until ${formatMoment(until, NOW)}`));
    expect((button('Unlock') as HTMLButtonElement).disabled).toBe(true);
    expect((button('Sign in as someone else') as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('changing your own password', () => {
  function accountConsole(reply: Handlers['session.changePassword']) {
    const api = signedInAs(user({ role: 'operator' }), { 'session.changePassword': reply });
    return { api, person: renderApp(api, '#/settings/account') };
  }

  async function change(person: UserEvent) {
    await findButton('Change password');
    await fillForm(person, { 'Current password': 'not it', 'New password': 'a much longer password', 'Confirm new password': 'a much longer password' });
    await person.click(button('Change password'));
  }

  it('a wrong current password is said on its field, with main’s wait in its words', async () => {
    const message = 'The current password is not right. Wait 2 s before trying again.';
    const { person } = accountConsole(() => fail('INVALID_INPUT', message, [{ path: ['currentPassword'], message }]));
    await change(person);
    await waitFor(() => expect(descriptionOf(field('Current password'))).toBe(message));
  });

  it('a lock is said as at sign-in, and the form waits it out', async () => {
    const until = NOW + 15 * MINUTE;
    const { api, person } = accountConsole(() => locked(until, 'on this computer'));
    await change(person);
    await waitFor(() => expect(alertText()).toContain(`Locked until ${formatMoment(until, NOW)}`));
    expect(alertText()).not.toContain(new Date(until).toISOString());
    expect((button('Change password') as HTMLButtonElement).disabled).toBe(true);
    await person.click(button('Change password'));
    expect(api.callsTo('session.changePassword')).toHaveLength(1);
  });
});

describe('first-run setup from another computer', () => {
  function firstRun(setupCodeRequired: boolean, more: Handlers = {}) {
    return fakeVigil({ 'setup.status': () => ok({ needsAdmin: true, setupCodeRequired, version: '0.1.0-test' }), ...more });
  }

  async function setUp(person: UserEvent, code?: string) {
    await screen.findByRole('button', { name: 'Create account' });
    if (code !== undefined) await fill(person, field('Setup code'), code);
    await fillForm(person, { Username: 'ada', 'Display name': 'Ada Admin', Password: 'correct horse battery', 'Confirm password': 'correct horse battery' });
    await person.click(screen.getByRole('button', { name: 'Create account' }));
  }

  it('asks for the setup code first when main wants it, and says where to find it', async () => {
    renderApp(firstRun(true));
    const code = await screen.findByLabelText('Setup code');
    expect(document.activeElement).toBe(code);
    expect(descriptionOf(code)).toContain('printed when it started');
    expect(descriptionOf(code)).toContain('Capitals, spaces and dashes do not matter');
    expect(pageText()).toContain('from another computer');
  });

  it('an empty code is caught before anything is sent', async () => {
    const api = firstRun(true);
    const person = renderApp(api);
    await screen.findByLabelText('Setup code');
    await setUp(person);
    expect(descriptionOf(field('Setup code'))).toBe('Enter the setup code');
    expect(api.callsTo('setup.createAdmin')).toEqual([]);
  });

  it('sends the code as typed, and main’s FORBIDDEN lands on its field', async () => {
    const message = 'This is not the setup code. Copy it again from the console that runs the Vigil host.';
    const api = firstRun(true, { 'setup.createAdmin': () => fail('FORBIDDEN', message, [{ path: ['setupCode'], message }]) });
    const person = renderApp(api);
    await setUp(person, '7kq2m xd0ra-9fj4t wb1hc');
    await waitFor(() => expect(descriptionOf(field('Setup code'))).toBe(message));
    expect(document.activeElement).toBe(field('Setup code'));
    expect(liveTexts('alert')).toEqual([]);
    expect(api.callsTo('setup.createAdmin')).toEqual([
      { username: 'ada', displayName: 'Ada Admin', password: 'correct horse battery', setupCode: '7kq2m xd0ra-9fj4t wb1hc' },
    ]);
  });

  it('at the host’s own computer there is no code to give', async () => {
    const admin = user();
    const api = firstRun(false, { 'setup.createAdmin': () => ok(admin), 'session.login': () => ok({ token: 't', ...session(admin) }), 'connections.list': () => ok({ connections: [] }), 'ehr.vendors': () => ok({ vendors: [] }), 'monitor.board': () => ok({ tiles: [] }) });
    const person = renderApp(api);
    await screen.findByRole('button', { name: 'Create account' });
    expect(screen.queryByLabelText('Setup code')).toBeNull();
    await setUp(person);
    await screen.findByRole('heading', { level: 1, name: 'Connections' });
    expect(api.callsTo('setup.createAdmin')).toEqual([{ username: 'ada', displayName: 'Ada Admin', password: 'correct horse battery' }]);
  });
});

describe('the users list', () => {
  it('says a lock holds for some sign-ins, until when, and what lifts it', async () => {
    const me = user();
    const bo = user({ id: 2, username: 'bo', displayName: 'Bo', role: 'operator', lockedUntil: NOW + 10 * MINUTE });
    renderApp(signedInAs(me, { 'users.list': () => ok({ users: [me, bo] }) }), '#/settings/users');
    await findButton('Disable bo');
    const row = tableRows('Users')[1] ?? '';
    expect(row).toContain(`Locked for some sign-ins until ${formatMoment(NOW + 10 * MINUTE, NOW)}`);
    expect(row).toContain('Resetting the password lifts every lock.');
    expect(textOf(screen.getByRole('table', { name: 'Users' }))).not.toContain('Locked until');
  });
});
