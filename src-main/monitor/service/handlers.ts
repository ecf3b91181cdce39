/** Contract handlers for the status board, probe settings, maintenance windows and alerts. */
import { randomUUID } from 'node:crypto';
import { CHART_RANGE_IDS, type MaintenanceWindow } from '../../../src-shared/monitoring';
import type { Clock } from '../../clock';
import { DispatchError, type HandlerContext, type HandlerTable } from '../../dispatch/handler';
import { AlertNotFoundError } from '../alert-engine';
import { DependencyCycleError } from '../dependencies';
import { nextOccurrence } from '../maintenance';
import { CHART_RANGES } from '../storage/latency';
import { boardTiles, tileFor } from './board';
import type { Monitor, TargetInfo } from './monitor-service';

export type MonitorChannels =
  | 'monitor.board'
  | 'monitor.detail'
  | 'monitor.configure'
  | 'monitor.pause'
  | 'monitor.resume'
  | 'monitor.rules'
  | 'monitor.setRules'
  | 'maintenance.list'
  | 'maintenance.create'
  | 'maintenance.delete'
  | 'alerts.list'
  | 'alerts.acknowledge'
  | 'alerts.resolve';

const RECENT_RESULTS = 50;

// Both channels need a session, so there always is a caller; the fallback only satisfies the type.
const actor = (caller: HandlerContext['caller']) => caller?.username ?? 'system';

export function monitorHandlers(monitor: Monitor, clock: Clock): HandlerTable<MonitorChannels> {
  const target = (targetId: string): TargetInfo => {
    const info = monitor.info(targetId);
    if (!info) throw new DispatchError('NOT_FOUND', 'That target is not monitored: the connection was removed or is disabled.');
    return info;
  };

  /** Acknowledge and resolve: an alert already resolved is a conflict, not a mystery. */
  const respond = (type: 'acknowledge' | 'resolve', alertId: string, ctx: HandlerContext) => {
    ctx.audit({ target: `alert:${alertId}` });
    try {
      monitor.feed({ type, at: clock.now(), alertId, by: actor(ctx.caller) });
    } catch (err) {
      if (!(err instanceof AlertNotFoundError)) throw err;
      const stored = monitor.alerts.find(alertId);
      if (stored?.status === 'resolved') throw new DispatchError('CONFLICT', 'This alert has already been resolved.');
      throw new DispatchError('NOT_FOUND', 'There is no such alert.');
    }
    return monitor.view(monitor.alerts.find(alertId)!);
  };

  return {
    'monitor.board': () => ({ tiles: boardTiles(monitor, clock.now()) }),

    'monitor.detail': ({ targetId, range }) => {
      const now = clock.now();
      const tile = tileFor(monitor, target(targetId), now)!;
      const uptime = Object.fromEntries(CHART_RANGE_IDS.map((r) => [r, monitor.storage.uptime(targetId, CHART_RANGES[r])])) as Record<
        (typeof CHART_RANGE_IDS)[number],
        ReturnType<Monitor['storage']['uptime']>
      >;
      return {
        tile,
        settings: monitor.settingsOf(targetId).settings,
        uptime,
        latency: monitor.storage.latency(targetId, range),
        lastRun: monitor.lastRun(targetId)?.lastRun ?? [],
        recent: monitor.storage.recent(targetId, RECENT_RESULTS),
        alerts: monitor.alerts.query({ status: 'active', targetId, limit: 100 }).map((a) => monitor.view(a)),
        windows: monitor.calendar.windows().filter((w) => w.targetId === null || w.targetId === targetId),
      };
    },

    'monitor.configure': ({ targetId, settings }, ctx) => {
      target(targetId);
      ctx.audit({ target: targetId, detail: { intervalMs: settings.plan.intervalMs, dependsOn: settings.dependsOn } });
      const unknown = settings.dependsOn.filter((d) => d === targetId || !monitor.info(d));
      if (unknown.length > 0) {
        const message = unknown.includes(targetId) ? 'A target cannot depend on itself.' : 'It can only depend on monitored targets.';
        throw new DispatchError('INVALID_INPUT', message, [{ path: ['settings', 'dependsOn'], message }]);
      }
      try {
        monitor.configure(targetId, settings);
      } catch (err) {
        if (!(err instanceof DependencyCycleError)) throw err;
        const names = err.cycle.map((id) => monitor.info(id)?.name ?? id).join(' → ');
        const message = `That would make a dependency cycle: ${names}`;
        throw new DispatchError('INVALID_INPUT', message, [{ path: ['settings', 'dependsOn'], message }]);
      }
      return settings;
    },

    'monitor.pause': ({ targetId }, ctx) => {
      target(targetId);
      ctx.audit({ target: targetId });
      return monitor.pause(targetId)!;
    },

    'monitor.resume': ({ targetId }, ctx) => {
      target(targetId);
      ctx.audit({ target: targetId });
      return monitor.resume(targetId)!;
    },

    'monitor.rules': () => monitor.rules.get(),

    'monitor.setRules': (rules, ctx) => {
      ctx.audit({ target: 'monitor:rules', detail: rules });
      monitor.setRules(rules);
      return rules;
    },

    'maintenance.list': () => {
      const now = clock.now();
      return {
        windows: monitor.calendar.windows().map((window) => ({
          window,
          active: isActive(window, now),
          next: nextOccurrence(window, now),
        })),
      };
    },

    'maintenance.create': (input, ctx) => {
      if (input.targetId !== null) target(input.targetId);
      const window: MaintenanceWindow = monitor.calendar.set({ ...input, id: randomUUID() });
      monitor.windows.add(window, clock.now());
      ctx.audit({ target: `maintenance:${window.id}`, detail: { targetId: window.targetId, kind: window.kind } });
      monitor.refreshStates();
      return window;
    },

    'maintenance.delete': ({ id }, ctx) => {
      ctx.audit({ target: `maintenance:${id}` });
      if (!monitor.windows.remove(id)) throw new DispatchError('NOT_FOUND', 'There is no such maintenance window.');
      monitor.calendar.remove(id);
      monitor.refreshStates();
      return {};
    },

    'alerts.list': (filter) => ({ alerts: monitor.alerts.query(filter).map((a) => monitor.view(a)) }),
    'alerts.acknowledge': ({ alertId }, ctx) => respond('acknowledge', alertId, ctx),
    'alerts.resolve': ({ alertId }, ctx) => respond('resolve', alertId, ctx),
  };
}

function isActive(window: MaintenanceWindow, now: number): boolean {
  const occurrence = nextOccurrence(window, now);
  return occurrence !== null && occurrence.start <= now && now < occurrence.end;
}
