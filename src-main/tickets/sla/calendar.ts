/**
 * Business time: how much of an interval falls in a calendar's hours, and
 * when a given amount of it has passed. Pure arithmetic on epoch
 * milliseconds; no clock, no I/O.
 *
 * Rules:
 * - A calendar's hours and holidays are local to its IANA time zone. Each
 *   local day's spans are turned into instants on their own, so a
 *   daylight-saving change moves them with the wall clock: 09:00–17:00 is
 *   eight hours on every working day, and a 00:00–24:00 day is 23 or 25
 *   hours long when the clocks change that night.
 * - A wall time that does not exist (the hour skipped in spring) means the
 *   instant the clocks jumped to, shifted by the gap (02:30 → 03:30); a wall
 *   time that happens twice (autumn) means its second occurrence.
 * - null is the 24/7 calendar: every millisecond counts.
 * - Searches look at most MAX_DAYS days ahead; a target further away than
 *   that (a calendar with almost no hours) has no due time (null).
 */
import { minutesOfDay, WEEKDAYS, type BusinessCalendar } from '../../../src-shared/tickets';
import { zoneOffset } from '../../zone-offset';

export type Calendar = BusinessCalendar | null;

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Three years of days: far beyond any SLA target, small enough to stay a bounded loop. */
export const MAX_DAYS = 3 * 366;

interface LocalDate {
  y: number;
  m: number;
  d: number;
}

/** The local date at an instant. */
function localDate(timeZone: string, at: number): LocalDate {
  const wall = new Date(at + zoneOffset(timeZone, at));
  return { y: wall.getUTCFullYear(), m: wall.getUTCMonth() + 1, d: wall.getUTCDate() };
}

/**
 * The instant a local wall time names in a zone. The zone's offsets a day
 * before and a day after give the candidates: on most days they agree; in
 * a repeated hour both show the wall time and the later wins; in a skipped
 * hour neither does, and the earlier offset shifts it past the gap.
 */
export function zonedInstant(timeZone: string, date: LocalDate, minutes: number): number {
  const wall = Date.UTC(date.y, date.m - 1, date.d) + minutes * MINUTE;
  const candidates = [wall - zoneOffset(timeZone, wall - DAY), wall - zoneOffset(timeZone, wall + DAY)];
  const showing = candidates.filter((c) => c + zoneOffset(timeZone, c) === wall);
  return Math.max(...(showing.length > 0 ? showing : candidates));
}

const nextDate = (date: LocalDate): LocalDate => {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
};

const isoDate = (date: LocalDate): string =>
  `${String(date.y).padStart(4, '0')}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`;

/** Monday first, as the calendar's week is written. */
const weekdayOf = (date: LocalDate) => WEEKDAYS[(new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay() + 6) % 7]!;

/** A local day's business hours as instants, in order. */
function computeDaySpans(cal: BusinessCalendar, date: LocalDate): Array<[number, number]> {
  if (cal.holidays.includes(isoDate(date))) return [];
  return cal.week[weekdayOf(date)]
    .map((s): [number, number] => [zonedInstant(cal.timeZone, date, minutesOfDay(s.from)), zonedInstant(cal.timeZone, date, minutesOfDay(s.to))])
    .sort((a, b) => a[0] - b[0]);
}

// Policies are loaded once and kept, so a calendar object stands for its rules; Intl is slow enough to be worth remembering.
const spanCache = new WeakMap<BusinessCalendar, Map<string, Array<[number, number]>>>();
const SPAN_CACHE_DAYS = 4_096;

function daySpans(cal: BusinessCalendar, date: LocalDate): Array<[number, number]> {
  let days = spanCache.get(cal);
  if (!days) spanCache.set(cal, (days = new Map()));
  const key = isoDate(date);
  let spans = days.get(key);
  if (!spans) {
    if (days.size >= SPAN_CACHE_DAYS) days.clear();
    spans = computeDaySpans(cal, date);
    days.set(key, spans);
  }
  return spans;
}

/** Every business span that ends after `from`, day by day, for at most MAX_DAYS days. */
function* spansFrom(cal: BusinessCalendar, from: number): Generator<[number, number]> {
  let date = localDate(cal.timeZone, from);
  for (let i = 0; i < MAX_DAYS; i++, date = nextDate(date)) {
    for (const [start, end] of daySpans(cal, date)) {
      if (end > from) yield [Math.max(start, from), end];
    }
  }
}

/** Business milliseconds in [from, to). */
export function workingBetween(cal: Calendar, from: number, to: number): number {
  if (to <= from) return 0;
  if (cal === null) return to - from;
  let total = 0;
  for (const [start, end] of spansFrom(cal, from)) {
    if (start >= to) break;
    total += Math.min(end, to) - start;
  }
  return total;
}

/**
 * The instant at which `ms` business milliseconds have passed since `from`;
 * `from` itself for 0. null when that is beyond MAX_DAYS.
 */
export function addWorking(cal: Calendar, from: number, ms: number): number | null {
  if (ms <= 0) return from;
  if (cal === null) return from + ms;
  let left = ms;
  for (const [start, end] of spansFrom(cal, from)) {
    if (left <= end - start) return start + left;
    left -= end - start;
  }
  return null;
}

/** Whether an instant falls in business hours (a span ends at 24:00 at the latest, so its own local day holds it). */
export function inHours(cal: Calendar, at: number): boolean {
  if (cal === null) return true;
  return daySpans(cal, localDate(cal.timeZone, at)).some(([start, end]) => start <= at && at < end);
}
