import type { PatientSnapshot } from '../../../src-shared/contract';
import { usePatientSnapshot } from '../../api/ehr';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { TextAreaField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useContractForm } from '../../lib/forms';
import { revealSchema } from './snapshot-rules';

/** Break-glass: the same read again, unmasked, with a reason that goes to the audit log. */
export function RevealDialog({ connectionId, patientId, onClose, onRevealed }: {
  connectionId: number;
  patientId: string;
  onClose: () => void;
  onRevealed: (snapshot: PatientSnapshot) => void;
}) {
  const reveal = usePatientSnapshot();
  const { formProps, field, formError } = useContractForm({ schema: revealSchema, defaultValues: { reveal: { reason: '' } }, mutation: reveal });

  return (
    <Dialog title="Reveal patient data (break-glass)" onClose={onClose}>
      <p>
        You are about to see this patient’s name, birth date, identifiers and results in clear. Say why: your reason,
        your name and the time are recorded in the audit log.
      </p>
      <form {...formProps((input) => reveal.mutate({ connectionId, patientId, ...input }, { onSuccess: onRevealed }))} className="form" aria-label="Reveal patient data">
        {formError && <Notice tone="error" title="The data was not revealed">{formError}</Notice>}
        <TextAreaField
          label="Reason"
          rows={3}
          hint="At least 10 characters, for example the ticket number and what you need to check."
          autoFocus
          {...field('reveal.reason')}
        />
        <FormDialogActions onCancel={onClose} icon="eye" pending={reveal.isPending}>
          Reveal
        </FormDialogActions>
      </form>
    </Dialog>
  );
}
