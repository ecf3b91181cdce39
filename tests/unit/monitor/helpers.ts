/** Shared pieces of the monitor tests: seeded randomness, probe outcomes and a probe on manual timers. */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { mersenne } from 'pure-rand/generator/mersenne';
import type { ProbeOutcome } from '../../../src-main/monitor/outcome';
import type { ProbePlan } from '../../../src-shared/monitoring';
import type { ManualTimers } from '../../../src-main/monitor/timers';

export function seeded(seed: number): () => number {
  const rng = mersenne(seed);
  return () => uniformFloat64(rng);
}

export const plan = (p: Partial<ProbePlan> = {}): ProbePlan => ({ intervalMs: 30_000, timeoutMs: 10_000, retries: 0, retryIntervalMs: 5_000, ...p });

export const passing = (latencyMs = 120): ProbeOutcome => ({
  results: [{ probe: 'capability', optional: false, status: 'pass', ms: latencyMs, summary: 'FHIR 4.0.1' }],
  latencyMs,
  error: null,
});

export const failing = (summary = 'Connection refused'): ProbeOutcome => ({
  results: [{ probe: 'capability', optional: false, status: 'fail', ms: 3, summary }],
  latencyMs: null,
  error: null,
});

export const optionalFailing = (): ProbeOutcome => ({
  results: [
    { probe: 'capability', optional: false, status: 'pass', ms: 100, summary: 'FHIR 4.0.1' },
    { probe: 'cds', optional: true, status: 'fail', ms: 40, summary: 'CDS Hooks discovery answered 503' },
  ],
  latencyMs: 100,
  error: null,
});

/** hang: never answers but stops when aborted; deaf: never answers and ignores the abort too. */
export type Answer = ProbeOutcome | 'hang' | 'deaf';

export interface FakeProbe {
  run(targetId: string, signal: AbortSignal): Promise<ProbeOutcome>;
  /** Every start, with the time the injected clock showed. */
  starts: { targetId: string; at: number }[];
  aborted: string[];
  maxInFlight: number;
  /** The most runs of one target ever in flight together. */
  maxPerTarget: number;
}

/** A probe on manual timers: each run takes `ms`, then gives what `answer` says for that target and run. */
export function fakeProbe(timers: ManualTimers, answer: (targetId: string, n: number) => Answer = () => passing(), ms = 200): FakeProbe {
  const perTarget = new Map<string, number>();
  const runs = new Map<string, number>();
  let inFlight = 0;
  const probe: FakeProbe = {
    starts: [],
    aborted: [],
    maxInFlight: 0,
    maxPerTarget: 0,
    run(targetId, signal) {
      const n = runs.get(targetId) ?? 0;
      runs.set(targetId, n + 1);
      probe.starts.push({ targetId, at: timers.now() });
      inFlight++;
      perTarget.set(targetId, (perTarget.get(targetId) ?? 0) + 1);
      probe.maxInFlight = Math.max(probe.maxInFlight, inFlight);
      probe.maxPerTarget = Math.max(probe.maxPerTarget, perTarget.get(targetId)!);
      const end = () => {
        inFlight--;
        perTarget.set(targetId, perTarget.get(targetId)! - 1);
      };
      const a = answer(targetId, n);
      return new Promise((resolve, reject) => {
        if (a === 'deaf') return;
        const timer = a === 'hang' ? null : timers.setTimeout(() => (end(), resolve(a)), ms);
        signal.addEventListener(
          'abort',
          () => {
            probe.aborted.push(targetId);
            if (timer !== null) timers.clearTimeout(timer);
            end();
            reject(signal.reason as Error);
          },
          { once: true },
        );
      });
    },
  };
  return probe;
}

export const startsOf = (probe: FakeProbe, targetId: string) => probe.starts.filter((s) => s.targetId === targetId).map((s) => s.at);
