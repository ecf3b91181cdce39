/**
 * PagerDuty Events API v2 ("Send an Alert Event"): trigger, acknowledge and
 * resolve share the alert's dedup_key, so PagerDuty keeps one alert per Vigil
 * alert and the on-call engineer's page stops when Vigil resolves it. A
 * re-notification is another trigger with the same key, which PagerDuty logs
 * on the open alert. 202 is success; 429 and 5xx are worth retrying; 400 is
 * an event PagerDuty will never take.
 */
import type { PagerDutyChannel } from './channels';
import { postJson } from './http-post';
import { iso, respondWithinMinutes, type Notice, type NoticeEvent, type Severity } from './notice';
import { missingSecret, type SendContext, type SendOutcome } from './send-outcome';

export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

type PagerDutySeverity = 'critical' | 'error' | 'warning' | 'info';

export interface PagerDutyEvent {
  routing_key: string;
  event_action: 'trigger' | 'acknowledge' | 'resolve';
  dedup_key: string;
  /** Sent with triggers only: acknowledge and resolve act on the alert the key names. */
  payload?: {
    summary: string;
    source: string;
    severity: PagerDutySeverity;
    timestamp: string;
    component: string;
    group?: string;
    class: string;
    custom_details: Record<string, string | number | boolean>;
  };
  client?: string;
}

const ACTION: Record<NoticeEvent, PagerDutyEvent['event_action']> = { triggered: 'trigger', acknowledged: 'acknowledge', resolved: 'resolve' };
const SEVERITY_MAP: Record<Severity, PagerDutySeverity> = { SEV1: 'critical', SEV2: 'error', SEV3: 'warning' };
const SUMMARY_MAX = 1024;

export function pagerDutyEvent(n: Notice, routingKey: string): PagerDutyEvent {
  const event: PagerDutyEvent = { routing_key: routingKey, event_action: ACTION[n.event], dedup_key: n.dedupKey };
  if (event.event_action !== 'trigger') return event;
  const c = n.connection;
  const summary = `${n.test ? '[TEST] ' : ''}${c.name}: ${n.summary}`;
  event.payload = {
    summary: summary.length > SUMMARY_MAX ? `${summary.slice(0, SUMMARY_MAX - 1)}…` : summary,
    // PagerDuty wants the affected system, preferably its host name.
    source: c.host ?? c.name,
    severity: n.test ? 'info' : SEVERITY_MAP[n.severity],
    timestamp: iso(n.openedAt),
    component: c.name,
    ...(c.vendor ? { group: c.vendor } : {}),
    class: n.rule,
    custom_details: {
      ...n.details,
      alert_id: n.alertId,
      connection_id: c.id,
      vigil_severity: n.severity,
      respond_within_minutes: respondWithinMinutes(n.severity),
      escalation_level: n.escalationLevel ?? 1,
    },
  };
  event.client = 'Vigil';
  return event;
}

export function sendPagerDuty(n: Notice, channel: PagerDutyChannel, ctx: SendContext): Promise<SendOutcome> {
  if (!ctx.secret) return Promise.resolve(missingSecret('routingKey'));
  return postJson(channel.eventsUrl ?? PAGERDUTY_EVENTS_URL, pagerDutyEvent(n, ctx.secret), ctx, { secrets: [ctx.secret] });
}
