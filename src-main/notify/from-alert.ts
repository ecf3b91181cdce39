/**
 * What leaves the machine about an alert: the target, its state (the
 * alert's title), the error class and knowledge-base code, and times. A
 * connection's health alert never carries its detail, which can repeat what
 * the server said; the other rules' details are Vigil's own words about
 * typed facts (days to expiry, a metric against its limit).
 *
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
  // PagerDuty and the like take a trigger with the same dedup key as "needs attention again".
  unacknowledged: 'triggered',
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

function summaryOf(a: AlertNotification['alert']): string {
  if (a.rule !== 'health') return `${a.title}: ${a.detail}`;
  return a.cause ? `${a.title}: the ${a.cause.probe} step failed, ${a.cause.kind} (${a.cause.kbCode})` : a.title;
}

export function noticeFor(n: AlertNotification, target: NoticeTarget): AlertNotice {
  const a = n.alert;
  const details: NoticeDetails = { notification: n.kind };
  if (a.flapping) details.flapping = true;
  // The parent's alert names the dependants that failed with it.
  if (a.affected.length > 0) details.affected = a.affected.join(', ');
  // Team mode: taken on another workstation, which told its own channels; these learn where from here.
  if (a.acknowledged?.workstation) details.acknowledgedOnWorkstation = a.acknowledged.workstation;
  if (a.resolved?.by) details.resolvedBy = a.resolved.by;
  if (a.resolved?.mergedInto) details.mergedInto = a.resolved.mergedInto;
  if (a.cause) Object.assign(details, { failedStep: a.cause.probe, errorKind: a.cause.kind, kbCode: a.cause.kbCode });
  return {
    alertId: a.id,
    dedupKey: a.dedupKey,
    event: EVENT[n.kind],
    severity: a.severity,
    rule: a.rule,
    connection: { id: a.targetId, ...target },
    summary: summaryOf(a),
    openedAt: a.openedAt,
    ...(a.acknowledged ? { acknowledgedAt: a.acknowledged.at, acknowledgedBy: a.acknowledged.by } : {}),
    ...(a.resolved ? { resolvedAt: a.resolved.at } : {}),
    escalationLevel: n.level,
    details,
  };
}
