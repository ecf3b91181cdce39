import type { Diagnostics } from '../../../src-shared/contract';
import { outcomeText } from './diagnostics-words';
import { StatusWord } from './StatusWord';

/** The list's "last test" cell: the outcome in words, or that a test is running now. */
export function LastTestLabel({ diagnostics, running }: { diagnostics: Diagnostics | null; running: boolean }) {
  if (running) return <StatusWord status="running">Testing…</StatusWord>;
  if (!diagnostics) return <span className="muted">Not tested yet</span>;
  return <StatusWord status={diagnostics.status}>{outcomeText(diagnostics)}</StatusWord>;
}
