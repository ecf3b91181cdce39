import type { Connection } from '../../../src-shared/contract';
import type { ConnectionTests } from '../../api/connections';
import { useNow } from '../../lib/use-now';
import { ConnectionRow } from './ConnectionRow';
import { shownDiagnostics } from './shown-diagnostics';

export function ConnectionsTable({ connections, vendorLabel, selectedId, tests, canTest, onSelect }: {
  connections: Connection[];
  vendorLabel: (connection: Connection) => string;
  selectedId: number | null;
  tests: ConnectionTests;
  canTest: boolean;
  onSelect: (id: number) => void;
}) {
  const now = useNow();
  return (
    <div className="table-wrap">
      <table className="table connections-table">
        {/* The screen's heading already says Connections; the caption names the table for assistive tech. */}
        <caption className="visually-hidden">Connections</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Vendor</th>
            <th scope="col">Sign-in</th>
            <th scope="col">Host</th>
            <th scope="col">Last test</th>
            <th scope="col">Tested</th>
            {canTest && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {connections.map((c) => (
            <ConnectionRow
              key={c.id}
              connection={c}
              vendorLabel={vendorLabel(c)}
              selected={c.id === selectedId}
              shown={shownDiagnostics(c, tests.runs[c.id])}
              now={now}
              onSelect={() => onSelect(c.id)}
              onTest={
                canTest
                  ? () => {
                      onSelect(c.id);
                      void tests.start(c.id);
                    }
                  : null
              }
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
