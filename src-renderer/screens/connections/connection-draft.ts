import {
  fhirConnectionConfigSchema,
  timeoutsSchema,
  usesTokenEndpoint,
  type AuthMode,
  type FhirConnectionInput,
  type SigningAlg,
  type VendorId,
} from '../../../src-shared/connection-config';
import { connectionSecretSchema, type Connection, type ConnectionSecret } from '../../../src-shared/contract';
import type { VendorProfile } from '../../api/ehr';
import { fieldForPath, type FieldErrors } from '../../api/error-text';
import { wholeNumber } from '../../lib/rules';

/**
 * Each field is named by its path in the connections.create/update input, so
 * an INVALID_INPUT issue from main (['config', 'baseUrl']) lands on it, and so
 * does the same schema's issue found here first.
 */
export const FIELDS = {
  name: 'config.name',
  vendor: 'config.vendor',
  baseUrl: 'config.baseUrl',
  secondaryBaseUrl: 'config.secondaryBaseUrl',
  authMode: 'config.authMode',
  clientId: 'config.clientId',
  username: 'config.username',
  scopes: 'config.scopes',
  tokenEndpoint: 'config.tokenEndpoint',
  caBundle: 'config.caBundle',
  proxyUrl: 'config.proxyUrl',
  connectMs: 'config.timeouts.connectMs',
  headersMs: 'config.timeouts.headersMs',
  bodyMs: 'config.timeouts.bodyMs',
  rateLimitPerHour: 'config.rateLimitPerHour',
  enabled: 'config.enabled',
  secret: 'secret.value',
  keyId: 'secret.keyId',
} as const;

/** In the order they appear, so focus goes to the first one at fault. */
export const FIELD_NAMES: readonly string[] = Object.values(FIELDS);

/** What the form holds: text as typed, checked only on save. */
export interface ConnectionDraft {
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
  connectMs: string;
  headersMs: string;
  bodyMs: string;
  /** Empty: the vendor's default. */
  rateLimitPerHour: string;
  enabled: boolean;
}

export type TextKey = Exclude<keyof ConnectionDraft, 'vendor' | 'authMode' | 'enabled'>;

export type CredentialChoice = 'keep' | 'enter' | 'generate' | 'import';

export interface CredentialDraft {
  choice: CredentialChoice;
  value: string;
  keyId: string;
  alg: SigningAlg;
}

type TimeoutKey = keyof typeof TIMEOUT_DEFAULTS;

export const TIMEOUT_DEFAULTS = timeoutsSchema.parse({});

function boundsOf(schema: { minValue: number | null; maxValue: number | null }) {
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}

export const TIMEOUT_BOUNDS: Record<TimeoutKey, { min: number; max: number }> = {
  connectMs: boundsOf(timeoutsSchema.shape.connectMs.unwrap()),
  headersMs: boundsOf(timeoutsSchema.shape.headersMs.unwrap()),
  bodyMs: boundsOf(timeoutsSchema.shape.bodyMs.unwrap()),
};

const RATE_BOUNDS = boundsOf(fhirConnectionConfigSchema.shape.rateLimitPerHour.unwrap());

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

export function initialCredential(connection: Connection | null, mode: AuthMode): CredentialDraft {
  const choice: CredentialChoice = hasStoredCredential(connection, mode) ? 'keep' : credentialKind(mode) === 'privateKey' ? 'generate' : 'enter';
  return { choice, value: '', keyId: '', alg: 'RS384' };
}

export function newDraft(vendor: VendorProfile): ConnectionDraft {
  return applyVendor(
    {
      name: '',
      vendor: vendor.id,
      baseUrl: '',
      secondaryBaseUrl: '',
      authMode: vendor.defaultAuthMode,
      clientId: '',
      username: '',
      scopes: '',
      tokenEndpoint: '',
      caBundle: '',
      proxyUrl: '',
      connectMs: String(TIMEOUT_DEFAULTS.connectMs),
      headersMs: String(TIMEOUT_DEFAULTS.headersMs),
      bodyMs: String(TIMEOUT_DEFAULTS.bodyMs),
      rateLimitPerHour: '',
      enabled: true,
    },
    vendor,
  );
}

export function draftFrom({ config: c }: Connection): ConnectionDraft {
  return {
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
    connectMs: String(c.timeouts.connectMs),
    headersMs: String(c.timeouts.headersMs),
    bodyMs: String(c.timeouts.bodyMs),
    rateLimitPerHour: c.rateLimitPerHour === undefined ? '' : String(c.rateLimitPerHour),
    enabled: c.enabled,
  };
}

