import type { UseFormReturn } from 'react-hook-form';
import { z } from 'zod';
import { type Severity } from '../../../../src-shared/monitoring';
import {
  CHANNEL_KINDS,
  CHANNEL_SECRET_LABELS,
  channelSettingsSchema,
  type ChannelInput,
  type ChannelKind,
  type ChannelSettingsInput,
  type NotifyChannel,
} from '../../../../src-shared/contract';
import { boundsOf, fieldPaths, readField, reportIssues, wholeNumberText } from '../../../lib/form-fields';
import type { FieldBinding } from '../../../lib/forms';

type Security = 'tls' | 'starttls' | 'none';

/**
 * The form as typed, named by the contract's input paths (settings.to), so
 * main's issues land on the fields they name. Everything typed is text, so a
 * half-typed port is still what the person sees.
 */
export interface ChannelValues {
  settings: {
    kind: ChannelKind;
    name: string;
    enabled: boolean;
    minSeverity: Severity;
    /** A select's value: the level as text. */
    fromLevel: string;
    safetyOfficers: boolean;
    eventsUrl: string;
    host: string;
    port: string;
    security: Security;
    user: string;
    from: string;
    /** Recipients, one per line (commas and spaces also separate). */
    to: string;
    caCert: string;
  };
  /** Blank: keep the stored one (or none). */
  secret: string;
}

export type ChannelRequest = Pick<ChannelInput<'notify.channels.create'>, 'settings' | 'secret'>;
export type ChannelForm = UseFormReturn<ChannelValues, unknown, ChannelRequest>;
export type ChannelField = (name: Parameters<ChannelForm['register']>[0], rules?: Parameters<ChannelForm['register']>[1]) => FieldBinding;

/** The port each security mode usually runs on, filled in when the mode changes and the port was the old default. */
export const DEFAULT_PORTS: Record<Security, string> = { tls: '465', starttls: '587', none: '25' };

// The e-mail kind's settings (the union's last): its port's bounds are the contract's.
const PORT_BOUNDS = boundsOf(channelSettingsSchema.options[4].shape.port);

export function newValues(kind: ChannelKind): ChannelValues {
  return {
    settings: {
      kind,
      name: '',
      enabled: true,
      minSeverity: 'SEV3',
      fromLevel: '1',
      safetyOfficers: false,
      eventsUrl: '',
      host: '',
      port: DEFAULT_PORTS.starttls,
      security: 'starttls',
      user: '',
      from: '',
      to: '',
      caCert: '',
    },
    secret: '',
  };
}

export function valuesFrom(channel: NotifyChannel): ChannelValues {
  const s = channel.settings;
  const base = newValues(s.kind);
  const settings = { ...base.settings, name: s.name, enabled: s.enabled, minSeverity: s.minSeverity, fromLevel: String(s.fromLevel), safetyOfficers: s.safetyOfficers };
  if (s.kind === 'pagerduty') return { ...base, settings: { ...settings, eventsUrl: s.eventsUrl ?? '' } };
  if (s.kind === 'email') {
    return { ...base, settings: { ...settings, host: s.host, port: String(s.port), security: s.security, user: s.user ?? '', from: s.from, to: s.to.join('\n'), caCert: s.caCert ?? '' } };
  }
  return { ...base, settings };
}

const optional = (text: string) => (text.trim() ? text.trim() : undefined);

function settingsOf(s: ChannelValues['settings'], port: number): ChannelSettingsInput {
  const common = { name: s.name, enabled: s.enabled, minSeverity: s.minSeverity, fromLevel: Number(s.fromLevel), safetyOfficers: s.safetyOfficers };
  switch (s.kind) {
    case 'desktop':
    case 'slack':
    case 'webhook':
      return { ...common, kind: s.kind };
    case 'pagerduty':
      return { ...common, kind: 'pagerduty', ...(optional(s.eventsUrl) ? { eventsUrl: s.eventsUrl.trim() } : {}) };
    case 'email': {
      const user = optional(s.user);
      const caCert = optional(s.caCert);
      return {
        ...common,
        kind: 'email',
        host: s.host,
        port,
        security: s.security,
        from: s.from.trim(),
        to: s.to.split(/[\s,;]+/).filter(Boolean),
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

function secretProblem(form: ChannelValues, stored: boolean): string | undefined {
  const { kind, user } = form.settings;
  const label = CHANNEL_SECRET_LABELS[kind];
  const secret = form.secret.trim();
  if (!label) return undefined;
  if (!secret) {
    if (stored) return undefined;
    // A relay may take mail without signing in; with a user it needs the password.
    if (kind === 'email') return optional(user) ? 'Enter the password for this user' : undefined;
    return `Enter the ${label.toLowerCase()}`;
  }
  return kind === 'slack' || kind === 'webhook' ? urlProblem(secret) : undefined;
}

/**
 * The request for main. The settings go through the contract's own schema,
 * so the form says what main would. The secret is sent only when typed:
 * blank keeps what the keychain holds (`stored`: the channel's kind never
 * changes after creation, so a stored secret is always of its kind).
 */
export function channelSchema(stored: boolean) {
  return z
    .object({
      settings: z.object({
        kind: z.enum(CHANNEL_KINDS),
        name: z.string(),
        enabled: z.boolean(),
        minSeverity: z.enum(['SEV1', 'SEV2', 'SEV3']),
        fromLevel: z.string(),
        safetyOfficers: z.boolean(),
        eventsUrl: z.string(),
        host: z.string(),
        port: z.string(),
        security: z.enum(['tls', 'starttls', 'none']),
        user: z.string(),
        from: z.string(),
        to: z.string(),
        caCert: z.string(),
      }),
      secret: z.string(),
    })
    .transform((form, ctx): ChannelRequest => {
      const email = form.settings.kind === 'email';
      const port = email ? readField(ctx, wholeNumberText(PORT_BOUNDS), form.settings.port, ['settings', 'port']) : undefined;
      const settings = settingsOf(form.settings, port ?? 0);
      reportIssues(ctx, channelSettingsSchema.safeParse(settings).error?.issues, fieldPaths(form), ['settings']);
      const problem = secretProblem(form, stored);
      if (problem) ctx.addIssue({ code: 'custom', path: ['secret'], message: problem });
      const secret = form.secret.trim();
      return secret ? { settings, secret } : { settings };
    });
}
