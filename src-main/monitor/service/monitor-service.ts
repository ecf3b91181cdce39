/**
 * The live monitor: every enabled EHR connection and the workstation,
 * probed on their plans; each final run stored, judged by the state machine
 * and handed to the alert engine; the engine's alerts kept, pushed to the
 * consoles and routed to the notification channels. Nothing here waits on
 * a notification, and a run's failure is a result, never an exception.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import {
  connectionTarget,
  WORKSTATION_TARGET,
  type AlertRecord,
  type AlertRuleSettings,
  type AlertView,
  type MonitorSettings,
  type TargetStatus,
} from '../../../src-shared/monitoring';
import type { Clock } from '../../clock';
import type { ConnectionClients } from '../../connections/connection-clients';
import type { ConnectionRecord, ConnectionsRepo } from '../../connections/connections-repo';
import type { EventBus } from '../../events';
import type { Logger } from '../../log';
import type { NoticeTarget } from '../../notify/from-alert';
import type { AlertOutput, Notification } from '../alert';
import { AlertEngine, type AlertInput } from '../alert-engine';
import { rulesWith } from '../alert-rules';
import { DependencyGraph } from '../dependencies';
import { MaintenanceCalendar } from '../maintenance';
import { runFailure, type ProbeOutcome } from '../outcome';
import { createScheduler, type RunReport } from '../scheduler';
import { StateMachine } from '../state';
import { createProbeStorage, type ProbeStorage } from '../storage/probe-storage';
import type { StorageSettings } from '../storage/settings';
import { systemTimers, type Timers } from '../timers';
import { AlertRepo } from './alert-repo';
import { ConnectionProber } from './connection-prober';
import { defaultSettingsFor } from './default-settings';
import { SettingsRepo, type StoredTargetSettings } from './settings-repo';
import { RulesRepo } from './rules-repo';
import { emptyRun, type TargetRun } from './target-run';
import { WindowRepo } from './window-repo';
import { runWorkstation } from './workstation-run';

export interface MonitorDeps {
  db: Database.Database;
  clock: Clock;
  log: Logger;
  events: EventBus;
  dataDir: string;
  connections: { repo: ConnectionsRepo; clients: ConnectionClients };
  /** Hands an alert's notification to the channels; must return at once. */
  route(notification: Notification, target: NoticeTarget): void;
  timers?: Timers;
  random?: () => number;
  /** Runs in flight at once, across all targets. */
  concurrency?: number;
  storage?: Partial<StorageSettings>;
  /** Watch the machine Vigil runs on (default true). */
  workstation?: boolean;
  /** Sees every run report after the monitor has; the bench measures scheduler lag with it. */
  observe?: (report: RunReport) => void;
}

/** What the monitor knows of a target besides its status. */
export interface TargetInfo {
  targetId: string;
  kind: 'connection' | 'workstation';
  name: string;
  vendor: string | null;
  host: string | null;
  /** Its settings until someone changes them. */
  defaults: MonitorSettings;
  /** The connection as last read from the store; it changes only through connections.changed. */
  record: ConnectionRecord | null;
}

const DEFAULT_CONCURRENCY = 32;
// Often enough for a reminder or a DEGRADED-for-10-minutes alert to be on time within seconds.
const TICK_MS = 15_000;

