/**
 * The seam between the alert engine and notify: an AlertNotification
 * becomes the AlertNotice the channels format. The engine
 * knows a connection only by id, so its name and address come from the
 * caller. Opened, reminder and worsened all ask for attention (a trigger);
 * recovered, resolved and merged all close the alert (a resolve).
 */
import type { AlertNotification, NotificationKind } from './alert-notification';
import type { AlertNotice, NoticeDetails, NoticeEvent } from './notice';

const EVENT: Record<NotificationKind, NoticeEvent> = {
  opened: 'triggered',
  reminder: 'triggered',
  worsened: 'triggered',
  acknowledged: 'acknowledged',
  recovered: 'resolved',
  resolved: 'resolved',
  merged: 'resolved',
};

export interface NoticeTarget {
  name: string;
  vendor?: string;
  host?: string;
}

export function noticeFor(n: AlertNotification, target: NoticeTarget): AlertNotice {
  const a = n.alert;
  const details: NoticeDetails = { notification: n.kind };
  if (a.flapping) details.flapping = true;
  // The parent's alert names the dependants that failed with it.
  if (a.affected.length > 0) details.affected = a.affected.join(', ');
  if (a.resolved?.by) details.resolvedBy = a.resolved.by;
  if (a.resolved?.mergedInto) details.mergedInto = a.resolved.mergedInto;
  return {
    alertId: a.id,
    dedupKey: a.dedupKey,
    event: EVENT[n.kind],
    severity: a.severity,
    rule: a.rule,
    connection: { id: a.targetId, ...target },
    summary: `${a.title}: ${a.detail}`,
    openedAt: a.openedAt,
    ...(a.acknowledged ? { acknowledgedAt: a.acknowledged.at, acknowledgedBy: a.acknowledged.by } : {}),
    ...(a.resolved ? { resolvedAt: a.resolved.at } : {}),
    escalationLevel: n.level,
    details,
  };
}
