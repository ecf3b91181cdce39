import type { TicketRow } from '../../../src-shared/tickets';
import { TIER_LABELS } from '../../../src-shared/tickets';
import { useBulkTicketAction } from '../../api/tickets';
import { outcomeText } from './bulk-outcome';

/**
 * The actions a single key does at once, without a dialog: assign to me
 * (only if the assignee is still who the person saw, so two people pressing
 * a together do not take a ticket from each other) and escalate a tier.
 */
export function useQuickActions(say: (message: string) => void) {
  const bulk = useBulkTicketAction();
  return {
    pending: bulk.isPending,
    assignToMe: (targets: readonly TicketRow[]) =>
      bulk.mutate(
        targets.map((row) => ({ key: row.key, run: (call) => call('tickets.assign', { id: row.id, assignee: 'me', expected: row.assignee }) })),
        { onSuccess: (outcome) => say(outcomeText('Assigned to you', outcome)) },
      ),
    escalate: (row: TicketRow) =>
      bulk.mutate([{ key: row.key, run: (call) => call('tickets.escalate', { id: row.id }) }], {
        onSuccess: (outcome) => say(outcome.failed.length > 0 ? outcomeText('', outcome) : `${row.key} escalated from ${TIER_LABELS[row.tier]}.`),
      }),
  };
}
