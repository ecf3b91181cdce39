/**
 * A database whose audit trail ends before the tip anchored in the keychain
 * (anchor.ts) lost its newest entries: an older copy of vigil.db was put
 * back, or its -wal file was deleted after a crash. Nothing in the file
 * itself can show that, which is why the tip is also kept outside it.
 */
import type { AuditRollback } from '../../src-shared/contract';

export interface ChainTip {
  seq: number;
  /** Lower-case hex. */
  hash: string;
}

export type Rollback = Omit<AuditRollback, 'heldEntries' | 'message'>;

/**
 * Null when the database holds the anchored entry (it may hold more: the
 * anchor is written a moment after the entries). `hashAt` reads the stored
 * hash of one entry, null when there is none.
 */
export function detectRollback(anchored: ChainTip, found: ChainTip, hashAt: (seq: number) => string | null, now: number): Rollback | null {
  const base = { anchoredSeq: anchored.seq, foundSeq: found.seq, detectedAt: now };
  if (found.seq < anchored.seq) return { ...base, kind: 'behind', missingFrom: found.seq + 1, missingTo: anchored.seq };
  if (anchored.seq > 0 && hashAt(anchored.seq) !== anchored.hash) {
    return { ...base, kind: 'replaced', missingFrom: anchored.seq, missingTo: anchored.seq };
  }
  return null;
}

export function missingRange(r: Pick<Rollback, 'missingFrom' | 'missingTo'>): string {
  return r.missingFrom === r.missingTo ? `entry ${r.missingFrom}` : `entries ${r.missingFrom} to ${r.missingTo}`;
}

/** What was found, for the console and for every call refused because of it. */
export function rollbackMessage(r: Rollback): string {
  const what =
    r.kind === 'behind'
      ? `The audit trail in this database ends at entry ${r.foundSeq}, but the OS keychain's anchor shows it reached entry ${r.anchoredSeq}: ` +
        `${missingRange(r)} ${r.missingFrom === r.missingTo ? 'is' : 'are'} missing. An older copy of vigil.db was put back, or its -wal file was lost after a crash.`
      : `Entry ${r.anchoredSeq} in this database is not the one the OS keychain's anchor holds: the database was replaced by another copy, ` +
        `or entries up to ${r.anchoredSeq} were rewritten.`;
  return `${what} Nothing is added to the audit trail, and audited actions are refused, until an administrator acknowledges this (Audit, with a reason).`;
}
