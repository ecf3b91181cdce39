import type { AlertView } from '../../../src-shared/monitoring';
import { useAcknowledgeAlert } from '../../api/alerts';
import { errorText } from '../../api/error-text';
import { Button } from '../../components/Button';
import { DataTable, type Column } from '../../components/DataTable';
import { Notice } from '../../components/Notice';
import { TimeAgo } from '../../components/TimeAgo';
import { AlertStatus } from '../alerts/AlertStatus';
import { SeverityBadge } from '../alerts/SeverityBadge';

const COLUMNS: Column[] = [{ label: 'Severity', className: 'shrink' }, 'Alert', { label: 'Opened', className: 'shrink' }, 'Status'];

/** Open first, then acknowledged, then resolved; the newest first within each. */
const STATUS_ORDER: AlertView['status'][] = ['open', 'acknowledged', 'resolved'];
const byUrgency = (a: AlertView, b: AlertView) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || b.openedAt - a.openedAt;

/**
 * This target's alerts, in the Alerts screen's words. Acknowledging stops
 * the reminders and records who took it; resolving by hand is on the Alerts
 * screen, next to its reason.
 */
export function AlertsPanel({ alerts, canRespond, now }: { alerts: AlertView[]; canRespond: boolean; now: number }) {
  const acknowledge = useAcknowledgeAlert();
  const columns = canRespond ? [...COLUMNS, { label: 'Actions', className: 'shrink' }] : COLUMNS;
  return (
    <section className="panel detail-panel" aria-labelledby="alerts-title">
      <h3 id="alerts-title">Alerts</h3>
      {acknowledge.isError && <Notice tone="error" title="The alert was not acknowledged">{errorText(acknowledge.error)}</Notice>}
      {alerts.length === 0 ? (
        <p className="muted">No alerts for this target.</p>
      ) : (
        <DataTable caption="Alerts" captionHidden columns={columns} className="alerts-table">
          {[...alerts].sort(byUrgency).map((alert) => (
            <tr key={alert.id} className={alert.status === 'open' ? `alert-row-${alert.severity.toLowerCase()}` : undefined}>
              <td>
                <SeverityBadge severity={alert.severity} />
              </td>
              <th scope="row">
                {alert.title}
                {alert.flapping && <> <span className="tag board-tag-warn">Flapping</span></>}
                {alert.detail && <span className="cell-note">{alert.detail}</span>}
                {alert.affectedNames.length > 0 && <span className="cell-note">Also affects {alert.affectedNames.join(', ')}</span>}
              </th>
              <td className="nowrap">
                <TimeAgo at={alert.openedAt} now={now} />
              </td>
              <td className="nowrap">
                <AlertStatus alert={alert} now={now} />
              </td>
              {canRespond && (
                <td>
                  {alert.status === 'open' && (
                    <Button variant="primary" icon="check" pending={acknowledge.isPending && acknowledge.variables === alert.id} onClick={() => acknowledge.mutate(alert.id)}>
                      Acknowledge<span className="visually-hidden"> {alert.title}</span>
                    </Button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
