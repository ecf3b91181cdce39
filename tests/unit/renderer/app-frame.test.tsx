// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DONE_MESSAGE_MS } from '../../../src-renderer/lib/use-dialogs';
import type { AuditEntry, UserSummary } from '../../../src-shared/contract';
import { DEFAULT_ALERT_RULE_SETTINGS } from '../../../src-shared/monitoring';
import {
  alerts,
  button,
  byLabel,
  cleanup,
  click,
  descriptionOf,
  fail,
  fill,
  fillForm,
  heading,
  navLink,
  navLinks,
  ok,
  pageText,
  push,
  queryButton,
  renderApp,
  session,
  signedInAs,
  statusTexts,
  tableRows,
  user,
  waitFor,
  type Handlers,
} from './harness';

afterEach(cleanup);

const systemInfo = {
  version: '0.1.0-test',
  platform: 'linux',
  nodeVersion: 'v20.20.2',
  dataDir: '/var/lib/vigil',
  databaseBytes: 2_400_000,
  schemaVersion: 3,
  auditEntries: 12,
  keychain: 'available',
  startedAt: Date.UTC(2025, 10, 23),
};

/** Signed in, with main answering every screen these tests open. */
function consoleFor(u: UserSummary, more: Handlers = {}) {
  return signedInAs(u, {
    'system.info': () => ok(systemInfo),
    'users.list': () => ok({ users: [u] }),
    'audit.list': () => ok({ entries: [], total: 0, nextBeforeSeq: null }),
    'monitor.rules': () => ok(DEFAULT_ALERT_RULE_SETTINGS),
    ...more,
  });
}

const NEW_BOB = { Username: 'bob', 'Display name': 'Bob', Password: 'twelve chars ok', 'Confirm password': 'twelve chars ok' };

function entry(seq: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    seq,
    time: Date.UTC(2025, 10, 20, 8, 0, seq),
    actor: 'ada',
    action: 'users.create',
    target: `user:${seq}`,
    outcome: 'ok',
    detail: { role: 'operator' },
    prevHash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
    ...overrides,
  };
}

describe('navigation follows the role', () => {
  it('an operator sees Connections, Alerts and Settings → Maintenance windows, Alert rules, Account and About, and lands on Connections', async () => {
    await renderApp(consoleFor(user({ role: 'operator', username: 'otto', displayName: 'Otto Operator' })));
    await waitFor(() => expect(heading()).toBe('Connections'));
    expect(navLinks()).toEqual(['Connections', 'Alerts', 'Settings', 'Maintenance windows', 'Alert rules', 'Account', 'About this console']);
    expect(pageText()).toContain('Otto Operator');
    expect(pageText()).toContain('NOC operator');
  });

  it('a safety officer gets Connections and Audit but no Users', async () => {
    await renderApp(consoleFor(user({ role: 'safety_officer' })));
    await waitFor(() => expect(heading()).toBe('Connections'));
    expect(navLinks()).toEqual(['Connections', 'Alerts', 'Audit', 'Settings', 'Alert rules', 'Account', 'About this console']);
  });

  it('an admin gets Audit, Users, Notifications, Maintenance windows, Alert rules and the Sandbox EHR', async () => {
    await renderApp(consoleFor(user({ role: 'admin' })));
    await waitFor(() => expect(heading()).toBe('Connections'));
    expect(navLinks()).toEqual([
      'Connections',
      'Alerts',
      'Audit',
      'Settings',
      'Users',
      'Notifications',
      'Maintenance windows',
      'Alert rules',
      'Sandbox EHR',
      'Account',
      'About this console',
    ]);
    expect(navLink('Connections').getAttribute('aria-current')).toBe('page');
  });

  it('a reload on a screen the role may not see shows the first allowed one in its group', async () => {
    const api = consoleFor(user({ role: 'support_tech' }));
    await renderApp(api, '#/settings/users');
    await waitFor(() => expect(heading()).toBe('Alert rules'));
    expect(window.location.hash).toBe('#/settings/rules');
    expect(api.callsTo('users.list')).toEqual([]);
  });

  it('following a nav link shows that screen and marks it current', async () => {
    await renderApp(consoleFor(user({ role: 'admin' })));
    await waitFor(() => navLink('Users'));
    await click(navLink('Users'));
    await waitFor(() => expect(heading()).toBe('Users'));
    expect(navLink('Users').getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(document.querySelector('table caption')?.textContent).toBe('Users'));
  });
});

