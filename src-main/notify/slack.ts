/**
 * Slack incoming webhooks: `text` for the push notification and clients that
 * cannot draw blocks, `blocks` (Block Kit) for the channel. Block Kit rejects
 * the whole message when a field is over its limit, so every text is cut to
 * fit rather than risking a 400 that would lose the alert.
 */
import { headline, iso, severityMeaning, title, urgencyLine, type Notice } from './notice';
import { postJson } from './http-post';
import { missingSecret, type SendContext, type SendOutcome } from './send-outcome';

type MrkdwnText = { type: 'mrkdwn'; text: string };
export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: true } }
  | { type: 'section'; text?: MrkdwnText; fields?: MrkdwnText[] }
  | { type: 'context'; elements: MrkdwnText[] };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

const HEADER_MAX = 150;
const SECTION_MAX = 3000;
const FIELD_MAX = 2000;

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never leave half an entity such as "&am" at the cut.
  return `${text.slice(0, max - 1).replace(/&[a-z]*$/, '')}…`;
}

/** Slack's mrkdwn treats only these three as control characters. */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Shown in each reader's own time zone, with the ISO time for clients that cannot. */
function slackDate(ms: number): string {
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time_secs}|${iso(ms)}>`;
}

function emoji(n: Notice): string {
  if (n.test) return ':test_tube:';
  if (n.event === 'resolved') return ':white_check_mark:';
  if (n.event === 'acknowledged') return ':eyes:';
  return n.severity === 'SEV1' ? ':rotating_light:' : n.severity === 'SEV2' ? ':warning:' : ':large_yellow_circle:';
}

function field(label: string, value: string): MrkdwnText {
  return { type: 'mrkdwn', text: clip(`*${label}*\n${value}`, FIELD_MAX) };
}

function fields(n: Notice): MrkdwnText[] {
  const c = n.connection;
  const out = [
    field('Severity', `${n.severity}: ${severityMeaning(n.severity)}`),
    field('Connection', escape(c.vendor ? `${c.name} (${c.vendor})` : c.name)),
    field('State', n.event),
    field('Opened', slackDate(n.openedAt)),
  ];
  if (n.acknowledgedAt !== undefined) out.push(field('Acknowledged', `${slackDate(n.acknowledgedAt)}${n.acknowledgedBy ? ` by ${escape(n.acknowledgedBy)}` : ''}`));
  if (n.resolvedAt !== undefined) out.push(field('Resolved', slackDate(n.resolvedAt)));
  return out;
}

export function slackMessage(n: Notice): SlackMessage {
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`${emoji(n)} ${title(n)}`, HEADER_MAX), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: clip(escape(n.summary), SECTION_MAX) } },
  ];
  if (!n.test) blocks.push({ type: 'section', fields: fields(n) });
  blocks.push({
    type: 'context',
    elements: [
      { type: 'mrkdwn', text: clip(escape(urgencyLine(n)), SECTION_MAX) },
      { type: 'mrkdwn', text: clip(escape(`Alert ${n.alertId} · ${n.dedupKey} · sent by Vigil`), SECTION_MAX) },
    ],
  });
  return { text: clip(escape(headline(n)), SECTION_MAX), blocks };
}

export function sendSlack(n: Notice, ctx: SendContext): Promise<SendOutcome> {
  if (!ctx.secret) return Promise.resolve(missingSecret('webhookUrl'));
  return postJson(ctx.secret, slackMessage(n), ctx, { secrets: [ctx.secret] });
}
