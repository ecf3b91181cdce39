/**
 * Scheduled runs through croner: one timer for the soonest schedule, and on
 * each wake every schedule looks at the times it passed since it last looked.
 * A time met late (the computer slept, Vigil was closed) is a missed run:
 * run once on wake, or skip, as the runbook says. Nothing that fell due
 * before Vigil first saw a schedule runs.
 */
import { Cron } from 'croner';
import type { RunbookDefinition } from '../../src-shared/runbooks';
import type { AuditWriter } from '../audit';
import { auditTarget } from '../audit';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { RunbookSettings } from './settings';
import type { Timers } from '../monitor';

/** How late a run may start and still count as on time. */
export const ON_TIME_MS = 2 * 60_000;
/** The longest wait between looks, so a changed clock is noticed within it. */
const MAX_WAIT_MS = 15 * 60_000;
const MAX_TIMES_COUNTED = 10_000;

export interface SchedulerDeps {
  clock: Clock;
  timers: Timers;
  settings: RunbookSettings;
  audit: AuditWriter;
  log: Logger;
  /** The valid runbooks that have a schedule. */
  scheduled(): RunbookDefinition[];
  /** Starts a scheduled run; throws when it cannot (one already running). */
  start(def: RunbookDefinition): void;
  /** Also done on each look: prune history beyond the retention. */
  housekeeping(): void;
}

function cronOf(def: RunbookDefinition): Cron {
  return new Cron(def.schedule!.cron, { timezone: def.schedule!.timezone, paused: true });
}

export function nextRunAt(def: RunbookDefinition, now: number): number | null {
  if (!def.schedule) return null;
  return cronOf(def).nextRun(new Date(now))?.getTime() ?? null;
}

export class RunbookScheduler {
  private timer: unknown = null;
  private stopped = false;

  constructor(private readonly deps: SchedulerDeps) {}

  start(): void {
    this.look();
  }

  /** Schedules changed (a runbook saved or deleted): look again now. */
  refresh(): void {
    if (!this.stopped) this.look();
  }

  close(): void {
    this.stopped = true;
    if (this.timer !== null) this.deps.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private look(): void {
    if (this.timer !== null) this.deps.timers.clearTimeout(this.timer);
    this.timer = null;
    const { clock, settings, audit } = this.deps;
    const now = clock.now();
    try {
      this.deps.housekeeping();
    } catch (err) {
      this.deps.log.error('pruning runbook history failed', { error: err });
    }
    const defs = this.deps.scheduled();
    for (const def of defs) {
      const mark = settings.scheduleMark(def.id);
      settings.setScheduleMark(def.id, now);
      if (mark === null || mark >= now) continue;
      const cron = cronOf(def);
      let last: number | null = null;
      let missed = 0;
      for (let t = cron.nextRun(new Date(mark)); t && t.getTime() <= now && missed < MAX_TIMES_COUNTED; t = cron.nextRun(t)) {
        last = t.getTime();
        missed += 1;
      }
      if (last === null) continue;
      const late = now - last > ON_TIME_MS;
      if (late && def.schedule!.missed === 'skip') {
        audit.record('scheduler', { action: 'runbooks.schedule.skipped', target: auditTarget.runbook(def.id), detail: { missedRuns: missed, lastDue: last } });
        continue;
      }
      try {
        this.deps.start(def);
      } catch (err) {
        audit.record('scheduler', { action: 'runbooks.schedule.refused', target: auditTarget.runbook(def.id), outcome: 'CONFLICT', detail: { reason: err instanceof Error ? err.message : String(err) } });
      }
    }
    const soonest = Math.min(...defs.map((d) => nextRunAt(d, now) ?? Infinity));
    const wait = Math.max(1_000, Math.min(MAX_WAIT_MS, soonest - now));
    if (!this.stopped) this.timer = this.deps.timers.setTimeout(() => this.look(), wait);
  }
}