describe('account changes pushed by main', () => {
  it('a role granted by an admin shows up in the navigation without signing in again', async () => {
    const me = user({ role: 'operator' });
    const api = consoleFor(me);
    await renderApp(api);
    await waitFor(() => expect(heading()).toBe('Connections'));
    expect(navLinks()).not.toContain('Audit');
    await push(api, 'session.updated', { user: { ...me, role: 'safety_officer' } });
    await waitFor(() => expect(navLinks()).toContain('Audit'));
    expect(pageText()).toContain('Clinical safety officer');
  });
});

describe('lock screen', () => {
  it('session.ended idle locks, and the same user signs back in to the same screen', async () => {
    const me = user({ role: 'operator', username: 'otto', displayName: 'Otto Operator' });
    const api = consoleFor(me, { 'session.login': () => ok({ token: 't2', ...session(me) }) });
    await renderApp(api);
    await waitFor(() => navLink('About this console'));
    await click(navLink('About this console'));
    await waitFor(() => expect(heading()).toBe('About this console'));

    await push(api, 'session.ended', { reason: 'idle' });
    await waitFor(() => expect(heading()).toBe('Console locked'));
    expect(pageText()).toContain('Otto Operator');
    expect(pageText()).toContain('without activity');
    expect(document.querySelector('nav')).toBeNull();
    expect(button('Sign in as someone else')).toBeTruthy();

    await fill('Password', 'the right one');
    await click(button('Unlock'));
    await waitFor(() => expect(heading()).toBe('About this console'));
    expect(api.callsTo('session.login')).toEqual([{ username: 'otto', password: 'the right one' }]);
  });

  it('a wrong password on the lock screen says so and stays locked', async () => {
    const me = user();
    const api = consoleFor(me, { 'session.login': () => fail('UNAUTHENTICATED', 'Wrong username or password.') });
    await renderApp(api);
    await waitFor(() => expect(heading()).toBe('Connections'));
    await push(api, 'session.ended', { reason: 'idle' });
    await waitFor(() => button('Unlock'));
    await fill('Password', 'wrong');
    await click(button('Unlock'));
    await waitFor(() => expect(alerts().join(' ')).toContain('That password is not right'));
    expect(heading()).toBe('Console locked');
  });

  it('a call answered UNAUTHENTICATED while signed in locks too', async () => {
    const api = consoleFor(user(), { 'users.list': () => fail('UNAUTHENTICATED', 'Your session has ended. Sign in again.') });
    await renderApp(api);
    await waitFor(() => navLink('Users'));
    await click(navLink('Users'));
    await waitFor(() => expect(heading()).toBe('Console locked'));
  });

  it('"Sign in as someone else" goes to the sign-in form', async () => {
    const api = consoleFor(user());
    await renderApp(api);
    await waitFor(() => expect(heading()).toBe('Connections'));
    await push(api, 'session.ended', { reason: 'idle' });
    await waitFor(() => button('Sign in as someone else'));
    await click(button('Sign in as someone else'));
    await waitFor(() => expect(heading()).toBe('Sign in to Vigil'));
  });

  it('a disabled account is signed out with the reason, not locked', async () => {
    const api = consoleFor(user({ role: 'operator' }));
    await renderApp(api);
    await waitFor(() => expect(heading()).toBe('Connections'));
    await push(api, 'session.ended', { reason: 'disabled' });
    await waitFor(() => expect(heading()).toBe('Sign in to Vigil'));
    expect(pageText()).toContain('an administrator disabled your account');
  });
});

