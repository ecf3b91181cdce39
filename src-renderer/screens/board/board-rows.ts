import type { TileGroup } from './board-groups';

/** One line of the virtual grid: a group's heading, or up to `columns` tiles. */
export type BoardRow<T extends { targetId: string }> =
  | { kind: 'group'; key: string; group: TileGroup<T> }
  | { kind: 'tiles'; key: string; tiles: T[]; /** The first tile's place on the whole board, from 1. */ position: number };

/** The groups cut into rows of `columns` tiles, each group starting on a row of its own under its heading. */
export function boardRows<T extends { targetId: string }>(groups: readonly TileGroup<T>[], columns: number): BoardRow<T>[] {
  const rows: BoardRow<T>[] = [];
  const width = Math.max(1, Math.floor(columns));
  let position = 1;
  for (const group of groups) {
    if (group.label !== '') rows.push({ kind: 'group', key: `group:${group.key}`, group });
    for (let i = 0; i < group.tiles.length; i += width) {
      const tiles = group.tiles.slice(i, i + width);
      rows.push({ kind: 'tiles', key: `tiles:${group.key}:${tiles[0]!.targetId}`, tiles, position });
      position += tiles.length;
    }
  }
  return rows;
}
