// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../../src-shared/monitoring';
import { localDateTime } from '../../../src-renderer/lib/time';
import { alert, TILES } from './alerts-fixtures';
import {
  button,
  descriptionOf,
  fail,
  fill,
  findButton,
  heading,
  liveTexts,
  MINUTE,
  named,
  navLink,
  NOW,
  ok,
  pageText,
  push,
  queryButton,
  renderApp,
  signedInAs,
  tableRows,
  textOf,
  user,
  type Handlers,
} from './harness';

const EPIC_DOWN = alert('a1', { title: 'Epic production is down', severity: 'SEV1', openedAt: NOW - 2 * MINUTE });
const CERNER_SLOW = alert('a2', {
  title: 'Cerner lab is slow',
  severity: 'SEV2',
  targetId: 'conn:2',
  targetName: 'Cerner lab',
  status: 'acknowledged',
  acknowledged: { by: 'otto', at: NOW - 5 * MINUTE, workstation: null },
  openedAt: NOW - 20 * MINUTE,
  flapping: true,
});
const DISK = alert('a3', {
  title: 'Disk almost full',
  severity: 'SEV3',
  targetId: 'workstation',
  targetName: 'This workstation',
  openedAt: NOW - 130 * MINUTE,
  affected: ['conn:1', 'conn:2'],
  affectedNames: ['Epic production', 'Cerner lab'],
});

/** Main as the Alerts screen sees it: it filters the way alerts.list does. */
function alertsConsole(role: 'operator' | 'support_tech' | 'admin', alerts: AlertView[], more: Handlers = {}) {
  const api = signedInAs(user({ role, username: 'otto', displayName: 'Otto' }), {
    'monitor.board': () => ok({ tiles: TILES }),
    ...more,
  });
  api.handlers['alerts.list'] = (input) =>
    ok({
      alerts: current(api)
        .filter((a) => (input.status === 'resolved' ? a.status === 'resolved' : input.status === 'all' || a.status !== 'resolved'))
        .filter((a) => !input.severities || input.severities.includes(a.severity))
        .filter((a) => !input.targetId || a.targetId === input.targetId),
    });
  lists.set(api, alerts);
  return api;
}

const lists = new WeakMap<object, AlertView[]>();
const current = (api: object) => lists.get(api) ?? [];

const field = (label: string) => screen.getByLabelText(label);

function selectedTitle(): string | null {
  return document.querySelector('.alerts-table [aria-current="true"]')?.textContent ?? null;
}

/** The screen with its alerts listed, as a person finds it. */
async function openAlerts(api: ReturnType<typeof alertsConsole>, rows: number) {
  const person = renderApp(api, '#/alerts');
  await waitFor(() => expect(tableRows('Alerts')).toHaveLength(rows));
  return person;
}

