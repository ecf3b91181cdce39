import type { Connection } from '../../../src-shared/contract';
import type { ConnectionTests } from '../../api/connections';
import { DataTable } from '../../components/DataTable';
import { useNow } from '../../lib/use-now';
import { ConnectionRow } from './ConnectionRow';
import { shownDiagnostics } from './shown-diagnostics';

const COLUMNS = ['Name', 'Vendor', 'Sign-in', 'Host', 'Last test', 'Tested'];

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
    // The screen's heading already says Connections; the caption names the table for assistive tech.
    <DataTable caption="Connections" captionHidden columns={canTest ? [...COLUMNS, 'Actions'] : COLUMNS} className="connections-table">
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
    </DataTable>
  );
}
