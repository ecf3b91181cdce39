import type { BoardTile, ConnectionState } from '../../../src-shared/monitoring';

/** What the board is narrowed to: words to find, and states, a vendor and a tag to keep (none chosen: all). */
export interface BoardFilter {
  query: string;
  states: readonly ConnectionState[];
  vendor: string | null;
  tag: string | null;
}

export const NO_FILTER: BoardFilter = { query: '', states: [], vendor: null, tag: null };

export function isFiltered(filter: BoardFilter): boolean {
  return filter.query.trim() !== '' || filter.states.length > 0 || filter.vendor !== null || filter.tag !== null;
}

export type VendorLabel = (vendor: string | null) => string | null;

/** Everything a search word may be found in: the name, the vendor as id and as people say it, the host, the tags. */
function searchText(tile: BoardTile, vendorLabel: VendorLabel): string {
  return [tile.name, tile.vendor, vendorLabel(tile.vendor), tile.host, ...tile.tags].filter(Boolean).join('\n').toLowerCase();
}

/**
 * The tiles that pass, in the order given. Every search word must be found
 * somewhere on the tile (so "north epic" narrows); the states are any of
 * those chosen.
 */
export function filterTiles(tiles: readonly BoardTile[], filter: BoardFilter, vendorLabel: VendorLabel): BoardTile[] {
  if (!isFiltered(filter)) return [...tiles];
  const words = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  return tiles.filter((tile) => {
    if (filter.states.length > 0 && !filter.states.includes(tile.status.state)) return false;
    if (filter.vendor !== null && tile.vendor !== filter.vendor) return false;
    if (filter.tag !== null && !tile.tags.includes(filter.tag)) return false;
    if (words.length === 0) return true;
    const text = searchText(tile, vendorLabel);
    return words.every((word) => text.includes(word));
  });
}

/** The choices the filters offer: the vendors and tags on the board, and the prefixes of prefix:value tags (for grouping). */
export function filterChoices(tiles: readonly BoardTile[]): { vendors: string[]; tags: string[]; prefixes: string[] } {
  const vendors = new Set<string>();
  const tags = new Set<string>();
  for (const tile of tiles) {
    if (tile.vendor !== null) vendors.add(tile.vendor);
    for (const tag of tile.tags) tags.add(tag);
  }
  const prefixes = new Set([...tags].flatMap((tag) => (tag.includes(':') ? [tag.slice(0, tag.indexOf(':'))] : [])));
  const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b));
  return { vendors: sorted(vendors), tags: sorted(tags), prefixes: sorted(prefixes) };
}
