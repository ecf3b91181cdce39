/**
 * The live monitor: every enabled EHR connection and the workstation,
 * probed on their plans (ProbeRuns); each final run stored, judged by the
 * state machine and handed to the alert engine (AlertFeed). It follows the
 * connections service's changes, and offers other services and its own
 * handlers one narrow API (MonitorApi): nothing outside this folder reaches
 * its parts.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { Agent, type Dispatcher } from 'undici';
import type { ChannelOutput, EventPayload } from '../../../src-shared/contract';
import {
  CHART_RANGE_IDS,
  maintenanceWindowSchema,
  type AlertFilter,
  type AlertRuleSettings,
  type AlertView,
  type BoardTile,
  type ChartRangeId,
  type MaintenanceWindow,
  type MonitorSettings,
  type NewMaintenanceWindow,
  type ExternalAlertSource,
  type Severity,
  type TargetStatus,
} from '../../../src-shared/monitoring';
import { connectionTarget } from '../../../src-shared/monitoring';
import { isPlainHttpOffMachine } from '../../../src-shared/network';
import type { AuditWriter } from '../../audit';
import type { Clock } from '../../clock';
import type { ConnectionsApi } from '../../connections';
import type { EventBus } from '../../events';
import type { Logger } from '../../log';
import { bareHost, OutboundRefusedError, type OutboundGuard } from '../../net';
import type { NotifyApi } from '../../notify';
import { DependencyCycleError, DependencyGraph } from '../dependencies';
import { MaintenanceCalendar, nextOccurrence } from '../maintenance';
import { probeWorkstation, type WorkstationProbeResult } from '../probes/workstation-probe';
import type { RunReport } from '../scheduler';
import { StateMachine } from '../state';
import { CHART_RANGES, type LatencyChart } from '../storage/latency';
import { createProbeStorage, UPTIME_WINDOWS, type ProbeStorage } from '../storage/probe-storage';
import type { StorageSettings } from '../storage/settings';
import type { RangeRollup } from '../storage/range-rollup';
import type { Uptime } from '../storage/uptime';
import { systemTimers, type Timers } from '../timers';
import { AlertFeed } from './alert-feed';
import type { DecidedResponse, ResponseTap } from './alert-sharing';
import { openByTarget, tileFor, type BoardSources } from './board';
import { DayUptime } from './day-uptime';
import { LastHour, type ConnectionHour } from './last-hour';
import { ProbeRuns } from './probe-runs';
import { RulesRepo } from './rules-repo';
import { SettingsRepo } from './settings-repo';
import { connectionInfo, TargetRegistry, workstationInfo, type TargetInfo } from './target-registry';
import type { TargetRun } from './target-run';
import { TargetSettings } from './target-settings';
import { WindowRepo } from './window-repo';

export type TargetDetail = ChannelOutput<'monitor.detail'>;

/** What another service says of its own alert: it holds (and how badly), or it has cleared. */
export type ExternalCondition = { severity: Severity; title: string; detail: string } | 'clear';
export type MaintenanceListing = ChannelOutput<'maintenance.list'>['windows'][number];

