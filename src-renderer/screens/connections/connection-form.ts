import type { UseFormReturn } from 'react-hook-form';
import { z } from 'zod';
import {
  AUTH_MODES,
  fhirConnectionConfigSchema,
  plainHttpUrls,
  SIGNING_ALGS,
  timeoutsSchema,
  usesTokenEndpoint,
  VENDOR_IDS,
  type AuthMode,
  type FhirConnectionInput,
  type SigningAlg,
  type VendorId,
} from '../../../src-shared/connection-config';
import { connectionSecretSchema, type Connection, type ConnectionSecret } from '../../../src-shared/contract';
import type { VendorProfile } from '../../api/ehr';
import { boundsOf, fieldPaths, localTimeText, optionalWholeNumberText, readField, reportIssues, type Bounds } from '../../lib/form-fields';
import { formatLocalTime } from '../../lib/time';
import type { FieldBinding } from '../../lib/forms';

export type CredentialChoice = 'keep' | 'enter' | 'generate' | 'import';

/**
 * The form as typed, its fields named by their path in the
 * connections.create/update input, so main's issues (['config', 'baseUrl'])
 * land on them. `credential` is the form's own: what to do about the
 * keychain entry.
 */
export interface ConnectionValues {
  config: {
    name: string;
    vendor: VendorId;
    baseUrl: string;
    secondaryBaseUrl: string;
    authMode: AuthMode;
    clientId: string;
    username: string;
    /** One scope per line. */
    scopes: string;
    tokenEndpoint: string;
    caBundle: string;
    proxyUrl: string;
    timeouts: { connectMs: string; headersMs: string; bodyMs: string };
    /** Empty: the vendor's default. */
    rateLimitPerHour: string;
    enabled: boolean;
    allowPlainHttp: boolean;
    /** The vendor's end date for a client secret, as typed (2027-03-01); empty: none given. */
    clientSecretExpiresAt: string;
    /** Separated by spaces or commas. */
    tags: string;
  };
  secret: { value: string; keyId: string };
  credential: { choice: CredentialChoice; alg: SigningAlg };
}

export interface ConnectionRequest {
  config: FhirConnectionInput;
  secret?: ConnectionSecret;
  /** Make a key pair after saving, with this algorithm. */
  generate?: SigningAlg;
}

export type ConnectionForm = UseFormReturn<ConnectionValues, unknown, ConnectionRequest>;
export type ConnectionField = (name: Parameters<ConnectionForm['register']>[0], rules?: Parameters<ConnectionForm['register']>[1]) => FieldBinding;

type TimeoutKey = keyof ConnectionValues['config']['timeouts'];

export const TIMEOUT_DEFAULTS = timeoutsSchema.parse({});

export const TIMEOUT_BOUNDS: Record<TimeoutKey, Bounds> = {
  connectMs: boundsOf(timeoutsSchema.shape.connectMs.unwrap()),
  headersMs: boundsOf(timeoutsSchema.shape.headersMs.unwrap()),
  bodyMs: boundsOf(timeoutsSchema.shape.bodyMs.unwrap()),
};

const RATE_BOUNDS = boundsOf(fhirConnectionConfigSchema.shape.rateLimitPerHour.unwrap());

/** The problem with a plain http:// URL to another computer, next to it: what to use, and the box that allows it anyway. */
export const PLAIN_HTTP_PROBLEM = 'Use https:// here: plain http:// is sent only to this computer, unless “Allow plain http:// (unencrypted)” is ticked.';

/** The sign-in methods whose credential is a client secret the vendor issued, often with an end date. */
export function usesClientSecret(mode: AuthMode): boolean {
  return credentialKind(mode) === 'clientSecret';
}

/** The keychain entry a sign-in method needs, if any. */
export function credentialKind(mode: AuthMode): ConnectionSecret['kind'] | null {
  switch (mode) {
    case 'private_key_jwt':
      return 'privateKey';
    case 'client_secret_basic':
    case 'client_secret_post':
      return 'clientSecret';
    case 'basic':
      return 'password';
    case 'none':
      return null;
  }
}

