/**
 * The KPI targets and the number of licensed clinicians: the seed's targets
 * until an admin saves others (then one row, with who saved it and when).
 * Defaults: medical response under 30 minutes, uptime above 99.9 %, API
 * response under 500 ms on average, error rate under 0.1 % (the support
 * system's figures); SLA compliance at least 95 % (its SLA alert
 * threshold) and CSAT at least 3.5 (where the monthly clinical report calls
 * satisfaction low). The others have none until an admin sets one.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { KPI_IDS, kpiSettingsSchema, type KpiId, type KpiSettings, type KpiTarget } from '../../src-shared/contract';

const SEED_TARGETS: Partial<Record<KpiId, KpiTarget>> = {
  medicalResponse: { comparison: 'lt', value: 30 * 60_000 },
  uptime: { comparison: 'gt', value: 99.9 },
  apiResponseMean: { comparison: 'lt', value: 500 },
  errorRate: { comparison: 'lt', value: 0.1 },
  slaFirstResponse: { comparison: 'ge', value: 95 },
  slaResolution: { comparison: 'ge', value: 95 },
  csatMean: { comparison: 'ge', value: 3.5 },
};

export const DEFAULT_KPI_SETTINGS: KpiSettings = {
  targets: Object.fromEntries(KPI_IDS.map((id) => [id, SEED_TARGETS[id] ?? null])) as KpiSettings['targets'],
  licensedClinicians: null,
};

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