describe('account', () => {
  it("puts main's INVALID_INPUT on the current-password field and leaves the others alone", async () => {
    const api = consoleFor(user({ role: 'operator' }), {
      'session.changePassword': () =>
        fail('INVALID_INPUT', 'The current password is not right.', [
          { path: ['currentPassword'], message: 'The current password is not right.' },
        ]),
    });
    await renderApp(api, '#/settings/account');
    await waitFor(() => button('Change password'));
    await fillForm({ 'Current password': 'not it', 'New password': 'a much longer password', 'Confirm new password': 'a much longer password' });
    await click(button('Change password'));

    const current = byLabel('Current password');
    await waitFor(() => expect(current.getAttribute('aria-invalid')).toBe('true'));
    const errorId = current.getAttribute('aria-describedby')?.split(' ')[0] ?? '';
    expect(document.getElementById(errorId)?.textContent).toContain('The current password is not right.');
    expect(byLabel('New password').getAttribute('aria-invalid')).toBeNull();
    expect(alerts()).toEqual([]);
    expect(document.activeElement).toBe(current);
  });
});

describe('users (admin)', () => {
  it('shows each status in words, and offers no control the host would refuse', async () => {
    const me = user();
    const locked = user({ id: 2, username: 'bo', displayName: 'Bo', role: 'operator', lockedUntil: Date.now() + 600_000 });
    const off = user({ id: 3, username: 'cy', displayName: 'Cy', role: 'support_tech', disabled: true });
    const api = consoleFor(me, { 'users.list': () => ok({ users: [me, locked, off] }) });
    await renderApp(api, '#/settings/users');
    await waitFor(() => button('Disable bo'));
    const rows = tableRows('Users');
    expect(rows[0]).toContain('Active');
    expect(rows[1]).toContain('Locked until');
    expect(rows[2]).toContain('Disabled');

    // Your own account: not disabled from here, and its password changes on Account.
    expect(queryButton('Disable ada')).toBeNull();
    expect(queryButton('Reset password for ada')).toBeNull();
    expect(rows[0]).toContain('Change your password');
    // The only active administrator keeps the role: no picker that could only be refused.
    expect(document.getElementById('role-1')).toBeNull();
    expect(rows[0]).toContain('The only active administrator');
    expect(byLabel('Role for bo')).toBeTruthy();
    expect(button('Enable cy')).toBeTruthy();
  });

  it('with a second active administrator, both can have their role changed and the other can be disabled', async () => {
    const me = user();
    const eve = user({ id: 2, username: 'eve', displayName: 'Eve', role: 'admin' });
    await renderApp(consoleFor(me, { 'users.list': () => ok({ users: [me, eve] }) }), '#/settings/users');
    await waitFor(() => button('Disable eve'));
    expect(byLabel('Role for ada')).toBeTruthy();
    expect(byLabel('Role for eve')).toBeTruthy();
    expect(queryButton('Disable ada')).toBeNull();
  });

  it('a refusal from the host is shown in the dialog, in its words', async () => {
    const me = user();
    const bo = user({ id: 2, username: 'bo', displayName: 'Bo', role: 'operator' });
    const api = consoleFor(me, {
      'users.list': () => ok({ users: [me, bo] }),
      'users.disable': () => fail('CONFLICT', 'bo is busy being refused.'),
    });
    await renderApp(api, '#/settings/users');
    await waitFor(() => button('Disable bo'));
    await click(button('Disable bo'));
    await waitFor(() => button('Disable account'));
    await click(button('Disable account'));
    await waitFor(() => expect(document.querySelector('dialog [role="alert"]')?.textContent).toContain('bo is busy being refused.'));
  });

  it('the new-account form says what each role may do, and "Created …" goes away with the next action', async () => {
    const bob = user({ id: 2, username: 'bob', displayName: 'Bob', role: 'support_tech' });
    const api = consoleFor(user(), { 'users.create': () => ok(bob) });
    await renderApp(api, '#/settings/users');
    await waitFor(() => expect(pageText()).toContain('What each role may do'));
    await click(button('New account'));
    const operator = byLabel('NOC operator') as HTMLInputElement;
    expect(operator.checked).toBe(true);
    expect(descriptionOf(operator)).toBe('Watch connections, acknowledge alerts, run diagnostics, tune monitoring (pauses, maintenance, alert rules), triage tickets and comment on tickets.');
    expect(descriptionOf(byLabel('Administrator'))).toContain('manage accounts');
    expect(descriptionOf(byLabel('Clinical safety officer'))).toContain('review the audit trail');

    await fillForm(NEW_BOB);
    await click(byLabel('Support technician'));
    await click(button('Create account'));
    await waitFor(() => expect(statusTexts()).toContain('Created bob (Support technician). They can sign in now.'));
    expect(api.callsTo('users.create')).toEqual([{ username: 'bob', displayName: 'Bob', role: 'support_tech', password: 'twelve chars ok' }]);

    await click(button('New account'));
    expect(pageText()).not.toContain('Created bob');
  });

  it('"Created …" also goes away by itself after a while', async () => {
    const bob = user({ id: 2, username: 'bob', displayName: 'Bob', role: 'operator' });
    await renderApp(consoleFor(user(), { 'users.create': () => ok(bob) }), '#/settings/users');
    await waitFor(() => button('New account'));
    await click(button('New account'));
    await fillForm(NEW_BOB);
    // Fake timers that still run with the clock, so waitFor keeps working; the jump is what counts.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    try {
      await click(button('Create account'));
      await waitFor(() => expect(pageText()).toContain('Created bob'));
      await act(async () => vi.advanceTimersByTime(DONE_MESSAGE_MS - 1000));
      expect(pageText()).toContain('Created bob');
      await act(async () => vi.advanceTimersByTime(1000));
    } finally {
      vi.useRealTimers();
    }
    expect(pageText()).not.toContain('Created bob');
    // The live region stays, empty, ready for the next message.
    expect(document.querySelector('.done-message')?.getAttribute('role')).toBe('status');
  });

  it('a taken username comes back next to the Username field of the new-account form', async () => {
    const api = consoleFor(user(), {
      'users.create': () => fail('CONFLICT', 'The username "bob" is already taken.'),
    });
    await renderApp(api);
    await waitFor(() => navLink('Users'));
    await click(navLink('Users'));
    await waitFor(() => button('New account'));
    await click(button('New account'));
    await fillForm(NEW_BOB);
    await click(byLabel('Support technician'));
    await click(button('Create account'));
    await waitFor(() => expect(byLabel('Username').getAttribute('aria-invalid')).toBe('true'));
    expect(api.callsTo('users.create')).toEqual([{ username: 'bob', displayName: 'Bob', role: 'support_tech', password: 'twelve chars ok' }]);
    expect(pageText()).toContain('already taken');
  });
});

