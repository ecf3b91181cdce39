const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const dateAndTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Local date and time to the second, year first (2025-11-23 14:05:09): the
 * form audit reviewers expect, unambiguous across locales, and narrow.
 */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A moment people wait for ("unlocks at …"): just the time when it is today. */
export function formatMoment(ms: number, now: number = Date.now()): string {
  const when = new Date(ms);
  return when.toDateString() === new Date(now).toDateString() ? timeOnly.format(when) : dateAndTime.format(when);
}

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString();
}

export function formatDuration(seconds: number): string {
  if (seconds % 3600 === 0) return plural(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return plural(seconds / 60, 'minute');
  return plural(seconds, 'second');
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
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

export function formatMs(ms: number): string {
  return `${Math.round(ms).toLocaleString()} ms`;
}

/** A FHIR date or dateTime: an instant in this computer's local time like every other time here; a bare date (or year) as given. */
export function formatFhirDate(value: string): string {
  return value.includes('T') && !Number.isNaN(Date.parse(value)) ? formatDateTime(Date.parse(value)) : value;
}

/** The machine-readable form a <time> element carries. */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}
