/** The status board's tiles, read from what the monitor holds in memory and the rollups. */
import { atLeast, type BoardTile, type Severity } from '../../../src-shared/monitoring';
import { UPTIME_WINDOWS } from '../storage/probe-storage';
import type { Monitor, TargetInfo } from './monitor-service';

function worst(severities: Severity[]): Severity | null {
  return severities.reduce<Severity | null>((w, s) => (w === null || atLeast(s, w) ? s : w), null);
}

export function tileFor(monitor: Monitor, info: TargetInfo, at: number): BoardTile | null {
  const status = monitor.status(info.targetId);
  if (!status) return null;
  const run = monitor.lastRun(info.targetId);
  const open = monitor.engine.openAlerts().filter((a) => a.targetId === info.targetId);
  const window = monitor.calendar.current(info.targetId, at);
  return {
    targetId: info.targetId,
    kind: info.kind,
    name: info.name,
    vendor: info.vendor,
    status,
    uptime24h: monitor.storage.uptime(info.targetId, UPTIME_WINDOWS['24h']).percent,
    certDaysLeft: run?.certDaysLeft ?? null,
    tokenMinutesLeft: run?.tokenMinutesLeft ?? null,
    openAlerts: open.length,
    worstSeverity: worst(open.map((a) => a.severity)),
    maintenance: window && { windowId: window.window.id, until: window.end, note: window.window.note },
    paused: status.state === 'PAUSED',
    workstation: run?.workstation ?? null,
    metrics: run?.series ?? {},
    dependsOn: monitor.graph.parentsOf(info.targetId),
  };
}

export function boardTiles(monitor: Monitor, at: number): BoardTile[] {
  return monitor.targetList().flatMap((info) => tileFor(monitor, info, at) ?? []);
}
