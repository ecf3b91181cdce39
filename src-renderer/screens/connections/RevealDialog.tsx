import { useRef, type FormEvent } from 'react';
import type { PatientSnapshot } from '../../../src-shared/contract';
import { usePatientSnapshot } from '../../api/ehr';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { TextAreaField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { readForm, useFormErrors } from '../../lib/use-form-errors';
import { snapshotRules } from './snapshot-rules';

const FIELDS = ['reveal.reason'] as const;

/** Break-glass: the same read again, unmasked, with a reason that goes to the audit log. */
export function RevealDialog({ connectionId, patientId, onClose, onRevealed }: {
  connectionId: number;
  patientId: string;
  onClose: () => void;
  onRevealed: (snapshot: PatientSnapshot) => void;
}) {
  const reveal = usePatientSnapshot();
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, formError, check } = useFormErrors(FIELDS, reveal, formRef);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reveal.isPending) return;
    const reason = (readForm(event.currentTarget)['reveal.reason'] ?? '').trim();
    if (!check({ 'reveal.reason': snapshotRules.reason(connectionId, patientId, reason) })) return;
    reveal.mutate({ connectionId, patientId, reveal: { reason } }, { onSuccess: onRevealed });
  }

  return (
    <Dialog title="Reveal patient data (break-glass)" onClose={onClose}>
      <p>
        You are about to see this patient’s name, birth date, identifiers and results in clear. Say why: your reason,
        your name and the time are recorded in the audit log.
      </p>
      <form ref={formRef} className="form" onSubmit={submit} noValidate aria-label="Reveal patient data">
        {formError && <Notice tone="error" title="The data was not revealed">{formError}</Notice>}
        <TextAreaField
          label="Reason"
          name="reveal.reason"
          rows={3}
          hint="At least 10 characters, for example the ticket number and what you need to check."
          error={errors['reveal.reason']}
          autoFocus
        />
        <FormDialogActions onCancel={onClose} icon="eye" pending={reveal.isPending}>
          Reveal
        </FormDialogActions>
      </form>
    </Dialog>
  );
}
