/**
 * An audit_log row as stored, read as a raw array (cheaper than an object
 * over a million rows). Hashes are stored as their 32 bytes. Nothing here
 * loads the contract, so the verify worker starts quickly.
 */
import type { AuditOutcome } from '../../src-shared/contract';

export const COLUMNS = 'seq, time, actor, action, target, outcome, detail, prev_hash, hash';

export type AuditRow = [
  seq: number,
  time: number,
  actor: string,
  action: string,
  target: string | null,
  outcome: AuditOutcome,
  detail: string | null,
  /** 32 bytes as the log writes them; anything else only if someone edited the row. */
  prevHash: Buffer | string,
  hash: Buffer | string,
];

/** A stored hash as hex; a value the log never writes is shown as it is. */
export function hashText(stored: Buffer | string): string {
  return typeof stored === 'string' ? stored : stored.toString('hex');
}
