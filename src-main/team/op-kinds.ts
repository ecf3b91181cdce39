/**
 * The kinds of shared operation. A kind is a name, a PL/pgSQL branch of
 * vigil.apply_op that applies it in the shared database (shared-migrations),
 * and here how this workstation takes what the shared database decided:
 * others' operations as they are pulled, and its own once applied (with the
 * answer: a version, what lost). Adding a kind is an entry in createOpKinds,
 * a shared migration that adds its branch, and the outbox writes where the
 * change is made (inside that change's transaction).
 */
import { z } from 'zod';
import { ticketEventSchema, ticketSkipSchema } from '../../src-shared/tickets';
import type { TicketsApi } from '../tickets';
import { accountChangeSchema, type UsersApi } from '../users';

/** An operation as the shared database applied it. */
export interface DecidedOp {
  workstation: string;
  payload: unknown;
  result: unknown;
}

export interface OpKind {
  /** Takes operations of this kind in the shared database's order, inside one local transaction. */
  take(ops: readonly DecidedOp[]): void;
}

export const TICKET_EVENT = 'ticket.event';

const ticketResultSchema = z.object({ version: z.number().int().positive(), skip: z.array(ticketSkipSchema) });

function ticketEvents(tickets: Pick<TicketsApi, 'merge'>): OpKind {
  return {
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

/** Accounts take the state the shared database answered after each change (last-writer-wins per field). */
function accountChanges(users: Pick<UsersApi, 'mergeAccounts'>): OpKind {
  return { take: (ops) => users.mergeAccounts(ops.map((op) => accountChangeSchema.parse(op.result))) };
}

export function createOpKinds(deps: { tickets: Pick<TicketsApi, 'merge'>; users: Pick<UsersApi, 'mergeAccounts'> }): ReadonlyMap<string, OpKind> {
  return new Map([
    [TICKET_EVENT, ticketEvents(deps.tickets)],
    [ACCOUNT_CHANGE, accountChanges(deps.users)],
  ]);
}
