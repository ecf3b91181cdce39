import { SERIES } from './LatencyChart';

/** A swatch drawn like its line: the same class, so the same colour and dash in either theme. */
function Swatch({ className, dash }: { className: string; dash?: string | undefined }) {
  return (
    <svg className="legend-swatch" viewBox="0 0 32 12" aria-hidden="true" focusable="false">
      <line className={className} x1="2" y1="6" x2="30" y2="6" strokeDasharray={dash} />
    </svg>
  );
}

/** What each mark on the chart is, in words; the chart's own legend could only say it in colour. */
export function ChartLegend({ timed, failures, thresholdMs, thresholdShown }: {
  /** Whether any run was timed: a target down all along has no lines to name. */
  timed: boolean;
  failures: boolean;
  thresholdMs: number | null;
  /** False when the threshold is far above the lines and left off the chart. */
  thresholdShown: boolean;
}) {
  return (
    <ul className="chart-legend">
      {timed &&
        SERIES.map((s) => (
          <li key={s.key}>
            <Swatch className={`legend-${s.key}`} dash={s.dash} />
            {s.label}
          </li>
        ))}
      {failures && (
        <li>
          <span className="legend-bar" aria-hidden="true" />
          Failed runs (right axis)
        </li>
      )}
      {timed &&
        thresholdMs !== null &&
        (thresholdShown ? (
          <li>
            <Swatch className="legend-threshold" dash="6 3" />
            Threshold {thresholdMs.toLocaleString()} ms
          </li>
        ) : (
          <li>Threshold {thresholdMs.toLocaleString()} ms, far above this scale</li>
        ))}
    </ul>
  );
}
