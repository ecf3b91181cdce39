import { describe, expect, it } from 'vitest';
import { MaintenanceCalendar, nextOccurrence } from '../../../src-main/monitor/maintenance';

const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;

describe('maintenance windows', () => {
  it('a one-off window covers [start, end) of its own connection only', () => {
    const cal = new MaintenanceCalendar([{ id: 'w', targetId: 'conn:1', kind: 'once', start: at('2026-01-05T10:00:00Z'), end: at('2026-01-05T11:00:00Z') }]);
    expect(cal.isInMaintenance('conn:1', at('2026-01-05T09:59:59.999Z'))).toBe(false);
    expect(cal.isInMaintenance('conn:1', at('2026-01-05T10:00:00Z'))).toBe(true);
    expect(cal.isInMaintenance('conn:1', at('2026-01-05T10:59:59.999Z'))).toBe(true);
    expect(cal.isInMaintenance('conn:1', at('2026-01-05T11:00:00Z'))).toBe(false);
    expect(cal.isInMaintenance('conn:2', at('2026-01-05T10:30:00Z'))).toBe(false);
  });

  it('a recurring window for all connections runs across midnight', () => {
    const cal = new MaintenanceCalendar([{ id: 'nightly', targetId: null, kind: 'recurring', cron: '30 23 * * *', durationMs: 60 * MIN }]);
    expect(cal.isInMaintenance('conn:1', at('2026-01-05T23:29:59Z'))).toBe(false);
    expect(cal.isInMaintenance('conn:1', at('2026-01-05T23:30:00Z'))).toBe(true);
    expect(cal.isInMaintenance('conn:2', at('2026-01-06T00:15:00Z'))).toBe(true);
    expect(cal.isInMaintenance('conn:2', at('2026-01-06T00:30:00Z'))).toBe(false);
    expect(cal.current('conn:1', at('2026-01-06T00:15:00Z'))).toMatchObject({
      start: at('2026-01-05T23:30:00Z'),
      end: at('2026-01-06T00:30:00Z'),
    });
    // Asked in any order (the last answer is cached), it still answers right.
    expect(cal.isInMaintenance('conn:1', at('2026-01-01T23:45:00Z'))).toBe(true);
    expect(cal.isInMaintenance('conn:1', at('2026-01-06T12:00:00Z'))).toBe(false);
  });

  it('a UTC window keeps its hours through the daylight-saving changes; a local one moves with them', () => {
    const utc = new MaintenanceCalendar([{ id: 'w', targetId: 'conn:1', kind: 'recurring', cron: '0 2 * * *', durationMs: 120 * MIN }]);
    for (const day of ['2026-03-08', '2026-03-29', '2026-10-25', '2026-11-01']) {
      expect(utc.isInMaintenance('conn:1', at(`${day}T01:59:59Z`))).toBe(false);
      expect(utc.isInMaintenance('conn:1', at(`${day}T02:00:00Z`))).toBe(true);
      expect(utc.isInMaintenance('conn:1', at(`${day}T03:59:59Z`))).toBe(true);
      expect(utc.isInMaintenance('conn:1', at(`${day}T04:00:00Z`))).toBe(false);
    }
    const berlin = new MaintenanceCalendar([{ id: 'w', targetId: 'conn:1', kind: 'recurring', cron: '0 2 * * *', durationMs: 60 * MIN, timezone: 'Europe/Berlin' }]);
    expect(berlin.current('conn:1', at('2026-01-15T01:30:00Z'))!.start).toBe(at('2026-01-15T01:00:00Z'));
    expect(berlin.current('conn:1', at('2026-07-15T00:30:00Z'))!.start).toBe(at('2026-07-15T00:00:00Z'));
  });

  it('a weekly window, and one longer than its period, which never ends', () => {
    const cal = new MaintenanceCalendar([
      { id: 'sunday', targetId: 'conn:1', kind: 'recurring', cron: '0 2 * * SUN', durationMs: 240 * MIN },
      { id: 'always', targetId: 'conn:2', kind: 'recurring', cron: '0 * * * *', durationMs: 90 * MIN },
    ]);
    expect(cal.isInMaintenance('conn:1', at('2026-01-04T03:00:00Z'))).toBe(true); // a Sunday
    expect(cal.isInMaintenance('conn:1', at('2026-01-05T03:00:00Z'))).toBe(false);
    for (let m = 0; m < 24 * 60; m += 17) expect(cal.isInMaintenance('conn:2', at('2026-01-05T00:00:00Z') + m * MIN)).toBe(true);
  });

  it('replaces a window by id, removes it, and refuses bad ones', () => {
    const cal = new MaintenanceCalendar();
    const noon = at('2026-01-05T12:00:00Z');
    cal.set({ id: 'w', targetId: 'conn:1', kind: 'once', start: noon, end: noon + MIN });
    cal.set({ id: 'w', targetId: 'conn:2', kind: 'once', start: noon, end: noon + MIN });
    expect(cal.isInMaintenance('conn:1', noon)).toBe(false);
    expect(cal.isInMaintenance('conn:2', noon)).toBe(true);
    cal.remove('w');
    expect(cal.isInMaintenance('conn:2', noon)).toBe(false);

    expect(() => cal.set({ id: 'x', targetId: null, kind: 'once', start: noon, end: noon })).toThrow(/end after it starts/);
    expect(() => cal.set({ id: 'x', targetId: null, kind: 'recurring', cron: '61 * * * *', durationMs: 60 * MIN })).toThrow(/cron/);
    expect(() => cal.set({ id: 'x', targetId: null, kind: 'recurring', cron: '0 2 * * *', durationMs: 60 * MIN, timezone: 'Mars/Olympus' })).toThrow(/time zone/);
  });

  it('names the occurrence under way, else the next one, for the maintenance list', () => {
    const once = { id: 'o', targetId: null, kind: 'once', start: at('2026-03-01T10:00:00Z'), end: at('2026-03-01T11:00:00Z'), note: '' } as const;
    expect(nextOccurrence(once, at('2026-03-01T09:00:00Z'))).toEqual({ start: once.start, end: once.end });
    expect(nextOccurrence(once, at('2026-03-01T10:30:00Z'))).toEqual({ start: once.start, end: once.end });
    expect(nextOccurrence(once, at('2026-03-01T11:00:00Z'))).toBeNull();
    const nightly = { id: 'n', targetId: 'conn:1', kind: 'recurring', cron: '0 2 * * *', durationMs: 60 * MIN, timezone: 'UTC', note: '' } as const;
    expect(nextOccurrence(nightly, at('2026-03-01T02:30:00Z'))).toEqual({ start: at('2026-03-01T02:00:00Z'), end: at('2026-03-01T03:00:00Z') });
    expect(nextOccurrence(nightly, at('2026-03-01T03:00:00Z'))).toEqual({ start: at('2026-03-02T02:00:00Z'), end: at('2026-03-02T03:00:00Z') });
  });
});
