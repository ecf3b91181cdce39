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
 * cheaper than merging maps; stored sparsely (see encode). The array is
 * only allocated once something is counted: half the cells a change touches
 * count no duration of one kind (opened-side cells no resolution time,
 * done-side ones no first response).
 */
export class DurationCounts {
  private counts: Float64Array | null = null;
  /** One past the highest bucket ever touched: the loops stop there. */
  private end = 0;

  add(ms: number, times = 1): void {
    this.addToBucket(Math.min(durationBucket(ms), BUCKETS - 1), times);
  }

  addToBucket(index: number, count: number): void {
    const counts = (this.counts ??= new Float64Array(BUCKETS));
    counts[index]! += count;
    if (index >= this.end) this.end = index + 1;
  }

  isEmpty(): boolean {
    for (let i = 0; i < this.end; i++) if (this.counts![i] !== 0) return false;
    return true;
  }

  total(): number {
    let n = 0;
    for (let i = 0; i < this.end; i++) n += this.counts![i]!;
    return n;
  }

  /** Within DURATION_RELATIVE_ERROR of the exact nearest-rank percentile (for durations of a second or more); null when empty. */
  percentile(p: number): number | null {
    const n = this.total();
    if (n <= 0) return null;
    const rank = rankIndex(n, p) + 1;
    let seen = 0;
    for (let i = 0; i < this.end; i++) {
      seen += this.counts![i]!;
      if (seen >= rank) return bucketValue(i);
    }
    return null;
  }

  /** The buckets that counted something, as (index, count) pairs. */
  pairs(): Int32Array {
    const used = this.used();
    const out = new Int32Array(used.length * 2);
    used.forEach((index, k) => {
      out[2 * k] = index;
      out[2 * k + 1] = this.counts![index]!;
    });
    return out;
  }

  mergePairs(pairs: Int32Array): void {
    for (let at = 0; at + 1 < pairs.length; at += 2) this.addToBucket(pairs[at]!, pairs[at + 1]!);
  }

  /** The pairs as little-endian int32s, as the store keeps them. */
  encode(): Buffer {
    const pairs = this.pairs();
    const out = Buffer.alloc(pairs.length * 4);
    pairs.forEach((v, i) => out.writeInt32LE(v, i * 4));
    return out;
  }

  mergeEncoded(blob: Uint8Array): void {
    this.mergePairs(decodePairs(blob));
  }

  private used(): number[] {
    const used: number[] = [];
    for (let i = 0; i < this.end; i++) if (this.counts![i] !== 0) used.push(i);
    return used;
  }
}

/** A stored encoding as (index, count) pairs. */
export function decodePairs(blob: Uint8Array): Int32Array {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const out = new Int32Array(blob.byteLength >> 2);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt32(i * 4, true);
  return out;
}