export class Monitor {
  readonly settings: SettingsRepo;
  readonly windows: WindowRepo;
  readonly alerts: AlertRepo;
  readonly rules: RulesRepo;
  readonly calendar: MaintenanceCalendar;
  readonly graph = new DependencyGraph();
  readonly storage: ProbeStorage;
  readonly engine: AlertEngine;
  readonly states: StateMachine;
  private readonly prober: ConnectionProber;
  private readonly scheduler;
  private readonly targets = new Map<string, TargetInfo>();
  private readonly lastRuns = new Map<string, TargetRun>();
  /** Read on every run, so kept until they change rather than parsed from the store 60 times a second. */
  private readonly settingsCache = new Map<string, StoredTargetSettings>();
  private readonly timers: Timers;
  private tick: unknown = null;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: MonitorDeps) {
    const { db, log, clock } = deps;
    this.timers = deps.timers ?? systemTimers;
    this.settings = new SettingsRepo(db, log);
    this.windows = new WindowRepo(db, log);
    this.alerts = new AlertRepo(db);
    this.rules = new RulesRepo(db, log);
    this.calendar = new MaintenanceCalendar(this.windows.all());
    this.storage = createProbeStorage({ db, clock, log, timers: this.timers, settings: deps.storage });
    this.engine = new AlertEngine({ dependencies: this.graph, open: this.alerts.active(), rules: rulesWith(this.rules.get()) });
    this.states = new StateMachine({
      maintenance: this.calendar,
      onChange: ({ from, status }) => deps.events.emit('monitor.status', { from, status }),
    });
    this.prober = new ConnectionProber({ clients: deps.connections.clients, clock });
    this.scheduler = createScheduler({
      run: (id, signal) => this.run(id, signal),
      onReport: (report) => this.onReport(report),
      concurrency: deps.concurrency ?? DEFAULT_CONCURRENCY,
      timers: this.timers,
      random: deps.random,
      log,
    });
    if (deps.workstation ?? true) {
      this.watch({
        targetId: WORKSTATION_TARGET,
        kind: 'workstation',
        name: 'This workstation',
        vendor: null,
        host: null,
        defaults: defaultSettingsFor(null),
        record: null,
      });
    }
    for (const record of deps.connections.repo.list()) this.syncConnection(record.id);
    this.unsubscribe = deps.events.subscribe(({ event, payload }) => {
      if (event === 'connections.changed') this.syncConnection((payload as { connectionId: number }).connectionId);
    });
    this.armTick();
  }

  info(targetId: string): TargetInfo | undefined {
    return this.targets.get(targetId);
  }

  targetList(): TargetInfo[] {
    return [...this.targets.values()];
  }

  /** The target's settings, stored or its defaults, and whether it is paused. */
  settingsOf(targetId: string): StoredTargetSettings {
    let known = this.settingsCache.get(targetId);
    if (!known) {
      known = this.settings.get(targetId, this.targets.get(targetId)?.defaults);
      this.settingsCache.set(targetId, known);
    }
    return known;
  }

  lastRun(targetId: string): TargetRun | undefined {
    return this.lastRuns.get(targetId);
  }

  status(targetId: string): TargetStatus | undefined {
    return this.states.get(targetId);
  }

  /** The alert with its targets' names, as the contract sends it. */
  view(alert: AlertRecord): AlertView {
    const nameOf = (id: string) => this.targets.get(id)?.name ?? id;
    return { ...alert, targetName: nameOf(alert.targetId), affectedNames: alert.affected.map(nameOf) };
  }

  /** Feeds the alert engine and acts on what it says; returns its outputs for callers that need the alert. */
  feed(input: AlertInput): AlertOutput[] {
    const outputs = this.engine.handle(input);
    for (const out of outputs) {
      if (out.type === 'notify') {
        const info = this.targets.get(out.notification.alert.targetId);
        const target: NoticeTarget = { name: info?.name ?? out.notification.alert.targetId };
        if (info?.vendor) target.vendor = info.vendor;
        if (info?.host) target.host = info.host;
        this.deps.route(out.notification, target);
        continue;
      }
      this.alerts.save(out.alert);
      this.deps.events.emit(out.type === 'opened' ? 'alert.opened' : 'alert.updated', { alert: this.view(out.alert) });
    }
    return outputs;
  }

  /** Applies changed settings: plan, latency threshold and dependencies take effect at once. */
  configure(targetId: string, settings: MonitorSettings): void {
    this.graph.setParents(targetId, settings.dependsOn);
    this.settings.save(targetId, settings, this.deps.clock.now());
    this.settingsCache.delete(targetId);
    this.states.track(targetId, { latencyThresholdMs: settings.latencyThresholdMs }, this.deps.clock.now());
    this.scheduler.set(targetId, settings.plan);
  }

  setRules(settings: AlertRuleSettings): void {
    this.rules.save(settings);
    this.engine.setRules(rulesWith(settings));
  }

  pause(targetId: string): TargetStatus | undefined {
    const at = this.deps.clock.now();
    this.scheduler.pause(targetId);
    this.settings.setPaused(targetId, true, at, this.settingsOf(targetId).settings);
    this.settingsCache.delete(targetId);
    this.judge(this.states.pause(targetId, at), at);
    return this.states.get(targetId);
  }

  resume(targetId: string): TargetStatus | undefined {
    const at = this.deps.clock.now();
    this.settings.setPaused(targetId, false, at, this.settingsOf(targetId).settings);
    this.settingsCache.delete(targetId);
    this.judge(this.states.resume(targetId, at), at);
    this.scheduler.resume(targetId);
    return this.states.get(targetId);
  }

  /** After a maintenance window was added or removed: every target's state is looked at again. */
  refreshStates(): void {
    const at = this.deps.clock.now();
    for (const id of this.targets.keys()) {
      const before = this.states.get(id)?.state;
      const now = this.states.refresh(id, at);
      // Every 15 s for every target: only a window opening or closing is news to the alert engine.
      if (now && now.state !== before) this.judge(now, at);
    }
  }

  async close(): Promise<void> {
    this.unsubscribe();
    if (this.tick !== null) this.timers.clearTimeout(this.tick);
    this.tick = null;
    this.scheduler.stop();
    this.storage.close();
    await this.prober.closeAll();
  }

  private watch(info: TargetInfo): void {
    const known = this.targets.has(info.targetId);
    this.targets.set(info.targetId, info);
    // The defaults may have moved with the connection (the sandbox's port).
    this.settingsCache.delete(info.targetId);
    if (known) return;
    const { settings, paused } = this.settingsOf(info.targetId);
    const at = this.deps.clock.now();
    this.states.track(info.targetId, { latencyThresholdMs: settings.latencyThresholdMs }, at);
    try {
      this.graph.setParents(info.targetId, settings.dependsOn);
    } catch (err) {
      this.deps.log.error('monitor: a stored dependency would make a cycle; it is ignored', { targetId: info.targetId, error: err });
    }
    this.scheduler.set(info.targetId, settings.plan);
    if (paused) {
      this.scheduler.pause(info.targetId);
      this.judge(this.states.pause(info.targetId, at), at);
    }
  }

  private unwatch(targetId: string): void {
    if (!this.targets.delete(targetId)) return;
    this.scheduler.remove(targetId);
    this.states.untrack(targetId);
    this.graph.remove(targetId);
    this.lastRuns.delete(targetId);
    this.settingsCache.delete(targetId);
  }

  /** Follows a connection's change: watched while enabled, with its new name and address; forgotten when removed. */
  private syncConnection(connectionId: number): void {
    const targetId = connectionTarget(connectionId);
    const record = this.deps.connections.repo.find(connectionId);
    void this.prober.forget(connectionId);
    if (!record) {
      this.unwatch(targetId);
      this.settings.remove(targetId);
      this.windows.removeForTarget(targetId);
      return;
    }
    if (!record.config.enabled) {
      this.unwatch(targetId);
      return;
    }
    this.watch(connectionInfo(record));
  }

  private async run(targetId: string, signal: AbortSignal): Promise<ProbeOutcome> {
    const info = this.targets.get(targetId);
    if (!info) return runFailure('error', 'This target is no longer monitored.');
    let run: TargetRun;
    if (info.kind === 'workstation') {
      run = await runWorkstation(this.deps.dataDir, signal);
    } else {
      if (!info.record) return runFailure('error', 'The connection was removed.');
      run = await this.prober.run(info.record, this.settingsOf(targetId).settings, signal);
    }
    if (!signal.aborted) this.lastRuns.set(targetId, run);
    return run.outcome;
  }

  private onReport(report: RunReport): void {
    const at = this.deps.clock.now();
    const id = report.targetId;
    if (report.outcome.error) this.lastRuns.set(id, emptyRun(report.outcome));
    this.storage.record(report);
    this.judge(this.states.record(report, at), at);
    const run = this.lastRuns.get(id);
    if (run && !report.outcome.error && report.final) this.feedFacts(id, run, at);
    this.deps.observe?.(report);
  }

  private feedFacts(id: string, run: TargetRun, at: number): void {
    if (run.tls) this.feed({ type: 'tls', at, targetId: id, validTo: run.tls.validTo, protocol: run.tls.protocol });
    if (run.metrics.length > 0) this.feed({ type: 'metrics', at, targetId: id, readings: run.metrics });
  }

  private judge(status: TargetStatus | undefined, at: number): void {
    if (status) this.feed({ type: 'status', at, status });
  }

  private armTick(): void {
    this.tick = this.timers.setTimeout(() => {
      const at = this.deps.clock.now();
      try {
        this.refreshStates();
        this.feed({ type: 'tick', at });
      } catch (err) {
        this.deps.log.error('monitor: the alert tick failed; the next one tries again', { error: err });
      }
      this.armTick();
    }, TICK_MS);
  }
}

function connectionInfo(record: ConnectionRecord): TargetInfo {
  return {
    targetId: connectionTarget(record.id),
    kind: 'connection',
    name: record.config.name,
    vendor: record.config.vendor,
    host: new URL(record.config.baseUrl).host,
    defaults: defaultSettingsFor(record),
    record,
  };
}
