/**
 * SLA policy versions: the defaults a data folder starts with, and every
 * version an admin saved. Versions never change once saved, so they are
 * kept in memory as they are read and each ticket finds its own.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { slaPolicySchema, type SlaPolicy, type SlaPolicyVersion } from '../../../src-shared/tickets';

const weekdays = [{ from: '08:00', to: '18:00' }];

/**
 * Emergency and Critical run 24/7; the others count business hours. The
 * targets follow the seeds: the medical emergency's 30-minute resolution
 * with escalation at 15 minutes, SEV1 response within 15 minutes, SEV2
 * within 30, SEV3 within 2 hours, and the help desk's 2-hour response.
 */
export function defaultPolicy(timeZone: string): SlaPolicy {
  return slaPolicySchema.parse({
    calendars: [
      {
        id: 'business',
        name: 'Business hours',
        timeZone,
        week: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: [], sun: [] },
        holidays: [],
      },
    ],
    priorities: {
      emergency: { firstResponseMinutes: 15, resolutionMinutes: 30, calendarId: null, atRiskPercent: 75, tierUpOnAtRisk: false, tierUpOnBreach: true, escalateAfterMinutes: 15 },
      critical: { firstResponseMinutes: 30, resolutionMinutes: 4 * 60, calendarId: null, atRiskPercent: 75, tierUpOnAtRisk: false, tierUpOnBreach: true, escalateAfterMinutes: null },
      high: { firstResponseMinutes: 2 * 60, resolutionMinutes: 8 * 60, calendarId: 'business', atRiskPercent: 75, tierUpOnAtRisk: false, tierUpOnBreach: true, escalateAfterMinutes: null },
      medium: { firstResponseMinutes: 4 * 60, resolutionMinutes: 30 * 60, calendarId: 'business', atRiskPercent: 75, tierUpOnAtRisk: false, tierUpOnBreach: false, escalateAfterMinutes: null },
      low: { firstResponseMinutes: 8 * 60, resolutionMinutes: 50 * 60, calendarId: 'business', atRiskPercent: 75, tierUpOnAtRisk: false, tierUpOnBreach: false, escalateAfterMinutes: null },
    },
  });
}

export class PolicyVersionConflictError extends Error {
  constructor(readonly current: number) {
    super(`The SLA policy was saved by someone else meanwhile (now version ${current}). Reload it and make your change again.`);
    this.name = 'PolicyVersionConflictError';
  }
}

interface Row {
  version: number;
  policy: string;
  created_at: number;
  created_by: string;
}

export class PolicyRepo {
  private readonly versions = new Map<number, SlaPolicyVersion>();
  private latest: Database.Statement | undefined;

  /** Writes version 1 from the defaults on a data folder's first start. */
  constructor(
    private readonly db: Database.Database,
    defaults: () => SlaPolicy,
    now: number,
  ) {
    db.prepare("INSERT INTO sla_policies (version, policy, created_at, created_by) SELECT 1, ?, ?, 'vigil' WHERE NOT EXISTS (SELECT 1 FROM sla_policies)").run(
      JSON.stringify(defaults()),
      now,
    );
  }

  current(): SlaPolicyVersion {
    this.latest ??= this.db.prepare('SELECT version FROM sla_policies ORDER BY version DESC LIMIT 1');
    return this.get((this.latest.get() as { version: number }).version);
  }

  /** Throws for a version that was never saved: a ticket's events name only saved ones. */
  get(version: number): SlaPolicyVersion {
    let v = this.versions.get(version);
    if (!v) {
      const row = this.db.prepare('SELECT version, policy, created_at, created_by FROM sla_policies WHERE version = ?').get(version) as Row | undefined;
      if (!row) throw new Error(`There is no SLA policy version ${version}`);
      v = { version: row.version, policy: slaPolicySchema.parse(JSON.parse(row.policy)), createdAt: row.created_at, createdBy: row.created_by };
      this.versions.set(version, v);
    }
    return v;
  }

  list(): Array<Pick<SlaPolicyVersion, 'version' | 'createdAt' | 'createdBy'>> {
    return (this.db.prepare('SELECT version, created_at, created_by FROM sla_policies ORDER BY version DESC').all() as Row[]).map((r) => ({
      version: r.version,
      createdAt: r.created_at,
      createdBy: r.created_by,
    }));
  }

  /** A new version on top of baseVersion, decided in one transaction. */
  save(policy: SlaPolicy, baseVersion: number, by: string, now: number): SlaPolicyVersion {
    const version = this.db.transaction(() => {
      const current = this.current().version;
      if (current !== baseVersion) throw new PolicyVersionConflictError(current);
      this.db.prepare('INSERT INTO sla_policies (version, policy, created_at, created_by) VALUES (?, ?, ?, ?)').run(current + 1, JSON.stringify(policy), now, by);
      return current + 1;
    })();
    return this.get(version);
  }
}
