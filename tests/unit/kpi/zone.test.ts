/** Local hours and days in a zone, across daylight-saving changes and zones off the whole hour. */
import { describe, expect, it } from 'vitest';
import { Zone } from '../../../src-main/kpi/zone';

const HOUR = 3_600_000;

describe('Zone', () => {
  it('makes the spring-forward day 23 hours and the fall-back day 25 in New York', () => {
    const z = new Zone('America/New_York');
    const spring = z.midnight(2026, 3, 8);
    expect(new Date(spring).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(z.nextDay(spring) - spring).toBe(23 * HOUR);
    const fall = z.midnight(2026, 11, 1);
    expect(z.nextDay(fall) - fall).toBe(25 * HOUR);
    expect(z.previousDay(z.nextDay(fall))).toBe(fall);
    expect(z.dateOf(fall)).toBe('2026-11-01');
    // Both 01:xx hours of the fall-back night are hours of their own.
    const first = Date.parse('2026-11-01T05:30:00Z');
    const second = Date.parse('2026-11-01T06:30:00Z');
    expect(z.hourStart(second) - z.hourStart(first)).toBe(HOUR);
    expect(z.dayStart(second)).toBe(fall);
  });

  it('cuts hours where the clocks do in a zone half an hour off UTC', () => {
    const z = new Zone('Asia/Kolkata');
    const t = Date.parse('2026-06-01T10:10:00Z');
    expect(new Date(z.hourStart(t)).toISOString()).toBe('2026-06-01T09:30:00.000Z');
    expect(new Date(z.dayStart(t)).toISOString()).toBe('2026-05-31T18:30:00.000Z');
  });

  it('is UTC in UTC', () => {
    const z = new Zone('UTC');
    const t = Date.parse('2026-01-05T13:45:12Z');
    expect(z.hourStart(t)).toBe(Date.parse('2026-01-05T13:00:00Z'));
    expect(z.dayStart(t)).toBe(Date.parse('2026-01-05T00:00:00Z'));
  });
});