/** What other services, and the monitor's own handlers, may ask of it. */
export interface MonitorApi {
  board(): BoardTile[];
  /** Throws UnknownTargetError. */
  detail(targetId: string, range: ChartRangeId): TargetDetail;
  /** The runs and failures over the last `windowMs`, from the rollups. */
  uptime(targetId: string, windowMs: number): Uptime;
  latency(targetId: string, range: ChartRangeId): LatencyChart;
  /** For the KPIs: runs and failures hour by hour over [from, to) summed over the targets, and their latency over it; targets never probed add nothing. */
  rollup(targetIds: readonly string[], from: number, to: number): RangeRollup;
  /**
   * Throws UnknownTargetError, or MonitorInputError for dependencies that
   * cannot be and a metrics endpoint Vigil may not scrape. `anyMetricsHost`:
   * the caller may point the metrics endpoint at another host than the
   * connection's (an admin's choice).
   */
  configure(targetId: string, settings: MonitorSettings, opts?: { anyMetricsHost?: boolean }): MonitorSettings;
  pause(targetId: string): TargetStatus;
  resume(targetId: string): TargetStatus;
  rules(): AlertRuleSettings;
  setRules(rules: AlertRuleSettings): AlertRuleSettings;
  alerts(filter: AlertFilter): AlertView[];
  /** One alert, resolved ones included; null for an id never opened. */
  alert(alertId: string): AlertView | null;
  /** Throws AlertNotFoundError, or AlertResolvedError for one already resolved. */
  respond(type: 'acknowledge' | 'unacknowledge' | 'resolve', alertId: string, by: string): AlertView;
  maintenanceWindows(): MaintenanceListing[];
  /** Saves the window, then applies it; throws UnknownTargetError for a target not monitored. */
  addMaintenance(input: NewMaintenanceWindow): MaintenanceWindow;
  /** False when there was no such window. */
  removeMaintenance(id: string): boolean;
  /** Measures this workstation now (a runbook's resources check), against the seed's 80/85/80 % levels. */
  checkWorkstation(signal?: AbortSignal): Promise<WorkstationProbeResult>;
  /** Every monitored connection's last hour, read from memory (cheap for thousands). */
  lastHour(): ConnectionHour[];
  /**
   * Another service's own alert, one per `key`: opened (notified and escalated
   * as any alert) while its condition holds, updated as it changes, resolved
   * by itself on 'clear'. Returns the alert, or null once cleared.
   */
  raise(source: ExternalAlertSource, key: string, condition: ExternalCondition): AlertView | null;
  /** Team mode: people's responses and alerts resolving go to the outbox through `tap`, inside their transaction (null stops it). */
  shareResponses(tap: ResponseTap | null): void;
  /** Team mode: responses as the shared database decided them, in its order, inside one transaction. */
  mergeResponses(decided: readonly DecidedResponse[]): void;
}

export class UnknownTargetError extends Error {
  constructor(readonly targetId: string) {
    super('That target is not monitored: the connection was removed or is disabled.');
    this.name = 'UnknownTargetError';
  }
}

/** Settings that name dependencies which cannot be: the message says why, for the field. */
export class MonitorInputError extends Error {
  constructor(
    message: string,
    readonly path: string[],
  ) {
    super(message);
    this.name = 'MonitorInputError';
  }
}

export interface MonitorDeps {
  db: Database.Database;
  clock: Clock;
  log: Logger;
  events: EventBus;
  dataDir: string;
  connections: Pick<ConnectionsApi, 'list' | 'find' | 'probe'>;
  notify: Pick<NotifyApi, 'route'>;
  audit: AuditWriter;
  /** The outbound rules, applied to metrics endpoints when set and when scraped. */
  outbound: OutboundGuard;
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

const DEFAULT_CONCURRENCY = 32;
// Often enough for a reminder or a DEGRADED-for-10-minutes alert to be on time within seconds.
const TICK_MS = 15_000;
const RECENT_RESULTS = 50;

export class Monitor implements MonitorApi {
  private readonly targets = new TargetRegistry();
  private readonly graph = new DependencyGraph();
  private readonly settings: TargetSettings;
  private readonly windows: WindowRepo;
  private readonly rulesRepo: RulesRepo;
  private readonly calendar: MaintenanceCalendar;
  private readonly storage: ProbeStorage;
  private readonly states: StateMachine;
  private readonly alertFeed: AlertFeed;
  private readonly runs: ProbeRuns;
  private readonly board$: BoardSources;
  private readonly metricsHttp: Agent;
  private readonly dayUptime: DayUptime;
  private readonly hour = new LastHour();
  private readonly timers: Timers;
  private tick: unknown = null;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: MonitorDeps) {
    const { db, log, clock } = deps;
    this.timers = deps.timers ?? systemTimers;
    this.settings = new TargetSettings(new SettingsRepo(db, log), (id) => this.targets.get(id)?.defaults, clock);
    this.windows = new WindowRepo(db, log);
    this.rulesRepo = new RulesRepo(db, log);
    this.calendar = new MaintenanceCalendar(this.windows.all());
    this.storage = createProbeStorage({ db, clock, log, timers: this.timers, settings: deps.storage });
    this.alertFeed = new AlertFeed({
      db,
      now: () => clock.now(),
      events: deps.events,
      notify: deps.notify,
      audit: deps.audit,
      targets: this.targets,
      dependencies: this.graph,
      rules: this.rulesRepo.get(),
    });
    this.states = new StateMachine({
      maintenance: this.calendar,
      onChange: ({ from, status }) => deps.events.emit('monitor.status', { from, status }),
    });
    // Kept-alive like the EHR clients, so a scrape every 30 s reuses its socket; names are resolved through the outbound rules.
    this.metricsHttp = new Agent({ connect: { lookup: deps.outbound.lookup }, keepAliveTimeout: 60_000 });
    this.runs = new ProbeRuns({
      targets: this.targets,
      settings: this.settings,
      connections: deps.connections,
      metricsHttp: this.metricsHttp.compose(deps.outbound.interceptor) as Dispatcher,
      clock,
      log,
      dataDir: deps.dataDir,
      timers: this.timers,
      random: deps.random,
      concurrency: deps.concurrency ?? DEFAULT_CONCURRENCY,
      onReport: (report, run) => this.onReport(report, run),
    });
    this.dayUptime = new DayUptime({ targets: this.targets, compute: (id) => this.storage.uptime(id, UPTIME_WINDOWS['24h']).percent, timers: this.timers });
    this.board$ = { states: this.states, runs: this.runs, calendar: this.calendar, graph: this.graph, uptime24h: (id) => this.dayUptime.of(id) };
    if (deps.workstation ?? true) this.watch(workstationInfo());
    for (const record of deps.connections.list()) this.syncConnection(record.id, 'vigil');
    this.unsubscribe = deps.events.subscribe(({ event, payload }) => {
      if (event === 'connections.changed') {
        const { connectionId, by } = payload as EventPayload<'connections.changed'>;
        this.syncConnection(connectionId, by);
      }
    });
    this.armTick();
  }

