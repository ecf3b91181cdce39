import { metricSelectorSchema } from '../../../src-shared/monitoring';
import { Button } from '../../components/Button';
import { SelectField, TextField } from '../../components/Field';
import { problemWith } from '../../lib/form-fields';
import type { SettingsField } from './settings-form';

// The contract's own wording of the rule, read by failing it on purpose, so hint and error agree.
const NAME_RULE = `${problemWith(metricSelectorSchema.shape.name, '')}.`;

/** One metric to read from the endpoint: its name, which series, and when its value alerts. */
export function SelectorFields({ index, field, onRemove }: { index: number; field: SettingsField; onRemove: (() => void) | null }) {
  const at = `settings.metrics.selectors.${index}` as const;
  const text = { autoComplete: 'off', spellCheck: false } as const;
  return (
    <fieldset className="selector">
      <legend>Metric {index + 1}</legend>
      <div className="field-row">
        <TextField label="Metric name" hint={NAME_RULE} {...text} {...field(`${at}.name`)} />
        <TextField label="Labels" hint="Optional, e.g. quantile=0.95, job=api" {...text} {...field(`${at}.labels`)} />
      </div>
      <div className="field-row">
        <SelectField label="Alert when the value is" {...field(`${at}.threshold.direction`)}>
          <option value="above">above a level</option>
          <option value="below">below a level</option>
        </SelectField>
        <TextField label="Warning level" inputMode="decimal" hint="Optional." {...text} {...field(`${at}.threshold.warn`)} />
        <TextField label="Critical level" inputMode="decimal" hint="Optional." {...text} {...field(`${at}.threshold.critical`)} />
      </div>
      {onRemove && (
        <Button variant="link" icon="trash" onClick={onRemove}>
          Remove metric {index + 1}
        </Button>
      )}
    </fieldset>
  );
}
