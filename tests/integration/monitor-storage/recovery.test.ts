/**
 * The rollups hold an hour in memory before writing it, and rebuild it from
 * the raw results whenever that memory is gone or wrong: after a restart,
 * and after the clock is set back into hours already written. Either way
 * every written bucket ends up saying what its raw results say.
 */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src-main/log';
import type { ProbeStorage } from '../../../src-main/monitor/storage/probe-storage';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../src-main/monitor/storage/time';
import { T0, useStorageFixtures, type StorageFixture } from './fixture';
import { Oracle, type Generated } from './generated';
import { passed, probeFailed } from './outcomes';

const fixtures = useStorageFixtures();
const TARGETS = ['epic', 'lab'];

/** Each target every 30 s until `until`, a failure every seventh run; what was recorded, as stamped, goes to `log`. */
async function probeUntil(f: StorageFixture, storage: ProbeStorage, until: number, log: Generated[]): Promise<void> {
  while (f.timers.now() < until) {
    for (const targetId of TARGETS) {
      const n = log.length;
      const latencyMs = 80 + ((n * 37) % 400);
      const failed = n % 7 === 0;
      const outcome = failed ? probeFailed('patient', latencyMs) : passed(latencyMs);
      storage.record({ targetId, outcome, final: true });
      log.push({ targetId, at: f.timers.now(), outcome, failed, latencyMs });
      await f.timers.advance(15_000);
    }
  }
}

/** Every hour closed by `until`, and each of its minutes, is written and says what its raw results say. */
function expectBucketsMatch(f: StorageFixture, oracle: Oracle, until: number): void {
  for (const [table, size] of [['monitor_minutes', MINUTE_MS], ['monitor_hours', HOUR_MS]] as const) {
    const rows = f.store.db
      .prepare(`SELECT t.name AS target, r.start, r.runs, r.failures, r.p50, r.p95, r.p99 FROM ${table} r JOIN monitor_targets t ON t.id = r.target`)
      .all() as { target: string; start: number }[];
    const expected = TARGETS.flatMap((target) =>
      oracle.buckets(target, 0, until, size).map((start) => ({ target, start, ...oracle.over(target, start, start + size) })),
    );
    const byKey = (a: { target: string; start: number }, b: { target: string; start: number }) => a.target.localeCompare(b.target) || a.start - b.start;
    expect(rows.sort(byKey)).toEqual(expected.sort(byKey));
  }
}

describe('rollups across a restart and a clock set back', () => {
  it('a restart in the middle of an hour reads that hour again from the raw results', async () => {
    const f = await fixtures.open();
    const log: Generated[] = [];
    const before = f.storage();
    await probeUntil(f, before, T0 + 20 * MINUTE_MS, log);
    await before.rollUp();
    before.close();

    const after = f.storage();
    await after.rollUp();
    expect(after.uptime('epic', HOUR_MS)).toMatchObject({ runs: 40, to: T0 + 20 * MINUTE_MS });
    await probeUntil(f, after, T0 + 2 * HOUR_MS + 5 * MINUTE_MS, log);
    await after.rollUp();

    const oracle = new Oracle(log);
    expectBucketsMatch(f, oracle, T0 + 2 * HOUR_MS);
    expect(f.count('monitor_hours', 'start = ?', T0)).toBe(2);
    const u = after.uptime('lab', HOUR_MS * 3);
    expect(u).toMatchObject({ runs: oracle.over('lab', u.from, u.to).runs, failures: oracle.over('lab', u.from, u.to).failures });
  });

  it('results stamped before what was rolled up make the rollups rebuild from their hour', async () => {
    const f = await fixtures.open();
    const lines: string[] = [];
    const storage = f.storage({}, { log: createLogger({ sink: (line) => lines.push(line) }) });
    const log: Generated[] = [];
    await probeUntil(f, storage, T0 + 70 * MINUTE_MS, log);
    await storage.rollUp();
    expect(f.count('monitor_hours', 'start = ?', T0)).toBe(2);

    // Set back 30 minutes (and 7 s, so no run lands on the millisecond of an earlier one).
    f.timers.jump(-30 * MINUTE_MS - 7_000);
    await probeUntil(f, storage, T0 + 2 * HOUR_MS + 5 * MINUTE_MS, log);
    await storage.rollUp();

    expect(lines.some((line) => line.includes('the clock was set back'))).toBe(true);
    expect(f.count('monitor_results')).toBe(log.length);
    expectBucketsMatch(f, new Oracle(log), T0 + 2 * HOUR_MS);
    // Hour T0 holds its own hour of runs plus the ten minutes run again over it.
    const hour = f.store.db.prepare('SELECT sum(runs) FROM monitor_hours WHERE start = ?').pluck().get(T0);
    expect(hour).toBe(log.filter((g) => g.at >= T0 && g.at < T0 + HOUR_MS).length);
  });

  it('after three days closed, the rollups skip the empty time and the uptime spans both sides of it', async () => {
    const f = await fixtures.open();
    const log: Generated[] = [];
    const first = f.storage();
    await probeUntil(f, first, T0 + 2 * HOUR_MS, log);
    first.close();
    await f.timers.advance(3 * DAY_MS);

    const later = f.storage();
    const resumed = f.timers.now();
    await probeUntil(f, later, resumed + HOUR_MS + MINUTE_MS, log);
    await later.rollUp();

    const oracle = new Oracle(log);
    expect(f.store.db.prepare('SELECT start FROM monitor_days ORDER BY start').pluck().all()).toEqual([T0, T0]);
    expect(f.store.db.prepare('SELECT hour_mark, day_mark FROM monitor_rollup_state').raw().get()).toEqual([resumed + HOUR_MS, T0 + 3 * DAY_MS]);
    const week = later.uptime('epic', 7 * DAY_MS);
    expect(week).toMatchObject({ runs: oracle.over('epic', week.from, week.to).runs, failures: oracle.over('epic', week.from, week.to).failures });
    expect(week.runs).toBe(log.filter((g) => g.targetId === 'epic').length);
  });
});
