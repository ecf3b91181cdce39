/**
 * Each target's monitoring settings and whether an operator paused it. A
 * target with no row runs on the defaults, so a new connection is watched
 * from the moment it is saved.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { monitorSettingsSchema, type MonitorSettings } from '../../../src-shared/monitoring';
import type { Logger } from '../../log';
import { DEFAULT_MONITOR_SETTINGS } from './default-settings';

export interface StoredTargetSettings {
  settings: MonitorSettings;
  paused: boolean;
}

export class SettingsRepo {
  constructor(
    private readonly db: Database.Database,
    private readonly log: Logger,
  ) {}

  /** `defaults` for a target nobody configured: the sandbox's differ. */
  get(targetId: string, defaults: MonitorSettings = DEFAULT_MONITOR_SETTINGS): StoredTargetSettings {
    const row = this.db.prepare('SELECT settings, paused FROM monitor_settings WHERE target_id = ?').get(targetId) as
      | { settings: string; paused: number }
      | undefined;
    if (!row) return { settings: defaults, paused: false };
    const parsed = monitorSettingsSchema.safeParse(JSON.parse(row.settings));
    if (!parsed.success) {
      // Written by this code, so only a newer or damaged file gets here: watch the target on the defaults rather than not at all.
      this.log.error('monitor: stored settings are not valid; using the defaults', { targetId });
      return { settings: defaults, paused: row.paused === 1 };
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

  /** A target paused before anyone configured it keeps `defaults` as its settings. */
  setPaused(targetId: string, paused: boolean, at: number, defaults: MonitorSettings = DEFAULT_MONITOR_SETTINGS): void {
    this.db
      .prepare(
        `INSERT INTO monitor_settings (target_id, settings, paused, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (target_id) DO UPDATE SET paused = excluded.paused, updated_at = excluded.updated_at`,
      )
      .run(targetId, JSON.stringify(defaults), paused ? 1 : 0, at);
  }

  remove(targetId: string): void {
    this.db.prepare('DELETE FROM monitor_settings WHERE target_id = ?').run(targetId);
  }
}
