// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { button, heading, liveTexts, navLink, ok, pageText, push, queryButton, renderApp, tableRows, user } from './harness';
import { boardConsole, NOW, status, tab, tile, tileButton, tileFact, tileFacts, tileNames, tileTags, tileText, workstationTile } from './board-fixtures';
import { connection, VENDORS } from './connection-fixtures';

/** The board with this many tiles on it. */
async function boardShows(count: number): Promise<void> {
  await waitFor(() => expect(tileNames()).toHaveLength(count));
}

describe('the status board', () => {
  it('is where Connections lands: a tile per target, worst first and then by name, each state as icon and word', async () => {
    const tiles = [
      tile(1, 'Zeta clinic', 'UP'),
      tile(2, 'Oracle Health', 'DEGRADED'),
      tile(3, 'Epic production', 'DOWN'),
      tile(4, 'Allscripts', 'PAUSED'),
      tile(5, 'Cerner lab', 'MAINTENANCE'),
      tile(6, 'New HAPI', 'UNKNOWN', { status: status('conn:6', 'UNKNOWN', { reason: 'Not probed yet', latencyMs: null, checkedAt: null }) }),
      tile(7, 'Beta hospital', 'DOWN'),
      workstationTile(),
    ];
    renderApp(boardConsole(user({ role: 'operator' }), tiles));
    await boardShows(8);
    expect(heading()).toBe('Connections');
    expect(tab('Status board').getAttribute('aria-selected')).toBe('true');
    expect(tileNames()).toEqual(['Beta hospital', 'Epic production', 'Oracle Health', 'New HAPI', 'Cerner lab', 'Allscripts', 'This workstation', 'Zeta clinic']);

    const words = [...document.querySelectorAll('.board-grid .state-badge')].map((b) => b.textContent);
    expect(words).toEqual(['Down', 'Down', 'Degraded', 'Unknown', 'Maintenance', 'Paused', 'Up', 'Up']);
    // Never by colour alone: every state word has its icon.
    for (const badge of document.querySelectorAll('.board-grid .state-badge')) expect(badge.querySelector('svg')).not.toBeNull();
    // The tile's button says the state too, for those who hear the board.
    expect(tileButton('conn:3').textContent).toBe('Epic production (Down)');
  });

  it('sums the states up on top, worst first, with the open alerts and their worst severity', async () => {
    const tiles = [
      tile(1, 'A', 'DOWN', { openAlerts: 1, worstSeverity: 'SEV1' }),
      tile(2, 'B', 'DOWN', { openAlerts: 2, worstSeverity: 'SEV2' }),
      tile(3, 'C', 'DEGRADED'),
      tile(4, 'D', 'UP'),
      tile(5, 'E', 'UP'),
      workstationTile(),
    ];
    renderApp(boardConsole(user({ role: 'operator' }), tiles));
    await waitFor(() => expect(liveTexts('status')).toContain('2 down · 1 degraded · 3 up'));
    expect(pageText()).toContain('3 open alerts, worst SEV1');
  });

  it('says "All N up" when nothing is wrong', async () => {
    renderApp(boardConsole(user({ role: 'operator' }), [tile(1, 'A', 'UP'), workstationTile()]));
    await waitFor(() => expect(liveTexts('status')).toContain('All 2 up'));
    expect(pageText()).toContain('No open alerts');
  });

  it('shows on each tile the reason, latency, uptime, certificate, token, alerts, maintenance, flapping and a pause', async () => {
    const until = NOW + 2 * 3_600_000;
    const tiles = [
      tile(1, 'Epic production', 'DOWN', { openAlerts: 2, worstSeverity: 'SEV1', certDaysLeft: 5, status: status('conn:1', 'DOWN', { flapping: true }) }),
      tile(2, 'Cerner lab', 'MAINTENANCE', {
        maintenance: { windowId: 'w1', until, note: 'Upgrade' },
        status: status('conn:2', 'MAINTENANCE', { health: 'DOWN' }),
      }),
      tile(3, 'Allscripts', 'PAUSED', { uptime24h: 99.999 }),
      workstationTile(),
    ];
    renderApp(boardConsole(user({ role: 'operator' }), tiles));
    await boardShows(4);

    const down = tileText('conn:1');
    expect(down).toContain('CapabilityStatement: connection refused (failed 3 times in a row)');
    expect(down).toContain('for 12 min');
    expect(down).toContain('Epic');
    expect(tileFacts('conn:1')).toEqual({ Latency: '—', 'Uptime 24 h': '99.5 %', Certificate: '5 days', 'Token left': '5 min' });
    expect(tileTags('conn:1')).toEqual(['2 open alerts SEV1', 'Flapping']);

    const [alertsTag, window, hidden] = tileTags('conn:2');
    expect(alertsTag).toBe('No open alerts');
    expect(window).toMatch(/^In maintenance until \d/);
    // The probes still find it down: that must not hide behind MAINTENANCE.
    expect(hidden).toBe('Probes say down');

    // One failure in 100,000 runs is not "100 %".
    expect(tileFacts('conn:3')['Uptime 24 h']).toBe('99.99 %');
    expect(tileButton('conn:3').textContent).toBe('Allscripts (Paused)');

    expect(tileFacts('workstation')).toEqual({ 'Uptime 24 h': '99.5 %', CPU: '12 %', Memory: '40 %', Disk: '55 %' });
  });

  it('redraws a tile when main pushes monitor.status', async () => {
    let tiles = [tile(1, 'Epic production', 'UP'), workstationTile()];
    const api = boardConsole(user({ role: 'operator' }), []);
    api.handlers['monitor.board'] = () => ok({ tiles });
    renderApp(api);
    await waitFor(() => expect(tileButton('conn:1').textContent).toBe('Epic production (Up)'));

    const down = status('conn:1', 'DOWN', { since: NOW });
    tiles = [tile(1, 'Epic production', 'DOWN', { status: down }), workstationTile()];
    await push(api, 'monitor.status', { from: 'UP', status: down });
    await waitFor(() => expect(tileButton('conn:1').textContent).toBe('Epic production (Down)'));
    expect(tileText('conn:1')).toContain('connection refused');
    expect(liveTexts('status')).toContain('1 down · 1 up');
  });

  it('with no connections says who adds one, and where; the workstation still has its tile', async () => {
    const person = renderApp(boardConsole(user({ role: 'admin' }), [workstationTile()]));
    await waitFor(() => expect(pageText()).toContain('No EHR connections to watch yet'));
    expect(tileNames()).toEqual(['This workstation']);
    await person.click(button('Go to Setup & diagnostics'));
    await waitFor(() => expect(pageText()).toContain('No connections yet. Add connection sets up the first one.'));
    expect(tab('Setup & diagnostics').getAttribute('aria-selected')).toBe('true');
  });

  it('with no connections, tells an operator that an administrator adds them', async () => {
    renderApp(boardConsole(user({ role: 'operator' }), [workstationTile()]));
    await waitFor(() => expect(pageText()).toContain('An administrator adds them under Setup & diagnostics'));
    expect(queryButton('Go to Setup & diagnostics')).toBeNull();
  });

  it('keeps the last tiles up when a refresh fails, and says they may be out of date', async () => {
    const api = boardConsole(user({ role: 'operator' }), [tile(1, 'Epic production', 'UP'), workstationTile()]);
    renderApp(api);
    await boardShows(2);
    api.handlers['monitor.board'] = () => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'The monitor is not running.' } });
    await push(api, 'monitor.status', { from: 'UP', status: status('conn:1', 'DOWN') });
    await waitFor(() => expect(pageText()).toContain('Could not refresh the board: what is shown may be out of date'));
    expect(tileNames()).toHaveLength(2);
  });
});

