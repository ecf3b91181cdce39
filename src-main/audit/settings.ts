/** The audit trail's settings an admin may change, kept in audit_settings (one row; defaults until then). */
import type Database from 'better-sqlite3-multiple-ciphers';
import { EXPORT_RETENTION_DAYS_DEFAULT } from '../../src-shared/contract';

export class AuditSettings {
  private readonly read: Database.Statement;
  private readonly write: Database.Statement;

  constructor(db: Database.Database) {
    this.read = db.prepare('SELECT export_retention_days FROM audit_settings WHERE id = 1').pluck();
    this.write = db.prepare(
      'INSERT INTO audit_settings (id, export_retention_days) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET export_retention_days = excluded.export_retention_days',
    );
  }

  exportRetentionDays(): number {
    return (this.read.get() as number | undefined) ?? EXPORT_RETENTION_DAYS_DEFAULT;
  }

  setExportRetentionDays(days: number): void {
    this.write.run(days);
  }
}
