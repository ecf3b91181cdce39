/**
 * The score's arithmetic, pure: an indicator's level against its thresholds
 * (strict, in its direction), its goodness, and the weighted mean of the
 * indicators that have data. Hand-checked fixtures in tests/unit/safety.
 */
import { DIRECTION_OF, INDICATOR_IDS, type Direction, type IndicatorId, type Level, type SafetySettings } from '../../src-shared/contract';

export interface Thresholds {
  warning: number;
  critical: number;
}

/** Beyond a threshold strictly: "accuracy below 0.90" is critical at 0.8999, not at 0.90. */
export function levelOf(value: number | null, t: Thresholds, direction: Direction): Level {
  if (value === null) return 'no_data';
  const worse = direction === 'higher' ? (limit: number) => value < limit : (limit: number) => value > limit;
  if (worse(t.critical)) return 'critical';
  if (worse(t.warning)) return 'warning';
  return 'ok';
}

/** How good a value is, 1 the best: the value itself, or 1 − value when lower is better. */
export function goodness(value: number, direction: Direction): number {
  return direction === 'higher' ? value : 1 - value;
}

/** The weighted mean of the goodness of the indicators with data; null when none has data (or weight). */
export function overallScore(values: Readonly<Record<IndicatorId, number | null>>, settings: SafetySettings): number | null {
  let sum = 0;
  let weights = 0;
  for (const id of INDICATOR_IDS) {
    const value = values[id];
    const { weight } = settings.indicators[id];
    if (value === null || weight === 0) continue;
    sum += weight * goodness(value, DIRECTION_OF[id]);
    weights += weight;
  }
  return weights === 0 ? null : sum / weights;
}

/** A share in 0..1, or null when there is nothing to share. */
export function share(part: number, whole: number): number | null {
  return whole <= 0 ? null : Math.min(1, Math.max(0, part / whole));
}
