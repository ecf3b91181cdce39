/**
 * The probe scheduler under the load: 2,000 targets at a 30 s
 * interval on real timers, with a probe that does nothing, so what is measured
 * is the scheduler itself: how late runs start (goal p99 ≤ 100 ms), how long
 * the event loop waits (its p99 delay), and the CPU it costs (goal ≤ 10 % of
 * one core). First runs are staggered over the first interval, so a quick run
 * sees about half of the targets run once.
 *
 * Each figure's baseline is a bare timer firing at the same average rate
 * (every 15 ms) for as long, measured just before: on a busy machine the
 * timers are late whoever sets them, and the baseline shows how much.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ProbeOutcome } from '../src-main/monitor/outcome';
import { createScheduler } from '../src-main/monitor/scheduler';
import type { BenchResult } from './result';

const TARGETS = 2_000;
const INTERVAL_MS = 30_000;
const NOTHING: ProbeOutcome = { results: [], latencyMs: 0, error: null };

interface Figures {
  lags: number[];
  loopP99Ms: number;
  cpuPercent: number;
  startMs: number;
}

/** Runs `load` for `seconds`; it reports each lateness it sees and returns how to stop it. */
async function measure(seconds: number, load: (lateBy: (ms: number) => void) => () => void): Promise<Figures> {
  const lags: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const stop = load((ms) => lags.push(ms));
  const startMs = performance.now() - started;
  await sleep(seconds * 1_000);
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - started;
  stop();
  loop.disable();
  return {
    lags: lags.sort((a, b) => a - b),
    loopP99Ms: loop.percentile(99) / 1e6,
    cpuPercent: ((cpu.user + cpu.system) / 1_000 / wallMs) * 100,
    startMs,
  };
}

function bareTimer(lateBy: (ms: number) => void): () => void {
  const period = INTERVAL_MS / TARGETS;
  let due = performance.now() + period;
  let timer: ReturnType<typeof setTimeout>;
  const tick = () => {
    const now = performance.now();
    lateBy(now - due);
    due = Math.max(due + period, now);
    timer = setTimeout(tick, due - now);
  };
  timer = setTimeout(tick, period);
  return () => clearTimeout(timer);
}

function scheduler(lateBy: (ms: number) => void): () => void {
  const s = createScheduler({ run: () => Promise.resolve(NOTHING), onReport: (r) => lateBy(r.lagMs), concurrency: 32 });
  for (let i = 0; i < TARGETS; i++) s.set(`bench-${i}`, { intervalMs: INTERVAL_MS, timeoutMs: 10_000, retries: 0, retryIntervalMs: 5_000 });
  return () => s.stop();
}

const round = (x: number) => Number(x.toFixed(2));
const percentile = (sorted: number[], p: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN);

export async function run({ quick }: { quick: boolean }): Promise<BenchResult[]> {
  const seconds = quick ? 15 : 60;
  const bare = await measure(seconds, bareTimer);
  const sched = await measure(seconds, scheduler);
  return [
    { name: 'runs', value: sched.lags.length, unit: `runs in ${seconds} s` },
    { name: 'setup', value: round(sched.startMs), unit: `ms to add ${TARGETS} targets` },
    { name: 'lag.p50', value: percentile(sched.lags, 0.5), unit: 'ms', baseline: percentile(bare.lags, 0.5) },
    { name: 'lag.p99', value: percentile(sched.lags, 0.99), unit: 'ms', baseline: percentile(bare.lags, 0.99) },
    { name: 'lag.max', value: round(sched.lags.at(-1) ?? NaN), unit: 'ms', baseline: round(bare.lags.at(-1) ?? NaN) },
    { name: 'event_loop_delay.p99', value: round(sched.loopP99Ms), unit: 'ms', baseline: round(bare.loopP99Ms) },
    { name: 'cpu', value: round(sched.cpuPercent), unit: '% of one core', baseline: round(bare.cpuPercent) },
  ];
}
