import type { PatientSnapshot } from '../../../src-shared/contract';
import { Button } from '../../components/Button';
import { DataTable } from '../../components/DataTable';
import { Notice } from '../../components/Notice';
import { formatMs } from '../../lib/format';
import { formatFhirDate } from '../../lib/time';

const dash = <span className="muted">—</span>;

function PatientFacts({ snapshot }: { snapshot: PatientSnapshot }) {
  const { patient } = snapshot;
  return (
    <dl className="facts">
      <dt>Name</dt>
      <dd>{patient.name}</dd>
      <dt>Gender</dt>
      <dd>{patient.gender ?? dash}</dd>
      <dt>Birth date</dt>
      <dd>{patient.birthDate ? formatFhirDate(patient.birthDate) : dash}</dd>
      <dt>Identifiers</dt>
      <dd className="mono">{patient.identifiers.length > 0 ? patient.identifiers.join(', ') : dash}</dd>
      <dt>Reference for tickets</dt>
      <dd className="mono">{snapshot.patientRef}</dd>
      <dt>Read in</dt>
      <dd>{formatMs(snapshot.fetchedMs)}</dd>
    </dl>
  );
}

function ObservationsTable({ rows }: { rows: PatientSnapshot['observations'] }) {
  return (
    <DataTable caption="Observations" columns={['Date', 'Observation', 'Code', 'Value']} empty={rows.length === 0 && 'No recent observations.'}>
      {rows.map((o, i) => (
        <tr key={i}>
          <td className="nowrap">{o.date ? formatFhirDate(o.date) : dash}</td>
          <th scope="row">{o.display}</th>
          <td className="mono">{o.code ?? dash}</td>
          <td>{o.value}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function MedicationsTable({ rows }: { rows: PatientSnapshot['medicationRequests'] }) {
  return (
    <DataTable caption="Medications" columns={['Date', 'Medication', 'Status']} empty={rows.length === 0 && 'No medication requests.'}>
      {rows.map((m, i) => (
        <tr key={i}>
          <td className="nowrap">{m.date ? formatFhirDate(m.date) : dash}</td>
          <th scope="row">{m.medication}</th>
          <td>{m.status}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export function PatientSnapshotView({ snapshot, onReveal, onHide }: { snapshot: PatientSnapshot; onReveal: () => void; onHide: () => void }) {
  return (
    <div className="snapshot">
      {snapshot.masked ? (
        <Notice tone="info" title="Masked">
          What could identify the patient (name, birth date, identifiers) and the observation values are hidden. Reveal
          (break-glass) shows them; your reason is recorded in the audit log.
        </Notice>
      ) : (
        <Notice tone="warning" title="Patient data shown in clear (break-glass)">
          This look-up is in the audit log. The data is cleared when you leave this screen or the console locks.
        </Notice>
      )}
      <div className="form-actions">
        {snapshot.masked ? (
          <Button icon="eye" onClick={onReveal}>
            Reveal (break-glass)
          </Button>
        ) : (
          <Button icon="eyeOff" onClick={onHide}>
            Hide patient data
          </Button>
        )}
      </div>
      <PatientFacts snapshot={snapshot} />
      <ObservationsTable rows={snapshot.observations} />
      <MedicationsTable rows={snapshot.medicationRequests} />
    </div>
  );
}