/** Whether the keychain already holds a credential of the kind this sign-in method uses. */
export function hasStoredCredential(connection: Connection | null, mode: AuthMode): boolean {
  return connection !== null && connection.hasSecret && credentialKind(connection.config.authMode) === credentialKind(mode);
}

/** What a sign-in method starts with: the stored credential when it fits, else a new key pair or a secret to type. */
export function initialCredential(connection: Connection | null, mode: AuthMode): ConnectionValues['credential'] {
  const choice: CredentialChoice = hasStoredCredential(connection, mode) ? 'keep' : credentialKind(mode) === 'privateKey' ? 'generate' : 'enter';
  return { choice, alg: SIGNING_ALGS[0] };
}

export const NO_SECRET: ConnectionValues['secret'] = { value: '', keyId: '' };

export function newValues(vendor: VendorProfile): ConnectionValues {
  return {
    config: {
      name: '',
      vendor: vendor.id,
      baseUrl: '',
      secondaryBaseUrl: '',
      authMode: vendor.defaultAuthMode,
      clientId: '',
      username: '',
      scopes: vendor.defaultScopes.join('\n'),
      tokenEndpoint: '',
      caBundle: '',
      proxyUrl: '',
      timeouts: { connectMs: String(TIMEOUT_DEFAULTS.connectMs), headersMs: String(TIMEOUT_DEFAULTS.headersMs), bodyMs: String(TIMEOUT_DEFAULTS.bodyMs) },
      rateLimitPerHour: '',
      enabled: true,
      allowPlainHttp: false,
      clientSecretExpiresAt: '',
      tags: '',
    },
    secret: NO_SECRET,
    credential: initialCredential(null, vendor.defaultAuthMode),
  };
}

export function valuesFrom(connection: Connection): ConnectionValues {
  const c = connection.config;
  return {
    config: {
      name: c.name,
      vendor: c.vendor,
      baseUrl: c.baseUrl,
      secondaryBaseUrl: c.secondaryBaseUrl ?? '',
      authMode: c.authMode,
      clientId: c.clientId ?? '',
      username: c.username ?? '',
      scopes: c.scopes.join('\n'),
      tokenEndpoint: c.tokenEndpoint ?? '',
      caBundle: c.caBundle ?? '',
      proxyUrl: c.proxyUrl ?? '',
      timeouts: { connectMs: String(c.timeouts.connectMs), headersMs: String(c.timeouts.headersMs), bodyMs: String(c.timeouts.bodyMs) },
      rateLimitPerHour: c.rateLimitPerHour === undefined ? '' : String(c.rateLimitPerHour),
      enabled: c.enabled,
      allowPlainHttp: c.allowPlainHttp,
      clientSecretExpiresAt: formatLocalTime(c.clientSecretExpiresAt, 'from'),
      tags: c.tags.join(' '),
    },
    secret: NO_SECRET,
    credential: initialCredential(connection, c.authMode),
  };
}

