import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from 'recharts';
import type { KpiReport } from '../../../src-shared/contract';
import { DataTable } from '../../components/DataTable';

/** How the ratings spread over 1 to 5, this range and the one before, as bars and as a table. */
export function CsatChart({ report }: { report: KpiReport }) {
  const data = [1, 2, 3, 4, 5].map((score) => ({ score: String(score), now: report.csat.distribution[score - 1]!, before: report.csat.previous[score - 1]! }));
  const target = report.kpis.find((k) => k.id === 'csatMean')?.target;
  return (
    <section className="kpi-panel" aria-labelledby="kpi-csat-h">
      <h2 id="kpi-csat-h">Customer satisfaction ratings</h2>
      {target && <p className="muted">Target for the mean: {target.comparison === 'ge' || target.comparison === 'gt' ? 'at least' : 'at most'} {target.value} of 5.</p>}
      <div className="kpi-csat">
        <div className="kpi-csat-chart" aria-hidden="true">
          <BarChart data={data} responsive accessibilityLayer={false} style={{ width: '100%', height: '100%' }} margin={{ top: 12, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid vertical={false} className="chart-grid" />
            <XAxis dataKey="score" height={32} />
            <YAxis allowDecimals={false} width={56} />
            <Bar dataKey="before" name="Range before" className="series-before" isAnimationActive={false} />
            <Bar dataKey="now" name="This range" className="series-now" isAnimationActive={false} />
          </BarChart>
        </div>
        <DataTable caption="Ratings by score" columns={['Score', 'This range', 'Range before']}>
          {data.map((d) => (
            <tr key={d.score}>
              <th scope="row">{d.score}</th>
              <td>{d.now.toLocaleString()}</td>
              <td>{d.before.toLocaleString()}</td>
            </tr>
          ))}
        </DataTable>
      </div>
    </section>
  );
}
