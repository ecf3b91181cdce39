import { useId, useState, type FormEvent } from 'react';
import { KPI_PRESETS, kpiRangeSchema, type KpiPreset, type KpiRange } from '../../../src-shared/contract';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';

export const PRESET_WORDS: Record<KpiPreset, string> = { '24h': '24 hours', '7d': '7 days', '30d': '30 days', '90d': '90 days' };

/**
 * The range as a segmented switch (native radios: one tab stop, arrows move)
 * with "Custom" opening two dates, checked by the contract's own rule.
 */
export function RangePicker({ range, busy, onChange }: { range: KpiRange; busy: boolean; onChange: (range: KpiRange) => void }) {
  const name = useId();
  const [custom, setCustom] = useState(!('preset' in range));
  const [from, setFrom] = useState('preset' in range ? '' : range.from);
  const [to, setTo] = useState('preset' in range ? '' : range.to);
  const [problem, setProblem] = useState<{ field: 'from' | 'to'; message: string } | null>(null);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const parsed = kpiRangeSchema.safeParse({ from, to });
    if (parsed.success) {
      setProblem(null);
      onChange(parsed.data);
      return;
    }
    const issue = parsed.error.issues.find((i) => i.path.length > 0) ?? parsed.error.issues[0]!;
    const field = issue.path.includes('to') || (from !== '' && !issue.path.includes('from') && to === '') ? 'to' : 'from';
    // A union reports its first branch's complaint; say what a person can act on.
    setProblem({ field: from === '' ? 'from' : field, message: issue.message.includes('Invalid') || issue.message.includes('expected') ? 'Enter both dates as YYYY-MM-DD' : issue.message });
  };

  return (
    <div className="kpi-range">
      <fieldset className="range-switch" aria-busy={busy || undefined}>
        <legend className="visually-hidden">Range</legend>
        {KPI_PRESETS.map((id) => (
          <div key={id} className="range-option">
            <input
              id={`${name}-${id}`}
              type="radio"
              name={name}
              value={id}
              checked={!custom && 'preset' in range && range.preset === id}
              onChange={() => {
                setCustom(false);
                onChange({ preset: id });
              }}
            />
            <label htmlFor={`${name}-${id}`}>{PRESET_WORDS[id]}</label>
          </div>
        ))}
        <div className="range-option">
          <input id={`${name}-custom`} type="radio" name={name} value="custom" checked={custom} onChange={() => setCustom(true)} />
          <label htmlFor={`${name}-custom`}>Custom</label>
        </div>
      </fieldset>
      {custom && (
        <form className="kpi-custom" onSubmit={apply} aria-label="Custom range">
          <TextField label="From (date)" type="date" value={from} onChange={(e) => setFrom(e.target.value)} error={problem?.field === 'from' ? problem.message : undefined} />
          <TextField label="To (date, included)" type="date" value={to} onChange={(e) => setTo(e.target.value)} error={problem?.field === 'to' ? problem.message : undefined} />
          <Button type="submit" variant="primary">
            Show
          </Button>
        </form>
      )}
    </div>
  );
}
