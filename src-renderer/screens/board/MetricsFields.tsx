import type { FieldErrors } from '../../api/error-text';
import { Button } from '../../components/Button';
import { CheckboxField, TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { FIELDS, newSelector, type SettingsDraft } from './settings-draft';
import { SelectorFields } from './SelectorFields';

type MetricsDraft = Pick<SettingsDraft, 'metricsOn' | 'metricsUrl' | 'selectors'>;

/** The Prometheus endpoint of the service behind this connection (a medical AI model, say), scraped on every run. */
export function MetricsFields({ draft, errors, onChange }: { draft: MetricsDraft; errors: FieldErrors; onChange: (next: Partial<MetricsDraft>) => void }) {
  const { metricsOn, metricsUrl, selectors } = draft;
  return (
    <fieldset>
      <legend>Metrics endpoint</legend>
      <CheckboxField
        label="Read metrics from a Prometheus endpoint"
        checked={metricsOn}
        hint="Each run also reads the metrics below; one past its level raises an alert."
        onChange={(event) => onChange({ metricsOn: event.target.checked })}
      />
      {metricsOn && (
        <>
          <TextField
            label="Metrics URL"
            name={FIELDS.metricsUrl}
            type="url"
            autoComplete="off"
            spellCheck={false}
            hint="e.g. https://ai.example.org/metrics"
            value={metricsUrl}
            error={errors[FIELDS.metricsUrl]}
            onChange={(event) => onChange({ metricsUrl: event.target.value })}
          />
          {errors[FIELDS.selectors] && <Notice tone="error">{errors[FIELDS.selectors]}</Notice>}
          {selectors.map((selector, i) => (
            <SelectorFields
              key={selector.key}
              index={i}
              selector={selector}
              errors={errors}
              canRemove={selectors.length > 1}
              onChange={(next) => onChange({ selectors: selectors.map((s) => (s.key === selector.key ? next : s)) })}
              onRemove={() => onChange({ selectors: selectors.filter((s) => s.key !== selector.key) })}
            />
          ))}
          <Button icon="plus" className="add-selector" onClick={() => onChange({ selectors: [...selectors, newSelector()] })}>
            Add a metric
          </Button>
        </>
      )}
    </fieldset>
  );
}
