import { describe, expect, it } from 'vitest';
import { MaintenanceCalendar } from '../../../src-main/monitor/maintenance';
import { StateMachine, type StatusChange } from '../../../src-main/monitor/state';
import { failing, optionalFailing, passing } from './helpers';

const T0 = Date.UTC(2026, 0, 1, 10, 0, 0);
const MIN = 60_000;

function setup(calendar = new MaintenanceCalendar()) {
  const changes: StatusChange[] = [];
  const sm = new StateMachine({ maintenance: calendar, onChange: (c) => changes.push(c), flapping: { maxTransitions: 4, windowMs: 10 * MIN } });
  sm.track('conn:1', { latencyThresholdMs: 1_000 }, T0);
  return { sm, changes };
}

const final = (outcome = passing(), attempt = 0) => ({ targetId: 'conn:1', outcome, attempt, final: true });

describe('connection state', () => {
  it('is UNKNOWN until the first verdict, then follows final reports only', () => {
    const { sm, changes } = setup();
    expect(sm.get('conn:1')).toMatchObject({ state: 'UNKNOWN', health: 'UNKNOWN' });

    sm.record(final(), T0 + 1_000);
    expect(changes.map((c) => [c.from, c.status.state])).toEqual([['UNKNOWN', 'UP']]);
    expect(sm.get('conn:1')!.reason).toBe('All probes passed in 120 ms');

    // Failures with retries still to come change nothing.
    sm.record({ ...final(failing()), final: false }, T0 + 31_000);
    sm.record({ ...final(failing()), attempt: 1, final: false }, T0 + 36_000);
    expect(changes).toHaveLength(1);
    expect(sm.get('conn:1')).toMatchObject({ state: 'UP', checkedAt: T0 + 36_000 });

    sm.record(final(failing('Connection refused'), 2), T0 + 41_000);
    expect(changes[1]!.from).toBe('UP');
    expect(changes[1]!.status).toMatchObject({
      state: 'DOWN',
      health: 'DOWN',
      since: T0 + 41_000,
      reason: 'capability: Connection refused (failed 3 times in a row)',
    });
  });

  it('is DEGRADED when slow beyond its threshold or when an optional probe fails', () => {
    const { sm, changes } = setup();
    sm.record(final(passing(2_400)), T0);
    expect(sm.get('conn:1')).toMatchObject({ state: 'DEGRADED', reason: 'Slow: 2400 ms, over the 1000 ms threshold', latencyMs: 2_400 });
    sm.record(final(passing(300)), T0 + 30_000);
    sm.record(final(optionalFailing()), T0 + 60_000);
    expect(sm.get('conn:1')).toMatchObject({ state: 'DEGRADED', reason: 'cds: CDS Hooks discovery answered 503' });
    expect(changes.map((c) => c.status.state)).toEqual(['DEGRADED', 'UP', 'DEGRADED']);

    sm.track('conn:1', { latencyThresholdMs: null }, T0);
    sm.record(final(passing(9_000)), T0 + 90_000);
    expect(sm.get('conn:1')!.state).toBe('UP');
  });

  it('shows MAINTENANCE during a window while still recording the health underneath', () => {
    const calendar = new MaintenanceCalendar([{ id: 'w', targetId: 'conn:1', kind: 'once', start: T0 + 10 * MIN, end: T0 + 20 * MIN }]);
    const { sm, changes } = setup(calendar);
    sm.record(final(), T0);
    sm.record(final(failing()), T0 + 11 * MIN);
    expect(sm.get('conn:1')).toMatchObject({ state: 'MAINTENANCE', health: 'DOWN' });
    sm.record(final(failing()), T0 + 21 * MIN);
    expect(changes.map((c) => [c.status.state, c.status.health])).toEqual([
      ['UP', 'UP'],
      ['MAINTENANCE', 'DOWN'],
      ['DOWN', 'DOWN'],
    ]);
  });

  it('ignores reports while PAUSED and starts again from UNKNOWN on resume', () => {
    const { sm, changes } = setup();
    sm.record(final(), T0);
    sm.pause('conn:1', T0 + MIN);
    sm.record(final(failing()), T0 + 2 * MIN);
    expect(sm.get('conn:1')).toMatchObject({ state: 'PAUSED', health: 'UP', reason: 'Paused by an operator' });
    sm.resume('conn:1', T0 + 3 * MIN);
    expect(sm.get('conn:1')).toMatchObject({ state: 'UNKNOWN', health: 'UNKNOWN' });
    sm.record(final(failing()), T0 + 4 * MIN);
    expect(changes.map((c) => c.status.state)).toEqual(['UP', 'PAUSED', 'UNKNOWN', 'DOWN']);
  });

  it('marks flapping after more than 4 changes in 10 minutes, and clears it after 10 stable minutes', () => {
    const { sm, changes } = setup();
    sm.record(final(), T0);
    for (let i = 1; i <= 6; i++) sm.record(final(i % 2 ? failing() : passing()), T0 + i * MIN);
    const flags = changes.map((c) => [c.status.state, c.status.flapping]);
    expect(flags).toEqual([
      ['UP', false],
      ['DOWN', false],
      ['UP', false],
      ['DOWN', false],
      ['UP', false],
      ['DOWN', true],
      ['UP', true],
    ]);
    // Four changes in the next ten minutes would not start it, but it only ends once stable for a window.
    sm.record(final(), T0 + 15 * MIN);
    expect(sm.get('conn:1')!.flapping).toBe(true);
    sm.record(final(), T0 + 16 * MIN + 1);
    expect(changes.at(-1)!.status).toMatchObject({ state: 'UP', flapping: false });
  });
});
