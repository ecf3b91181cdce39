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

// ---------------------------------------------------------------- channels

/**
 * Who may call a channel: 'public' needs no session (first-run setup, login),
 * 'session' any signed-in user, otherwise a permission from roles.ts.
 */
export type Access = 'public' | 'session' | Permission;

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string;
  access: Access;
  /** Mutating calls write an audit entry, success or failure. */
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

/** The API the renderer sees as window.vigil, on either transport. */
export interface VigilApi {
  invoke<C extends ChannelName>(
    channel: C,
    input: ChannelInput<C>,
  ): Promise<Envelope<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
