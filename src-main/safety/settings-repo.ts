/** The thresholds and weights as numbered versions: the newest is in force, every one stays for the scores that used it. */
import type Database from 'better-sqlite3-multiple-ciphers';
import { DEFAULT_SAFETY_SETTINGS, safetySettingsSchema, type SafetySettings } from '../../src-shared/contract';

export interface SettingsVersion {
  version: number;
  settings: SafetySettings;
  savedAt: number;
  savedBy: string;
}

export class SettingsConflictError extends Error {
  constructor(readonly current: number) {
    super(`The settings changed since you opened them (now version ${current}); reload and make your change again.`);
    this.name = 'SettingsConflictError';
  }
}

export class SettingsRepo {
  private cached: SettingsVersion;

  constructor(
    private readonly db: Database.Database,
    now: number,
  ) {
    this.cached = this.read() ?? this.insert(1, DEFAULT_SAFETY_SETTINGS, now, 'vigil');
  }

  current(): SettingsVersion {
    return this.cached;
  }

  /** Refused unless `expected` is still the newest version: decided inside one transaction. */
  save(expected: number, settings: SafetySettings, at: number, by: string): SettingsVersion {
    this.cached = this.db.transaction(() => {
      const latest = this.read()!;
      if (latest.version !== expected) throw new SettingsConflictError(latest.version);
      return this.insert(latest.version + 1, settings, at, by);
    })();
    return this.cached;
  }

  private read(): SettingsVersion | null {
    const row = this.db.prepare('SELECT version, settings, saved_at AS savedAt, saved_by AS savedBy FROM safety_settings ORDER BY version DESC LIMIT 1').get() as
      | { version: number; settings: string; savedAt: number; savedBy: string }
      | undefined;
    return row ? { ...row, settings: safetySettingsSchema.parse(JSON.parse(row.settings)) } : null;
  }

  private insert(version: number, settings: SafetySettings, at: number, by: string): SettingsVersion {
    this.db.prepare('INSERT INTO safety_settings (version, settings, saved_at, saved_by) VALUES (?, ?, ?, ?)').run(version, JSON.stringify(settings), at, by);
    return { version, settings, savedAt: at, savedBy: by };
  }
}
