/**
 * The aggregates follow every change and equal a full recount: random
 * commands (open, move along the workflow, reprioritise, recategorise,
 * assign, escalate, rate) under a clock moved by random steps, then the
 * cells compared with those a rebuild from nothing makes (the same folder
 * opened in another zone and back: each change of zone counts everything
 * again). Also: the tickets' facts reader pages through changes by
 * sequence, and only admins change targets, audited.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../src-main/clock';
import { manualTimers } from '../../../src-main/monitor/timers';
import { CATEGORIES, PRIORITIES, STATUS_TRANSITIONS, type TicketStatus } from '../../../src-shared/tickets';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';

const ZONE = 'Europe/London';
const START = Date.UTC(2026, 2, 27, 9);
const clock = manualClock(START);
let vigil: TestVigil;
let admin: string;

const options = () => ({ clock, tickets: { timers: manualTimers(START), timeZone: ZONE }, idleTimeoutMs: 365 * 24 * 3_600_000, sessionLifetimeMs: 365 * 24 * 3_600_000 });

beforeAll(async () => {
  vigil = await startTestVigil({ ...options(), kpi: { timeZone: ZONE } });
  admin = await vigil.adminToken();
  // People tickets may be assigned to.
  await vigil.userToken('tess.tech', 'support_tech');
  await vigil.userToken('sam.support', 'support_tech');
}, 60_000);

afterAll(async () => {
  await vigil?.close();
});

const cells = (v: TestVigil) => v.store.db.prepare('SELECT grain, dim, start, key, created, done, counts, hex(fr) AS fr, hex(res) AS res FROM kpi_cells ORDER BY grain, dim, start, key').all();

type Command =
  | { kind: 'open'; priority: number; category: number; assign: boolean }
  | { kind: 'status'; pick: number; to: number }
  | { kind: 'priority'; pick: number; to: number }
  | { kind: 'category'; pick: number; to: number }
  | { kind: 'assign'; pick: number; who: number }
  | { kind: 'escalate'; pick: number }
  | { kind: 'csat'; pick: number; score: number }
  | { kind: 'reply'; pick: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('open' as const), priority: fc.nat(4), category: fc.nat(4), assign: fc.boolean() }),
  fc.record({ kind: fc.constant('status' as const), pick: fc.nat(), to: fc.nat(5) }),
  fc.record({ kind: fc.constant('priority' as const), pick: fc.nat(), to: fc.nat(4) }),
  fc.record({ kind: fc.constant('category' as const), pick: fc.nat(), to: fc.nat(4) }),
  fc.record({ kind: fc.constant('assign' as const), pick: fc.nat(), who: fc.nat(2) }),
  fc.record({ kind: fc.constant('escalate' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('csat' as const), pick: fc.nat(), score: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('reply' as const), pick: fc.nat() }),
);

async function run(ids: string[], c: Command): Promise<void> {
  const id = ids.length > 0 && c.kind !== 'open' ? ids[c.pick % ids.length]! : null;
  switch (c.kind) {
    case 'open': {
      const { ticket } = await vigil.ok(
        'tickets.create',
        { title: 'Generated', priority: PRIORITIES[c.priority]!, category: CATEGORIES[c.category]!, ...(c.assign ? { assignee: 'tess.tech' } : {}) },
        admin,
      );
      ids.push(ticket.id);
      return;
    }
    case 'status': {
      if (!id) return;
      const { ticket } = await vigil.ok('tickets.get', { id }, admin);
      const next = STATUS_TRANSITIONS[ticket.status as TicketStatus];
      if (next.length === 0) return;
      const to = next[c.to % next.length]!;
      await vigil.ok('tickets.setStatus', { id, status: to, ...(to === 'pending' ? { pendingReason: 'vendor' as const } : {}) }, admin);
      return;
    }
    case 'priority':
      if (id) await vigil.call('tickets.update', { id, changes: { priority: PRIORITIES[c.to]! } }, admin);
      return;
    case 'category':
      if (id) await vigil.call('tickets.update', { id, changes: { category: CATEGORIES[c.to]! } }, admin);
      return;
    case 'assign':
      if (id) await vigil.call('tickets.assign', { id, assignee: [null, 'tess.tech', 'sam.support'][c.who]! }, admin);
      return;
    case 'escalate':
      // Refused at the top tier: that is a change that does not happen, which the cells must not see either.
      if (id) await vigil.call('tickets.escalate', { id }, admin);
      return;
    case 'csat':
      // Refused unless resolved, and once only.
      if (id) await vigil.call('tickets.csat', { id, score: c.score }, admin);
      return;
    case 'reply':
      if (id) await vigil.call('tickets.comment', { id, visibility: 'public', body: 'On it.' }, admin);
      return;
  }
}

describe('the aggregates', () => {
  it('equal a recount from nothing after any changes', async () => {
    const ids: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(command, fc.integer({ min: 0, max: 20 * 3_600_000 })), { minLength: 5, maxLength: 30 }), async (steps) => {
        for (const [c, wait] of steps) {
          clock.advance(wait);
          await run(ids, c);
        }
        // A report counts every change first.
        await vigil.ok('kpi.report', { range: { preset: '24h' } }, admin);
        const incremental = cells(vigil);
        expect(incremental.length).toBeGreaterThan(0);
        vigil = await vigil.restart({ ...options(), kpi: { timeZone: 'Asia/Kolkata' } });
        admin = await vigil.adminToken();
        await vigil.ok('kpi.report', { range: { preset: '24h' } }, admin);
        expect(cells(vigil)).not.toEqual(incremental);
        vigil = await vigil.restart({ ...options(), kpi: { timeZone: ZONE } });
        admin = await vigil.adminToken();
        await vigil.ok('kpi.report', { range: { preset: '24h' } }, admin);
        expect(cells(vigil)).toEqual(incremental);
      }),
      // Each run restarts Vigil twice: a few runs, no shrinking (a failure shows its commands as they were).
      { numRuns: 5, seed: 1207, endOnFailure: true },
    );
  }, 240_000);
});

describe('KPI targets', () => {
  it('start at the seed’s targets, are read by every role and changed only by admins, audited', async () => {
    const operator = await vigil.userToken('olu.operator', 'operator');
    const settings = await vigil.ok('kpi.settings', {}, operator);
    expect(settings.targets.medicalResponse).toEqual({ comparison: 'lt', value: 30 * 60_000 });
    expect(settings.targets.uptime).toEqual({ comparison: 'gt', value: 99.9 });
    expect(settings.targets.apiResponseMean).toEqual({ comparison: 'lt', value: 500 });
    expect(settings.targets.errorRate).toEqual({ comparison: 'lt', value: 0.1 });
    const changed = { ...settings, targets: { ...settings.targets, medicalResponse: { comparison: 'lt' as const, value: 20 * 60_000 } }, licensedClinicians: 80 };
    const refused = await vigil.call('kpi.setSettings', changed, operator);
    expect(refused.ok || refused.error.code).toBe('FORBIDDEN');
    const invalid = await vigil.call('kpi.setSettings', { ...changed, targets: { ...changed.targets, uptime: { comparison: 'gt', value: -1 } } }, admin);
    expect(invalid.ok || invalid.error.code).toBe('INVALID_INPUT');

    expect(await vigil.ok('kpi.setSettings', changed, admin)).toEqual(changed);
    expect((await vigil.ok('kpi.settings', {}, operator)).targets.medicalResponse).toEqual({ comparison: 'lt', value: 20 * 60_000 });
    const report = await vigil.ok('kpi.report', { range: { preset: '30d' } }, operator);
    expect(report.kpis.find((k) => k.id === 'medicalResponse')!.target).toEqual({ comparison: 'lt', value: 20 * 60_000 });
    const { entries } = await vigil.ok('audit.list', { action: 'kpi.setSettings', limit: 10 }, admin);
    const done = entries.filter((e) => e.outcome === 'ok');
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ actor: 'admin', target: 'kpi:settings' });
    expect(done[0]!.detail).toEqual({
      targets: { medicalResponse: { before: { comparison: 'lt', value: 1_800_000 }, after: { comparison: 'lt', value: 1_200_000 } } },
      licensedClinicians: { before: null, after: 80 },
    });
  });
});
