import { useState } from 'react';
import type { AlertView } from '../../../src-shared/monitoring';
import { useAcknowledgeAlert, useResolveAlert, useUnacknowledgeAlert } from '../../api/alerts';
import { useDoneMessage } from '../../lib/use-dialogs';
import { holderWords } from './alert-words';

/** Why a key did nothing: the alert is past that step, or not at it yet. */
function alreadyWords(alert: AlertView): string {
  if (alert.status === 'resolved') return `“${alert.title}” is already resolved.`;
  if (alert.status === 'open') return `“${alert.title}” is not acknowledged: there is nothing to take back.`;
  return `“${alert.title}” is already acknowledged${alert.acknowledged ? ` by ${holderWords(alert.acknowledged)}` : ''}.`;
}

/** The severity whose acknowledgement by a single key asks for Enter first: a stray a must not silence it. */
const CONFIRMED_BY_ENTER = 'SEV1';

/**
 * Acknowledging, taking an acknowledgement back and resolving, from a key or
 * a button: the calls, the confirmations, and what came of them. `a` on a
 * SEV1 alert asks for Enter first (`confirming`); a button press is
 * deliberate enough. `done` says what was done, `note` why a key did
 * nothing (the alert was past that already).
 */
export function useAlertResponses() {
  const acknowledgeMutation = useAcknowledgeAlert();
  const unacknowledgeMutation = useUnacknowledgeAlert();
  const resolveMutation = useResolveAlert();
  const done = useDoneMessage();
  const note = useDoneMessage();
  const [failure, setFailure] = useState<{ title: string; error: unknown } | null>(null);
  const [confirming, setConfirming] = useState<AlertView | null>(null);
  const [resolving, setResolving] = useState<AlertView | null>(null);
  const busy = acknowledgeMutation.isPending || unacknowledgeMutation.isPending;

  function startAction(): void {
    done.clear();
    note.clear();
    setFailure(null);
  }

  function sendAcknowledge(alert: AlertView): void {
    acknowledgeMutation.mutate(alert.id, {
      onSuccess: (a) => done.show(`Acknowledged “${a.title}”: reminders for it stop.`),
      onError: (error) => setFailure({ title: `Could not acknowledge “${alert.title}”`, error }),
    });
  }

  function acknowledge(alert: AlertView, { byKey = false } = {}): void {
    if (busy) return;
    startAction();
    setConfirming(null);
    if (alert.status !== 'open') return note.show(alreadyWords(alert));
    if (byKey && alert.severity === CONFIRMED_BY_ENTER) return setConfirming(alert);
    sendAcknowledge(alert);
  }

  function confirmAcknowledge(): void {
    if (!confirming || busy) return;
    setConfirming(null);
    sendAcknowledge(confirming);
  }

  function unacknowledge(alert: AlertView): void {
    if (busy) return;
    startAction();
    setConfirming(null);
    if (alert.status !== 'acknowledged') return note.show(alreadyWords(alert));
    unacknowledgeMutation.mutate(alert.id, {
      onSuccess: (a) => done.show(`Took back the acknowledgement of “${a.title}”: it is open again, and its channels are told again.`),
      onError: (error) => setFailure({ title: `Could not take back the acknowledgement of “${alert.title}”`, error }),
    });
  }

  function askResolve(alert: AlertView): void {
    startAction();
    setConfirming(null);
    if (alert.status === 'resolved') return note.show(alreadyWords(alert));
    resolveMutation.reset();
    setResolving(alert);
  }

  function confirmResolve(): void {
    if (!resolving || resolveMutation.isPending) return;
    resolveMutation.mutate(resolving.id, {
      onSuccess: (a) => {
        setResolving(null);
        done.show(`Resolved “${a.title}”.`);
      },
    });
  }

  return {
    acknowledge,
    /** The SEV1 alert waiting for Enter to be acknowledged. */
    confirming,
    confirmAcknowledge,
    cancelAcknowledge: () => setConfirming(null),
    unacknowledge,
    /** The alert a call is on its way for: its button shows it. */
    pendingId: acknowledgeMutation.isPending ? acknowledgeMutation.variables : unacknowledgeMutation.isPending ? unacknowledgeMutation.variables : null,
    /** What an acknowledgement or its taking back could not do, and why. */
    failure,
    askResolve,
    resolving,
    confirmResolve,
    cancelResolve: () => setResolving(null),
    resolvePending: resolveMutation.isPending,
    resolveError: resolveMutation.error,
    done: done.message,
    note: note.message,
  };
}
