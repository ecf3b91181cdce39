/**
 * Each target's last hour of final runs, kept in memory as sixty minute
 * buckets and their running sum: runs and failures (uptime), runs timed
 * within the target's latency threshold, and the EHR requests the run made
 * and how many failed. A bucket leaves the sum once, when its minute falls
 * out of the hour, so reading a target costs a few additions however often
 * it is read: the safety score asks for 2,000 connections every 30 s
 * without touching the store. It starts empty after a restart: an hour of
 * runs fills it.
 */
import { failed, type ProbeOutcome } from '../outcome';

const MINUTE_MS = 60_000;
const BUCKETS = 60;
const FIELDS = 6;
/** The sum of a target with no run yet (read, never written). */
const EMPTY = new Float64Array(FIELDS);

export interface HourTally {
  runs: number;
  failures: number;
  /** Finished runs with a response time, and those within the target's latency threshold. */
  timed: number;
  withinTarget: number;
  /** Required probe requests (CapabilityStatement, token, search…) and those that failed. */
  requests: number;
  failedRequests: number;
}

/** A monitored connection's last hour of runs, with the metric series of its last run. */
export interface ConnectionHour extends HourTally {
  targetId: string;
  name: string;
  metrics: Record<string, number>;
}

class Ring {
  /** The minute each bucket holds; -1 once it has left the sum (or never held one). */
  readonly minutes = new Float64Array(BUCKETS).fill(-1);
  readonly buckets = new Float64Array(BUCKETS * FIELDS);
  readonly sum = new Float64Array(FIELDS);

  /** Takes out of the sum every bucket older than the hour ending in minute `now`. */
  expire(now: number): void {
    for (let slot = 0; slot < BUCKETS; slot++) {
      const minute = this.minutes[slot]!;
      if (minute === -1 || minute > now - BUCKETS) continue;
      this.drop(slot);
    }
  }

  drop(slot: number): void {
    const base = slot * FIELDS;
    for (let f = 0; f < FIELDS; f++) {
      this.sum[f] = this.sum[f]! - this.buckets[base + f]!;
      this.buckets[base + f] = 0;
    }
    this.minutes[slot] = -1;
  }
}

export class LastHour {
  private readonly rings = new Map<string, { ring: Ring; expiredAt: number }>();

  /** A final run's outcome; `thresholdMs` null: the target has no latency target, so its runs are not timed. */
  add(targetId: string, outcome: ProbeOutcome, thresholdMs: number | null, at: number): void {
    let held = this.rings.get(targetId);
    if (!held) {
      held = { ring: new Ring(), expiredAt: -1 };
      this.rings.set(targetId, held);
    }
    const { ring } = held;
    const minute = Math.floor(at / MINUTE_MS);
    const slot = minute % BUCKETS;
    if (ring.minutes[slot] !== minute) {
      if (ring.minutes[slot] !== -1) ring.drop(slot);
      ring.minutes[slot] = minute;
    }
    const fail = failed(outcome);
    const required = outcome.results.filter((r) => !r.optional);
    // A run that did not finish made at least one request, and it failed.
    const unfinished = outcome.error !== null && required.length === 0 ? 1 : 0;
    const timed = !fail && outcome.latencyMs !== null && thresholdMs !== null;
    const delta = [
      1,
      fail ? 1 : 0,
      timed ? 1 : 0,
      timed && outcome.latencyMs! <= thresholdMs! ? 1 : 0,
      required.length + unfinished,
      required.filter((r) => r.status === 'fail').length + unfinished,
    ];
    const base = slot * FIELDS;
    delta.forEach((d, f) => {
      ring.buckets[base + f] = ring.buckets[base + f]! + d;
      ring.sum[f] = ring.sum[f]! + d;
    });
  }

  /** The minutes within the last hour before `at`, the current one included. */
  of(targetId: string, at: number): HourTally {
    const s = this.sum(targetId, at);
    return { runs: s[0]!, failures: s[1]!, timed: s[2]!, withinTarget: s[3]!, requests: s[4]!, failedRequests: s[5]! };
  }

  /**
   * A connection's hour as MonitorApi.lastHour lists it (bench/safety.ts
   * builds its list here too). Every field is written out, in one order, so
   * the 2,000 objects of a safety tick share one shape: with the tally
   * spread into the literal (`{ ...target, metrics, ...tally }`) V8 built
   * slow objects, 15 ms for 2,000, and the score's sums over them slowed too.
   */
  connection(target: { targetId: string; name: string }, metrics: Record<string, number>, at: number): ConnectionHour {
    const s = this.sum(target.targetId, at);
    return {
      targetId: target.targetId,
      name: target.name,
      metrics,
      runs: s[0]!,
      failures: s[1]!,
      timed: s[2]!,
      withinTarget: s[3]!,
      requests: s[4]!,
      failedRequests: s[5]!,
    };
  }

  forget(targetId: string): void {
    this.rings.delete(targetId);
  }

  private sum(targetId: string, at: number): Float64Array {
    const held = this.rings.get(targetId);
    if (!held) return EMPTY;
    const now = Math.floor(at / MINUTE_MS);
    // Once a minute is enough: buckets only leave the hour as minutes pass.
    if (held.expiredAt !== now) {
      held.ring.expire(now);
      held.expiredAt = now;
    }
    return held.ring.sum;
  }
}
