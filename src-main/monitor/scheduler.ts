/**
 * The probe scheduler: runs each target's probes on its interval, retries a
 * failure before it counts, and keeps the main process responsive with
 * thousands of targets.
 *
 * - One timer, for the earliest due target in a min-heap: a tick costs
 *   O(log n) per due target, never a pass over all of them.
 * - Runs are due on a grid (first run + k × interval) laid out by the stagger,
 *   so targets keep their spread; a late run skips the slots it missed rather
 *   than catching up on them.
 * - A global cap on runs at once; due targets beyond it wait in a FIFO queue.
 *   A target is never queued or running twice.
 * - Time is SteadyTime: clock jumps and sleep neither stall nor burst.
 */
import { createLogger, type Logger } from '../log';
import { MinHeap, type HeapItem } from './min-heap';
import { failed, runFailure, type ProbeOutcome } from './outcome';
import { probePlanSchema, type ProbePlan } from '../../src-shared/monitoring';
import { staggerSequence } from './stagger';
import { SteadyTime } from './steady-time';
import { systemTimers, type Timers } from './timers';

export interface RunReport {
  targetId: string;
  outcome: ProbeOutcome;
  /** 0 for a scheduled run, 1… for its retries. */
  attempt: number;
  /** No retry follows: a failure now means DOWN. A pass is always final. */
  final: boolean;
  /** How long after it was due the run started, queueing included. */
  lagMs: number;
}

export interface SchedulerOptions {
  run(targetId: string, signal: AbortSignal): Promise<ProbeOutcome>;
  onReport(report: RunReport): void;
  /** Most runs in flight at once, across all targets. */
  concurrency: number;
  timers?: Timers;
  /** Uniform in [0, 1); seed it in tests. */
  random?: () => number;
  /** A timer this much later than due means sleep or a clock change, not load. */
  maxGapMs?: number;
  log?: Logger;
}

export interface Scheduler {
  /** Starts probing a target, or replaces its plan (a running probe is aborted; a paused target stays paused). */
  set(targetId: string, plan: ProbePlan): void;
  remove(targetId: string): void;
  /** No run starts and none reports until resume; a running probe is aborted. */
  pause(targetId: string): void;
  /** Probing resumes at the target's next place in its interval. */
  resume(targetId: string): void;
  /** Aborts everything and stops for good. */
  stop(): void;
}

interface Run {
  readonly controller: AbortController;
  readonly lagMs: number;
  timeout: unknown;
}

