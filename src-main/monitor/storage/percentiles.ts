/** The percentiles every rollup carries. */
export interface Percentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/**
 * Nearest-rank percentile: the smallest sample with at least p % of the
 * samples at or below it. It is always one of the samples, so a rollup's
 * figure is a latency some run really had. `sorted` is ascending.
 */
function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[rankIndex(sorted.length, p)]!;
}

/** Zero-based index of the nearest-rank sample among n; integer arithmetic, so 95 % of 120 is 114, not 113.99…. */
export function rankIndex(n: number, p: number): number {
  return Math.max(1, Math.ceil((p * n) / 100)) - 1;
}

export function exactPercentiles(sorted: readonly number[]): Percentiles {
  return { p50: nearestRank(sorted, 50), p95: nearestRank(sorted, 95), p99: nearestRank(sorted, 99) };
}
