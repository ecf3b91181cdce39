/** The board's 24 h uptime: worked out once a minute for every target, not per request. */
import { describe, expect, it } from 'vitest';
import { DayUptime } from '../../../src-main/monitor/service/day-uptime';
import { manualTimers } from '../../../src-main/monitor/timers';

describe('DayUptime', () => {
  it('answers from the last minute’s figures, works out a new target at once, and refreshes all once a minute', async () => {
    const timers = manualTimers();
    const ids = ['conn:1', 'conn:2'];
    const computed: string[] = [];
    let percent = 99.5;
    const uptime = new DayUptime({
      targets: { ids: () => ids.values() },
      compute: (id) => {
        computed.push(id);
        return percent;
      },
      timers,
    });
    expect(uptime.of('conn:1')).toBe(99.5);
    percent = 80;
    // A thousand board requests within the minute cost nothing more.
    for (let i = 0; i < 1_000; i++) uptime.of('conn:1');
    expect(uptime.of('conn:2')).toBe(80);
    expect(computed).toEqual(['conn:1', 'conn:2']);

    await timers.advance(60_000);
    expect(computed).toEqual(['conn:1', 'conn:2', 'conn:1', 'conn:2']);
    expect(uptime.of('conn:1')).toBe(80);

    uptime.stop();
    await timers.advance(600_000);
    expect(computed).toHaveLength(4);
  });
});
