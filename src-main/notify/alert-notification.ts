/**
 * What the monitor hands notify for each alert event: the alert as it is
 * now, what happened to it, and the escalation level it reached. Which
 * channels hear it, and how it reads, is notify's business.
 */
import type { AlertRecord } from '../../src-shared/monitoring';

/**
 * opened, reminder, worsened and unacknowledged (someone took an
 * acknowledgement back) ask for attention; the others close the loop
 * (PagerDuty acknowledge / resolve).
 */
export type NotificationKind = 'opened' | 'reminder' | 'worsened' | 'unacknowledged' | 'acknowledged' | 'recovered' | 'resolved' | 'merged';

export interface AlertNotification {
  kind: NotificationKind;
  /** The escalation level reached; which channels a level reaches is the router's business. */
  level: number;
  alert: AlertRecord;
}
