// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { WallAlert, WallDisplay, WallTile } from '../../../src-shared/contract';
import { button, descriptionOf, fail, fakeVigil, heading, MINUTE, navLinks, NOW, ok, push, renderApp, signedInAs, tableCells, tableRows, user, type FakeVigil, type Handlers } from './harness';

const WALL = { id: '01a24fe0-7c7e-7291-b0a2-7f9b2041a02b', name: 'NOC wall 1' };
const DISPLAY_TOKEN = 'd'.repeat(43);

function wallTile(id: number, name: string, state: WallTile['status']['state'], rest: Partial<WallTile> = {}): WallTile {
  return {
    targetId: `conn:${id}`,
    kind: 'connection',
    name,
    vendor: 'epic',
    tags: ['site:north'],
    status: {
      state,
      health: state === 'MAINTENANCE' || state === 'PAUSED' ? 'UP' : state,
      since: NOW - 12 * MINUTE,
      flapping: false,
      latencyMs: state === 'DOWN' ? null : 120,
      cause: state === 'DOWN' ? { probe: 'capability', kind: 'NETWORK', kbCode: 'network_unreachable' } : null,
    },
    uptime24h: 99.5,
    certDaysLeft: 90,
    openAlerts: state === 'DOWN' ? 1 : 0,
    worstSeverity: state === 'DOWN' ? 'SEV1' : null,
    maintenanceUntil: null,
    workstation: null,
    ...rest,
  };
}

const TILES = [
  wallTile(1, 'Epic north', 'UP'),
  wallTile(2, 'Epic south', 'DOWN'),
  wallTile(3, 'Cerner lab', 'DEGRADED', { status: { ...wallTile(3, '', 'DEGRADED').status, cause: null, latencyMs: 2400 } }),
  wallTile(0, 'This workstation', 'DEGRADED', { targetId: 'workstation', kind: 'workstation', vendor: null, tags: [], workstation: { cpu: 97.2, memory: 40, disk: 55.5 } }),
];
const ALERTS: WallAlert[] = [
  { id: 'a1', targetId: 'conn:2', targetName: 'Epic south', kind: 'health', grade: 2, severity: 'SEV1', status: 'open', openedAt: NOW - 20 * MINUTE, acknowledgedAt: null, flapping: false, cause: null, affected: 0 },
  { id: 'a2', targetId: 'conn:1', targetName: 'Epic north', kind: 'tls-expiry', grade: 1, severity: 'SEV3', status: 'acknowledged', openedAt: NOW - 60 * MINUTE, acknowledgedAt: NOW - 5 * MINUTE, flapping: false, cause: null, affected: 0 },
];

/** Main as a wall's browser meets it: a code pairs, the token with the same secret connects, then the board and the alerts. */
function wallMain(more: Handlers = {}): FakeVigil {
  return fakeVigil({
    'display.pair': ({ code }) => (code === 'K7QM4XPD' ? ok({ displayToken: DISPLAY_TOKEN, display: WALL }) : fail('UNAUTHENTICATED', 'That code is not right, or it has run out.', [{ path: ['code'], message: 'That code is not right, or it has run out.' }])),
    'display.connect': () => ok({ token: 's'.repeat(43), display: WALL }),
    'display.board': () => ok({ display: WALL, tiles: TILES }),
    'display.alerts': () => ok({ alerts: ALERTS }),
    ...more,
  });
}

const storedWall = () => JSON.parse(localStorage.getItem('vigil.wall') ?? 'null') as { secret: string; displayToken: string | null } | null;
const codeField = () => screen.getByLabelText('Pairing code') as HTMLInputElement;
const wallTileNames = () => [...document.querySelectorAll('.wall-tile .tile-name')].map((h) => h.textContent);

async function pairWith(code: string) {
  const person = renderApp(wallMain(), '#/display');
  await screen.findByRole('heading', { level: 1, name: 'Pair this screen as a wall display' });
  await person.type(codeField(), code);
  await person.click(screen.getByRole('button', { name: 'Pair this screen' }));
  return person;
}

