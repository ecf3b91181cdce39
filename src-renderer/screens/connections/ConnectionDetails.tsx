import type { Connection } from '../../../src-shared/contract';
import type { TestRun } from '../../api/connections';
import type { VendorProfile } from '../../api/ehr';
import { Button } from '../../components/Button';
import { ConnectionFacts } from './ConnectionFacts';
import { DiagnosticsPanel } from './DiagnosticsPanel';
import { JwksPanel } from './JwksPanel';
import { PatientSnapshotPanel } from './PatientSnapshotPanel';
import { shownDiagnostics } from './shown-diagnostics';

/** Everything about one connection, below the list: its diagnostics first, since that is what people come for. */
export function ConnectionDetails({ connection, vendor, run, canManage, canSeePatients, onEdit, onDelete }: {
  connection: Connection;
  vendor: VendorProfile | undefined;
  run: TestRun | undefined;
  canManage: boolean;
  canSeePatients: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { name, authMode } = connection.config;
  return (
    <section className="connection-details" aria-labelledby="connection-title">
      <div className="details-header">
        <h2 id="connection-title">{name}</h2>
        {canManage && (
          <div className="screen-actions">
            <Button icon="pencil" onClick={onEdit}>
              Edit<span className="visually-hidden"> {name}</span>
            </Button>
            <Button variant="danger" icon="trash" onClick={onDelete}>
              Delete<span className="visually-hidden"> {name}</span>
            </Button>
          </div>
        )}
      </div>
      <DiagnosticsPanel name={name} shown={shownDiagnostics(connection, run)} />
      {authMode === 'private_key_jwt' &&
        (connection.publicJwks ? (
          <JwksPanel connection={connection} jwks={connection.publicJwks} />
        ) : (
          <section className="panel panel-wide" aria-labelledby="jwks-title">
            <h3 id="jwks-title">Public key (JWKS)</h3>
            <p>No key pair yet.{canManage ? ' Edit the connection and choose Generate a key pair.' : ' An administrator can make one.'}</p>
          </section>
        ))}
      <section className="panel panel-wide" aria-labelledby="settings-title">
        <h3 id="settings-title">Settings</h3>
        <ConnectionFacts connection={connection} vendor={vendor} />
      </section>
      {canSeePatients && <PatientSnapshotPanel key={connection.id} connection={connection} />}
    </section>
  );
}
