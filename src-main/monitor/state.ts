/**
 * Each connection's state, from its final run reports: UP, DEGRADED (slow,
 * an optional probe failing, a warning crossed), DOWN (a required probe failed
 * on every attempt), or MAINTENANCE / PAUSED, which an operator chose and
 * which show instead of the probes' verdict. UNKNOWN until the first verdict.
 * Changes are emitted, with flapping marked.
 */
import type { Cause, ConnectionState, Health, TargetStatus } from '../../src-shared/monitoring';
import { FlapDetector, DEFAULT_FLAPPING, type FlappingPolicy } from './flapping';
import type { MaintenanceLookup } from './maintenance';
import type { ProbeOutcome, ProbeResult } from './outcome';
import { failed } from './outcome';
import type { RunReport } from './scheduler';

export interface StatusChange {
  at: number;
  from: ConnectionState;
  status: TargetStatus;
}

export interface TargetSettings {
  /** Slower than this is DEGRADED; null: latency alone never degrades. */
  latencyThresholdMs: number | null;
}

export interface StateMachineOptions {
  maintenance: MaintenanceLookup;
  /** Called when a connection's state, health or flapping changes. */
  onChange(change: StatusChange): void;
  flapping?: FlappingPolicy;
}

interface Tracked {
  status: TargetStatus;
  settings: TargetSettings;
  paused: boolean;
  flaps: FlapDetector;
}

interface Verdict {
  health: Health;
  reason: string;
  cause: Cause | null;
}

function causeOf(result: ProbeResult): Cause | null {
  return result.error ? { probe: result.probe, kind: result.error.kind, kbCode: result.error.kbCode } : null;
}

function verdict(report: Pick<RunReport, 'outcome' | 'attempt'>, settings: TargetSettings): Verdict {
  const { outcome, attempt } = report;
  if (failed(outcome)) {
    const broken = outcome.results.find((r) => !r.optional && r.status === 'fail');
    const what = outcome.error ? outcome.error.message : `${broken!.probe}: ${broken!.summary}`;
    // A whole run that ran out of time is the EHR's slowness as far as anyone can tell from outside.
    const timedOut: Cause | null = outcome.error && outcome.error.kind !== 'error' ? { probe: 'run', kind: 'TIMEOUT', kbCode: 'fhir_timeout' } : null;
    return { health: 'DOWN', reason: attempt > 0 ? `${what} (failed ${attempt + 1} times in a row)` : what, cause: broken ? causeOf(broken) : timedOut };
  }
  const limit = settings.latencyThresholdMs;
  if (limit !== null && outcome.latencyMs !== null && outcome.latencyMs > limit) {
    return { health: 'DEGRADED', reason: `Slow: ${Math.round(outcome.latencyMs)} ms, over the ${limit} ms threshold`, cause: null };
  }
  const warning = outcome.results.find((r) => r.status === 'warn' || (r.optional && r.status === 'fail'));
  if (warning) return { health: 'DEGRADED', reason: `${warning.probe}: ${warning.summary}`, cause: causeOf(warning) };
  return { health: 'UP', reason: latencyNote(outcome), cause: null };
}

function latencyNote(outcome: ProbeOutcome): string {
  return outcome.latencyMs === null ? 'All probes passed' : `All probes passed in ${Math.round(outcome.latencyMs)} ms`;
}

export class StateMachine {
  private readonly targets = new Map<string, Tracked>();

  constructor(private readonly opts: StateMachineOptions) {}

  /** Starts following a target (UNKNOWN until its first verdict), or changes its settings. */
  track(targetId: string, settings: TargetSettings, at: number): void {
    const known = this.targets.get(targetId);
    if (known) {
      known.settings = settings;
      return;
    }
    const status: TargetStatus = {
      targetId,
      state: 'UNKNOWN',
      health: 'UNKNOWN',
      reason: 'Not probed yet',
      since: at,
      healthSince: at,
      flapping: false,
      latencyMs: null,
      cause: null,
      checkedAt: null,
    };
    this.targets.set(targetId, { status, settings, paused: false, flaps: new FlapDetector(this.opts.flapping ?? DEFAULT_FLAPPING) });
  }

  untrack(targetId: string): void {
    this.targets.delete(targetId);
  }

  get(targetId: string): TargetStatus | undefined {
    const t = this.targets.get(targetId);
    return t && { ...t.status };
  }

  /**
   * Takes in a run report; a failure with retries still to come changes
   * nothing but the time of the check. Returns the status, to hand to the
   * alert engine after every report: its rules need fresh verdicts, not only
   * changes. Undefined for an unknown or paused target.
   */
  record(report: Pick<RunReport, 'targetId' | 'outcome' | 'attempt' | 'final'>, at: number): TargetStatus | undefined {
    const t = this.targets.get(report.targetId);
    if (!t || t.paused) return undefined;
    const next = { ...t.status, checkedAt: at };
    if (report.final || !failed(report.outcome)) {
      const { health, reason, cause } = verdict(report, t.settings);
      next.latencyMs = report.outcome.latencyMs;
      next.reason = reason;
      next.cause = cause;
      if (health !== t.status.health) {
        if (t.status.health !== 'UNKNOWN') t.flaps.transition(at);
        next.health = health;
        next.healthSince = at;
      }
    }
    return this.commit(t, next, at);
  }

  pause(targetId: string, at: number): TargetStatus | undefined {
    const t = this.targets.get(targetId);
    if (!t || t.paused) return undefined;
    t.paused = true;
    return this.commit(t, { ...t.status, reason: 'Paused by an operator' }, at);
  }

  /** What was known before the pause is stale, so the verdict starts again from UNKNOWN. */
  resume(targetId: string, at: number): TargetStatus | undefined {
    const t = this.targets.get(targetId);
    if (!t || !t.paused) return undefined;
    t.paused = false;
    return this.commit(t, { ...t.status, health: 'UNKNOWN', healthSince: at, reason: 'Resumed; waiting for the first run', latencyMs: null, cause: null }, at);
  }

  /** Looks at maintenance again: a window that opened or closed since the last run shows now, not at the next run. */
  refresh(targetId: string, at: number): TargetStatus | undefined {
    const t = this.targets.get(targetId);
    return t && this.commit(t, { ...t.status }, at);
  }

  private commit(t: Tracked, next: TargetStatus, at: number): TargetStatus {
    const prev = t.status;
    next.state = t.paused ? 'PAUSED' : this.opts.maintenance.isInMaintenance(next.targetId, at) ? 'MAINTENANCE' : next.health;
    next.flapping = t.flaps.isFlapping(at);
    if (next.state !== prev.state) next.since = at;
    t.status = next;
    if (next.state !== prev.state || next.health !== prev.health || next.flapping !== prev.flapping) {
      this.opts.onChange({ at, from: prev.state, status: { ...next } });
    }
    return { ...next };
  }
}
