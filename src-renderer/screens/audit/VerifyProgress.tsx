import type { EventPayload } from '../../../src-shared/contract';
import { formatCount } from '../../lib/format';

/** How far a running chain check has walked, as main reports it: a bar and the numbers, announced politely. */
export function VerifyProgress({ progress }: { progress: EventPayload<'audit.verifyProgress'> | null }) {
  const label = progress ? `Checked ${formatCount(progress.checked)} of ${formatCount(progress.total)} entries` : 'Starting the chain check';
  return (
    <div className="verify-progress" role="status">
      <progress max={progress?.total || undefined} value={progress?.checked} aria-label="Chain check progress" />
      <span>{label}</span>
    </div>
  );
}
