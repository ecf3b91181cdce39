import { KPI_DEFS, type KpiReport, type KpiValue } from '../../../src-shared/contract';
import { Sparkline } from './KpiChart';
import { changeText, kpiValue, statusText, targetText } from './kpi-words';

/** One KPI: its value large enough to read across a room, its target, whether it is met in words and colour, and its line. */
export function KpiCard({ report, kpi, selected, onSelect }: { report: KpiReport; kpi: KpiValue; selected: boolean; onSelect: () => void }) {
  const def = KPI_DEFS[kpi.id];
  const status = statusText(kpi);
  const headingId = `kpi-${kpi.id}`;
  return (
    <li className={`kpi-card tone-${status.tone}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="kpi-label">
        {def.label}
      </h3>
      <p className="kpi-value" data-testid={`kpi-value-${kpi.id}`}>
        {kpiValue(kpi.id, kpi.value)}
      </p>
      <p className="kpi-status">
        <span className={`kpi-badge tone-${status.tone}`}>{status.word}</span> <span className="kpi-target">{targetText(kpi.id, kpi.target)}</span>
      </p>
      <p className="kpi-change">{changeText(kpi)}</p>
      <p className="kpi-basis">{kpi.basis}</p>
      <Sparkline report={report} kpi={kpi} />
      <button type="button" className="kpi-chart-button" aria-pressed={selected} onClick={onSelect}>
        {selected ? 'Charted below' : 'Chart it'}
        <span className="visually-hidden"> ({def.label})</span>
      </button>
    </li>
  );
}
