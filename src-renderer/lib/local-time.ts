/**
 * Times typed the way the tables show them: local time, year first,
 * "2026-11-23 14:05" (seconds, or the whole time of day, may be left out).
 * The browser's own date-time input would show the locale's order instead
 * ("11/23/2026, 02:05 PM"), so a filter and the rows it filters would read
 * differently.
 */

/** How the format is written in hints and errors. */
export const LOCAL_TIME_FORMAT = 'YYYY-MM-DD hh:mm';

type Precision = 'day' | 'minute' | 'second';

const TYPED = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

const pad = (n: number) => String(n).padStart(2, '0');

function parse(text: string): { start: Date; precision: Precision } | null {
  const m = TYPED.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hours, minutes, seconds] = m.slice(1, 7).map((v) => (v === undefined ? 0 : Number(v))) as [number, number, number, number, number, number];
  const start = new Date(year, month - 1, day, hours, minutes, seconds);
  // new Date rolls 2026-02-30 over into March: only a real date and time reads back the same.
  const real =
    start.getFullYear() === year &&
    start.getMonth() === month - 1 &&
    start.getDate() === day &&
    start.getHours() === hours &&
    start.getMinutes() === minutes &&
    start.getSeconds() === seconds;
  if (!real) return null;
  return { start, precision: m[6] !== undefined ? 'second' : m[4] !== undefined ? 'minute' : 'day' };
}

function next(start: Date, precision: Precision): Date {
  const d = new Date(start);
  if (precision === 'day') d.setDate(d.getDate() + 1);
  else if (precision === 'minute') d.setMinutes(d.getMinutes() + 1);
  else d.setSeconds(d.getSeconds() + 1);
  return d;
}

/**
 * A typed range edge as the instant the contract takes (epoch ms), or null when the
 * text is not a date (and time) in the format. `to` is inclusive of what was
 * typed, as people mean it ("to 2026-11-23" takes in that whole day), so it
 * becomes the start of the next day, minute or second: audit.list's `to` is
 * exclusive.
 */
export function parseLocalTime(text: string, edge: 'from' | 'to'): number | null {
  const typed = parse(text);
  if (!typed) return null;
  return (edge === 'from' ? typed.start : next(typed.start, typed.precision)).getTime();
}

function formatAt(d: Date, precision: Precision): string {
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  if (precision === 'day') return date;
  const minutes = `${date} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return precision === 'minute' ? minutes : `${minutes}:${pad(d.getSeconds())}`;
}

function precisionOf(d: Date): Precision {
  if (d.getSeconds() !== 0 || d.getMilliseconds() !== 0) return 'second';
  return d.getHours() === 0 && d.getMinutes() === 0 ? 'day' : 'minute';
}

/** The reverse of parseLocalTime: an applied filter shown back in its field, as it was typed. */
export function formatLocalTime(ms: number | undefined, edge: 'from' | 'to'): string {
  if (ms === undefined) return '';
  const bound = new Date(ms);
  if (edge === 'from') return formatAt(bound, precisionOf(bound));
  // The exclusive end is the start of the next unit: show the unit before it.
  const precision = precisionOf(bound);
  const typed = new Date(bound);
  if (precision === 'day') typed.setDate(typed.getDate() - 1);
  else if (precision === 'minute') typed.setMinutes(typed.getMinutes() - 1);
  else typed.setSeconds(typed.getSeconds() - 1);
  return formatAt(typed, precision);
}
