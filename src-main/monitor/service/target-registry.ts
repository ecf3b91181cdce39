/**
 * What the monitor watches, by target id: each enabled connection (with its
 * record as last read) and the workstation. Only the monitor's following of
 * connections.changed adds or removes entries.
 */
import { connectionTarget, EXTERNAL_ALERT_SOURCES, isExternalAlertSource, WORKSTATION_TARGET, type MonitorSettings } from '../../../src-shared/monitoring';
import type { ConnectionRecord } from '../../connections';
import { defaultSettingsFor } from './default-settings';

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

export function connectionInfo(record: ConnectionRecord): TargetInfo {
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

export function workstationInfo(): TargetInfo {
  return { targetId: WORKSTATION_TARGET, kind: 'workstation', name: 'This workstation', vendor: null, host: null, defaults: defaultSettingsFor(null), record: null };
}

export class TargetRegistry {
  private readonly targets = new Map<string, TargetInfo>();

  get(targetId: string): TargetInfo | undefined {
    return this.targets.get(targetId);
  }

  list(): TargetInfo[] {
    return [...this.targets.values()];
  }

  ids(): IterableIterator<string> {
    return this.targets.keys();
  }

  /** A target's name for people; the id itself for one no longer watched (an old alert's). */
  nameOf(targetId: string): string {
    return this.targets.get(targetId)?.name ?? (isExternalAlertSource(targetId) ? EXTERNAL_ALERT_SOURCES[targetId] : targetId);
  }

  /** True when the target is new. */
  set(info: TargetInfo): boolean {
    const known = this.targets.has(info.targetId);
    this.targets.set(info.targetId, info);
    return !known;
  }

  /** True when it was watched. */
  delete(targetId: string): boolean {
    return this.targets.delete(targetId);
  }
}
