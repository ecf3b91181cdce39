/**
 * The one IPC contract. Every channel the renderer may call is declared here
 * once, with its input and output schemas and who may call it; every event the
 * main process pushes is declared with its payload schema and audience. Both
 * transports (Electron IPC and the host's HTTP/WebSocket) serve exactly this
 * table through the same dispatcher, and every caller/handler type is derived
 * from it.
 */
import { z } from 'zod';
import { ROLES, PERMISSIONS, type Permission, type Role } from './roles';
import { ERROR_CODES, type Envelope } from './errors';
import { AUTH_MODES, fhirConnectionConfigSchema, SIGNING_ALGS, VENDOR_IDS } from './connection-config';
import { FHIR_ERROR_KINDS } from './fhir-errors';
import { SandboxStatePatchSchema, SandboxStateSchema } from './sandbox-state';
import {
  alertFilterSchema,
  alertRuleSettingsSchema,
  alertViewSchema,
  boardTileSchema,
  CHART_RANGE_IDS,
  CONNECTION_STATES,
  channelSettingsSchema,
  deliverySchema,
  desktopNoticeSchema,
  latencyChartSchema,
  maintenanceWindowSchema,
  monitorSettingsSchema,
  newMaintenanceWindowSchema,
  notifyChannelSchema,
  probeReportSchema,
  storedResultSchema,
  targetIdSchema,
  targetStatusSchema,
  uptimeSchema,
} from './monitoring';

// ---------------------------------------------------------------- shared shapes

export const roleSchema = z.enum(ROLES);
export const usernameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, 'Use 3–32 lower-case letters, digits, dots, dashes or underscores');
export const PASSWORD_MIN_LENGTH = 12;
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(256, 'Use at most 256 characters');
export const displayNameSchema = z.string().trim().min(1, 'Enter a name').max(80);
const isoTime = z.iso.datetime({ offset: true });
const userId = z.number().int().positive();
const empty = z.object({}).strict();

