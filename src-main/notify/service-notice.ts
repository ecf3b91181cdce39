/**
 * Notices that are not alerts (a ticket's SLA at risk or breached), routed
 * like alerts: a channel hears a notice at least as severe as its
 * minSeverity, from its fromLevel of escalation on. A notice's key plays an
 * alert's dedup key, so a resolve closes on PagerDuty and receivers what
 * its triggers opened. Channels format it as they format an alert, with
 * the subject (say "VIG-1042 · Sandbox EHR down") where an alert names its
 * connection. A safety incident's notice goes to the safety officers'
 * route: the channels marked for them, once any is.
 */
import type { Logger } from '../log';
import { eligible } from './alert-router';
import type { StoredChannel } from './channel-repo';
import type { AlertNotice, NoticeDetails, NoticeEvent, Severity } from './notice';
import type { Notifier } from './notifier';

export interface ServiceNotice {
  /** The same for every notice about one subject's one problem, e.g. "vigil/ticket/<id>/sla". */
  key: string;
  /** What the notice is about, for the delivery log, e.g. "ticket:<id>". */
  subjectId: string;
  subject: { name: string };
  event: Exclude<NoticeEvent, 'acknowledged'>;
  severity: Severity;
  /** The escalation level reached: 1 reaches the first responders, 2 the channels kept for escalations. */
  level: number;
  /** What raised it, e.g. "ticket.sla.breached". */
  rule: string;
  summary: string;
  openedAt: number;
  resolvedAt?: number;
  details?: NoticeDetails;
  /** safety: a safety incident's, for the safety officers' route (channels marked safetyOfficers) once one exists. */
  audience?: 'safety';
}

export type SendNotice = (notice: ServiceNotice) => void;

function asAlertNotice(n: ServiceNotice): AlertNotice {
  return {
    alertId: n.subjectId,
    dedupKey: n.key,
    event: n.event,
    severity: n.severity,
    rule: n.rule,
    connection: { id: n.subjectId, name: n.subject.name },
    summary: n.summary,
    openedAt: n.openedAt,
    ...(n.resolvedAt === undefined ? {} : { resolvedAt: n.resolvedAt }),
    escalationLevel: n.level,
    ...(n.details ? { details: n.details } : {}),
  };
}

/** Returns at once and never throws, as the alert router. */
export function createNoticeRouter(deps: { channels: { list(): StoredChannel[] }; notifier: Pick<Notifier, 'enqueue'>; log: Logger }): SendNotice {
  return (notice) => {
    try {
      const prepared = asAlertNotice(notice);
      const channels = deps.channels.list();
      // Until someone marks a route for the safety officers, their notices go wherever the severity goes: never nowhere.
      const officersOnly = notice.audience === 'safety' && channels.some((c) => c.enabled && c.safetyOfficers);
      for (const channel of channels) {
        if (eligible(channel, notice.severity, notice.level) && (!officersOnly || channel.safetyOfficers)) deps.notifier.enqueue(channel.id, prepared);
      }
    } catch (err) {
      deps.log.error('a notice could not be routed to its channels', { subjectId: notice.subjectId, rule: notice.rule, error: err });
    }
  };
}
