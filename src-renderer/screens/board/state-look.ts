import type { ConnectionState } from '../../../src-shared/monitoring';

export interface StateLook {
  /** Said on the tile and in the summary; the colour only repeats it. */
  word: string;
  /** The summary's plural-free form: "2 down", "1 in maintenance". */
  counted: string;
}

export const STATE_LOOK: Record<ConnectionState, StateLook> = {
  DOWN: { word: 'Down', counted: 'down' },
  DEGRADED: { word: 'Degraded', counted: 'degraded' },
  UNKNOWN: { word: 'Unknown', counted: 'unknown' },
  MAINTENANCE: { word: 'Maintenance', counted: 'in maintenance' },
  PAUSED: { word: 'Paused', counted: 'paused' },
  UP: { word: 'Up', counted: 'up' },
};

/**
 * Worst first: what needs someone now, then what cannot be vouched for
 * (never probed, or resumed and not yet probed), then what was switched off
 * on purpose, and what is fine last.
 */
export const STATE_ORDER: readonly ConnectionState[] = ['DOWN', 'DEGRADED', 'UNKNOWN', 'MAINTENANCE', 'PAUSED', 'UP'];
