import { KPI_COMPARISONS, KPI_DEFS, KPI_IDS, type KpiSettings } from '../../../src-shared/contract';
import { useSaveKpiSettings } from '../../api/kpi';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useContractForm } from '../../lib/forms';
import { COMPARISON_SIGNS } from './kpi-words';
import { formValues, targetsFormSchema, unitWord } from './targets-form';

const COMPARISON_OPTION_WORDS = { lt: 'below', le: 'at most', gt: 'above', ge: 'at least' } as const;

/** An admin's targets for every KPI and the licensed clinicians behind adoption; saved as one audited change. */
export function TargetsDialog({ settings, onClose }: { settings: KpiSettings; onClose: () => void }) {
  const save = useSaveKpiSettings();
  const { formProps, field, formError } = useContractForm({ schema: targetsFormSchema, defaultValues: formValues(settings), mutation: save });
  return (
    <Dialog title="KPI targets" onClose={onClose} wide>
      <form {...formProps((input) => save.mutate(input, { onSuccess: onClose }))} className="form kpi-targets-form" aria-label="KPI targets">
        {formError && <Notice tone="error" title="The targets were not saved">{formError}</Notice>}
        <div className="kpi-targets-grid">
          {KPI_IDS.map((id) => (
            <fieldset key={id} className="kpi-target-row">
              <legend>{KPI_DEFS[id].label}</legend>
              <SelectField label="Comparison" {...field(`targets.${id}.comparison`)}>
                <option value="">No target</option>
                {KPI_COMPARISONS.map((c) => (
                  <option key={c} value={c}>
                    {COMPARISON_OPTION_WORDS[c]} ({COMPARISON_SIGNS[c]})
                  </option>
                ))}
              </SelectField>
              <TextField label={`Value (${unitWord(id)})`} inputMode="decimal" autoComplete="off" {...field(`targets.${id}.value`)} />
            </fieldset>
          ))}
        </div>
        <TextField
          label="Licensed clinicians"
          inputMode="numeric"
          autoComplete="off"
          hint="The clinicians licensed to use the medical AI service: clinical adoption is the active ones over these."
          {...field('licensedClinicians')}
        />
        <FormDialogActions onCancel={onClose} pending={save.isPending} icon="check">
          Save targets
        </FormDialogActions>
      </form>
    </Dialog>
  );
}
