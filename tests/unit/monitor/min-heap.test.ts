import { describe, expect, it } from 'vitest';
import { MinHeap, type HeapItem } from '../../../src-main/monitor/min-heap';
import { seeded } from './helpers';

describe('min-heap', () => {
  it('pops in key order through random pushes, pops and removals', () => {
    const random = seeded(42);
    const heap = new MinHeap<HeapItem>();
    const inside = new Set<HeapItem>();
    for (let step = 0; step < 5_000; step++) {
      const r = random();
      if (r < 0.5) {
        const item = { key: Math.floor(random() * 1_000), heapIndex: -1 };
        heap.push(item);
        inside.add(item);
      } else if (r < 0.75) {
        const min = Math.min(...[...inside].map((i) => i.key));
        const top = heap.pop();
        expect(top?.key ?? Infinity).toBe(min);
        if (top) inside.delete(top);
      } else if (inside.size > 0) {
        const victim = [...inside][Math.floor(random() * inside.size)]!;
        expect(heap.remove(victim)).toBe(true);
        expect(heap.remove(victim)).toBe(false);
        inside.delete(victim);
      }
      expect(heap.size).toBe(inside.size);
    }
  });
});
