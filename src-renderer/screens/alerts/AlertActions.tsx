import type { AlertView } from '../../../src-shared/monitoring';
import { Button } from '../../components/Button';

/**
 * Acknowledge (while open) and Resolve (until resolved), for mouse users;
 * the same as the a and r keys, which aria-keyshortcuts announces. In a
 * row, the alert's title finishes each name for assistive technology.
 */
export function AlertActions({ alert, acknowledging, onAcknowledge, onResolve, nameSuffix = true }: {
  alert: AlertView;
  acknowledging: boolean;
  onAcknowledge: (alert: AlertView) => void;
  onResolve: (alert: AlertView) => void;
  nameSuffix?: boolean;
}) {
  if (alert.status === 'resolved') return null;
  const suffix = nameSuffix ? <span className="visually-hidden"> {alert.title}</span> : null;
  return (
    <div className="row-actions">
      {alert.status === 'open' && (
        <Button icon="check" aria-keyshortcuts="a" pending={acknowledging} onClick={() => onAcknowledge(alert)}>
          Acknowledge{suffix}
        </Button>
      )}
      <Button aria-keyshortcuts="r" onClick={() => onResolve(alert)}>
        Resolve…{suffix}
      </Button>
    </div>
  );
}