describe('a wall display', () => {
  it('asks for a pairing code, never for a sign-in, and pairs with a secret this browser keeps', async () => {
    const api = wallMain();
    const person = renderApp(api, '#/display');
    await screen.findByRole('heading', { level: 1, name: 'Pair this screen as a wall display' });
    expect(screen.queryByRole('form', { name: 'Sign in' })).toBeNull();
    expect(api.callsTo('session.whoami')).toEqual([]);
    const { secret } = storedWall()!;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await person.type(codeField(), 'k7qm-4xpd');
    await person.click(screen.getByRole('button', { name: 'Pair this screen' }));
    await waitFor(() => expect(heading()).toBe('NOC wall 1'));
    // As main takes it: the case and the dash do not matter.
    expect(api.callsTo('display.pair')).toEqual([{ code: 'K7QM4XPD', secret }]);
    expect(api.callsTo('display.connect')).toEqual([{ displayToken: DISPLAY_TOKEN, secret }]);
    expect(storedWall()).toEqual({ secret, displayToken: DISPLAY_TOKEN });
  });

  it("says next to the field when main refuses the code", async () => {
    await pairWith('AAAA-AAAA');
    await waitFor(() => expect(codeField().getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(codeField())).toContain('That code is not right, or it has run out.');
  });

  it('says next to the field what a code looks like, and sends nothing', async () => {
    await pairWith('short');
    await waitFor(() => expect(descriptionOf(codeField())).toContain('Enter the 8 letters and digits of the pairing code'));
  });

  it('shows the board worst first in words and codes, the alerts beside it, the time, and nothing to act on', async () => {
    await pairWith('K7QM4XPD');
    await waitFor(() => expect(wallTileNames()).toEqual(['Epic south', 'Cerner lab', 'This workstation', 'Epic north']));
    const south = document.querySelector('.wall-tile.tile-down')!;
    expect(south.textContent).toContain('Down');
    expect(south.textContent).toContain('CapabilityStatement unreachable');
    expect(south.textContent).toContain('1 alertSEV1');
    expect(document.querySelector('.wall-tile.tile-up')?.textContent).toContain('120 ms · 99.5 % in 24 h');
    const [lab, workstation] = document.querySelectorAll('.wall-tile.tile-degraded');
    expect(lab?.textContent).toContain('Slow: 2,400 ms');
    expect(workstation?.textContent).toContain('CPU 97 % · memory 40 % · disk 56 %');

    const alerts = screen.getByRole('region', { name: /Active alerts/ });
    const items = within(alerts).getAllByRole('listitem').map((li) => li.textContent);
    expect(items[0]).toMatch(/^SEV1Connection downEpic southopened 20 min ago · response overdue by 5 min/);
    expect(items[1]).toMatch(/^SEV3Certificate expiringEpic northopened 1 h ago · acknowledged 5 min ago/);
    expect(within(alerts).getByRole('heading').textContent).toBe('Active alerts 1 open · 1 acknowledged');

    expect(document.querySelector('.wall-time')?.textContent).toMatch(/^\d\d:\d\d \d{4}-\d\d-\d\d$/);
    // Read-only: no tile opens anything, and the only control is the theme.
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.getAllByRole('switch').map((b) => b.textContent)).toEqual(['Light themeOff']);
    expect(document.documentElement.dataset.wall).toBe('');
  });

});

const PAIRED = { 'vigil.wall': JSON.stringify({ secret: 'e'.repeat(43), displayToken: DISPLAY_TOKEN }) };

