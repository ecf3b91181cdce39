// @vitest-environment jsdom
/**
 * How the status board arranges its tiles, as pure functions: worst first and
 * held in place while someone is at the board, narrowed by search and
 * filters, divided into groups and cut into rows for the virtual grid.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CONNECTION_STATES, type BoardTile, type ConnectionState } from '../../../src-shared/monitoring';
import { filterChoices, filterTiles, NO_FILTER, type BoardFilter } from '../../../src-renderer/screens/board/board-filter';
import { groupTiles } from '../../../src-renderer/screens/board/board-groups';
import { heldOrder, stateCounts, worstFirst } from '../../../src-renderer/screens/board/board-order';
import { boardRows } from '../../../src-renderer/screens/board/board-rows';
import { columnsFor } from '../../../src-renderer/screens/board/BoardGrid';
import { status, tile, workstationTile } from './board-fixtures';

const VENDOR_LABELS: Record<string, string> = { epic: 'Epic', cerner: 'Oracle Health (Cerner)' };
const vendorLabel = (v: string | null) => (v === null ? null : (VENDOR_LABELS[v] ?? v));
const names = (tiles: readonly BoardTile[]) => tiles.map((t) => t.name);
const filter = (more: Partial<BoardFilter>): BoardFilter => ({ ...NO_FILTER, ...more });

const BOARD = [
  tile(1, 'Epic north', 'UP', { tags: ['site:north', 'clinical'], host: 'epic-n.example.org' }),
  tile(2, 'Epic south', 'DOWN', { tags: ['site:south', 'clinical'], host: 'epic-s.example.org' }),
  tile(3, 'Cerner lab', 'DEGRADED', { vendor: 'cerner', tags: ['site:north'], host: 'lab.example.net' }),
  tile(4, 'Billing', 'UP', { vendor: 'generic', tags: [], host: 'billing.internal:8443' }),
  workstationTile(),
];

describe('the order', () => {
  it('is worst state first, then by name', () => {
    expect(names(worstFirst(BOARD))).toEqual(['Epic south', 'Cerner lab', 'Billing', 'Epic north', 'This workstation']);
  });

  it('is held as it was: a tile that changed state stays put, new tiles come last (worst first), gone ones go', () => {
    const before = worstFirst(BOARD).map((t) => t.targetId);
    const changed = BOARD.map((t) => (t.targetId === 'conn:1' ? { ...t, status: status('conn:1', 'DOWN') } : t)).filter((t) => t.targetId !== 'conn:4');
    const added = [...changed, tile(9, 'Zulu', 'UP'), tile(8, 'Alpha', 'DOWN')];
    expect(names(heldOrder(before, added))).toEqual(['Epic south', 'Cerner lab', 'Epic north', 'This workstation', 'Alpha', 'Zulu']);
    // The held tile shows its new state in place.
    expect(heldOrder(before, added)[2]?.status.state).toBe('DOWN');
    // Let go, it moves to where it belongs.
    expect(names(worstFirst(added))).toEqual(['Alpha', 'Epic north', 'Epic south', 'Cerner lab', 'This workstation', 'Zulu']);
  });

  it('held, keeps every tile exactly once whatever came and went', () => {
    const ids = fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 40 });
    fc.assert(
      fc.property(ids, ids, fc.array(fc.constantFrom(...CONNECTION_STATES), { minLength: 60, maxLength: 60 }), (before, now, states) => {
        const tiles = now.map((id) => tile(id, `T${id}`, states[id - 1] as ConnectionState));
        const held = heldOrder(before.map((id) => `conn:${id}`), tiles);
        expect(held.map((t) => t.targetId).sort()).toEqual(tiles.map((t) => t.targetId).sort());
        // What was there before keeps its relative order.
        const kept = held.map((t) => Number(t.targetId.slice(5))).filter((id) => before.includes(id));
        expect(kept).toEqual(before.filter((id) => now.includes(id)));
      }),
    );
  });

  it('counts the states worst first, leaving out the empty ones', () => {
    expect(stateCounts(BOARD)).toEqual([
      { state: 'DOWN', count: 1 },
      { state: 'DEGRADED', count: 1 },
      { state: 'UP', count: 3 },
    ]);
  });
});

describe('search and filters', () => {
  const ordered = worstFirst(BOARD);

  it('find every word somewhere on the tile: name, vendor as id or as said, host, tag', () => {
    expect(names(filterTiles(ordered, filter({ query: 'epic' }), vendorLabel))).toEqual(['Epic south', 'Epic north']);
    expect(names(filterTiles(ordered, filter({ query: 'ORACLE' }), vendorLabel))).toEqual(['Cerner lab']);
    expect(names(filterTiles(ordered, filter({ query: 'billing.internal' }), vendorLabel))).toEqual(['Billing']);
    expect(names(filterTiles(ordered, filter({ query: 'site:north' }), vendorLabel))).toEqual(['Cerner lab', 'Epic north']);
    expect(names(filterTiles(ordered, filter({ query: '  north   epic ' }), vendorLabel))).toEqual(['Epic north']);
    expect(filterTiles(ordered, filter({ query: 'nowhere' }), vendorLabel)).toEqual([]);
  });

  it('keep any of the chosen states, the chosen vendor and the chosen tag, all at once', () => {
    expect(names(filterTiles(ordered, filter({ states: ['DOWN', 'DEGRADED'] }), vendorLabel))).toEqual(['Epic south', 'Cerner lab']);
    expect(names(filterTiles(ordered, filter({ vendor: 'epic' }), vendorLabel))).toEqual(['Epic south', 'Epic north']);
    expect(names(filterTiles(ordered, filter({ tag: 'clinical' }), vendorLabel))).toEqual(['Epic south', 'Epic north']);
    expect(names(filterTiles(ordered, filter({ tag: 'clinical', states: ['UP'], vendor: 'epic' }), vendorLabel))).toEqual(['Epic north']);
    expect(filterTiles(ordered, NO_FILTER, vendorLabel)).toEqual(ordered);
  });

  it('offer the vendors and tags on the board, and the prefixes to group by', () => {
    expect(filterChoices(BOARD)).toEqual({ vendors: ['cerner', 'epic', 'generic'], tags: ['clinical', 'site:north', 'site:south'], prefixes: ['site'] });
  });
});

describe('groups and rows', () => {
  const ordered = worstFirst(BOARD);

  it('by a tag prefix: groups led by the worst target, tiles in board order, the untagged together', () => {
    const groups = groupTiles(ordered, 'tag:site', vendorLabel);
    expect(groups.map((g) => [g.label, names(g.tiles)])).toEqual([
      ['site: south', ['Epic south']],
      ['site: north', ['Cerner lab', 'Epic north']],
      ['No site tag', ['Billing', 'This workstation']],
    ]);
  });

  it('by vendor, named as people say it', () => {
    expect(groupTiles(ordered, 'vendor', vendorLabel).map((g) => g.label)).toEqual(['Epic', 'Oracle Health (Cerner)', 'generic', 'No vendor']);
  });

  it('not grouped: one group without a heading', () => {
    expect(groupTiles(ordered, 'none', vendorLabel)).toEqual([{ key: '', label: '', tiles: ordered }]);
  });

  it('cuts each group into rows of as many tiles as fit, numbering the tiles across the board', () => {
    const rows = boardRows(groupTiles(ordered, 'tag:site', vendorLabel), 2);
    expect(rows.map((r) => (r.kind === 'group' ? `# ${r.group.label}` : `${r.position}: ${names(r.tiles).join(', ')}`))).toEqual([
      '# site: south',
      '1: Epic south',
      '# site: north',
      '2: Cerner lab, Epic north',
      '# No site tag',
      '4: Billing, This workstation',
    ]);
    expect(boardRows(groupTiles(ordered, 'none', vendorLabel), 3).map((r) => r.kind === 'tiles' && r.position)).toEqual([1, 4]);
    // Keys are unique, as the virtualizer needs.
    const keys = boardRows(groupTiles(ordered, 'vendor', vendorLabel), 1).map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('fits comfortable tiles of 25 rem and compact ones of 15 rem across the width, at least one', () => {
    // 18 px to the rem, as the console's type sets it.
    expect(columnsFor(1540, 'comfortable', 18)).toBe(3);
    expect(columnsFor(1540, 'compact', 18)).toBe(5);
    expect(columnsFor(3400, 'compact', 18)).toBe(12);
    expect(columnsFor(200, 'comfortable', 18)).toBe(1);
  });
});
