import type { ChartRangeId } from '../../../src-shared/monitoring';
import { localClock } from '../../lib/time';

/**
 * Where the time axis gets a label: on round local times (every 10 minutes,
 * every 3 hours, each midnight, every fifth midnight), so the labels read
 * like a clock and a calendar rather than wherever the range happened to start.
 */
const STEPS: Record<ChartRangeId, { every: number; unit: 'minute' | 'hour' | 'day' }> = {
  '1h': { every: 10, unit: 'minute' },
  '24h': { every: 3, unit: 'hour' },
  '7d': { every: 1, unit: 'day' },
  '30d': { every: 5, unit: 'day' },
};

function firstTick(from: number, range: ChartRangeId): Date {
  const { every, unit } = STEPS[range];
  const d = new Date(from);
  d.setSeconds(0, 0);
  if (unit === 'minute') d.setMinutes(Math.ceil(d.getMinutes() / every) * every);
  else {
    d.setMinutes(0);
    if (unit === 'hour') d.setHours(Math.ceil(d.getHours() / every) * every);
    else d.setHours(0);
  }
  while (d.getTime() < from) advance(d, range);
  return d;
}

// Calendar arithmetic on the local clock, so a daylight-saving day still puts its tick at midnight.
function advance(d: Date, range: ChartRangeId): void {
  const { every, unit } = STEPS[range];
  if (unit === 'minute') d.setMinutes(d.getMinutes() + every);
  else if (unit === 'hour') d.setHours(d.getHours() + every);
  else d.setDate(d.getDate() + every);
}

export function timeTicks(from: number, to: number, range: ChartRangeId): number[] {
  const ticks: number[] = [];
  for (const d = firstTick(from, range); d.getTime() <= to; advance(d, range)) ticks.push(d.getTime());
  return ticks;
}

const weekdayAndDay = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric' });
const monthAndDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** A tick's label in local time: the clock within a day, the day across days. */
export function tickText(ms: number, range: ChartRangeId): string {
  if (range === '1h' || range === '24h') return localClock(ms);
  return (range === '7d' ? weekdayAndDay : monthAndDay).format(ms);
}
