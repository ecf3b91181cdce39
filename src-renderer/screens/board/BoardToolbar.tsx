import { useId } from 'react';
import type { BoardTile } from '../../../src-shared/monitoring';
import { Button } from '../../components/Button';
import { SelectField, TextField } from '../../components/Field';
import { Switch } from '../../components/Switch';
import type { Density } from '../../state/board-store';
import { filterChoices, isFiltered, NO_FILTER, type BoardFilter, type VendorLabel } from './board-filter';
import type { Grouping } from './board-groups';
import { stateCounts } from './board-order';
import { STATE_LOOK, STATE_ORDER } from './state-look';

function toggled<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...list, item] : list.filter((x) => x !== item);
}

/**
 * Search, filters, grouping and density above the board. Each applies as it
 * is changed; the count of what is shown is a polite live region, so a
 * screen reader hears what a filter left.
 */
export function BoardToolbar({
  tiles,
  shown,
  filter,
  onFilter,
  grouping,
  onGrouping,
  density,
  onDensity,
  vendorLabel,
  orderHeld,
}: {
  tiles: readonly BoardTile[];
  shown: number;
  filter: BoardFilter;
  onFilter: (next: BoardFilter) => void;
  grouping: Grouping;
  onGrouping: (next: Grouping) => void;
  density: Density;
  onDensity: (next: Density) => void;
  vendorLabel: VendorLabel;
  /** Tiles changed state but keep their places while someone is at the board: said here for screen readers (StatusBoard shows it). */
  orderHeld: boolean;
}) {
  const id = useId();
  const choices = filterChoices(tiles);
  // The states on the board, and any chosen that no tile is in any more, so it can be unchosen.
  const present = new Map(stateCounts(tiles).map(({ state, count }) => [state, count]));
  const counts = STATE_ORDER.filter((state) => present.has(state) || filter.states.includes(state)).map((state) => ({ state, count: present.get(state) ?? 0 }));
  return (
    <form className="board-toolbar" aria-label="Find and arrange targets" role="search" onSubmit={(event) => event.preventDefault()}>
      <TextField
        label="Search"
        type="search"
        className="board-search"
        placeholder="Name, vendor, host or tag"
        autoComplete="off"
        spellCheck={false}
        value={filter.query}
        onChange={(event) => onFilter({ ...filter, query: event.target.value })}
      />
      <SelectField label="Vendor" value={filter.vendor ?? ''} onChange={(event) => onFilter({ ...filter, vendor: event.target.value || null })}>
        <option value="">All vendors</option>
        {choices.vendors.map((v) => (
          <option key={v} value={v}>
            {vendorLabel(v) ?? v}
          </option>
        ))}
      </SelectField>
      <SelectField label="Tag" value={filter.tag ?? ''} onChange={(event) => onFilter({ ...filter, tag: event.target.value || null })} disabled={choices.tags.length === 0}>
        <option value="">{choices.tags.length === 0 ? 'No tags yet' : 'All tags'}</option>
        {choices.tags.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </SelectField>
      <SelectField label="Group by" value={grouping} onChange={(event) => onGrouping(event.target.value as Grouping)}>
        <option value="none">Nothing</option>
        <option value="vendor">Vendor</option>
        {choices.prefixes.map((p) => (
          <option key={p} value={`tag:${p}`}>
            Tag {p}:
          </option>
        ))}
      </SelectField>
      <div className="board-toolbar-end">
        <Switch label="Compact tiles" checked={density === 'compact'} onChange={(on) => onDensity(on ? 'compact' : 'comfortable')} />
        {isFiltered(filter) && (
          <Button icon="cross" onClick={() => onFilter(NO_FILTER)}>
            Clear filters
          </Button>
        )}
      </div>
      <fieldset className="choices board-states">
        <legend>State</legend>
        {counts.map(({ state, count }) => (
          <div key={state} className="choice">
            <input
              id={`${id}-${state}`}
              type="checkbox"
              checked={filter.states.includes(state)}
              onChange={(event) => onFilter({ ...filter, states: toggled(filter.states, state, event.target.checked) })}
            />
            <label htmlFor={`${id}-${state}`}>
              {STATE_LOOK[state].word} <span className="muted">({count})</span>
            </label>
          </div>
        ))}
      </fieldset>
      <p className="board-shown" role="status">
        {isFiltered(filter) ? `Showing ${shown.toLocaleString()} of ${tiles.length.toLocaleString()} targets` : `${tiles.length.toLocaleString()} targets`}
        {orderHeld && <span className="visually-hidden"> · Order held while the pointer or focus is on the board</span>}
      </p>
    </form>
  );
}
