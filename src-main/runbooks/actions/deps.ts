/** What the built-in actions reach: other services through their public faces, and this module's own history. */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditVerifyResult, ExecEntry } from '../../../src-shared/contract';
import type { AuditApi } from '../../audit';
import type { Clock } from '../../clock';
import type { ConnectionsApi } from '../../connections';
import type { KpiApi } from '../../kpi';
import type { MonitorApi } from '../../monitor';
import type { OutboundGuard } from '../../net';
import type { NotifyApi } from '../../notify';
import type { SafetyApi } from '../../safety';
import type { Store } from '../../store';
import type { TicketsApi } from '../../tickets';

export interface ActionDeps {
  db: Database.Database;
  store: Pick<Store, 'backup'>;
  dataDir: string;
  clock: Clock;
  connections: Pick<ConnectionsApi, 'list' | 'find' | 'probe' | 'setSandbox'>;
  monitor: Pick<MonitorApi, 'addMaintenance' | 'removeMaintenance' | 'checkWorkstation'>;
  notify: Pick<NotifyApi, 'notice' | 'testChannels'>;
  tickets: Pick<TicketsApi, 'open'>;
  safety: Pick<SafetyApi, 'monthlyReport' | 'current'>;
  kpi: Pick<KpiApi, 'report'>;
  verifyAudit(): Promise<AuditVerifyResult>;
  auditTally: AuditApi['tally'];
  exportAudit(range: { from?: number; to?: number }): Promise<{ savedTo: string; entries: number; sha256: string }>;
  outbound: OutboundGuard;
  /** Prunes run history beyond the retention; returns how many runs went. */
  pruneRuns(): number;
  execEntry(name: string): ExecEntry | null;
  redact(text: string): string;
}
