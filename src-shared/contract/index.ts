/**
 * The one IPC contract. Every channel the renderer may call is declared once,
 * in its domain's file beside this one, with its input and output schemas,
 * who may call it and whether it is audited; every event the main process
 * pushes is declared with its payload schema and audience. Both transports
 * (Electron IPC and the host's HTTP/WebSocket) serve exactly this table
 * through the same dispatcher, and every caller/handler type is derived from
 * it. Times cross it as epoch milliseconds (see define.ts).
 *
 * A new domain is one file exporting its CHANNELS and EVENTS, joined below.
 */
import type { z } from 'zod';
import { ROLES, PERMISSIONS, type Role } from '../roles';
import type { Envelope } from '../errors';
import type { ChannelDef, EventDef } from './define';
import { ALERT_CHANNELS, ALERT_EVENTS } from './alerts';
import { AUDIT_CHANNELS, AUDIT_EVENTS } from './audit';
import { CONNECTION_CHANNELS, CONNECTION_EVENTS } from './connections';
import { KB_CHANNELS, KB_EVENTS } from './kb';
import { KPI_CHANNELS, KPI_EVENTS } from './kpi';
import { DISPLAY_CHANNELS, DISPLAY_EVENTS } from './displays';
import { MONITOR_CHANNELS, MONITOR_EVENTS } from './monitor';
import { NETWORK_CHANNELS } from './network';
import { NOTIFY_CHANNELS, NOTIFY_EVENTS } from './notify';
import { SAFETY_CHANNELS, SAFETY_EVENTS } from './safety';
import { SYSTEM_CHANNELS } from './system';
import { TEAM_CHANNELS, TEAM_EVENTS } from './team';
import { TICKET_CHANNELS, TICKET_EVENTS } from './tickets';
import { USER_CHANNELS, USER_EVENTS } from './users';
import { RUNBOOK_CHANNELS, RUNBOOK_EVENTS } from './runbooks';

export * from './define';
export * from './users';
export * from './audit';
export * from './connections';
export * from './notify';
export * from './network';
export * from './tickets';
export * from './kb';
export * from './displays';
export * from './kpi';
export * from './team';
export * from './runbooks';
export * from './safety';

type Joined<T extends readonly object[]> = T extends readonly [infer H, ...infer R extends readonly object[]] ? H & Joined<R> : unknown;

/** Joins the domains' tables; a name declared by two domains is a mistake, found when the module loads. */
function join<T extends readonly Record<string, unknown>[]>(kind: string, ...tables: T): Joined<T> {
  const joined: Record<string, unknown> = {};
  for (const table of tables) {
    for (const [name, def] of Object.entries(table)) {
      if (Object.hasOwn(joined, name)) throw new Error(`The contract declares the ${kind} ${name} twice.`);
      joined[name] = def;
    }
  }
  return joined as Joined<T>;
}

export const CHANNELS = join(
  'channel',
  USER_CHANNELS,
  AUDIT_CHANNELS,
  CONNECTION_CHANNELS,
  MONITOR_CHANNELS,
  ALERT_CHANNELS,
  NOTIFY_CHANNELS,
  NETWORK_CHANNELS,
  SYSTEM_CHANNELS,
  TICKET_CHANNELS,
  KB_CHANNELS,
  DISPLAY_CHANNELS,
  KPI_CHANNELS,
  TEAM_CHANNELS,
  RUNBOOK_CHANNELS,
  SAFETY_CHANNELS,
) satisfies Record<string, ChannelDef>;

export type ChannelName = keyof typeof CHANNELS;
export type ChannelInput<C extends ChannelName> = z.input<(typeof CHANNELS)[C]['input']>;
export type ParsedInput<C extends ChannelName> = z.output<(typeof CHANNELS)[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<(typeof CHANNELS)[C]['output']>;
export const CHANNEL_NAMES = Object.keys(CHANNELS) as ChannelName[];

/** A guard for the names of one table: the page may pass anything, even where the types say otherwise. */
function nameGuard<T extends object>(table: T) {
  return (name: unknown): name is keyof T & string => typeof name === 'string' && Object.hasOwn(table, name);
}

export const isChannelName: (name: unknown) => name is ChannelName = nameGuard(CHANNELS);

/** window.vigil.invoke's guard on either transport. */
export function assertChannelName(name: unknown): asserts name is ChannelName {
  if (!isChannelName(name)) throw new TypeError(`window.vigil.invoke: there is no channel named ${String(name)}`);
}

/** The roles allowed to call a channel; null for public channels, none for a wall display's. */
export function channelRoles(name: ChannelName): readonly Role[] | null {
  const { access } = CHANNELS[name] as ChannelDef;
  if (access === 'public') return null;
  if (access === 'session') return ROLES;
  if (access === 'display') return [];
  return PERMISSIONS[access];
}

export const EVENTS = join(
  'event',
  USER_EVENTS,
  AUDIT_EVENTS,
  CONNECTION_EVENTS,
  MONITOR_EVENTS,
  ALERT_EVENTS,
  NOTIFY_EVENTS,
  TICKET_EVENTS,
  KB_EVENTS,
  DISPLAY_EVENTS,
  KPI_EVENTS,
  TEAM_EVENTS,
  RUNBOOK_EVENTS,
  SAFETY_EVENTS,
) satisfies Record<string, EventDef>;

export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]['payload']>;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

export const isEventName: (name: unknown) => name is EventName = nameGuard(EVENTS);

/** window.vigil.on's guard on either transport. */
export function assertEventName(name: unknown): asserts name is EventName {
  if (!isEventName(name)) throw new TypeError(`window.vigil.on: there is no event named ${String(name)}`);
}

/** The API the renderer sees as window.vigil, on either transport. */
export interface VigilApi {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * In the desktop app only: the page as it prints (its print stylesheet) saved
   * as a PDF where the person chooses, through Electron's printToPDF. A browser
   * has none of this: it prints, and saves PDFs, from its own print dialog.
   */
  savePdf?(fileName: string): Promise<SavedPdf>;
}

/** Where the PDF went, or null when the person cancelled the save dialog. */
export interface SavedPdf {
  path: string | null;
}
