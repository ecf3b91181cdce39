import type { ReactNode } from 'react';
import type { AlertView } from '../../../src-shared/monitoring';
import { DataTable, type Column } from '../../components/DataTable';
import { AlertRow } from './AlertRow';

const COLUMNS: Column[] = [{ label: 'Severity', className: 'shrink' }, 'Alert', 'Target', { label: 'Opened', className: 'shrink' }, 'Status'];

/**
 * With the details open beside it the table is narrow: it leaves out the
 * escalation and the actions, which the details show for the selected alert.
 */
export function AlertsTable({ alerts, selectedId, now, busy, empty, compact, onSelect, onOpen, actionsFor }: {
  alerts: AlertView[];
  selectedId: string | null;
  now: number;
  busy: boolean;
  empty: string | null;
  compact: boolean;
  onSelect: (alert: AlertView) => void;
  onOpen: (alert: AlertView) => void;
  /** null for roles that may not respond: no Actions column at all. */
  actionsFor: ((alert: AlertView) => ReactNode) | null;
}) {
  const actions = compact ? null : actionsFor;
  const columns = compact ? COLUMNS : [...COLUMNS, 'Escalation', ...(actions ? ['Actions'] : [])];
  return (
    // The screen's heading already says Alerts; the caption names the table for assistive tech.
    <DataTable caption="Alerts" captionHidden columns={columns} className="alerts-table" busy={busy} empty={empty}>
      {alerts.map((alert) => (
        <AlertRow
          key={alert.id}
          alert={alert}
          selected={alert.id === selectedId}
          now={now}
          onSelect={() => onSelect(alert)}
          onOpen={() => onOpen(alert)}
          compact={compact}
          actions={actions?.(alert)}
        />
      ))}
    </DataTable>
  );
}
