/** The status board's tiles, read from what the monitor holds in memory and the rollups. */
import { plainHttpUrls } from '../../../src-shared/connection-config';
import { atLeast, type BoardTile, type Severity } from '../../../src-shared/monitoring';
import type { Alert } from '../alert';
import type { DependencyGraph } from '../dependencies';
import type { MaintenanceCalendar } from '../maintenance';
import type { StateMachine } from '../state';
import type { ProbeRuns } from './probe-runs';
import type { TargetInfo } from './target-registry';

export interface BoardSources {
  states: Pick<StateMachine, 'get'>;
  runs: Pick<ProbeRuns, 'lastRun'>;
  calendar: Pick<MaintenanceCalendar, 'current'>;
  graph: Pick<DependencyGraph, 'parentsOf'>;
  uptime24h(targetId: string): number | null;
}

function worst(severities: Severity[]): Severity | null {
  return severities.reduce<Severity | null>((w, s) => (w === null || atLeast(s, w) ? s : w), null);
}

/** The open alerts by target, so a board of thousands of tiles reads the engine once. */
export function openByTarget(open: readonly Alert[]): Map<string, Alert[]> {
  const by = new Map<string, Alert[]>();
  for (const alert of open) {
    const list = by.get(alert.targetId);
    if (list) list.push(alert);
    else by.set(alert.targetId, [alert]);
  }
  return by;
}

export function tileFor(src: BoardSources, info: TargetInfo, open: readonly Alert[], at: number): BoardTile | null {
  const status = src.states.get(info.targetId);
  if (!status) return null;
  const run = src.runs.lastRun(info.targetId);
  const window = src.calendar.current(info.targetId, at);
  return {
    targetId: info.targetId,
    kind: info.kind,
    name: info.name,
    vendor: info.vendor,
    host: info.host,
    tags: info.record?.config.tags ?? [],
    status,
    uptime24h: src.uptime24h(info.targetId),
    certDaysLeft: run?.certDaysLeft ?? null,
    tokenMinutesLeft: run?.tokenMinutesLeft ?? null,
    openAlerts: open.length,
    worstSeverity: worst(open.map((a) => a.severity)),
    maintenance: window && { windowId: window.window.id, until: window.end, note: window.window.note },
    paused: status.state === 'PAUSED',
    plainHttp: info.record !== null && info.record.config.allowPlainHttp && plainHttpUrls(info.record.config).length > 0,
    workstation: run?.workstation ?? null,
    metrics: run?.series ?? {},
    dependsOn: src.graph.parentsOf(info.targetId),
  };
}
