// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN_LENGTH } from '../../../src-shared/contract';
import {
  descriptionOf,
  fail,
  fakeVigil,
  fill,
  fillForm,
  heading,
  liveTexts,
  navLinks,
  ok,
  pageText,
  renderApp,
  session,
  user,
  type Handlers,
} from './harness';

/** Main on a first start: no accounts yet. */
function firstRun(more: Handlers = {}) {
  return fakeVigil({ 'setup.status': () => ok({ needsAdmin: true, setupCodeRequired: false, version: '0.1.0-test' }), ...more });
}

const field = (label: string) => screen.getByLabelText(label);

/** The setup form, filled in and sent. */
async function setUp(person: UserEvent, values: { username: string; displayName: string; password: string; confirm?: string }): Promise<void> {
  await screen.findByRole('button', { name: 'Create account' });
  await fillForm(person, { Username: values.username, 'Display name': values.displayName, Password: values.password, 'Confirm password': values.confirm ?? values.password });
  await person.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('first-run setup', () => {
  it('asks for the first administrator when setup.status says needsAdmin', async () => {
    renderApp(firstRun());
    expect(await screen.findByRole('heading', { level: 1, name: 'Set up Vigil' })).toBeTruthy();
    for (const label of ['Username', 'Display name', 'Password', 'Confirm password']) expect(field(label)).toBeTruthy();
    expect(descriptionOf(field('Password'))).toContain(`at least ${PASSWORD_MIN_LENGTH} characters`);
    expect(descriptionOf(field('Username'))).toContain('lower-case letters');
  });

  it("checks the contract's rules before sending, next to each field", async () => {
    const api = firstRun();
    const person = renderApp(api);
    await setUp(person, { username: 'Ada', displayName: 'Ada Admin', password: 'short', confirm: 'different' });

    expect(descriptionOf(field('Username'))).toContain('Use lower-case letters: "ada", not "Ada"');
    expect(descriptionOf(field('Password'))).toContain(`Use at least ${PASSWORD_MIN_LENGTH} characters`);
    expect(descriptionOf(field('Confirm password'))).toContain('not the same');
    expect(field('Display name').getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(field('Username'));
    expect(api.callsTo('setup.createAdmin')).toEqual([]);
  });

  it('an error takes the place of the hint: one message per field, and an empty username asks for one', async () => {
    const person = renderApp(firstRun());
    await fill(person, await screen.findByLabelText('Password'), 'short');
    await person.click(screen.getByRole('button', { name: 'Create account' }));

    expect(descriptionOf(field('Username'))).toBe('Enter a username');
    expect(descriptionOf(field('Password'))).toBe(`Use at least ${PASSWORD_MIN_LENGTH} characters`);
    expect(pageText()).not.toContain(`Use at least ${PASSWORD_MIN_LENGTH} characters.`);
    expect(pageText()).not.toContain('lower-case letters');
  });

  it('Enter in the last field sends the form', async () => {
    const admin = user({ username: 'ada' });
    const api = firstRun({ 'setup.createAdmin': () => ok(admin), 'session.login': () => ok({ token: 't', ...session(admin) }) });
    const person = renderApp(api);
    await screen.findByRole('button', { name: 'Create account' });
    await fillForm(person, { Username: 'ada', 'Display name': 'Ada Admin', Password: 'correct horse battery' });
    await person.type(field('Confirm password'), 'correct horse battery{Enter}');
    await screen.findByRole('heading', { level: 1, name: 'Connections' });
    expect(api.callsTo('setup.createAdmin')).toEqual([{ username: 'ada', displayName: 'Ada Admin', password: 'correct horse battery' }]);
  });

  it('creates the admin, signs in with it and opens the console', async () => {
    const admin = user({ username: 'ada' });
    const api = firstRun({
      'setup.createAdmin': () => ok(admin),
      'session.login': () => ok({ token: 't', ...session(admin) }),
      'connections.list': () => ok({ connections: [] }),
      'ehr.vendors': () => ok({ vendors: [] }),
    });
    const person = renderApp(api);
    await setUp(person, { username: 'ada', displayName: 'Ada Admin', password: 'correct horse battery' });

    await screen.findByRole('heading', { level: 1, name: 'Connections' });
    expect(navLinks()).toContain('Audit');
    expect(api.callsTo('setup.createAdmin')).toEqual([{ username: 'ada', displayName: 'Ada Admin', password: 'correct horse battery' }]);
    expect(api.callsTo('session.login')).toEqual([{ username: 'ada', password: 'correct horse battery' }]);
  });

  it('puts an INVALID_INPUT issue from main next to the field its path names', async () => {
    const api = firstRun({
      'setup.createAdmin': () => fail('INVALID_INPUT', 'Enter a name', [{ path: ['displayName'], message: 'That name is reserved' }]),
    });
    const person = renderApp(api);
    await setUp(person, { username: 'ada', displayName: 'system', password: 'correct horse battery' });

    await waitFor(() => expect(descriptionOf(field('Display name'))).toContain('That name is reserved'));
    expect(field('Display name').getAttribute('aria-invalid')).toBe('true');
    expect(field('Username').getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(field('Display name'));
  });
});

describe('sign-in errors in plain words', () => {
  async function signInAgainst(reply: ReturnType<typeof fail>) {
    const api = fakeVigil({ 'session.login': () => reply });
    const person = renderApp(api);
    await screen.findByRole('heading', { level: 1, name: 'Sign in to Vigil' });
    await fillForm(person, { Username: 'ada', Password: 'whatever it is' });
    await person.click(screen.getByRole('button', { name: 'Sign in' }));
    const [alert] = await screen.findAllByRole('alert');
    expect(liveTexts('alert')).toHaveLength(1);
    return { api, alert: alert?.textContent ?? '' };
  }

  it('UNAUTHENTICATED says wrong username or password, and empties the password', async () => {
    const { alert } = await signInAgainst(fail('UNAUTHENTICATED', 'Wrong username or password.'));
    // What to do next, too: nobody at a console can look up a password.
    expect(alert).toContain('Wrong username or password. Check both, or ask an administrator to reset your password.');
    expect((field('Password') as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(field('Password'));
    expect(field('Password').getAttribute('aria-invalid')).toBe('true');
  });

  it('a disabled account is named as such', async () => {
    const { alert } = await signInAgainst(fail('FORBIDDEN', 'This account is disabled. Ask an administrator to enable it.'));
    expect(alert).toContain('This account is disabled');
  });

  it("an unreachable host says so, in the bridge's words", async () => {
    const { alert } = await signInAgainst(
      fail('UNAVAILABLE', 'Cannot reach the Vigil host at http://127.0.0.1:4870. Check that it is still running.'),
    );
    expect(alert).toContain('Cannot reach the Vigil host');
  });

  it('a transport that throws is reported as unreachable, not as a crash', async () => {
    const api = fakeVigil();
    api.invoke = () => Promise.reject(new Error('socket hang up'));
    renderApp(api);
    await screen.findByRole('heading', { level: 1, name: 'Vigil is not answering' });
    expect(pageText()).toContain('Vigil cannot reach its host');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('empty fields are caught before anything is sent, and focus goes to the first', async () => {
    const api = fakeVigil();
    const person = renderApp(api);
    await person.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(descriptionOf(field('Username'))).toContain('Enter your username');
    expect(descriptionOf(field('Password'))).toContain('Enter your password');
    expect(document.activeElement).toBe(field('Username'));
    expect(api.callsTo('session.login')).toEqual([]);
  });

  it('Enter in the password field signs in', async () => {
    const me = user();
    const api = fakeVigil({ 'session.login': () => ok({ token: 't', ...session(me) }) });
    const person = renderApp(api);
    await fill(person, await screen.findByLabelText('Username'), 'ada');
    await person.type(field('Password'), 'the right one{Enter}');
    await screen.findByRole('heading', { level: 1, name: 'Connections' });
    expect(api.callsTo('session.login')).toEqual([{ username: 'ada', password: 'the right one' }]);
    expect(heading()).toBe('Connections');
  });
});
