import { formatDateTime } from '../../lib/format';

/**
 * The monitoring contract counts time in epoch milliseconds; these put it in
 * the words and the year-first local form the rest of the console uses.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (n: number) => String(n).padStart(2, '0');

/** Local time to the second, as the audit trail and the tables write it. */
export function localDateTime(ms: number): string {
  return formatDateTime(ms);
}

/** Local date and time to the minute (2026-11-23 14:05): how windows are typed and shown. */
export function localMinute(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The local time of day to the second (14:05:09): for what has just happened. */
export function localTimeOfDay(ms: number): string {
  return localDateTime(ms).slice(11);
}

/** A moment in local time, said by the time of day alone when it is today ("until 16:30"). */
export function localMoment(ms: number, now: number): string {
  const at = localMinute(ms);
  return at.slice(0, 10) === localMinute(now).slice(0, 10) ? at.slice(11) : at;
}

/** A span in local time, the date said once when both ends fall on the same day. */
export function localRange(start: number, end: number): string {
  const from = localMinute(start);
  const to = localMinute(end);
  return from.slice(0, 10) === to.slice(0, 10) ? `${from} – ${to.slice(11)}` : `${from} – ${to}`;
}

/** A length of time in the short words of a status board: "45 s", "12 min", "2 h 5 min", "3 days". */
export function formatSpan(ms: number): string {
  const span = Math.max(0, ms);
  if (span < MINUTE) return `${Math.round(span / 1000)} s`;
  if (span < HOUR) return `${Math.round(span / MINUTE)} min`;
  if (span < DAY) {
    const hours = Math.floor(span / HOUR);
    const minutes = Math.round((span % HOUR) / MINUTE);
    return minutes === 0 || minutes === 60 ? `${hours + (minutes === 60 ? 1 : 0)} h` : `${hours} h ${minutes} min`;
  }
  const days = Math.round(span / DAY);
  return `${days} day${days === 1 ? '' : 's'}`;
}