export const userSummarySchema = z.object({
  id: userId,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  /** Set while the account is locked after repeated failed logins. */
  lockedUntil: isoTime.nullable(),
  lastLoginAt: isoTime.nullable(),
  createdAt: isoTime,
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const AUDIT_OUTCOMES = ['ok', ...ERROR_CODES] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export const auditEntrySchema = z.object({
  seq: z.number().int().positive(),
  time: isoTime,
  /** Username, or 'system' / 'anonymous'. */
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  /** PHI-free detail (redacted before it is written). */
  detail: z.record(z.string(), z.unknown()).nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int().nonnegative(),
  firstBadSeq: z.number().int().positive().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifySchema>;

// ---------------------------------------------------------------- EHR connections

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
    .object({ kind: z.enum(FHIR_ERROR_KINDS), kbCode: z.string(), guidance: z.string(), message: z.string() })
    .nullable(),
  /** Facts worth showing: FHIR version, software, days to certificate expiry… */
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const diagnosticsSchema = z.object({
  runId: z.string(),
  connectionId: z.number().int().positive(),
  startedAt: isoTime,
  finishedAt: isoTime,
  status: z.enum(['pass', 'warn', 'fail']),
  checks: z.array(checkResultSchema),
});
export type Diagnostics = z.infer<typeof diagnosticsSchema>;

const connectionId = z.number().int().positive();

export const connectionSchema = z.object({
  id: connectionId,
  config: fhirConnectionConfigSchema,
  /** Whether the keychain holds this connection's credential; never the credential. */
  hasSecret: z.boolean(),
  /** For private_key_jwt: the public keys to register with the vendor. */
  publicJwks: publicJwksSchema.nullable(),
  /** The connection Vigil made to its embedded sandbox EHR. */
  sandbox: z.boolean(),
  createdAt: isoTime,
  updatedAt: isoTime,
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

// ---------------------------------------------------------------- channels

/**
 * Who may call a channel: 'public' needs no session (first-run setup, login),
 * 'session' any signed-in user, otherwise a permission from roles.ts.
 */
export type Access = 'public' | 'session' | Permission;

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string;
  access: Access;
  /** Mutating calls (and reads of PHI) write an audit entry, success or failure. */
  mutates: boolean;
  input: I;
  output: O;
}

function channel<I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>): ChannelDef<I, O> {
  return def;
}

export const CHANNELS = {
  'setup.status': channel({
    summary: 'Whether first-run setup is still needed',
    access: 'public',
    mutates: false,
    input: empty,
    output: z.object({ needsAdmin: z.boolean(), version: z.string() }),
  }),
  'setup.createAdmin': channel({
    summary: 'Create the first administrator (only while no user exists)',
    access: 'public',
    mutates: true,
    input: z
      .object({ username: usernameSchema, displayName: displayNameSchema, password: passwordSchema })
      .strict(),
    output: userSummarySchema,
  }),
  'session.login': channel({
    summary: 'Sign in with a local account',
    access: 'public',
    mutates: true,
    input: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict(),
    output: z.object({
      token: z.string(),
      user: userSummarySchema,
      idleTimeoutSeconds: z.number().int().positive(),
    }),
  }),
  'session.logout': channel({
    summary: 'End the current session',
    access: 'session',
    mutates: true,
    input: empty,
    output: empty,
  }),
  'session.whoami': channel({
    summary: 'The signed-in user',
    access: 'session',
    mutates: false,
    input: empty,
    output: z.object({ user: userSummarySchema, idleTimeoutSeconds: z.number().int().positive() }),
  }),
  'session.changePassword': channel({
    summary: 'Change your own password',
    access: 'session',
    mutates: true,
    input: z.object({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema }).strict(),
    output: empty,
  }),
  'users.list': channel({
    summary: 'List local accounts',
    access: 'users.manage',
    mutates: false,
    input: empty,
    output: z.object({ users: z.array(userSummarySchema) }),
  }),
  'users.create': channel({
    summary: 'Create a local account',
    access: 'users.manage',
    mutates: true,
    input: z
      .object({
        username: usernameSchema,
        displayName: displayNameSchema,
        role: roleSchema,
        password: passwordSchema,
      })
      .strict(),
    output: userSummarySchema,
  }),
  'users.update': channel({
    summary: "Change an account's name or role",
    access: 'users.manage',
    mutates: true,
    input: z
      .object({ id: userId, displayName: displayNameSchema.optional(), role: roleSchema.optional() })
      .strict()
      .refine((v) => v.displayName !== undefined || v.role !== undefined, 'Nothing to change'),
    output: userSummarySchema,
  }),
  'users.disable': channel({
    summary: 'Disable an account (its sessions end at once)',
    access: 'users.manage',
    mutates: true,
    input: z.object({ id: userId }).strict(),
    output: userSummarySchema,
  }),
  'users.enable': channel({
    summary: 'Enable a disabled account',
    access: 'users.manage',
    mutates: true,
    input: z.object({ id: userId }).strict(),
    output: userSummarySchema,
  }),
  'users.resetPassword': channel({
    summary: "Set a new password for an account (also clears a lockout)",
    access: 'users.manage',
    mutates: true,
    input: z.object({ id: userId, newPassword: passwordSchema }).strict(),
    output: userSummarySchema,
  }),
  'audit.list': channel({
    summary: 'Page through the audit trail, newest first',
    access: 'audit.read',
    mutates: false,
    input: z
      .object({
        limit: z.number().int().min(1).max(500).default(50),
        /** Cursor: return entries with seq below this one. */
        beforeSeq: z.number().int().positive().optional(),
        actor: z.string().min(1).max(64).optional(),
        action: z.string().min(1).max(64).optional(),
        from: isoTime.optional(),
        to: isoTime.optional(),
      })
      .strict(),
    output: z.object({
      entries: z.array(auditEntrySchema),
      total: z.number().int().nonnegative(),
      nextBeforeSeq: z.number().int().positive().nullable(),
    }),
  }),
  'audit.verify': channel({
    summary: 'Walk the hash chain and report the first entry that does not fit',
    access: 'audit.read',
    mutates: false,
    input: empty,
    output: auditVerifySchema,
  }),
  'audit.export': channel({
    summary: 'Export the audit trail as JSON Lines with its hashes',
    access: 'audit.read',
    mutates: true,
    input: z.object({ from: isoTime.optional(), to: isoTime.optional() }).strict(),
    output: z.object({
      fileName: z.string(),
      /** Where the main process also saved the file, inside the data folder. */
      savedTo: z.string(),
      entries: z.number().int().nonnegative(),
      sha256: z.string(),
      content: z.string(),
    }),
  }),
  'ehr.vendors': channel({
    summary: 'Vendor profiles: defaults, sandbox presets and known quirks',
    access: 'connections.read',
    mutates: false,
    input: empty,
    output: z.object({ vendors: z.array(vendorProfileSchema) }),
  }),
  'connections.list': channel({
    summary: 'Every EHR connection with its last diagnostics',
    access: 'connections.read',
    mutates: false,
    input: empty,
    output: z.object({ connections: z.array(connectionSchema) }),
  }),
  'connections.get': channel({
    summary: 'One EHR connection',
    access: 'connections.read',
    mutates: false,
    input: z.object({ id: connectionId }).strict(),
    output: connectionSchema,
  }),
  'connections.create': channel({
    summary: 'Add an EHR connection; its credential goes to the keychain',
    access: 'connections.manage',
    mutates: true,
    input: z.object({ config: fhirConnectionConfigSchema, secret: connectionSecretSchema.optional() }).strict(),
    output: connectionSchema,
  }),
  'connections.update': channel({
    summary: "Change a connection's settings; a given credential replaces the stored one",
    access: 'connections.manage',
    mutates: true,
    input: z
      .object({ id: connectionId, config: fhirConnectionConfigSchema, secret: connectionSecretSchema.optional() })
      .strict(),
    output: connectionSchema,
  }),
  'connections.delete': channel({
    summary: 'Remove a connection and its keychain entries',
    access: 'connections.manage',
    mutates: true,
    input: z.object({ id: connectionId }).strict(),
    output: empty,
  }),
  'connections.generateKey': channel({
    summary: 'Make a new key pair for SMART Backend Services; returns the public JWKS to register',
    access: 'connections.manage',
    mutates: true,
    input: z.object({ id: connectionId, alg: z.enum(SIGNING_ALGS) }).strict(),
    output: connectionSchema,
  }),
  'connections.test': channel({
    summary: 'Run the diagnostics now, step by step (progress arrives as connections.testProgress)',
    access: 'connections.test',
    mutates: true,
    input: z.object({ id: connectionId }).strict(),
    output: diagnosticsSchema,
  }),
  'ehr.patientSnapshot': channel({
    summary: 'One patient with recent observations and medications, masked unless a break-glass reason is given',
    access: 'phi.view',
    // Reading PHI is audited like a change.
    mutates: true,
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
    mutates: false,
    input: empty,
    output: sandboxInfoSchema,
  }),
  'sandbox.set': channel({
    summary: "Change the embedded sandbox EHR's switches (faults, flavour, TLS)",
    access: 'sandbox.manage',
    mutates: true,
    input: SandboxStatePatchSchema,
    output: sandboxInfoSchema,
  }),
  'monitor.board': channel({
    summary: 'The status board: one tile per monitored connection and the workstation',
    access: 'alerts.read',
    mutates: false,
    input: empty,
    output: z.object({ tiles: z.array(boardTileSchema) }),
  }),
  'monitor.detail': channel({
    summary: "One target's latency and uptime over a range, its last run, recent results, alerts and maintenance windows",
    access: 'alerts.read',
    mutates: false,
    input: z.object({ targetId: targetIdSchema, range: z.enum(CHART_RANGE_IDS).default('24h') }).strict(),
    output: z.object({
      tile: boardTileSchema,
      settings: monitorSettingsSchema,
      uptime: z.object({ '1h': uptimeSchema, '24h': uptimeSchema, '7d': uptimeSchema, '30d': uptimeSchema }),
      latency: latencyChartSchema,
      lastRun: z.array(probeReportSchema),
      recent: z.array(storedResultSchema),
      alerts: z.array(alertViewSchema),
      windows: z.array(maintenanceWindowSchema),
    }),
  }),
  'monitor.configure': channel({
    summary: "Change a target's probe plan, latency threshold, dependencies or metrics endpoint",
    access: 'monitor.manage',
    mutates: true,
    input: z.object({ targetId: targetIdSchema, settings: monitorSettingsSchema }).strict(),
    output: monitorSettingsSchema,
  }),
  'monitor.pause': channel({
    summary: 'Stop probing a target until it is resumed',
    access: 'monitor.manage',
    mutates: true,
    input: z.object({ targetId: targetIdSchema }).strict(),
    output: targetStatusSchema,
  }),
  'monitor.resume': channel({
    summary: 'Probe a paused target again',
    access: 'monitor.manage',
    mutates: true,
    input: z.object({ targetId: targetIdSchema }).strict(),
    output: targetStatusSchema,
  }),
  'monitor.rules': channel({
    summary: 'The alert rules every target shares: certificate expiry tiers, how long DEGRADED may last before it alerts',
    access: 'alerts.read',
    mutates: false,
    input: empty,
    output: alertRuleSettingsSchema,
  }),
  'monitor.setRules': channel({
    summary: 'Change the shared alert rules; open alerts are judged again by them at the next run',
    access: 'monitor.manage',
    mutates: true,
    input: alertRuleSettingsSchema,
    output: alertRuleSettingsSchema,
  }),
  'maintenance.list': channel({
    summary: 'Every maintenance window, with the next or current occurrence',
    access: 'alerts.read',
    mutates: false,
    input: empty,
    output: z.object({
      windows: z.array(z.object({ window: maintenanceWindowSchema, active: z.boolean(), next: z.object({ start: z.number(), end: z.number() }).nullable() })),
    }),
  }),
  'maintenance.create': channel({
    summary: 'Plan a one-off or recurring maintenance window for one target or all',
    access: 'monitor.manage',
    mutates: true,
    input: newMaintenanceWindowSchema,
    output: maintenanceWindowSchema,
  }),
  'maintenance.delete': channel({
    summary: 'Remove a maintenance window',
    access: 'monitor.manage',
    mutates: true,
    input: z.object({ id: z.string().min(1) }).strict(),
    output: empty,
  }),
  'alerts.list': channel({
    summary: 'Alerts, newest first, filtered by status, severity and target',
    access: 'alerts.read',
    mutates: false,
    input: alertFilterSchema,
    output: z.object({ alerts: z.array(alertViewSchema) }),
  }),
  'alerts.acknowledge': channel({
    summary: 'Acknowledge an open alert: reminders stop, and who and when is recorded',
    access: 'alerts.respond',
    mutates: true,
    input: z.object({ alertId: z.string().min(1) }).strict(),
    output: alertViewSchema,
  }),
  'alerts.resolve': channel({
    summary: 'Resolve an alert by hand; it opens again only after its condition has cleared once',
    access: 'alerts.respond',
    mutates: true,
    input: z.object({ alertId: z.string().min(1) }).strict(),
    output: alertViewSchema,
  }),
  'notify.channels.list': channel({
    summary: 'Notification channels with their health; never their secrets',
    access: 'notify.manage',
    mutates: false,
    input: empty,
    output: z.object({ channels: z.array(notifyChannelSchema) }),
  }),
  'notify.channels.create': channel({
    summary: 'Add a notification channel; its webhook URL, routing key or password goes to the keychain',
    access: 'notify.manage',
    mutates: true,
    input: z.object({ settings: channelSettingsSchema, secret: z.string().min(1).max(4096).optional() }).strict(),
    output: notifyChannelSchema,
  }),
  'notify.channels.update': channel({
    summary: "Change a channel's settings; a given secret replaces the stored one",
    access: 'notify.manage',
    mutates: true,
    input: z.object({ id: z.string().min(1), settings: channelSettingsSchema, secret: z.string().min(1).max(4096).optional() }).strict(),
    output: notifyChannelSchema,
  }),
  'notify.channels.delete': channel({
    summary: 'Remove a notification channel and its keychain entry',
    access: 'notify.manage',
    mutates: true,
    input: z.object({ id: z.string().min(1) }).strict(),
    output: empty,
  }),
  'notify.channels.test': channel({
    summary: 'Send a clearly labelled test through a channel and wait for the outcome',
    access: 'notify.manage',
    mutates: true,
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ outcome: z.enum(['delivered', 'failed']), attempts: z.number().int().nonnegative(), status: z.number().int().optional(), error: z.string().optional() }),
  }),
  'notify.deliveries': channel({
    summary: 'The delivery log, newest first',
    access: 'notify.manage',
    mutates: false,
    input: z.object({ channelId: z.string().min(1).optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.object({ deliveries: z.array(deliverySchema) }),
  }),
  'system.info': channel({
    summary: "The console's version and the health of its store and keychain",
    access: 'system.read',
    mutates: false,
    input: empty,
    output: z.object({
      version: z.string(),
      platform: z.string(),
      nodeVersion: z.string(),
      dataDir: z.string(),
      databaseBytes: z.number().int().nonnegative(),
      schemaVersion: z.number().int().nonnegative(),
      auditEntries: z.number().int().nonnegative(),
      keychain: z.string(),
      startedAt: isoTime,
    }),
  }),
} as const satisfies Record<string, ChannelDef>;

export type ChannelName = keyof typeof CHANNELS;
export type ChannelInput<C extends ChannelName> = z.input<(typeof CHANNELS)[C]['input']>;
export type ParsedInput<C extends ChannelName> = z.output<(typeof CHANNELS)[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<(typeof CHANNELS)[C]['output']>;
export const CHANNEL_NAMES = Object.keys(CHANNELS) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(CHANNELS, name);
}

/** window.vigil.invoke's guard on either transport: the page may pass anything, even where the types say otherwise. */
export function assertChannelName(name: unknown): asserts name is ChannelName {
  if (!isChannelName(name)) throw new TypeError(`window.vigil.invoke: there is no channel named ${String(name)}`);
}

/** The roles allowed to call a channel; null for public channels. */
export function channelRoles(name: ChannelName): readonly Role[] | null {
  const { access } = CHANNELS[name] as ChannelDef;
  if (access === 'public') return null;
  if (access === 'session') return ROLES;
  return PERMISSIONS[access];
}

// ---------------------------------------------------------------- events

export interface EventDef<P extends z.ZodType = z.ZodType> {
  summary: string;
  /** Who receives it: every signed-in user, or the holders of a permission. */
  audience: 'session' | Permission;
  payload: P;
}

function event<P extends z.ZodType>(def: EventDef<P>): EventDef<P> {
  return def;
}

export const EVENTS = {
  'session.ended': event({
    summary: 'This session ended (idle timeout, logout elsewhere, account disabled)',
    audience: 'session',
    payload: z.object({ reason: z.enum(['idle', 'logout', 'disabled', 'password_changed']) }),
  }),
  'session.updated': event({
    summary: "This session's account changed (role or name): the console redraws for it",
    audience: 'session',
    payload: z.object({ user: userSummarySchema }),
  }),
  'audit.appended': event({
    summary: 'New audit entries were written',
    audience: 'audit.read',
    payload: z.object({ lastSeq: z.number().int().positive() }),
  }),
  'connections.changed': event({
    summary: 'A connection was added, changed, removed or tested',
    audience: 'connections.read',
    payload: z.object({ connectionId }),
  }),
  'connections.testProgress': event({
    summary: 'One diagnostics step started or finished',
    audience: 'connections.read',
    payload: z.object({ runId: z.string(), connectionId, result: checkResultSchema }),
  }),
  'monitor.status': event({
    summary: "A target's state, health or flapping changed",
    audience: 'alerts.read',
    payload: z.object({ from: z.enum(CONNECTION_STATES), status: targetStatusSchema }),
  }),
  'alert.opened': event({
    summary: 'An alert opened',
    audience: 'alerts.read',
    payload: z.object({ alert: alertViewSchema }),
  }),
  'alert.updated': event({
    summary: 'An alert changed: acknowledged, worsened, escalated, merged or resolved',
    audience: 'alerts.read',
    payload: z.object({ alert: alertViewSchema }),
  }),
  'notify.desktop': event({
    summary: 'A desktop notification for consoles in a browser, where the main process cannot show one itself',
    audience: 'alerts.read',
    payload: desktopNoticeSchema,
  }),
  'users.changed': event({
    summary: 'An account was created or changed',
    audience: 'users.manage',
    payload: z.object({ userId: userId }),
  }),
} as const satisfies Record<string, EventDef>;

export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]['payload']>;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(EVENTS, name);
}

/** window.vigil.on's guard on either transport. */
export function assertEventName(name: unknown): asserts name is EventName {
  if (!isEventName(name)) throw new TypeError(`window.vigil.on: there is no event named ${String(name)}`);
}

/** The API the renderer sees as window.vigil, on either transport. */
export interface VigilApi {
  invoke<C extends ChannelName>(
    channel: C,
    input: ChannelInput<C>,
  ): Promise<Envelope<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
