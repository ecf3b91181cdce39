import type { ConnectionState } from '../../../src-shared/monitoring';
import { Icon, type IconName } from '../../components/Icon';

/** The shared set has no pause, wrench or question mark; these three are drawn the same way (line, currentColor). */
const OWN_PATHS = {
  pause: 'M8.5 5v14M15.5 5v14',
  wrench: 'M14.7 6.3a1 1 0 0 0 0 1.4l1.6 1.6a1 1 0 0 0 1.4 0l3.8-3.8a6 6 0 0 1-7.9 7.9l-6.9 6.9a2.1 2.1 0 0 1-3-3l6.9-6.9a6 6 0 0 1 7.9-7.9l-3.8 3.8z',
  question: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3M12 17h.01',
} as const;

type OwnName = keyof typeof OWN_PATHS;

const isOwn = (name: IconName | OwnName): name is OwnName => Object.hasOwn(OWN_PATHS, name);

const ICONS: Record<ConnectionState, IconName | OwnName> = {
  UP: 'check',
  DEGRADED: 'warning',
  DOWN: 'cross',
  MAINTENANCE: 'wrench',
  PAUSED: 'pause',
  UNKNOWN: 'question',
};

/** A state's icon; like every icon here it is hidden from assistive technology and always sits next to the state's word. */
export function StateIcon({ state }: { state: ConnectionState }) {
  const name = ICONS[state];
  if (!isOwn(name)) return <Icon name={name} />;
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round">
      <path d={OWN_PATHS[name]} />
    </svg>
  );
}
