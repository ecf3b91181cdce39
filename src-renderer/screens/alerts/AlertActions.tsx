import { useId, type ReactNode } from 'react';
import type { AlertView } from '../../../src-shared/monitoring';
import { Button } from '../../components/Button';

/** What the actions of one alert may do: the calls, and the SEV1 acknowledgement waiting for Enter. */
export interface AlertActionHandlers {
  pendingId: string | null;
  confirmingId: string | null;
  onAcknowledge: (alert: AlertView) => void;
  onConfirmAcknowledge: () => void;
  onCancelAcknowledge: () => void;
  onUnacknowledge: (alert: AlertView) => void;
  onResolve: (alert: AlertView) => void;
}

/**
 * `a` on a SEV1 alert, inline where its actions were: the question, said
 * as the confirm button's description, which takes focus, so Enter answers
 * it and a screen reader reads it out; Escape (or Cancel) leaves the alert
 * as it was.
 */
function ConfirmAcknowledge({ alert, suffix, onConfirm, onCancel }: { alert: AlertView; suffix: ReactNode; onConfirm: () => void; onCancel: () => void }) {
  const promptId = useId();
  return (
    <div className="confirm-acknowledge" role="group" aria-labelledby={promptId}>
      <p id={promptId} className="confirm-prompt">
        Press <kbd>Enter</kbd> to acknowledge this {alert.severity} alert, <kbd>Escape</kbd> to cancel.
      </p>
      <div className="row-actions">
        <Button variant="primary" icon="check" autoFocus aria-describedby={promptId} onClick={onConfirm}>
          Acknowledge{suffix}
        </Button>
        <Button aria-keyshortcuts="Escape" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

/**
 * Acknowledge (while open), Take back acknowledgement (once acknowledged)
 * and Resolve (until resolved), for mouse users; the same as the a, u and
 * r keys, which aria-keyshortcuts announces. In a row, the alert's title
 * finishes each name for assistive technology.
 */
export function AlertActions({ alert, handlers, nameSuffix = true }: { alert: AlertView; handlers: AlertActionHandlers; nameSuffix?: boolean }) {
  if (alert.status === 'resolved') return null;
  const suffix = nameSuffix ? <span className="visually-hidden"> {alert.title}</span> : null;
  const pending = handlers.pendingId === alert.id;
  if (alert.status === 'open' && handlers.confirmingId === alert.id) {
    return <ConfirmAcknowledge alert={alert} suffix={suffix} onConfirm={handlers.onConfirmAcknowledge} onCancel={handlers.onCancelAcknowledge} />;
  }
  return (
    <div className="row-actions">
      {alert.status === 'open' ? (
        <Button icon="check" aria-keyshortcuts="a" pending={pending} onClick={() => handlers.onAcknowledge(alert)}>
          Acknowledge{suffix}
        </Button>
      ) : (
        <Button icon="undo" aria-keyshortcuts="u" pending={pending} onClick={() => handlers.onUnacknowledge(alert)}>
          Take back acknowledgement{suffix}
        </Button>
      )}
      <Button aria-keyshortcuts="r" onClick={() => handlers.onResolve(alert)}>
        Resolve…{suffix}
      </Button>
    </div>
  );
}