/** A vendor brings its sign-in method, its scopes and its rate limit (left empty, so its default applies). */
export function applyVendor(draft: ConnectionDraft, vendor: VendorProfile): ConnectionDraft {
  return {
    ...draft,
    vendor: vendor.id,
    authMode: vendor.defaultAuthMode,
    scopes: vendor.defaultScopes.join('\n'),
    rateLimitPerHour: '',
  };
}

export function applyPreset(draft: ConnectionDraft, preset: VendorProfile['sandboxes'][number]): ConnectionDraft {
  return { ...draft, baseUrl: preset.baseUrl, authMode: preset.authMode, tokenEndpoint: preset.tokenEndpoint ?? '' };
}

function optional(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed ? trimmed : undefined;
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export interface ConnectionRequest {
  config: FhirConnectionInput;
  secret?: ConnectionSecret;
  /** Make a key pair after saving, with this algorithm. */
  generate?: SigningAlg;
}

function readNumbers(draft: ConnectionDraft, problems: FieldErrors) {
  const read = (key: TimeoutKey | 'rateLimitPerHour', bounds: { min: number; max: number }) => {
    if (!draft[key].trim()) return undefined;
    const parsed = wholeNumber(draft[key], bounds.min, bounds.max);
    if ('value' in parsed) return parsed.value;
    problems[FIELDS[key]] = parsed.problem;
    return undefined;
  };
  return {
    timeouts: withoutUndefined({
      connectMs: read('connectMs', TIMEOUT_BOUNDS.connectMs),
      headersMs: read('headersMs', TIMEOUT_BOUNDS.headersMs),
      bodyMs: read('bodyMs', TIMEOUT_BOUNDS.bodyMs),
    }),
    rateLimitPerHour: read('rateLimitPerHour', RATE_BOUNDS),
  };
}

function readSecret(draft: ConnectionDraft, credential: CredentialDraft, problems: FieldErrors): Pick<ConnectionRequest, 'secret' | 'generate'> {
  const kind = credentialKind(draft.authMode);
  if (!kind || credential.choice === 'keep') return {};
  if (credential.choice === 'generate') return { generate: credential.alg };
  if (credential.value === '') {
    problems[FIELDS.secret] = kind === 'privateKey' ? 'Paste the private key' : kind === 'clientSecret' ? 'Enter the client secret' : 'Enter the password';
    return {};
  }
  const keyId = optional(credential.keyId);
  const secret: ConnectionSecret =
    kind === 'privateKey' ? withoutUndefined({ kind, value: credential.value.trim(), keyId }) : { kind, value: credential.value };
  const checked = connectionSecretSchema.safeParse(secret);
  for (const issue of checked.error?.issues ?? []) {
    const field = fieldForPath(['secret', ...(issue.path as (string | number)[])], FIELD_NAMES);
    if (field && !problems[field]) problems[field] = issue.message;
  }
  return { secret };
}

/**
 * The request the form stands for, checked with the contract's schemas; or
 * the problems, by field. Settings the form does not show (retry, breaker,
 * pool size) keep their saved values.
 */
export function buildRequest(
  draft: ConnectionDraft,
  credential: CredentialDraft,
  saved: Connection | null,
): { request: ConnectionRequest; problems: FieldErrors } {
  const problems: FieldErrors = {};
  const tokenMode = usesTokenEndpoint(draft.authMode);
  const kept = saved ? saved.config : undefined;
  const config: FhirConnectionInput = withoutUndefined({
    maxResponseBytes: kept?.maxResponseBytes,
    maxConnections: kept?.maxConnections,
    retry: kept?.retry,
    breaker: kept?.breaker,
    // A new key brings its own kid.
    keyId: credential.choice === 'keep' ? kept?.keyId : undefined,
    name: draft.name.trim(),
    vendor: draft.vendor,
    baseUrl: draft.baseUrl.trim(),
    secondaryBaseUrl: optional(draft.secondaryBaseUrl),
    authMode: draft.authMode,
    clientId: tokenMode ? optional(draft.clientId) : undefined,
    username: draft.authMode === 'basic' ? optional(draft.username) : undefined,
    scopes: tokenMode ? draft.scopes.split(/\s+/).filter(Boolean) : [],
    tokenEndpoint: tokenMode ? optional(draft.tokenEndpoint) : undefined,
    caBundle: optional(draft.caBundle),
    proxyUrl: optional(draft.proxyUrl),
    ...readNumbers(draft, problems),
    enabled: draft.enabled,
  });
  for (const issue of fhirConnectionConfigSchema.safeParse(config).error?.issues ?? []) {
    // Issues about a field the form does not show go to main, whose answer appears above the form.
    const field = fieldForPath(['config', ...(issue.path as (string | number)[])], FIELD_NAMES);
    if (field && !problems[field]) problems[field] = issue.message;
  }
  return { request: { config, ...readSecret(draft, credential, problems) }, problems };
}
