// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ACTIVITY_REPORT_EVERY_MS } from '../../../src-renderer/api/activity';
import { DONE_MESSAGE_MS } from '../../../src-renderer/lib/use-dialogs';
import type { AuditEntry, UserSummary } from '../../../src-shared/contract';
import { DEFAULT_ALERT_RULE_SETTINGS } from '../../../src-shared/monitoring';
import {
  button,
  descriptionOf,
  fail,
  fill,
  fillForm,
  findButton,
  heading,
  liveTexts,
  navLink,
  navLinks,
  NOW,
  ok,
  pageText,
  push,
  queryButton,
  renderApp,
  session,
  signedInAs,
  tableRows,
  user,
  type Handlers,
} from './harness';

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

const field = (label: string) => screen.getByLabelText(label);
const findScreen = (name: string) => screen.findByRole('heading', { level: 1, name });

describe('navigation follows the role', () => {
  it('an operator sees Connections, Alerts, Triage, Knowledge, KPIs, Safety, Runbooks and Settings → Maintenance windows, Alert rules, Account and About, and lands on Connections', async () => {
    renderApp(consoleFor(user({ role: 'operator', username: 'otto', displayName: 'Otto Operator' })));
    await findScreen('Connections');
    expect(navLinks()).toEqual(['Connections', 'Alerts', 'Triage', 'Knowledge', 'KPIs', 'Safety', 'Runbooks', 'Settings', 'Maintenance windows', 'Alert rules', 'Account', 'About this console']);
    expect(pageText()).toContain('Otto Operator');
    expect(pageText()).toContain('NOC operator');
  });

  it('a safety officer gets Connections, Triage, Knowledge, KPIs, Safety, Audit and Runbooks but no Users', async () => {
    renderApp(consoleFor(user({ role: 'safety_officer' })));
    await findScreen('Connections');
    expect(navLinks()).toEqual(['Connections', 'Alerts', 'Triage', 'Knowledge', 'KPIs', 'Safety', 'Audit', 'Runbooks', 'Settings', 'Alert rules', 'Account', 'About this console']);
  });

  it('an admin gets Audit, Runbooks, Users, Notifications, Network, Maintenance windows, Wall displays, Alert rules, Runbook settings, the Sandbox EHR and Team', async () => {
    renderApp(consoleFor(user({ role: 'admin' })));
    await findScreen('Connections');
    expect(navLinks()).toEqual([
      'Connections',
      'Alerts',
      'Triage',
      'Knowledge',
      'KPIs',
      'Safety',
      'Audit',
      'Runbooks',
      'Settings',
      'Users',
      'Notifications',
      'Network',
      'Maintenance windows',
      'Wall displays',
      'Alert rules',
      'Runbook settings',
      'Sandbox EHR',
      'Team',
      'Account',
      'About this console',
    ]);
    expect(navLink('Connections').getAttribute('aria-current')).toBe('page');
  });

  it('a reload on a screen the role may not see shows the first allowed one in its group', async () => {
    const api = consoleFor(user({ role: 'support_tech' }));
    renderApp(api, '#/settings/users');
    await findScreen('Alert rules');
    expect(window.location.hash).toBe('#/settings/rules');
    expect(api.callsTo('users.list')).toEqual([]);
  });

  it('following a nav link shows that screen, marks it current and puts focus on its heading', async () => {
    const person = renderApp(consoleFor(user({ role: 'admin' })));
    await findScreen('Connections');
    await person.click(navLink('Users'));
    await findScreen('Users');
    expect(navLink('Users').getAttribute('aria-current')).toBe('page');
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
    expect(await screen.findByRole('table', { name: 'Users' })).toBeTruthy();
  });
});

