/** The KPI targets and the number of licensed clinicians: the contract's defaults until an admin saves others (then one row, with who saved it and when). */
import type Database from 'better-sqlite3-multiple-ciphers';
import { DEFAULT_KPI_SETTINGS, kpiSettingsSchema, type KpiSettings } from '../../src-shared/contract';

export class KpiSettingsRepo {
  constructor(private readonly db: Database.Database) {}

  get(): KpiSettings {
    const row = this.db.prepare('SELECT settings FROM kpi_settings WHERE id = 1').get() as { settings: string } | undefined;
    return row ? kpiSettingsSchema.parse(JSON.parse(row.settings)) : DEFAULT_KPI_SETTINGS;
  }

  save(settings: KpiSettings, by: string, at: number): { before: KpiSettings; after: KpiSettings } {
    return this.db.transaction(() => {
      const before = this.get();
      this.db
        .prepare('INSERT INTO kpi_settings (id, settings, updated_at, updated_by) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at, updated_by = excluded.updated_by')
        .run(JSON.stringify(settings), at, by);
      return { before, after: settings };
    })();
  }
}
