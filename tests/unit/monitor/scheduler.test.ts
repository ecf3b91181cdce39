import { describe, expect, it } from 'vitest';
import { createScheduler, type RunReport, type SchedulerOptions } from '../../../src-main/monitor/scheduler';
import { manualTimers, type ManualTimers } from '../../../src-main/monitor/timers';
import { failing, fakeProbe, passing, plan, seeded, startsOf, type Answer, type FakeProbe } from './helpers';

const START = Date.UTC(2026, 0, 1);

function setup(opts: { answer?: (id: string, n: number) => Answer; ms?: number; concurrency?: number; seed?: number } = {}) {
  const timers = manualTimers(START);
  const probe = fakeProbe(timers, opts.answer, opts.ms);
  const reports: RunReport[] = [];
  const options: SchedulerOptions = {
    run: probe.run,
    onReport: (r) => reports.push(r),
    concurrency: opts.concurrency ?? 16,
    timers,
    random: seeded(opts.seed ?? 1),
  };
  return { timers, probe, reports, scheduler: createScheduler(options) };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);

function countBy(probe: FakeProbe, from: number, to: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of probe.starts) if (s.at >= from && s.at < to) counts.set(s.targetId, (counts.get(s.targetId) ?? 0) + 1);
  return counts;
}

/** The most run starts in any one second of [from, to). */
function busiestSecond(probe: FakeProbe, from: number, to: number): number {
  const buckets = new Map<number, number>();
  for (const s of probe.starts) {
    if (s.at < from || s.at >= to) continue;
    const b = Math.floor((s.at - from) / 1_000);
    buckets.set(b, (buckets.get(b) ?? 0) + 1);
  }
  return Math.max(0, ...buckets.values());
}

function expectNoStall(timers: ManualTimers, longest: number) {
  expect(timers.delays.every((d) => d >= 0 && d <= longest)).toBe(true);
}

