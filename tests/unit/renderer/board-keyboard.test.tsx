// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderApp, user } from './harness';
import { boardConsole, tile, tileButton } from './board-fixtures';

const TILES = Array.from({ length: 40 }, (_, i) => tile(i + 1, `EHR ${String(i + 1).padStart(2, '0')}`, 'UP', { tags: [i < 20 ? 'site:north' : 'site:south'] }));
const ROW_PX = 200;

/** jsdom lays nothing out: each row of the grid is given a screen's height, so only the rows in and near view are drawn. */
let restoreRows: () => void = () => {};
beforeEach(() => {
  const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight')!;
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('board-row') ? ROW_PX : 0;
    },
  });
  restoreRows = () => Object.defineProperty(HTMLElement.prototype, 'offsetHeight', original);
});
afterEach(() => restoreRows());

const focusedPlace = () => Number(document.activeElement?.closest('li')?.getAttribute('aria-posinset'));
const drawn = (position: number) => document.querySelector(`li.tile[aria-posinset="${position}"]`) !== null;

/** <main> scrolled as a wheel, or a notice growing above the board and the board kept in place, would scroll it. */
function scrollMainTo(top: number) {
  const main = document.querySelector('main')!;
  Object.defineProperty(main, 'scrollTop', { configurable: true, writable: true, value: top });
  fireEvent.scroll(main);
}

/** Scrolls <main> down a row at a time until the tile at this place is drawn. */
async function scrollUntilDrawn(position: number) {
  for (let top = 0; !drawn(position); top += ROW_PX) {
    if (top > TILES.length * 2 * ROW_PX) throw new Error(`the tile at ${position} is never drawn`);
    await act(async () => scrollMainTo(top));
  }
}

describe('walking the board with the keyboard', () => {
  it('Tab and Shift+Tab find the next tile even when the view has moved away from the focused one', async () => {
    const person = renderApp(boardConsole(user({ role: 'operator' }), TILES));
    await waitFor(() => expect(drawn(4)).toBe(true));
    expect(drawn(40)).toBe(false);

    tileButton('conn:4').focus();
    // The view goes far below the focused tile (one tile a row here): the rows drawn are those around the new view, and the focused one.
    scrollMainTo(25 * ROW_PX);
    await waitFor(() => expect(drawn(20)).toBe(true));
    expect(document.activeElement).toBe(tileButton('conn:4'));

    await person.tab();
    expect(focusedPlace()).toBe(5);
    await person.tab();
    expect(focusedPlace()).toBe(6);

    scrollMainTo(25 * ROW_PX);
    await person.tab({ shift: true });
    expect(focusedPlace()).toBe(5);
    await person.tab({ shift: true });
    expect(focusedPlace()).toBe(4);
  });

  it('Tab goes from the last tile of one group past the next heading to the first tile of the next, the view elsewhere', async () => {
    const person = renderApp(boardConsole(user({ role: 'operator' }), TILES));
    await waitFor(() => expect(drawn(1)).toBe(true));
    await person.selectOptions(screen.getByRole('combobox', { name: 'Group by' }), 'tag:site');
    await waitFor(() => expect(screen.getByRole('heading', { level: 3, name: /^site: north/ })).toBeTruthy());

    await scrollUntilDrawn(20);
    tileButton('conn:20').focus();
    scrollMainTo(0);
    await waitFor(() => expect(drawn(1)).toBe(true));

    await person.tab();
    expect(focusedPlace()).toBe(21);
    expect(document.activeElement).toBe(tileButton('conn:21'));
  });
});
