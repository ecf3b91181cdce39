/**
 * The audit trail for what no contract call records by itself: the sandbox
 * connection made at start-up, an alert that resolves itself, a scheduled
 * run, and the break-glass read that must be on record before it happens.
 * The dispatcher records what people do through channels; services record
 * what Vigil does on its own through this, under a system actor.
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
  /**
   * Writes one entry; a failure is logged, never thrown, so the act it
   * records still completes. While the trail is rolled back the entry is
   * held and written after the acknowledgement.
   */
  record(actor: SystemActor, entry: SystemAuditEntry): void;
  /**
   * Writes the entry for what a person is about to do, before it is done,
   * and throws when it cannot be written (AuditUnavailableError while the
   * trail is rolled back, or the store's error): the act must then not
   * happen. For acts that must be on record even if what follows fails or
   * the process dies, such as reading PHI in clear.
   */
  recordBefore(actor: string, entry: SystemAuditEntry): void;
}

export function auditWriter(log: AuditLog, logger: Logger): AuditWriter {
  const input = (actor: string, entry: SystemAuditEntry) => ({
    actor,
    action: entry.action,
    target: entry.target,
    outcome: entry.outcome ?? 'ok',
    detail: entry.detail ?? null,
  });
  return {
    record(actor, entry) {
      try {
        log.appendOrHold(input(actor, entry));
      } catch (err) {
        logger.error('audit append failed', { actor, action: entry.action, error: err });
      }
    },
    recordBefore(actor, entry) {
      log.append(input(actor, entry));
    },
  };
}
