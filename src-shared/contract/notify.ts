/**
 * Notification channels (desktop, Slack, webhook, PagerDuty Events v2,
 * e-mail), their health and delivery log, and the desktop notices pushed to
 * consoles in a browser.
 */
import { z } from 'zod';
import { SEVERITIES } from '../monitoring';
import { channel, empty, epochMs, event } from './define';

export const CHANNEL_KINDS = ['desktop', 'slack', 'webhook', 'pagerduty', 'email'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

const channelCommon = {
  name: z.string().trim().min(1, 'Enter a name').max(80),
  enabled: z.boolean().default(true),
  /** Alerts less severe than this are not sent here. */
  minSeverity: z.enum(SEVERITIES).default('SEV3'),
  /** The escalation level from which this channel is told: 1 at once, 2 once the response time has passed unacknowledged. */
  fromLevel: z.number().int().min(1).max(10).default(1),
  /** The safety officers' route: safety incidents are told to these channels only (to every channel, by severity, while none is marked). */
  safetyOfficers: z.boolean().default(false),
};

const emailAddress = z.email({ error: 'Enter an e-mail address' });

export const channelSettingsSchema = z.discriminatedUnion('kind', [
  z.object({ ...channelCommon, kind: z.literal('desktop') }).strict(),
  z.object({ ...channelCommon, kind: z.literal('slack') }).strict(),
  z.object({ ...channelCommon, kind: z.literal('webhook') }).strict(),
  z
    .object({
      ...channelCommon,
      kind: z.literal('pagerduty'),
      /** The Events API v2 enqueue URL; EU accounts use events.eu.pagerduty.com. */
      eventsUrl: z.url({ protocol: /^https?$/, error: 'Enter an http:// or https:// URL' }).optional(),
    })
    .strict(),
  z
    .object({
      ...channelCommon,
      kind: z.literal('email'),
      host: z.string().trim().min(1, 'Enter the SMTP host').max(253),
      port: z.number().int().min(1).max(65_535),
      /** "tls": TLS from the first byte (465); "starttls": upgrade required (587); "none": a trusted relay only. */
      security: z.enum(['tls', 'starttls', 'none']),
      /** Without a user the relay is used unauthenticated. */
      user: z.string().min(1).max(256).optional(),
      from: emailAddress,
      to: z.array(emailAddress).min(1, 'Enter at least one recipient').max(50),
      /** PEM of a private CA the relay's certificate chains to, added to the public roots. */
      caCert: z.string().includes('-----BEGIN CERTIFICATE-----', { error: 'Paste a PEM certificate' }).optional(),
    })
    .strict(),
]);
export type ChannelSettings = z.infer<typeof channelSettingsSchema>;
export type ChannelSettingsInput = z.input<typeof channelSettingsSchema>;

/** What a channel keeps in the keychain: the credential a receiver trusts. */
export const CHANNEL_SECRET_LABELS: Record<ChannelKind, string | null> = {
  desktop: null,
  slack: 'Incoming webhook URL',
  webhook: 'Webhook URL',
  pagerduty: 'Routing key',
  email: 'SMTP password',
};

export const channelHealthSchema = z.object({
  /** "unknown" until the first attempt; "failing" while the last attempt failed. */
  status: z.enum(['unknown', 'ok', 'failing']),
  lastSuccessAt: epochMs.nullable(),
  lastFailureAt: epochMs.nullable(),
  lastError: z.string().nullable(),
  consecutiveFailures: z.number().int().nonnegative(),
  pending: z.number().int().nonnegative(),
});

export const notifyChannelSchema = z.object({
  id: z.string(),
  settings: channelSettingsSchema,
  /** Whether the keychain holds its webhook URL, routing key or password; never the value. */
  hasSecret: z.boolean(),
  health: channelHealthSchema,
});
export type NotifyChannel = z.infer<typeof notifyChannelSchema>;

export const deliverySchema = z.object({
  channelId: z.string(),
  alertId: z.string(),
  event: z.enum(['triggered', 'acknowledged', 'resolved', 'test']),
  attempt: z.number().int().nonnegative(),
  at: epochMs,
  outcome: z.enum(['delivered', 'retrying', 'failed']),
  status: z.number().int().optional(),
  error: z.string().optional(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const desktopNoticeSchema = z.object({
  title: z.string(),
  body: z.string(),
  /** Electron's values; "critical" stays on screen until dismissed on most desktops. */
  urgency: z.enum(['low', 'normal', 'critical']),
  /** The alert's dedup key: a newer notice with the same tag replaces the older one, so an alert shows once, as it is now. */
  tag: z.string(),
});
export type DesktopNotice = z.infer<typeof desktopNoticeSchema>;

export const NOTIFY_CHANNELS = {
  'notify.channels.list': channel({
    summary: 'Notification channels with their health; never their secrets',
    access: 'notify.manage',
    audited: false,
    input: empty,
    output: z.object({ channels: z.array(notifyChannelSchema) }),
  }),
  'notify.channels.create': channel({
    summary: 'Add a notification channel; its webhook URL, routing key or password goes to the keychain',
    access: 'notify.manage',
    audited: true,
    input: z.object({ settings: channelSettingsSchema, secret: z.string().min(1).max(4096).optional() }).strict(),
    output: notifyChannelSchema,
  }),
  'notify.channels.update': channel({
    summary: "Change a channel's settings; a given secret replaces the stored one",
    access: 'notify.manage',
    audited: true,
    input: z.object({ id: z.string().min(1), settings: channelSettingsSchema, secret: z.string().min(1).max(4096).optional() }).strict(),
    output: notifyChannelSchema,
  }),
  'notify.channels.delete': channel({
    summary: 'Remove a notification channel and its keychain entry',
    access: 'notify.manage',
    audited: true,
    input: z.object({ id: z.string().min(1) }).strict(),
    output: empty,
  }),
  'notify.channels.test': channel({
    summary: 'Send a clearly labelled test through a channel and wait for the outcome',
    access: 'notify.manage',
    audited: true,
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ outcome: z.enum(['delivered', 'failed']), attempts: z.number().int().nonnegative(), status: z.number().int().optional(), error: z.string().optional() }),
  }),
  'notify.deliveries': channel({
    summary: 'The delivery log, newest first',
    access: 'notify.manage',
    audited: false,
    input: z.object({ channelId: z.string().min(1).optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.object({ deliveries: z.array(deliverySchema) }),
  }),
};

export const NOTIFY_EVENTS = {
  'notify.desktop': event({
    summary: 'A desktop notification for consoles in a browser, where the main process cannot show one itself',
    audience: 'alerts.read',
    payload: desktopNoticeSchema,
  }),
};
