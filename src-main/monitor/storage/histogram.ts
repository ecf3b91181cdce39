/**
 * Latency histograms with log-linear buckets, HdrHistogram's layout with 16
 * sub-buckets per power of two: every millisecond below 32 ms has its own
 * bucket, and above that no bucket is wider than 1/16 of its lowest value.
 *
 * A percentile read from a histogram is the midpoint of the bucket that holds
 * the nearest-rank sample. The exact nearest-rank percentile of the samples
 * counted lies in that same bucket, so the two differ by at most half the
 * bucket's width: HISTOGRAM_RELATIVE_ERROR (1/32, about 3 %) of the exact
 * value, and nothing below 32 ms. Merging adds counts and loses nothing, so
 * the bound holds however many minutes or days are merged.
 *
 * Stored sparsely (only buckets that counted something) as varint pairs of
 * (bucket index minus the previous one, count): a minute at a 30 s interval
 * takes about 4 bytes, a day about 110.
 */
import { rankIndex } from './percentiles';

const SUB_BITS = 4;
const SUB = 1 << SUB_BITS;
const MAX_VALUE = 2 ** 31 - 1;

export const HISTOGRAM_RELATIVE_ERROR = 1 / (2 * SUB);

/** The bucket holding a latency, whole milliseconds, clamped to [0, 2^31). */
export function bucketOf(latencyMs: number): number {
  const v = Math.min(Math.max(Math.round(latencyMs), 0), MAX_VALUE);
  if (v < SUB) return v;
  const exponent = 31 - Math.clz32(v);
  return SUB + (exponent - SUB_BITS) * SUB + ((v >>> (exponent - SUB_BITS)) - SUB);
}

/** The lowest and highest whole-millisecond values a bucket holds. */
export function bucketBounds(index: number): [number, number] {
  if (index < SUB) return [index, index];
  const k = index - SUB;
  const width = 2 ** Math.floor(k / SUB);
  const low = (SUB + (k % SUB)) * width;
  return [low, low + width - 1];
}

export class Histogram {
  private readonly counts = new Map<number, number>();
  private n = 0;

  /** Samples counted. */
  get total(): number {
    return this.n;
  }

  add(latencyMs: number): void {
    this.addToBucket(bucketOf(latencyMs), 1);
  }

  merge(other: Histogram): void {
    for (const [index, count] of other.counts) this.addToBucket(index, count);
  }

  /** Within HISTOGRAM_RELATIVE_ERROR of the exact nearest-rank percentile; null when empty. */
  percentile(p: number): number | null {
    if (this.n === 0) return null;
    const rank = rankIndex(this.n, p) + 1;
    let seen = 0;
    for (const index of this.sortedIndexes()) {
      seen += this.counts.get(index)!;
      if (seen >= rank) {
        const [low, high] = bucketBounds(index);
        return (low + high) / 2;
      }
    }
    throw new Error('unreachable: the counts add up to the total');
  }

  /** The mean of the buckets' midpoints, within HISTOGRAM_RELATIVE_ERROR of the samples' mean; null when empty. */
  mean(): number | null {
    if (this.n === 0) return null;
    let sum = 0;
    for (const [index, count] of this.counts) {
      const [low, high] = bucketBounds(index);
      sum += ((low + high) / 2) * count;
    }
    return sum / this.n;
  }

  encode(): Buffer {
    const bytes: number[] = [];
    let previous = 0;
    for (const index of this.sortedIndexes()) {
      writeVarint(bytes, index - previous);
      writeVarint(bytes, this.counts.get(index)!);
      previous = index;
    }
    return Buffer.from(bytes);
  }

  static decode(blob: Uint8Array): Histogram {
    const h = new Histogram();
    h.mergeEncoded(blob);
    return h;
  }

  /** merge(Histogram.decode(blob)) without the intermediate histogram: a day merges 1,440 of these per target. */
  mergeEncoded(blob: Uint8Array): void {
    let index = 0;
    for (let at = 0; at < blob.length; ) {
      const delta = readVarint(blob, at);
      const count = readVarint(blob, delta.next);
      index += delta.value;
      this.addToBucket(index, count.value);
      at = count.next;
    }
  }

  private addToBucket(index: number, count: number): void {
    this.counts.set(index, (this.counts.get(index) ?? 0) + count);
    this.n += count;
  }

  private sortedIndexes(): number[] {
    return [...this.counts.keys()].sort((a, b) => a - b);
  }
}

function writeVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

function readVarint(blob: Uint8Array, start: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (let at = start; at < blob.length; at++) {
    const byte = blob[at]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return { value, next: at + 1 };
    scale *= 0x80;
  }
  throw new RangeError('A stored latency histogram is truncated');
}
