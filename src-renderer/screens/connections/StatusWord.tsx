import type { CheckResult } from '../../../src-shared/contract';
import type { IconName } from '../../components/Icon';
import { StatusLabel, type StatusTone } from '../../components/StatusLabel';

/** The contract's check statuses; a run's overall status is one of them too. */
type Status = CheckResult['status'];

const LOOK: Record<Status, { tone: StatusTone; icon: IconName | null }> = {
  running: { tone: 'busy', icon: null },
  pass: { tone: 'ok', icon: 'check' },
  warn: { tone: 'warn', icon: 'warning' },
  fail: { tone: 'bad', icon: 'cross' },
  skip: { tone: 'muted', icon: 'minus' },
};

/** A check's or a run's status as icon and words. */
export function StatusWord({ status, children }: { status: Status; children: string }) {
  return <StatusLabel {...LOOK[status]}>{children}</StatusLabel>;
}