function optional(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed ? trimmed : undefined;
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const text = z.string();

/**
 * The request the form stands for, checked with the contract's schemas (the
 * config, the secret), each issue on its field. Settings the form does not
 * show (retry, breaker, pool size) keep the saved connection's values; a
 * new key brings its own kid.
 */
export function connectionSchema(saved: Connection | null) {
  return z
    .object({
      config: z.object({
        name: text,
        vendor: z.enum(VENDOR_IDS),
        baseUrl: text,
        secondaryBaseUrl: text,
        authMode: z.enum(AUTH_MODES),
        clientId: text,
        username: text,
        scopes: text,
        tokenEndpoint: text,
        caBundle: text,
        proxyUrl: text,
        timeouts: z.object({ connectMs: text, headersMs: text, bodyMs: text }),
        rateLimitPerHour: text,
        enabled: z.boolean(),
        allowPlainHttp: z.boolean(),
        clientSecretExpiresAt: text,
        tags: text,
      }),
      secret: z.object({ value: text, keyId: text }),
      credential: z.object({ choice: z.enum(['keep', 'enter', 'generate', 'import']), alg: z.enum(SIGNING_ALGS) }),
    })
    .transform((form, ctx): ConnectionRequest => {
      const { config: typed, credential } = form;
      const fields = fieldPaths(form);
      const whole = (value: string, bounds: Bounds, path: string[]) => readField(ctx, optionalWholeNumberText(bounds), value, path);
      const tokenMode = usesTokenEndpoint(typed.authMode);
      const kept = saved?.config;
      const timeout = (key: TimeoutKey) => whole(typed.timeouts[key], TIMEOUT_BOUNDS[key], ['config', 'timeouts', key]);
      const config: FhirConnectionInput = withoutUndefined({
        maxResponseBytes: kept?.maxResponseBytes,
        maxConnections: kept?.maxConnections,
        retry: kept?.retry,
        breaker: kept?.breaker,
        keyId: credential.choice === 'keep' ? kept?.keyId : undefined,
        name: typed.name.trim(),
        vendor: typed.vendor,
        baseUrl: typed.baseUrl.trim(),
        secondaryBaseUrl: optional(typed.secondaryBaseUrl),
        authMode: typed.authMode,
        clientId: tokenMode ? optional(typed.clientId) : undefined,
        username: typed.authMode === 'basic' ? optional(typed.username) : undefined,
        scopes: tokenMode ? typed.scopes.split(/\s+/).filter(Boolean) : [],
        tokenEndpoint: tokenMode ? optional(typed.tokenEndpoint) : undefined,
        caBundle: optional(typed.caBundle),
        proxyUrl: optional(typed.proxyUrl),
        timeouts: withoutUndefined({ connectMs: timeout('connectMs'), headersMs: timeout('headersMs'), bodyMs: timeout('bodyMs') }),
        rateLimitPerHour: whole(typed.rateLimitPerHour, RATE_BOUNDS, ['config', 'rateLimitPerHour']),
        enabled: typed.enabled,
        allowPlainHttp: typed.allowPlainHttp,
        clientSecretExpiresAt: usesClientSecret(typed.authMode)
          ? readField(ctx, localTimeText(), typed.clientSecretExpiresAt, ['config', 'clientSecretExpiresAt'])
          : undefined,
        // None is the default, so a connection without tags is sent as before tags existed.
        tags: typed.tags.trim() ? typed.tags.split(/[\s,]+/).filter(Boolean) : undefined,
      });
      // Plain http:// off this machine is said in the form's own words, which name the box that allows it.
      const plain = typed.allowPlainHttp ? [] : plainHttpUrls(config);
      for (const key of plain) ctx.addIssue({ code: 'custom', path: ['config', key], message: PLAIN_HTTP_PROBLEM });
      const issues = fhirConnectionConfigSchema.safeParse(config).error?.issues.filter((i) => !plain.includes(i.path[0] as (typeof plain)[number]));
      reportIssues(ctx, issues, fields, ['config']);

      const kind = credentialKind(typed.authMode);
      if (!kind || credential.choice === 'keep') return { config };
      if (credential.choice === 'generate') return { config, generate: credential.alg };
      const { value } = form.secret;
      if (value === '') {
        const missing = kind === 'privateKey' ? 'Paste the private key' : kind === 'clientSecret' ? 'Enter the client secret' : 'Enter the password';
        ctx.addIssue({ code: 'custom', path: ['secret', 'value'], message: missing });
        return { config };
      }
      const secret: ConnectionSecret =
        kind === 'privateKey' ? withoutUndefined({ kind, value: value.trim(), keyId: optional(form.secret.keyId) }) : { kind, value };
      reportIssues(ctx, connectionSecretSchema.safeParse(secret).error?.issues, fields, ['secret']);
      return { config, secret };
    });
}
