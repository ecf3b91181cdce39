/**
 * SLA clocks from events, with the clock injected as `now`: the medical
 * emergency's 15-minute escalation and 30-minute target, at-risk shares,
 * pause and resume, business hours across a weekend and a daylight-saving
 * change, a priority change, a reopen; and the snapshot the queue keeps
 * agreeing with a fresh computation at any later moment.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../src-main/tickets/sla/policies';
import { clocksAt, computeClocks, dueMarks, nextMarkAt, queueTimes, snapshotClocks } from '../../../src-main/tickets/sla/sla-clock';
import { EventsBuilder } from './ticket-events';

const MIN = 60_000;
const HOUR = 60 * MIN;
const policy = defaultPolicy('America/New_York');
const T0 = Date.UTC(2026, 2, 4, 15, 0); // a Wednesday, 10:00 EST

describe('the medical emergency', () => {
  const emergency = () => new EventsBuilder(T0, 'emergency');

  it('escalates at 15 minutes and breaches at 30 when nobody resolves it; at risk at 75 % of each target', () => {
    const { events } = emergency();
    const snap = snapshotClocks(policy, events);
    expect(snap.resolution).toMatchObject({ escalateAt: T0 + 15 * MIN, dueAt: T0 + 30 * MIN, riskAt: T0 + 22.5 * MIN });
    expect(snap.firstResponse).toMatchObject({ dueAt: T0 + 15 * MIN, riskAt: T0 + 11.25 * MIN, escalateAt: null });
    expect(dueMarks(snap, [], T0 + 14 * MIN).map((m) => m.key)).toEqual(['firstResponse:at_risk:emergency']);
    expect(dueMarks(snap, ['firstResponse:at_risk:emergency'], T0 + 15 * MIN).map((m) => m.key)).toEqual([
      'firstResponse:breached:emergency',
      'resolution:escalation:emergency',
    ]);
    expect(nextMarkAt(snap, ['firstResponse:at_risk:emergency', 'resolution:escalation:emergency', 'firstResponse:breached:emergency'])).toBe(T0 + 22.5 * MIN);

    const at29 = computeClocks(policy, events, T0 + 29 * MIN).resolution;
    expect(at29).toMatchObject({ state: 'running', outcome: 'pending', atRisk: true, remainingMs: MIN, dueAt: T0 + 30 * MIN, calendar: null, inHours: true });
    const at31 = computeClocks(policy, events, T0 + 31 * MIN).resolution;
    expect(at31).toMatchObject({ outcome: 'breached', remainingMs: -MIN, dueAt: T0 + 30 * MIN, atRisk: false });
  });

  it('stops the first-response clock when the ticket is acknowledged and the resolution clock when it is resolved', () => {
    const { events } = emergency().setStatus(T0 + 4 * MIN, 'acknowledged').setStatus(T0 + 20 * MIN, 'resolved');
    const clocks = computeClocks(policy, events, T0 + 2 * HOUR);
    expect(clocks.firstResponse).toMatchObject({ state: 'stopped', outcome: 'met', elapsedMs: 4 * MIN, dueAt: null });
    expect(clocks.resolution).toMatchObject({ state: 'stopped', outcome: 'met', elapsedMs: 20 * MIN, dueAt: null });
    // The escalation had been reached before it was resolved: it stays reached; nothing is due any more.
    expect(dueMarks(snapshotClocks(policy, events), [], T0 + 2 * HOUR)).toEqual([]);
  });

  it('counts a reply to the requester as the first response', () => {
    const clocks = computeClocks(policy, emergency().reply(T0 + 3 * MIN).events, T0 + 10 * MIN);
    expect(clocks.firstResponse).toMatchObject({ state: 'stopped', outcome: 'met', elapsedMs: 3 * MIN });
    expect(clocks.resolution.state).toBe('running');
  });

  it('pauses while pending and counts on from where it was when work resumes', () => {
    const b = emergency().setStatus(T0 + 5 * MIN, 'acknowledged').setStatus(T0 + 10 * MIN, 'pending', 'vendor');
    const paused = computeClocks(policy, b.events, T0 + 40 * MIN).resolution;
    expect(paused).toMatchObject({ state: 'paused', elapsedMs: 10 * MIN, remainingMs: 20 * MIN, dueAt: null, outcome: 'pending', inHours: false });
    b.setStatus(T0 + 60 * MIN, 'in_progress');
    const resumed = computeClocks(policy, b.events, T0 + 61 * MIN).resolution;
    expect(resumed).toMatchObject({ state: 'running', elapsedMs: 11 * MIN, dueAt: T0 + 80 * MIN });
    expect(snapshotClocks(policy, b.events).resolution.escalateAt).toBe(T0 + 65 * MIN);
  });

  it('counts on from the resolved time when a resolved ticket is reopened', () => {
    const b = emergency().setStatus(T0 + 1 * MIN, 'acknowledged').setStatus(T0 + 10 * MIN, 'resolved').setStatus(T0 + 3 * HOUR, 'in_progress');
    expect(computeClocks(policy, b.events, T0 + 3 * HOUR + 5 * MIN).resolution).toMatchObject({ state: 'running', elapsedMs: 15 * MIN, dueAt: T0 + 3 * HOUR + 20 * MIN });
  });
});

describe('business hours', () => {
  // High: 2 h first response, 8 h resolution, in business hours (Mon–Fri 08:00–18:00, New York).
  const fridayFivePm = Date.UTC(2026, 2, 6, 22, 0); // 17:00 EST; the clocks go forward on Sunday

  it('takes the first response of a High ticket opened late on Friday into Monday morning, after the clocks changed', () => {
    const snap = snapshotClocks(policy, new EventsBuilder(fridayFivePm, 'high').events);
    // One hour on Friday, one on Monday from 08:00 EDT (12:00 UTC).
    expect(snap.firstResponse.dueAt).toBe(Date.UTC(2026, 2, 9, 13, 0));
    const saturday = clocksAt(policy, snap, Date.UTC(2026, 2, 7, 16, 0)).firstResponse;
    expect(saturday).toMatchObject({ state: 'running', inHours: false, elapsedMs: HOUR, remainingMs: HOUR, calendar: 'Business hours' });
  });

  it('moves the due time when a holiday is added to the calendar version the ticket runs under', () => {
    const withHoliday = { ...policy, calendars: [{ ...policy.calendars[0]!, holidays: ['2026-03-09'] }] };
    expect(snapshotClocks(withHoliday, new EventsBuilder(fridayFivePm, 'high').events).firstResponse.dueAt).toBe(Date.UTC(2026, 2, 10, 13, 0));
  });

  it('takes the new priority’s target and calendar from the moment the priority is raised', () => {
    const b = new EventsBuilder(fridayFivePm, 'high').setPriority(fridayFivePm + 30 * MIN, 'critical');
    // 30 minutes counted as High, then Critical (24/7) has 30 minutes to first response: none left.
    expect(snapshotClocks(policy, b.events).firstResponse.dueAt).toBe(fridayFivePm + 30 * MIN);
    expect(snapshotClocks(policy, b.events).resolution.dueAt).toBe(fridayFivePm + 30 * MIN + (4 * HOUR - 30 * MIN));
  });
});

describe('the queue’s snapshot', () => {
  it('orders by the earliest due time of a counting clock and leaves a paused ticket without one', () => {
    const running = snapshotClocks(policy, new EventsBuilder(T0, 'emergency').events);
    expect(queueTimes(policy, running, T0)).toEqual({ dueAt: T0 + 15 * MIN, sla: 0 });
    expect(queueTimes(policy, running, T0 + 12 * MIN)).toEqual({ dueAt: T0 + 15 * MIN, sla: 1 });
    expect(queueTimes(policy, running, T0 + 15 * MIN)).toEqual({ dueAt: T0 + 15 * MIN, sla: 2 });
    const paused = snapshotClocks(policy, new EventsBuilder(T0, 'emergency').setStatus(T0 + MIN, 'pending', 'requester').events);
    expect(queueTimes(policy, paused, T0 + 60 * MIN)).toEqual({ dueAt: null, sla: 0 });
  });

  it('gives at any later moment what the events give then, whatever happened before', () => {
    const statuses = ['acknowledged', 'in_progress', 'pending', 'resolved', 'closed'] as const;
    const step = fc.record({ gap: fc.integer({ min: 0, max: 3 * HOUR }), status: fc.constantFrom(...statuses), priority: fc.constantFrom('emergency', 'critical', 'high', 'medium', 'low' as const) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 8 }), fc.integer({ min: 0, max: 5 * 24 * HOUR }), fc.integer({ min: 0, max: 7 * 24 * HOUR }), (steps, startOffset, later) => {
        const b = new EventsBuilder(Date.UTC(2026, 2, 1) + startOffset, 'medium');
        let at = b.events[0]!.at;
        let status = 'new';
        for (const s of steps) {
          at += s.gap;
          if (s.priority !== 'medium') b.setPriority(at, s.priority);
          const allowed: Record<string, readonly string[]> = { new: statuses, acknowledged: statuses, in_progress: statuses, pending: ['in_progress', 'resolved'], resolved: ['closed', 'in_progress'], closed: ['in_progress'] };
          if (allowed[status]!.includes(s.status) && s.status !== status) {
            b.setStatus(at, s.status, s.status === 'pending' ? 'vendor' : null);
            status = s.status;
          }
        }
        const now = at + later;
        expect(clocksAt(policy, snapshotClocks(policy, b.events), now)).toEqual(computeClocks(policy, b.events, now));
        // The counted time never exceeds the time that passed.
        const clocks = computeClocks(policy, b.events, now);
        expect(clocks.resolution.elapsedMs).toBeLessThanOrEqual(now - b.events[0]!.at);
      }),
      { numRuns: 150 },
    );
  });
});
