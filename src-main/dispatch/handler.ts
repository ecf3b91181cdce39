/**
 * What a service implements to serve contract channels. Services export a
 * partial HandlerTable for their own channels; the composition root joins them
 * and the dispatcher serves the whole table.
 */
import type { ChannelName, ChannelOutput, ParsedInput } from '../../src-shared/contract';
import type { ErrorCode } from '../../src-shared/errors';
import type { Role } from '../../src-shared/roles';

export interface Caller {
  userId: number;
  username: string;
  role: Role;
  /** The session token this call came with. */
  token: string;
}

/**
 * A paired wall display (src-main/displays): no user, no role. The
 * dispatcher serves it the channels whose access is 'display' and nothing
 * else; the events it receives are those whose audience is 'display'.
 */
export interface DisplayCaller {
  displayId: string;
  /** The session token this call came with. */
  token: string;
}

/** Tells a display's session from a person's. */
export function isDisplayCaller(caller: Caller | DisplayCaller): caller is DisplayCaller {
  return 'displayId' in caller;
}

/**
 * Where a call came from, as its transport knows it: 'local' is this machine
 * (Electron IPC, a loopback peer of the host); 'remote' carries the peer's
 * address as the host saw it on the socket (never from a header).
 */
export type CallSource = { readonly kind: 'local' } | { readonly kind: 'remote'; readonly address: string };

export const LOCAL_SOURCE: CallSource = { kind: 'local' };

/** One string per source, for counting per source: 'local', or the address. */
export function sourceKey(source: CallSource): string {
  return source.kind === 'local' ? 'local' : source.address;
}

export interface AuditNote {
  /** What the action touched, e.g. 'user:7'. Never a patient identifier in clear. */
  target?: string;
  /** Extra PHI-free facts; redacted again before writing. */
  detail?: Record<string, unknown>;
  /** Overrides the actor for calls without a session (e.g. the username a login tried). */
  actor?: string;
}

export interface HandlerContext {
  /** The person calling; null on public channels and a wall display's. */
  caller: Caller | null;
  /** The wall display calling; set only on its own channels (access 'display'). */
  display: DisplayCaller | null;
  /** Where the call came from (sign-in throttling and first-run setup depend on it). */
  source: CallSource;
  /** Adds to the audit entry the dispatcher writes for this call. */
  audit(note: AuditNote): void;
}

export type Handler<C extends ChannelName> = (
  input: ParsedInput<C>,
  ctx: HandlerContext,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

export type HandlerTable<C extends ChannelName = ChannelName> = { [K in C]: Handler<K> };

/** Thrown by services for failures the caller should see with a specific code. */
export class DispatchError extends Error {
  constructor(
    readonly code: Exclude<ErrorCode, 'INTERNAL'>,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DispatchError';
  }
}
