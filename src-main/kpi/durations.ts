/**
 * Durations (response and resolution times) counted in fixed logarithmic
 * buckets, so that a day's or an hour's counts merge by adding and any
 * percentile over any range comes from the merged counts. Below one second
 * everything is one bucket; above it there are 16 buckets per doubling, so
 * a bucket's geometric midpoint is within DURATION_RELATIVE_ERROR (2.2 %) of
 * every duration in it. Counts may go down as well as up (a ticket's old
 * contribution is taken back when it changes); a bucket at zero is dropped.
 */
const PER_DOUBLING = 16;
const FLOOR_MS = 1_000;

export const DURATION_RELATIVE_ERROR = 2 ** (1 / (2 * PER_DOUBLING)) - 1;

export function durationBucket(ms: number): number {
  if (ms < FLOOR_MS) return 0;
  return Math.floor(PER_DOUBLING * Math.log2(ms / FLOOR_MS)) + 1;
}

/** The geometric midpoint of a bucket (half a second for the first). */
export function bucketValue(index: number): number {
  if (index === 0) return FLOOR_MS / 2;
  return FLOOR_MS * 2 ** ((index - 0.5) / PER_DOUBLING);
}

/** Zero-based index of the nearest-rank sample among n (the smallest with at least p % at or below it). */
export function rankIndex(n: number, p: number): number {
  return Math.max(1, Math.ceil((p * n) / 100)) - 1;
}

/** Buckets up to about 2^28 seconds (8 years); a longer duration counts in the last. */
const BUCKETS = 450;

/**
 * Dense counts: a report merges thousands of cells, and adding arrays is far
 * cheaper than merging maps; stored sparsely (see encode).
 */
export class DurationCounts {
  private readonly counts = new Float64Array(BUCKETS);
  /** One past the highest bucket ever touched: the loops stop there. */
  private end = 0;

  add(ms: number, times = 1): void {
    this.addToBucket(Math.min(durationBucket(ms), BUCKETS - 1), times);
  }

  addToBucket(index: number, count: number): void {
    this.counts[index]! += count;
    if (index >= this.end) this.end = index + 1;
  }

  merge(other: DurationCounts, sign = 1): void {
    for (let i = 0; i < other.end; i++) if (other.counts[i] !== 0) this.addToBucket(i, sign * other.counts[i]!);
  }

  isEmpty(): boolean {
    for (let i = 0; i < this.end; i++) if (this.counts[i] !== 0) return false;
    return true;
  }

  total(): number {
    let n = 0;
    for (let i = 0; i < this.end; i++) n += this.counts[i]!;
    return n;
  }

  /** Within DURATION_RELATIVE_ERROR of the exact nearest-rank percentile (for durations of a second or more); null when empty. */
  percentile(p: number): number | null {
    const n = this.total();
    if (n <= 0) return null;
    const rank = rankIndex(n, p) + 1;
    let seen = 0;
    for (let i = 0; i < this.end; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return bucketValue(i);
    }
    return null;
  }

  /** The buckets that counted something, as (index, count) pairs of little-endian int32s. */
  encode(): Buffer {
    const used: number[] = [];
    for (let i = 0; i < this.end; i++) if (this.counts[i] !== 0) used.push(i);
    const out = Buffer.alloc(used.length * 8);
    used.forEach((index, k) => {
      out.writeInt32LE(index, k * 8);
      out.writeInt32LE(this.counts[index]!, k * 8 + 4);
    });
    return out;
  }

  mergeEncoded(blob: Uint8Array, sign = 1): void {
    const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
    for (let at = 0; at + 8 <= blob.byteLength; at += 8) this.addToBucket(view.getInt32(at, true), sign * view.getInt32(at + 4, true));
  }
}
