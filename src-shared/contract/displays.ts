/**
 * Wall displays: a screen in a NOC that shows the status board and the
 * active alerts and nothing else, with nobody signed in at it. An admin
 * adds one and Vigil gives a one-time pairing code; the wall's browser
 * enters the code and keeps a secret of its own, which from then on
 * (with the display token Vigil gave it) opens a display session. A display
 * session belongs to no user and has no role: it may call the display.*
 * channels below and nothing else, never idles out, and ends only when an
 * admin revokes the display (or the host stops; the wall then connects again
 * with its secret).
 *
 * What a display is sent is safe to show to a room: no patient data and no
 * text from a server. A target's reason becomes its state and the cause's
 * codes; an alert is its kind, severity and times, not its title or detail.
 */
import { z } from 'zod';
import { TAG_PATTERN, VENDOR_IDS } from '../connection-config';
import { ALERT_RULE_KINDS, CONNECTION_STATES, HEALTHS, SEVERITIES, workstationReadingsSchema } from '../monitoring';
import { channel, empty, epochMs, event } from './define';

/** Pairing codes use letters and digits nobody mistakes for another (no I, L, O, 0 or 1). */
export const PAIRING_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PAIRING_CODE_LENGTH = 8;
/** How long an admin has to enter a pairing code on the wall. */
export const PAIRING_CODE_TTL_MS = 10 * 60_000;

/** A code as typed: case, spaces and dashes do not matter ("k7qm-4xpd" is K7QM4XPD). */
export const pairingCodeSchema = z
  .string()
  .max(32)
  .transform((code) => code.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(new RegExp(`^[${PAIRING_CODE_ALPHABET}]{${PAIRING_CODE_LENGTH}}$`), `Enter the ${PAIRING_CODE_LENGTH} letters and digits of the pairing code`));

/** The browser's own secret and the display token: 32 random bytes or more, base64url. */
const credentialSchema = z.string().regex(/^[A-Za-z0-9_-]{43,128}$/, 'Not a display credential');

export const wallNameSchema = z.string().trim().min(1, 'Enter a name').max(60, 'Use at most 60 characters');
export const displayIdSchema = z.string().regex(/^[0-9a-f-]{36}$/, 'Not a display');

export const WALL_DISPLAY_STATES = ['waiting', 'expired', 'paired'] as const;

/** A wall display as Settings lists it. */
export const wallDisplaySchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: epochMs,
  createdBy: z.string(),
  /** waiting: its code has not been entered yet; expired: nor in time; paired: a browser holds it. */
  state: z.enum(WALL_DISPLAY_STATES),
  /** While a code is out (also to pair a paired display's new browser): when it stops working. */
  codeExpiresAt: epochMs.nullable(),
  pairedAt: epochMs.nullable(),
  /** When the display last asked for the board or the alerts (or connected). */
  lastContactAt: epochMs.nullable(),
  /** It holds a display session on this host now. */
  connected: z.boolean(),
});
export type WallDisplay = z.infer<typeof wallDisplaySchema>;

/** What failed, in codes only: the probe, the error class, the knowledge-base article. */
export const wallCauseSchema = z.object({
  probe: z.string().regex(/^[a-zA-Z]{1,32}$/),
  kind: z.string().regex(/^[A-Z_]{1,32}$/),
  kbCode: z.string().regex(/^[a-z0-9_]{1,64}$/),
});
export type WallCause = z.infer<typeof wallCauseSchema>;

/** A target on the wall: names, states, codes, numbers and times. */
export const wallTileSchema = z.object({
  targetId: z.string(),
  kind: z.enum(['connection', 'workstation']),
  name: z.string(),
  vendor: z.enum(VENDOR_IDS).nullable(),
  tags: z.array(z.string().regex(TAG_PATTERN)),
  status: z.object({
    state: z.enum(CONNECTION_STATES),
    health: z.enum(HEALTHS),
    since: epochMs,
    flapping: z.boolean(),
    latencyMs: z.number().nullable(),
    cause: wallCauseSchema.nullable(),
  }),
  uptime24h: z.number().nullable(),
  certDaysLeft: z.number().int().nullable(),
  openAlerts: z.number().int().nonnegative(),
  worstSeverity: z.enum(SEVERITIES).nullable(),
  maintenanceUntil: epochMs.nullable(),
  /** The workstation's CPU, memory and disk in use, percent; null for a connection. */
  workstation: workstationReadingsSchema.nullable(),
});
export type WallTile = z.infer<typeof wallTileSchema>;

