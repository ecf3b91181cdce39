import type { CheckResult, Connection, Diagnostics } from '../../../src-shared/contract';
import type { TestRun } from '../../api/connections';

/** What to show for a connection's diagnostics: a run in progress, a finished one, or none yet. */
export type ShownDiagnostics =
  | { kind: 'running'; live: CheckResult[] }
  | { kind: 'done'; diagnostics: Diagnostics; error: unknown }
  | { kind: 'none'; error: unknown };

function newer(a: Diagnostics, b: Diagnostics | null): Diagnostics {
  return b && b.finishedAt > a.finishedAt ? b : a;
}

export function shownDiagnostics(connection: Connection, run: TestRun | undefined): ShownDiagnostics {
  const last = connection.lastTest;
  // A later run from elsewhere may have finished since ours (its events missed while away).
  if (run?.result) return { kind: 'done', diagnostics: newer(run.result, last), error: null };
  if (run && !run.error) {
    // Someone else's run ends when the list shows it as the last test.
    if (!run.mine && last?.runId === run.runId) return { kind: 'done', diagnostics: last, error: null };
    return { kind: 'running', live: run.live };
  }
  const error = run?.error ?? null;
  return last ? { kind: 'done', diagnostics: last, error } : { kind: 'none', error };
}
