import type { ChangeEvent } from 'react';
import { metricSelectorSchema } from '../../../src-shared/monitoring';
import type { FieldErrors } from '../../api/error-text';
import { Button } from '../../components/Button';
import { SelectField, TextField } from '../../components/Field';
import { problemWith } from '../../lib/rules';
import { selectorField, type SelectorDraft } from './settings-draft';

// The contract's own wording of the rule, read by failing it on purpose, so hint and error agree.
const NAME_RULE = `${problemWith(metricSelectorSchema.shape.name, '')}.`;

/** One metric to read from the endpoint: its name, which series, and when its value alerts. */
export function SelectorFields({ index, selector, errors, canRemove, onChange, onRemove }: {
  index: number;
  selector: SelectorDraft;
  errors: FieldErrors;
  canRemove: boolean;
  onChange: (next: SelectorDraft) => void;
  onRemove: () => void;
}) {
  const text = (key: 'name' | 'labels' | 'warn' | 'critical', part: Parameters<typeof selectorField>[1]) => ({
    name: selectorField(index, part),
    value: selector[key],
    error: errors[selectorField(index, part)],
    autoComplete: 'off',
    spellCheck: false,
    onChange: (event: ChangeEvent<HTMLInputElement>) => onChange({ ...selector, [key]: event.target.value }),
  });
  return (
    <fieldset className="selector">
      <legend>Metric {index + 1}</legend>
      <div className="field-row">
        <TextField label="Metric name" hint={NAME_RULE} {...text('name', 'name')} />
        <TextField label="Labels" hint="Optional, e.g. quantile=0.95, job=api" {...text('labels', 'labels')} />
      </div>
      <div className="field-row">
        <SelectField
          label="Alert when the value is"
          name={selectorField(index, 'threshold.direction')}
          value={selector.direction}
          error={errors[selectorField(index, 'threshold.direction')]}
          onChange={(event) => onChange({ ...selector, direction: event.target.value as SelectorDraft['direction'] })}
        >
          <option value="above">above a level</option>
          <option value="below">below a level</option>
        </SelectField>
        <TextField label="Warning level" inputMode="decimal" hint="Optional." {...text('warn', 'threshold.warn')} />
        <TextField label="Critical level" inputMode="decimal" hint="Optional." {...text('critical', 'threshold.critical')} />
      </div>
      {canRemove && (
        <Button variant="link" icon="trash" onClick={onRemove}>
          Remove metric {index + 1}
        </Button>
      )}
    </fieldset>
  );
}