describe('a paired wall display', () => {
  it('connects with its token and secret when the page opens, and shows the wall', async () => {
    const api = wallMain();
    renderApp(api, '#/display', { stored: PAIRED });
    await waitFor(() => expect(wallTileNames()).toHaveLength(4));
    expect(api.callsTo('display.connect')).toEqual([{ displayToken: DISPLAY_TOKEN, secret: 'e'.repeat(43) }]);
    expect(api.callsTo('display.pair')).toEqual([]);
  });

  it('goes back to the pairing screen at once when an administrator removes it, forgetting its token', async () => {
    const api = wallMain();
    renderApp(api, '#/display', { stored: PAIRED });
    await waitFor(() => expect(wallTileNames()).toHaveLength(4));
    await push(api, 'display.revoked', {});
    await screen.findByRole('heading', { level: 1, name: 'Pair this screen as a wall display' });
    expect(screen.getByText('An administrator removed this wall display. It shows nothing until it is paired again.')).toBeTruthy();
    expect(storedWall()).toEqual({ secret: 'e'.repeat(43), displayToken: null });
  });

  it('asks for a code when its pairing no longer holds (paired elsewhere, or removed while it was off)', async () => {
    renderApp(wallMain({ 'display.connect': () => fail('UNAUTHENTICATED', 'This screen is no longer paired as a wall display.') }), '#/display', { stored: PAIRED });
    await screen.findByRole('heading', { level: 1, name: 'Pair this screen as a wall display' });
    expect(screen.getByText(/This screen is no longer paired/)).toBeTruthy();
  });

  it('connects again by itself when its session is gone (a host restart), the board staying up meanwhile', async () => {
    let sessionLost = false;
    const api = wallMain({ 'display.board': () => (sessionLost ? fail('UNAUTHENTICATED', 'This display is not connected.') : ok({ display: WALL, tiles: TILES })) });
    renderApp(api, '#/display', { stored: PAIRED });
    await waitFor(() => expect(wallTileNames()).toHaveLength(4));
    sessionLost = true;
    api.handlers['display.connect'] = () => {
      sessionLost = false;
      return ok({ token: 't'.repeat(43), display: WALL });
    };
    await push(api, 'display.changed', {});
    await waitFor(() => expect(api.callsTo('display.connect')).toHaveLength(2));
    await waitFor(() => expect(api.callsTo('display.board').length).toBeGreaterThanOrEqual(3));
    expect(wallTileNames()).toHaveLength(4);
    expect(screen.queryByRole('heading', { level: 1, name: 'Pair this screen as a wall display' })).toBeNull();
  });

  it('keeps the last board up, says it cannot reach Vigil, and keeps trying', async () => {
    let down = false;
    const api = wallMain({ 'display.board': () => (down ? fail('UNAVAILABLE', 'The Vigil host cannot be reached.') : ok({ display: WALL, tiles: TILES })) });
    renderApp(api, '#/display', { stored: PAIRED });
    await waitFor(() => expect(wallTileNames()).toHaveLength(4));
    down = true;
    await push(api, 'display.changed', {});
    await screen.findByText('Cannot reach Vigil: what is shown may be out of date');
    expect(wallTileNames()).toHaveLength(4);
  });
});

const DISPLAYS: WallDisplay[] = [
  { id: WALL.id, name: 'NOC wall 1', createdAt: NOW - 86_400_000, createdBy: 'ada', state: 'paired', codeExpiresAt: null, pairedAt: NOW - 86_000_000, lastContactAt: NOW - 20_000, connected: true },
  { id: '01a24fe0-7c7e-7291-b0a2-7f9b2041a02c', name: 'Lobby', createdAt: NOW - 86_400_000, createdBy: 'ada', state: 'paired', codeExpiresAt: null, pairedAt: NOW - 86_000_000, lastContactAt: NOW - 30 * MINUTE, connected: false },
  { id: '01a24fe0-7c7e-7291-b0a2-7f9b2041a02d', name: 'Ward 3', createdAt: NOW - MINUTE, createdBy: 'ada', state: 'waiting', codeExpiresAt: NOW + 9 * MINUTE, pairedAt: null, lastContactAt: null, connected: false },
];

