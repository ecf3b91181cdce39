/**
 * Which channels hear of an alert engine notification. A channel takes
 * alerts at least as severe as its minSeverity, from its fromLevel of
 * escalation on: level 1 channels are told at once, a level 2 channel (the
 * manager's pager, say) only once the response time has passed
 * unacknowledged. An acknowledge or resolve goes to exactly the channels
 * that were told of the alert, so no one is left with an incident open and
 * no one is told of an end they never heard begin.
 */
import { atLeast, type Severity } from '../../src-shared/monitoring';
import type { Logger } from '../log';
import type { AlertNotification, NotificationKind } from './alert-notification';
import type { StoredChannel } from './channel-repo';
import { noticeFor, type NoticeTarget } from './from-alert';
import type { Notifier } from './notifier';

const ASKS_FOR_ATTENTION: ReadonlySet<NotificationKind> = new Set(['opened', 'reminder', 'worsened', 'unacknowledged']);

/**
 * The level a channel must be told from to receive this notification: the
 * level it asks for when it asks for attention, the highest level reached
 * when it closes the alert.
 */
function reachedLevel(n: AlertNotification): number {
  return ASKS_FOR_ATTENTION.has(n.kind) ? n.level : n.alert.escalation.level;
}

/** Whether a channel hears something this severe at this escalation level. */
export function eligible(channel: StoredChannel, severity: Severity, level: number): boolean {
  return channel.enabled && atLeast(severity, channel.minSeverity) && channel.fromLevel <= level;
}

export function channelsFor(n: AlertNotification, channels: readonly StoredChannel[]): StoredChannel[] {
  const level = reachedLevel(n);
  return channels.filter((c) => eligible(c, n.alert.severity, level));
}

export interface AlertRouterDeps {
  channels: { list(): StoredChannel[] };
  notifier: Pick<Notifier, 'enqueue'>;
  log: Logger;
}

export type RouteAlert = (notification: AlertNotification, target: NoticeTarget) => void;

/**
 * The monitor calls this as it decides; it returns at once (delivery is on
 * each channel's queue) and never throws, since a notification that cannot
 * be routed must not stop the monitor from watching.
 */
export function createAlertRouter(deps: AlertRouterDeps): RouteAlert {
  return (notification, target) => {
    try {
      const notice = noticeFor(notification, target);
      for (const channel of channelsFor(notification, deps.channels.list())) deps.notifier.enqueue(channel.id, notice);
    } catch (err) {
      deps.log.error('an alert notification could not be routed to its channels', {
        alertId: notification.alert.id,
        kind: notification.kind,
        error: err,
      });
    }
  };
}
