/** The latency histogram's buckets and its error bound, checked value by value. */
import { describe, expect, it } from 'vitest';
import { Histogram, HISTOGRAM_RELATIVE_ERROR, bucketBounds, bucketOf } from '../../../src-main/monitor/storage/histogram';

function nearestRank(sorted: number[], p: number): number {
  return sorted[Math.ceil((p * sorted.length) / 100) - 1]!;
}

describe('latency histogram', () => {
  it('buckets tile the milliseconds without gaps, one per value below 32 ms', () => {
    for (let i = 0; i < 400; i++) expect(bucketBounds(i + 1)[0]).toBe(bucketBounds(i)[1] + 1);
    for (let v = 0; v < 32; v++) expect(bucketBounds(bucketOf(v))).toEqual([v, v]);
  });

  it('every value up to 10 minutes lies in its bucket, whose midpoint is within 1/32 of it', () => {
    const misplaced: string[] = [];
    for (let v = 0; v <= 600_000; v++) {
      const [low, high] = bucketBounds(bucketOf(v));
      if (v < low || v > high || Math.abs((low + high) / 2 - v) > v * HISTOGRAM_RELATIVE_ERROR) misplaced.push(`${v} in [${low}, ${high}]`);
    }
    expect(misplaced).toEqual([]);
  });

  it('merged percentiles stay within the bound of the exact ones, and survive encoding', () => {
    let seed = 3;
    const next = () => (seed = (Math.imul(seed, 48271) >>> 0) % 2147483647) / 2147483647;
    const parts = Array.from({ length: 30 }, () => Array.from({ length: 200 }, () => Math.round(20 + 5_000 * next() ** 4)));
    const merged = new Histogram();
    for (const part of parts) {
      const h = new Histogram();
      part.forEach((v) => h.add(v));
      merged.merge(Histogram.decode(h.encode()));
    }
    const all = parts.flat().sort((a, b) => a - b);
    expect(merged.total).toBe(all.length);
    for (const p of [1, 50, 90, 95, 99, 100]) {
      const exact = nearestRank(all, p);
      expect(Math.abs(merged.percentile(p)! - exact)).toBeLessThanOrEqual(exact * HISTOGRAM_RELATIVE_ERROR);
    }
    expect(new Histogram().percentile(50)).toBeNull();
    expect(Histogram.decode(new Histogram().encode()).total).toBe(0);
  });
});