describe('the two views', () => {
  it('Setup & diagnostics is one tab away, by arrow key too, and is remembered across screens', async () => {
    const api = boardConsole(user({ role: 'admin' }), [tile(1, 'Sandbox EHR', 'UP'), workstationTile()], {}, {
      'connections.list': () => ok({ connections: [connection(1, { name: 'Sandbox EHR' })] }),
      'ehr.vendors': () => ok({ vendors: VENDORS }),
      'audit.list': () => ok({ entries: [], total: 0, nextBeforeSeq: null }),
    });
    const person = renderApp(api);
    await boardShows(2);

    tab('Status board').focus();
    await person.keyboard('{ArrowRight}');
    await waitFor(() => expect(tableRows('Connections')).toHaveLength(1));
    expect(document.activeElement).toBe(tab('Setup & diagnostics'));
    expect(tab('Setup & diagnostics').getAttribute('tabindex')).toBe('0');
    expect(tab('Status board').getAttribute('tabindex')).toBe('-1');
    expect(button('Add connection')).toBeTruthy();

    await person.click(navLink('Audit'));
    await screen.findByRole('heading', { level: 1, name: 'Audit' });
    await person.click(navLink('Connections'));
    await waitFor(() => expect(tableRows('Connections')).toHaveLength(1));

    tab('Setup & diagnostics').focus();
    await person.keyboard('{Home}');
    await boardShows(2);
  });

  it('a certificate about to expire is flagged with an icon as well as its colour', async () => {
    renderApp(boardConsole(user({ role: 'operator' }), [tile(1, 'Epic production', 'UP', { certDaysLeft: 3 })]));
    await waitFor(() => expect(tileFacts('conn:1').Certificate).toBe('3 days'));
    // By the default rules: 3 days is within the 7-day tier, which alerts as SEV2.
    await waitFor(() => expect(tileFact('conn:1', 'Certificate').className).toContain('fact-bad'));
    expect(tileFact('conn:1', 'Certificate').querySelector('svg')).not.toBeNull();
  });

  it("a certificate's colour follows the operator's alert rules, not fixed marks", async () => {
    // Tiers at 60 days (a SEV3 reminder) and 3 days (SEV2): warn within 60, bad within 3, and bad once expired.
    const days = { 1: 90, 2: 40, 3: 5, 4: 3, 5: -2 } as const;
    const tiles = Object.entries(days).map(([id, certDaysLeft]) => tile(Number(id), `Server ${id}`, 'UP', { certDaysLeft }));
    renderApp(boardConsole(user({ role: 'operator' }), tiles, {}, { 'monitor.rules': () => ok({ tlsExpiryDays: [60, 3], degradedAfterMinutes: 10, keyRotationDays: 365 }) }));
    await boardShows(5);
    const tone = (targetId: string) => /fact-(bad|warn)/.exec(tileFact(targetId, 'Certificate').className)?.[1] ?? 'plain';
    await waitFor(() => expect(tone('conn:2')).toBe('warn'));
    expect(['conn:1', 'conn:2', 'conn:3', 'conn:4', 'conn:5'].map(tone)).toEqual(['plain', 'warn', 'warn', 'bad', 'bad']);
    expect(tileFacts('conn:5').Certificate).toBe('Expired');
  });
});
