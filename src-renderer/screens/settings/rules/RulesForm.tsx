import { useFieldArray, useWatch } from 'react-hook-form';
import { DEFAULT_ALERT_RULE_SETTINGS, type AlertRuleSettings } from '../../../../src-shared/monitoring';
import { useSetAlertRules } from '../../../api/alert-rules';
import { Button } from '../../../components/Button';
import { TextField } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { useContractForm } from '../../../lib/forms';
import { SeverityBadge } from '../../alerts/SeverityBadge';
import { MINUTE_BOUNDS, ROTATION_BOUNDS, rulesSchema, showsRules, tierField, valuesFrom } from './rules-form';
import { DEGRADED_INTRO, DEGRADED_SEVERITY, KEY_ROTATION_INTRO, TIERS_INTRO } from './rules-words';
import { TierList } from './TierList';

const MINUTES_RULE = `${MINUTE_BOUNDS.min} to ${MINUTE_BOUNDS.max.toLocaleString()} minutes.`;
const ROTATION_RULE = `${ROTATION_BOUNDS.min} to ${ROTATION_BOUNDS.max.toLocaleString()} days.`;

/**
 * The shared alert rules, edited as a whole and sent with Save; Restore
 * defaults only fills the form, so nothing changes until someone saves.
 */
export function RulesForm({ saved, onEdit, onSaved }: { saved: AlertRuleSettings; onEdit: () => void; onSaved: (rules: AlertRuleSettings) => void }) {
  const save = useSetAlertRules();
  const { form, formProps, field, formError } = useContractForm({
    schema: rulesSchema,
    defaultValues: valuesFrom(saved),
    mutation: save,
    fieldFor: tierField,
    onEdit,
  });
  const tiers = useFieldArray({ control: form.control, name: 'tlsExpiryDays' });
  const values = useWatch({ control: form.control });

  function restoreDefaults() {
    // Main's last answer was about other values.
    save.reset();
    form.reset(valuesFrom(DEFAULT_ALERT_RULE_SETTINGS));
  }

  function send(rules: AlertRuleSettings) {
    // Shown sorted as sent, so what main says about tier 2 is about the second row shown.
    form.reset(valuesFrom(rules));
    save.mutate(rules, { onSuccess: onSaved });
  }

  return (
    <form {...formProps(send)} aria-label="Alert rules">
      {formError && <Notice tone="error" title="The alert rules were not saved">{formError}</Notice>}
      <section className="panel" aria-labelledby="tiers-title">
        <h2 id="tiers-title">Certificate expiry</h2>
        <p className="muted">{TIERS_INTRO}</p>
        <TierList tiers={tiers} typed={values.tlsExpiryDays ?? []} field={field} listError={form.formState.errors.tlsExpiryDays?.root?.message} />
      </section>
      <section className="panel" aria-labelledby="degraded-title">
        <h2 id="degraded-title">DEGRADED connections</h2>
        <p className="muted">{DEGRADED_INTRO}</p>
        <div className="setting setting-number">
          <TextField
            label="Alert after DEGRADED for (minutes)"
            inputMode="numeric"
            autoComplete="off"
            hint={
              <>
                Opens a <SeverityBadge severity={DEGRADED_SEVERITY} /> alert. {MINUTES_RULE}
              </>
            }
            {...field('degradedAfterMinutes')}
          />
        </div>
      </section>
      <section className="panel" aria-labelledby="rotation-title">
        <h2 id="rotation-title">Signing keys</h2>
        <p className="muted">{KEY_ROTATION_INTRO}</p>
        <div className="setting setting-number">
          <TextField label="Rotate signing keys after (days)" inputMode="numeric" autoComplete="off" hint={ROTATION_RULE} {...field('keyRotationDays')} />
        </div>
      </section>
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={save.isPending}>
          Save alert rules
        </Button>
        <Button onClick={restoreDefaults}>Restore defaults</Button>
        {!showsRules(values, saved) && <span className="muted">Not saved yet: the rules in use are unchanged until you save.</span>}
      </div>
    </form>
  );
}
