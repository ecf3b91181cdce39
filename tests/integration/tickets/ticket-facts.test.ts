/**
 * The facts the KPIs read of tickets (TicketsApi.factsSince): the tickets
 * with events after a sequence, as they stand, a page of the log at a time;
 * SLA outcomes as of each ticket's last event against its policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../src-main/clock';
import { manualTimers } from '../../../src-main/monitor/timers';
import { defaultPolicy, PolicyRepo } from '../../../src-main/tickets/sla/policies';
import { TicketFacts } from '../../../src-main/tickets/store/ticket-facts';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';

const START = Date.UTC(2026, 4, 4, 10);
const MIN = 60_000;
const clock = manualClock(START);
let vigil: TestVigil;
let admin: string;
let facts: TicketFacts;

beforeAll(async () => {
  vigil = await startTestVigil({ clock, tickets: { timers: manualTimers(START), timeZone: 'UTC' }, idleTimeoutMs: 24 * 3_600_000 });
  admin = await vigil.adminToken();
  await vigil.userToken('tess.tech', 'support_tech');
  facts = new TicketFacts(vigil.store.db, new PolicyRepo(vigil.store.db, () => defaultPolicy('UTC'), START));
});

afterAll(async () => {
  await vigil?.close();
});

describe('TicketsApi.factsSince', () => {
  it('reads each changed ticket as it stands, a page of the log at a time', async () => {
    const from = facts.lastSeq();
    expect(facts.since(from, 100)).toEqual({ facts: [], nextSeq: from });

    // An Emergency (24/7: respond within 15 min, resolve within 30) answered in 5 minutes, resolved in 40, rated 4.
    const { ticket: fast } = await vigil.ok('tickets.create', { title: 'Sepsis alerts missing', priority: 'emergency', category: 'clinical', assignee: 'tess.tech' }, admin);
    clock.advance(5 * MIN);
    await vigil.ok('tickets.setStatus', { id: fast.id, status: 'acknowledged' }, admin);
    clock.advance(35 * MIN);
    await vigil.ok('tickets.setStatus', { id: fast.id, status: 'resolved' }, admin);
    await vigil.ok('tickets.csat', { id: fast.id, score: 4 }, admin);
    // A critical ticket escalated and still open.
    const { ticket: open } = await vigil.ok('tickets.create', { title: 'Printer queue', priority: 'critical', category: 'technical' }, admin);
    await vigil.ok('tickets.escalate', { id: open.id }, admin);

    const all = facts.since(from, 100);
    expect(all.nextSeq).toBe(facts.lastSeq());
    expect(all.facts).toEqual([
      {
        number: fast.number,
        createdAt: START,
        priority: 'emergency',
        category: 'clinical',
        assignee: 'tess.tech',
        escalated: false,
        firstResponseAt: START + 5 * MIN,
        doneAt: START + 40 * MIN,
        csat: 4,
        firstResponseSla: 'met',
        resolutionSla: 'breached',
      },
      {
        number: open.number,
        createdAt: START + 40 * MIN,
        priority: 'critical',
        category: 'technical',
        assignee: null,
        escalated: true,
        firstResponseAt: null,
        doneAt: null,
        csat: null,
        firstResponseSla: 'pending',
        resolutionSla: 'pending',
      },
    ]);

    // Two events per page: the first page holds only the Emergency's, as it stands now (resolved).
    const first = facts.since(from, 2);
    expect(first.facts.map((f) => [f.number, f.doneAt])).toEqual([[fast.number, START + 40 * MIN]]);
    expect(first.nextSeq).toBe(from + 2);
    let seq = first.nextSeq;
    const seen = new Set<number>();
    for (let page = facts.since(seq, 2); page.nextSeq !== seq; seq = page.nextSeq, page = facts.since(seq, 2)) page.facts.forEach((f) => seen.add(f.number));
    expect([...seen].sort()).toEqual([fast.number, open.number]);
    expect(seq).toBe(facts.lastSeq());
  });
});
