/**
 * The kinds of shared operation. A kind is a name; a PL/pgSQL branch of
 * vigil.apply_op that applies it in the shared database (a shared
 * migration); and here, what the service that owns the change does: write
 * each change to the outbox inside the change's own transaction while team
 * mode is on (share), hand over what it wrote before team mode was on
 * (unshared), and take what the shared database decided: others' operations
 * as they are pulled, its own once applied, with the answer (take).
 *
 * Adding a kind: an entry in createOpKinds over the owning service's api
 * (which offers a share(tap) hook called inside its transaction, as
 * tickets does), and a shared migration (shared-migrations.ts) with its
 * tables, its apply function and its row in vigil.op_kinds. A payload's
 * `id` names it in the outbox.
 */
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { ticketEventSchema, ticketSkipSchema } from '../../src-shared/tickets';
import { alertClaimSchema, alertResponseSchema, type MonitorApi } from '../monitor';
import type { TicketsApi } from '../tickets';
import { accountChangeSchema, type UsersApi } from '../users';

/** An operation as the shared database applied it. */
export interface DecidedOp {
  workstation: string;
  payload: unknown;
  result: unknown;
}

/** Writes one change to the outbox; called inside the change's transaction. */
export type Enqueue = (payload: { id: string }, baseVersion: number) => void;

export interface OpKind {
  /** Starts (an enqueue) or stops (null) writing this kind's changes to the outbox. */
  share(enqueue: Enqueue | null): void;
  /** What was written here that no shared database has applied, oldest first. */
  unshared(): Array<{ id: string }>;
  /** Takes operations of this kind in the shared database's order, inside one local transaction. */
  take(ops: readonly DecidedOp[]): void;
}

const ticketResultSchema = z.object({ version: z.number().int().positive(), skip: z.array(ticketSkipSchema) });

function ticketEvents(tickets: Pick<TicketsApi, 'share' | 'merge' | 'unshared'>): OpKind {
  return {
    share: (enqueue) =>
      tickets.share(
        enqueue &&
          ((events, baseVersion) => {
            for (const event of events) enqueue(event, baseVersion);
          }),
      ),
    unshared: () => tickets.unshared(),
    take: (ops) =>
      tickets.merge(
        ops.map((op) => {
          const { version, skip } = ticketResultSchema.parse(op.result);
          return { event: { ...ticketEventSchema.parse(op.payload), workstation: op.workstation }, version, skip };
        }),
      ),
  };
}

export const ACCOUNT_CHANGE = 'account.change';

/**
 * Accounts (src-main/users): changes made while team mode is on; accounts made before stay this
 * workstation's own. Each takes the state the shared database answered after the change.
 */
function accountChanges(users: Pick<UsersApi, 'shareAccounts' | 'mergeAccounts'>): OpKind {
  return {
    share: (enqueue) => users.shareAccounts(enqueue && ((change) => enqueue({ id: uuidv7(), ...change }, 0))),
    unshared: () => [],
    take: (ops) => users.mergeAccounts(ops.map((op) => accountChangeSchema.parse(op.result))),
  };
}

/**
 * Alert responses (src-main/monitor): who acknowledged a problem first, took it back or resolved it,
 * from the moment team mode is on. The monitor learns whether a claim is this workstation's, never ids.
 */
function alertResponses(monitor: Pick<MonitorApi, 'shareResponses' | 'mergeResponses'>, self: string): OpKind {
  return {
    share: (enqueue) => monitor.shareResponses(enqueue && ((response) => enqueue({ id: uuidv7(), ...response }, 0))),
    unshared: () => [],
    take: (ops) =>
      monitor.mergeResponses(
        ops.map((op) => {
          const claim = alertClaimSchema.parse(op.result);
          return { response: alertResponseSchema.parse(op.payload), claim: { ...claim, workstation: claim.workstation === self ? null : claim.workstation }, here: op.workstation === self };
        }),
      ),
  };
}

export interface OpKindDeps {
  tickets: Pick<TicketsApi, 'share' | 'merge' | 'unshared'>;
  users: Pick<UsersApi, 'shareAccounts' | 'mergeAccounts'>;
  monitor: Pick<MonitorApi, 'shareResponses' | 'mergeResponses'>;
  /** This workstation's id: the answers name workstations by it. */
  self: string;
}

/** Every kind, by the name vigil.apply_op knows it by. */
export function createOpKinds(deps: OpKindDeps): ReadonlyMap<string, OpKind> {
  return new Map([
    ['ticket.event', ticketEvents(deps.tickets)],
    [ACCOUNT_CHANGE, accountChanges(deps.users)],
    ['alert.response', alertResponses(deps.monitor, deps.self)],
  ]);
}
