// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput, UserSummary } from '../../../src-shared/contract';
import type { AlertView } from '../../../src-shared/monitoring';
import {
  button,
  descriptionOf,
  fail,
  fill,
  fillForm,
  liveTexts,
  NOW,
  ok,
  pageText,
  queryButton,
  renderApp,
  tableCells,
  tableRows,
  user,
  type FakeVigil,
} from './harness';
import { alert, boardConsole, detailOf, factsIn, giveChartsRoom, status, tile, tileButton, workstationTile, type Detail } from './board-fixtures';

let restoreResizeObserver: () => void = () => {};
beforeEach(() => {
  restoreResizeObserver = giveChartsRoom();
});
afterEach(() => {
  restoreResizeObserver();
});

const EPIC = tile(1, 'Epic production', 'DOWN', { openAlerts: 1, worstSeverity: 'SEV1' });
const TILES = [EPIC, tile(2, 'Cerner lab', 'UP'), workstationTile()];

function epicConsole(u: UserSummary, detail: Partial<Detail> = {}): FakeVigil {
  return boardConsole(u, TILES, { 'conn:1': detailOf(EPIC, { alerts: [alert('a1', 'conn:1')], ...detail }) });
}

/** Opens Epic production's detail from its tile, as a person would. */
async function openEpic(api: FakeVigil): Promise<UserEvent> {
  const person = renderApp(api);
  await waitFor(() => tileButton('conn:1'));
  await person.click(tileButton('conn:1'));
  await waitFor(() => expect(tableRows('Probes of the last run')).toHaveLength(2));
  return person;
}

const detailHeading = () => screen.getByRole('heading', { level: 2, name: 'Epic production' });
const field = (label: string) => screen.getByLabelText(label);

describe("a target's detail", () => {
  it('opens from its tile with focus on its heading: state, reason, chart, uptime, probes, recent runs and alerts', async () => {
    const api = epicConsole(user({ role: 'operator' }));
    await openEpic(api);

    expect(document.activeElement).toBe(detailHeading());
    expect(api.callsTo('monitor.detail')).toContainEqual({ targetId: 'conn:1', range: '24h' });
    const header = detailHeading().closest('header') as HTMLElement;
    expect(header.querySelector('.state-badge')?.textContent).toBe('Down');
    expect(header.textContent).toContain('CapabilityStatement: connection refused (failed 3 times in a row)');
    expect(header.textContent).toContain('probed every 30 s');
    expect(factsIn(header).Certificate).toBe('120 days');

    // The chart: three percentile lines, failed runs as bars, and the same in words.
    expect(document.querySelectorAll('.latency-chart .recharts-line-curve')).toHaveLength(3);
    expect(document.querySelector('.latency-chart .series-failures')).not.toBeNull();
    expect(pageText()).toContain('Over the last 24 hours: p50 105 ms · p95 205 ms · p99 410 ms from 120 runs');
    expect(pageText()).toContain('Threshold 2,000 ms');

    const uptime = [...document.querySelectorAll('.uptime-figure')].map((f) => [...f.querySelectorAll('dt, dd > span')].map((e) => e.textContent));
    expect(uptime).toEqual([
      ['1 hour', '99.17 %', '120 runs, 1 failed'],
      ['24 hours', '99.9 %', '2,880 runs, 3 failed'],
      ['7 days', '100 %', '20,160 runs, 0 failed'],
      ['30 days', '—', 'No runs yet'],
    ]);

    expect(tableCells('Probes of the last run')).toEqual([
      ['Fail', 'CapabilityStatement', '3,012 ms', 'Connection refused'],
      ['Skipped', 'CDS Hooks discovery optional', '—', 'Needs the server'],
    ]);
    // Newest first.
    const [latest, earlier] = tableCells('Recent runs');
    expect(latest?.slice(1)).toEqual(['Pass', '130 ms', '—']);
    expect(earlier?.slice(1)).toEqual(['Fail', '—', 'capability — error']);

    const [row] = tableRows('Alerts');
    expect(row).toContain('SEV1');
    expect(row).toContain('Epic production is DOWN');
    expect(button('Acknowledge Epic production is DOWN')).toBeTruthy();
    expect(pageText()).toContain('None planned.');
  });

  it('Escape and Back to the board return to the board, with focus on the tile that opened it', async () => {
    const person = await openEpic(epicConsole(user({ role: 'operator' })));
    await person.keyboard('{Escape}');
    await waitFor(() => expect(document.activeElement).toBe(tileButton('conn:1')));

    await person.click(tileButton('conn:1'));
    await waitFor(() => expect(document.activeElement).toBe(detailHeading()));
    await person.click(button('Back to the board'));
    await waitFor(() => expect(document.activeElement).toBe(tileButton('conn:1')));
  });

  it('switching the range asks main for that range', async () => {
    const api = epicConsole(user({ role: 'operator' }));
    const person = await openEpic(api);
    await person.click(screen.getByRole('radio', { name: '7 days' }));
    await waitFor(() => expect(api.callsTo('monitor.detail')).toContainEqual({ targetId: 'conn:1', range: '7d' }));
    expect((screen.getByRole('radio', { name: '7 days' }) as HTMLInputElement).checked).toBe(true);
  });

  it('lists the maintenance windows that cover it, and which one is on now', async () => {
    const now = NOW;
    const windows = [
      { id: 'w1', kind: 'once' as const, targetId: 'conn:1', note: 'Epic upgrade', start: now - 60_000, end: now + 3_600_000 },
      { id: 'w2', kind: 'recurring' as const, targetId: null, note: '', cron: '0 2 * * SUN', durationMs: 2 * 3_600_000, timezone: 'UTC' },
    ];
    const withWindow = { ...EPIC, maintenance: { windowId: 'w1', until: now + 3_600_000, note: 'Epic upgrade' } };
    const api = boardConsole(user({ role: 'operator' }), TILES, { 'conn:1': detailOf(withWindow, { windows }) });
    await openEpic(api);
    const panel = screen.getByRole('region', { name: 'Maintenance windows' });
    const items = within(panel).getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(items[0]).toContain('On now, until');
    expect(items[0]).toContain('Epic upgrade');
    expect(items[1]).toContain('0 2 * * SUN in UTC, for 2 h');
    expect(items[1]).toContain('Next: Sun');
    expect(items[1]).toContain('All targets');
  });
});

