/**
 * The safety evaluation's cost on the main thread: one 30-s tick with 2,000
 * monitored connections. A tick is synchronous (the audit chain's walk runs
 * apart, in workers), so its wall time is the time the main thread is held.
 *
 * Real parts: the encrypted store (SQLCipher, WAL), the audit module with a
 * trail of 5,000 entries (the tick tallies the last hour from it), the
 * safety module itself (indicators, HIPAA score with the redaction
 * self-test, samples written, hourly/daily roll-ups as the clock passes
 * them, episodes), and the monitor's own LastHour tallies filled with an
 * hour of 30-s runs (7 required probes each, 1 % failed) for every
 * connection, read the way MonitorApi.lastHour reads them (through
 * LastHour.connection, the monitor's own code). The ticket, notification
 * and account faces are small stand-ins: with healthy indicators a tick
 * calls none of them but the route list and the policy.
 *
 * Env: BENCH_SAFETY_CONNECTIONS (default 2000), BENCH_SAFETY_TICKS (default 200, quick 40).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createAuditModule } from '../src-main/audit';
import { manualClock } from '../src-main/clock';
import { EventBus } from '../src-main/events';
import { createLogger } from '../src-main/log';
import type { ConnectionHour } from '../src-main/monitor';
import type { ProbeOutcome } from '../src-main/monitor/outcome';
import { LastHour } from '../src-main/monitor/service/last-hour';
import { createSafetyModule } from '../src-main/safety';
import type { BenchResult, BenchSuite } from './result';
import { memorySecrets, withTempStore } from './temp-store';

const TICK_MS = 30_000;
const HOUR_MS = 3_600_000;
const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
const envCount = (name: string, fallback: number) => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return value;
};

const PROBES = ['capability', 'smart', 'token', 'patient', 'cds', 'auditEvent', 'tls'] as const;

function outcome(fail: boolean, latencyMs: number): ProbeOutcome {
  return {
    results: PROBES.map((probe, i) => ({ probe, optional: false, status: fail && i === 3 ? 'fail' : 'pass', ms: latencyMs / PROBES.length, summary: '' })),
    latencyMs,
    error: null,
  };
}

export const run: BenchSuite = async ({ quick }) => {
  const connections = envCount('BENCH_SAFETY_CONNECTIONS', 2_000);
  const ticks = envCount('BENCH_SAFETY_TICKS', quick ? 40 : 200);
  const start = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  const clock = manualClock(start);
  const hour = new LastHour();
  const names = Array.from({ length: connections }, (_, i) => ({ targetId: `conn:${i + 1}`, name: `EHR ${i + 1}` }));
  // An hour of runs before the first tick, then one run per connection per tick.
  const runAll = (at: number, seq: number) => {
    for (const [i, t] of names.entries()) hour.add(t.targetId, outcome((seq + i) % 100 === 0, 120 + ((seq * 7 + i) % 400)), 2_000, at);
  };
  for (let k = 0; k < HOUR_MS / TICK_MS; k++) runAll(start - HOUR_MS + k * TICK_MS, k);
  const metrics = { model_accuracy_score: 0.94, active_clinical_sessions: 42, clinical_sessions_at_risk: 1 };
  const monitor = {
    lastHour: (): ConnectionHour[] => names.map((t, i) => hour.connection(t, i % 50 === 0 ? metrics : {}, clock.now())),
    raise: () => null,
  };
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vigil-bench-safety-data-'));
  try {
    return await withTempStore({ name: 'safety' }, async (store) => {
      const log = createLogger({ sink: () => {} });
      const events = new EventBus();
      const audit = await createAuditModule({ store, secrets: memorySecrets('vigil-bench-safety-audit'), clock, log, events, dataDir });
      for (let i = 0; i < 5_000; i++) audit.api.writer.record('vigil', { action: 'bench.entry', target: `bench:${i}`, detail: { i } });
      const held = { setTimeout: () => null, clearTimeout: () => undefined };
      const safety = createSafetyModule({
        db: store.db,
        storePath: store.path,
        clock,
        log,
        events,
        audit: audit.api,
        monitor,
        notify: { notice: () => undefined, routes: () => [{ name: 'Desktop', kind: 'desktop', enabled: true, status: 'ok' }] },
        tickets: { open: () => ({ id: 'bench', number: 1 }), period: () => ({ byCategory: {}, csat: { responses: 0, mean: null } }) },
        users: {
          confirmPassword: () => Promise.reject(new Error('not in the bench')),
          accessPolicy: () => ({ passwordMinLength: 12, idleTimeoutMs: 900_000, sessionLifetimeMs: 43_200_000, lockoutAfterFailures: 5 }),
        },
        timers: held,
      });
      await safety.api.verifyAudit();
      const times: number[] = [];
      const lastHourTimes: number[] = [];
      for (let k = 0; k < ticks + 10; k++) {
        clock.advance(TICK_MS);
        runAll(clock.now(), k);
        const t0 = performance.now();
        const evaluation = safety.api.evaluate();
        const t1 = performance.now();
        monitor.lastHour();
        const t2 = performance.now();
        if (evaluation.overall.value === null) throw new Error('The bench evaluation had no data');
        // The first ten warm the statements and the JIT.
        if (k >= 10) {
          times.push(t1 - t0);
          lastHourTimes.push(t2 - t1);
        }
      }
      safety.close();
      await audit.close();
      times.sort((a, b) => a - b);
      lastHourTimes.sort((a, b) => a - b);
      console.error(`# safety: ${connections} connections, ${ticks} ticks (${round(ticks / 120, 1)} h of clock, roll-ups included), load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
      const results: BenchResult[] = [
        { name: 'tick.p50', value: round(percentile(times, 0.5)), unit: 'ms' },
        { name: 'tick.p95', value: round(percentile(times, 0.95)), unit: 'ms' },
        { name: 'tick.max', value: round(times.at(-1)!), unit: 'ms' },
        { name: 'lastHour.p50', value: round(percentile(lastHourTimes, 0.5)), unit: 'ms' },
        { name: 'connections', value: connections, unit: 'count' },
      ];
      return results;
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
};
