// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD_MIN_LENGTH } from '../../../src-shared/contract';
import { formatMoment } from '../../../src-renderer/lib/format';
import {
  alerts,
  button,
  byLabel,
  cleanup,
  click,
  descriptionOf,
  fail,
  fakeVigil,
  fill,
  fillForm,
  heading,
  navLinks,
  ok,
  pageText,
  renderApp,
  session,
  user,
  waitFor,
  type Handlers,
} from './harness';

afterEach(cleanup);

/** Main on a first start: no accounts yet. */
function firstRun(more: Handlers = {}) {
  return fakeVigil({ 'setup.status': () => ok({ needsAdmin: true, setupCodeRequired: false, version: '0.1.0-test' }), ...more });
}

/** The setup form, filled in and sent. */
async function setUp(values: { username: string; displayName: string; password: string; confirm?: string }): Promise<void> {
  await waitFor(() => button('Create account'));
  await fillForm({ Username: values.username, 'Display name': values.displayName, Password: values.password, 'Confirm password': values.confirm ?? values.password });
  await click(button('Create account'));
}

describe('first-run setup', () => {
  it('asks for the first administrator when setup.status says needsAdmin', async () => {
    await renderApp(firstRun());
    await waitFor(() => expect(heading()).toBe('Set up Vigil'));
    for (const label of ['Username', 'Display name', 'Password', 'Confirm password']) expect(byLabel(label)).toBeTruthy();
    expect(descriptionOf(byLabel('Password'))).toContain(`at least ${PASSWORD_MIN_LENGTH} characters`);
    expect(descriptionOf(byLabel('Username'))).toContain('lower-case letters');
  });

  it("checks the contract's rules before sending, next to each field", async () => {
    const api = firstRun();
    await renderApp(api);
    await setUp({ username: 'Ada', displayName: 'Ada Admin', password: 'short', confirm: 'different' });

    expect(descriptionOf(byLabel('Username'))).toContain('Use lower-case letters: "ada", not "Ada"');
    expect(descriptionOf(byLabel('Password'))).toContain(`Use at least ${PASSWORD_MIN_LENGTH} characters`);
    expect(descriptionOf(byLabel('Confirm password'))).toContain('not the same');
    expect(byLabel('Display name').getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(byLabel('Username'));
    expect(api.callsTo('setup.createAdmin')).toEqual([]);
  });

  it('an error takes the place of the hint: one message per field, and an empty username asks for one', async () => {
    await renderApp(firstRun());
    await waitFor(() => button('Create account'));
    await fill('Password', 'short');
    await click(button('Create account'));

    expect(descriptionOf(byLabel('Username'))).toBe('Enter a username');
    expect(descriptionOf(byLabel('Password'))).toBe(`Use at least ${PASSWORD_MIN_LENGTH} characters`);
    expect(pageText()).not.toContain(`Use at least ${PASSWORD_MIN_LENGTH} characters.`);
    expect(pageText()).not.toContain('lower-case letters');
  });

  it('creates the admin, signs in with it and opens the console', async () => {
    const admin = user({ username: 'ada' });
    const api = firstRun({
      'setup.createAdmin': () => ok(admin),
      'session.login': () => ok({ token: 't', ...session(admin) }),
      'connections.list': () => ok({ connections: [] }),
      'ehr.vendors': () => ok({ vendors: [] }),
    });
    await renderApp(api);
    await setUp({ username: 'ada', displayName: 'Ada Admin', password: 'correct horse battery' });

    await waitFor(() => expect(heading()).toBe('Connections'));
    expect(navLinks()).toContain('Audit');
    expect(api.callsTo('setup.createAdmin')).toEqual([{ username: 'ada', displayName: 'Ada Admin', password: 'correct horse battery' }]);
    expect(api.callsTo('session.login')).toEqual([{ username: 'ada', password: 'correct horse battery' }]);
  });

  it('puts an INVALID_INPUT issue from main next to the field its path names', async () => {
    const api = firstRun({
      'setup.createAdmin': () => fail('INVALID_INPUT', 'Enter a name', [{ path: ['displayName'], message: 'That name is reserved' }]),
    });
    await renderApp(api);
    await setUp({ username: 'ada', displayName: 'system', password: 'correct horse battery' });

    await waitFor(() => expect(descriptionOf(byLabel('Display name'))).toContain('That name is reserved'));
    expect(byLabel('Display name').getAttribute('aria-invalid')).toBe('true');
    expect(byLabel('Username').getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(byLabel('Display name'));
  });
});

describe('sign-in errors in plain words', () => {
  async function signInAgainst(reply: ReturnType<typeof fail>) {
    const api = fakeVigil({ 'session.login': () => reply });
    await renderApp(api);
    await waitFor(() => expect(heading()).toBe('Sign in to Vigil'));
    await fillForm({ Username: 'ada', Password: 'whatever it is' });
    await click(button('Sign in'));
    await waitFor(() => expect(alerts().length).toBe(1));
    return { api, alert: alerts()[0] ?? '' };
  }

  it('UNAUTHENTICATED says wrong username or password, and empties the password', async () => {
    const { alert } = await signInAgainst(fail('UNAUTHENTICATED', 'Wrong username or password.'));
    // What to do next, too: nobody at a console can look up a password.
    expect(alert).toContain('Wrong username or password. Check both, or ask an administrator to reset your password.');
    expect((byLabel('Password') as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(byLabel('Password'));
  });

  it('LOCKED says when the account unlocks', async () => {
    const until = Date.now() + 15 * 60_000;
    const { alert } = await signInAgainst(fail('LOCKED', `locked until ${until}`, { lockedUntil: until }));
    expect(alert).toContain('locked after too many failed sign-ins');
    expect(alert).toContain(`unlocks at ${formatMoment(until)}`);
    expect(alert).not.toContain(String(until));
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
    await renderApp(api);
    await waitFor(() => expect(heading()).toBe('Vigil is not answering'));
    expect(pageText()).toContain('Vigil cannot reach its host');
    expect(button('Try again')).toBeTruthy();
  });

  it('empty fields are caught before anything is sent', async () => {
    const api = fakeVigil();
    await renderApp(api);
    await waitFor(() => button('Sign in'));
    await click(button('Sign in'));
    expect(descriptionOf(byLabel('Username'))).toContain('Enter your username');
    expect(api.callsTo('session.login')).toEqual([]);
  });
});
