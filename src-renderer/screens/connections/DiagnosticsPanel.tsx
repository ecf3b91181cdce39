import { CHECK_IDS, type CheckResult } from '../../../src-shared/contract';
import { errorText } from '../../api/error-text';
import { DataTable } from '../../components/DataTable';
import { Notice } from '../../components/Notice';
import { useNow } from '../../lib/use-now';
import { CheckRow } from './CheckRow';
import { DiagnosticsBanner } from './DiagnosticsBanner';
import type { ShownDiagnostics } from './shown-diagnostics';

const COLUMNS = ['Status', 'Check', 'Time', 'Result'];

/** Steps arrive in the order they run; a late event must not shuffle them. */
function inCheckOrder(checks: CheckResult[]): CheckResult[] {
  return [...checks].sort((a, b) => CHECK_IDS.indexOf(a.check) - CHECK_IDS.indexOf(b.check));
}

export function DiagnosticsPanel({ name, shown }: { name: string; shown: ShownDiagnostics }) {
  const now = useNow();
  const live = shown.kind === 'running' ? shown.live : null;
  const diagnostics = shown.kind === 'done' ? shown.diagnostics : null;
  const checks = inCheckOrder(live ?? diagnostics?.checks ?? []);
  const error = shown.kind === 'running' ? null : shown.error;
  return (
    <section className="panel panel-wide" aria-labelledby="diagnostics-title">
      <h3 id="diagnostics-title">Diagnostics</h3>
      {Boolean(error) && <Notice tone="error" title="The test could not run">{errorText(error)}</Notice>}
      <DiagnosticsBanner name={name} live={live} diagnostics={diagnostics} now={now} />
      {shown.kind === 'none' ? (
        <p className="muted">Not tested yet. Test now runs the {CHECK_IDS.length} checks one after another.</p>
      ) : (
        <DataTable caption="Diagnostics" captionHidden columns={COLUMNS} className="diagnostics-table" busy={live !== null}>
          {checks.map((check) => (
            <CheckRow key={check.check} check={check} />
          ))}
        </DataTable>
      )}
    </section>
  );
}