/** An active alert on the wall: what kind, how bad, about which target, since when. */
export const wallAlertSchema = z.object({
  id: z.string(),
  targetId: z.string(),
  targetName: z.string(),
  kind: z.enum(ALERT_RULE_KINDS),
  /** Within its kind: for a connection's health 1 is DEGRADED and 2 DOWN. */
  grade: z.number().int(),
  severity: z.enum(SEVERITIES),
  status: z.enum(['open', 'acknowledged']),
  openedAt: epochMs,
  acknowledgedAt: epochMs.nullable(),
  flapping: z.boolean(),
  cause: wallCauseSchema.nullable(),
  /** Targets depending on this one that failed with it. */
  affected: z.number().int().nonnegative(),
});
export type WallAlert = z.infer<typeof wallAlertSchema>;

const pairedDisplay = z.object({ id: z.string(), name: z.string() });

export const DISPLAY_CHANNELS = {
  'displays.list': channel({
    summary: 'The wall displays, paired or waiting for their code, with their last contact',
    access: 'displays.manage',
    audited: false,
    input: empty,
    output: z.object({ displays: z.array(wallDisplaySchema) }),
  }),
  'displays.create': channel({
    summary: 'Add a wall display: Vigil gives a one-time pairing code to enter on the wall, valid for minutes',
    access: 'displays.manage',
    audited: true,
    input: z.object({ name: wallNameSchema }).strict(),
    output: z.object({ display: wallDisplaySchema, code: z.string() }),
  }),
  'displays.newCode': channel({
    summary: "A new pairing code for a display: its first code ran out, or its wall's browser must pair again (the old browser stops once the new one pairs)",
    access: 'displays.manage',
    audited: true,
    input: z.object({ id: displayIdSchema }).strict(),
    output: z.object({ display: wallDisplaySchema, code: z.string() }),
  }),
  'displays.revoke': channel({
    summary: 'Remove a wall display: its screen goes back to asking for a pairing code at once',
    access: 'displays.manage',
    audited: true,
    input: z.object({ id: displayIdSchema }).strict(),
    output: empty,
  }),
  'display.pair': channel({
    summary: "On the wall: trade the pairing code for a display token, bound to the browser's own secret",
    access: 'public',
    audited: true,
    input: z.object({ code: pairingCodeSchema, secret: credentialSchema }).strict(),
    output: z.object({ displayToken: z.string(), display: pairedDisplay }),
  }),
  'display.connect': channel({
    summary: "On the wall: open a display session with the display token and the browser's secret (after pairing, a reload or a host restart)",
    access: 'public',
    audited: false,
    input: z.object({ displayToken: credentialSchema, secret: credentialSchema }).strict(),
    output: z.object({ token: z.string(), display: pairedDisplay }),
  }),
  'display.board': channel({
    summary: "The wall's status board: every target's state, in words and codes only",
    access: 'display',
    audited: false,
    input: empty,
    output: z.object({ display: pairedDisplay, tiles: z.array(wallTileSchema) }),
  }),
  'display.alerts': channel({
    summary: "The wall's active alerts, most severe and oldest first, in words and codes only",
    access: 'display',
    audited: false,
    input: empty,
    output: z.object({ alerts: z.array(wallAlertSchema) }),
  }),
};

export const DISPLAY_EVENTS = {
  'displays.changed': event({
    summary: 'A wall display was added, paired, contacted or removed',
    audience: 'displays.manage',
    payload: z.object({ displayId: z.string() }),
  }),
  'display.changed': event({
    summary: 'What the walls show changed: they ask for the board and the alerts again',
    audience: 'display',
    payload: empty,
  }),
  'display.revoked': event({
    summary: 'This display was removed: the wall goes back to asking for a pairing code',
    audience: 'display',
    payload: empty,
  }),
};
