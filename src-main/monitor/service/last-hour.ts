/**
 * Each target's last hour of final runs, kept in memory as sixty minute
 * buckets: runs and failures (uptime), runs timed within the target's
 * latency threshold, and the EHR requests the run made and how many failed.
 * Reading every target costs a few additions each, so the safety score can
 * ask for 2,000 connections every 30 s without touching the store. It starts
 * empty after a restart: an hour of runs fills it.
 */
import { failed, type ProbeOutcome } from '../outcome';

const MINUTE_MS = 60_000;
const BUCKETS = 60;

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

const FIELDS = 6;

export class LastHour {
  private readonly rings = new Map<string, { minutes: Float64Array; tallies: Float64Array }>();

  /** A final run's outcome; `thresholdMs` null: the target has no latency target, so its runs are not timed. */
  add(targetId: string, outcome: ProbeOutcome, thresholdMs: number | null, at: number): void {
    let ring = this.rings.get(targetId);
    if (!ring) {
      ring = { minutes: new Float64Array(BUCKETS).fill(-1), tallies: new Float64Array(BUCKETS * FIELDS) };
      this.rings.set(targetId, ring);
    }
    const minute = Math.floor(at / MINUTE_MS);
    const slot = minute % BUCKETS;
    const base = slot * FIELDS;
    if (ring.minutes[slot] !== minute) {
      ring.minutes[slot] = minute;
      ring.tallies.fill(0, base, base + FIELDS);
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
    delta.forEach((d, f) => {
      ring.tallies[base + f] = (ring.tallies[base + f] ?? 0) + d;
    });
  }

  /** The minutes within the last hour before `at`, the current one included. */
  of(targetId: string, at: number): HourTally {
    const sum = [0, 0, 0, 0, 0, 0];
    const ring = this.rings.get(targetId);
    if (ring) {
      const now = Math.floor(at / MINUTE_MS);
      for (let slot = 0; slot < BUCKETS; slot++) {
        const minute = ring.minutes[slot]!;
        if (minute <= now - BUCKETS || minute > now) continue;
        for (let f = 0; f < FIELDS; f++) sum[f]! += ring.tallies[slot * FIELDS + f]!;
      }
    }
    const [runs, failures, timed, withinTarget, requests, failedRequests] = sum as [number, number, number, number, number, number];
    return { runs, failures, timed, withinTarget, requests, failedRequests };
  }

  forget(targetId: string): void {
    this.rings.delete(targetId);
  }
}
