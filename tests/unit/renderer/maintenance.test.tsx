// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../../src-shared/contract';
import { newMaintenanceWindowSchema } from '../../../src-shared/monitoring';
import { TILES } from './alerts-fixtures';
import {
  button,
  descriptionOf,
  fail,
  fill,
  fillForm,
  findButton,
  heading,
  liveTexts,
  navLinks,
  NOW,
  ok,
  renderApp,
  signedInAs,
  tableRows,
  user,
  type Handlers,
} from './harness';

type Listed = ChannelOutput<'maintenance.list'>['windows'][number];

const HOUR = 3_600_000;

function maintenanceConsole(windows: Listed[], more: Handlers = {}) {
  return signedInAs(user({ role: 'operator' }), {
    'maintenance.list': () => ok({ windows }),
    'monitor.board': () => ok({ tiles: TILES }),
    ...more,
  });
}

const field = (label: string) => screen.getByLabelText(label);

/** The maintenance screen with its plan dialog open. */
async function openPlanDialog(api: ReturnType<typeof maintenanceConsole>): Promise<UserEvent> {
  const person = renderApp(api, '#/settings/maintenance');
  await person.click(await findButton('Plan a window'));
  await screen.findByRole('dialog', { name: 'Plan a maintenance window' });
  return person;
}

