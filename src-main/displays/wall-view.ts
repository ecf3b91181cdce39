/**
 * The board and the alerts as a wall may show them to a room: names (with
 * anything that looks like patient data taken out), states, codes, numbers
 * and times. Nothing a server wrote travels: a target's reason, an alert's
 * title and detail, maintenance notes and metric names stay behind. The
 * contract's schemas for these shapes (src-shared/contract/displays.ts)
 * accept only codes of a fixed form, and a cause that does not fit is left
 * out rather than sent.
 */
import { TAG_PATTERN, VENDOR_IDS, type VendorId } from '../../src-shared/connection-config';
import { wallCauseSchema, type WallAlert, type WallCause, type WallTile } from '../../src-shared/contract';
import { alertRuleKind, SEVERITIES, type AlertView, type BoardTile, type Cause } from '../../src-shared/monitoring';
import { redact } from '../phi';

function wallCause(cause: Cause | null): WallCause | null {
  const safe = cause && wallCauseSchema.safeParse(cause);
  return safe?.success ? safe.data : null;
}

function wallVendor(vendor: string | null): VendorId | null {
  return (VENDOR_IDS as readonly string[]).includes(vendor ?? '') ? (vendor as VendorId) : null;
}

export function wallTile(tile: BoardTile): WallTile {
  const { status } = tile;
  return {
    targetId: tile.targetId,
    kind: tile.kind,
    name: redact(tile.name),
    vendor: wallVendor(tile.vendor),
    tags: tile.tags.filter((t) => TAG_PATTERN.test(t)),
    status: {
      state: status.state,
      health: status.health,
      since: status.since,
      flapping: status.flapping,
      latencyMs: status.latencyMs,
      cause: wallCause(status.cause),
    },
    uptime24h: tile.uptime24h,
    certDaysLeft: tile.certDaysLeft,
    openAlerts: tile.openAlerts,
    worstSeverity: tile.worstSeverity,
    maintenanceUntil: tile.maintenance?.until ?? null,
    workstation: tile.workstation,
  };
}

/** Open before acknowledged, then the most severe, then the oldest: what a room should look at first. */
function wallOrder(a: WallAlert, b: WallAlert): number {
  return (
    Number(a.status === 'acknowledged') - Number(b.status === 'acknowledged') ||
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    a.openedAt - b.openedAt
  );
}

/** The active alerts for the wall; one of a kind this version does not know is left out rather than shown wrongly. */
export function wallAlerts(alerts: readonly AlertView[]): WallAlert[] {
  return alerts
    .flatMap((alert): WallAlert[] => {
      const kind = alertRuleKind(alert.rule);
      if (kind === null || alert.status === 'resolved') return [];
      return [
        {
          id: alert.id,
          targetId: alert.targetId,
          targetName: redact(alert.targetName),
          kind,
          grade: alert.grade,
          severity: alert.severity,
          status: alert.status,
          openedAt: alert.openedAt,
          acknowledgedAt: alert.acknowledged?.at ?? null,
          flapping: alert.flapping,
          cause: wallCause(alert.cause),
          affected: alert.affected.length,
        },
      ];
    })
    .sort(wallOrder);
}
