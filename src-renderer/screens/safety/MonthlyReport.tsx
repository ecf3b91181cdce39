import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { CATEGORY_LABELS, type Category } from '../../../src-shared/tickets';
import { errorText } from '../../api/error-text';
import { monthLabel, reportMonth } from '../../../src-shared/contract';
import { useReportCsv, useSafetyReport } from '../../api/safety';
import { useSavePdf } from '../../api/vigil-context';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { LoadingLine } from '../../components/LoadingLine';
import { Notice } from '../../components/Notice';
import { downloadText } from '../../lib/download';
import { localDateTime } from '../../lib/time';
import { percent } from './safety-words';

const hours = (ms: number) => `${(ms / 3_600_000).toFixed(1)} h`;

/** The month's clinical validation report, printable (print stylesheet), as a PDF in the desktop app, and as CSV. */
export function MonthlyReport() {
  const [label, setLabel] = useState(() => monthLabel(Date.now()));
  const month = reportMonth(label);
  const report = useSafetyReport(month);
  const csv = useReportCsv();
  const savePdf = useSavePdf();
  const pdf = useMutation({ mutationFn: (fileName: string) => savePdf!(fileName) });
  const r = report.data;
  return (
    <section className="panel safety-report" aria-labelledby="report-title">
      <div className="panel-head">
        <h2 id="report-title">Clinical validation report</h2>
        <div className="report-controls no-print">
          <TextField label="Month" type="month" value={label} onChange={(e) => e.target.value && setLabel(e.target.value)} />
          <Button
            icon="download"
            pending={csv.isPending}
            onClick={() => csv.mutate(month, { onSuccess: ({ filename, csv: text }) => downloadText(filename, text, 'text/csv') })}
          >
            Download CSV
          </Button>
          {savePdf && (
            <Button icon="download" pending={pdf.isPending} disabled={!r} onClick={() => pdf.mutate(`clinical-validation-${label}`)}>
              Save as PDF…
            </Button>
          )}
          <Button onClick={() => window.print()}>Print…</Button>
        </div>
      </div>
      {csv.error !== null && <Notice tone="error" title="The CSV was not made">{errorText(csv.error)}</Notice>}
      {pdf.error !== null && <Notice tone="error" title="The PDF was not saved">{errorText(pdf.error)}</Notice>}
      {pdf.data?.path && (
        <Notice tone="success" title="The PDF is saved">
          {pdf.data.path}
        </Notice>
      )}
      {report.isPending && <LoadingLine label="Building the report…" />}
      {r && (
        <>
          <div className="table-wrap">
            <table className="table report-table">
              <caption>Indicators in {r.month}</caption>
              <thead>
                <tr>
                  <th scope="col">Series</th>
                  <th scope="col">Mean</th>
                  <th scope="col">Lowest</th>
                  <th scope="col">At warning or worse</th>
                  <th scope="col">At critical</th>
                </tr>
              </thead>
              <tbody>
                {r.indicators.map((i) => (
                  <tr key={i.key}>
                    <th scope="row">{i.label}</th>
                    <td>{percent(i.mean)}</td>
                    <td>{percent(i.min)}</td>
                    <td>{hours(i.belowWarningMs)}</td>
                    <td>{hours(i.belowCriticalMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            Incidents: <strong>{r.incidents.total}</strong> ({r.incidents.critical} critical), <strong>{r.incidents.signed}</strong> signed off, <strong>{r.incidents.unsigned}</strong> awaiting
            sign-off.
          </p>
          <p>
            Tickets opened:{' '}
            {Object.keys(r.tickets.byCategory).length === 0
              ? 'none'
              : Object.entries(r.tickets.byCategory)
                  .map(([c, n]) => `${CATEGORY_LABELS[c as Category] ?? c} ${n}`)
                  .join(', ')}
            . Satisfaction: {r.tickets.csat.mean === null ? 'no ratings' : `${r.tickets.csat.mean.toFixed(2)} of 5 from ${r.tickets.csat.responses} ratings`}.
          </p>
          <h3>Recommendations</h3>
          {r.recommendations.length === 0 ? (
            <p>None: every rule holds.</p>
          ) : (
            <ul className="recommendations">
              {r.recommendations.map((rec) => (
                <li key={rec.code}>{rec.text}</li>
              ))}
            </ul>
          )}
          <p className="report-generated">Generated {localDateTime(r.generatedAt)}.</p>
        </>
      )}
    </section>
  );
}