describe('the alerts list', () => {
  it('shows each alert with its severity in words and shape, target, age, status and escalation', async () => {
    await openAlerts(alertsConsole('operator', [EPIC_DOWN, CERNER_SLOW, DISK]), 3);
    expect(heading()).toBe('Alerts');
    expect(navLink('Alerts').getAttribute('aria-current')).toBe('page');
    const [epic, cerner, disk] = tableRows('Alerts');
    expect(epic).toContain('SEV1');
    expect(epic).toContain('Epic production is down');
    expect(epic).toContain('Epic production');
    expect(epic).toContain('2 min ago');
    expect(epic).toContain('OpenRespond within 13 min');
    expect(epic).toContain('Level 1 of 3');
    expect(cerner).toContain('Acknowledgedby otto, 5 min ago');
    expect(cerner).toContain('Flapping');
    expect(disk).toContain('Affects 2 dependants');
    expect(disk).toContain('Response overdue by 10 min');
    // Never colour alone: each badge has its shape (an icon) beside its word.
    for (const badge of document.querySelectorAll('.alerts-table .severity')) expect(badge.querySelector('svg')).not.toBeNull();
    const opened = document.querySelector(`time[datetime="${new Date(EPIC_DOWN.openedAt).toISOString()}"]`);
    expect(opened?.getAttribute('title')).toBe(localDateTime(NOW - 2 * MINUTE));
    expect(liveTexts('status')).toContain('3 alerts · 2 open · 1 acknowledged');
  });

  it('asks main for what the filters say, and shows what it answers', async () => {
    const resolved = alert('a4', { title: 'Token endpoint slow', status: 'resolved', resolved: { at: NOW - MINUTE, by: null, reason: 'recovered', mergedInto: null } });
    const api = alertsConsole('operator', [EPIC_DOWN, CERNER_SLOW, DISK, resolved]);
    const person = await openAlerts(api, 3);
    expect(api.callsTo('alerts.list')).toEqual([{ status: 'active', limit: 200 }]);

    await person.click(screen.getByRole('checkbox', { name: 'SEV3' }));
    await waitFor(() => expect(tableRows('Alerts')).toHaveLength(2));
    expect(api.callsTo('alerts.list').at(-1)).toEqual({ status: 'active', limit: 200, severities: ['SEV1', 'SEV2'] });

    await fill(person, field('Target'), 'conn:2');
    await waitFor(() => expect(tableRows('Alerts')).toHaveLength(1));
    expect(tableRows('Alerts')[0]).toContain('Cerner lab is slow');
    expect(api.callsTo('alerts.list').at(-1)).toEqual({ status: 'active', limit: 200, severities: ['SEV1', 'SEV2'], targetId: 'conn:2' });

    await fill(person, field('Target'), '');
    await person.click(screen.getByRole('checkbox', { name: 'SEV3' }));
    await person.click(screen.getByRole('radio', { name: 'Resolved' }));
    await waitFor(() => expect(tableRows('Alerts')).toHaveLength(1));
    expect(tableRows('Alerts')[0]).toContain('Resolvedrecovered by itself, 1 min ago');
    expect(api.callsTo('alerts.list').at(-1)).toEqual({ status: 'resolved', limit: 200 });
  });

  it('a full list offers the rest, up to the most main sends at once', async () => {
    const many = Array.from({ length: 200 }, (_, i) => alert(`m${i}`, { title: `Alert ${i}` }));
    const api = alertsConsole('operator', many);
    const person = await openAlerts(api, 200);
    expect(liveTexts('status')).toContain('200 alerts (the newest 200) · 200 open');
    await person.click(button('Show up to 1,000'));
    await waitFor(() => expect(api.callsTo('alerts.list').at(-1)).toEqual({ status: 'active', limit: 1000 }));
  });

  it('with no severity ticked, says to tick one rather than showing an empty list', async () => {
    const person = await openAlerts(alertsConsole('operator', [EPIC_DOWN]), 1);
    for (const s of ['SEV1', 'SEV2', 'SEV3']) await person.click(screen.getByRole('checkbox', { name: s }));
    expect(pageText()).toContain('No severity is ticked: tick at least one to see alerts.');
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('a pushed alert.opened shows the new alert on top', async () => {
    const api = alertsConsole('operator', [CERNER_SLOW]);
    await openAlerts(api, 1);

    lists.set(api, [EPIC_DOWN, CERNER_SLOW]);
    await push(api, 'alert.opened', { alert: EPIC_DOWN });
    await waitFor(() => expect(tableRows('Alerts')).toHaveLength(2));
    expect(tableRows('Alerts')[0]).toContain('Epic production is down');
  });

  it('a failed refresh keeps the alerts on screen and says they may be out of date', async () => {
    const api = alertsConsole('operator', [EPIC_DOWN]);
    await openAlerts(api, 1);
    api.handlers['alerts.list'] = () => fail('UNAVAILABLE', 'The store is not available.');
    await push(api, 'alert.updated', { alert: EPIC_DOWN });
    await waitFor(() => expect(pageText()).toContain('Could not refresh the alerts: what is shown may be out of date'));
    expect(tableRows('Alerts')).toHaveLength(1);
  });
});

describe('the keyboard', () => {
  it('j and k move the selection, and a acknowledges the selected alert', async () => {
    const api = alertsConsole('operator', [EPIC_DOWN, CERNER_SLOW, DISK], {
      'alerts.acknowledge': ({ alertId }) => ok({ ...DISK, id: alertId, status: 'acknowledged', acknowledged: { by: 'otto', at: NOW, workstation: null } }),
    });
    const person = await openAlerts(api, 3);
    expect(screen.getByLabelText('Keyboard shortcuts').textContent).toContain('a acknowledge');

    expect(selectedTitle()).toBeNull();
    await person.keyboard('j');
    expect(selectedTitle()).toBe('Epic production is down');
    await person.keyboard('j{ArrowDown}');
    expect(selectedTitle()).toBe('Disk almost full');
    // Focus goes with the selection, so Enter and a screen reader are on the same row.
    expect(document.activeElement?.textContent).toBe('Disk almost full');
    await person.keyboard('j');
    expect(selectedTitle()).toBe('Disk almost full');
    await person.keyboard('k{ArrowUp}j');
    expect(selectedTitle()).toBe('Cerner lab is slow');
    await person.keyboard('j');

    await person.keyboard('a');
    await waitFor(() => expect(api.callsTo('alerts.acknowledge')).toEqual([{ alertId: 'a3' }]));
    await waitFor(() => expect(liveTexts('status').join(' ')).toContain('Acknowledged “Disk almost full”: reminders for it stop.'));
  });

  it('a on an alert already acknowledged says so and calls nothing', async () => {
    const api = alertsConsole('operator', [CERNER_SLOW]);
    const person = await openAlerts(api, 1);
    await person.keyboard('ja');
    expect(liveTexts('status').join(' ')).toContain('“Cerner lab is slow” is already acknowledged by otto.');
    expect(api.callsTo('alerts.acknowledge')).toEqual([]);
  });

  it('r asks before resolving, and Resolve alert resolves the selected one', async () => {
    const api = alertsConsole('operator', [EPIC_DOWN, CERNER_SLOW], {
      'alerts.resolve': ({ alertId }) => ok({ ...CERNER_SLOW, id: alertId, status: 'resolved', resolved: { at: NOW, by: 'otto', reason: 'manual', mergedInto: null } }),
    });
    const person = await openAlerts(api, 2);
    await person.keyboard('jjr');
    const dialog = await screen.findByRole('dialog', { name: 'Resolve this alert?' });
    expect(dialog.textContent).toContain('SEV2 · Cerner lab is slow · Cerner lab');
    // The answer has focus; keys typed while the dialog is open are the dialog's.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Resolve alert' }));
    await person.keyboard('j');
    expect(api.callsTo('alerts.resolve')).toEqual([]);
    await person.keyboard('{Enter}');
    await waitFor(() => expect(api.callsTo('alerts.resolve')).toEqual([{ alertId: 'a2' }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(liveTexts('status').join(' ')).toContain('Resolved “Cerner lab is slow”.');
  });

  it('Enter opens the selected alert’s details, which follow the selection, and Escape closes them', async () => {
    const person = await openAlerts(alertsConsole('operator', [EPIC_DOWN, DISK]), 2);
    await person.keyboard('j');
    // Enter on the focused title is the button's own click; from elsewhere the list opens the selection.
    (document.activeElement as HTMLElement).blur();
    await person.keyboard('{Enter}');
    const details = () => screen.queryByRole('complementary')?.textContent ?? '';
    expect(details()).toContain('Epic production is down');
    expect(details()).toContain('Patient-safety risk or system down. Respond within 15 min.');
    expect(details()).toContain('Channels are reminded at 14:18 if nobody acknowledges it.');
    await person.keyboard('j');
    expect(details()).toContain('Disk almost full');
    expect(details()).toContain('Epic productionCerner lab');
    await person.keyboard('{Escape}');
    expect(screen.queryByRole('complementary')).toBeNull();

    await person.click(button('Epic production is down'));
    expect(details()).toContain('connection.down');
  });

  it('keys typed into a field are left to the field', async () => {
    const person = await openAlerts(alertsConsole('operator', [EPIC_DOWN]), 1);
    field('Target').focus();
    await person.keyboard('j');
    expect(selectedTitle()).toBeNull();
  });
});

describe('a SEV1 acknowledged by key, and taking an acknowledgement back', () => {
  const acknowledgedBy = (base: AlertView) => ({ ...base, status: 'acknowledged' as const, acknowledged: { by: 'otto', at: NOW, workstation: null } });

  it('a on a SEV1 asks for Enter, with focus on the answer and the question as its description; Enter acknowledges', async () => {
    const api = alertsConsole('operator', [EPIC_DOWN, DISK], { 'alerts.acknowledge': () => ok(acknowledgedBy(EPIC_DOWN)) });
    const person = await openAlerts(api, 2);
    await person.keyboard('ja');

    const question = screen.getByRole('group', { name: 'Press Enter to acknowledge this SEV1 alert, Escape to cancel.' });
    const confirm = within(question).getByRole('button', { name: named('Acknowledge Epic production is down') });
    expect(document.activeElement).toBe(confirm);
    expect(descriptionOf(confirm)).toBe('Press Enter to acknowledge this SEV1 alert, Escape to cancel.');
    expect(api.callsTo('alerts.acknowledge')).toEqual([]);
    // a again is not an answer.
    await person.keyboard('a');
    expect(api.callsTo('alerts.acknowledge')).toEqual([]);

    await person.keyboard('{Enter}');
    await waitFor(() => expect(api.callsTo('alerts.acknowledge')).toEqual([{ alertId: 'a1' }]));
    await waitFor(() => expect(liveTexts('status').join(' ')).toContain('Acknowledged “Epic production is down”'));
    expect(screen.queryByRole('group', { name: /Press Enter/ })).toBeNull();
    expect(document.activeElement?.id).toBe('alert-pick-a1');
  });

  it('Escape takes the question away and leaves the alert as it was, focus back on it; so does moving on', async () => {
    const api = alertsConsole('operator', [EPIC_DOWN, DISK]);
    const person = await openAlerts(api, 2);
    await person.keyboard('ja');
    await screen.findByRole('group', { name: /Press Enter/ });
    await person.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: /Press Enter/ })).toBeNull();
    expect(document.activeElement?.id).toBe('alert-pick-a1');
    expect(button('Acknowledge Epic production is down')).toBeTruthy();

    await person.keyboard('a');
    await screen.findByRole('group', { name: /Press Enter/ });
    await person.keyboard('j');
    expect(screen.queryByRole('group', { name: /Press Enter/ })).toBeNull();
    expect(selectedTitle()).toBe('Disk almost full');
    await person.keyboard('{Enter}');
    expect(api.callsTo('alerts.acknowledge')).toEqual([]);
  });

  it('a on a lesser severity acknowledges at once, as before', async () => {
    const api = alertsConsole('operator', [DISK], { 'alerts.acknowledge': () => ok(acknowledgedBy(DISK)) });
    const person = await openAlerts(api, 1);
    await person.keyboard('ja');
    await waitFor(() => expect(api.callsTo('alerts.acknowledge')).toEqual([{ alertId: 'a3' }]));
    expect(screen.queryByRole('group', { name: /Press Enter/ })).toBeNull();
  });

  it('an acknowledged alert offers Take back acknowledgement, which opens it again and says so', async () => {
    const api = alertsConsole('operator', [CERNER_SLOW], {
      'alerts.unacknowledge': () => ok({ ...CERNER_SLOW, status: 'open', acknowledged: null }),
    });
    const person = await openAlerts(api, 1);
    const takeBack = button('Take back acknowledgement Cerner lab is slow');
    expect(takeBack.getAttribute('aria-keyshortcuts')).toBe('u');
    expect(queryButton('Acknowledge Cerner lab is slow')).toBeNull();
    await person.click(takeBack);
    await waitFor(() => expect(api.callsTo('alerts.unacknowledge')).toEqual([{ alertId: 'a2' }]));
    await waitFor(() =>
      expect(liveTexts('status').join(' ')).toContain('Took back the acknowledgement of “Cerner lab is slow”: it is open again, and its channels are told again.'),
    );
  });

  it('u takes back the selected acknowledgement; on an open alert it says there is nothing to take back', async () => {
    const api = alertsConsole('operator', [EPIC_DOWN, CERNER_SLOW], {
      'alerts.unacknowledge': () => ok({ ...CERNER_SLOW, status: 'open', acknowledged: null }),
    });
    const person = await openAlerts(api, 2);
    expect(screen.getByLabelText('Keyboard shortcuts').textContent).toContain('u take back acknowledgement');
    await person.keyboard('ju');
    expect(liveTexts('status').join(' ')).toContain('“Epic production is down” is not acknowledged: there is nothing to take back.');
    expect(api.callsTo('alerts.unacknowledge')).toEqual([]);
    await person.keyboard('ju');
    await waitFor(() => expect(api.callsTo('alerts.unacknowledge')).toEqual([{ alertId: 'a2' }]));
  });

  it('a refused take-back says which alert and why', async () => {
    const api = alertsConsole('operator', [CERNER_SLOW], { 'alerts.unacknowledge': () => fail('CONFLICT', 'This alert was resolved a moment ago.') });
    const person = await openAlerts(api, 1);
    await person.click(button('Take back acknowledgement Cerner lab is slow'));
    await waitFor(() => expect(liveTexts('alert').join(' ')).toContain('Could not take back the acknowledgement of “Cerner lab is slow”'));
    expect(liveTexts('alert').join(' ')).toContain('This alert was resolved a moment ago.');
  });
});

describe('what the list and the details say about an alert', () => {
  it('in team mode, an alert held on another workstation says so in the list, and a second acknowledgement is told who has it', async () => {
    const heldElsewhere = { ...CERNER_SLOW, acknowledged: { by: 'olivia', at: NOW - 5 * MINUTE, workstation: 'a1b2c3' } };
    const api = alertsConsole('operator', [heldElsewhere, EPIC_DOWN], {
      'alerts.acknowledge': () => fail('CONFLICT', 'olivia already has this alert: they acknowledged it first, on another workstation.'),
    });
    const person = await openAlerts(api, 2);
    expect(pageText()).toContain('by olivia on another workstation, 5 min ago');
    await person.keyboard('ja');
    expect(liveTexts('status').join(' ')).toContain('“Cerner lab is slow” is already acknowledged by olivia on another workstation.');
    // The list had not heard yet: main refuses, naming the holder.
    await person.click(button('Acknowledge Epic production is down'));
    await waitFor(() => expect(liveTexts('alert').join(' ')).toContain('Could not acknowledge “Epic production is down”'));
    expect(liveTexts('alert').join(' ')).toContain('olivia already has this alert: they acknowledged it first, on another workstation.');
  });

  it('an alert resolved because its connection went says who removed or disabled it, in the list and the details', async () => {
    const removed = alert('a5', { title: 'Old HAPI is down', status: 'resolved', resolved: { at: NOW - 2 * MINUTE, by: 'grace', reason: 'removed', mergedInto: null } });
    const disabled = alert('a6', { title: 'Lab feed is down', status: 'resolved', resolved: { at: NOW - 3 * MINUTE, by: 'ada', reason: 'disabled', mergedInto: null } });
    const person = renderApp(alertsConsole('operator', [removed, disabled]), '#/alerts');
    await person.click(await screen.findByRole('radio', { name: 'Resolved' }));
    await waitFor(() => expect(tableRows('Alerts')).toHaveLength(2));
    expect(tableRows('Alerts')[0]).toContain('connection removed by grace');
    expect(tableRows('Alerts')[1]).toContain('connection disabled by ada');
    await person.click(button('Old HAPI is down'));
    expect(textOf(screen.getByRole('complementary'))).toContain('connection removed by grace');
  });

  it('the details say what failed in words, with the error class and knowledge-base code', async () => {
    const person = await openAlerts(alertsConsole('operator', [EPIC_DOWN]), 1);
    await person.click(button('Epic production is down'));
    const details = textOf(screen.getByRole('complementary'));
    expect(details).toContain('What failedCapabilityStatement: could not connect');
    expect(details).toContain('Error class NETWORK, knowledge-base article network_unreachable');
  });
});

describe('who may respond', () => {
  it('a support technician sees the alerts but gets no actions, and a does nothing', async () => {
    const api = alertsConsole('support_tech', [EPIC_DOWN]);
    const person = await openAlerts(api, 1);
    expect(queryButton('Acknowledge Epic production is down')).toBeNull();
    expect(queryButton('Resolve… Epic production is down')).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
    expect(screen.getByLabelText('Keyboard shortcuts').textContent).not.toContain('acknowledge');
    await person.keyboard('jar');
    expect(api.callsTo('alerts.acknowledge')).toEqual([]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('an operator gets Acknowledge and Resolve buttons for mouse users too', async () => {
    const api = alertsConsole('operator', [EPIC_DOWN], {
      'alerts.acknowledge': () => fail('CONFLICT', 'This alert was resolved a moment ago.'),
    });
    const person = renderApp(api, '#/alerts');
    await person.click(await findButton('Acknowledge Epic production is down'));
    await waitFor(() => expect(pageText()).toContain('Could not acknowledge “Epic production is down”'));
    expect(pageText()).toContain('This alert was resolved a moment ago.');
    expect(button('Resolve… Epic production is down').getAttribute('aria-keyshortcuts')).toBe('r');
  });
});