interface Target extends HeapItem {
  readonly id: string;
  readonly plan: ProbePlan;
  /** Scheduled runs fall on phase + k × interval. */
  readonly phase: number;
  status: 'scheduled' | 'queued' | 'running' | 'paused' | 'removed';
  attempt: number;
  /** The last final outcome failed: a DOWN target is not retried, each failure is final. */
  down: boolean;
  /** The run the scheduler is waiting for. */
  current: Run | null;
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) throw new RangeError('concurrency must be a positive integer');
  const timers = opts.timers ?? systemTimers;
  const log = opts.log ?? createLogger();
  const time = new SteadyTime(timers, opts.maxGapMs ?? 5_000);
  const nextStagger = staggerSequence(opts.random ?? Math.random);
  const targets = new Map<string, Target>();
  const heap = new MinHeap<Target>();
  // Targets whose run promise has not settled, even if the scheduler gave up
  // on it; by id, so a replaced plan still waits for the old plan's run.
  const inFlight = new Set<string>();
  // A FIFO with a moving head: shift() on a long array is O(n).
  let ready: Target[] = [];
  let readyHead = 0;
  let running = 0;
  let armed: unknown = null;
  let armedFor = Infinity;
  let stopped = false;

  const nextSlot = (t: Target, after: number) =>
    after < t.phase ? t.phase : t.phase + (Math.floor((after - t.phase) / t.plan.intervalMs) + 1) * t.plan.intervalMs;

  function schedule(t: Target, due: number): void {
    t.status = 'scheduled';
    t.key = due;
    heap.push(t);
  }

  function service(fired: boolean): void {
    if (stopped) return;
    const now = time.read(armedFor, fired);
    if (fired) {
      armed = null;
      armedFor = Infinity;
    }
    for (let head = heap.peek(); head && head.key <= now; head = heap.peek()) {
      heap.pop();
      head.status = 'queued';
      ready.push(head);
    }
    while (running < opts.concurrency && readyHead < ready.length) {
      const t = ready[readyHead++]!;
      // Paused or removed while it waited.
      if (t.status === 'queued') start(t, now);
    }
    if (readyHead === ready.length) {
      ready = [];
      readyHead = 0;
    }
    arm(now);
  }

  function arm(now: number): void {
    const head = heap.peek();
    const due = head ? head.key : Infinity;
    if (due === armedFor) return;
    if (armed !== null) timers.clearTimeout(armed);
    armed = null;
    armedFor = due;
    if (head) armed = timers.setTimeout(() => service(true), due - now);
  }

  function start(t: Target, now: number): void {
    const run: Run = { controller: new AbortController(), lagMs: now - t.key, timeout: null };
    t.status = 'running';
    t.current = run;
    running++;
    if (inFlight.has(t.id)) {
      // Starting another would put two runs of one target in flight.
      const stuck = runFailure('stuck', 'The previous run was aborted but has not stopped; no new run was started.');
      void Promise.resolve().then(() => settle(t, run, stuck));
      return;
    }
    run.timeout = timers.setTimeout(() => {
      const message = `No answer within ${t.plan.timeoutMs} ms; the run was aborted.`;
      run.controller.abort(new DOMException(message, 'TimeoutError'));
      settle(t, run, runFailure('timeout', message));
    }, t.plan.timeoutMs);
    inFlight.add(t.id);
    let promise: Promise<ProbeOutcome>;
    try {
      promise = opts.run(t.id, run.controller.signal);
    } catch (err) {
      promise = Promise.reject(err);
    }
    void promise
      .then(
        (outcome) => settle(t, run, outcome),
        (err: unknown) => settle(t, run, runFailure('error', err instanceof Error ? err.message : String(err))),
      )
      .finally(() => inFlight.delete(t.id));
  }

  /** Ends the run the scheduler is waiting for; a run it already gave up on is ignored. */
  function release(t: Target, run: Run): boolean {
    if (t.current !== run) return false;
    if (run.timeout !== null) timers.clearTimeout(run.timeout);
    t.current = null;
    running--;
    return true;
  }

  function settle(t: Target, run: Run, outcome: ProbeOutcome): void {
    if (stopped || !release(t, run)) return;
    const now = time.read(armedFor, false);
    const failure = failed(outcome);
    const retry = failure && !t.down && t.attempt < t.plan.retries;
    const report: RunReport = { targetId: t.id, outcome, attempt: t.attempt, final: !retry, lagMs: run.lagMs };
    if (retry) {
      t.attempt++;
      schedule(t, now + t.plan.retryIntervalMs);
    } else {
      t.attempt = 0;
      t.down = failure;
      schedule(t, nextSlot(t, now));
    }
    try {
      opts.onReport(report);
    } catch (err) {
      log.error('monitor: a run report listener failed', { targetId: t.id, error: err });
    }
    service(false);
  }

  /** Takes a target out of the heap, the queue or its run. */
  function halt(t: Target, reason: string): void {
    heap.remove(t);
    const run = t.current;
    if (run && release(t, run)) run.controller.abort(new DOMException(reason, 'AbortError'));
  }

  function get(targetId: string): Target {
    const t = targets.get(targetId);
    if (!t) throw new RangeError(`No monitored target ${targetId}`);
    return t;
  }

  return {
    set(targetId, plan) {
      if (stopped) throw new Error('The scheduler has stopped');
      const valid = probePlanSchema.parse(plan);
      const old = targets.get(targetId);
      if (old) {
        halt(old, 'The probe plan changed');
        old.status = 'removed';
      }
      const now = time.read(armedFor, false);
      const phase = now + nextStagger() * valid.intervalMs;
      const t: Target = {
        id: targetId,
        plan: valid,
        phase,
        key: phase,
        heapIndex: -1,
        status: 'scheduled',
        attempt: 0,
        down: false,
        current: null,
      };
      targets.set(targetId, t);
      if (old?.status === 'paused') t.status = 'paused';
      else schedule(t, phase);
      service(false);
    },
    remove(targetId) {
      const t = targets.get(targetId);
      if (!t) return;
      halt(t, 'The target was removed');
      t.status = 'removed';
      targets.delete(targetId);
      service(false);
    },
    pause(targetId) {
      const t = get(targetId);
      if (t.status === 'paused') return;
      halt(t, 'The target was paused');
      t.status = 'paused';
      t.attempt = 0;
      service(false);
    },
    resume(targetId) {
      const t = get(targetId);
      if (t.status !== 'paused') return;
      schedule(t, nextSlot(t, time.read(armedFor, false)));
      service(false);
    },
    stop() {
      for (const t of targets.values()) {
        halt(t, 'The monitor stopped');
        t.status = 'removed';
      }
      targets.clear();
      if (armed !== null) timers.clearTimeout(armed);
      armed = null;
      stopped = true;
    },
  };
}
