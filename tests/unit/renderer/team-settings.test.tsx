// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelOutput } from '../../../src-shared/contract';
import { button, descriptionOf, fail, fillForm, heading, MINUTE, navLinks, NOW, ok, renderApp, signedInAs, tableCells, textOf, user, type Handlers } from './harness';

type Status = ChannelOutput<'team.status'>;

const OFF: Status = { enabled: false, settings: null, workstation: 'ws-a1', online: false, offlineSince: null, waiting: 0, lastError: null, lastSyncAt: null };
const SETTINGS = { host: 'db.ward.example', port: 5432, database: 'vigil', user: 'vigil_noc', tls: true, hasPassword: true, changedAt: NOW - 60 * MINUTE, changedBy: 'ada' };
const ONLINE: Status = { ...OFF, enabled: true, settings: SETTINGS, online: true, lastSyncAt: NOW - 2 * MINUTE };
const OFFLINE: Status = { ...ONLINE, online: false, offlineSince: NOW - 12 * MINUTE, waiting: 3, lastError: 'connect ECONNREFUSED 127.0.0.1:5432' };

/** Main as Settings → Team sees it: configure answers team mode on, with what was sent. */
function teamConsole(start: Status, role: 'admin' | 'operator' = 'admin', more: Handlers = {}) {
  let status = start;
  return signedInAs(user({ role, username: 'ada' }), {
    'team.status': () => ok(status),
    'team.configure': (input: ChannelInput<'team.configure'>) => {
      const { password: _password, ...rest } = input;
      status = { ...ONLINE, settings: { ...SETTINGS, ...rest, port: rest.port ?? 5432, tls: rest.tls ?? true, hasPassword: true }, lastSyncAt: NOW };
      return ok(status);
    },
    'team.disable': () => ok((status = OFF)),
    'team.sync': () => ok(status),
    ...more,
  });
}

const syncState = () => screen.findByLabelText('Team sync');

describe('Settings → Team', () => {
  it('is an administrator’s: connects with the contract’s rules next to each field, then shows the sync state and the header’s', async () => {
    const api = teamConsole(OFF);
    const person = renderApp(api, '#/settings/team');
    await screen.findByRole('button', { name: 'Switch team mode on' });
    expect(heading()).toBe('Team');
    expect(navLinks()).toContain('Team');
    expect(screen.queryByLabelText('Team sync')).toBeNull();

    await fillForm(person, { Host: 'db.ward.example', Port: '99999', Database: 'vigil', Login: 'vigil_noc', Password: 'pw-from-the-dba' });
    await person.click(screen.getByLabelText('Use TLS'));
    await person.click(button('Switch team mode on'));
    expect(descriptionOf(screen.getByLabelText('Port'))).toBe('Enter a whole number from 1 to 65,535');
    expect(descriptionOf(screen.getByLabelText('Use TLS'))).toBe('TLS is required unless the database is on this computer (loopback)');
    expect(api.callsTo('team.configure')).toEqual([]);

    await fillForm(person, { Port: '6432' });
    await person.click(screen.getByLabelText('Use TLS'));
    await person.click(button('Switch team mode on'));
    await screen.findByRole('region', { name: 'Sync' });
    expect(api.callsTo('team.configure')).toEqual([{ host: 'db.ward.example', port: 6432, database: 'vigil', user: 'vigil_noc', password: 'pw-from-the-dba', tls: true }]);
    expect(textOf(screen.getByRole('region', { name: 'Sync' }))).toContain('Online');
    expect(textOf(await syncState())).toContain('Team online');
  });

  it('puts main’s refusal of the password next to the password field', async () => {
    const api = teamConsole(OFF, 'admin', {
      'team.configure': () => fail('INVALID_INPUT', 'Enter the password of the database login', [{ path: ['password'], message: 'Enter the password of the database login' }]),
    });
    const person = renderApp(api, '#/settings/team');
    await screen.findByRole('button', { name: 'Switch team mode on' });
    await fillForm(person, { Host: '127.0.0.1', Database: 'vigil', Login: 'vigil_noc' });
    await person.click(button('Switch team mode on'));
    await waitFor(() => expect(descriptionOf(screen.getByLabelText('Password'))).toBe('Enter the password of the database login'));
  });

  it('says offline since when, what waits and the last error, in the panel and in every role’s header', async () => {
    renderApp(teamConsole(OFFLINE), '#/settings/team');
    const panel = textOf(await screen.findByRole('region', { name: 'Sync' }));
    expect(panel).toContain('Offline since 12 min ago');
    expect(panel).toContain('3 changes waiting');
    expect(panel).toContain('connect ECONNREFUSED 127.0.0.1:5432');
    expect(textOf(await syncState())).toBe('Team offline since 12 min ago · 3 changes waiting');
  });

  it('shows an operator the header’s sync state, without the Team screen', async () => {
    renderApp(teamConsole(ONLINE, 'operator'));
    expect(textOf(await syncState())).toBe('Team online synced 2 min ago');
    expect(navLinks()).not.toContain('Team');
  });

  it('verifies the audit across workstations and lists each finding at its workstation and entry', async () => {
    const api = teamConsole(ONLINE, 'admin', {
      'team.audit.verify': () =>
        ok({
          ok: false,
          workstations: [
            { workstation: 'ws-a1', entries: 40 },
            { workstation: 'ws-b2', entries: 12 },
          ],
          findings: [{ workstation: 'ws-b2', seq: 4, reason: 'entry 4 is missing: the next entry is 5 (deleted or reordered)' }],
        }),
    });
    const person = renderApp(api, '#/settings/team');
    await person.click(await screen.findByRole('button', { name: 'Verify the audit across workstations' }));
    const region = screen.getByRole('region', { name: 'Audit across workstations' });
    await within(region).findByRole('table');
    expect(tableCells('Findings')).toEqual([['ws-b2', '4', 'entry 4 is missing: the next entry is 5 (deleted or reordered)']]);
    expect(textOf(region)).toContain('1 finding');
  });

  it('switches team mode off', async () => {
    const api = teamConsole(ONLINE);
    const person = renderApp(api, '#/settings/team');
    await person.click(await screen.findByRole('button', { name: 'Switch team mode off' }));
    await screen.findByRole('button', { name: 'Switch team mode on' });
    expect(api.callsTo('team.disable')).toHaveLength(1);
    await waitFor(() => expect(screen.queryByLabelText('Team sync')).toBeNull());
  });
});
