import { useRef, useState, type FormEvent } from 'react';
import { DEFAULT_ALERT_RULE_SETTINGS, type AlertRuleSettings } from '../../../../src-shared/monitoring';
import { useSetAlertRules } from '../../../api/alert-rules';
import { Button } from '../../../components/Button';
import { TextField } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { useFormErrors } from '../../../lib/use-form-errors';
import { SeverityBadge } from '../../alerts/SeverityBadge';
import { buildRules, draftFrom, FIELD_NAMES, FIELDS, MINUTE_BOUNDS, showsRules, type RulesDraft } from './rules-draft';
import { DEGRADED_INTRO, DEGRADED_SEVERITY, TIERS_INTRO } from './rules-words';
import { TierList } from './TierList';

const MINUTES_RULE = `${MINUTE_BOUNDS.min} to ${MINUTE_BOUNDS.max.toLocaleString()} minutes.`;

/**
 * The shared alert rules, edited as a whole and sent with Save; Restore
 * defaults only fills the form, so nothing changes until someone saves.
 */
export function RulesForm({ saved, onEdit, onSaved }: { saved: AlertRuleSettings; onEdit: () => void; onSaved: (rules: AlertRuleSettings) => void }) {
  const save = useSetAlertRules();
  const [draft, setDraft] = useState<RulesDraft>(() => draftFrom(saved));
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, formError, check } = useFormErrors(FIELD_NAMES, save, formRef);

  function edit(next: Partial<RulesDraft>) {
    setDraft((d) => ({ ...d, ...next }));
    onEdit();
  }

  function restoreDefaults() {
    // The old problems were about other values: clear them along with main's last answer.
    check({});
    save.reset();
    edit(draftFrom(DEFAULT_ALERT_RULE_SETTINGS));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const built = buildRules(draft);
    if (!check(built.problems) || !built.rules) return;
    setDraft(built.draft);
    save.mutate(built.rules, { onSuccess: onSaved });
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label="Alert rules">
      {formError && <Notice tone="error" title="The alert rules were not saved">{formError}</Notice>}
      <section className="panel" aria-labelledby="tiers-title">
        <h2 id="tiers-title">Certificate expiry</h2>
        <p className="muted">{TIERS_INTRO}</p>
        <TierList tiers={draft.tiers} errors={errors} onChange={(tiers) => edit({ tiers })} />
      </section>
      <section className="panel" aria-labelledby="degraded-title">
        <h2 id="degraded-title">DEGRADED connections</h2>
        <p className="muted">{DEGRADED_INTRO}</p>
        <div className="setting setting-number">
          <TextField
            label="Alert after DEGRADED for (minutes)"
            name={FIELDS.degraded}
            inputMode="numeric"
            autoComplete="off"
            value={draft.degradedAfterMinutes}
            hint={
              <>
                Opens a <SeverityBadge severity={DEGRADED_SEVERITY} /> alert. {MINUTES_RULE}
              </>
            }
            error={errors[FIELDS.degraded]}
            onChange={(event) => edit({ degradedAfterMinutes: event.target.value })}
          />
        </div>
      </section>
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={save.isPending}>
          Save alert rules
        </Button>
        <Button onClick={restoreDefaults}>Restore defaults</Button>
        {!showsRules(draft, saved) && <span className="muted">Not saved yet: the rules in use are unchanged until you save.</span>}
      </div>
    </form>
  );
}
