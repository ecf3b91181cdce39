import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProbeOutcome } from '../../../src-main/monitor/outcome';
import { LastHour } from '../../../src-main/monitor/service/last-hour';

const MINUTE = 60_000;

function outcome(failedProbes: number, latencyMs: number | null, error = false): ProbeOutcome {
  const probes = ['capability', 'token', 'patient'] as const;
  return {
    results: error ? [] : [...probes.map((probe, i) => ({ probe, optional: false, status: i < failedProbes ? ('fail' as const) : ('pass' as const), ms: 1, summary: '' })), { probe: 'metrics', optional: true, status: 'fail', ms: 1, summary: '' }],
    latencyMs,
    error: error ? { kind: 'timeout', message: 'timed out' } : null,
  };
}

describe("a target's last hour", () => {
  it('counts runs, failures, latency within target and required requests; an unfinished run is one failed request', () => {
    const hour = new LastHour();
    const t0 = 10 * 60 * MINUTE;
    hour.add('conn:1', outcome(0, 300), 500, t0);
    hour.add('conn:1', outcome(0, 900), 500, t0 + MINUTE);
    hour.add('conn:1', outcome(1, 200), 500, t0 + 2 * MINUTE);
    hour.add('conn:1', outcome(0, 100, true), 500, t0 + 3 * MINUTE);
    hour.add('conn:1', outcome(0, 100), null, t0 + 4 * MINUTE);
    expect(hour.of('conn:1', t0 + 5 * MINUTE)).toEqual({ runs: 5, failures: 2, timed: 2, withinTarget: 1, requests: 13, failedRequests: 2 });
    expect(hour.of('conn:2', t0)).toEqual({ runs: 0, failures: 0, timed: 0, withinTarget: 0, requests: 0, failedRequests: 0 });
  });

  it('always equals a recount of the runs in the last sixty minutes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.integer({ min: 0, max: 7 * MINUTE }), fails: fc.integer({ min: 0, max: 3 }), latency: fc.integer({ min: 1, max: 1_000 }), read: fc.boolean() }), { maxLength: 200 }),
        (steps) => {
          const hour = new LastHour();
          const runs: Array<{ at: number; fails: number; latency: number }> = [];
          let at = 1_000 * MINUTE;
          for (const step of steps) {
            at += step.gap;
            hour.add('t', outcome(step.fails, step.latency), 500, at);
            runs.push({ at, fails: step.fails, latency: step.latency });
            if (!step.read) continue;
            const now = Math.floor(at / MINUTE);
            const inHour = runs.filter((r) => Math.floor(r.at / MINUTE) > now - 60);
            const ok = inHour.filter((r) => r.fails === 0);
            expect(hour.of('t', at)).toEqual({
              runs: inHour.length,
              failures: inHour.length - ok.length,
              timed: ok.length,
              withinTarget: ok.filter((r) => r.latency <= 500).length,
              requests: 3 * inHour.length,
              failedRequests: inHour.reduce((n, r) => n + r.fails, 0),
            });
          }
        },
      ),
    );
  });
});

describe("a connection's hour as MonitorApi.lastHour lists it", () => {
  const target = { targetId: 'conn:1', name: 'EHR 1' };
  const metrics = { model_accuracy_score: 0.94 };

  it('is the target, its metrics and the tally of() gives, as runs arrive, age out of the hour and the target is forgotten', () => {
    const hour = new LastHour();
    const t0 = 10 * 60 * MINUTE;
    const same = (at: number) => expect(hour.connection(target, metrics, at)).toEqual({ ...target, metrics, ...hour.of(target.targetId, at) });
    same(t0);
    hour.add('conn:1', outcome(1, 300), 500, t0);
    hour.add('conn:1', outcome(0, 300), 500, t0 + 30 * MINUTE);
    same(t0 + 30 * MINUTE);
    expect(hour.connection(target, metrics, t0 + 30 * MINUTE).runs).toBe(2);
    // The first run leaves the hour; then the second.
    same(t0 + 60 * MINUTE);
    expect(hour.connection(target, metrics, t0 + 60 * MINUTE).runs).toBe(1);
    same(t0 + 90 * MINUTE);
    expect(hour.connection(target, metrics, t0 + 90 * MINUTE).runs).toBe(0);
    hour.add('conn:1', outcome(0, 300), 500, t0 + 91 * MINUTE);
    hour.forget('conn:1');
    same(t0 + 91 * MINUTE);
    expect(hour.connection(target, metrics, t0 + 91 * MINUTE).runs).toBe(0);
  });

  it('lists every connection with the same fields in the same order, with runs or without', () => {
    const hour = new LastHour();
    hour.add('conn:1', outcome(0, 300), 500, 0);
    const keys = [hour.connection(target, metrics, 0), hour.connection({ targetId: 'conn:2', name: 'EHR 2' }, {}, 0)].map((c) => Object.keys(c));
    expect(keys[0]).toEqual(['targetId', 'name', 'metrics', 'runs', 'failures', 'timed', 'withinTarget', 'requests', 'failedRequests']);
    expect(keys[1]).toEqual(keys[0]);
  });
});
