import { useEffect, useId } from 'react';
import type { AlertView } from '../../../src-shared/monitoring';
import { errorText } from '../../api/error-text';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Notice } from '../../components/Notice';

/**
 * Resolving by hand silences the alert until its condition has cleared once,
 * so it is asked, not done on a stray key. The answer has focus: r then
 * Enter resolves, two deliberate keys; Escape backs out.
 */
export function ResolveAlertDialog({ alert, pending, error, onConfirm, onClose }: {
  alert: AlertView;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const confirmId = useId();
  // After the dialog has opened (its own layout effect), which would otherwise focus its first button.
  useEffect(() => document.getElementById(confirmId)?.focus(), [confirmId]);
  return (
    <Dialog title="Resolve this alert?" onClose={onClose}>
      <p className="dialog-subject">
        {alert.severity} · {alert.title} · {alert.targetName}
      </p>
      <p>
        It leaves the active list and notification channels are told it is resolved. If the problem is still there, it opens again only after{' '}
        {alert.targetName} has recovered once.
      </p>
      {error !== null && <Notice tone="error" title="The alert was not resolved">{errorText(error)}</Notice>}
      <div className="dialog-actions">
        <Button onClick={onClose}>Cancel</Button>
        <Button id={confirmId} variant="primary" icon="check" pending={pending} onClick={onConfirm}>
          Resolve alert
        </Button>
      </div>
    </Dialog>
  );
}
