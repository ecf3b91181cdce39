import { useState } from 'react';
import type { AlertView } from '../../../src-shared/monitoring';
import { useAcknowledgeAlert, useResolveAlert } from '../../api/alerts';
import { useDoneMessage } from '../../lib/use-dialogs';

/** Why a key did nothing: the alert is past that step. */
function alreadyWords(alert: AlertView): string {
  if (alert.status === 'resolved') return `“${alert.title}” is already resolved.`;
  return `“${alert.title}” is already acknowledged${alert.acknowledged ? ` by ${alert.acknowledged.by}` : ''}.`;
}

/**
 * Acknowledging and resolving, from a key or a button: the call, the
 * resolve confirmation, and what came of it. `done` says what was done,
 * `note` why a key did nothing (the alert was past that already).
 */
export function useAlertResponses() {
  const acknowledgeMutation = useAcknowledgeAlert();
  const resolveMutation = useResolveAlert();
  const done = useDoneMessage();
  const note = useDoneMessage();
  const [acknowledged, setAcknowledged] = useState<AlertView | null>(null);
  const [resolving, setResolving] = useState<AlertView | null>(null);

  function startAction(): void {
    done.clear();
    note.clear();
  }

  function acknowledge(alert: AlertView): void {
    if (acknowledgeMutation.isPending) return;
    startAction();
    if (alert.status !== 'open') return note.show(alreadyWords(alert));
    setAcknowledged(alert);
    acknowledgeMutation.mutate(alert.id, { onSuccess: (a) => done.show(`Acknowledged “${a.title}”: reminders for it stop.`) });
  }

  function askResolve(alert: AlertView): void {
    startAction();
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
    acknowledgingId: acknowledgeMutation.isPending ? acknowledgeMutation.variables : null,
    /** The alert an acknowledgement failed for, and why. */
    acknowledgeFailure: acknowledgeMutation.isError && acknowledged ? { alert: acknowledged, error: acknowledgeMutation.error } : null,
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
