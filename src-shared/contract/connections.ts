/** EHR connections: vendor profiles, connections and their credentials, diagnostics, the patient snapshot, the embedded sandbox. */
import { z } from 'zod';
import { AUTH_MODES, fhirConnectionConfigSchema, SIGNING_ALGS, VENDOR_IDS } from '../connection-config';
import { FHIR_ERROR_KINDS } from '../fhir-errors';
import { SandboxStatePatchSchema, SandboxStateSchema } from '../sandbox-state';
import { channel, empty, epochMs, event } from './define';

/** A connection's credential, by auth mode; it goes to the keychain and never comes back. */
export const connectionSecretSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('clientSecret'), value: z.string().min(1).max(4096) }).strict(),
  z.object({ kind: z.literal('password'), value: z.string().min(1).max(4096) }).strict(),
  z
    .object({
      kind: z.literal('privateKey'),
      /** PEM (PKCS#8) or a private JWK as JSON, already registered with the vendor. */
      value: z.string().min(1).max(32_768),
      keyId: z.string().min(1).max(256).optional(),
    })
    .strict(),
]);
export type ConnectionSecret = z.infer<typeof connectionSecretSchema>;

const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];
/** Public keys only: the output check refuses a JWKS carrying private members. */
export const publicJwksSchema = z
  .object({ keys: z.array(z.record(z.string(), z.unknown())) })
  .refine((jwks) => jwks.keys.every((k) => PRIVATE_JWK_MEMBERS.every((m) => !(m in k))), 'A JWKS shown must hold public keys only');

export const CHECK_IDS = ['capability', 'smart', 'token', 'patient', 'cds', 'auditEvent', 'tls'] as const;
export type CheckId = (typeof CHECK_IDS)[number];
export const CHECK_STATUSES = ['running', 'pass', 'warn', 'fail', 'skip'] as const;

/**
 * What a diagnostics step found, by name. Typed rather than a string-keyed
 * record because the monitor's certificate and token rules and the renderer
 * read them: a renamed fact must fail to compile, not go quietly missing.
 * null: the server did not say.
 */
const text = z.string().nullable();
export const checkFactsSchema = z
  .object({
    // capability
    fhirVersion: text,
    status: text,
    software: text,
    publisher: text,
    formats: text,
    detectedVendor: z.enum(VENDOR_IDS),
    // smart
    tokenEndpoint: text,
    grantTypes: text,
    authMethods: text,
    capabilities: text,
    // token
    expiresAt: epochMs,
    requested: text,
    granted: text,
    missing: text,
    // patient and auditEvent searches
    returned: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().nullable(),
    // cds
    url: z.string(),
    services: z.number().int().nonnegative(),
    hooks: text,
    // tls
    daysToExpiry: z.number().int(),
    validTo: epochMs,
    issuer: z.string(),
    subject: z.string(),
    protocol: text,
  })
  .partial()
  .strict();
export type CheckFacts = z.infer<typeof checkFactsSchema>;

