import { get, useFieldArray, useWatch, type FieldError } from 'react-hook-form';
import { Button } from '../../components/Button';
import { CheckboxField, TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { newSelector, type SettingsField, type SettingsForm } from './settings-form';
import { SelectorFields } from './SelectorFields';

/** The Prometheus endpoint of the service behind this connection (a medical AI model, say), scraped on every run. */
export function MetricsFields({ form, field }: { form: SettingsForm; field: SettingsField }) {
  const metricsOn = useWatch({ control: form.control, name: 'metricsOn' });
  const selectors = useFieldArray({ control: form.control, name: 'settings.metrics.selectors' });
  // About the list as a whole: react-hook-form keeps it as the list's root, or as the list itself while it is empty.
  const listError = get(form.formState.errors, 'settings.metrics.selectors') as (FieldError & { root?: FieldError }) | undefined;
  const listProblem = listError?.root?.message ?? listError?.message;
  return (
    <fieldset>
      <legend>Metrics endpoint</legend>
      <CheckboxField label="Read metrics from a Prometheus endpoint" hint="Each run also reads the metrics below; one past its level raises an alert." {...field('metricsOn')} />
      {metricsOn && (
        <>
          <TextField label="Metrics URL" type="url" autoComplete="off" spellCheck={false} hint="e.g. https://ai.example.org/metrics" {...field('settings.metrics.url')} />
          {listProblem && <Notice tone="error">{listProblem}</Notice>}
          {selectors.fields.map((selector, i) => (
            <SelectorFields key={selector.id} index={i} field={field} onRemove={selectors.fields.length > 1 ? () => selectors.remove(i) : null} />
          ))}
          <Button icon="plus" className="add-selector" onClick={() => selectors.append(newSelector())}>
            Add a metric
          </Button>
        </>
      )}
    </fieldset>
  );
}
