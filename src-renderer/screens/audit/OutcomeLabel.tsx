import type { AuditOutcome } from '../../../src-shared/contract';
import { StatusLabel } from '../../components/StatusLabel';

const OUTCOME_TEXT: Record<AuditOutcome, string> = {
  ok: 'Succeeded',
  UNAUTHENTICATED: 'Refused: authentication failed',
  FORBIDDEN: 'Refused: not allowed',
  INVALID_INPUT: 'Refused: invalid input',
  NOT_FOUND: 'Failed: not found',
  CONFLICT: 'Refused: conflict',
  LOCKED: 'Refused: account locked',
  UNAVAILABLE: 'Failed: store unavailable',
  INTERNAL: 'Failed: internal error',
};

/** Outcome as icon and words; colour only repeats what they say. */
export function OutcomeLabel({ outcome }: { outcome: AuditOutcome }) {
  const ok = outcome === 'ok';
  return (
    <StatusLabel tone={ok ? 'ok' : 'bad'} icon={ok ? 'check' : 'cross'}>
      {OUTCOME_TEXT[outcome]}
    </StatusLabel>
  );
}
