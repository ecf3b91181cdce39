import { type Severity } from '../../../../src-shared/monitoring';
import { CHANNEL_SECRET_LABELS, channelSettingsSchema, type ChannelKind, type ChannelSettingsInput, type NotifyChannel } from '../../../../src-shared/contract';
import type { ChannelInput } from '../../../../src-shared/contract';
import { fieldForPath } from '../../../api/error-text';
import { wholeNumber } from '../../../lib/rules';

type Security = 'tls' | 'starttls' | 'none';

/** The form as typed: text for everything typed, so a half-typed port is still what the person sees. */
export interface ChannelDraft {
  kind: ChannelKind;
  name: string;
  enabled: boolean;
  minSeverity: Severity;
  fromLevel: number;
  eventsUrl: string;
  host: string;
  port: string;
  security: Security;
  user: string;
  from: string;
  /** Recipients, one per line (commas and spaces also separate). */
  to: string;
  caCert: string;
  /** Blank: keep the stored one (or none). */
  secret: string;
}

export type SettingsKey = Exclude<keyof ChannelDraft, 'secret'>;

/** Form field names are the contract's input paths, so main's issues land on them as they are. */
export const field = (key: SettingsKey) => `settings.${key}`;

export const FIELD_NAMES = [
  ...(['kind', 'name', 'enabled', 'minSeverity', 'fromLevel', 'eventsUrl', 'host', 'port', 'security', 'user', 'from', 'to', 'caCert'] as const).map(field),
  'secret',
];

/** The port each security mode usually runs on, filled in when the mode changes and the port was the old default. */
export const DEFAULT_PORTS: Record<Security, string> = { tls: '465', starttls: '587', none: '25' };

export function newDraft(kind: ChannelKind): ChannelDraft {
  return {
    kind,
    name: '',
    enabled: true,
    minSeverity: 'SEV3',
    fromLevel: 1,
    eventsUrl: '',
    host: '',
    port: DEFAULT_PORTS.starttls,
    security: 'starttls',
    user: '',
    from: '',
    to: '',
    caCert: '',
    secret: '',
  };
}

export function draftFrom(channel: NotifyChannel): ChannelDraft {
  const s = channel.settings;
  const base = { ...newDraft(s.kind), name: s.name, enabled: s.enabled, minSeverity: s.minSeverity, fromLevel: s.fromLevel };
  if (s.kind === 'pagerduty') return { ...base, eventsUrl: s.eventsUrl ?? '' };
  if (s.kind === 'email') {
    return { ...base, host: s.host, port: String(s.port), security: s.security, user: s.user ?? '', from: s.from, to: s.to.join('\n'), caCert: s.caCert ?? '' };
  }
  return base;
}

const optional = (text: string) => (text.trim() ? text.trim() : undefined);

function settingsOf(d: ChannelDraft, port: number): ChannelSettingsInput {
  const common = { name: d.name, enabled: d.enabled, minSeverity: d.minSeverity, fromLevel: d.fromLevel };
  switch (d.kind) {
    case 'desktop':
    case 'slack':
    case 'webhook':
      return { ...common, kind: d.kind };
    case 'pagerduty':
      return { ...common, kind: 'pagerduty', ...(optional(d.eventsUrl) ? { eventsUrl: d.eventsUrl.trim() } : {}) };
    case 'email': {
      const user = optional(d.user);
      const caCert = optional(d.caCert);
      return {
        ...common,
        kind: 'email',
        host: d.host,
        port,
        security: d.security,
        from: d.from.trim(),
        to: d.to.split(/[\s,;]+/).filter(Boolean),
        ...(user ? { user } : {}),
        ...(caCert ? { caCert } : {}),
      };
    }
  }
}

/** Slack and webhooks keep a URL as their secret: a paste that lost its start is the usual slip. */
function urlProblem(text: string): string | undefined {
  try {
    const { protocol } = new URL(text);
    return protocol === 'https:' || protocol === 'http:' ? undefined : 'Enter an http:// or https:// URL';
  } catch {
    return 'Enter the whole URL, starting with https://';
  }
}

function secretProblem(d: ChannelDraft, stored: boolean): string | undefined {
  const label = CHANNEL_SECRET_LABELS[d.kind];
  const secret = d.secret.trim();
  if (!label) return undefined;
  if (!secret) {
    if (stored) return undefined;
    // A relay may take mail without signing in; with a user it needs the password.
    if (d.kind === 'email') return optional(d.user) ? 'Enter the password for this user' : undefined;
    return `Enter the ${label.toLowerCase()}`;
  }
  return d.kind === 'slack' || d.kind === 'webhook' ? urlProblem(secret) : undefined;
}

export type ChannelRequest = Pick<ChannelInput<'notify.channels.create'>, 'settings' | 'secret'>;

/**
 * The request for main, or the problems by field. The settings go through
 * the contract's own schema, so the form says what main would. The secret is
 * sent only when typed: blank keeps what the keychain holds.
 */
export function buildRequest(d: ChannelDraft, existing: NotifyChannel | null): { request: ChannelRequest | null; problems: Record<string, string | undefined> } {
  const problems: Record<string, string | undefined> = {};
  const port = d.kind === 'email' ? wholeNumber(d.port, 1, 65_535) : { value: 0 };
  if ('problem' in port) problems[field('port')] = port.problem;
  const settings = settingsOf(d, 'value' in port ? port.value : 0);
  const parsed = channelSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const at = fieldForPath(['settings', ...issue.path.map(String)], FIELD_NAMES);
      if (at && !problems[at]) problems[at] = issue.message;
    }
  }
  // The stored secret belongs to the kind it was stored for; the kind never changes after creation.
  problems.secret = secretProblem(d, existing?.hasSecret ?? false);
  if (Object.values(problems).some(Boolean)) return { request: null, problems };
  const secret = d.secret.trim();
  return { request: secret ? { settings, secret } : { settings }, problems };
}
