/**
 * Weeks of probe results with known patterns, and the figures they must roll
 * up to, worked out here from the generated results themselves.
 *
 * Three connections probed every 30 s, 10 s apart:
 * - epic: a daily latency wave (90–250 ms) and a 3-hour outage (timeouts) on day 3;
 * - cerner: ~200 ms with a lognormal spread, 2–5 s spikes for the first 10
 *   minutes of every sixth hour, 2 % token failures;
 * - lab: 5–31 ms (where the histograms are exact), 5 % warnings, 0.5 % failures.
 */
import type { ProbeOutcome } from '../../../src-main/monitor/outcome';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../src-main/monitor/storage/time';
import { passed, probeFailed, timedOut, warned } from './outcomes';

export const CONNECTIONS = ['epic', 'cerner', 'lab'] as const;
export const INTERVAL_MS = 30_000;

export interface Generated {
  targetId: string;
  at: number;
  outcome: ProbeOutcome;
  failed: boolean;
  latencyMs: number | null;
}

export interface Expected {
  runs: number;
  failures: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** mulberry32: small, seeded, and the same on every machine. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function epic(at: number, start: number, rnd: () => number): ProbeOutcome {
  const sinceStart = at - start;
  const hourOfRun = (sinceStart % DAY_MS) / HOUR_MS;
  if (sinceStart >= 3 * DAY_MS + 10 * HOUR_MS && sinceStart < 3 * DAY_MS + 13 * HOUR_MS) return timedOut();
  return passed(Math.round(90 + 70 * (1 + Math.sin((2 * Math.PI * hourOfRun) / 24)) + 20 * rnd()));
}

function cerner(at: number, start: number, rnd: () => number): ProbeOutcome {
  const sinceStart = at - start;
  const spike = Math.floor(sinceStart / HOUR_MS) % 6 === 0 && sinceStart % HOUR_MS < 10 * MINUTE_MS;
  const gauss = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const latency = spike ? 2_000 + Math.round(3_000 * rnd()) : Math.round(200 * Math.exp(0.4 * gauss));
  return rnd() < 0.02 ? probeFailed('token', latency) : passed(latency);
}

function lab(_at: number, _start: number, rnd: () => number): ProbeOutcome {
  const latency = 5 + Math.floor(27 * rnd());
  const roll = rnd();
  if (roll < 0.005) return probeFailed('patient', latency);
  return roll < 0.055 ? warned(latency) : passed(latency);
}

const PATTERNS = { epic, cerner, lab };

/** Every connection's results over `days` from `start`, in time order. */
export function generate(start: number, days: number): Generated[] {
  const rnds = CONNECTIONS.map((_, i) => random(1_000 + i));
  const out: Generated[] = [];
  for (let slot = start; slot < start + days * DAY_MS; slot += INTERVAL_MS) {
    CONNECTIONS.forEach((targetId, i) => {
      const at = slot + i * 10_000;
      const outcome = PATTERNS[targetId](at, start, rnds[i]!);
      const failed = outcome.error !== null || outcome.results.some((r) => !r.optional && r.status === 'fail');
      out.push({ targetId, at, outcome, failed, latencyMs: outcome.latencyMs });
    });
  }
  return out;
}

function nearestRank(sorted: number[], p: number): number | null {
  return sorted.length === 0 ? null : sorted[Math.ceil((p * sorted.length) / 100) - 1]!;
}

/** What any range of a target's generated results says, by binary search over them. */
export class Oracle {
  private readonly byTarget = new Map<string, Generated[]>();

  constructor(results: readonly Generated[]) {
    for (const r of results) {
      const list = this.byTarget.get(r.targetId) ?? [];
      list.push(r);
      this.byTarget.set(r.targetId, list);
    }
    // A clock set back records results out of time order.
    for (const list of this.byTarget.values()) list.sort((a, b) => a.at - b.at);
  }

  /** The target's results in [from, to). */
  between(targetId: string, from: number, to: number): Generated[] {
    const list = this.byTarget.get(targetId) ?? [];
    return list.slice(this.firstAtOrAfter(list, from), this.firstAtOrAfter(list, to));
  }

  over(targetId: string, from: number, to: number): Expected {
    const runs = this.between(targetId, from, to);
    const latencies = runs.flatMap((r) => (r.latencyMs === null ? [] : [r.latencyMs])).sort((a, b) => a - b);
    return {
      runs: runs.length,
      failures: runs.filter((r) => r.failed).length,
      p50: nearestRank(latencies, 50),
      p95: nearestRank(latencies, 95),
      p99: nearestRank(latencies, 99),
    };
  }

  /** Starts of the buckets of `size` in [from, to) in which the target ran. */
  buckets(targetId: string, from: number, to: number, size: number): number[] {
    return [...new Set(this.between(targetId, from, to).map((r) => Math.floor(r.at / size) * size))];
  }

  private firstAtOrAfter(list: Generated[], t: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.at < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
