/**
 * Two workstations sharing one PostgreSQL edit a ticket apart and come
 * back in either order: every view and the shared database end identical,
 * the history holds every operation once, and a stale edit of a closed
 * ticket is a conflict on it rather than a silent reopen.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent } from '../../helpers/next-event';
import { startPostgres, type PgCluster } from '../../helpers/postgres';
import { startWorkstations, stopWorkstations, syncAll, type Workstation } from '../../helpers/team';

let cluster: PgCluster;
let a: Workstation;
let b: Workstation;
let all: Workstation[];
let su: pg.Client;

beforeAll(async () => {
  cluster = await startPostgres();
  all = await startWorkstations(cluster, ['A', 'B']);
  [a, b] = all as [Workstation, Workstation];
  su = await cluster.connect();
});

afterAll(async () => {
  await su?.end();
  await stopWorkstations(all ?? []);
  await cluster?.destroy();
});

async function view(ws: Workstation, id: string) {
  const d = await ws.vigil.ok('tickets.get', { id }, ws.token);
  const { priority, assignee, status, title, conflicts } = d.ticket;
  return {
    ticket: { priority, assignee, status, title, conflicts: conflicts.map((c) => ({ eventId: c.eventId, field: c.field, wanted: c.wanted, kept: c.kept })) },
    comments: d.comments.map((c) => c.body).sort(),
    history: d.timeline.map((e) => e.id).sort(),
  };
}

async function shared(id: string) {
  const fields = await su.query<{ field: string; value: unknown }>('SELECT field, value FROM vigil.ticket_fields WHERE ticket_id = $1 ORDER BY field', [id]);
  const events = await su.query<{ event_id: string }>('SELECT event_id FROM vigil.ticket_events WHERE ticket_id = $1', [id]);
  return { fields: Object.fromEntries(fields.rows.map((r) => [r.field, r.value])), events: events.rows.map((r) => r.event_id).sort() };
}

/** A shared ticket, then both workstations edit it offline; `first` comes back first. */
async function editApart(first: 'A' | 'B') {
  const { ticket } = await a.vigil.ok('tickets.create', { title: `printer on ward ${first}`, priority: 'medium', category: 'technical' }, a.token);
  await syncAll(all);
  expect((await view(b, ticket.id)).ticket.title).toBe(ticket.title);

  a.link.offline = true;
  b.link.offline = true;
  // B raises it, takes it and acknowledges it; A's later edits carry later clocks.
  await b.vigil.ok('tickets.update', { id: ticket.id, changes: { priority: 'critical' } }, b.token);
  await b.vigil.ok('tickets.assign', { id: ticket.id, assignee: 'tech2' }, b.token);
  await b.vigil.ok('tickets.comment', { id: ticket.id, visibility: 'internal', body: 'B: on my way' }, b.token);
  await b.vigil.ok('tickets.setStatus', { id: ticket.id, status: 'acknowledged' }, b.token);
  // A, not knowing, lowers it to high, gives it to tech1 and works it to its end.
  await a.vigil.ok('tickets.update', { id: ticket.id, changes: { priority: 'high' } }, a.token);
  await a.vigil.ok('tickets.assign', { id: ticket.id, assignee: 'tech1' }, a.token);
  await a.vigil.ok('tickets.comment', { id: ticket.id, visibility: 'internal', body: 'A: replaced the toner' }, a.token);
  await a.vigil.ok('tickets.setStatus', { id: ticket.id, status: 'in_progress' }, a.token);
  await a.vigil.ok('tickets.setStatus', { id: ticket.id, status: 'resolved' }, a.token);
  await a.vigil.ok('tickets.setStatus', { id: ticket.id, status: 'closed' }, a.token);
  expect((await a.sync()).waiting).toBe(6);

  const order = first === 'A' ? [a, b] : [b, a];
  for (const ws of order) {
    ws.link.offline = false;
    await ws.sync();
  }
  await syncAll(all);
  return ticket.id;
}

/**
 * Both views and PostgreSQL agree, and in either order: last writer wins for
 * the assignee and the more urgent priority stays (A's high came later),
 * the ticket ends closed, and every event is in the history once.
 */
async function expectConverged(id: string) {
  const [va, vb, pg] = [await view(a, id), await view(b, id), await shared(id)];
  expect(va).toEqual(vb);
  expect(va.ticket).toMatchObject({ assignee: 'tech1', priority: 'critical', status: 'closed' });
  expect(va.comments).toEqual(['A: replaced the toner', 'B: on my way']);
  expect(pg.fields).toMatchObject({ priority: 'critical', status: 'closed', assignee: 'tech1' });
  expect(va.history).toEqual(pg.events);
  expect(va.history).toHaveLength(1 + 6 + 4);
  for (const ws of all) expect((await ws.sync()).waiting).toBe(0);
  return va;
}

describe('two workstations edit one ticket apart', () => {
  it("converge when A comes back first: B's stale acknowledge is a conflict on the closed ticket", async () => {
    const merged = await expectConverged(await editApart('A'));
    expect(merged.ticket.conflicts).toMatchObject([{ field: 'status', wanted: 'acknowledged', kept: 'closed' }]);
  });

  it('converge when B comes back first: its acknowledge was not stale, so A closes the ticket without a conflict', async () => {
    const merged = await expectConverged(await editApart('B'));
    expect(merged.ticket.conflicts).toEqual([]);
  });

  it('keeps the losing value in the history: the timeline shows the skipped change', async () => {
    const { ticket } = await a.vigil.ok('tickets.create', { title: 'scanner', priority: 'medium', category: 'technical' }, a.token);
    await syncAll(all);
    a.link.offline = true;
    await a.vigil.ok('tickets.update', { id: ticket.id, changes: { priority: 'low' } }, a.token);
    await b.vigil.ok('tickets.update', { id: ticket.id, changes: { priority: 'high' } }, b.token);
    await b.sync();
    a.link.offline = false;
    await syncAll(all);
    for (const ws of all) {
      const d = await ws.vigil.ok('tickets.get', { id: ticket.id }, ws.token);
      expect(d.ticket.priority).toBe('high');
      const lost = d.timeline.find((e) => e.changes.some((c) => c.field === 'priority' && c.after === 'low'));
      expect(lost?.skipped).toMatchObject([{ field: 'priority', conflict: false, current: 'high' }]);
    }
  });

  it('settles a conflict when a person sets the status again', async () => {
    const id = await editApart('A');
    await b.vigil.ok('tickets.setStatus', { id, status: 'in_progress' }, b.token);
    await syncAll(all);
    for (const ws of all) {
      const v = await view(ws, id);
      expect(v.ticket.status).toBe('in_progress');
      expect(v.ticket.conflicts).toEqual([]);
    }
  });

  it('brings a change to the other workstation on its own: the change wakes the push, NOTIFY wakes the pull', async () => {
    const { ticket } = await a.vigil.ok('tickets.create', { title: 'no sync button', priority: 'low', category: 'technical' }, a.token);
    await syncAll(all);
    // The timers are a minute apart here: only the local change and the notification can move it in time.
    const heard = nextEvent(b.vigil.events, 'ticket.changed', (p) => p.ticketId === ticket.id, 20_000);
    await a.vigil.ok('tickets.comment', { id: ticket.id, visibility: 'internal', body: 'pushed and heard' }, a.token);
    await heard;
    expect((await view(b, ticket.id)).comments).toEqual(['pushed and heard']);
  });
});
