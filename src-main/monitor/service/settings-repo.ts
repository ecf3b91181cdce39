/**
 * Each target's monitoring settings and whether an operator paused it. A
 * target with no row runs on the defaults, so a new connection is watched
 * from the moment it is saved.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { DEFAULT_PROBE_PLAN, monitorSettingsSchema, type MonitorSettings } from '../../../src-shared/monitoring';
import type { Logger } from '../../log';

export const DEFAULT_MONITOR_SETTINGS: MonitorSettings = { plan: DEFAULT_PROBE_PLAN, latencyThresholdMs: 2_000, dependsOn: [], metrics: null };

export interface StoredTargetSettings {
  settings: MonitorSettings;
  paused: boolean;
}

export class SettingsRepo {
  constructor(
    private readonly db: Database.Database,
    private readonly log: Logger,
  ) {}

  get(targetId: string): StoredTargetSettings {
    const row = this.db.prepare('SELECT settings, paused FROM monitor_settings WHERE target_id = ?').get(targetId) as
      | { settings: string; paused: number }
      | undefined;
    if (!row) return { settings: DEFAULT_MONITOR_SETTINGS, paused: false };
    const parsed = monitorSettingsSchema.safeParse(JSON.parse(row.settings));
    if (!parsed.success) {
      // Written by this code, so only a newer or damaged file gets here: watch the target on the defaults rather than not at all.
      this.log.error('monitor: stored settings are not valid; using the defaults', { targetId });
      return { settings: DEFAULT_MONITOR_SETTINGS, paused: row.paused === 1 };
    }
    return { settings: parsed.data, paused: row.paused === 1 };
  }

  save(targetId: string, settings: MonitorSettings, at: number): void {
    this.db
      .prepare(
        `INSERT INTO monitor_settings (target_id, settings, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (target_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
      )
      .run(targetId, JSON.stringify(settings), at);
  }

  setPaused(targetId: string, paused: boolean, at: number): void {
    this.db
      .prepare(
        `INSERT INTO monitor_settings (target_id, settings, paused, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (target_id) DO UPDATE SET paused = excluded.paused, updated_at = excluded.updated_at`,
      )
      .run(targetId, JSON.stringify(DEFAULT_MONITOR_SETTINGS), paused ? 1 : 0, at);
  }

  remove(targetId: string): void {
    this.db.prepare('DELETE FROM monitor_settings WHERE target_id = ?').run(targetId);
  }
}
