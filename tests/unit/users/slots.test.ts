import { describe, expect, it } from 'vitest';
import { OnePerKey, Slots } from '../../../src-main/users/slots';

/** A piece of work the test finishes by hand. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, work: () => opened };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Slots', () => {
  it('runs at most its size at once and lets urgent waiters go first', async () => {
    const slots = new Slots(2);
    const started: string[] = [];
    const gates = new Map<string, ReturnType<typeof gate>>();
    const run = (name: string, urgent: boolean) => {
      const g = gate();
      gates.set(name, g);
      return slots.run(async () => {
        started.push(name);
        await g.work();
      }, { urgent });
    };
    const all = [run('a', false), run('b', false), run('c', false), run('d', false), run('urgent', true)];
    await tick();
    expect(started).toEqual(['a', 'b']);
    gates.get('a')!.open();
    await tick();
    expect(started).toEqual(['a', 'b', 'urgent']);
    gates.get('b')!.open();
    gates.get('urgent')!.open();
    await tick();
    expect(started).toEqual(['a', 'b', 'urgent', 'c', 'd']);
    gates.get('c')!.open();
    gates.get('d')!.open();
    await Promise.all(all);
    expect(slots.idle).toBe(true);
  });

  it('frees the slot when the work fails', async () => {
    const slots = new Slots(1);
    await expect(slots.run(() => Promise.reject(new Error('boom')), { urgent: false })).rejects.toThrow('boom');
    expect(slots.idle).toBe(true);
    expect(await slots.run(() => Promise.resolve(7), { urgent: false })).toBe(7);
  });
});

describe('OnePerKey', () => {
  it('runs one piece of work per key at a time, keys side by side, and forgets drained keys', async () => {
    const queue = new OnePerKey();
    const order: string[] = [];
    const a1 = gate();
    const first = queue.run('ada', async () => {
      order.push('ada 1');
      await a1.work();
    }, { urgent: false });
    const second = queue.run('ada', async () => {
      order.push('ada 2');
    }, { urgent: false });
    const other = queue.run('olive', async () => {
      order.push('olive');
    }, { urgent: false });
    await other;
    expect(order).toEqual(['ada 1', 'olive']);
    a1.open();
    await Promise.all([first, second]);
    expect(order).toEqual(['ada 1', 'olive', 'ada 2']);
    expect(queue.size).toBe(0);
  });
});