describe('scheduler', () => {
  it('runs each target on its interval, first runs inside the first interval', async () => {
    const { timers, probe, scheduler } = setup();
    scheduler.set('a', plan({ intervalMs: 30_000 }));
    scheduler.set('b', plan({ intervalMs: 5_000, timeoutMs: 2_000 }));
    await timers.advance(5 * 60_000);

    const a = startsOf(probe, 'a');
    const b = startsOf(probe, 'b');
    expect(a[0]! - START).toBeLessThan(30_000);
    expect(b[0]! - START).toBeLessThan(5_000);
    expect(new Set(a.slice(1).map((t, i) => t - a[i]!))).toEqual(new Set([30_000]));
    expect(new Set(b.slice(1).map((t, i) => t - b[i]!))).toEqual(new Set([5_000]));
    expect(a).toHaveLength(10);
    expect(b).toHaveLength(60);
    scheduler.stop();
  });

  it('retries a failure before it is final, then does not retry while the target stays down', async () => {
    const { timers, probe, reports, scheduler } = setup({ answer: (_id, n) => (n < 5 ? failing() : passing()) });
    scheduler.set('a', plan({ intervalMs: 30_000, retries: 2, retryIntervalMs: 5_000 }));
    await timers.advance(3 * 60_000);

    // Down already after the first three: later failures are final at once, and so is the pass.
    expect(reports.slice(0, 6).map((r) => [r.attempt, r.final, r.outcome.results[0]!.status])).toEqual([
      [0, false, 'fail'],
      [1, false, 'fail'],
      [2, true, 'fail'],
      [0, true, 'fail'],
      [0, true, 'fail'],
      [0, true, 'pass'],
    ]);
    const starts = startsOf(probe, 'a');
    // Each retry waits retryIntervalMs after the failed run ended (runs take 200 ms); the next run keeps to the interval.
    expect(starts[1]! - starts[0]!).toBe(5_200);
    expect(starts[2]! - starts[1]!).toBe(5_200);
    expect(starts[3]! - starts[0]!).toBe(30_000);
    scheduler.stop();
  });

  it('a pass on a retry is final', async () => {
    const { timers, reports, scheduler } = setup({ answer: (_id, n) => (n === 0 ? failing() : passing()) });
    scheduler.set('a', plan({ retries: 3 }));
    await timers.advance(60_000);
    expect(reports.slice(0, 2).map((r) => [r.attempt, r.final])).toEqual([
      [0, false],
      [1, true],
    ]);
    scheduler.stop();
  });

  it('staggers first runs evenly over the interval, differently per seed', async () => {
    const { timers, probe, scheduler } = setup({ seed: 7, concurrency: 1_000 });
    for (const id of ids(600)) scheduler.set(id, plan({ intervalMs: 30_000 }));
    await timers.advance(30_000);

    expect(probe.starts).toHaveLength(600);
    // 600 over 30 s is 20 a second; independent random picks would put 30 or more in some second.
    const perSecond = Array.from({ length: 30 }, (_, s) => probe.starts.filter((x) => x.at >= START + s * 1_000 && x.at < START + (s + 1) * 1_000).length);
    expect(Math.max(...perSecond) - Math.min(...perSecond)).toBeLessThanOrEqual(2);

    const other = setup({ seed: 8, concurrency: 1_000 });
    for (const id of ids(600)) other.scheduler.set(id, plan({ intervalMs: 30_000 }));
    await other.timers.advance(30_000);
    expect(startsOf(other.probe, 'c0')[0]).not.toBe(startsOf(probe, 'c0')[0]);
    scheduler.stop();
    other.scheduler.stop();
  });

  it('after an hour asleep (timers fire late), each target runs once, spread as before', async () => {
    const { timers, probe, scheduler } = setup();
    for (const id of ids(120)) scheduler.set(id, plan({ intervalMs: 30_000 }));
    await timers.advance(120_000);
    const normalBusiest = busiestSecond(probe, START + 30_000, START + 120_000);

    await timers.sleep(3_600_000);
    const woke = timers.now();
    await timers.advance(30_000);

    const counts = countBy(probe, woke - 1, woke + 30_000);
    expect(counts.size).toBe(120);
    expect(new Set(counts.values())).toEqual(new Set([1]));
    expect(busiestSecond(probe, woke - 1, woke + 30_000)).toBeLessThanOrEqual(normalBusiest + 1);
    expectNoStall(timers, 30_000);
    scheduler.stop();
  });

  it('after the clock leaps an hour ahead (the monotonic clock stopped in a suspend), each target runs once, spread as before', async () => {
    const { timers, probe, scheduler } = setup();
    for (const id of ids(120)) scheduler.set(id, plan({ intervalMs: 30_000 }));
    await timers.advance(120_000);
    const normalBusiest = busiestSecond(probe, START + 30_000, START + 120_000);

    timers.jump(3_600_000);
    const woke = timers.now();
    await timers.advance(30_000);

    const counts = countBy(probe, woke, woke + 30_000);
    expect(counts.size).toBe(120);
    expect(new Set(counts.values())).toEqual(new Set([1]));
    expect(busiestSecond(probe, woke, woke + 30_000)).toBeLessThanOrEqual(normalBusiest + 1);
    scheduler.stop();
  });

  it('keeps its pace when the clock is set back an hour', async () => {
    const { timers, probe, scheduler } = setup();
    for (const id of ids(20)) scheduler.set(id, plan({ intervalMs: 30_000 }));
    await timers.advance(60_000);
    const before = probe.starts.length;

    timers.jump(-3_600_000);
    await timers.advance(120_000);

    expect(probe.starts.length - before).toBe(20 * 4);
    expectNoStall(timers, 30_000);
    scheduler.stop();
  });

  it('never has more runs in flight than the cap, nor two of one target, and serves every target', async () => {
    const { timers, probe, scheduler } = setup({ concurrency: 4, ms: 2_000 });
    for (const id of ids(50)) scheduler.set(id, plan({ intervalMs: 5_000, timeoutMs: 5_000 }));
    await timers.advance(60_000);

    expect(probe.maxInFlight).toBe(4);
    expect(probe.maxPerTarget).toBe(1);
    const counts = countBy(probe, START, START + 60_000);
    expect(counts.size).toBe(50);
    expect(Math.min(...counts.values())).toBeGreaterThanOrEqual(2);
    scheduler.stop();
  });

  it('pause stops runs and reports (aborting one in flight); resume picks up at the target’s place', async () => {
    const { timers, probe, reports, scheduler } = setup({ ms: 3_000 });
    scheduler.set('a', plan({ intervalMs: 30_000 }));
    scheduler.set('b', plan({ intervalMs: 30_000 }));
    await timers.advance(60_000);
    const first = startsOf(probe, 'a')[0]!;

    // Pause during a's third run.
    await timers.advance(first + 60_000 + 1_000 - timers.now());
    scheduler.pause('a');
    expect(probe.aborted).toEqual(['a']);
    const reportsOfA = reports.filter((r) => r.targetId === 'a').length;
    await timers.advance(120_000);
    expect(startsOf(probe, 'a')).toHaveLength(3);
    expect(reports.filter((r) => r.targetId === 'a')).toHaveLength(reportsOfA);
    expect(startsOf(probe, 'b').length).toBeGreaterThanOrEqual(6);

    scheduler.resume('a');
    const resumedAt = timers.now();
    await timers.advance(30_000);
    const next = startsOf(probe, 'a')[3]!;
    expect(next - resumedAt).toBeLessThanOrEqual(30_000);
    expect((next - first) % 30_000).toBe(0);
    scheduler.stop();
  });

  it('aborts a hung probe at its timeout, reports a timeout failure and frees the slot', async () => {
    const { timers, probe, reports, scheduler } = setup({ concurrency: 1, answer: (id) => (id === 'hung' ? 'hang' : passing()) });
    scheduler.set('hung', plan({ intervalMs: 30_000, timeoutMs: 4_000 }));
    scheduler.set('ok', plan({ intervalMs: 30_000 }));
    await timers.advance(30_000);

    const started = startsOf(probe, 'hung')[0]!;
    expect(probe.aborted).toEqual(['hung']);
    const timeout = reports.find((r) => r.targetId === 'hung')!;
    expect(timeout.outcome.error).toMatchObject({ kind: 'timeout' });
    expect(timeout.final).toBe(true);
    expect(reports.some((r) => r.targetId === 'ok')).toBe(true);
    // With one slot, "ok" could only start once the hung run was given up on.
    const okStart = startsOf(probe, 'ok')[0]!;
    expect(okStart < started || okStart >= started + 4_000).toBe(true);
    scheduler.stop();
  });

  it('does not start a second run while an aborted one ignores the abort, and says so', async () => {
    const { timers, probe, reports, scheduler } = setup({ answer: () => 'deaf' });
    scheduler.set('a', plan({ intervalMs: 30_000, timeoutMs: 4_000 }));
    await timers.advance(90_000);

    expect(startsOf(probe, 'a')).toHaveLength(1);
    expect(reports.map((r) => r.outcome.error?.kind)).toEqual(['timeout', 'stuck', 'stuck']);
    scheduler.stop();
  });

  it('turns a thrown error into a failed run, and refuses plans faster than 5 s', async () => {
    const timers = manualTimers(START);
    const reports: RunReport[] = [];
    const scheduler = createScheduler({
      run: () => {
        throw new Error('no client for this connection');
      },
      onReport: (r) => reports.push(r),
      concurrency: 2,
      timers,
      random: seeded(3),
    });
    expect(() => scheduler.set('fast', plan({ intervalMs: 1_000 }))).toThrow();
    scheduler.set('a', plan());
    await timers.advance(30_000);
    expect(reports[0]!.outcome.error).toEqual({ kind: 'error', message: 'no client for this connection' });
    scheduler.stop();
  });

  it('remove and stop leave no timer behind', async () => {
    const { timers, probe, scheduler } = setup();
    scheduler.set('a', plan());
    scheduler.set('b', plan());
    scheduler.remove('a');
    await timers.advance(60_000);
    expect(startsOf(probe, 'a')).toHaveLength(0);
    expect(startsOf(probe, 'b')).toHaveLength(2);
    scheduler.stop();
    expect(timers.pending()).toBe(0);
  });
});
