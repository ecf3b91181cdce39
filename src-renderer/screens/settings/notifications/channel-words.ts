import type { Severity } from '../../../../src-shared/monitoring';
import type { ChannelKind, Delivery } from '../../../../src-shared/contract';

export const KIND_LABELS: Record<ChannelKind, string> = {
  desktop: 'Desktop',
  slack: 'Slack',
  webhook: 'Webhook',
  pagerduty: 'PagerDuty',
  email: 'E-mail',
};

/** What each kind does, said where the kind is chosen. */
export const KIND_HINTS: Record<ChannelKind, string> = {
  desktop: 'A notification on the desktop of the computer Vigil runs on, or in every console open in a browser.',
  slack: 'A message in a Slack channel, through an incoming webhook.',
  webhook: 'A JSON POST to an address of your own: a ticketing system, a chat bridge.',
  pagerduty: 'An incident through the Events API v2; acknowledging and resolving here follow it there.',
  email: 'An e-mail through your SMTP relay.',
};

/** The escalation levels a channel can start from: the seed's policy has three. */
export const FROM_LEVELS = [1, 2, 3] as const;

export const LEVEL_WORDS: Record<(typeof FROM_LEVELS)[number], string> = {
  1: 'Level 1: as soon as an alert opens',
  2: 'Level 2: when still unacknowledged after its response time',
  3: 'Level 3: at twice the response time',
};

export const MIN_SEVERITY_WORDS: Record<Severity, string> = {
  SEV1: 'SEV1 only',
  SEV2: 'SEV1 and SEV2',
  SEV3: 'Every severity',
};

/** One line for the list: which alerts, and from when. */
export function sendsWords(minSeverity: Severity, fromLevel: number): string {
  return `${MIN_SEVERITY_WORDS[minSeverity]}, ${fromLevel === 1 ? 'at once' : `from level ${fromLevel}`}`;
}

export const EVENT_WORDS: Record<Delivery['event'], string> = {
  triggered: 'Opened',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
  test: 'Test',
};

/** The receiver's answer and Vigil's reason together: "HTTP 500: the server failed"; a relay answers in SMTP codes. */
export function answerWords(kind: ChannelKind, status: number | undefined, error: string | undefined): string {
  const code = status === undefined ? null : `${kind === 'email' ? 'SMTP' : 'HTTP'} ${status}`;
  return [code, error].filter(Boolean).join(': ');
}
