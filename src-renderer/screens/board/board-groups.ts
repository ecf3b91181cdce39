import type { BoardTile } from '../../../src-shared/monitoring';
import type { VendorLabel } from './board-filter';

/** How the board is divided: not at all, by vendor, or by the value of a tag prefix (`tag:site` groups site:north, site:south…). */
export type Grouping = 'none' | 'vendor' | `tag:${string}`;

export interface TileGroup<T = BoardTile> {
  key: string;
  /** The heading; empty when the board is not grouped. */
  label: string;
  tiles: T[];
}

export function groupingPrefix(grouping: Grouping): string | null {
  return grouping.startsWith('tag:') ? grouping.slice(4) : null;
}

function groupOf(tile: BoardTile, grouping: Grouping, vendorLabel: VendorLabel): { key: string; label: string } {
  if (grouping === 'vendor') {
    return tile.vendor === null ? { key: '', label: 'No vendor' } : { key: tile.vendor, label: vendorLabel(tile.vendor) ?? tile.vendor };
  }
  const prefix = `${groupingPrefix(grouping)}:`;
  const tag = tile.tags.find((t) => t.startsWith(prefix));
  return tag === undefined ? { key: '', label: `No ${prefix.slice(0, -1)} tag` } : { key: tag, label: tag.replace(':', ': ') };
}

/**
 * The ordered tiles in groups. A group comes where its first tile comes, so
 * the group holding the worst target leads, and the tiles keep their order
 * within it. A tile with two tags of the prefix is in the group of its first.
 */
export function groupTiles(ordered: readonly BoardTile[], grouping: Grouping, vendorLabel: VendorLabel): TileGroup[] {
  if (grouping === 'none') return [{ key: '', label: '', tiles: [...ordered] }];
  const groups = new Map<string, TileGroup>();
  for (const tile of ordered) {
    const { key, label } = groupOf(tile, grouping, vendorLabel);
    const group = groups.get(key);
    if (group) group.tiles.push(tile);
    else groups.set(key, { key, label, tiles: [tile] });
  }
  return [...groups.values()];
}