  // ---------------------------------------------------------------- MonitorApi

  board(): BoardTile[] {
    const at = this.deps.clock.now();
    const open = openByTarget(this.alertFeed.open());
    return this.targets.list().flatMap((info) => tileFor(this.board$, info, open.get(info.targetId) ?? [], at) ?? []);
  }

  detail(targetId: string, range: ChartRangeId): TargetDetail {
    const info = this.known(targetId);
    const at = this.deps.clock.now();
    const open = this.alertFeed.open().filter((a) => a.targetId === targetId);
    const uptime = Object.fromEntries(CHART_RANGE_IDS.map((r) => [r, this.storage.uptime(targetId, CHART_RANGES[r])])) as TargetDetail['uptime'];
    return {
      tile: tileFor(this.board$, info, open, at)!,
      settings: this.settings.of(targetId).settings,
      uptime,
      latency: this.storage.latency(targetId, range),
      lastRun: this.runs.lastRun(targetId)?.lastRun ?? [],
      recent: this.storage.recent(targetId, RECENT_RESULTS),
      alerts: this.alertFeed.list({ status: 'active', targetId, limit: 100 }),
      windows: this.calendar.windows().filter((w) => w.targetId === null || w.targetId === targetId),
    };
  }

  uptime(targetId: string, windowMs: number): Uptime {
    return this.storage.uptime(targetId, windowMs);
  }

  latency(targetId: string, range: ChartRangeId): LatencyChart {
    return this.storage.latency(targetId, range);
  }

  rollup(targetIds: readonly string[], from: number, to: number): RangeRollup {
    return this.storage.rollup(targetIds, from, to);
  }

  configure(targetId: string, settings: MonitorSettings, opts: { anyMetricsHost?: boolean } = {}): MonitorSettings {
    const info = this.known(targetId);
    if (settings.metrics) this.checkMetricsUrl(info, settings.metrics.url, opts.anyMetricsHost ?? false);
    const unknown = settings.dependsOn.filter((d) => d === targetId || !this.targets.get(d));
    if (unknown.length > 0) {
      throw new MonitorInputError(unknown.includes(targetId) ? 'A target cannot depend on itself.' : 'It can only depend on monitored targets.', ['settings', 'dependsOn']);
    }
    try {
      this.graph.setParents(targetId, settings.dependsOn);
    } catch (err) {
      if (!(err instanceof DependencyCycleError)) throw err;
      const names = err.cycle.map((id) => this.targets.nameOf(id)).join(' → ');
      throw new MonitorInputError(`That would make a dependency cycle: ${names}`, ['settings', 'dependsOn']);
    }
    this.settings.save(targetId, settings);
    this.states.track(targetId, { latencyThresholdMs: settings.latencyThresholdMs }, this.deps.clock.now());
    this.runs.plan(targetId, settings.plan);
    return settings;
  }

  pause(targetId: string): TargetStatus {
    this.known(targetId);
    const at = this.deps.clock.now();
    this.runs.pause(targetId);
    this.settings.setPaused(targetId, true);
    this.judge(this.states.pause(targetId, at), at);
    return this.states.get(targetId)!;
  }

