/** The status board, a target's detail and probe settings, shared alert rules, maintenance windows. */
import { z } from 'zod';
import {
  alertRuleSettingsSchema,
  alertViewSchema,
  boardTileSchema,
  CHART_RANGE_IDS,
  CONNECTION_STATES,
  latencyChartSchema,
  maintenanceWindowSchema,
  monitorSettingsSchema,
  newMaintenanceWindowSchema,
  probeReportSchema,
  storedResultSchema,
  targetIdSchema,
  targetStatusSchema,
  uptimeSchema,
} from '../monitoring';
import { channel, empty, epochMs, event } from './define';

export const MONITOR_CHANNELS = {
  'monitor.board': channel({
    summary: 'The status board: one tile per monitored connection and the workstation',
    access: 'alerts.read',
    audited: false,
    input: empty,
    output: z.object({ tiles: z.array(boardTileSchema) }),
  }),
  'monitor.detail': channel({
    summary: "One target's latency and uptime over a range, its last run, recent results, alerts and maintenance windows",
    access: 'alerts.read',
    audited: false,
    input: z.object({ targetId: targetIdSchema, range: z.enum(CHART_RANGE_IDS).default('24h') }).strict(),
    output: z.object({
      tile: boardTileSchema,
      settings: monitorSettingsSchema,
      uptime: z.object({ '1h': uptimeSchema, '24h': uptimeSchema, '7d': uptimeSchema, '30d': uptimeSchema }),
      latency: latencyChartSchema,
      lastRun: z.array(probeReportSchema),
      recent: z.array(storedResultSchema),
      alerts: z.array(alertViewSchema),
      windows: z.array(maintenanceWindowSchema),
    }),
  }),
  'monitor.configure': channel({
    summary: "Change a target's probe plan, latency threshold, dependencies or metrics endpoint",
    access: 'monitor.manage',
    audited: true,
    input: z.object({ targetId: targetIdSchema, settings: monitorSettingsSchema }).strict(),
    output: monitorSettingsSchema,
  }),
  'monitor.pause': channel({
    summary: 'Stop probing a target until it is resumed',
    access: 'monitor.manage',
    audited: true,
    input: z.object({ targetId: targetIdSchema }).strict(),
    output: targetStatusSchema,
  }),
  'monitor.resume': channel({
    summary: 'Probe a paused target again',
    access: 'monitor.manage',
    audited: true,
    input: z.object({ targetId: targetIdSchema }).strict(),
    output: targetStatusSchema,
  }),
  'monitor.rules': channel({
    summary: 'The alert rules every target shares: certificate expiry tiers, how long DEGRADED may last before it alerts',
    access: 'alerts.read',
    audited: false,
    input: empty,
    output: alertRuleSettingsSchema,
  }),
  'monitor.setRules': channel({
    summary: 'Change the shared alert rules; open alerts are judged again by them at the next run',
    access: 'monitor.manage',
    audited: true,
    input: alertRuleSettingsSchema,
    output: alertRuleSettingsSchema,
  }),
  'maintenance.list': channel({
    summary: 'Every maintenance window, with the next or current occurrence',
    access: 'alerts.read',
    audited: false,
    input: empty,
    output: z.object({
      windows: z.array(z.object({ window: maintenanceWindowSchema, active: z.boolean(), next: z.object({ start: epochMs, end: epochMs }).nullable() })),
    }),
  }),
  'maintenance.create': channel({
    summary: 'Plan a one-off or recurring maintenance window for one target or all',
    access: 'monitor.manage',
    audited: true,
    input: newMaintenanceWindowSchema,
    output: maintenanceWindowSchema,
  }),
  'maintenance.delete': channel({
    summary: 'Remove a maintenance window',
    access: 'monitor.manage',
    audited: true,
    input: z.object({ id: z.string().min(1) }).strict(),
    output: empty,
  }),
};

export const MONITOR_EVENTS = {
  'monitor.status': event({
    summary: "A target's state, health or flapping changed",
    audience: 'alerts.read',
    payload: z.object({ from: z.enum(CONNECTION_STATES), status: targetStatusSchema }),
  }),
};
