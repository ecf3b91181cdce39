/**
 * How the contract is written down: a channel with its input and output
 * schemas and who may call it, an event with its payload and audience, and
 * the few shapes every domain file uses.
 *
 * Times cross the contract as epoch milliseconds (UTC), in fields typed
 * `epochMs`: the monitor's charts, the SLA clocks and every countdown are
 * arithmetic on them, and the renderer formats them with Intl in the
 * workstation's time zone. Only stored artefacts meant for other tools (the
 * audit trail's JSON Lines export) keep ISO 8601 text.
 */
import { z } from 'zod';
import type { Permission } from '../roles';

/** A point in time: milliseconds since 1970-01-01T00:00:00Z. */
export const epochMs = z.number().int();
export const empty = z.object({}).strict();

/**
 * Who may call a channel: 'public' needs no session (first-run setup, login),
 * 'session' any signed-in user, 'display' only a paired wall display (which
 * may call nothing else), otherwise a permission from roles.ts.
 */
export type Access = 'public' | 'session' | 'display' | Permission;

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string;
  access: Access;
  /**
   * The dispatcher writes an audit entry for every call, success or failure:
   * true for every change, and for reads an auditor must see (reading PHI,
   * exporting the audit trail).
   */
  audited: boolean;
  input: I;
  output: O;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>): ChannelDef<I, O> {
  return def;
}

export interface EventDef<P extends z.ZodType = z.ZodType> {
  summary: string;
  /** Who receives it: every signed-in user, the holders of a permission, or wall displays (and nobody else). */
  audience: 'session' | 'display' | Permission;
  payload: P;
}

export function event<P extends z.ZodType>(def: EventDef<P>): EventDef<P> {
  return def;
}
