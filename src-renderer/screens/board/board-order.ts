import type { ConnectionState } from '../../../src-shared/monitoring';
import { STATE_ORDER } from './state-look';

/** What ordering needs of a tile: the console's board tiles and a wall's both have it. */
export interface OrderedTile {
  targetId: string;
  name: string;
  status: { state: ConnectionState };
}

const rank = (tile: OrderedTile) => STATE_ORDER.indexOf(tile.status.state);

/** Worst state first (see STATE_ORDER), then by name, so a tile keeps its place while nothing changes. */
export function worstFirst<T extends OrderedTile>(tiles: readonly T[]): T[] {
  return [...tiles].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/**
 * The tiles in the order they held before (`previous`, target ids), for
 * while someone is pointing at or working in the board: a tile whose state
 * changed stays where it is and shows the change in place. Tiles new since
 * then come last, worst first; tiles gone are left out.
 */
export function heldOrder<T extends OrderedTile>(previous: readonly string[], tiles: readonly T[]): T[] {
  const byId = new Map(tiles.map((t) => [t.targetId, t]));
  const kept = previous.flatMap((id) => byId.get(id) ?? []);
  const known = new Set(previous);
  return [...kept, ...worstFirst(tiles.filter((t) => !known.has(t.targetId)))];
}

/** How many tiles are in each state, worst first, leaving out the states no tile is in. */
export function stateCounts(tiles: readonly OrderedTile[]): { state: ConnectionState; count: number }[] {
  const counts = new Map<ConnectionState, number>();
  for (const t of tiles) counts.set(t.status.state, (counts.get(t.status.state) ?? 0) + 1);
  return STATE_ORDER.flatMap((state) => (counts.has(state) ? [{ state, count: counts.get(state)! }] : []));
}
