import type { ReactNode } from 'react';
import type { AlertView } from '../../../src-shared/monitoring';
import { TimeAgo } from '../../components/TimeAgo';
import { AlertStatus } from './AlertStatus';
import { AlertTags } from './AlertTags';
import { escalationWords } from './alert-words';
import { SeverityBadge } from './SeverityBadge';

/** The id of an alert's title button: the keys move focus there, so Enter and a screen reader follow the selection. */
export function alertPickId(alertId: string): string {
  return `alert-pick-${alertId}`;
}

/**
 * One alert. Selecting follows focus and clicks anywhere in the row; the
 * title opens the details. `actions` is absent for roles that may not respond
 * and beside the details.
 */
export function AlertRow({ alert, selected, now, compact, onSelect, onOpen, actions }: {
  alert: AlertView;
  selected: boolean;
  now: number;
  /** Without the escalation (the details beside the table show it). */
  compact: boolean;
  onSelect: () => void;
  onOpen: () => void;
  actions: ReactNode | undefined;
}) {
  return (
    <tr className={['alert-row', `alert-row-${alert.status}`, selected ? 'row-selected' : ''].join(' ')} onClick={onSelect} onFocus={onSelect}>
      <td className="shrink">
        <SeverityBadge severity={alert.severity} />
      </td>
      <th scope="row">
        <button id={alertPickId(alert.id)} type="button" className="row-pick" aria-current={selected || undefined} onClick={onOpen}>
          {alert.title}
        </button>
        {alert.detail && <span className="alert-detail">{alert.detail}</span>}
        <AlertTags alert={alert} />
      </th>
      <td>{alert.targetName}</td>
      <td className="nowrap">
        <TimeAgo at={alert.openedAt} now={now} />
      </td>
      <td className="nowrap">
        <AlertStatus alert={alert} now={now} />
      </td>
      {!compact && <td className="nowrap">{escalationWords(alert)}</td>}
      {actions !== undefined && <td className="shrink">{actions}</td>}
    </tr>
  );
}
