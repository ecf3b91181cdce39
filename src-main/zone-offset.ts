/**
 * A time zone's offset from UTC at an instant, in ms (local minus UTC), for
 * the services that cut time into local hours and days (SLA calendars, KPI
 * buckets). Zones change their offset on the hour or the quarter hour, so an
 * offset looked up once holds for its whole quarter hour; formatToParts is
 * slow enough for that to be worth remembering.
 */
const QUARTER_HOUR = 15 * 60_000;
const OFFSETS_KEPT = 100_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function zoneOffset(timeZone: string, at: number): number {
  const bucket = Math.floor(at / QUARTER_HOUR);
  const key = `${timeZone}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const start = bucket * QUARTER_HOUR;
    const parts: Record<string, number> = {};
    for (const p of formatter(timeZone).formatToParts(new Date(start))) {
      if (p.type !== 'literal') parts[p.type] = Number(p.value);
    }
    offset = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - start;
    if (offsets.size >= OFFSETS_KEPT) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}
