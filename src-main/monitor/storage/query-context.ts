/** What every query reads from: written rollups, the rollups still in memory, and the time. */
import type { Clock } from '../../clock';
import type { RollupView } from './rollup-job';
import type { StorageSettings } from './settings';
import type { StoredReads } from './stored-reads';
import { MINUTE_MS, ceilTo } from './time';

export interface QueryContext {
  reads: StoredReads;
  rollups: RollupView;
  clock: Clock;
  settings: StorageSettings;
}

/** The oldest minute that pruning cannot have touched yet. */
export function minuteHorizon(ctx: QueryContext, now: number): number {
  return ceilTo(now - ctx.settings.minuteRetentionMs, MINUTE_MS);
}
