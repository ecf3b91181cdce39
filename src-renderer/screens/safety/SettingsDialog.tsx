import { INDICATOR_IDS, INDICATOR_LABELS, DIRECTION_OF, safetySettingsSchema, type SafetySettings } from '../../../src-shared/contract';
import { useSaveSafetySettings } from '../../api/safety';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useContractForm } from '../../lib/forms';
import { directionWords } from './safety-words';

const number = { type: 'number', step: '0.01', inputMode: 'decimal', autoComplete: 'off' } as const;

/** Thresholds (0 to 1) and weights, saved as a new version; refused when another officer saved since this was opened. */
export function SettingsDialog({ version, settings, onClose }: { version: number; settings: SafetySettings; onClose: () => void }) {
  const save = useSaveSafetySettings();
  const { formProps, field, formError } = useContractForm({ schema: safetySettingsSchema, defaultValues: settings, mutation: save });
  const asNumber = { valueAsNumber: true } as const;
  const title = 'Safety thresholds and weights';
  return (
    <Dialog title={title} onClose={onClose} wide>
      <form {...formProps((input) => save.mutate({ expectedVersion: version, settings: input }, { onSuccess: onClose }))} className="form form-wide sectioned-form" aria-label={title}>
        <p>Version {version} is in force. Saving makes version {version + 1}; every score records the version that judged it.</p>
        {formError && <Notice tone="error" title="Not saved">{formError}</Notice>}
        {INDICATOR_IDS.map((id) => (
          <fieldset key={id}>
            <legend>
              {INDICATOR_LABELS[id]} ({directionWords(DIRECTION_OF[id]).toLowerCase()})
            </legend>
            <div className="field-row">
              <TextField label="Warning" {...number} {...field(`indicators.${id}.warning`, asNumber)} />
              <TextField label="Critical" {...number} {...field(`indicators.${id}.critical`, asNumber)} />
              <TextField label="Weight" {...number} step="0.5" {...field(`indicators.${id}.weight`, asNumber)} />
            </div>
          </fieldset>
        ))}
        <fieldset>
          <legend>Overall score (higher is better)</legend>
          <div className="field-row">
            <TextField label="Warning" {...number} {...field('overall.warning', asNumber)} />
            <TextField label="Critical" {...number} {...field('overall.critical', asNumber)} />
          </div>
        </fieldset>
        <FormDialogActions onCancel={onClose} pending={save.isPending}>
          Save as a new version
        </FormDialogActions>
      </form>
    </Dialog>
  );
}
