/**
 * Hours and days in one IANA time zone, as epoch milliseconds: where the
 * local hour or day holding an instant starts, and the day after. Days are
 * 23 or 25 hours long across a daylight-saving change; a local hour starts
 * on a whole local hour, so zones a half or quarter hour off UTC cut their
 * hours where their clocks do.
 */
import { zoneOffset } from '../zone-offset';

const HOUR = 3_600_000;

export class Zone {
  constructor(readonly timeZone: string) {}

  /** Local time minus UTC at `t`, in ms. */
  offset(t: number): number {
    return zoneOffset(this.timeZone, t);
  }

  hourStart(t: number): number {
    const off = this.offset(t);
    return Math.floor((t + off) / HOUR) * HOUR - off;
  }

  dayStart(t: number): number {
    const p = this.parts(t);
    return this.midnight(p.year, p.month, p.day);
  }

  /** The local midnight starting this date (month 1–12). */
  midnight(year: number, month: number, day: number): number {
    const wall = Date.UTC(year, month - 1, day);
    let t = wall - this.offset(wall);
    // The offset at local midnight may differ from the one at UTC midnight: settle on the one in force then.
    t = wall - this.offset(t);
    return t;
  }

  nextDay(dayStart: number): number {
    return this.dayStart(dayStart + 30 * HOUR);
  }

  previousDay(dayStart: number): number {
    return this.dayStart(dayStart - HOUR);
  }

  /** The local date of a day's start, YYYY-MM-DD. */
  dateOf(t: number): string {
    const p = this.parts(t);
    return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  }

  private parts(t: number): { year: number; month: number; day: number } {
    const wall = new Date(t + this.offset(t));
    return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
  }
}