describe('alerts in the detail', () => {
  it('Acknowledge calls alerts.acknowledge, then shows who acknowledged it and when', async () => {
    let alerts: AlertView[] = [alert('a1', 'conn:1')];
    const api = boardConsole(user({ role: 'operator', username: 'olive' }), TILES, {}, {
      'alerts.acknowledge': ({ alertId }) => {
        alerts = [alert(alertId, 'conn:1', { status: 'acknowledged', acknowledged: { by: 'olive', at: NOW, workstation: null } })];
        return ok(alerts[0] as AlertView);
      },
    });
    api.handlers['monitor.detail'] = () => ok(detailOf(EPIC, { alerts }));
    const person = await openEpic(api);

    await person.click(button('Acknowledge Epic production is DOWN'));
    expect(api.callsTo('alerts.acknowledge')).toEqual([{ alertId: 'a1' }]);
    // The status word and its note are two lines on screen, one run of text here.
    await waitFor(() => expect(tableCells('Alerts')[0]?.[3]).toBe('Acknowledgedby olive, just now'));
    expect(queryButton('Acknowledge Epic production is DOWN')).toBeNull();
  });

  it('says so when the acknowledgement is refused', async () => {
    const api = epicConsole(user({ role: 'operator' }));
    api.handlers['alerts.acknowledge'] = () => fail('CONFLICT', 'This alert was resolved in the meantime.');
    const person = await openEpic(api);
    await person.click(button('Acknowledge Epic production is DOWN'));
    await waitFor(() => expect(pageText()).toContain('The alert was not acknowledged'));
    expect(pageText()).toContain('This alert was resolved in the meantime.');
  });
});

describe('who may do what in the detail', () => {
  it('a safety officer may acknowledge but not pause or change the settings', async () => {
    await openEpic(epicConsole(user({ role: 'safety_officer' })));
    expect(button('Acknowledge Epic production is DOWN')).toBeTruthy();
    expect(queryButton('Pause monitoring')).toBeNull();
    expect(queryButton('Monitoring settings')).toBeNull();
  });

  it('a support technician only reads: the alert says Open, with no button', async () => {
    await openEpic(epicConsole(user({ role: 'support_tech' })));
    expect(tableCells('Alerts')[0]?.[3]).toMatch(/^OpenRespond within/);
    expect(queryButton('Acknowledge Epic production is DOWN')).toBeNull();
    expect(queryButton('Pause monitoring')).toBeNull();
    expect(queryButton('Monitoring settings')).toBeNull();
  });

  it('an operator pauses a target, and a paused one offers Resume', async () => {
    let paused = false;
    const api = epicConsole(user({ role: 'operator' }));
    api.handlers['monitor.pause'] = ({ targetId }) => {
      paused = true;
      return ok(status(targetId, 'PAUSED'));
    };
    api.handlers['monitor.resume'] = ({ targetId }) => ok(status(targetId, 'UNKNOWN'));
    api.handlers['monitor.detail'] = () => ok(detailOf(paused ? { ...EPIC, paused: true, status: status('conn:1', 'PAUSED') } : EPIC));
    const person = await openEpic(api);

    await person.click(button('Pause monitoring'));
    expect(api.callsTo('monitor.pause')).toEqual([{ targetId: 'conn:1' }]);
    await waitFor(() => expect(liveTexts('status').join(' ')).toContain('Paused monitoring of Epic production'));
    await person.click(await screen.findByRole('button', { name: 'Resume monitoring' }));
    expect(api.callsTo('monitor.resume')).toEqual([{ targetId: 'conn:1' }]);
  });
});

