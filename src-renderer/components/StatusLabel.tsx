import { Icon, type IconName } from './Icon';

export type StatusTone = 'ok' | 'bad' | 'warn' | 'busy' | 'muted';

/** A status as an icon (or a spinner while busy) and words; the colour only repeats what they say. */
export function StatusLabel({ tone, icon, children }: { tone: StatusTone; icon: IconName | null; children: string }) {
  return (
    <span className={`status status-${tone}`}>
      {icon ? <Icon name={icon} /> : <span className="spinner" aria-hidden="true" />}
      <span>{children}</span>
    </span>
  );
}
