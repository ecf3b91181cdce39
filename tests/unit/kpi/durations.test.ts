/** Duration counts: percentiles within 2.2 % of the exact nearest rank however counts are merged or taken back. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DURATION_RELATIVE_ERROR, DurationCounts } from '../../../src-main/kpi/durations';

const exact = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p * sorted.length) / 100)) - 1]!;
};

describe('DurationCounts', () => {
  it('gives every percentile within its bound, after merging parts and taking some back', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1_000, max: 90 * 86_400_000 }), { minLength: 1, maxLength: 300 }),
        fc.array(fc.integer({ min: 1_000, max: 90 * 86_400_000 }), { maxLength: 50 }),
        fc.integer({ min: 1, max: 100 }),
        (kept, removed, p) => {
          const whole = new DurationCounts();
          // Kept values in two parts merged through their encoding, removed ones added and taken back.
          const a = new DurationCounts();
          const b = new DurationCounts();
          kept.forEach((v, i) => (i % 2 === 0 ? a : b).add(v));
          removed.forEach((v) => b.add(v));
          removed.forEach((v) => b.add(v, -1));
          whole.mergeEncoded(a.encode());
          whole.mergeEncoded(b.encode());
          expect(whole.total()).toBe(kept.length);
          const want = exact(kept, p);
          // At a bucket edge the bound is met exactly, up to floating-point rounding.
          expect(Math.abs(whole.percentile(p)! - want)).toBeLessThanOrEqual(want * DURATION_RELATIVE_ERROR * (1 + 1e-9));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is empty once everything is taken back', () => {
    const c = new DurationCounts();
    c.add(5_000);
    c.add(5_000, -1);
    expect(c.isEmpty()).toBe(true);
    expect(c.percentile(50)).toBeNull();
    expect(c.encode().length).toBe(0);
  });
});
