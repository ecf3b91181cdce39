/** Contract handlers for the status board, probe settings, alert rules, maintenance windows and alerts: MonitorApi's answers as envelopes. */
import { can } from '../../src-shared/roles';
import { auditTarget } from '../audit';
import { DispatchError, type HandlerContext, type HandlerTable } from '../dispatch';
import { AlertNotFoundError } from './alert-engine';
import { AlertResolvedError, AlertTakenError } from './service/alert-feed';
import { MonitorInputError, UnknownTargetError, type MonitorApi } from './service/monitor';

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
  | 'alerts.unacknowledge'
  | 'alerts.resolve';

/** The monitor's own failures as the caller should see them. */
function answer<T>(act: () => T): T {
  try {
    return act();
  } catch (err) {
    if (err instanceof UnknownTargetError) throw new DispatchError('NOT_FOUND', err.message);
    if (err instanceof MonitorInputError) throw new DispatchError('INVALID_INPUT', err.message, [{ path: err.path, message: err.message }]);
    if (err instanceof AlertResolvedError) throw new DispatchError('CONFLICT', 'This alert has already been resolved.');
    if (err instanceof AlertTakenError) throw new DispatchError('CONFLICT', err.message);
    if (err instanceof AlertNotFoundError) throw new DispatchError('NOT_FOUND', 'There is no such alert.');
    throw err;
  }
}

function withoutCredentials(url: string): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.href;
}

// Both respond channels need a session, so there always is a caller; the fallback only satisfies the type.
const actor = (caller: HandlerContext['caller']) => caller?.username ?? 'anonymous';

export function monitorHandlers(monitor: MonitorApi): HandlerTable<MonitorChannels> {
  return {
    'monitor.board': () => ({ tiles: monitor.board() }),

    'monitor.detail': ({ targetId, range }) => answer(() => monitor.detail(targetId, range)),

    'monitor.configure': ({ targetId, settings }, ctx) => {
      // The metrics URL is fetched every few seconds: who pointed it where is for the trail (without any credentials in it).
      const metricsUrl = settings.metrics ? withoutCredentials(settings.metrics.url) : null;
      ctx.audit({ target: auditTarget.monitored(targetId), detail: { intervalMs: settings.plan.intervalMs, dependsOn: settings.dependsOn, metricsUrl } });
      const anyMetricsHost = ctx.caller !== null && can(ctx.caller.role, 'network.manage');
      return answer(() => monitor.configure(targetId, settings, { anyMetricsHost }));
    },

    'monitor.pause': ({ targetId }, ctx) => {
      ctx.audit({ target: auditTarget.monitored(targetId) });
      return answer(() => monitor.pause(targetId));
    },

    'monitor.resume': ({ targetId }, ctx) => {
      ctx.audit({ target: auditTarget.monitored(targetId) });
      return answer(() => monitor.resume(targetId));
    },

    'monitor.rules': () => monitor.rules(),

    'monitor.setRules': (rules, ctx) => {
      ctx.audit({ target: auditTarget.monitorRules(), detail: rules });
      return monitor.setRules(rules);
    },

    'maintenance.list': () => ({ windows: monitor.maintenanceWindows() }),

    'maintenance.create': (input, ctx) => {
      const window = answer(() => monitor.addMaintenance(input));
      ctx.audit({ target: auditTarget.maintenanceWindow(window.id), detail: { targetId: window.targetId, kind: window.kind } });
      return window;
    },

    'maintenance.delete': ({ id }, ctx) => {
      ctx.audit({ target: auditTarget.maintenanceWindow(id) });
      if (!monitor.removeMaintenance(id)) throw new DispatchError('NOT_FOUND', 'There is no such maintenance window.');
      return {};
    },

    'alerts.list': (filter) => ({ alerts: monitor.alerts(filter) }),
    'alerts.acknowledge': ({ alertId }, ctx) => {
      ctx.audit({ target: auditTarget.alert(alertId) });
      return answer(() => monitor.respond('acknowledge', alertId, actor(ctx.caller)));
    },
    'alerts.unacknowledge': ({ alertId }, ctx) => {
      ctx.audit({ target: auditTarget.alert(alertId) });
      return answer(() => monitor.respond('unacknowledge', alertId, actor(ctx.caller)));
    },
    'alerts.resolve': ({ alertId }, ctx) => {
      ctx.audit({ target: auditTarget.alert(alertId) });
      return answer(() => monitor.respond('resolve', alertId, actor(ctx.caller)));
    },
  };
}