describe('monitoring settings', () => {
  async function openSettings(api: FakeVigil): Promise<UserEvent> {
    const person = await openEpic(api);
    await person.click(button('Monitoring settings'));
    await screen.findByRole('dialog', { name: 'Monitoring settings: Epic production' });
    return person;
  }

  it('shows the saved settings in seconds, checks them before sending, and sends them in milliseconds', async () => {
    const api = epicConsole(user({ role: 'operator' }));
    api.handlers['monitor.configure'] = ({ settings }) => ok(settings);
    const person = await openSettings(api);
    expect((field('Interval (seconds)') as HTMLInputElement).value).toBe('30');
    expect((field('Timeout (seconds)') as HTMLInputElement).value).toBe('10');
    expect((field('Latency threshold (ms)') as HTMLInputElement).value).toBe('2000');
    // The first field has focus as the dialog opens.
    expect(document.activeElement).toBe(field('Interval (seconds)'));

    await fill(person, field('Interval (seconds)'), '2');
    await person.click(button('Save settings'));
    expect(descriptionOf(field('Interval (seconds)'))).toBe('Enter a number of seconds from 5 to 86,400');
    expect(document.activeElement).toBe(field('Interval (seconds)'));
    expect(api.callsTo('monitor.configure')).toEqual([]);

    await fillForm(person, { 'Interval (seconds)': '60', 'Timeout (seconds)': '7.5', Retries: '3', 'Latency threshold (ms)': '' });
    await person.click(screen.getByRole('checkbox', { name: 'Cerner lab' }));
    await person.click(screen.getByRole('checkbox', { name: 'Read metrics from a Prometheus endpoint' }));
    await fillForm(person, { 'Metrics URL': 'https://ai.example.org/metrics', 'Metric name': 'model_latency_seconds', Labels: 'quantile=0.95, job="api"' });
    await fillForm(person, { 'Alert when the value is': 'above', 'Warning level': '0.5', 'Critical level': '1' });
    // Enter in a field saves, as the button does.
    await person.type(field('Critical level'), '{Enter}');

    const sent = api.callsTo('monitor.configure') as ChannelInput<'monitor.configure'>[];
    expect(sent).toEqual([
      {
        targetId: 'conn:1',
        settings: {
          plan: { intervalMs: 60_000, timeoutMs: 7_500, retries: 3, retryIntervalMs: 10_000 },
          latencyThresholdMs: null,
          dependsOn: ['conn:2'],
          metrics: {
            url: 'https://ai.example.org/metrics',
            selectors: [{ name: 'model_latency_seconds', labels: { quantile: '0.95', job: 'api' }, threshold: { direction: 'above', warn: 0.5, critical: 1 } }],
          },
        },
      },
    ]);
    await waitFor(() => expect(liveTexts('status').join(' ')).toContain('Saved the monitoring settings of Epic production.'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it("puts main's INVALID_INPUT next to the field it names", async () => {
    const api = epicConsole(user({ role: 'admin' }));
    api.handlers['monitor.configure'] = () =>
      fail('INVALID_INPUT', 'Some settings are not valid.', [
        { path: ['settings', 'plan', 'timeoutMs'], message: 'The timeout must not be longer than the interval' },
        { path: ['settings', 'dependsOn'], message: 'Epic production and Cerner lab would depend on each other' },
      ]);
    const person = await openSettings(api);
    await person.click(screen.getByRole('checkbox', { name: 'Cerner lab' }));
    await person.click(button('Save settings'));

    await waitFor(() => expect(descriptionOf(field('Timeout (seconds)'))).toBe('The timeout must not be longer than the interval'));
    expect(field('Timeout (seconds)').getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(screen.getByRole('group', { name: 'Depends on' }))).toBe('Epic production and Cerner lab would depend on each other');
    // Every problem sits next to its field: nothing is repeated above the form.
    expect(pageText()).not.toContain('The settings were not saved');
    expect(document.activeElement).toBe(field('Timeout (seconds)'));
  });

  it('Escape closes the dialog, not the detail', async () => {
    const person = await openSettings(epicConsole(user({ role: 'operator' })));
    const dialog = screen.getByRole('dialog');
    await person.keyboard('{Escape}');
    // A browser turns that Escape into the dialog's cancel event; jsdom does not, so it is sent here.
    await act(async () => dialog.dispatchEvent(new Event('cancel', { cancelable: true })));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(detailHeading()).toBeTruthy();
  });
});
