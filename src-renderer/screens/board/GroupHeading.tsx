import { stateCounts, type OrderedTile } from './board-order';
import type { TileGroup } from './board-groups';
import { STATE_LOOK } from './state-look';

/** A group's name and how its targets are, worst first: "site north · 12 targets · 2 down · 10 up". */
export function GroupHeading({ group }: { group: TileGroup<OrderedTile> }) {
  const counts = stateCounts(group.tiles);
  return (
    <div className="board-group">
      <h3>{group.label}</h3>
      <p className="board-group-counts">
        {group.tiles.length} target{group.tiles.length === 1 ? '' : 's'}
        {counts.map(({ state, count }) => (
          <span key={state} className={`board-group-count state-${state.toLowerCase()}`}>
            {' · '}
            {count} {STATE_LOOK[state].counted}
          </span>
        ))}
      </p>
    </div>
  );
}
