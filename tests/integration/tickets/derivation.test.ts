/**
 * The stored ticket row is what the ticket's events make: replaying the
 * append-only log from the store gives the row's state, its clocks and the
 * queue's columns, for hand-picked and for random sequences of commands
 * (fast-check) on a real encrypted store. The log refuses edits.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../src-main/clock';
import { EventBus } from '../../../src-main/events';
import { deriveTicket } from '../../../src-main/tickets/derive';
import { TicketConflictError, TicketInputError } from '../../../src-main/tickets/service/errors';
import { TicketService } from '../../../src-main/tickets/service/ticket-service';
import { TicketWriter } from '../../../src-main/tickets/service/ticket-writer';
import { defaultPolicy, PolicyRepo } from '../../../src-main/tickets/sla/policies';
import { nextMarkAt, queueTimes, snapshotClocks } from '../../../src-main/tickets/sla/sla-clock';
import { NO_DUE, TicketRepo } from '../../../src-main/tickets/store/ticket-repo';
import { PRIORITIES, priorityRank, STATUSES } from '../../../src-shared/tickets';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';

const MIN = 60_000;
const clock = manualClock(Date.UTC(2026, 5, 1, 12));
let vigil: TestVigil;
let repo: TicketRepo;
let policies: PolicyRepo;
let service: TicketService;

beforeAll(async () => {
  vigil = await startTestVigil({ clock });
  const db = vigil.store.db;
  repo = new TicketRepo(db);
  policies = new PolicyRepo(db, () => defaultPolicy('Europe/London'), clock.now());
  service = new TicketService(new TicketWriter({ db, repo, policies, events: new EventBus(), clock }));
});

afterAll(async () => {
  await vigil?.close();
});

/** The row as stored, against the replay of the ticket's events. */
function expectRowIsReplay(id: string): void {
  const stored = repo.find(id)!;
  const events = repo.events(id);
  const replayed = deriveTicket(events);
  expect(stored.state).toEqual(replayed);
  const policy = policies.get(replayed.policyVersion).policy;
  const clocks = snapshotClocks(policy, events);
  expect(stored.clocks).toEqual(clocks);
  const times = queueTimes(policy, clocks, replayed.updatedAt);
  const row = vigil.store.db.prepare('SELECT status, priority, assignee, tier, open, queue_key, sla, mark_at FROM tickets WHERE id = ?').get(id);
  expect(row).toEqual({
    status: replayed.status,
    priority: priorityRank(replayed.priority),
    assignee: replayed.assignee,
    tier: replayed.tier,
    open: replayed.status === 'resolved' || replayed.status === 'closed' ? 0 : 1,
    queue_key: times.dueAt ?? NO_DUE,
    sla: times.sla,
    mark_at: nextMarkAt(clocks, replayed.marks),
  });
}

const create = (title: string) =>
  service.create({ title, description: '', requester: { name: '', department: '', contact: '' }, priority: 'high', category: 'technical', emergency: null, tags: [], assignee: null, tier: 1, links: [] }, 'tess', () => null).state;

describe('the row and the log', () => {
  it('agree after a ticket’s whole life', () => {
    const t = create('A whole life');
    clock.advance(5 * MIN);
    service.assign(t.id, 'tess', null, 'tess');
    service.setStatus(t.id, 'acknowledged', undefined, 'tess');
    service.comment(t.id, 'public', 'Looking', 'tess', () => {});
    service.update(t.id, { priority: 'emergency', emergency: 'system_downtime', tags: ['ehr'] }, 'tess');
    service.link(t.id, { kind: 'connection', ref: '3', label: 'Epic' }, false, 'tess', () => null);
    clock.advance(20 * MIN);
    service.setStatus(t.id, 'pending', 'vendor', 'tess');
    clock.advance(60 * MIN);
    service.setStatus(t.id, 'resolved', undefined, 'tess');
    service.csat(t.id, 5, 'Thanks', 'tess');
    expectRowIsReplay(t.id);
    expect(repo.events(t.id).map((e) => e.seq)).toEqual([...repo.events(t.id).map((e) => e.seq)].sort((a, b) => a - b));
  });

  it('cannot be edited: the log refuses updates and deletes', () => {
    const t = create('Tamper');
    expect(() => vigil.store.db.prepare("UPDATE ticket_events SET actor = 'mallory' WHERE ticket_id = ?").run(t.id)).toThrow(/append-only/);
    expect(() => vigil.store.db.prepare('DELETE FROM ticket_events WHERE ticket_id = ?').run(t.id)).toThrow(/append-only/);
  });

  it('agree after any sequence of commands, refused ones included', () => {
    const command = fc.oneof(
      fc.record({ kind: fc.constant('advance' as const), minutes: fc.integer({ min: 0, max: 600 }) }),
      fc.record({ kind: fc.constant('status' as const), status: fc.constantFrom(...STATUSES), reason: fc.constantFrom('requester', 'vendor', 'change_window' as const) }),
      fc.record({ kind: fc.constant('priority' as const), priority: fc.constantFrom(...PRIORITIES) }),
      fc.record({ kind: fc.constant('assign' as const), who: fc.constantFrom('tess', 'tom', null), expected: fc.constantFrom('tess', 'tom', null, undefined) }),
      fc.record({ kind: fc.constant('comment' as const), visibility: fc.constantFrom('internal', 'public' as const) }),
      fc.record({ kind: fc.constant('escalate' as const) }),
      fc.record({ kind: fc.constant('follow' as const), on: fc.boolean() }),
      fc.record({ kind: fc.constant('tags' as const), tags: fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }) }),
      fc.record({ kind: fc.constant('csat' as const), score: fc.integer({ min: 1, max: 5 }) }),
      fc.record({ kind: fc.constant('link' as const), ref: fc.constantFrom('1', '2'), remove: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 25 }), (commands) => {
        const t = create('Random');
        for (const c of commands) {
          try {
            switch (c.kind) {
              case 'advance':
                clock.advance(c.minutes * MIN);
                break;
              case 'status':
                service.setStatus(t.id, c.status, c.status === 'pending' ? c.reason : undefined, 'tess');
                break;
              case 'priority':
                service.update(t.id, { priority: c.priority }, 'tess');
                break;
              case 'assign':
                service.assign(t.id, c.who, c.expected, 'tess');
                break;
              case 'comment':
                service.comment(t.id, c.visibility, 'note', 'tess', () => {});
                break;
              case 'escalate':
                service.escalate(t.id, undefined, undefined, 'tess');
                break;
              case 'follow':
                service.follow(t.id, 'sam', c.on, 'sam', () => {});
                break;
              case 'tags':
                service.update(t.id, { tags: c.tags }, 'tess');
                break;
              case 'csat':
                service.csat(t.id, c.score, '', 'tess');
                break;
              case 'link':
                service.link(t.id, { kind: 'connection', ref: c.ref, label: null }, c.remove, 'tess', () => null);
                break;
            }
          } catch (err) {
            if (!(err instanceof TicketConflictError) && !(err instanceof TicketInputError)) throw err;
          }
        }
        expectRowIsReplay(t.id);
      }),
      { numRuns: 60 },
    );
  });
});
