// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { BoardTile } from '../../../src-shared/monitoring';
import { button, heading, liveTexts, navLink, ok, push, renderApp, user } from './harness';
import { boardConsole, status, tileButton, tileFacts, tileNames, tileText, workstationTile } from './board-fixtures';
import { tile } from './board-fixtures';

const BOARD: BoardTile[] = [
  tile(1, 'Epic north', 'UP', { tags: ['site:north', 'clinical'], host: 'epic-n.example.org' }),
  tile(2, 'Epic south', 'DOWN', { tags: ['site:south', 'clinical'] }),
  tile(3, 'Cerner lab', 'DEGRADED', { vendor: 'cerner', tags: ['site:north'] }),
  tile(4, 'Billing', 'UP', { vendor: 'generic', host: 'billing.internal:8443' }),
  workstationTile(),
];

const search = () => screen.getByRole('searchbox', { name: 'Search' }) as HTMLInputElement;
const select = (name: string) => screen.getByRole('combobox', { name }) as HTMLSelectElement;
const stateBox = (name: RegExp) => screen.getByRole('checkbox', { name });
const grid = () => document.querySelector<HTMLElement>('.board-grid')!;
const shownLine = () => liveTexts('status').find((t) => /targets/.test(t));

/** The board with these tiles, served live: `set` changes what main answers next. */
function liveBoard(tiles: BoardTile[]) {
  let current = tiles;
  const api = boardConsole(user({ role: 'operator' }), tiles);
  api.handlers['monitor.board'] = () => ok({ tiles: current });
  return {
    api,
    set: async (next: BoardTile[], changed: BoardTile) => {
      current = next;
      await push(api, 'monitor.status', { from: 'UP', status: changed.status });
    },
  };
}

async function shows(names: string[]) {
  await waitFor(() => expect(tileNames()).toEqual(names));
}

describe('finding targets on the board', () => {
  it('searches name, vendor, host and tag, every word, and says how many it shows', async () => {
    const person = renderApp(boardConsole(user({ role: 'operator' }), BOARD));
    await shows(['Epic south', 'Cerner lab', 'Billing', 'Epic north', 'This workstation']);
    expect(shownLine()).toBe('5 targets');

    await person.type(search(), 'north');
    await shows(['Cerner lab', 'Epic north']);
    expect(shownLine()).toBe('Showing 2 of 5 targets');
    await person.type(search(), ' epic');
    await shows(['Epic north']);
    await person.clear(search());
    await person.type(search(), 'billing.internal');
    await shows(['Billing']);
    await person.clear(search());
    await person.type(search(), 'no such thing');
    await waitFor(() => expect(screen.getByText('No target matches these filters.')).toBeTruthy());

    await person.click(button('Clear filters'));
    await shows(['Epic south', 'Cerner lab', 'Billing', 'Epic north', 'This workstation']);
    expect(search().value).toBe('');
  });

  it('filters by state (any of those ticked), vendor and tag together', async () => {
    const person = renderApp(boardConsole(user({ role: 'operator' }), BOARD));
    await shows(['Epic south', 'Cerner lab', 'Billing', 'Epic north', 'This workstation']);
    // Each state on the board is offered with its count.
    expect(screen.getAllByRole('checkbox').map((b) => b.closest('.choice')?.textContent)).toEqual(['Down (1)', 'Degraded (1)', 'Up (3)']);

    await person.click(stateBox(/^Down/));
    await person.click(stateBox(/^Degraded/));
    await shows(['Epic south', 'Cerner lab']);
    await person.selectOptions(select('Vendor'), 'epic');
    await shows(['Epic south']);
    await person.click(stateBox(/^Down/));
    await person.click(stateBox(/^Degraded/));
    await person.selectOptions(select('Tag'), 'site:north');
    await shows(['Epic north']);
    expect([...select('Tag').options].map((o) => o.textContent)).toEqual(['All tags', 'clinical', 'site:north', 'site:south']);
  });

  it('keeps the filters when the person goes to another screen and comes back', async () => {
    const api = boardConsole(user({ role: 'operator' }), BOARD, {}, { 'alerts.list': () => ok({ alerts: [] }) });
    const person = renderApp(api);
    await shows(['Epic south', 'Cerner lab', 'Billing', 'Epic north', 'This workstation']);
    await person.type(search(), 'cerner');
    await shows(['Cerner lab']);
    await person.click(navLink('Alerts'));
    await waitFor(() => expect(heading()).toBe('Alerts'));
    await person.click(navLink('Connections'));
    await shows(['Cerner lab']);
    expect(search().value).toBe('cerner');
  });
});

