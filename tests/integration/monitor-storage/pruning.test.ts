/**
 * Pruning a backlog (after the app was closed for days, say) takes many small
 * DELETEs with the event loop let in between, never one long one; and it
 * never deletes raw results before they are rolled up.
 */
import { expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS } from '../../../src-main/monitor/storage/time';
import { manualTimers } from '../../../src-main/monitor/timers';
import { T0, useStorageFixtures } from './fixture';
import { passed } from './outcomes';

const fixtures = useStorageFixtures();
const TARGETS = ['epic', 'cerner', 'lab'];

it('a backlog is deleted 100 rows at a time, with the event loop let in between batches', async () => {
  const f = await fixtures.open();
  const storage = f.storage({ rawRetentionMs: 2 * HOUR_MS, pruneBatchRows: 100, pruneIntervalMs: 24 * HOUR_MS });
  while (f.timers.now() < T0 + 3 * HOUR_MS) {
    for (const targetId of TARGETS) {
      storage.record({ targetId, outcome: passed(120), final: true });
      await f.timers.advance(10_000);
    }
  }
  await f.timers.advance(2 * HOUR_MS + MINUTE_MS);
  await storage.rollUp();
  expect(f.count('monitor_results')).toBe(1_080);

  let turns = 0;
  let counting = true;
  const turn = () => {
    turns++;
    if (counting) setImmediate(turn);
  };
  setImmediate(turn);
  const report = await storage.prune();
  counting = false;

  expect(report.results).toEqual({ rows: 1_080, batches: 11 });
  expect(turns).toBeGreaterThanOrEqual(10);
  expect(f.count('monitor_results')).toBe(0);
  expect(f.count('monitor_hours')).toBe(3 * TARGETS.length);
  expect(storage.uptime('lab', 24 * HOUR_MS)).toMatchObject({ runs: 360, failures: 0, percent: 100 });
});

it('raw results not yet rolled up are never pruned, however old', async () => {
  const f = await fixtures.open();
  // Six hours recorded by a storage whose timers never fire: nothing is rolled up.
  const before = f.storage({}, { timers: manualTimers(T0) });
  for (let i = 0; i < 6 * 3_600; i++) {
    before.record({ targetId: TARGETS[i % 3]!, outcome: passed(120), final: true });
    f.timers.jump(1_000);
  }
  before.close();
  expect(f.count('monitor_hours')).toBe(0);

  // The next storage starts catching up at once, a chunk at a time; a pass
  // that starts meanwhile leaves alone what has not been read yet.
  const later = f.storage({ rawRetentionMs: 2 * HOUR_MS });
  const pass = later.prune();
  await later.rollUp();
  const report = await pass;
  expect(report.results.rows).toBeLessThan(2 * 3_600);
  expect(later.uptime('lab', 24 * HOUR_MS)).toMatchObject({ runs: 2 * 3_600, failures: 0 });
  expect(f.count('monitor_hours')).toBe(6 * TARGETS.length);
});