export const checkResultSchema = z.object({
  check: z.enum(CHECK_IDS),
  label: z.string(),
  /** Optional checks (CDS Hooks, AuditEvent) warn instead of failing. */
  optional: z.boolean(),
  status: z.enum(CHECK_STATUSES),
  ms: z.number().nonnegative().nullable(),
  /** One line for the operator: what was found. */
  summary: z.string(),
  error: z
    .object({
      kind: z.enum(FHIR_ERROR_KINDS),
      kbCode: z.string(),
      guidance: z.string(),
      /** Vigil's words: what failed, where, with the HTTP status and OperationOutcome codes. */
      message: z.string(),
      /** The server's own words, redacted; null for roles that may not see PHI (they can quote a patient). */
      serverText: z.string().nullable().default(null),
    })
    .nullable(),
  /** Facts worth showing: FHIR version, software, days to certificate expiry… */
  facts: checkFactsSchema,
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const diagnosticsSchema = z.object({
  runId: z.string(),
  connectionId: z.number().int().positive(),
  startedAt: epochMs,
  finishedAt: epochMs,
  status: z.enum(['pass', 'warn', 'fail']),
  checks: z.array(checkResultSchema),
});
export type Diagnostics = z.infer<typeof diagnosticsSchema>;

export const connectionIdSchema = z.number().int().positive();
const connectionId = connectionIdSchema;

export const connectionSchema = z.object({
  id: connectionId,
  config: fhirConnectionConfigSchema,
  /** Whether the keychain holds this connection's credential; never the credential. */
  hasSecret: z.boolean(),
  /** For private_key_jwt: the public keys to register with the vendor. */
  publicJwks: publicJwksSchema.nullable(),
  /** When the private key came into Vigil, for its rotation; null when unknown or not used. */
  keyCreatedAt: epochMs.nullable(),
  /** The connection Vigil made to its embedded sandbox EHR. */
  sandbox: z.boolean(),
  createdAt: epochMs,
  updatedAt: epochMs,
  lastTest: diagnosticsSchema.nullable(),
});
export type Connection = z.infer<typeof connectionSchema>;

export const vendorProfileSchema = z.object({
  id: z.enum(VENDOR_IDS),
  label: z.string(),
  rateLimitPerHour: z.number(),
  rateLimitNote: z.string(),
  defaultAuthMode: z.enum(AUTH_MODES),
  scopeStyle: z.string(),
  /** Scopes a new connection of this vendor starts with. */
  defaultScopes: z.array(z.string()),
  sandboxes: z.array(
    z.object({ label: z.string(), baseUrl: z.string(), authMode: z.enum(AUTH_MODES), tokenEndpoint: z.string().optional() }),
  ),
  quirks: z.array(z.string()),
});

const fhirId = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'A FHIR id is 1–64 letters, digits, dashes or dots');

export const patientSnapshotSchema = z.object({
  /** True unless a break-glass reason was given and the role may see PHI. */
  masked: z.boolean(),
  /** Salted hash of the patient id: safe to write in tickets and logs. */
  patientRef: z.string(),
  patient: z.object({
    name: z.string(),
    gender: z.string().nullable(),
    birthDate: z.string().nullable(),
    identifiers: z.array(z.string()),
  }),
  observations: z.array(
    z.object({ date: z.string().nullable(), code: z.string().nullable(), display: z.string(), value: z.string() }),
  ),
  medicationRequests: z.array(
    z.object({ date: z.string().nullable(), medication: z.string(), status: z.string() }),
  ),
  fetchedMs: z.number().nonnegative(),
});
export type PatientSnapshot = z.infer<typeof patientSnapshotSchema>;

export const sandboxInfoSchema = z.object({
  running: z.boolean(),
  baseUrl: z.string().nullable(),
  state: SandboxStateSchema,
});

export const CONNECTION_CHANNELS = {
  'ehr.vendors': channel({
    summary: 'Vendor profiles: defaults, sandbox presets and known quirks',
    access: 'connections.read',
    audited: false,
    input: empty,
    output: z.object({ vendors: z.array(vendorProfileSchema) }),
  }),
  'connections.list': channel({
    summary: 'Every EHR connection with its last diagnostics',
    access: 'connections.read',
    audited: false,
    input: empty,
    output: z.object({ connections: z.array(connectionSchema) }),
  }),
  'connections.get': channel({
    summary: 'One EHR connection',
    access: 'connections.read',
    audited: false,
    input: z.object({ id: connectionId }).strict(),
    output: connectionSchema,
  }),
  'connections.create': channel({
    summary: 'Add an EHR connection; its credential goes to the keychain',
    access: 'connections.manage',
    audited: true,
    input: z.object({ config: fhirConnectionConfigSchema, secret: connectionSecretSchema.optional() }).strict(),
    output: connectionSchema,
  }),
  'connections.update': channel({
    summary: "Change a connection's settings; a given credential replaces the stored one",
    access: 'connections.manage',
    audited: true,
    input: z
      .object({ id: connectionId, config: fhirConnectionConfigSchema, secret: connectionSecretSchema.optional() })
      .strict(),
    output: connectionSchema,
  }),
  'connections.delete': channel({
    summary: 'Remove a connection and its keychain entries',
    access: 'connections.manage',
    audited: true,
    input: z.object({ id: connectionId }).strict(),
    output: empty,
  }),
  'connections.generateKey': channel({
    summary: 'Make a new key pair for SMART Backend Services; returns the public JWKS to register',
    access: 'connections.manage',
    audited: true,
    input: z.object({ id: connectionId, alg: z.enum(SIGNING_ALGS) }).strict(),
    output: connectionSchema,
  }),
  'connections.test': channel({
    summary: 'Run the diagnostics now, step by step (progress arrives as connections.testProgress)',
    access: 'connections.test',
    audited: true,
    input: z.object({ id: connectionId }).strict(),
    output: diagnosticsSchema,
  }),
  'ehr.patientSnapshot': channel({
    summary: 'One patient with recent observations and medications, masked unless a break-glass reason is given',
    access: 'phi.view',
    // Reading PHI is audited like a change.
    audited: true,
    input: z
      .object({
        connectionId,
        patientId: fhirId,
        reveal: z.object({ reason: z.string().trim().min(10, 'Say why, in at least 10 characters').max(500) }).strict().optional(),
      })
      .strict(),
    output: patientSnapshotSchema,
  }),
  'sandbox.get': channel({
    summary: "The embedded sandbox EHR's switches",
    access: 'sandbox.manage',
    audited: false,
    input: empty,
    output: sandboxInfoSchema,
  }),
  'sandbox.set': channel({
    summary: "Change the embedded sandbox EHR's switches (faults, flavour, TLS)",
    access: 'sandbox.manage',
    audited: true,
    input: SandboxStatePatchSchema,
    output: sandboxInfoSchema,
  }),
};

export const CONNECTION_EVENTS = {
  'connections.changed': event({
    summary: 'A connection was added, changed, removed or tested, and by whom (a username, or "vigil")',
    audience: 'connections.read',
    payload: z.object({ connectionId, by: z.string() }),
  }),
  'connections.testProgress': event({
    summary: 'One diagnostics step started or finished',
    audience: 'connections.read',
    payload: z.object({ runId: z.string(), connectionId, result: checkResultSchema }),
  }),
};
