import { useState } from 'react';
import { ALERT_LIST_MAX, type AlertView } from '../../../src-shared/monitoring';
import { useAlerts } from '../../api/alerts';
import { errorText } from '../../api/error-text';
import { Button } from '../../components/Button';
import { LoadingLine } from '../../components/LoadingLine';
import { Notice } from '../../components/Notice';
import { formatCount } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { AlertActions, type AlertActionHandlers } from './AlertActions';
import { AlertDetail } from './AlertDetail';
import { queryFilters, type AlertFilterChoice } from './alert-filters';
import { alertPickId } from './AlertRow';
import { AlertsTable } from './AlertsTable';
import { ResolveAlertDialog } from './ResolveAlertDialog';
import { ResponseOutcome } from './ResponseOutcome';
import { useAlertKeys, type AlertKeyAction } from './use-alert-keys';
import { useAlertResponses } from './use-alert-responses';
import { useListSelection } from '../../lib/use-list-selection';

const EMPTY_TEXT: Record<AlertFilterChoice['status'], string> = {
  active: 'No active alerts match: nothing needs an answer.',
  resolved: 'No resolved alerts match.',
  all: 'No alerts match.',
};

function summary(alerts: AlertView[], limit: number): string {
  const open = alerts.filter((a) => a.status === 'open').length;
  const acknowledged = alerts.filter((a) => a.status === 'acknowledged').length;
  const parts = [`${formatCount(alerts.length)} ${alerts.length === 1 ? 'alert' : 'alerts'}${alerts.length === limit ? ` (the newest ${formatCount(limit)})` : ''}`];
  if (open > 0) parts.push(`${formatCount(open)} open`);
  if (acknowledged > 0) parts.push(`${formatCount(acknowledged)} acknowledged`);
  return parts.join(' · ');
}

/** The alerts for the chosen filters, the keys that work them, and the selected one's details. */
export function AlertsList({ filters, canRespond, onShowMore }: { filters: AlertFilterChoice; canRespond: boolean; onShowMore: () => void }) {
  const alerts = useAlerts(queryFilters(filters));
  const now = useNow(15_000);
  const list = alerts.data?.alerts ?? [];
  const { selected, select, step } = useListSelection(list);
  const [detailOpen, setDetailOpen] = useState(false);
  const responses = useAlertResponses();
  const split = detailOpen && selected !== null;

  /** Focus to the alert's title, where the keys and a screen reader follow the selection. */
  function focusAlert(alert: AlertView): void {
    document.getElementById(alertPickId(alert.id))?.focus();
  }

  /** Another alert chosen: a SEV1 acknowledgement waiting for Enter was about the one before. */
  function choose(alert: AlertView): void {
    if (responses.confirming && responses.confirming.id !== alert.id) responses.cancelAcknowledge();
    select(alert);
  }

  /** Moves the selection and keyboard focus together, so Enter and a screen reader are where the eye is. */
  function move(delta: number): boolean {
    const next = step(delta);
    if (!next) return false;
    choose(next);
    focusAlert(next);
    return true;
  }

  /** The question answered either way, focus goes back to the alert it was about (its buttons just changed under it). */
  function answerAcknowledge(confirmed: boolean): void {
    const waiting = responses.confirming;
    if (confirmed) responses.confirmAcknowledge();
    else responses.cancelAcknowledge();
    if (waiting) focusAlert(waiting);
  }

  useAlertKeys((action: AlertKeyAction) => {
    // A SEV1 acknowledgement waits for Enter: only Enter gives it; Escape, or any other move, takes the question away.
    if (responses.confirming) {
      if (action === 'open' || action === 'close') answerAcknowledge(action === 'open');
      if (action === 'open' || action === 'close' || action === 'acknowledge') return true;
      responses.cancelAcknowledge();
    }
    switch (action) {
      case 'next':
        return move(1);
      case 'previous':
        return move(-1);
      case 'open':
        if (selected) setDetailOpen(true);
        return selected !== null;
      case 'close':
        if (detailOpen) setDetailOpen(false);
        return detailOpen;
      case 'acknowledge':
        if (canRespond && selected) responses.acknowledge(selected, { byKey: true });
        return canRespond && selected !== null;
      case 'unacknowledge':
        if (canRespond && selected) responses.unacknowledge(selected);
        return canRespond && selected !== null;
      case 'resolve':
        if (canRespond && selected) responses.askResolve(selected);
        return canRespond && selected !== null;
    }
  });

  const handlers: AlertActionHandlers = {
    pendingId: responses.pendingId,
    confirmingId: responses.confirming?.id ?? null,
    onAcknowledge: responses.acknowledge,
    onConfirmAcknowledge: () => answerAcknowledge(true),
    onCancelAcknowledge: () => answerAcknowledge(false),
    onUnacknowledge: responses.unacknowledge,
    onResolve: responses.askResolve,
  };
  const actionsFor = (alert: AlertView, inRow: boolean) => <AlertActions alert={alert} handlers={handlers} nameSuffix={inRow} />;

  return (
    <>
      <ResponseOutcome done={responses.done} note={responses.note} />
      {responses.failure && (
        <Notice tone="error" title={responses.failure.title}>
          {errorText(responses.failure.error)}
        </Notice>
      )}
      {alerts.isError && (
        // A failed refresh keeps the last list on screen: a wall display should not go blank over one hiccup.
        <Notice tone="error" title={alerts.data ? 'Could not refresh the alerts: what is shown may be out of date' : 'Could not load the alerts'}>
          {errorText(alerts.error)}
        </Notice>
      )}
      {alerts.isPending && <LoadingLine label="Loading alerts…" />}
      {alerts.data && (
        <div className={split ? 'alerts-layout alerts-layout-split' : 'alerts-layout'}>
          <div>
            <p className="table-summary" role="status">
              {list.length > 0 && summary(list, filters.limit)}
            </p>
            <AlertsTable
              alerts={list}
              selectedId={selected?.id ?? null}
              now={now}
              busy={alerts.isFetching}
              empty={list.length === 0 ? EMPTY_TEXT[filters.status] : null}
              compact={split}
              onSelect={choose}
              onOpen={(alert) => {
                choose(alert);
                setDetailOpen(true);
              }}
              actionsFor={canRespond ? (alert) => actionsFor(alert, true) : null}
            />
            {list.length === filters.limit && filters.limit < ALERT_LIST_MAX && (
              <div className="table-more">
                <Button onClick={onShowMore}>Show up to {formatCount(ALERT_LIST_MAX)}</Button>
              </div>
            )}
          </div>
          {split && selected && (
            <AlertDetail alert={selected} now={now} actions={canRespond ? actionsFor(selected, false) : null} onClose={() => setDetailOpen(false)} />
          )}
        </div>
      )}
      {responses.resolving && (
        <ResolveAlertDialog
          alert={responses.resolving}
          pending={responses.resolvePending}
          error={responses.resolveError}
          onConfirm={responses.confirmResolve}
          onClose={responses.cancelResolve}
        />
      )}
    </>
  );
}
