/**
 * The one schema of an EHR connection's settings. Secrets are not part of it:
 * the private key, client secret or password live in the keychain and reach
 * the client separately.
 */
import { z } from 'zod';
import { isPlainHttpOffMachine } from './network';

export const VENDOR_IDS = ['epic', 'cerner', 'allscripts', 'generic'] as const;
export type VendorId = (typeof VENDOR_IDS)[number];

export const AUTH_MODES = ['private_key_jwt', 'client_secret_basic', 'client_secret_post', 'basic', 'none'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** The two algorithms SMART Backend Services names for client assertions. */
export const SIGNING_ALGS = ['RS384', 'ES384'] as const;
export type SigningAlg = (typeof SIGNING_ALGS)[number];

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'Enter an http:// or https:// URL' })
  .transform((u) => u.replace(/\/+$/, ''));

/**
 * A label for finding and grouping a connection on the board: a word such as
 * `clinical`, or `prefix:value` such as `site:north` (the board groups by a
 * prefix). Lower case, so `Site:North` and `site:north` are one tag.
 */
export const TAG_PATTERN = /^[a-z0-9][a-z0-9._-]{0,31}(?::[a-z0-9][a-z0-9._-]{0,31})?$/;
export const MAX_TAGS = 8;
export const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(TAG_PATTERN, 'A tag is a word of letters, digits, dots, dashes or underscores, or prefix:value such as site:north');
export const tagsSchema = z
  .array(tagSchema)
  .max(MAX_TAGS, `Use at most ${MAX_TAGS} tags`)
  .refine((tags) => new Set(tags).size === tags.length, 'Each tag once');

const scope = z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'A scope is printable ASCII without spaces, quotes or backslashes');

export const timeoutsSchema = z.object({
  connectMs: z.number().int().min(100).max(120_000).default(10_000),
  headersMs: z.number().int().min(100).max(300_000).default(30_000),
  bodyMs: z.number().int().min(100).max(300_000).default(30_000),
});

export const retrySchema = z.object({
  maxAttempts: z.number().int().min(1).max(10).default(3),
  baseDelayMs: z.number().int().min(1).max(60_000).default(250),
  maxDelayMs: z.number().int().min(1).max(300_000).default(10_000),
  maxRetryAfterMs: z.number().int().min(0).max(3_600_000).default(60_000),
});

export const breakerSchema = z.object({
  failureThreshold: z.number().int().min(1).max(100).default(5),
  openMs: z.number().int().min(1_000).max(3_600_000).default(30_000),
});

const TOKEN_MODES: readonly AuthMode[] = ['private_key_jwt', 'client_secret_basic', 'client_secret_post'];

export function usesTokenEndpoint(mode: AuthMode): boolean {
  return TOKEN_MODES.includes(mode);
}

const connectionFields = z.object({
    name: z.string().trim().min(1, 'Enter a name').max(80),
    vendor: z.enum(VENDOR_IDS),
    baseUrl: httpUrl,
    /** Failover target when the primary's circuit is open. */
    secondaryBaseUrl: httpUrl.optional(),
    authMode: z.enum(AUTH_MODES),
    clientId: z.string().trim().min(1).max(256).optional(),
    /** HTTP basic user name (the password is a secret). */
    username: z.string().min(1).max(256).optional(),
    scopes: z.array(scope).max(200).default([]),
    /** Overrides discovery from smart-configuration / the CapabilityStatement. */
    tokenEndpoint: httpUrl.optional(),
    /** `kid` for the private key; defaults to the key's own kid or its JWK thumbprint. */
    keyId: z.string().min(1).max(256).optional(),
    /** Extra trusted CAs (PEM), added to the public roots. */
    caBundle: z.string().includes('-----BEGIN CERTIFICATE-----', { error: 'Paste PEM certificates' }).optional(),
    proxyUrl: httpUrl.optional(),
    timeouts: timeoutsSchema.prefault({}),
    maxResponseBytes: z
      .number()
      .int()
      .min(1024)
      .max(512 * 1024 * 1024)
      .default(32 * 1024 * 1024),
    /** Requests per hour; the vendor profile's default when absent. */
    rateLimitPerHour: z.number().int().min(1).max(10_000_000).optional(),
    maxConnections: z.number().int().min(1).max(64).default(8),
    retry: retrySchema.prefault({}),
    breaker: breakerSchema.prefault({}),
    enabled: z.boolean().default(true),
    /** For the board's search, filters and grouping; connections saved before tags existed have none. */
    tags: tagsSchema.default([]),
    /**
     * Plain http:// to a host other than this machine, which sends tokens,
     * passwords and PHI in clear: refused unless an admin allows it for this
     * connection (its tile then says so).
     */
    allowPlainHttp: z.boolean().default(false),
    /** When the client secret the vendor issued stops working (vendors set one), for the expiry reminders. */
    clientSecretExpiresAt: z.number().int().optional(),
  });

type ConnectionFields = z.output<typeof connectionFields>;

function checkFields(c: ConnectionFields, ctx: z.RefinementCtx): void {
  if (usesTokenEndpoint(c.authMode) && !c.clientId) {
    ctx.addIssue({ code: 'custom', path: ['clientId'], message: 'This sign-in method needs a client ID' });
  }
  if (c.authMode === 'basic' && !c.username) {
    ctx.addIssue({ code: 'custom', path: ['username'], message: 'HTTP basic needs a user name' });
  }
  if (c.secondaryBaseUrl !== undefined && c.secondaryBaseUrl === c.baseUrl) {
    ctx.addIssue({ code: 'custom', path: ['secondaryBaseUrl'], message: 'The secondary URL must differ from the primary' });
  }
}

/** The URLs that carry credentials or PHI and so must be https off this machine. */
export function plainHttpUrls(c: Pick<ConnectionFields, 'baseUrl' | 'secondaryBaseUrl' | 'tokenEndpoint'>): Array<'baseUrl' | 'secondaryBaseUrl' | 'tokenEndpoint'> {
  return (['baseUrl', 'secondaryBaseUrl', 'tokenEndpoint'] as const).filter((key) => c[key] !== undefined && isPlainHttpOffMachine(c[key]!));
}

function checkTransport(c: ConnectionFields, ctx: z.RefinementCtx): void {
  if (c.allowPlainHttp) return;
  for (const key of plainHttpUrls(c)) {
    ctx.addIssue({ code: 'custom', path: [key], message: 'Use https:// (plain http:// is accepted only to this machine, or when an administrator allows it for this connection)' });
  }
}

/** A connection as it may be saved and used: its URLs must be https off this machine unless plain http is allowed. */
export const fhirConnectionConfigSchema = connectionFields.superRefine((c, ctx) => {
  checkFields(c, ctx);
  checkTransport(c, ctx);
});

/**
 * A connection as stored: one saved before https was required still reads,
 * so its tile can say why Vigil no longer connects to it.
 */
export const storedConnectionConfigSchema = connectionFields.superRefine(checkFields);

export type FhirConnectionConfig = z.infer<typeof fhirConnectionConfigSchema>;
export type FhirConnectionInput = z.input<typeof fhirConnectionConfigSchema>;
