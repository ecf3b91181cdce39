import type { BoardTile, ConnectionState } from '../../../src-shared/monitoring';
import { STATE_ORDER } from './state-look';

const rank = (tile: BoardTile) => STATE_ORDER.indexOf(tile.status.state);

/** Worst state first (see STATE_ORDER), then by name, so a tile keeps its place while nothing changes. */
export function worstFirst(tiles: readonly BoardTile[]): BoardTile[] {
  return [...tiles].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/** How many tiles are in each state, worst first, leaving out the states no tile is in. */
export function stateCounts(tiles: readonly BoardTile[]): { state: ConnectionState; count: number }[] {
  return STATE_ORDER.map((state) => ({ state, count: tiles.filter((t) => t.status.state === state).length })).filter((c) => c.count > 0);
}
