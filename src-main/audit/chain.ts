/**
 * The rules a run of consecutive audit entries must satisfy, shared by the
 * database walk and the JSONL verifier. Entries are fed in seq order; the first
 * one that does not fit stops the walk with the seq to blame and why.
 */
import type { AuditVerifyResult } from '../../src-shared/contract';
import { entryHash, sha256Hex } from './canonical';

export interface ChainBreak {
  seq: number;
  reason: string;
}

export class ChainWalker {
  checked = 0;
  /** The seq the next entry must carry. */
  private expected: number;
  /** The hash the next entry's prev_hash must equal. */
  private linkTo: string;
  /** The hash one further back, to recognise an entry slipped in between two others. */
  private linkedBefore: string | null = null;

  constructor(
    private readonly firstSeq: number,
    firstPrevHash: string,
  ) {
    this.expected = firstSeq;
    this.linkTo = firstPrevHash;
  }

  get lastSeq(): number {
    return this.expected - 1;
  }

  get lastHash(): string {
    return this.linkTo;
  }

  /** The result for a walk that found nothing wrong. */
  ok(): AuditVerifyResult {
    return { ok: true, checked: this.checked, firstBadSeq: null, reason: null };
  }

  /** The result for a break; the entries that count as checked are those before the one blamed. */
  failed(broken: ChainBreak): AuditVerifyResult {
    return { ok: false, checked: broken.seq - this.firstSeq, firstBadSeq: broken.seq, reason: broken.reason };
  }

  /**
   * The fast check, on text = prevHash + canonical entry + hash as the
   * database builds it (verify-db.ts): true when the entry fits. False decides
   * nothing; step() then checks the entry field by field and says why.
   */
  fits(text: string): boolean {
    if (!text.startsWith(this.linkTo) || !text.startsWith(`[${this.expected},`, 64)) return false;
    const hash = sha256Hex(text.slice(0, -64));
    if (!text.endsWith(hash)) return false;
    this.advance(hash);
    return true;
  }

  /** Null when the entry fits. */
  step(seq: number, prevHash: string, hash: string, canonical: string): ChainBreak | null {
    const expected = this.expected;
    if (seq !== expected) {
      return seq > expected
        ? { seq: expected, reason: `entry ${expected} is missing: the next entry is ${seq} (deleted or reordered)` }
        : { seq: expected, reason: `entry ${seq} appears where entry ${expected} should be (inserted or reordered)` };
    }
    if (prevHash !== this.linkTo) return this.brokenLink(seq, prevHash, hash, canonical);
    if (entryHash(prevHash, canonical) !== hash) {
      return { seq, reason: `the hash of entry ${seq} does not match its content (the entry was edited)` };
    }
    this.advance(hash);
    return null;
  }

  private advance(hash: string): void {
    this.checked++;
    this.expected++;
    this.linkedBefore = this.linkTo;
    this.linkTo = hash;
  }

  /** Only on failure: tell a forged entry from a rewritten one from a gap, to blame the right seq. */
  private brokenLink(seq: number, prevHash: string, hash: string, canonical: string): ChainBreak {
    if (prevHash === this.linkedBefore) {
      return { seq: seq - 1, reason: `entry ${seq - 1} was inserted: entry ${seq} links to the entry before it` };
    }
    if (this.checked > 0 && entryHash(prevHash, canonical) === hash) {
      // This entry is intact and still names its original predecessor, so the predecessor changed.
      return {
        seq: seq - 1,
        reason: `entry ${seq - 1} was rewritten with a recomputed hash: entry ${seq} still links to the original`,
      };
    }
    return {
      seq,
      reason: `the prev_hash of entry ${seq} does not match the hash of the entry before it (an entry was deleted, reordered or inserted)`,
    };
  }
}
