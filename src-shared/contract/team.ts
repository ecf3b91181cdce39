/**
 * Team mode: several workstations share tickets, alert responses,
 * accounts and audit through one PostgreSQL database, each
 * keeping its local encrypted file as its working copy and offline cache.
 * An admin switches it on with the database's address and a login; the
 * password goes to the keychain and never crosses the contract back.
 */
import { z } from 'zod';
import { channel, empty, epochMs, event } from './define';

/** Loopback only may go without TLS: the password and shared data never cross a network in clear. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(h);
}

const hostSchema = z
  .string()
  .trim()
  .min(1, 'Enter the database host')
  .max(253)
  .regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\[?[0-9A-Fa-f:]+\]?$/, 'A host name or an IP address');
const identifierSchema = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${what}`)
    .max(63)
    .regex(/^[A-Za-z_][A-Za-z0-9_$-]*$/, 'Letters, digits and _ $ - (PostgreSQL names)');

export const teamSettingsInputSchema = z
  .object({
    host: hostSchema,
    port: z.number().int().min(1).max(65535).default(5432),
    database: identifierSchema('database name'),
    user: identifierSchema('login'),
    /** Required to switch team mode on; left out to keep the one in the keychain. */
    password: z.string().min(1).max(1024).optional(),
    tls: z.boolean().default(true),
  })
  .strict()
  .refine((s) => s.tls || isLoopbackHost(s.host), { message: 'TLS is required unless the database is on this computer (loopback)', path: ['tls'] });
export type TeamSettingsInput = z.input<typeof teamSettingsInputSchema>;
export type TeamSettingsValues = z.output<typeof teamSettingsInputSchema>;

export const teamSettingsSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  database: z.string(),
  user: z.string(),
  tls: z.boolean(),
  hasPassword: z.boolean(),
  changedAt: epochMs,
  changedBy: z.string(),
});
export type TeamSettings = z.infer<typeof teamSettingsSchema>;

export const teamStatusSchema = z.object({
  /** Team mode is switched on here. */
  enabled: z.boolean(),
  settings: teamSettingsSchema.nullable(),
  /** This workstation's id in the shared database. */
  workstation: z.string(),
  /** The last round with PostgreSQL succeeded and the connection is up. */
  online: z.boolean(),
  offlineSince: epochMs.nullable(),
  /** Shared changes written here and not yet applied by PostgreSQL. */
  waiting: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  lastSyncAt: epochMs.nullable(),
});
export type TeamStatus = z.infer<typeof teamStatusSchema>;

export const teamAuditVerifySchema = z.object({
  /** No finding anywhere. */
  ok: z.boolean(),
  /** Each workstation with a registered device key, and how many of its entries the shared database holds. */
  workstations: z.array(z.object({ workstation: z.string(), entries: z.number().int().nonnegative() })),
  /** What does not hold, named at its workstation and entry (seq null: the whole chain). */
  findings: z.array(z.object({ workstation: z.string(), seq: z.number().int().nullable(), reason: z.string() })),
});
export type TeamAuditVerifyResult = z.infer<typeof teamAuditVerifySchema>;

export const TEAM_CHANNELS = {
  'team.status': channel({
    summary: "Team mode's state: on or off, online or since when offline, changes waiting, the last error and sync",
    access: 'session',
    audited: false,
    input: empty,
    output: teamStatusSchema,
  }),
  'team.configure': channel({
    summary: 'Switch team mode on (or change its database): checked against the database before it is saved',
    access: 'team.manage',
    audited: true,
    input: teamSettingsInputSchema,
    output: teamStatusSchema,
  }),
  'team.disable': channel({
    summary: 'Switch team mode off: this workstation works alone again; waiting changes stay for a later switch-on',
    access: 'team.manage',
    audited: true,
    input: empty,
    output: teamStatusSchema,
  }),
  'team.sync': channel({
    summary: 'Sync with the shared database now, and answer the state after it',
    access: 'session',
    audited: false,
    input: empty,
    output: teamStatusSchema,
  }),
  'team.audit.verify': channel({
    summary: "Verify the audit across workstations: every chain and signature in the shared database, and this workstation's chain against its shared copy",
    access: 'audit.read',
    audited: true,
    input: empty,
    output: teamAuditVerifySchema,
  }),
} as const;

export const TEAM_EVENTS = {
  'team.changed': event({
    summary: "Team mode's state changed: switched on or off, online or offline, the waiting count, a sync",
    audience: 'session',
    payload: teamStatusSchema,
  }),
} as const;
