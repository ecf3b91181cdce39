import { useId } from 'react';
import { SEVERITIES, SEVERITY_LEVELS } from '../../../src-shared/monitoring';
import { useBoard } from '../../api/monitor';
import { SelectField } from '../../components/Field';
import { STATUS_FILTER_LABELS, toggleSeverity, type AlertFilterChoice, type AlertStatusFilter } from './alert-filters';

const STATUS_FILTERS = Object.keys(STATUS_FILTER_LABELS) as AlertStatusFilter[];

/** The targets to filter by: every monitored one, and the one chosen even if it has since left the board. */
function useTargetOptions(chosen: string | null): { id: string; name: string }[] {
  const board = useBoard();
  const options = (board.data?.tiles ?? []).map((t) => ({ id: t.targetId, name: t.name }));
  if (chosen && !options.some((o) => o.id === chosen)) options.push({ id: chosen, name: chosen });
  return options;
}

/** Filters apply as they are clicked: each is one choice, nothing half-typed to wait for. */
export function AlertFiltersBar({ value, onChange }: { value: AlertFilterChoice; onChange: (next: AlertFilterChoice) => void }) {
  const id = useId();
  const targets = useTargetOptions(value.targetId);
  return (
    <form className="filters alert-filters" aria-label="Filter the alerts" onSubmit={(event) => event.preventDefault()}>
      <fieldset className="choices">
        <legend>Status</legend>
        {STATUS_FILTERS.map((status) => (
          <div key={status} className="choice">
            <input
              id={`${id}-${status}`}
              type="radio"
              name="status"
              checked={value.status === status}
              onChange={() => onChange({ ...value, status })}
            />
            <label htmlFor={`${id}-${status}`}>{STATUS_FILTER_LABELS[status]}</label>
          </div>
        ))}
      </fieldset>
      <fieldset className="choices">
        <legend>Severity</legend>
        {SEVERITIES.map((severity) => (
          <div key={severity} className="choice">
            <input
              id={`${id}-${severity}`}
              type="checkbox"
              checked={value.severities.includes(severity)}
              aria-describedby={`${id}-${severity}-means`}
              onChange={(event) => onChange(toggleSeverity(value, severity, event.target.checked))}
            />
            <label htmlFor={`${id}-${severity}`}>{severity}</label>
            <span id={`${id}-${severity}-means`} className="visually-hidden">
              {SEVERITY_LEVELS[severity].meaning}
            </span>
          </div>
        ))}
      </fieldset>
      <SelectField label="Target" value={value.targetId ?? ''} onChange={(event) => onChange({ ...value, targetId: event.target.value || null })}>
        <option value="">All targets</option>
        {targets.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </SelectField>
    </form>
  );
}
