import { useId } from 'react';
import { CHART_RANGE_IDS, type ChartRangeId } from '../../../src-shared/monitoring';

export const RANGE_WORDS: Record<ChartRangeId, { label: string; over: string }> = {
  '1h': { label: '1 hour', over: 'the last hour' },
  '24h': { label: '24 hours', over: 'the last 24 hours' },
  '7d': { label: '7 days', over: 'the last 7 days' },
  '30d': { label: '30 days', over: 'the last 30 days' },
};

/**
 * The chart's range as a segmented switch. Native radios underneath: one tab
 * stop, the arrow keys move between ranges, and the choice is announced.
 */
export function RangeSwitch({ range, busy, onChange }: { range: ChartRangeId; busy: boolean; onChange: (range: ChartRangeId) => void }) {
  const name = useId();
  return (
    <fieldset className="range-switch" aria-busy={busy || undefined}>
      <legend className="visually-hidden">Chart range</legend>
      {CHART_RANGE_IDS.map((id) => (
        <div key={id} className="range-option">
          <input id={`${name}-${id}`} type="radio" name={name} value={id} checked={id === range} onChange={() => onChange(id)} />
          <label htmlFor={`${name}-${id}`}>{RANGE_WORDS[id].label}</label>
        </div>
      ))}
    </fieldset>
  );
}