describe('Settings → Wall displays', () => {
  function adminWith(more: Handlers = {}) {
    return signedInAs(user({ role: 'admin' }), { 'displays.list': () => ok({ displays: DISPLAYS }), ...more });
  }

  it("is an administrator's: the others do not see it", async () => {
    renderApp(signedInAs(user({ role: 'operator' })), '#/settings/displays');
    await waitFor(() => expect(navLinks()).toContain('Account'));
    expect(navLinks()).not.toContain('Wall displays');
    expect(heading()).not.toBe('Wall displays');
  });

  it('lists each display with its pairing and when it was last heard from, a silent one marked', async () => {
    renderApp(adminWith(), '#/settings/displays');
    await waitFor(() => expect(heading()).toBe('Wall displays'));
    await screen.findByRole('table', { name: 'Wall displays' });
    const [wall, lobby, ward] = tableCells('Wall displays');
    expect(wall?.slice(0, 3)).toEqual([expect.stringMatching(/^NOC wall 1Added by ada, /), expect.stringMatching(/^Paired\d{4}-/), 'Connectedjust now']);
    expect(lobby?.slice(1, 3)).toEqual([expect.stringMatching(/^Paired/), 'Silent30 min ago']);
    expect(ward?.slice(1, 3)).toEqual([expect.stringMatching(/^Waiting for its codeuntil \d\d:\d\d$/), 'Never']);
  });

  it('adds a display and shows its code once, grouped, with where to enter it', async () => {
    const made = { display: DISPLAYS[2]!, code: 'K7QM4XPD' };
    const api = adminWith({ 'displays.create': () => ok(made) });
    const person = renderApp(api, '#/settings/displays');
    await screen.findByRole('table', { name: 'Wall displays' });
    await person.click(screen.getByRole('button', { name: 'Add wall display' }));
    await person.type(await screen.findByLabelText('Name'), 'Ward 3');
    await person.click(screen.getByRole('button', { name: 'Add and show the code' }));
    const dialog = await screen.findByRole('dialog', { name: 'Pairing code for Ward 3' });
    expect(api.callsTo('displays.create')).toEqual([{ name: 'Ward 3' }]);
    expect(within(dialog).getByText('K7QM-4XPD')).toBeTruthy();
    expect(dialog.textContent).toContain(`${window.location.origin}/#/display`);
  });

  it('a clashing name is said next to the field', async () => {
    const message = 'A wall display named "Lobby" already exists. Choose another name.';
    const person = renderApp(adminWith({ 'displays.create': () => fail('CONFLICT', message, [{ path: ['name'], message }]) }), '#/settings/displays');
    await screen.findByRole('table', { name: 'Wall displays' });
    await person.click(screen.getByRole('button', { name: 'Add wall display' }));
    await person.type(await screen.findByLabelText('Name'), 'lobby');
    await person.click(screen.getByRole('button', { name: 'Add and show the code' }));
    await waitFor(() => expect(descriptionOf(screen.getByLabelText('Name'))).toContain(message));
  });

  it('gives a display a new code, and removes one after asking', async () => {
    const api = adminWith({ 'displays.newCode': ({ id }) => ok({ display: DISPLAYS.find((d) => d.id === id)!, code: 'ABCD2345' }), 'displays.revoke': () => ok({}) });
    const person = renderApp(api, '#/settings/displays');
    await screen.findByRole('table', { name: 'Wall displays' });
    await person.click(button('New code for Lobby'));
    expect(within(await screen.findByRole('dialog', { name: 'Pairing code for Lobby' })).getByText('ABCD-2345')).toBeTruthy();
    await person.click(screen.getByRole('button', { name: 'Done' }));

    await person.click(button('Remove NOC wall 1'));
    const confirm = await screen.findByRole('dialog', { name: 'Remove NOC wall 1?' });
    expect(confirm.textContent).toContain('asks for a pairing code again');
    await person.click(within(confirm).getByRole('button', { name: 'Remove display' }));
    await waitFor(() => expect(api.callsTo('displays.revoke')).toEqual([{ id: WALL.id }]));
    await screen.findByText('Removed NOC wall 1. Its screen now asks for a pairing code.');
  });

  it('follows displays.changed', async () => {
    let displays = DISPLAYS.slice(0, 1);
    const api = adminWith({ 'displays.list': () => ok({ displays }) });
    renderApp(api, '#/settings/displays');
    await waitFor(() => expect(tableRows('Wall displays')).toHaveLength(1));
    displays = DISPLAYS;
    await push(api, 'displays.changed', { displayId: 'x' });
    await waitFor(() => expect(tableRows('Wall displays')).toHaveLength(3));
  });
});
