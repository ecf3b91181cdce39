/**
 * Notification channels: their settings, which live in the store, and the
 * one secret each needs, which lives in the keychain under the channel's id
 * and is read at send time only.
 */
import type { ChannelKind, ChannelSettingsInput } from '../../src-shared/contract';
import type { SecretStore } from '../secrets';

/** A channel as stored: its settings from the contract and the id Vigil gave it. */
export type ChannelConfig = ChannelSettingsInput & { id: string };
export type EmailChannel = Extract<ChannelConfig, { kind: 'email' }>;
export type PagerDutyChannel = Extract<ChannelConfig, { kind: 'pagerduty' }>;
export type { ChannelKind };
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

export const CHANNEL_SECRET_KINDS = Object.keys(SECRET_LABEL) as ChannelSecretKind[];

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
