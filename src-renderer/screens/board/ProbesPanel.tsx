import type { ProbeReport } from '../../../src-shared/monitoring';
import { DataTable } from '../../components/DataTable';
import { formatMs } from '../../lib/format';
import { CheckStatusLabel } from '../connections/CheckStatusLabel';

const COLUMNS = [{ label: 'Status', className: 'shrink' }, 'Probe', { label: 'Time', className: 'shrink' }, 'Result'];

/** Each probe of the last run, in the order it ran: where a DOWN comes from. */
export function ProbesPanel({ probes, checkedAt }: { probes: ProbeReport[]; checkedAt: string | null }) {
  return (
    <section className="panel detail-panel" aria-labelledby="probes-title">
      <h3 id="probes-title">Last run{checkedAt && <span className="panel-note"> {checkedAt}</span>}</h3>
      <DataTable caption="Probes of the last run" captionHidden columns={COLUMNS} className="probes-table" empty={probes.length === 0 ? 'Not probed yet.' : undefined}>
        {probes.map((p) => (
          <tr key={p.probe} className={`check-row check-row-${p.status}`}>
            <td className="nowrap">
              <CheckStatusLabel status={p.status} />
            </td>
            <th scope="row">
              {p.label}
              {p.optional && <> <span className="tag">optional</span></>}
            </th>
            <td className="num nowrap">{p.ms === null || p.status === 'skip' ? <span className="muted">—</span> : formatMs(p.ms)}</td>
            <td>{p.summary}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
