/**
 * A property over three workstations sharing one PostgreSQL: whatever they
 * do to a ticket (priority, assignee, status, comments), cut off and back
 * in any order, with lost answers (duplicate pushes) and pulls replayed from
 * the start (duplicate, reordered delivery), they end identical to each
 * other and to the shared database, and every operation is there once.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIORITIES, STATUSES } from '../../../src-shared/tickets';
import { startPostgres, type PgCluster } from '../../helpers/postgres';
import { startWorkstations, stopWorkstations, syncAll, type Workstation } from '../../helpers/team';

let cluster: PgCluster;
let all: Workstation[];

beforeAll(async () => {
  cluster = await startPostgres();
  all = await startWorkstations(cluster, ['A', 'B', 'C']);
});

afterAll(async () => {
  await stopWorkstations(all ?? []);
  await cluster?.destroy();
});

const wsIndex = fc.integer({ min: 0, max: 2 });
const command = fc.oneof(
  fc.record({ ws: wsIndex, kind: fc.constant('priority' as const), priority: fc.constantFrom(...PRIORITIES) }),
  fc.record({ ws: wsIndex, kind: fc.constant('assign' as const), who: fc.constantFrom('tech1', 'tech2', null) }),
  fc.record({ ws: wsIndex, kind: fc.constant('status' as const), status: fc.constantFrom(...STATUSES) }),
  fc.record({ ws: wsIndex, kind: fc.constant('comment' as const) }),
  fc.record({ ws: wsIndex, kind: fc.constant('link' as const), offline: fc.boolean() }),
  fc.record({ ws: wsIndex, kind: fc.constant('sync' as const) }),
  fc.record({ ws: wsIndex, kind: fc.constant('lose' as const) }),
  fc.record({ ws: wsIndex, kind: fc.constant('replay' as const) }),
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

let run = 0;

async function apply(c: Command, ticketId: string): Promise<void> {
  const ws = all[c.ws]!;
  const { vigil, token } = ws;
  switch (c.kind) {
    case 'priority':
      await vigil.call('tickets.update', { id: ticketId, changes: { priority: c.priority } }, token);
      break;
    case 'assign':
      await vigil.call('tickets.assign', { id: ticketId, assignee: c.who }, token);
      break;
    case 'status':
      // The workflow refuses what its state does not allow; that is part of the game.
      await vigil.call('tickets.setStatus', c.status === 'pending' ? { id: ticketId, status: 'pending', pendingReason: 'vendor' } : { id: ticketId, status: c.status }, token);
      break;
    case 'comment':
      await vigil.ok('tickets.comment', { id: ticketId, visibility: 'internal', body: `${ws.name} says ${run}-${Math.random().toString(36).slice(2, 8)}` }, token);
      break;
    case 'link':
      ws.link.offline = c.offline;
      break;
    case 'sync':
      await ws.sync();
      break;
    case 'lose':
      ws.link.loseAnswers = 1;
      await ws.sync();
      ws.link.loseAnswers = 0;
      break;
    case 'replay':
      // Everything pulled again from the start: each operation arrives a second time, in the shared order.
      vigil.store.db.prepare("UPDATE team_sync SET cursor_txid = '0', cursor_pos = '0' WHERE id = 1").run();
      await ws.sync();
      break;
  }
}

async function view(ws: Workstation, id: string) {
  const d = await ws.vigil.ok('tickets.get', { id }, ws.token);
  const { priority, assignee, status, conflicts } = d.ticket;
  return { priority, assignee, status, conflicts: conflicts.map((c) => c.eventId), comments: d.comments.map((c) => c.id).sort(), history: d.timeline.map((e) => e.id).sort() };
}

describe('three workstations, random edits, partitions, duplicates and reordering', () => {
  it('all converge and every operation is accounted for', async () => {
    const su = await cluster.connect();
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 14 }), async (commands) => {
          run += 1;
          for (const ws of all) ws.link.offline = false;
          const { ticket } = await all[0]!.vigil.ok('tickets.create', { title: `run ${run}`, priority: 'medium', category: 'technical' }, all[0]!.token);
          await syncAll(all);
          for (const c of commands) await apply(c, ticket.id);
          for (const ws of all) ws.link.offline = false;
          await syncAll(all);

          const views = await Promise.all(all.map((ws) => view(ws, ticket.id)));
          expect(views[1]).toEqual(views[0]);
          expect(views[2]).toEqual(views[0]);
          for (const ws of all) expect((await ws.sync()).waiting).toBe(0);

          // Every event written anywhere is in the shared history once, and every workstation has exactly those.
          const written = all.flatMap((ws) =>
            (ws.vigil.store.db.prepare('SELECT id FROM ticket_events WHERE ticket_id = ? AND workstation IS NULL').all(ticket.id) as { id: string }[]).map((r) => r.id),
          );
          const { rows } = await su.query<{ event_id: string; n: number }>('SELECT event_id, count(*)::int AS n FROM vigil.ticket_events WHERE ticket_id = $1 GROUP BY event_id', [ticket.id]);
          expect(rows.every((r) => r.n === 1)).toBe(true);
          expect(rows.map((r) => r.event_id).sort()).toEqual([...written].sort());
          expect(views[0]!.history).toEqual([...written].sort());

          const fields = await su.query<{ field: string; value: unknown }>("SELECT field, value FROM vigil.ticket_fields WHERE ticket_id = $1 AND field IN ('priority', 'assignee', 'status')", [ticket.id]);
          const shared = Object.fromEntries(fields.rows.map((r) => [r.field, r.value]));
          expect({ priority: views[0]!.priority, assignee: views[0]!.assignee, status: views[0]!.status }).toEqual({ assignee: null, ...shared });
        }),
        { numRuns: 12, endOnFailure: true },
      );
      const dup = await su.query('SELECT op_id FROM vigil.ops GROUP BY op_id HAVING count(*) > 1');
      expect(dup.rows).toEqual([]);
    } finally {
      await su.end();
    }
  });
});
