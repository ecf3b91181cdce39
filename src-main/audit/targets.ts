/**
 * How audit entries name what they touched: one spelling per kind of thing,
 * so an auditor filtering on `connection:7` finds every entry about that
 * connection, whether it came from the connections screen or the monitor.
 * Never a patient identifier in clear (see phi/patient-ref for those).
 */
import { connectionIdOf, WORKSTATION_TARGET } from '../../src-shared/monitoring';

export const auditTarget = {
  user: (id: number) => `user:${id}`,
  connection: (id: number) => `connection:${id}`,
  /** A monitored target: its connection, or the workstation. */
  monitored: (targetId: string) => {
    const id = connectionIdOf(targetId);
    return id === null ? WORKSTATION_TARGET : `connection:${id}`;
  },
  alert: (id: string) => `alert:${id}`,
  maintenanceWindow: (id: string) => `maintenance:${id}`,
  notifyChannel: (id: string) => `notify-channel:${id}`,
  monitorRules: () => 'monitor:rules',
  sandbox: () => 'sandbox',
  outboundRules: () => 'network:outbound',
  /** The audit trail itself (a rollback acknowledged). */
  auditTrail: () => 'audit:trail',
  /** The export files kept in the data folder. */
  auditExports: () => 'audit:exports',
  ticket: (id: string) => `ticket:${id}`,
  /** Many tickets at once: an import or an export. */
  tickets: () => 'tickets',
  ticketView: (id: string) => `ticket-view:${id}`,
  slaPolicy: () => 'sla:policy',
  ticketAlertRules: () => 'tickets:alert-rules',
  kbArticle: (id: string) => `kb:${id}`,
  display: (id: string) => `display:${id}`,
  kpiSettings: () => 'kpi:settings',
  /** Team mode's shared database settings. */
  team: () => 'team:settings',
  runbook: (id: string) => `runbook:${id}`,
  runbookRun: (id: string) => `runbook-run:${id}`,
  runbookExec: () => 'runbooks:exec-allow-list',
  runbookRetention: () => 'runbooks:retention',
  safetyIncident: (id: string) => `safety-incident:${id}`,
  safetySettings: () => 'safety:settings',
  safetyReport: (month: string) => `safety-report:${month}`,
} as const;

/**
 * Who acts when no person signed in to Vigil does: the app itself (start-up,
 * recoveries), scheduled work, and the local recovery command (`npm run
 * admin`), run by someone with the data folder and the keychain.
 */
export const SYSTEM_ACTORS = ['vigil', 'scheduler', 'local-recovery'] as const;
export type SystemActor = (typeof SYSTEM_ACTORS)[number];