describe('audit', () => {
  it('pages back with nextBeforeSeq and reports a broken chain with its entry', async () => {
    const api = consoleFor(user({ role: 'safety_officer' }), {
      'audit.list': (input) =>
        input.beforeSeq === 2
          ? ok({ entries: [entry(1, { outcome: 'FORBIDDEN', detail: null })], total: 3, nextBeforeSeq: null })
          : ok({ entries: [entry(3), entry(2)], total: 3, nextBeforeSeq: 2 }),
      'audit.verify': () => ok({ ok: false, checked: 3, firstBadSeq: 2, reason: 'hash does not match' }),
    });
    await renderApp(api, '#/audit');
    await waitFor(() => expect(document.querySelectorAll('tbody tr').length).toBe(2));
    expect(pageText()).toContain('Showing 2 of 3 entries');

    await click(button('Load older'));
    await waitFor(() => expect(document.querySelectorAll('tbody tr').length).toBe(3));
    expect(document.querySelector('tbody tr:last-child')?.textContent).toContain('Refused: not allowed');
    expect(queryButton('Load older')).toBeNull();

    await click(button('Verify chain'));
    await waitFor(() => expect(alerts().join(' ')).toContain('Chain broken at entry #2: hash does not match'));
  });

  it('applies filters to the query', async () => {
    const api = consoleFor(user({ role: 'admin' }));
    await renderApp(api, '#/audit');
    await waitFor(() => button('Apply filters'));
    await fill('Actor', '  bo ');
    await click(button('Apply filters'));
    await waitFor(() => expect(api.callsTo('audit.list').at(-1)).toEqual({ actor: 'bo', limit: 50 }));
  });

  it('reads From and To the way the table writes times, To taking in the whole minute or day typed', async () => {
    const api = consoleFor(user({ role: 'admin' }));
    await renderApp(api, '#/audit');
    await waitFor(() => button('Apply filters'));
    expect(descriptionOf(byLabel('From'))).toBe('YYYY-MM-DD hh:mm');
    await fill('From', '2026-11-23 14:05');
    await fill('To', '2026-11-24');
    await click(button('Apply filters'));
    await waitFor(() =>
      expect(api.callsTo('audit.list').at(-1)).toEqual({
        from: new Date(2026, 10, 23, 14, 5).getTime(),
        to: new Date(2026, 10, 25).getTime(),
        limit: 50,
      }),
    );
    // Shown back as typed after a trip to another screen.
    await click(navLink('Account'));
    await waitFor(() => expect(heading()).toBe('Account'));
    await click(navLink('Audit'));
    await waitFor(() => expect((byLabel('To') as HTMLInputElement).value).toBe('2026-11-24'));
    expect((byLabel('From') as HTMLInputElement).value).toBe('2026-11-23 14:05');
  });

  it('a time not in the format is refused next to its field, in words that show the format', async () => {
    const api = consoleFor(user({ role: 'admin' }));
    await renderApp(api, '#/audit');
    await waitFor(() => button('Apply filters'));
    const before = api.callsTo('audit.list').length;
    await fill('From', '11/23/2026');
    await click(button('Apply filters'));
    expect(descriptionOf(byLabel('From'))).toBe('Enter a date and time as YYYY-MM-DD hh:mm, for example 2026-11-23 14:05');
    expect(document.activeElement).toBe(byLabel('From'));
    expect(api.callsTo('audit.list')).toHaveLength(before);
  });

  it('Verify chain says when it checked, and that the check is out of date once new entries arrive', async () => {
    const api = consoleFor(user({ role: 'admin' }), {
      'audit.list': () => ok({ entries: [entry(2), entry(1)], total: 2, nextBeforeSeq: null }),
      'audit.verify': () => ok({ ok: true, checked: 2, firstBadSeq: null, reason: null }),
    });
    await renderApp(api, '#/audit');
    await waitFor(() => button('Verify chain'));
    expect(api.callsTo('audit.verify')).toEqual([]);
    await click(button('Verify chain'));
    await waitFor(() => expect(pageText()).toMatch(/Chain intact — 2 entries checked at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/));
    expect(pageText()).not.toContain('New entries were added');

    await push(api, 'audit.appended', { lastSeq: 3 });
    await waitFor(() => expect(pageText()).toContain('Chain was intact — 2 entries checked at'));
    expect(pageText()).toContain('New entries were added after this check. Verify chain again to include them.');
    // Marked, not re-run: the check stays something people ask for.
    expect(api.callsTo('audit.verify')).toHaveLength(1);

    await click(button('Verify chain'));
    await waitFor(() => expect(pageText()).not.toContain('New entries were added'));
    expect(api.callsTo('audit.verify')).toHaveLength(2);
  });
});
