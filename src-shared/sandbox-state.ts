/**
 * The embedded sandbox EHR's switches, as admins see them in Settings
 * (sandbox.get / sandbox.set) and tests set them.
 */
import { z } from 'zod';

export const SandboxFlavourSchema = z.enum(['generic', 'epic', 'cerner', 'allscripts']);
export type SandboxFlavour = z.infer<typeof SandboxFlavourSchema>;

const RateLimitSchema = z.strictObject({
  enabled: z.boolean(),
  retryAfterSeconds: z.number().int().min(0).max(86_400),
});

export const SandboxFaultsSchema = z.strictObject({
  /** Added before every response. */
  latencyMs: z.number().int().min(0).max(60_000),
  /** Share of requests answered 500 with an OperationOutcome, drawn from a seeded generator. */
  errorRate: z.number().min(0).max(1),
  /** Every request is answered 429 with this Retry-After. */
  rateLimit429: RateLimitSchema,
  /** The listeners stop accepting connections and drop open ones. */
  down: z.boolean(),
  /** Headers and half the body go out, then the rest after this long. */
  slowBodyMs: z.number().int().min(0).max(300_000),
  /** A 200 response carries only the first half of its JSON. */
  malformedJson: z.boolean(),
  /** The medical AI service's model degrades: accuracy and latency in /ai/metrics cross their limits. */
  modelDrift: z.boolean(),
});
export type SandboxFaults = z.infer<typeof SandboxFaultsSchema>;

export const SandboxStateSchema = z.strictObject({
  flavour: SandboxFlavourSchema,
  /** Off: the FHIR endpoints are open. */
  requireAuth: z.boolean(),
  /** How FHIR requests authenticate when requireAuth is on: a token from /auth/token, or HTTP Basic with a client's secret. */
  authScheme: z.enum(['bearer', 'basic']),
  tokenTtlSeconds: z.number().int().min(1).max(86_400),
  /** Grant fewer scopes than asked for without saying so, as some EHRs do. */
  narrowScopes: z.boolean(),
  /** A second listener speaking HTTPS with a certificate from the sandbox's own CA. */
  tls: z.boolean(),
  faults: SandboxFaultsSchema,
});
export type SandboxState = z.infer<typeof SandboxStateSchema>;

/** What sandbox.set accepts: any subset, faults included field by field. */
export const SandboxStatePatchSchema = SandboxStateSchema.extend({
  faults: SandboxFaultsSchema.extend({ rateLimit429: RateLimitSchema.partial() }).partial(),
}).partial();
export type SandboxStatePatch = z.infer<typeof SandboxStatePatchSchema>;

export const NO_FAULTS: SandboxFaults = {
  latencyMs: 0,
  errorRate: 0,
  rateLimit429: { enabled: false, retryAfterSeconds: 30 },
  down: false,
  slowBodyMs: 0,
  malformedJson: false,
  modelDrift: false,
};

export const DEFAULT_STATE: SandboxState = {
  flavour: 'generic',
  requireAuth: true,
  authScheme: 'bearer',
  tokenTtlSeconds: 300,
  narrowScopes: false,
  tls: false,
  faults: NO_FAULTS,
};

/** Validates the patch (throws a ZodError) and returns the state it leads to. */
export function applyStatePatch(state: SandboxState, patch: unknown): SandboxState {
  const p = SandboxStatePatchSchema.parse(patch);
  const faults = {
    ...state.faults,
    ...defined(p.faults ?? {}),
    rateLimit429: { ...state.faults.rateLimit429, ...defined(p.faults?.rateLimit429 ?? {}) },
  };
  return SandboxStateSchema.parse({ ...state, ...defined(p), faults });
}

/** A key given as undefined means "leave as is", not "clear". */
function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
