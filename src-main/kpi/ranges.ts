/**
 * A report's range in the workstation's zone: 24 h is the last 24 local
 * hours (the current one included, up to now); 7, 30 and 90 days are that
 * many local days ending with today (up to now); a custom range is whole
 * local days from and to (both included). The previous range is as many
 * hours or days just before. Buckets are the hours or days of the range.
 */
import type { KpiRange } from '../../src-shared/contract';
import { GRAINS } from './cells';
import type { Zone } from './zone';

const HOUR = 3_600_000;

export interface Span {
  from: number;
  to: number;
  /** Bucket starts in [from, to). */
  buckets: number[];
}

export interface ResolvedRange {
  grain: number;
  current: Span;
  previous: Span;
}

const PRESET_DAYS = { '7d': 7, '30d': 30, '90d': 90 } as const;

function days(zone: Zone, first: number, count: number): number[] {
  const out = [first];
  while (out.length < count) out.push(zone.nextDay(out[out.length - 1]!));
  return out;
}

export function resolveRange(zone: Zone, range: KpiRange, now: number): ResolvedRange {
  if ('preset' in range && range.preset === '24h') {
    const last = zone.hourStart(now);
    const hours = (first: number) => Array.from({ length: 24 }, (_, i) => first + i * HOUR);
    const from = last - 23 * HOUR;
    return {
      grain: GRAINS.hour,
      current: { from, to: now, buckets: hours(from) },
      previous: { from: from - 24 * HOUR, to: from, buckets: hours(from - 24 * HOUR) },
    };
  }
  let first: number;
  let count: number;
  let to: number;
  if ('preset' in range) {
    count = PRESET_DAYS[range.preset as keyof typeof PRESET_DAYS];
    first = zone.dayStart(now);
    for (let i = 1; i < count; i++) first = zone.previousDay(first);
    to = now;
  } else {
    const [fy, fm, fd] = range.from.split('-').map(Number) as [number, number, number];
    const [ty, tm, td] = range.to.split('-').map(Number) as [number, number, number];
    first = zone.midnight(fy, fm, fd);
    count = Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / (24 * HOUR)) + 1;
    const lastDay = zone.midnight(ty, tm, td);
    to = zone.nextDay(lastDay);
  }
  let previousFirst = first;
  for (let i = 0; i < count; i++) previousFirst = zone.previousDay(previousFirst);
  return {
    grain: GRAINS.day,
    current: { from: first, to, buckets: days(zone, first, count) },
    previous: { from: previousFirst, to: first, buckets: days(zone, previousFirst, count) },
  };
}
