// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput, KpiSettings } from '../../../src-shared/contract';
import { kpiCsv } from '../../../src-renderer/screens/kpi/kpi-csv';
import { useKpiView } from '../../../src-renderer/screens/kpi/kpi-view-store';
import { descriptionOf, fail, fill, heading, ok, renderApp, signedInAs, tableCells, user, type Handlers } from './harness';
import { kpiReport, KPI_SETTINGS } from './kpi-fixtures';

beforeEach(() => {
  useKpiView.setState(useKpiView.getInitialState(), true);
});

/** Main as the KPI screen sees it: it keeps the settings it is sent, and reports against them. */
function kpiConsole(role: 'admin' | 'operator', more: Handlers = {}) {
  let settings: KpiSettings = KPI_SETTINGS;
  return signedInAs(user({ role, username: role === 'admin' ? 'ada' : 'olu' }), {
    'kpi.report': () => ok(kpiReport(settings)),
    'kpi.settings': () => ok(settings),
    'kpi.setSettings': (input: ChannelInput<'kpi.setSettings'>) => {
      settings = input as KpiSettings;
      return ok(settings);
    },
    ...more,
  });
}

const card = (label: string) => screen.getByRole('listitem', { name: label });

describe('the KPI screen', () => {
  it('shows every KPI with its value, its target and whether it is met, in words', async () => {
    renderApp(kpiConsole('operator'), '#/kpi');
    await screen.findByRole('listitem', { name: 'Medical response time' });
    expect(heading()).toBe('KPIs');
    expect(screen.getAllByRole('listitem').filter((li) => li.classList.contains('kpi-card'))).toHaveLength(17);
    const medical = card('Medical response time');
    expect(within(medical).getByTestId('kpi-value-medicalResponse').textContent).toBe('42 min');
    expect(medical.textContent).toContain('Misses target');
    expect(medical.textContent).toContain('Target: below 30 min');
    expect(medical.textContent).toContain('Up 50 % on the range before');
    const uptime = card('System uptime');
    expect(uptime.textContent).toContain('99.95 %');
    expect(uptime.textContent).toContain('Meets target');
    expect(uptime.textContent).toContain('Target: above 99.9 %');
    expect(card('Escalation rate').textContent).toContain('No target set');
    // Operators read; only admins change targets.
    expect(screen.queryByRole('button', { name: 'Edit targets' })).toBeNull();
  });

  it('asks for the range chosen, and checks a custom range before asking', async () => {
    const api = kpiConsole('operator');
    const person = renderApp(api, '#/kpi');
    await screen.findByRole('listitem', { name: 'Volume' });
    expect(api.callsTo('kpi.report').at(-1)).toEqual({ range: { preset: '7d' } });
    await person.click(screen.getByRole('radio', { name: '90 days' }));
    await waitFor(() => expect(api.callsTo('kpi.report').at(-1)).toEqual({ range: { preset: '90d' } }));
    await person.click(screen.getByRole('radio', { name: 'Custom' }));
    await fill(person, screen.getByLabelText('From (date)'), '2026-03-09');
    await fill(person, screen.getByLabelText('To (date, included)'), '2026-03-07');
    await person.click(screen.getByRole('button', { name: 'Show' }));
    expect(descriptionOf(screen.getByLabelText('To (date, included)'))).toBe('The range ends before it starts');
    await fill(person, screen.getByLabelText('To (date, included)'), '2026-03-12');
    await person.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(api.callsTo('kpi.report').at(-1)).toEqual({ range: { from: '2026-03-09', to: '2026-03-12' } }));
  });

  it('charts the KPI chosen and breaks down by what is chosen', async () => {
    const person = renderApp(kpiConsole('operator'), '#/kpi');
    await screen.findByRole('heading', { name: 'Volume per day' });
    await person.click(within(card('Resolution time (p90)')).getByRole('button', { name: /Chart it/ }));
    expect(screen.getByRole('heading', { name: 'Resolution time (p90) per day' })).toBeTruthy();
    expect(tableCells('KPIs by priority')[0]!.slice(0, 3)).toEqual(['Emergency', '10', '0']);
    await person.click(screen.getByRole('radio', { name: 'Assignee' }));
    expect(tableCells('KPIs by assignee').map((r) => r.slice(0, 4))).toEqual([
      ['tess.tech', '40', '3', '10 min'],
      ['Unassigned', '12', '9', '—'],
    ]);
    await person.click(screen.getByRole('radio', { name: 'Connection' }));
    expect(tableCells('KPIs by connection')).toEqual([['Epic production', '20,160', '99.95 %', '0.05 %', '412 ms', '980 ms', '1,640 ms']]);
  });

  it('lets an admin change a target, with problems next to their fields', async () => {
    const api = kpiConsole('admin');
    const person = renderApp(api, '#/kpi');
    await person.click(await screen.findByRole('button', { name: 'Edit targets' }));
    const dialog = screen.getByRole('dialog', { name: 'KPI targets' });
    const medical = within(dialog).getByRole('group', { name: 'Medical response time' });
    expect((within(medical).getByLabelText('Value (minutes)') as HTMLInputElement).value).toBe('30');
    await fill(person, within(medical).getByLabelText('Value (minutes)'), 'soon');
    await person.click(within(dialog).getByRole('button', { name: 'Save targets' }));
    expect(descriptionOf(within(medical).getByLabelText('Value (minutes)'))).toBe('Enter a number, 0 or more');
    expect(api.callsTo('kpi.setSettings')).toHaveLength(0);
    await fill(person, within(medical).getByLabelText('Value (minutes)'), '20');
    const escalation = within(dialog).getByRole('group', { name: 'Escalation rate' });
    await fill(person, within(escalation).getByLabelText('Comparison'), 'lt');
    await fill(person, within(escalation).getByLabelText('Value (%)'), '15');
    await person.click(within(dialog).getByRole('button', { name: 'Save targets' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const saved = api.callsTo('kpi.setSettings')[0] as KpiSettings;
    expect(saved.targets.medicalResponse).toEqual({ comparison: 'lt', value: 20 * 60_000 });
    expect(saved.targets.escalationRate).toEqual({ comparison: 'lt', value: 15 });
    expect(saved.licensedClinicians).toBe(120);
    await waitFor(() => expect(card('Escalation rate').textContent).toContain('Target: below 15 %'));
    expect(card('Escalation rate').textContent).toContain('Meets target');
  });

  it('says so when the KPIs cannot be read', async () => {
    renderApp(kpiConsole('operator', { 'kpi.report': () => fail('UNAVAILABLE', 'The data folder is not readable.') }), '#/kpi');
    expect((await screen.findByRole('alert')).textContent).toContain('The data folder is not readable.');
  });

  it('exports what is shown: the cards, a row per day and the breakdown chosen', () => {
    const csv = kpiCsv(kpiReport(), 'assignee').split('\n');
    expect(csv).toContain('Medical response time,42 min,Misses target,Target: below 30 min,Up 50 % on the range before,medicalResponse basis,2520000,1680000,lt 1800000');
    expect(csv.filter((l) => /^\d{4}-\d{2}-\d{2}/.test(l))).toHaveLength(7);
    expect(csv).toContain('By assignee');
    expect(csv.some((l) => l.startsWith('Unassigned,12,9'))).toBe(true);
  });
});
