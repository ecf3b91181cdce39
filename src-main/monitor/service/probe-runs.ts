/**
 * The scheduling: every watched target run on its plan (the scheduler keeps
 * the cadence, retries and the concurrency cap), each run's findings kept as
 * the target's last run, and every report handed on. A run's failure is a
 * result, never an exception.
 */
import type { Dispatcher } from 'undici';
import type { ProbePlan } from '../../../src-shared/monitoring';
import type { Clock } from '../../clock';
import type { ConnectionsApi } from '../../connections';
import type { Logger } from '../../log';
import { runFailure, type ProbeOutcome } from '../outcome';
import { createScheduler, type RunReport, type Scheduler } from '../scheduler';
import type { Timers } from '../timers';
import { probeConnection } from './connection-prober';
import type { TargetRegistry } from './target-registry';
import { emptyRun, type TargetRun } from './target-run';
import type { TargetSettings } from './target-settings';
import { runWorkstation } from './workstation-run';

export interface ProbeRunsDeps {
  targets: TargetRegistry;
  settings: TargetSettings;
  connections: Pick<ConnectionsApi, 'probe'>;
  /** For metrics scrapes: applies the outbound rules. */
  metricsHttp: Dispatcher;
  clock: Clock;
  log: Logger;
  dataDir: string;
  timers: Timers;
  random?: () => number;
  concurrency: number;
  /** Every report, after the run's findings are kept. */
  onReport(report: RunReport, run: TargetRun | undefined): void;
}

export class ProbeRuns {
  private readonly scheduler: Scheduler;
  private readonly lastRuns = new Map<string, TargetRun>();

  constructor(private readonly deps: ProbeRunsDeps) {
    this.scheduler = createScheduler({
      run: (id, signal) => this.run(id, signal),
      onReport: (report) => {
        if (report.outcome.error) this.lastRuns.set(report.targetId, emptyRun(report.outcome));
        deps.onReport(report, this.lastRuns.get(report.targetId));
      },
      concurrency: deps.concurrency,
      timers: deps.timers,
      random: deps.random,
      log: deps.log,
    });
  }

  lastRun(targetId: string): TargetRun | undefined {
    return this.lastRuns.get(targetId);
  }

  /** Starts running a target, or gives it a new plan; a paused target stays paused. */
  plan(targetId: string, plan: ProbePlan): void {
    this.scheduler.set(targetId, plan);
  }

  pause(targetId: string): void {
    this.scheduler.pause(targetId);
  }

  resume(targetId: string): void {
    this.scheduler.resume(targetId);
  }

  remove(targetId: string): void {
    this.scheduler.remove(targetId);
    this.lastRuns.delete(targetId);
  }

  stop(): void {
    this.scheduler.stop();
  }

  private async run(targetId: string, signal: AbortSignal): Promise<ProbeOutcome> {
    const info = this.deps.targets.get(targetId);
    if (!info) return runFailure('error', 'This target is no longer monitored.');
    let run: TargetRun;
    if (info.kind === 'workstation') {
      run = await runWorkstation(this.deps.dataDir, signal);
    } else {
      if (!info.record) return runFailure('error', 'The connection was removed.');
      run = await probeConnection(this.deps, info.record, this.deps.settings.of(targetId).settings, signal);
    }
    if (!signal.aborted) this.lastRuns.set(targetId, run);
    return run.outcome;
  }
}
