/** Alerts, status-board tiles and notification channels as main sends them (timed from the tests' fixed NOW), for the monitoring screens' tests. */
import type { AlertView, BoardTile } from '../../../src-shared/monitoring';
import type { NotifyChannel } from '../../../src-shared/contract';
import { MINUTE, NOW } from './harness';

export function alert(id: string, overrides: Partial<AlertView> = {}): AlertView {
  const openedAt = NOW - 12 * MINUTE;
  return {
    id,
    dedupKey: `vigil/conn:1/connection.down/${id}`,
    targetId: 'conn:1',
    rule: 'connection.down',
    severity: 'SEV1',
    grade: 3,
    peakGrade: 3,
    title: `Alert ${id}`,
    detail: 'CapabilityStatement: connection refused',
    cause: { probe: 'capability', kind: 'NETWORK', kbCode: 'network_unreachable' },
    status: 'open',
    openedAt,
    updatedAt: openedAt,
    acknowledged: null,
    resolved: null,
    escalation: { policy: { levels: [{ afterMs: 0 }, { afterMs: 15 * MINUTE }, { afterMs: 30 * MINUTE }], repeatEveryMs: 15 * MINUTE }, level: 1, notifiedAt: openedAt },
    affected: [],
    flapping: false,
    targetName: 'Epic production',
    affectedNames: [],
    ...overrides,
  };
}

export function tile(targetId: string, name: string): BoardTile {
  return {
    targetId,
    kind: targetId === 'workstation' ? 'workstation' : 'connection',
    name,
    vendor: null,
    host: null,
    tags: [],
    status: { targetId, state: 'UP', health: 'UP', reason: 'All probes pass', since: 0, healthSince: 0, flapping: false, latencyMs: 120, checkedAt: 0, cause: null },
    uptime24h: 100,
    certDaysLeft: null,
    tokenMinutesLeft: null,
    openAlerts: 0,
    worstSeverity: null,
    maintenance: null,
    paused: false,
    plainHttp: false,
    workstation: null,
    metrics: {},
    dependsOn: [],
  };
}

export const TILES = [tile('conn:1', 'Epic production'), tile('conn:2', 'Cerner lab'), tile('workstation', 'This workstation')];

export function channel(id: string, overrides: Partial<NotifyChannel> = {}): NotifyChannel {
  return {
    id,
    settings: { kind: 'slack', name: `Channel ${id}`, enabled: true, minSeverity: 'SEV3', fromLevel: 1, safetyOfficers: false },
    hasSecret: true,
    health: { status: 'unknown', lastSuccessAt: null, lastFailureAt: null, lastError: null, consecutiveFailures: 0, pending: 0 },
    ...overrides,
  };
}