describe('maintenance windows', () => {
  it('lists windows on now first, with the target, when in local time, the next occurrence and the note', async () => {
    const start = new Date(2031, 2, 4, 22, 0).getTime();
    const weekly: Listed = {
      window: { id: 'w2', kind: 'recurring', targetId: null, note: 'Weekly patching', cron: '0 2 * * SUN', durationMs: 2 * HOUR, timezone: 'UTC' },
      active: false,
      next: { start: NOW + 5 * HOUR, end: NOW + 7 * HOUR },
    };
    const upgrade: Listed = { window: { id: 'w1', kind: 'once', targetId: 'conn:1', note: 'Epic upgrade', start, end: start + 3 * HOUR }, active: false, next: { start, end: start + 3 * HOUR } };
    const onNow: Listed = { window: { id: 'w3', kind: 'once', targetId: 'conn:2', note: '', start: NOW - HOUR, end: NOW + HOUR }, active: true, next: { start: NOW - HOUR, end: NOW + HOUR } };
    renderApp(maintenanceConsole([upgrade, weekly, onNow]), '#/settings/maintenance');
    await waitFor(() => expect(tableRows('Maintenance windows')).toHaveLength(3));
    expect(heading()).toBe('Maintenance windows');
    // An operator plans maintenance: the screen is in their Settings.
    expect(navLinks()).toContain('Maintenance windows');
    const [active, recurring, oneOff] = tableRows('Maintenance windows');
    expect(active).toContain('Cerner lab');
    expect(active).toContain('Active nowuntil 15:05');
    expect(recurring).toContain('All targets');
    expect(recurring).toContain('0 2 * * SUN in UTC, for 2 h');
    expect(recurring).toContain('Next: 2026-11-23 19:05 – 21:05');
    expect(recurring).toContain('starts in 5 h');
    expect(oneOff).toContain('Epic production');
    expect(oneOff).toContain('2031-03-04 22:00 – 2031-03-05 01:00');
    expect(oneOff).toContain('Epic upgrade');
  });

  it('a one-off window is typed in local time and sent as epoch milliseconds', async () => {
    const api = maintenanceConsole([], {
      'maintenance.create': (input) => ok({ id: 'w9', ...newMaintenanceWindowSchema.parse(input) }),
    });
    const person = await openPlanDialog(api);
    await fillForm(person, { Target: 'conn:1', Start: '2031-11-23 14:00', End: '2031-11-23 16:30', Note: 'Epic upgrade' });
    await person.click(button('Plan window'));
    await waitFor(() => expect(api.callsTo('maintenance.create')).toHaveLength(1));
    expect(api.callsTo('maintenance.create')[0]).toEqual({
      targetId: 'conn:1',
      note: 'Epic upgrade',
      kind: 'once',
      start: new Date(2031, 10, 23, 14, 0).getTime(),
      end: new Date(2031, 10, 23, 16, 30).getTime(),
    });
    await waitFor(() => expect(liveTexts('status')).toContain('Planned a one-off window for Epic production.'));
  });

  it('a time not in the format, or an end before the start, is refused by its field', async () => {
    const api = maintenanceConsole([]);
    const person = await openPlanDialog(api);
    await fillForm(person, { Start: '23/11/2031 14:00', End: '2031-11-23 16:30' });
    await person.click(button('Plan window'));
    expect(descriptionOf(field('Start'))).toBe('Enter a date and time as YYYY-MM-DD hh:mm, for example 2026-11-23 14:05');
    await fillForm(person, { Start: '2031-11-23 18:00' });
    await person.click(button('Plan window'));
    expect(descriptionOf(field('End'))).toBe('A window must end after it starts');
    expect(api.callsTo('maintenance.create')).toEqual([]);
  });

  it('a recurring window: a cron pattern croner refuses is shown by its field, and a good one previews its next dates', async () => {
    const api = maintenanceConsole([], {
      'maintenance.create': (input) => ok({ id: 'w9', ...newMaintenanceWindowSchema.parse(input) }),
    });
    const person = await openPlanDialog(api);
    await person.click(screen.getByRole('radio', { name: 'Recurring' }));
    expect((field('Time zone') as HTMLInputElement).value).toBe('UTC');
    await fillForm(person, { 'Cron pattern': '30 1 * * SAT', 'Duration (minutes)': '90' });
    expect(descriptionOf(field('Cron pattern'))).toMatch(/Next: \w+ \d{4}-\d{2}-\d{2} \d{2}:\d{2} – \d{2}:\d{2}/);
    await fill(person, field('Cron pattern'), 'every sunday');
    await person.click(button('Plan window'));
    const cron = field('Cron pattern');
    expect(cron.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(cron)).toBe('Not a valid cron pattern');
    expect(document.activeElement).toBe(cron);
    expect(api.callsTo('maintenance.create')).toEqual([]);

    await fill(person, field('Cron pattern'), '30 1 * * SAT');
    await person.click(button('Plan window'));
    await waitFor(() => expect(api.callsTo('maintenance.create')).toHaveLength(1));
    expect(api.callsTo('maintenance.create')[0]).toEqual({ targetId: null, note: '', kind: 'recurring', cron: '30 1 * * SAT', durationMs: 90 * 60_000, timezone: 'UTC' });
  });

  it("puts main's INVALID_INPUT for the time zone next to its field", async () => {
    const api = maintenanceConsole([], {
      'maintenance.create': () => fail('INVALID_INPUT', 'Check the fields.', [{ path: ['timezone'], message: 'Not a known time zone' }]),
    });
    const person = await openPlanDialog(api);
    await person.click(screen.getByRole('radio', { name: 'Recurring' }));
    await person.click(button('Plan window'));
    const zone = field('Time zone');
    await waitFor(() => expect(zone.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(zone)).toBe('Not a known time zone');
    expect(liveTexts('alert')).toEqual([]);
  });

  it('delete asks first and says what the window held back', async () => {
    const api = maintenanceConsole(
      [{ window: { id: 'w3', kind: 'once', targetId: 'conn:2', note: '', start: NOW - HOUR, end: NOW + HOUR }, active: true, next: { start: NOW - HOUR, end: NOW + HOUR } }],
      { 'maintenance.delete': () => ok({}) },
    );
    const person = renderApp(api, '#/settings/maintenance');
    await person.click(await findButton('Delete the window for Cerner lab'));
    expect(screen.getByRole('dialog', { name: 'Delete the window for Cerner lab?' }).textContent).toContain('alerts for Cerner lab start again at once');
    await person.click(button('Delete window'));
    await waitFor(() => expect(api.callsTo('maintenance.delete')).toEqual([{ id: 'w3' }]));
  });
});
