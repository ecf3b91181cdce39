import { ROLE_LABELS, type Role } from '../../../src-shared/roles';
import type { RunResult, RunState, StepState } from '../../../src-shared/runbooks';
import type { IconName } from '../../components/Icon';
import { StatusLabel, type StatusTone } from '../../components/StatusLabel';

type Look = { tone: StatusTone; icon: IconName | null; word: string };

/** The result word in capitals, as the seed's scripts print it, with its colour and icon repeating it. */
const RESULTS: Record<RunResult, Look> = {
  SUCCESS: { tone: 'ok', icon: 'check', word: 'SUCCESS' },
  PARTIAL_SUCCESS: { tone: 'warn', icon: 'warning', word: 'PARTIAL SUCCESS' },
  FAILED: { tone: 'bad', icon: 'cross', word: 'FAILED' },
  CANCELLED: { tone: 'muted', icon: 'ban', word: 'CANCELLED' },
  TIMED_OUT: { tone: 'bad', icon: 'warning', word: 'TIMED OUT' },
  INTERRUPTED: { tone: 'warn', icon: 'warning', word: 'INTERRUPTED' },
  REJECTED: { tone: 'muted', icon: 'ban', word: 'REJECTED' },
};

const WAITING: Record<Exclude<RunState, 'done'>, Look> = {
  awaiting_approval: { tone: 'warn', icon: 'lock', word: 'Awaiting approval' },
  running: { tone: 'busy', icon: null, word: 'Running' },
  waiting_decision: { tone: 'warn', icon: 'info', word: 'Waiting for a decision' },
};

const STEPS: Record<StepState, Look> = {
  pending: { tone: 'muted', icon: 'minus', word: 'Pending' },
  running: { tone: 'busy', icon: null, word: 'Running' },
  waiting_decision: { tone: 'warn', icon: 'info', word: 'Waiting for a decision' },
  succeeded: { tone: 'ok', icon: 'check', word: 'Succeeded' },
  failed: { tone: 'bad', icon: 'cross', word: 'Failed' },
  timed_out: { tone: 'bad', icon: 'warning', word: 'Timed out' },
  cancelled: { tone: 'muted', icon: 'ban', word: 'Cancelled' },
  skipped: { tone: 'muted', icon: 'minus', word: 'Skipped' },
  interrupted: { tone: 'warn', icon: 'warning', word: 'Interrupted' },
};

export function runLook(state: RunState, result: RunResult | null): Look {
  if (state === 'done') return RESULTS[result ?? 'INTERRUPTED'];
  return WAITING[state];
}

/** A run's state while it goes, its result word once done. */
export function RunStatus({ state, result }: { state: RunState; result: RunResult | null }) {
  const look = runLook(state, result);
  return (
    <StatusLabel tone={look.tone} icon={look.icon}>
      {look.word}
    </StatusLabel>
  );
}

export function StepStatus({ state }: { state: StepState }) {
  const look = STEPS[state];
  return (
    <StatusLabel tone={look.tone} icon={look.icon}>
      {look.word}
    </StatusLabel>
  );
}

export const RESULT_WORDS = Object.fromEntries(Object.entries(RESULTS).map(([k, v]) => [k, v.word])) as Record<RunResult, string>;

/** Who may run a runbook, in words: its roles (admins always may). */
export function whoMayRun(roles: readonly Role[]): string {
  const others = roles.filter((r) => r !== 'admin').map((r) => ROLE_LABELS[r]);
  return others.length === 0 ? 'Admins only' : ['Admins', ...others].join(', ');
}