  resume(targetId: string): TargetStatus {
    this.known(targetId);
    const at = this.deps.clock.now();
    this.settings.setPaused(targetId, false);
    this.judge(this.states.resume(targetId, at), at);
    this.runs.resume(targetId);
    return this.states.get(targetId)!;
  }

  rules(): AlertRuleSettings {
    return this.rulesRepo.get();
  }

  setRules(rules: AlertRuleSettings): AlertRuleSettings {
    this.rulesRepo.save(rules);
    this.alertFeed.setRules(rules);
    return rules;
  }

  alerts(filter: AlertFilter): AlertView[] {
    return this.alertFeed.list(filter);
  }

  alert(alertId: string): AlertView | null {
    return this.alertFeed.find(alertId);
  }

  respond(type: 'acknowledge' | 'unacknowledge' | 'resolve', alertId: string, by: string): AlertView {
    return this.alertFeed.respond(type, alertId, by, this.deps.clock.now());
  }

  checkWorkstation(signal?: AbortSignal): Promise<WorkstationProbeResult> {
    return probeWorkstation({ dataDir: this.deps.dataDir }, { signal });
  }

  maintenanceWindows(): MaintenanceListing[] {
    const now = this.deps.clock.now();
    return this.calendar.windows().map((window) => {
      const next = nextOccurrence(window, now);
      return { window, active: next !== null && next.start <= now && now < next.end, next };
    });
  }

  addMaintenance(input: NewMaintenanceWindow): MaintenanceWindow {
    if (input.targetId !== null) this.known(input.targetId);
    const window = maintenanceWindowSchema.parse({ ...input, id: randomUUID() });
    // Saved before it takes effect: a window that could not be stored must not silence alerts.
    this.windows.add(window, this.deps.clock.now());
    this.calendar.set(window);
    this.refreshStates();
    return window;
  }

  removeMaintenance(id: string): boolean {
    if (!this.windows.remove(id)) return false;
    this.calendar.remove(id);
    this.refreshStates();
    return true;
  }

  lastHour(): ConnectionHour[] {
    const at = this.deps.clock.now();
    return this.targets.list().flatMap((info) =>
      info.kind === 'connection' ? [this.hour.connection(info, this.runs.lastRun(info.targetId)?.series ?? {}, at)] : [],
    );
  }

  raise(source: ExternalAlertSource, key: string, condition: ExternalCondition): AlertView | null {
    const verdict = condition === 'clear' ? 'clear' : { grade: 2, ...condition };
    const outputs = this.alertFeed.feed({ type: 'external', at: this.deps.clock.now(), targetId: source, rule: `metric:${key}`, verdict });
    const changed = outputs.flatMap((o) => (o.type === 'notify' ? [] : [o.alert]))[0];
    const alert = changed ?? this.alertFeed.open().find((a) => a.targetId === source && a.rule === `metric:${key}`);
    return alert && alert.status !== 'resolved' ? this.alertFeed.view(alert) : null;
  }

  shareResponses(tap: ResponseTap | null): void {
    this.alertFeed.share(tap);
  }

  mergeResponses(decided: readonly DecidedResponse[]): void {
    this.alertFeed.merge(decided);
  }

  async close(): Promise<void> {
    this.unsubscribe();
    if (this.tick !== null) this.timers.clearTimeout(this.tick);
    this.tick = null;
    this.runs.stop();
    this.dayUptime.stop();
    this.storage.close();
    await this.metricsHttp.close();
  }

  // ---------------------------------------------------------------- following the targets

  private known(targetId: string): TargetInfo {
    const info = this.targets.get(targetId);
    if (!info) throw new UnknownTargetError(targetId);
    return info;
  }

  /** A metrics endpoint is scraped every few seconds and its numbers shown to every role: it may not be a way to read other hosts. */
  private checkMetricsUrl(info: TargetInfo, url: string, anyHost: boolean): void {
    const path = ['settings', 'metrics', 'url'];
    const u = new URL(url);
    try {
      this.deps.outbound.checkUrl(u);
    } catch (err) {
      if (err instanceof OutboundRefusedError) throw new MonitorInputError(err.message, path);
      throw err;
    }
    const connectionUrl = info.record ? new URL(info.record.config.baseUrl) : null;
    if (!anyHost && (!connectionUrl || bareHost(u) !== bareHost(connectionUrl))) {
      throw new MonitorInputError(
        connectionUrl
          ? `The metrics endpoint must be on the connection's host (${connectionUrl.hostname}); an administrator can set another host.`
          : 'Only an administrator can set a metrics endpoint here.',
        path,
      );
    }
    if (isPlainHttpOffMachine(url) && !info.record?.config.allowPlainHttp) {
      throw new MonitorInputError('Use https:// for a metrics endpoint off this machine (or an administrator allows plain http for the connection).', path);
    }
  }