describe('account changes pushed by main', () => {
  it('a role granted by an admin shows up in the navigation without signing in again', async () => {
    const me = user({ role: 'operator' });
    const api = consoleFor(me);
    renderApp(api);
    await findScreen('Connections');
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
    const person = renderApp(api);
    await findScreen('Connections');
    await person.click(navLink('About this console'));
    await findScreen('About this console');

    await push(api, 'session.ended', { reason: 'idle' });
    await findScreen('Console locked');
    expect(pageText()).toContain('Otto Operator');
    expect(pageText()).toContain('without activity');
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(button('Sign in as someone else')).toBeTruthy();

    // The password box has focus: type and press Enter.
    expect(document.activeElement).toBe(field('Password'));
    await person.keyboard('the right one{Enter}');
    await findScreen('About this console');
    expect(api.callsTo('session.login')).toEqual([{ username: 'otto', password: 'the right one' }]);
  });

  it("tells main of a person's keys and pointer at most every 5 s, and of nothing else", async () => {
    const api = consoleFor(user(), { 'session.activity': () => ok({}) });
    const person = renderApp(api);
    await findScreen('Connections');
    // Loading and refreshing screens is not a person at the console.
    expect(api.callsTo('session.activity')).toEqual([]);
    await person.keyboard('{Shift}');
    await person.pointer({ coords: { x: 10, y: 10 } });
    await person.keyboard('{Shift}');
    expect(api.callsTo('session.activity')).toHaveLength(1);
    vi.setSystemTime(NOW + ACTIVITY_REPORT_EVERY_MS);
    await person.pointer({ coords: { x: 20, y: 20 } });
    expect(api.callsTo('session.activity')).toHaveLength(2);
  });

  it('a session at the end of its lifetime locks, saying why', async () => {
    const api = consoleFor(user());
    renderApp(api);
    await findScreen('Connections');
    await push(api, 'session.ended', { reason: 'expired' });
    await findScreen('Console locked');
    expect(pageText()).toContain('This session reached its time limit');
  });

  it('a wrong password on the lock screen says so, empties the box for retyping and stays locked', async () => {
    const me = user();
    const api = consoleFor(me, { 'session.login': () => fail('UNAUTHENTICATED', 'Wrong username or password.') });
    const person = renderApp(api);
    await findScreen('Connections');
    await push(api, 'session.ended', { reason: 'idle' });
    await findButton('Unlock');
    await fill(person, field('Password'), 'wrong');
    await person.click(button('Unlock'));
    await waitFor(() => expect(liveTexts('alert').join(' ')).toContain('That password is not right'));
    expect(heading()).toBe('Console locked');
    expect((field('Password') as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(field('Password'));
  });

  it('a call answered UNAUTHENTICATED while signed in locks too', async () => {
    const api = consoleFor(user(), { 'users.list': () => fail('UNAUTHENTICATED', 'Your session has ended. Sign in again.') });
    const person = renderApp(api);
    await findScreen('Connections');
    await person.click(navLink('Users'));
    await findScreen('Console locked');
  });

  it('"Sign in as someone else" goes to the sign-in form', async () => {
    const api = consoleFor(user());
    const person = renderApp(api);
    await findScreen('Connections');
    await push(api, 'session.ended', { reason: 'idle' });
    await person.click(await findButton('Sign in as someone else'));
    await findScreen('Sign in to Vigil');
  });

  it('a disabled account is signed out with the reason, not locked', async () => {
    const api = consoleFor(user({ role: 'operator' }));
    renderApp(api);
    await findScreen('Connections');
    await push(api, 'session.ended', { reason: 'disabled' });
    await findScreen('Sign in to Vigil');
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
    const person = renderApp(api, '#/settings/account');
    await findButton('Change password');
    await fillForm(person, { 'Current password': 'not it', 'New password': 'a much longer password', 'Confirm new password': 'a much longer password' });
    await person.click(button('Change password'));

    const current = field('Current password');
    await waitFor(() => expect(current.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(current)).toBe('The current password is not right.');
    expect(field('New password').getAttribute('aria-invalid')).toBeNull();
    expect(liveTexts('alert')).toEqual([]);
    expect(document.activeElement).toBe(current);
  });

  it('a changed password is said so, and the form is emptied', async () => {
    const api = consoleFor(user({ role: 'operator' }), { 'session.changePassword': () => ok({}) });
    const person = renderApp(api, '#/settings/account');
    await findButton('Change password');
    await fillForm(person, { 'Current password': 'the old one', 'New password': 'a much longer password', 'Confirm new password': 'a much longer password' });
    await person.click(button('Change password'));
    await waitFor(() => expect(pageText()).toContain('Password changed'));
    expect(api.callsTo('session.changePassword')).toEqual([{ currentPassword: 'the old one', newPassword: 'a much longer password' }]);
    for (const label of ['Current password', 'New password', 'Confirm new password']) expect((field(label) as HTMLInputElement).value).toBe('');
  });
});

describe('users (admin)', () => {
  it('shows each status in words, and offers no control the host would refuse', async () => {
    const me = user();
    const locked = user({ id: 2, username: 'bo', displayName: 'Bo', role: 'operator', lockedUntil: NOW + 600_000 });
    const off = user({ id: 3, username: 'cy', displayName: 'Cy', role: 'support_tech', disabled: true });
    const api = consoleFor(me, { 'users.list': () => ok({ users: [me, locked, off] }) });
    renderApp(api, '#/settings/users');
    await findButton('Disable bo');
    const rows = tableRows('Users');
    expect(rows[0]).toContain('Active');
    expect(rows[1]).toContain('Locked for some sign-ins until');
    expect(rows[2]).toContain('Disabled');

    // Your own account: not disabled from here, and its password changes on Account.
    expect(queryButton('Disable ada')).toBeNull();
    expect(queryButton('Reset password for ada')).toBeNull();
    expect(rows[0]).toContain('Change your password');
    // The only active administrator keeps the role: no picker that could only be refused.
    expect(screen.queryByLabelText('Role for ada')).toBeNull();
    expect(rows[0]).toContain('The only active administrator');
    expect(field('Role for bo')).toBeTruthy();
    expect(button('Enable cy')).toBeTruthy();
  });

  it('with a second active administrator, both can have their role changed and the other can be disabled', async () => {
    const me = user();
    const eve = user({ id: 2, username: 'eve', displayName: 'Eve', role: 'admin' });
    renderApp(consoleFor(me, { 'users.list': () => ok({ users: [me, eve] }) }), '#/settings/users');
    await findButton('Disable eve');
    expect(field('Role for ada')).toBeTruthy();
    expect(field('Role for eve')).toBeTruthy();
    expect(queryButton('Disable ada')).toBeNull();
  });

  it('a refusal from the host is shown in the dialog, in its words', async () => {
    const me = user();
    const bo = user({ id: 2, username: 'bo', displayName: 'Bo', role: 'operator' });
    const api = consoleFor(me, {
      'users.list': () => ok({ users: [me, bo] }),
      'users.disable': () => fail('CONFLICT', 'bo is busy being refused.'),
    });
    const person = renderApp(api, '#/settings/users');
    await person.click(await findButton('Disable bo'));
    const dialog = await screen.findByRole('dialog', { name: 'Disable bo?' });
    await person.click(within(dialog).getByRole('button', { name: 'Disable account' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('bo is busy being refused.');
  });

  it('the new-account form says what each role may do, and "Created …" goes away with the next action', async () => {
    const bob = user({ id: 2, username: 'bob', displayName: 'Bob', role: 'support_tech' });
    const api = consoleFor(user(), { 'users.create': () => ok(bob) });
    const person = renderApp(api, '#/settings/users');
    await waitFor(() => expect(pageText()).toContain('What each role may do'));
    await person.click(button('New account'));
    const operator = screen.getByRole('radio', { name: 'NOC operator' }) as HTMLInputElement;
    expect(operator.checked).toBe(true);
    expect(descriptionOf(operator)).toBe('Watch connections, acknowledge alerts, run diagnostics, tune monitoring (pauses, maintenance, alert rules), triage tickets and comment on tickets.');
    expect(descriptionOf(screen.getByRole('radio', { name: 'Administrator' }))).toContain('manage accounts');
    expect(descriptionOf(screen.getByRole('radio', { name: 'Clinical safety officer' }))).toContain('review the audit trail');

    // The first field has focus as the dialog opens.
    expect(document.activeElement).toBe(field('Username'));
    await fillForm(person, NEW_BOB);
    await person.click(screen.getByRole('radio', { name: 'Support technician' }));
    await person.click(button('Create account'));
    await waitFor(() => expect(liveTexts('status')).toContain('Created bob (Support technician). They can sign in now.'));
    expect(api.callsTo('users.create')).toEqual([{ username: 'bob', displayName: 'Bob', role: 'support_tech', password: 'twelve chars ok' }]);

    await person.click(button('New account'));
    expect(pageText()).not.toContain('Created bob');
  });

  it('Escape closes the new-account dialog, and Cancel too, with nothing sent', async () => {
    const api = consoleFor(user());
    const person = renderApp(api, '#/settings/users');
    await person.click(await findButton('New account'));
    const dialog = screen.getByRole('dialog', { name: 'New account' });
    // jsdom does not turn Escape into the dialog's cancel event as browsers do.
    await act(async () => dialog.dispatchEvent(new Event('cancel', { cancelable: true })));
    expect(screen.queryByRole('dialog')).toBeNull();
    await person.click(button('New account'));
    await person.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.callsTo('users.create')).toEqual([]);
  });

  it('"Created …" also goes away by itself after a while', async () => {
    const bob = user({ id: 2, username: 'bob', displayName: 'Bob', role: 'operator' });
    const person = renderApp(consoleFor(user(), { 'users.create': () => ok(bob) }), '#/settings/users');
    await person.click(await findButton('New account'));
    await fillForm(person, NEW_BOB);
    // From here on timers run only when the test moves the clock: the message's whole life is counted, not timed.
    // (Testing Library's user-event waits on timers itself, so this one press is a plain click.)
    vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    await act(async () => button('Create account').click());
    await act(() => vi.advanceTimersByTimeAsync(10));
    expect(pageText()).toContain('Created bob');
    await act(() => vi.advanceTimersByTimeAsync(DONE_MESSAGE_MS - 20));
    expect(pageText()).toContain('Created bob');
    await act(() => vi.advanceTimersByTimeAsync(20));
    expect(pageText()).not.toContain('Created bob');
    // The live region stays, empty, ready for the next message.
    expect(document.querySelector('.done-message')?.getAttribute('role')).toBe('status');
  });

  it('a taken username comes back next to the Username field of the new-account form', async () => {
    const api = consoleFor(user(), {
      'users.create': () => fail('CONFLICT', 'The username "bob" is already taken.'),
    });
    const person = renderApp(api);
    await findScreen('Connections');
    await person.click(navLink('Users'));
    await person.click(await findButton('New account'));
    await fillForm(person, NEW_BOB);
    await person.click(screen.getByRole('radio', { name: 'Support technician' }));
    await person.click(button('Create account'));
    await waitFor(() => expect(field('Username').getAttribute('aria-invalid')).toBe('true'));
    expect(api.callsTo('users.create')).toEqual([{ username: 'bob', displayName: 'Bob', role: 'support_tech', password: 'twelve chars ok' }]);
    expect(descriptionOf(field('Username'))).toBe('The username "bob" is already taken.');
    expect(document.activeElement).toBe(field('Username'));
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
    const person = renderApp(api, '#/audit');
    await waitFor(() => expect(tableRows('Audit trail')).toHaveLength(2));
    expect(pageText()).toContain('Showing 2 of 3 entries');

    await person.click(button('Load older'));
    await waitFor(() => expect(tableRows('Audit trail')).toHaveLength(3));
    expect(tableRows('Audit trail')[2]).toContain('Refused: not allowed');
    expect(queryButton('Load older')).toBeNull();

    await person.click(button('Verify chain'));
    await waitFor(() => expect(liveTexts('alert').join(' ')).toContain('Chain broken at entry #2: hash does not match'));
  });

  it('applies filters to the query, by button or by Enter', async () => {
    const api = consoleFor(user({ role: 'admin' }), {
      'audit.list': (input) => (Object.keys(input).length === 1 ? ok({ entries: [entry(2), entry(1)], total: 2, nextBeforeSeq: null }) : ok({ entries: [], total: 0, nextBeforeSeq: null })),
    });
    const person = renderApp(api, '#/audit');
    await waitFor(() => expect(tableRows('Audit trail')).toHaveLength(2));
    await fill(person, field('Actor'), '  bo ');
    await person.click(button('Apply filters'));
    await waitFor(() => expect(api.callsTo('audit.list').at(-1)).toEqual({ actor: 'bo', limit: 50 }));

    await person.type(field('Action'), 'users.create{Enter}');
    await waitFor(() => expect(api.callsTo('audit.list').at(-1)).toEqual({ actor: 'bo', action: 'users.create', limit: 50 }));

    // An entry written meanwhile: the whole trail is asked for again, not shown as the cache had it.
    await push(api, 'audit.appended', { lastSeq: 3 });
    const asked = api.callsTo('audit.list').length;
    await person.click(button('Clear filters'));
    await waitFor(() => expect(api.callsTo('audit.list').slice(asked)).toEqual([{ limit: 50 }]));
    await waitFor(() => expect(tableRows('Audit trail')).toHaveLength(2));
    expect((field('Actor') as HTMLInputElement).value).toBe('');
  });

  it('reads From and To the way the table writes times, To taking in the whole minute or day typed', async () => {
    const api = consoleFor(user({ role: 'admin' }));
    const person = renderApp(api, '#/audit');
    await findButton('Apply filters');
    expect(descriptionOf(field('From'))).toBe('YYYY-MM-DD hh:mm');
    await fill(person, field('From'), '2026-11-23 14:05');
    await fill(person, field('To'), '2026-11-24');
    await person.click(button('Apply filters'));
    await waitFor(() =>
      expect(api.callsTo('audit.list').at(-1)).toEqual({
        from: new Date(2026, 10, 23, 14, 5).getTime(),
        to: new Date(2026, 10, 25).getTime(),
        limit: 50,
      }),
    );
    // Shown back as typed after a trip to another screen.
    await person.click(navLink('Account'));
    await findScreen('Account');
    await person.click(navLink('Audit'));
    await waitFor(() => expect((field('To') as HTMLInputElement).value).toBe('2026-11-24'));
    expect((field('From') as HTMLInputElement).value).toBe('2026-11-23 14:05');
  });

  it('a time not in the format, or an end before the start, is refused next to its field, in words that show the format', async () => {
    const api = consoleFor(user({ role: 'admin' }));
    const person = renderApp(api, '#/audit');
    await findButton('Apply filters');
    const before = api.callsTo('audit.list').length;
    await fill(person, field('From'), '11/23/2026');
    await person.click(button('Apply filters'));
    expect(descriptionOf(field('From'))).toBe('Enter a date and time as YYYY-MM-DD hh:mm, for example 2026-11-23 14:05');
    expect(document.activeElement).toBe(field('From'));

    await fill(person, field('From'), '2026-11-23 14:05');
    await fill(person, field('To'), '2026-11-22');
    await person.click(button('Apply filters'));
    expect(descriptionOf(field('From'))).toBe('YYYY-MM-DD hh:mm');
    expect(descriptionOf(field('To'))).toBe('The end is before the start');
    expect(document.activeElement).toBe(field('To'));
    expect(api.callsTo('audit.list')).toHaveLength(before);
  });

  it('Verify chain says when it checked, and that the check is out of date once new entries arrive', async () => {
    const api = consoleFor(user({ role: 'admin' }), {
      'audit.list': () => ok({ entries: [entry(2), entry(1)], total: 2, nextBeforeSeq: null }),
      'audit.verify': () => ok({ ok: true, checked: 2, firstBadSeq: null, reason: null }),
    });
    const person = renderApp(api, '#/audit');
    await findButton('Verify chain');
    expect(api.callsTo('audit.verify')).toEqual([]);
    await person.click(button('Verify chain'));
    await waitFor(() => expect(pageText()).toContain('Chain intact — 2 entries checked at 2026-11-23 14:05:09'));
    expect(pageText()).not.toContain('New entries were added');

    await push(api, 'audit.appended', { lastSeq: 3 });
    await waitFor(() => expect(pageText()).toContain('Chain was intact — 2 entries checked at'));
    expect(pageText()).toContain('New entries were added after this check. Verify chain again to include them.');
    // Marked, not re-run: the check stays something people ask for.
    expect(api.callsTo('audit.verify')).toHaveLength(1);

    await person.click(button('Verify chain'));
    await waitFor(() => expect(pageText()).not.toContain('New entries were added'));
    expect(api.callsTo('audit.verify')).toHaveLength(2);
  });
});
