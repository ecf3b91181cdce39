import { useState } from 'react';
import type { Connection, PatientSnapshot } from '../../../src-shared/contract';
import { usePatientSnapshot } from '../../api/ehr';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useContractForm } from '../../lib/forms';
import { PatientSnapshotView } from './PatientSnapshotView';
import { RevealDialog } from './RevealDialog';
import { lookupSchema, PATIENT_ID_RULE } from './snapshot-rules';

/**
 * One patient through this connection. What was read lives in this
 * component's state only: leaving the screen, picking another connection or
 * the console locking unmounts it, and the data goes with it.
 */
export function PatientSnapshotPanel({ connection }: { connection: Connection }) {
  const lookup = usePatientSnapshot();
  const { formProps, field, formError } = useContractForm({ schema: lookupSchema, defaultValues: { patientId: '' }, mutation: lookup });
  const [shown, setShown] = useState<{ patientId: string; snapshot: PatientSnapshot } | null>(null);
  const [revealing, setRevealing] = useState(false);

  function lookUp({ patientId }: { patientId: string }) {
    setShown(null);
    lookup.mutate({ connectionId: connection.id, patientId }, { onSuccess: (snapshot) => setShown({ patientId, snapshot }) });
  }

  function hide() {
    setShown(null);
    lookup.reset();
  }

  return (
    <section className="panel panel-wide" aria-labelledby="snapshot-title">
      <h3 id="snapshot-title">Patient snapshot</h3>
      <p className="muted">
        Reads one patient with recent observations and medications through this connection, masked. Every look-up is
        recorded in the audit log.
      </p>
      <form {...formProps(lookUp)} className="inline-form" aria-label="Look up a patient">
        <TextField label="Patient ID" hint={PATIENT_ID_RULE} autoComplete="off" spellCheck={false} {...field('patientId')} />
        <Button type="submit" pending={lookup.isPending}>
          Look up
        </Button>
      </form>
      {formError && <Notice tone="error" title="Could not read the patient">{formError}</Notice>}
      {shown && <PatientSnapshotView snapshot={shown.snapshot} onReveal={() => setRevealing(true)} onHide={hide} />}
      {revealing && shown && (
        <RevealDialog
          connectionId={connection.id}
          patientId={shown.patientId}
          onClose={() => setRevealing(false)}
          onRevealed={(snapshot) => {
            setShown({ patientId: shown.patientId, snapshot });
            setRevealing(false);
          }}
        />
      )}
    </section>
  );
}
