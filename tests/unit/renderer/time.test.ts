import { describe, expect, it } from 'vitest';
import {
  formatLocalTime,
  formatMoment,
  localizeInstants,
  localClock,
  localDateTime,
  localMoment,
  localRange,
  parseLocalTime,
} from '../../../src-renderer/lib/time';

const at = (...parts: [number, number, number, number?, number?, number?]) => new Date(...parts).getTime();

describe('times as the console writes them', () => {
  it('year first, two digits each, on a 24-hour clock', () => {
    expect(localDateTime(at(2026, 0, 5, 0, 7, 3))).toBe('2026-01-05 00:07:03');
    expect(localDateTime(at(2026, 10, 23, 23, 59, 59))).toBe('2026-11-23 23:59:59');
    expect(localClock(at(2026, 10, 23, 9, 5))).toBe('09:05');
  });

  it('says the date once when it is the same, and only the time today', () => {
    expect(localRange(at(2026, 10, 23, 22), at(2026, 10, 23, 23, 30))).toBe('2026-11-23 22:00 – 23:30');
    expect(localRange(at(2026, 10, 23, 22), at(2026, 10, 24, 1))).toBe('2026-11-23 22:00 – 2026-11-24 01:00');
    expect(localMoment(at(2026, 10, 23, 16, 30), at(2026, 10, 23, 9))).toBe('16:30');
    expect(localMoment(at(2026, 10, 24, 16, 30), at(2026, 10, 23, 9))).toBe('2026-11-24 16:30');
  });
});

describe('moments in main’s own sentences', () => {
  it('are said in local time, the rest of the sentence as it was', () => {
    const until = at(2026, 10, 23, 16, 30);
    const now = at(2026, 10, 23, 9);
    const iso = new Date(until).toISOString();
    expect(localizeInstants(`locked until ${iso}. Wait.`, now)).toBe(`locked until ${formatMoment(until, now)}. Wait.`);
    expect(localizeInstants('No time here: 2026-11-23 is a date.', now)).toBe('No time here: 2026-11-23 is a date.');
  });
});

describe('times as people type them', () => {
  it('reads a day, a minute or a second, and only real ones', () => {
    expect(parseLocalTime('2026-11-23')).toBe(at(2026, 10, 23));
    expect(parseLocalTime(' 2026-11-23 14:05 ')).toBe(at(2026, 10, 23, 14, 5));
    expect(parseLocalTime('2026-11-23T14:05:09')).toBe(at(2026, 10, 23, 14, 5, 9));
    for (const wrong of ['2026-02-30', '2026-11-23 24:00', '11/23/2026', '2026-11-23 14', '']) expect(parseLocalTime(wrong)).toBeNull();
  });

  it('takes in the whole unit typed as the end of a range, and shows it back as typed', () => {
    for (const typed of ['2026-11-23', '2026-11-23 14:05', '2026-11-23 14:05:09', '2026-12-31']) {
      const to = parseLocalTime(typed, 'to');
      expect(formatLocalTime(to ?? undefined, 'to')).toBe(typed);
      expect(formatLocalTime(parseLocalTime(typed) ?? undefined, 'from')).toBe(typed);
    }
    expect(parseLocalTime('2026-12-31', 'to')).toBe(at(2027, 0, 1));
    expect(formatLocalTime(undefined, 'from')).toBe('');
  });
});
