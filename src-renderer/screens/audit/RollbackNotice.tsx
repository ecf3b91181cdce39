import { CHANNELS, type AuditRollback } from '../../../src-shared/contract';
import { useAcknowledgeRollback } from '../../api/audit';
import { Button } from '../../components/Button';
import { TextAreaField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { formatCount } from '../../lib/format';
import { useContractForm } from '../../lib/forms';
import { localDateTime } from '../../lib/time';

const acknowledgeSchema = CHANNELS['audit.acknowledgeRollback'].input;

const HOW: Record<AuditRollback['kind'], string> = {
  behind: 'The database ends before the last entry recorded in the keychain: an older copy of it was put back, or its write-ahead log was lost after a crash.',
  replaced: 'The database holds a different entry where the keychain recorded the last one: the file was replaced by another.',
};

function range(r: AuditRollback): string {
  return r.missingFrom === r.missingTo ? `entry #${r.missingFrom} is` : `entries #${formatCount(r.missingFrom)} to #${formatCount(r.missingTo)} are`;
}

/**
 * The trail lost its newest entries: what is missing, how, and since when.
 * Until an administrator acknowledges it (with a reason, which the trail
 * records), audited actions are refused everywhere.
 */
export function RollbackNotice({ rollback, canAcknowledge }: { rollback: AuditRollback; canAcknowledge: boolean }) {
  const acknowledge = useAcknowledgeRollback();
  const { formProps, field, formError } = useContractForm({ schema: acknowledgeSchema, defaultValues: { reason: '' }, mutation: acknowledge });
  return (
    <Notice tone="error" title={`The audit trail was rolled back: ${range(rollback)} missing`}>
      <p>{HOW[rollback.kind]}</p>
      <p>
        Found {localDateTime(rollback.detectedAt)}. Until an administrator acknowledges it, every action that is audited is refused;
        {rollback.heldEntries > 0 ? ` ${formatCount(rollback.heldEntries)} sign-ins and Vigil's own entries are held meanwhile and written with the acknowledgement.` : ' sign-ins still work.'}
      </p>
      {canAcknowledge ? (
        <form {...formProps((input) => acknowledge.mutate(input))} className="form" aria-label="Acknowledge the rollback">
          {formError && <p className="field-error">{formError}</p>}
          <TextAreaField
            label="Why the entries are missing"
            rows={2}
            hint="At least 10 characters, for example the restore you ran and its ticket. Your reason is the first entry written."
            {...field('reason')}
          />
          <Button type="submit" variant="primary" pending={acknowledge.isPending}>
            Acknowledge and carry on
          </Button>
        </form>
      ) : (
        <p>Ask an administrator to acknowledge it on the Audit screen.</p>
      )}
    </Notice>
  );
}
