/**
 * Hours and days in one IANA time zone, as epoch milliseconds: where the
 * local hour or day holding an instant starts, and the day after. Days are
 * 23 or 25 hours long across a daylight-saving change; a local hour starts
 * on a whole local hour, so zones a half or quarter hour off UTC cut their
 * hours where their clocks do.
 */
const HOUR = 3_600_000;

export class Zone {
  private readonly format: Intl.DateTimeFormat;
  /** Offsets by UTC quarter hour: an offset changes only on one, and a rebuild asks about the same hours many times. */
  private readonly offsets = new Map<number, number>();

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Local time minus UTC at `t`, in ms. */
  offset(t: number): number {
    const key = Math.floor(t / (HOUR / 4));
    let off = this.offsets.get(key);
    if (off === undefined) {
      const p = this.parts(key * (HOUR / 4));
      off = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - key * (HOUR / 4);
      if (this.offsets.size > 200_000) this.offsets.clear();
      this.offsets.set(key, off);
    }
    return off;
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

  private parts(t: number): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
    const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const part of this.format.formatToParts(t)) {
      if (part.type in out) out[part.type as keyof typeof out] = Number(part.value);
    }
    return out;
  }
}