  private watch(info: TargetInfo): void {
    const isNew = this.targets.set(info);
    this.settings.forget(info.targetId);
    if (!isNew) return;
    const { settings, paused } = this.settings.of(info.targetId);
    const at = this.deps.clock.now();
    this.states.track(info.targetId, { latencyThresholdMs: settings.latencyThresholdMs }, at);
    try {
      this.graph.setParents(info.targetId, settings.dependsOn);
    } catch (err) {
      this.deps.log.error('monitor: a stored dependency would make a cycle; it is ignored', { targetId: info.targetId, error: err });
    }
    this.runs.plan(info.targetId, settings.plan);
    if (paused) {
      this.runs.pause(info.targetId);
      this.judge(this.states.pause(info.targetId, at), at);
    }
  }

  private unwatch(targetId: string): void {
    if (!this.targets.delete(targetId)) return;
    this.runs.remove(targetId);
    this.hour.forget(targetId);
    this.states.untrack(targetId);
    this.graph.remove(targetId);
    this.settings.forget(targetId);
  }

  /**
   * Follows a connection's change: watched while enabled, with its new name
   * and address; forgotten when removed or disabled, its open alerts
   * resolved saying so (nobody could act on them, and they would remind for ever).
   */
  private syncConnection(connectionId: number, by: string): void {
    const targetId = connectionTarget(connectionId);
    const record = this.deps.connections.find(connectionId);
    const watched = this.targets.get(targetId) !== undefined;
    if (!record) {
      if (watched) this.alertFeed.feed({ type: 'retire', at: this.deps.clock.now(), targetId, by, reason: 'removed' });
      this.unwatch(targetId);
      this.settings.remove(targetId);
      this.windows.removeForTarget(targetId);
      return;
    }
    if (!record.config.enabled) {
      if (watched) this.alertFeed.feed({ type: 'retire', at: this.deps.clock.now(), targetId, by, reason: 'disabled' });
      this.unwatch(targetId);
      return;
    }
    this.watch(connectionInfo(record));
  }

  // ---------------------------------------------------------------- judging

  private onReport(report: RunReport, run: TargetRun | undefined): void {
    const at = this.deps.clock.now();
    const id = report.targetId;
    this.storage.record(report);
    if (report.final && this.targets.get(id)?.kind === 'connection') this.hour.add(id, report.outcome, this.settings.of(id).settings.latencyThresholdMs, at);
    this.judge(this.states.record(report, at), at);
    if (run && !report.outcome.error && report.final) {
      if (run.tls) this.alertFeed.feed({ type: 'tls', at, targetId: id, validTo: run.tls.validTo, protocol: run.tls.protocol });
      if (run.metrics.length > 0) this.alertFeed.feed({ type: 'metrics', at, targetId: id, readings: run.metrics });
    }
    const record = this.targets.get(id)?.record;
    if (record && report.final) {
      const { authMode, clientSecretExpiresAt } = record.config;
      this.alertFeed.feed({
        type: 'credentials',
        at,
        targetId: id,
        secretExpiresAt: authMode === 'client_secret_basic' || authMode === 'client_secret_post' ? (clientSecretExpiresAt ?? null) : null,
        keyCreatedAt: authMode === 'private_key_jwt' ? record.keyCreatedAt : null,
      });
    }
    this.deps.observe?.(report);
  }

  private judge(status: TargetStatus | undefined, at: number): void {
    if (status) this.alertFeed.feed({ type: 'status', at, status });
  }

  /** After a maintenance window was added or removed, and on every tick: only a window opening or closing is news. */
  private refreshStates(): void {
    const at = this.deps.clock.now();
    for (const id of this.targets.ids()) {
      const before = this.states.get(id)?.state;
      const now = this.states.refresh(id, at);
      if (now && now.state !== before) this.judge(now, at);
    }
  }

  private armTick(): void {
    this.tick = this.timers.setTimeout(() => {
      const at = this.deps.clock.now();
      try {
        this.refreshStates();
        this.alertFeed.feed({ type: 'tick', at });
      } catch (err) {
        this.deps.log.error('monitor: the alert tick failed; the next one tries again', { error: err });
      }
      this.armTick();
    }, TICK_MS);
  }
}
