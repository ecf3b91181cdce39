/**
 * Every date, time and length of time the console shows or reads. The
 * contract carries times as epoch milliseconds (UTC); people see them in
 * this computer's time zone, year first ("2026-11-23 14:05:09"): the form
 * audit reviewers expect, the same in every locale, and narrow. Spans and
 * ages are short words for a status board ("12 min", "3 min ago").
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Latin digits, two of them, and a 24-hour clock whatever the locale: the layout is ours, the parts are Intl's.
const NUMERIC = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

type Part = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

function partsOf(ms: number): Record<Part, string> {
  const parts = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const { type, value } of NUMERIC.formatToParts(ms)) if (type in parts) parts[type as Part] = value;
  return parts;
}

/** The machine-readable form a <time> element carries. */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

/** Local date and time to the second (2026-11-23 14:05:09): tables, the audit trail, tooltips. */
export function localDateTime(ms: number): string {
  const p = partsOf(ms);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** Local date and time to the minute (2026-11-23 14:05): how windows and filters are typed and shown. */
export function localMinute(ms: number): string {
  return localDateTime(ms).slice(0, 16);
}

/** The local date alone (2026-11-23). */
export function localDate(ms: number): string {
  return localDateTime(ms).slice(0, 10);
}

/** The local time of day to the second (14:05:09): for what has just happened, on a screen that refreshes itself. */
export function localTimeOfDay(ms: number): string {
  return localDateTime(ms).slice(11);
}

/** The local time of day to the minute (14:05): a chart's clock. */
export function localClock(ms: number): string {
  return localDateTime(ms).slice(11, 16);
}

export function sameLocalDay(a: number, b: number): boolean {
  return localDate(a) === localDate(b);
}

/** A moment in local time, said by the time of day alone when it is today ("until 16:30"). */
export function localMoment(ms: number, now: number): string {
  return sameLocalDay(ms, now) ? localClock(ms) : localMinute(ms);
}

/** A span in local time, the date said once when both ends fall on the same day. */
export function localRange(start: number, end: number): string {
  return sameLocalDay(start, end) ? `${localMinute(start)} – ${localClock(end)}` : `${localMinute(start)} – ${localMinute(end)}`;
}

const localeTime = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const localeDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A moment people wait for ("unlocks at …"), in their locale's words: just the time when it is today. */
export function formatMoment(ms: number, now: number = Date.now()): string {
  return (sameLocalDay(ms, now) ? localeTime : localeDateTime).format(ms);
}

const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/g;

/**
 * Main's own sentences name a moment as ISO 8601 UTC ("locked until
 * 2026-11-23T13:20:09.000Z"): said here as the moment people wait for, in
 * their time zone.
 */
export function localizeInstants(text: string, now: number = Date.now()): string {
  return text.replace(ISO_INSTANT, (iso) => formatMoment(Date.parse(iso), now));
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

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** A setting's length in whole units, spelt out: "15 minutes", "1 hour". */
export function formatDuration(seconds: number): string {
  if (seconds % 3600 === 0) return plural(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return plural(seconds / 60, 'minute');
  return plural(seconds, 'second');
}

/** An age in whole days, rounded down ("322 days", "1 day", "less than a day"): one that grows by the day, such as a key's. */
export function formatWholeDays(ms: number): string {
  const days = Math.floor(Math.max(0, ms) / DAY);
  return days === 0 ? 'less than a day' : plural(days, 'day');
}

/** How long ago, in the short words of a status board ("3 min ago"); the exact time goes in a tooltip. */
export function formatAgo(ms: number, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return plural(Math.round(hours / 24), 'day') + ' ago';
}

/** A FHIR date or dateTime: an instant in local time like every other time here; a bare date (or year) as given. */
export function formatFhirDate(value: string): string {
  return value.includes('T') && !Number.isNaN(Date.parse(value)) ? localDateTime(Date.parse(value)) : value;
}

// ------------------------------------------------------------ times people type

/**
 * Times are typed the way the tables show them: local, year first,
 * "2026-11-23 14:05" (the seconds, or the whole time of day, may be left
 * out). The browser's own date-time input would show the locale's order
 * instead ("11/23/2026, 02:05 PM"), so a filter and the rows it filters
 * would read differently.
 */
export const LOCAL_TIME_FORMAT = 'YYYY-MM-DD hh:mm';

/** The words for a time not typed in the format, with an example. */
export const LOCAL_TIME_PROBLEM = `Enter a date and time as ${LOCAL_TIME_FORMAT}, for example 2026-11-23 14:05`;

type Precision = 'day' | 'minute' | 'second';

const TYPED = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

function parseTyped(text: string): { start: Date; precision: Precision } | null {
  const m = TYPED.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hours = '00', minutes = '00', seconds = '00'] = m.slice(1) as [string, string, string, string?, string?, string?];
  const start = new Date(Number(year), Number(month) - 1, Number(day), Number(hours), Number(minutes), Number(seconds));
  // new Date rolls 2026-02-30 over into March, and a time skipped by daylight saving into the next hour:
  // only a real local date and time reads back as typed.
  if (localDateTime(start.getTime()) !== `${year}-${month}-${day} ${hours}:${minutes}:${seconds}`) return null;
  return { start, precision: m[6] !== undefined ? 'second' : m[4] !== undefined ? 'minute' : 'day' };
}

/** One unit of the precision later (or earlier): calendar arithmetic on the local clock. */
function shifted(from: Date, precision: Precision, by: 1 | -1): Date {
  const d = new Date(from);
  if (precision === 'day') d.setDate(d.getDate() + by);
  else if (precision === 'minute') d.setMinutes(d.getMinutes() + by);
  else d.setSeconds(d.getSeconds() + by);
  return d;
}

/**
 * A typed time as the instant the contract takes (epoch ms), or null when
 * the text is not a real date (and time) in the format. As a range's `to`
 * it takes in what was typed, as people mean it ("to 2026-11-23" is that
 * whole day), so it becomes the start of the next day, minute or second:
 * the contract's `to` is exclusive.
 */
export function parseLocalTime(text: string, edge: 'from' | 'to' = 'from'): number | null {
  const typed = parseTyped(text);
  if (!typed) return null;
  return (edge === 'from' ? typed.start : shifted(typed.start, typed.precision, 1)).getTime();
}

function precisionOf(ms: number): Precision {
  const text = localDateTime(ms);
  if (!text.endsWith(':00') || ms % 1000 !== 0) return 'second';
  return text.endsWith(' 00:00:00') ? 'day' : 'minute';
}

const TYPED_AS: Record<Precision, (ms: number) => string> = { day: localDate, minute: localMinute, second: localDateTime };

/** The reverse of parseLocalTime: a range edge shown back in its field, as it was typed. */
export function formatLocalTime(ms: number | undefined, edge: 'from' | 'to'): string {
  if (ms === undefined) return '';
  const precision = precisionOf(ms);
  // An exclusive end is the start of the next unit: show the unit before it.
  const typed = edge === 'from' ? ms : shifted(new Date(ms), precision, -1).getTime();
  return TYPED_AS[precision](typed);
}
