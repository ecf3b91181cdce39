/**
 * Notification channels: their settings, which live in the store, and the
 * one secret each needs, which lives in the keychain under the channel's id
 * and is read at send time only.
 */
import type { SecretStore } from '../secrets/secret-store';

interface ChannelBase {
  id: string;
  name: string;
}

export interface DesktopChannel extends ChannelBase {
  kind: 'desktop';
}

/** The incoming-webhook URL is the credential: anyone holding it can post. */
export interface SlackChannel extends ChannelBase {
  kind: 'slack';
}

export interface WebhookChannel extends ChannelBase {
  kind: 'webhook';
}

export interface PagerDutyChannel extends ChannelBase {
  kind: 'pagerduty';
  /** The Events API v2 enqueue URL; EU accounts use events.eu.pagerduty.com. */
  eventsUrl?: string;
}

export interface EmailChannel extends ChannelBase {
  kind: 'email';
  host: string;
  port: number;
  /** "tls": TLS from the first byte (465); "starttls": upgrade required (587); "none": a trusted relay only. */
  security: 'tls' | 'starttls' | 'none';
  /** Without a user the relay is used unauthenticated. */
  user?: string;
  from: string;
  to: string[];
  /** PEM of a private CA the relay's certificate chains to, added to the public roots. */
  caCert?: string;
}

export type ChannelConfig = DesktopChannel | SlackChannel | WebhookChannel | PagerDutyChannel | EmailChannel;
export type ChannelKind = ChannelConfig['kind'];
export type ChannelSecretKind = 'webhookUrl' | 'routingKey' | 'password';

/** Where a channel's settings come from at send time, so an edit applies to the next attempt. */
export interface ChannelDirectory {
  get(channelId: string): ChannelConfig | undefined;
}

const SECRET_LABEL: Record<ChannelSecretKind, string> = {
  webhookUrl: 'webhook URL',
  routingKey: 'PagerDuty routing key',
  password: 'SMTP password',
};

export function secretKindFor(channel: ChannelConfig): ChannelSecretKind | null {
  switch (channel.kind) {
    case 'slack':
    case 'webhook':
      return 'webhookUrl';
    case 'pagerduty':
      return 'routingKey';
    case 'email':
      return channel.user ? 'password' : null;
    case 'desktop':
      return null;
  }
}

export function secretLabel(kind: ChannelSecretKind): string {
  return SECRET_LABEL[kind];
}

export function channelSecretAccount(channelId: string, kind: ChannelSecretKind): string {
  return `notify:${channelId}:${kind}`;
}

export async function readChannelSecret(store: SecretStore, channel: ChannelConfig): Promise<string | null> {
  const kind = secretKindFor(channel);
  return kind ? store.get(channelSecretAccount(channel.id, kind)) : null;
}
