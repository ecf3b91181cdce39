/**
 * The audit trail for what no contract call does: the sandbox connection made
 * at start-up, an alert that resolves itself, a scheduled run, an SLA
 * escalation. The dispatcher records what people do; services record what
 * Vigil does on its own through this, under a system actor.
 */
import type { AuditOutcome } from '../../src-shared/contract';
import type { Logger } from '../log';
import type { AuditLog } from './audit-log';
import type { SystemActor } from './targets';

export interface SystemAuditEntry {
  /** The same vocabulary as channels where it is the same act (e.g. 'alerts.resolve'). */
  action: string;
  target: string | null;
  outcome?: AuditOutcome;
  /** PHI-free facts; redacted again before writing. */
  detail?: Record<string, unknown>;
}

export interface AuditWriter {
  /** Writes one entry; a failure is logged, never thrown, so the act it records still completes. */
  record(actor: SystemActor, entry: SystemAuditEntry): void;
}

export function auditWriter(log: AuditLog, logger: Logger): AuditWriter {
  return {
    record(actor, entry) {
      try {
        log.append({ actor, action: entry.action, target: entry.target, outcome: entry.outcome ?? 'ok', detail: entry.detail ?? null });
      } catch (err) {
        logger.error('audit append failed', { actor, action: entry.action, error: err });
      }
    },
  };
}
