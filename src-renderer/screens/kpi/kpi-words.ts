/**
 * How the KPI screen writes its figures: each in its KPI's unit, targets as
 * "below 30 min", the change against the previous range, and bucket times
 * in the zone the report was cut in (the workstation's).
 */
import { KPI_DEFS, type KpiId, type KpiTarget, type KpiUnit, type KpiValue } from '../../../src-shared/contract';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function duration(ms: number): string {
  if (ms < MINUTE) return `${Math.round(ms / 1000)} s`;
  if (ms < HOUR) return `${(ms / MINUTE).toFixed(ms < 10 * MINUTE ? 1 : 0)} min`;
  if (ms < DAY) return `${(ms / HOUR).toFixed(1)} h`;
  return `${(ms / DAY).toFixed(1)} days`;
}

export function formatValue(unit: KpiUnit, value: number | null): string {
  if (value === null) return '—';
  switch (unit) {
    case 'duration':
      return duration(value);
    case 'percent':
      // Near 100 the second decimal is the difference between meeting 99.9 and not.
      return `${Number(value.toFixed(value >= 99 && value < 100 ? 3 : 2)).toLocaleString()} %`;
    case 'count':
      return Math.round(value).toLocaleString();
    case 'score':
      return `${value.toFixed(2)} / 5`;
    case 'ms':
      return `${Math.round(value).toLocaleString()} ms`;
  }
}

export const kpiValue = (id: KpiId, value: number | null) => formatValue(KPI_DEFS[id].unit, value);

const COMPARISON_WORDS: Record<KpiTarget['comparison'], string> = { lt: 'below', le: 'at most', gt: 'above', ge: 'at least' };
export const COMPARISON_SIGNS: Record<KpiTarget['comparison'], string> = { lt: '<', le: '≤', gt: '>', ge: '≥' };

export function targetText(id: KpiId, target: KpiTarget | null): string {
  return target === null ? 'No target set' : `Target: ${COMPARISON_WORDS[target.comparison]} ${kpiValue(id, target.value)}`;
}

export function statusText(k: Pick<KpiValue, 'met' | 'value' | 'target'>): { word: string; tone: 'ok' | 'bad' | 'none' } {
  if (k.target === null) return { word: 'No target', tone: 'none' };
  if (k.value === null) return { word: 'No data', tone: 'none' };
  return k.met ? { word: 'Meets target', tone: 'ok' } : { word: 'Misses target', tone: 'bad' };
}

/** "Up 12 % on the previous range", in the KPI's own unit for percents and scores. */
export function changeText(k: KpiValue): string {
  if (k.value === null || k.previous === null) return 'Nothing to compare with before';
  const { unit } = KPI_DEFS[k.id];
  const diff = k.value - k.previous;
  if (diff === 0) return 'Same as the range before';
  const direction = diff > 0 ? 'Up' : 'Down';
  if (unit === 'percent') return `${direction} ${Math.abs(diff).toFixed(2)} points on the range before`;
  if (unit === 'score') return `${direction} ${Math.abs(diff).toFixed(2)} on the range before`;
  if (k.previous === 0) return `${direction} from ${formatValue(unit, 0)} in the range before`;
  return `${direction} ${Math.abs((100 * diff) / k.previous).toFixed(0)} % on the range before`;
}

export function bucketLabel(ms: number, grain: 'hour' | 'day', timeZone: string): string {
  const options: Intl.DateTimeFormatOptions =
    grain === 'hour' ? { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : { timeZone, month: 'short', day: 'numeric' };
  return new Intl.DateTimeFormat('en-GB', options).format(ms);
}

export function dateInZone(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

export function rangeText(from: number, to: number, timeZone: string): string {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${f.format(from)} to ${f.format(to)} (${timeZone})`;
}
