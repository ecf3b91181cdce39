/** First-run setup, sessions and local accounts. */
import { z } from 'zod';
import { ROLES } from '../roles';
import { channel, empty, epochMs, event } from './define';

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
export const userIdSchema = z.number().int().positive();

export const userSummarySchema = z.object({
  id: userIdSchema,
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  /**
   * Set while sign-in to the account is locked, from this computer or from
   * some network address, after repeated failed logins: when the latest lock ends.
   */
  lockedUntil: epochMs.nullable(),
  lastLoginAt: epochMs.nullable(),
  createdAt: epochMs,
});
export type UserSummary = z.infer<typeof userSummarySchema>;

/**
 * The details of a LOCKED reply to session.login or session.changePassword,
 * and of an UNAUTHENTICATED (or INVALID_INPUT) one whose failure started a
 * wait: this caller may try this account again at retryAt. `locked` tells a
 * lock (too many failures) from the short, growing wait between attempts from
 * the network. Neither says whether the username exists.
 */
export const signInWaitSchema = z.object({ retryAt: epochMs, locked: z.boolean() });
export type SignInWait = z.infer<typeof signInWaitSchema>;

/** The one-time code a first-run setup from another computer needs; the host prints it at start. */
export const setupCodeSchema = z.string().trim().min(1, 'Enter the setup code').max(64);

export const USER_CHANNELS = {
  'setup.status': channel({
    summary: 'Whether first-run setup is still needed',
    access: 'public',
    audited: false,
    input: empty,
    output: z.object({
      needsAdmin: z.boolean(),
      /** This caller (not at this machine) must give the setup code the host printed at start. */
      setupCodeRequired: z.boolean(),
      version: z.string(),
    }),
  }),
  'setup.createAdmin': channel({
    summary: 'Create the first administrator (only while no user exists; from another computer only with the setup code)',
    access: 'public',
    audited: true,
    input: z
      .object({ username: usernameSchema, displayName: displayNameSchema, password: passwordSchema, setupCode: setupCodeSchema.optional() })
      .strict(),
    output: userSummarySchema,
  }),
  'session.login': channel({
    summary: 'Sign in with a local account',
    access: 'public',
    audited: true,
    input: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict(),
    output: z.object({
      token: z.string(),
      user: userSummarySchema,
      idleTimeoutSeconds: z.number().int().positive(),
      /** The session ends then at the latest, active or not. */
      expiresAt: epochMs,
    }),
  }),
  'session.logout': channel({
    summary: 'End the current session',
    access: 'session',
    audited: true,
    input: empty,
    output: empty,
  }),
  'session.activity': channel({
    summary: "A person at the console pressed a key or moved the pointer: the inactivity lock's clock starts again (the renderer sends it at most every few seconds)",
    access: 'session',
    audited: false,
    input: empty,
    output: empty,
  }),
  'session.whoami': channel({
    summary: 'The signed-in user',
    access: 'session',
    audited: false,
    input: empty,
    output: z.object({ user: userSummarySchema, idleTimeoutSeconds: z.number().int().positive(), expiresAt: epochMs }),
  }),
  'session.changePassword': channel({
    summary: 'Change your own password',
    access: 'session',
    audited: true,
    input: z.object({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema }).strict(),
    output: empty,
  }),
  'users.list': channel({
    summary: 'List local accounts',
    access: 'users.manage',
    audited: false,
    input: empty,
    output: z.object({ users: z.array(userSummarySchema) }),
  }),
  'users.create': channel({
    summary: 'Create a local account',
    access: 'users.manage',
    audited: true,
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
    audited: true,
    input: z
      .object({ id: userIdSchema, displayName: displayNameSchema.optional(), role: roleSchema.optional() })
      .strict()
      .refine((v) => v.displayName !== undefined || v.role !== undefined, 'Nothing to change'),
    output: userSummarySchema,
  }),
  'users.disable': channel({
    summary: 'Disable an account (its sessions end at once)',
    access: 'users.manage',
    audited: true,
    input: z.object({ id: userIdSchema }).strict(),
    output: userSummarySchema,
  }),
  'users.enable': channel({
    summary: 'Enable a disabled account',
    access: 'users.manage',
    audited: true,
    input: z.object({ id: userIdSchema }).strict(),
    output: userSummarySchema,
  }),
  'users.resetPassword': channel({
    summary: 'Set a new password for an account (also clears a lockout)',
    access: 'users.manage',
    audited: true,
    input: z.object({ id: userIdSchema, newPassword: passwordSchema }).strict(),
    output: userSummarySchema,
  }),
};

export const USER_EVENTS = {
  'session.ended': event({
    summary: 'This session ended (idle timeout, logout elsewhere, account disabled)',
    audience: 'session',
    payload: z.object({ reason: z.enum(['idle', 'expired', 'logout', 'disabled', 'password_changed']) }),
  }),
  'session.updated': event({
    summary: "This session's account changed (role or name): the console redraws for it",
    audience: 'session',
    payload: z.object({ user: userSummarySchema }),
  }),
  'users.changed': event({
    summary: 'An account was created or changed',
    audience: 'users.manage',
    payload: z.object({ userId: userIdSchema }),
  }),
};
