import type { BoardTile } from '../../../src-shared/monitoring';
import { DataTable } from '../../components/DataTable';

const COLUMNS = ['Series', { label: 'Value', className: 'shrink num' }];

/** A reading as read, without the float noise of the exposition format. */
const valueText = (value: number) => value.toLocaleString(undefined, { maximumSignificantDigits: 6 });

/**
 * What the last run read from the metrics endpoint behind this connection
 * (a medical AI service's accuracy or latency, say). Their levels are in
 * Monitoring settings; one past its level opens an alert above.
 */
export function ReadingsPanel({ metrics }: { metrics: BoardTile['metrics'] }) {
  const entries = Object.entries(metrics).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section className="panel detail-panel" aria-labelledby="readings-title">
      <h3 id="readings-title">Metrics</h3>
      <DataTable caption="Metrics of the last run" captionHidden columns={COLUMNS} className="readings-table">
        {entries.map(([name, value]) => (
          <tr key={name}>
            <th scope="row" className="mono">
              {name}
            </th>
            <td className="num nowrap">{valueText(value)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
