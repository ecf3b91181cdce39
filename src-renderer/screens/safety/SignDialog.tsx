import { SIGNATURE_MEANINGS, signFormSchema, type SafetyIncident } from '../../../src-shared/contract';
import type { UserSummary } from '../../../src-shared/contract';
import { useSignIncident } from '../../api/safety';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useContractForm } from '../../lib/forms';
import { localDateTime } from '../../lib/time';

const MEANING_WORDS: Record<(typeof SIGNATURE_MEANINGS)[number], string> = {
  reviewed: 'Reviewed: I have reviewed this incident',
  approved: 'Approved: I approve how this incident was handled',
};

/**
 * An electronic signature (21 CFR Part 11 §11.50, §11.200): the signer's
 * printed name shown, the meaning chosen, the password entered again now.
 * A wrong password is said on its field and counts as a failed sign-in.
 */
export function SignDialog({ incident, user, onClose }: { incident: SafetyIncident; user: UserSummary; onClose: () => void }) {
  const sign = useSignIncident();
  const { formProps, field, formError } = useContractForm({
    schema: signFormSchema,
    defaultValues: { meaning: 'reviewed', password: '' },
    mutation: sign,
  });
  const title = `Sign off incident #${incident.number}`;
  return (
    <Dialog title={title} onClose={onClose}>
      <form {...formProps((input) => sign.mutate({ id: incident.id, ...input }, { onSuccess: onClose }))} className="form" aria-label={title}>
        <p className="dialog-subject">
          {incident.label} · {incident.peakLevel} · opened {localDateTime(incident.openedAt)}
        </p>
        <p>
          You sign as <strong>{user.displayName}</strong> ({user.username}). The signature records your printed name, the date and time and its meaning, and is bound to this
          incident as it stands now.
        </p>
        {formError && <Notice tone="error" title="Not signed">{formError}</Notice>}
        <SelectField label="Meaning" {...field('meaning')}>
          {SIGNATURE_MEANINGS.map((m) => (
            <option key={m} value={m}>
              {MEANING_WORDS[m]}
            </option>
          ))}
        </SelectField>
        <TextField label="Your password" hint="Entered again for this signature." type="password" autoComplete="current-password" autoFocus {...field('password')} />
        <FormDialogActions onCancel={onClose} pending={sign.isPending} icon="pencil">
          Sign
        </FormDialogActions>
      </form>
    </Dialog>
  );
}
