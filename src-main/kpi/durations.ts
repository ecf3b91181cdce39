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

export class DurationCounts {
  readonly counts = new Map<number, number>();

  add(ms: number, times = 1): void {
    this.addToBucket(durationBucket(ms), times);
  }

  addToBucket(index: number, count: number): void {
    const next = (this.counts.get(index) ?? 0) + count;
    if (next === 0) this.counts.delete(index);
    else this.counts.set(index, next);
  }

  merge(other: DurationCounts, sign = 1): void {
    for (const [index, count] of other.counts) this.addToBucket(index, sign * count);
  }

  total(): number {
    let n = 0;
    for (const c of this.counts.values()) n += c;
    return n;
  }

  /** Within DURATION_RELATIVE_ERROR of the exact nearest-rank percentile (for durations of a second or more); null when empty. */
  percentile(p: number): number | null {
    const n = this.total();
    if (n <= 0) return null;
    const rank = rankIndex(n, p) + 1;
    let seen = 0;
    for (const index of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(index)!;
      if (seen >= rank) return bucketValue(index);
    }
    return null;
  }

  /** (index, count) pairs as little-endian int32s. */
  encode(): Buffer {
    const out = Buffer.alloc(this.counts.size * 8);
    let at = 0;
    for (const [index, count] of this.counts) {
      out.writeInt32LE(index, at);
      out.writeInt32LE(count, at + 4);
      at += 8;
    }
    return out;
  }

  mergeEncoded(blob: Uint8Array, sign = 1): void {
    const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
    for (let at = 0; at + 8 <= blob.byteLength; at += 8) this.addToBucket(view.getInt32(at, true), sign * view.getInt32(at + 4, true));
  }
}
