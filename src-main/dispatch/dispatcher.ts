/**
 * The one dispatcher both transports call. For every call it resolves the
 * session, checks the role, parses the input, runs the handler, checks the
 * output against the contract (which also strips anything the contract does
 * not declare, so an internal field can never leak), writes the audit entry
 * for audited calls and returns the envelope. Nothing thrown escapes.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  CHANNELS,
  channelRoles,
  isChannelName,
  type AuditOutcome,
  type ChannelDef,
  type ChannelName,
} from '../../src-shared/contract';
import type { Envelope, ErrorBody } from '../../src-shared/errors';
import type { Logger } from '../log';
import { DispatchError, type AuditNote, type Caller, type CallSource, type DisplayCaller, type HandlerContext, type HandlerTable } from './handler';

export interface DispatchMeta {
  /** The session token the transport received with the call. */
  token?: string | null;
  /** Decided by the transport, which alone knows the peer; required so none forgets it. */
  source: CallSource;
}

export type Dispatch = (channel: unknown, input: unknown, meta: DispatchMeta) => Promise<Envelope<unknown>>;

/** Who is behind a session token (the users service's sessions): a person, or a wall display. */
export interface SessionLookup {
  resolve(token: string | null | undefined): Caller | null;
  resolveDisplay(token: string | null | undefined): DisplayCaller | null;
}

export interface AuditSink {
  append(entry: {
    actor: string;
    action: string;
    target: string | null;
    outcome: AuditOutcome;
    detail: Record<string, unknown> | null;
  }): unknown;
  /**
   * Why an audited call on `channel` must be refused before it runs (the
   * trail cannot record it), or null when it may run.
   */
  refusal(channel: ChannelName): string | null;
}

/** Errors from the store or keychain: the console cannot serve until they are fixed. */
export type UnavailableCheck = (err: unknown) => boolean;

export function createDispatcher(deps: {
  handlers: HandlerTable;
  sessions: SessionLookup;
  audit: AuditSink;
  log: Logger;
  isUnavailable: UnavailableCheck;
}): Dispatch {
  const { handlers, sessions, audit, log } = deps;

  function record(channel: ChannelName, caller: Caller | null, note: AuditNote, outcome: AuditOutcome, display: DisplayCaller | null = null): void {
    try {
      audit.append({
        actor: caller?.username ?? (display ? `display:${display.displayId}` : undefined) ?? note.actor ?? 'anonymous',
        action: channel,
        target: note.target ?? null,
        outcome,
        detail: note.detail && Object.keys(note.detail).length > 0 ? note.detail : null,
      });
    } catch (err) {
      // A lost audit entry is serious but must not turn a done action into a reported failure.
      log.error('audit append failed', { channel, error: err });
    }
  }

  function failure(err: unknown, channel: string): ErrorBody {
    if (err instanceof DispatchError) {
      return err.details === undefined
        ? { code: err.code, message: err.message }
        : { code: err.code, message: err.message, details: err.details };
    }
    if (deps.isUnavailable(err)) return { code: 'UNAVAILABLE', message: (err as Error).message };
    const ref = randomUUID().slice(0, 8);
    log.error('handler failed', { channel, ref, error: err, stack: err instanceof Error ? err.stack : undefined });
    return { code: 'INTERNAL', message: `Something went wrong inside Vigil (reference ${ref}). The details are in the log.` };
  }

  return async function dispatch(channel, rawInput, meta) {
    if (!isChannelName(channel)) {
      return { ok: false, error: { code: 'NOT_FOUND', message: `There is no channel named ${JSON.stringify(String(channel)).slice(0, 80)}.` } };
    }
    const def = CHANNELS[channel] as ChannelDef;
    const roles = channelRoles(channel);
    const note: AuditNote = {};
    let caller: Caller | null = null;
    let display: DisplayCaller | null = null;

    if (def.access === 'display') {
      display = sessions.resolveDisplay(meta.token);
      if (!display) {
        if (sessions.resolve(meta.token)) return { ok: false, error: { code: 'FORBIDDEN', message: `Only a paired wall display may use ${channel}.` } };
        return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'This display is not connected: it connects again with its secret, or is paired again.' } };
      }
    } else if (roles) {
      // Not activity: only a person's input is (session.activity), or a refreshing screen would never lock.
      caller = sessions.resolve(meta.token);
      if (!caller) {
        // A wall display may read the board and the alerts, and nothing else whatever it sends.
        const refused = sessions.resolveDisplay(meta.token);
        if (refused) {
          if (def.audited) record(channel, null, note, 'FORBIDDEN', refused);
          return { ok: false, error: { code: 'FORBIDDEN', message: `A wall display may not use ${channel}.` } };
        }
        return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Your session has ended. Sign in again.' } };
      }
      if (!roles.includes(caller.role)) {
        if (def.audited) record(channel, caller, note, 'FORBIDDEN');
        return { ok: false, error: { code: 'FORBIDDEN', message: `Your role may not use ${channel}.` } };
      }
    }

    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: parsed.error.issues[0]?.message ?? 'The input is not valid.',
          details: parsed.error.issues.map((i: z.core.$ZodIssue) => ({ path: i.path.map(String), message: i.message })),
        },
      };
    }

    // An audited act the trail cannot record is not done at all.
    const refused = def.audited ? audit.refusal(channel) : null;
    if (refused !== null) {
      record(channel, caller, note, 'UNAVAILABLE');
      return { ok: false, error: { code: 'UNAVAILABLE', message: refused } };
    }

    const ctx: HandlerContext = {
      caller,
      display,
      source: meta.source,
      audit: (more) => {
        if (more.actor !== undefined) note.actor = more.actor;
        if (more.target !== undefined) note.target = more.target;
        if (more.detail) note.detail = { ...note.detail, ...more.detail };
      },
    };

    let envelope: Envelope<unknown>;
    try {
      const handler = handlers[channel] as (input: unknown, ctx: HandlerContext) => unknown;
      const output = def.output.safeParse(await handler(parsed.data, ctx));
      if (!output.success) {
        throw new Error(`handler output does not match the contract: ${output.error.message}`);
      }
      envelope = { ok: true, data: output.data };
    } catch (err) {
      envelope = { ok: false, error: failure(err, channel) };
    }
    if (def.audited) record(channel, caller, note, envelope.ok ? 'ok' : envelope.error.code, display);
    return envelope;
  };
}
