/**
 * The generic JSON webhook: one documented payload, so a hospital's own
 * tooling (ServiceNow, an on-call bot, a SIEM) can take Vigil's alerts
 * without knowing Slack's or PagerDuty's formats.
 *
 * Every delivery is `POST` with `Content-Type: application/json` and
 * carries two headers:
 * - `X-Vigil-Delivery`: the same for every retry of one notification; a
 *   receiver that has seen it already can answer 2xx and drop the copy (a
 *   timed-out attempt may have reached it).
 * - `X-Vigil-Event`: `triggered`, `acknowledged`, `resolved` or `test`.
 * Any 2xx is success; 408, 429 (with Retry-After honoured) and 5xx are
 * retried with backoff; any other status is final.
 */
import { iso, respondWithinMinutes, type Notice, type NoticeDetails, type NoticeEvent, type Severity } from './notice';
import { postJson } from './http-post';
import { missingSecret, type SendContext, type SendOutcome } from './send-outcome';

/** The body of every webhook delivery (schema "vigil.alert.v1"). */
export interface VigilWebhookPayload {
  schema: 'vigil.alert.v1';
  /** True for a "Send test" message from Settings; nothing to act on. */
  test: boolean;
  alertId: string;
  /** Stable for the alert's whole life: correlate its triggered, acknowledged and resolved events by it. */
  dedupKey: string;
  severity: Severity;
  /** Minutes within which the seed's policy expects a response (SEV1 15, SEV2 30, SEV3 120). */
  respondWithinMinutes: number;
  state: NoticeEvent;
  /** The rule that fired, e.g. "connection.down". */
  rule: string;
  connection: { id: string; name: string; vendor: string | null; host: string | null };
  /** One line, PHI already redacted. */
  summary: string;
  /** 1 for the first notification, higher for re-notifications of an unacknowledged alert. */
  escalationLevel: number;
  acknowledgedBy: string | null;
  /** ISO 8601 UTC; null until the alert gets there. */
  times: { openedAt: string; acknowledgedAt: string | null; resolvedAt: string | null; sentAt: string };
  details: NoticeDetails;
}

export function webhookPayload(n: Notice, now: number): VigilWebhookPayload {
  return {
    schema: 'vigil.alert.v1',
    test: n.test,
    alertId: n.alertId,
    dedupKey: n.dedupKey,
    severity: n.severity,
    respondWithinMinutes: respondWithinMinutes(n.severity),
    state: n.event,
    rule: n.rule,
    connection: { id: n.connection.id, name: n.connection.name, vendor: n.connection.vendor ?? null, host: n.connection.host ?? null },
    summary: n.summary,
    escalationLevel: n.escalationLevel ?? 1,
    acknowledgedBy: n.acknowledgedBy ?? null,
    times: {
      openedAt: iso(n.openedAt),
      acknowledgedAt: n.acknowledgedAt === undefined ? null : iso(n.acknowledgedAt),
      resolvedAt: n.resolvedAt === undefined ? null : iso(n.resolvedAt),
      sentAt: iso(now),
    },
    details: n.details ?? {},
  };
}

export function sendWebhook(n: Notice, ctx: SendContext): Promise<SendOutcome> {
  if (!ctx.secret) return Promise.resolve(missingSecret('webhookUrl'));
  return postJson(ctx.secret, webhookPayload(n, ctx.now), ctx, {
    secrets: [ctx.secret],
    headers: { 'x-vigil-delivery': ctx.deliveryId, 'x-vigil-event': n.test ? 'test' : n.event },
  });
}
