import { Icon, type IconName } from '../../components/Icon';

type Status = 'running' | 'pass' | 'warn' | 'fail' | 'skip';

const LOOK: Record<Status, { tone: string; icon: IconName | null }> = {
  running: { tone: 'status-busy', icon: null },
  pass: { tone: 'status-ok', icon: 'check' },
  warn: { tone: 'status-warn', icon: 'warning' },
  fail: { tone: 'status-bad', icon: 'cross' },
  skip: { tone: 'status-muted', icon: 'minus' },
};

/** A status as icon and words; colour only repeats what they say. */
export function StatusWord({ status, children }: { status: Status; children: string }) {
  const { tone, icon } = LOOK[status];
  return (
    <span className={`status ${tone}`}>
      {icon ? <Icon name={icon} /> : <span className="spinner" aria-hidden="true" />}
      <span>{children}</span>
    </span>
  );
}
