/**
 * Runbooks through a real Vigil (encrypted store, the real dispatcher):
 * - from the Run call to the first step's start event, p50/p99 over
 *   single-step runs (goal p99 ≤ 100 ms);
 * - the executor's own cost per step: a 100-step runbook of actions that
 *   do nothing, its wall time divided by its steps (goal ≤ 5 ms);
 * - the main loop's delay p99 while 20 runbooks run at once, each step
 *   waiting a little and writing lines, as real checks do (goal ≤ 20 ms).
 * `--quick`: fewer runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { createVigil, type Vigil } from '../src-main/app/vigil';
import { LOCAL_SOURCE } from '../src-main/dispatch';
import { createLogger } from '../src-main/log';
import { action } from '../src-main/runbooks';
import type { SecretStore } from '../src-main/secrets';
import type { ChannelInput, ChannelName, ChannelOutput } from '../src-shared/contract';
import type { BenchSuite } from './result';

function memorySecrets(): SecretStore {
  const entries = new Map<string, string>();
  return {
    service: 'vigil-bench-runbooks',
    get: async (a) => entries.get(a) ?? null,
    set: async (a, v) => void entries.set(a, v),
    delete: async (a) => entries.delete(a),
    list: async () => [...entries.keys()],
  };
}

const extraActions = [
  action({ name: 'bench_noop', summary: 'nothing', inputs: z.object({}).strict(), describe: () => 'nothing', defaultTimeoutMs: 60_000, run: async () => ({}) }),
  action({
    name: 'bench_io',
    summary: 'waits and writes, as a check does',
    inputs: z.object({ ms: z.number().int() }).strict(),
    describe: () => 'wait',
    defaultTimeoutMs: 60_000,
    run: async ({ inputs, log, signal }) => {
      await sleep(inputs.ms, undefined, { signal });
      for (let i = 0; i < 3; i++) log(`reading ${i}: ok`);
      return { ok: true };
    },
  }),
];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
};
const round = (n: number) => Math.round(n * 100) / 100;

const steps = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('\n');

export const run: BenchSuite = async ({ quick }) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vigil-bench-runbooks-'));
  const shippedDir = mkdtempSync(path.join(tmpdir(), 'vigil-bench-runbooks-shipped-'));
  let vigil: Vigil | null = null;
  try {
    vigil = await createVigil({ dataDir, secrets: memorySecrets(), sandbox: false, log: createLogger({ sink: () => {} }), monitor: { workstation: false }, runbooks: { shippedDir, extraActions } });
    const v = vigil;
    const call = async <C extends ChannelName>(channel: C, input: ChannelInput<C>, token?: string): Promise<ChannelOutput<C>> => {
      const reply = await v.dispatch(channel, input, { token, source: LOCAL_SOURCE });
      if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
      return reply.data as ChannelOutput<C>;
    };
    await call('setup.createAdmin', { username: 'admin', displayName: 'Bench', password: 'correct horse battery' });
    const token = (await call('session.login', { username: 'admin', password: 'correct horse battery' })).token;
    const save = (id: string, body: string, extra = '') => call('runbooks.save', { yaml: `id: ${id}\nname: ${id}\nroles: [admin]\n${extra}steps:\n${body}\n`, baseVersion: null }, token);

    // Every run's end, seen from the start: a run may end before its Run call has answered.
    const done = new Set<string>();
    const waiters = new Map<string, () => void>();
    v.events.subscribe(({ event, payload }) => {
      const p = payload as { runId?: string; state?: string };
      if (event === 'runbook.run.changed' && p.state === 'done' && p.runId) {
        done.add(p.runId);
        waiters.get(p.runId)?.();
      }
    });
    const ended = (runId: string) => (done.has(runId) ? Promise.resolve() : new Promise<void>((resolve) => waiters.set(runId, resolve)));

    // Run → first step event.
    await save('one-step', '  - { id: a, name: A, action: bench_noop }');
    const firstEvent: number[] = [];
    for (let i = 0; i < (quick ? 50 : 300); i++) {
      let seen = NaN;
      const t0 = performance.now();
      const off = v.events.subscribe(({ event, payload }) => {
        if (event === 'runbook.step' && (payload as { kind: string }).kind === 'start' && Number.isNaN(seen)) seen = performance.now() - t0;
      });
      const { run: r } = await call('runbooks.run', { id: 'one-step' }, token);
      await ended(r.id);
      off();
      firstEvent.push(seen);
    }

    // Executor overhead per step.
    await save('hundred', steps(100, (i) => `  - { id: s${i}, name: Step ${i}, action: bench_noop }`));
    const perStep: number[] = [];
    for (let i = 0; i < (quick ? 5 : 20); i++) {
      const t0 = performance.now();
      const { run: r } = await call('runbooks.run', { id: 'hundred' }, token);
      await ended(r.id);
      perStep.push((performance.now() - t0) / 100);
    }

    // Main-loop delay while 20 runbooks run at once.
    const stepsEach = quick ? 10 : 30;
    for (let b = 0; b < 20; b++) await save(`busy-${b}`, steps(stepsEach, (i) => `  - { id: s${i}, name: Step ${i}, action: bench_io, with: { ms: 20 } }`));
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const t0 = performance.now();
    const runs = await Promise.all(Array.from({ length: 20 }, (_, b) => call('runbooks.run', { id: `busy-${b}` }, token)));
    await Promise.all(runs.map(({ run: r }) => ended(r.id)));
    const busyMs = performance.now() - t0;
    loop.disable();

    return [
      { name: 'run_to_first_step_event.p50', value: round(percentile(firstEvent, 0.5)), unit: 'ms from runbooks.run to the first step start event' },
      { name: 'run_to_first_step_event.p99', value: round(percentile(firstEvent, 0.99)), unit: 'ms (goal ≤ 100)' },
      { name: 'executor_overhead_per_step.p50', value: round(percentile(perStep, 0.5)), unit: 'ms per step of a 100-step run of no-op actions (goal ≤ 5)' },
      { name: 'executor_overhead_per_step.max', value: round(Math.max(...perStep)), unit: 'ms per step, slowest run' },
      { name: 'main_loop_delay_20_runs.p99', value: round(loop.percentile(99) / 1e6), unit: `ms while 20 runbooks of ${stepsEach} steps (20 ms wait, 3 lines each) run at once (goal ≤ 20)` },
      { name: 'main_loop_delay_20_runs.max', value: round(loop.max / 1e6), unit: 'ms' },
      { name: 'twenty_runs_wall', value: Math.round(busyMs), unit: `ms for all 20 (each ≥ ${stepsEach * 20} ms of waiting)` },
    ];
  } finally {
    await vigil?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(shippedDir, { recursive: true, force: true });
  }
};
