/**
 * Warning and critical limits on a reading, shared by the metrics and
 * workstation probes. A limit is crossed only when the value goes strictly
 * beyond it, so "warn above 80" stays quiet at exactly 80.
 */

export type Direction = 'above' | 'below';
export type BreachLevel = 'warn' | 'critical';

export interface Threshold {
  /** "above": high values are bad (latency, CPU); "below": low values are bad (model accuracy). */
  direction: Direction;
  warn?: number;
  critical?: number;
}

export interface Breach {
  /** What was measured: a metric selector's key, or cpu/memory/disk. */
  key: string;
  level: BreachLevel;
  value: number;
  /** The limit that was crossed. */
  limit: number;
  direction: Direction;
}

function beyond(value: number, limit: number | undefined, direction: Direction): limit is number {
  if (limit === undefined) return false;
  return direction === 'above' ? value > limit : value < limit;
}

/** The worst limit `value` crosses, or null; NaN crosses nothing. */
export function checkThreshold(key: string, value: number, t: Threshold): Breach | null {
  if (beyond(value, t.critical, t.direction)) return { key, level: 'critical', value, limit: t.critical, direction: t.direction };
  if (beyond(value, t.warn, t.direction)) return { key, level: 'warn', value, limit: t.warn, direction: t.direction };
  return null;
}