describe('arranging the board', () => {
  it('groups by a tag prefix under headings that count each group, tile names one level below', async () => {
    const person = renderApp(boardConsole(user({ role: 'operator' }), BOARD));
    await shows(['Epic south', 'Cerner lab', 'Billing', 'Epic north', 'This workstation']);
    expect([...select('Group by').options].map((o) => o.textContent)).toEqual(['Nothing', 'Vendor', 'Tag site:']);
    await person.selectOptions(select('Group by'), 'tag:site');
    await waitFor(() => expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['site: south', 'site: north', 'No site tag']));
    expect([...document.querySelectorAll('.board-group-counts')].map((p) => p.textContent)).toEqual(['1 target · 1 down', '2 targets · 1 degraded · 1 up', '2 targets · 2 up']);
    expect(tileNames()).toEqual(['Epic south', 'Cerner lab', 'Epic north', 'Billing', 'This workstation']);
    expect(screen.getAllByRole('heading', { level: 4 })).toHaveLength(5);
    // The place of each tile on the board is said, since only some tiles are in the page.
    expect(tileButton('conn:1').closest('li')?.getAttribute('aria-posinset')).toBe('3');
    expect(tileButton('conn:1').closest('li')?.getAttribute('aria-setsize')).toBe('5');
  });

  it('compact tiles keep the state, name, why and alerts, and the choice outlives a reload', async () => {
    const person = renderApp(boardConsole(user({ role: 'operator' }), BOARD));
    await shows(['Epic south', 'Cerner lab', 'Billing', 'Epic north', 'This workstation']);
    expect(tileFacts('conn:2')).toHaveProperty('Latency');
    await person.click(screen.getByRole('switch', { name: 'Compact tiles' }));
    await waitFor(() => expect(grid().classList).toContain('board-compact'));
    expect(tileFacts('conn:2')).toEqual({});
    expect(tileText('conn:2')).toContain('Down');
    expect(tileText('conn:2')).toContain('connection refused');
    expect(JSON.parse(localStorage.getItem('vigil.board') ?? '{}')).toMatchObject({ state: { density: 'compact' } });
  });
});

describe('a stable order', () => {
  const epicNorthDown = () => {
    const changed = tile(1, 'Epic north', 'DOWN', { tags: ['site:north', 'clinical'], status: status('conn:1', 'DOWN') });
    return { changed, next: BOARD.map((t) => (t.targetId === 'conn:1' ? changed : t)) };
  };

  it('holds while the pointer is on the board: the change shows in place, and the order catches up when it leaves', async () => {
    const board = liveBoard(BOARD);
    const person = renderApp(board.api);
    await shows(['Epic south', 'Cerner lab', 'Billing', 'Epic north', 'This workstation']);

    await person.hover(tileButton('conn:4'));
    const { changed, next } = epicNorthDown();
    await board.set(next, changed);
    await waitFor(() => expect(tileButton('conn:1').textContent).toBe('Epic north (Down)'));
    expect(tileNames()).toEqual(['Epic south', 'Cerner lab', 'Billing', 'Epic north', 'This workstation']);
    expect(shownLine()).toContain('Order held while the pointer or focus is on the board');
    expect(document.querySelector('.board-held')?.textContent).toBe('Order held while the pointer or focus is on the board: changes show in place');

    await person.unhover(grid());
    await shows(['Epic north', 'Epic south', 'Cerner lab', 'Billing', 'This workstation']);
    expect(shownLine()).toBe('5 targets');
    expect(document.querySelector('.board-held')).toBeNull();
  });

  it('holds while keyboard focus is in the board, and lets go when focus leaves it', async () => {
    const board = liveBoard(BOARD);
    const person = renderApp(board.api);
    await shows(['Epic south', 'Cerner lab', 'Billing', 'Epic north', 'This workstation']);

    tileButton('conn:4').focus();
    const { changed, next } = epicNorthDown();
    await board.set(next, changed);
    await waitFor(() => expect(tileButton('conn:1').textContent).toBe('Epic north (Down)'));
    expect(tileNames()).toEqual(['Epic south', 'Cerner lab', 'Billing', 'Epic north', 'This workstation']);
    // Focus still on the same tile, which has not moved.
    expect(document.activeElement).toBe(tileButton('conn:4'));

    await person.click(search());
    await shows(['Epic north', 'Epic south', 'Cerner lab', 'Billing', 'This workstation']);
  });

  it('re-sorts at once when nobody is at the board', async () => {
    const board = liveBoard(BOARD);
    renderApp(board.api);
    await shows(['Epic south', 'Cerner lab', 'Billing', 'Epic north', 'This workstation']);
    const { changed, next } = epicNorthDown();
    await board.set(next, changed);
    await shows(['Epic north', 'Epic south', 'Cerner lab', 'Billing', 'This workstation']);
  });
});

describe('the navigation', () => {
  it("Connections, followed from a target's detail, goes back to the board", async () => {
    const person = renderApp(boardConsole(user({ role: 'operator' }), BOARD));
    await shows(['Epic south', 'Cerner lab', 'Billing', 'Epic north', 'This workstation']);
    await person.click(tileButton('conn:3'));
    await screen.findByRole('heading', { level: 2, name: /Cerner lab/ });
    expect(document.querySelector('.board-grid')).toBeNull();

    await person.click(navLink('Connections'));
    await shows(['Epic south', 'Cerner lab', 'Billing', 'Epic north', 'This workstation']);
    expect(screen.queryByRole('heading', { level: 2, name: /Cerner lab/ })).toBeNull();
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Connections' }).getAttribute('aria-current')).toBe('page');
  });
});

describe('a burst of changes', () => {
  it('asks for the board at once and once more after, not once per change', async () => {
    const board = liveBoard(BOARD);
    renderApp(board.api);
    await shows(['Epic south', 'Cerner lab', 'Billing', 'Epic north', 'This workstation']);
    const before = board.api.callsTo('monitor.board').length;
    const { changed, next } = (() => {
      const down = tile(1, 'Epic north', 'DOWN', { status: status('conn:1', 'DOWN') });
      return { changed: down, next: BOARD.map((t) => (t.targetId === 'conn:1' ? down : t)) };
    })();
    await board.set(next, changed);
    for (let i = 0; i < 200; i++) await push(board.api, 'monitor.status', { from: 'UP', status: changed.status });
    // The last change is shown, after the gap.
    await shows(['Epic north', 'Epic south', 'Cerner lab', 'Billing', 'This workstation']);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(board.api.callsTo('monitor.board').length - before).toBeLessThanOrEqual(3);
  });
});
