/**
 * Business time across weekends, holidays and daylight-saving changes, in
 * the zones the changes happen in: the calendar turns each local day's
 * hours into instants on their own, so the wall clock decides.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorking, inHours, workingBetween, zonedInstant } from '../../../src-main/tickets/sla/calendar';
import type { BusinessCalendar } from '../../../src-shared/tickets';

const HOUR = 3_600_000;
const nineToFive = [{ from: '09:00', to: '17:00' }];

function calendar(timeZone: string, week: Partial<BusinessCalendar['week']>, holidays: string[] = []): BusinessCalendar {
  return { id: 'c', name: 'Test hours', timeZone, week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], ...week }, holidays };
}

const newYorkOffice = calendar('America/New_York', { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive });

describe('business hours', () => {
  it('skips a weekend on which the clocks went forward: Friday 16:00 EST + 2 h is Monday 10:00 EDT', () => {
    const friday4pm = Date.UTC(2026, 2, 6, 21, 0); // 16:00 EST (UTC−5); DST starts Sunday 8 March
    const due = addWorking(newYorkOffice, friday4pm, 2 * HOUR);
    expect(due).toBe(Date.UTC(2026, 2, 9, 14, 0)); // 10:00 EDT (UTC−4)
    expect(workingBetween(newYorkOffice, friday4pm, due!)).toBe(2 * HOUR);
    // Over the whole weekend only the Friday hour and the Monday hour count.
    expect(workingBetween(newYorkOffice, friday4pm, Date.UTC(2026, 2, 9, 23, 0))).toBe(9 * HOUR);
  });

  it('skips a holiday: with Monday off the same two hours end on Tuesday', () => {
    const withHoliday = { ...newYorkOffice, holidays: ['2026-03-09'] };
    expect(addWorking(withHoliday, Date.UTC(2026, 2, 6, 21, 0), 2 * HOUR)).toBe(Date.UTC(2026, 2, 10, 14, 0));
  });

  it('counts a 23-hour and a 25-hour day in a round-the-clock calendar (Berlin, March and October)', () => {
    const allDay = [{ from: '00:00', to: '24:00' }];
    const berlin = calendar('Europe/Berlin', { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay });
    // Saturday noon CET to Monday noon CEST: 47 hours passed, not 48.
    expect(workingBetween(berlin, Date.UTC(2026, 2, 28, 11, 0), Date.UTC(2026, 2, 30, 10, 0))).toBe(47 * HOUR);
    const sundays = calendar('Europe/Berlin', { sun: allDay });
    expect(workingBetween(sundays, Date.UTC(2026, 9, 20), Date.UTC(2026, 9, 30))).toBe(25 * HOUR);
    expect(workingBetween(sundays, Date.UTC(2026, 2, 25), Date.UTC(2026, 3, 2))).toBe(23 * HOUR);
  });

  it('keeps office hours on the wall clock: 09:00 is 14:00 UTC in winter and 13:00 UTC in summer', () => {
    expect(addWorking(newYorkOffice, Date.UTC(2026, 2, 6, 12, 0), 0)).toBe(Date.UTC(2026, 2, 6, 12, 0));
    expect(addWorking(newYorkOffice, Date.UTC(2026, 2, 6, 12, 0), 1)).toBe(Date.UTC(2026, 2, 6, 14, 0) + 1);
    expect(addWorking(newYorkOffice, Date.UTC(2026, 2, 9, 12, 0), 1)).toBe(Date.UTC(2026, 2, 9, 13, 0) + 1);
  });

  it('reads a skipped wall time as just after the gap and a repeated one as its second occurrence', () => {
    expect(zonedInstant('Europe/Berlin', { y: 2026, m: 3, d: 29 }, 150)).toBe(Date.UTC(2026, 2, 29, 1, 30)); // 02:30 → 03:30 CEST
    expect(zonedInstant('Europe/Berlin', { y: 2026, m: 10, d: 25 }, 150)).toBe(Date.UTC(2026, 9, 25, 1, 30)); // the CET 02:30
    expect(zonedInstant('America/New_York', { y: 2026, m: 11, d: 1 }, 90)).toBe(Date.UTC(2026, 10, 1, 6, 30)); // the EST 01:30
    expect(zonedInstant('America/New_York', { y: 2026, m: 3, d: 8 }, 150)).toBe(Date.UTC(2026, 2, 8, 7, 30)); // 02:30 → 03:30 EDT
  });

  it('knows when it is in hours', () => {
    expect(inHours(newYorkOffice, Date.UTC(2026, 2, 9, 13, 0))).toBe(true); // Monday 09:00 EDT
    expect(inHours(newYorkOffice, Date.UTC(2026, 2, 9, 12, 59))).toBe(false);
    expect(inHours(newYorkOffice, Date.UTC(2026, 2, 7, 15, 0))).toBe(false); // Saturday
    expect(inHours(null, 0)).toBe(true);
  });

  it('has no due time for a target its calendar cannot reach within three years', () => {
    const oneMinuteAWeek = calendar('UTC', { mon: [{ from: '09:00', to: '09:01' }] });
    expect(addWorking(oneMinuteAWeek, Date.UTC(2026, 0, 1), 1_000 * HOUR)).toBeNull();
  });

  it('agrees with itself: the business time up to addWorking(from, ms) is ms, for any start and amount', () => {
    const berlinOffice = calendar('Europe/Berlin', { mon: nineToFive, tue: [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '18:30' }], fri: nineToFive, sun: [{ from: '00:00', to: '24:00' }] }, ['2026-04-03']);
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }), fc.integer({ min: 0, max: 200 * HOUR }), (from, ms) => {
        for (const cal of [newYorkOffice, berlinOffice, null]) {
          const due = addWorking(cal, from, ms);
          expect(due).not.toBeNull();
          expect(workingBetween(cal, from, due!)).toBe(ms);
          if (ms > 0) expect(workingBetween(cal, from, due! - 1)).toBe(ms - 1);
        }
      }),
      { numRuns: 150 },
    );
  });
});
