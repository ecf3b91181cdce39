/**
 * The append-only, hash-chained audit trail. Each row stores the hash of the
 * row before it and a hash over its own canonical form (canonical.ts), so an
 * edited, deleted, reordered or forged row breaks the chain where it sits; the
 * database's triggers refuse UPDATE and DELETE in the first place.
 *
 * One AuditLog is the only writer of its table. It keeps the chain's tip (last
 * seq and hash) in memory, read once at construction, so an append is a single
 * INSERT and verify can also notice rows removed from or added to the end
 * while this process runs; a second writer would collide on seq and fail
 * rather than fork the chain.
 *
 * When the database was found to have lost its newest entries (rollback.ts),
 * the log is "rolled back": append refuses, appendOrHold keeps entries in
 * memory, and acknowledgeRollback records what was lost, writes what was held
 * and lets appends go on.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type {
  AuditEntry,
  AuditOutcome,
  AuditVerifyResult,
  ChannelOutput,
  ParsedInput,
} from '../../src-shared/contract';
import type { Clock } from '../clock';
import { canonicalEntry, canonicalJson, entryDigest, GENESIS_HASH, sha256Hex } from './canonical';
import { type ChainTip, missingRange, type Rollback, rollbackMessage } from './rollback';
import { filterClauses, toEntry, toExportLine, where } from './rows';
import { COLUMNS, hashText, type AuditRow } from './stored-row';
import type { ChainWalk } from './verify-db';

export interface AuditInput {
  actor: string;
  action: string;
  target?: string | null;
  outcome: AuditOutcome;
  /** Passed through the redactor before it is hashed and stored. */
  detail?: Record<string, unknown> | null;
}

export interface AuditLogOptions {
  clock: Clock;
  redact: (value: unknown) => unknown;
  /** After entries are written, with the new tip (for the 'audit.appended' event and the anchor). */
  onAppend?: (tip: ChainTip) => void;
  /**
   * Walks the stored chain (about lastSeq entries) away from the main thread
   * (verify-run.ts), reporting entries checked so far.
   */
  walk: (lastSeq: number, onProgress: (checked: number) => void) => Promise<ChainWalk>;
  /** While a verify runs: entries checked so far, of about `total`. */
  onVerifyProgress?: (checked: number, total: number) => void;
}

export interface AuditExport {
  /** JSON Lines, one entry per line, each line ending in "\n". */
  lines: string;
  entries: number;
  /** SHA-256 hex of the UTF-8 bytes of lines. */
  sha256: string;
}

/** Thrown by append while the trail is rolled back: the caller must not go on as if it was recorded. */
export class AuditUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditUnavailableError';
  }
}

/** The action of the entry that records a rollback, written first when it is acknowledged. */
export const ROLLBACK_ACTION = 'audit.rollbackFound';

/** Held entries beyond this are dropped (and counted): memory stays bounded however long nobody acknowledges. */
const MAX_HELD = 10_000;

interface Tip extends ChainTip {
  /** The hash as the 32 bytes the next row stores as its prev_hash. */
  bytes: Buffer;
}

interface RolledBack {
  rollback: Rollback;
  held: AuditInput[];
  dropped: number;
}

/**
 * Failed attempts at a password: a sign-in refused, or a password re-entered
 * (password change, signature) refused; the latter answer INVALID_INPUT on
 * the password field so the session stays, and their input is otherwise checked in the form.
 */
const FAILED_PASSWORD = `(action = 'session.login' AND outcome IN ('UNAUTHENTICATED', 'LOCKED'))
  OR (action IN ('session.changePassword', 'safety.incidents.sign') AND outcome IN ('INVALID_INPUT', 'LOCKED'))`;

export interface AuditTally {
  entries: number;
  forbidden: number;
  failedPasswords: number;
  /** Audited calls not in the trail: held while it is rolled back, or dropped past the hold's limit. */
  held: number;
}

export class AuditLog {
  private readonly clock: Clock;
  private readonly redact: (value: unknown) => unknown;
  private readonly opts: AuditLogOptions;
  private readonly insertRow: Database.Statement;
  private readonly readTip: Database.Statement;
  private readonly readHash: Database.Statement;
  private readonly countRows: Database.Statement;
  private readonly queries = new Map<string, Database.Statement>();
  private readonly writeBatch: (inputs: readonly AuditInput[]) => Tip;
  /** Null when it must be read again: set inside a caller's transaction, which may still roll back. */
  private tipCache: Tip | null = null;
  private rolledBack: RolledBack | null = null;
  /** The verify under way, which a second caller shares. */
  private verifying: Promise<AuditVerifyResult> | null = null;
  /** While a verify runs: the tips this log wrote, by seq, to judge where the walk's snapshot ended. */
  private tipsDuringVerify: Map<number, string> | null = null;

  constructor(
    private readonly db: Database.Database,
    opts: AuditLogOptions,
  ) {
    this.opts = opts;
    this.clock = opts.clock;
    this.redact = opts.redact;
    this.insertRow = db.prepare(`INSERT INTO audit_log (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.readTip = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').raw();
    this.readHash = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck();
    this.countRows = db.prepare('SELECT COUNT(*) FROM audit_log').pluck();
    this.writeBatch = db.transaction((inputs: readonly AuditInput[]) => {
      let tip = this.tip();
      for (const input of inputs) tip = this.write(input, tip).tip;
      return tip;
    });
    this.tip();
  }

  /** Writes one entry now, or throws AuditUnavailableError while the trail is rolled back. */
  append(input: AuditInput): AuditEntry {
    this.refuseIfRolledBack();
    const { row, tip } = this.write(input, this.tip());
    this.moved(tip);
    return toEntry(row);
  }

  /** All or nothing, in one transaction; returns the last seq. Throws while the trail is rolled back. */
  appendMany(inputs: readonly AuditInput[]): number {
    this.refuseIfRolledBack();
    if (inputs.length > 0) this.moved(this.writeBatch(inputs));
    return this.lastSeq();
  }

  /** As append, but while the trail is rolled back the entry is kept to be written after the acknowledgement. */
  appendOrHold(input: AuditInput): void {
    const state = this.rolledBack;
    if (!state) {
      this.append(input);
      return;
    }
    if (state.held.length < MAX_HELD) state.held.push({ ...input, detail: { ...input.detail, heldAt: Math.floor(this.clock.now()) } });
    else state.dropped++;
  }

  count(): number {
    return this.countRows.get() as number;
  }

  /** Entries since `from`, and those among them refused for want of a role, or for a wrong password or a lock. */
  tally(from: number): AuditTally {
    const row = this.query(
      `SELECT count(*) AS entries,
              coalesce(sum(outcome = 'FORBIDDEN'), 0) AS forbidden,
              coalesce(sum(${FAILED_PASSWORD}), 0) AS failedPasswords
         FROM audit_log WHERE time >= ?`,
    ).get(from) as Omit<AuditTally, 'held'>;
    return { ...row, held: this.rolledBack ? this.rolledBack.held.length + this.rolledBack.dropped : 0 };
  }

  lastSeq(): number {
    return this.tip().seq;
  }

  /** The last entry written: its seq and hex hash. */
  lastTip(): ChainTip {
    const { seq, hash } = this.tip();
    return { seq, hash };
  }

  /** The stored hash of entry seq, as hex; null when there is no such entry. */
  hashAt(seq: number): string | null {
    const stored = this.readHash.get(seq) as Buffer | string | undefined;
    return stored === undefined ? null : hashText(stored);
  }

  /** From now on appends are refused or held, until acknowledgeRollback. */
  markRolledBack(rollback: Rollback): void {
    this.rolledBack = { rollback, held: [], dropped: 0 };
  }

  /** The rollback found at start and not yet acknowledged, with its message; null when there is none. */
  rollback(): (Rollback & { heldEntries: number; message: string }) | null {
    const state = this.rolledBack;
    return state && { ...state.rollback, heldEntries: state.held.length, message: rollbackMessage(state.rollback) };
  }

  /**
   * Records the rollback, in one transaction: first an entry by 'vigil'
   * saying what was missing and who acknowledged it, chained to the last
   * entry the database holds, then the entries held since. Afterwards
   * appends go on as usual. Returns what was written.
   */
  acknowledgeRollback(by: string): { rollback: Rollback; written: number; lastSeq: number } {
    const state = this.rolledBack;
    if (!state) throw new TypeError('there is no rollback to acknowledge');
    const { rollback, held, dropped } = state;
    const found: AuditInput = {
      actor: 'vigil',
      action: ROLLBACK_ACTION,
      target: null,
      outcome: 'ok',
      detail: { ...rollback, acknowledgedBy: by, heldEntries: held.length, droppedEntries: dropped },
    };
    this.rolledBack = null;
    try {
      this.moved(this.writeBatch([found, ...held]));
    } catch (err) {
      this.rolledBack = state;
      throw err;
    }
    return { rollback, written: 1 + held.length, lastSeq: this.lastSeq() };
  }

  /** Newest first; from/to bound a half-open time range [from, to). */
  list(q: ParsedInput<'audit.list'>): ChannelOutput<'audit.list'> {
    const { clauses, params } = filterClauses(q);
    const total = this.query(`SELECT COUNT(*) FROM audit_log${where(clauses)}`)
      .pluck()
      .get(...params) as number;
    if (q.beforeSeq !== undefined) {
      clauses.push('seq < ?');
      params.push(q.beforeSeq);
    }
    // One row past the page says whether there is a next page without a second count.
    const rows = this.query(`SELECT ${COLUMNS} FROM audit_log${where(clauses)} ORDER BY seq DESC LIMIT ?`)
      .raw()
      .all(...params, q.limit + 1) as AuditRow[];
    const more = rows.length > q.limit;
    if (more) rows.pop();
    const last = rows[rows.length - 1];
    return { entries: rows.map(toEntry), total, nextBeforeSeq: more && last ? last[0] : null };
  }

  /**
   * Walks the whole chain in seq order (in a worker thread, on a snapshot
   * of the table) and names the first entry that does not fit; then holds
   * the end of the snapshot against the tips this log wrote, and a rollback
   * found at start against the anchor. One verify runs at a time: a second
   * caller shares the one under way.
   */
  verify(): Promise<AuditVerifyResult> {
    this.verifying ??= this.runVerify().finally(() => {
      this.verifying = null;
      this.tipsDuringVerify = null;
    });
    return this.verifying;
  }

  private async runVerify(): Promise<AuditVerifyResult> {
    const start = this.tip();
    const written = new Map([[start.seq, start.hash]]);
    this.tipsDuringVerify = written;
    const walk = await this.opts.walk(start.seq, (checked) => this.opts.onVerifyProgress?.(checked, Math.max(checked, this.lastSeq())));
    const failed = (seq: number, reason: string): AuditVerifyResult => ({ ok: false, checked: seq - 1, firstBadSeq: seq, reason });
    if (walk.broken) return failed(walk.broken.seq, walk.broken.reason);

    const end = walk.lastSeq;
    const newest = Math.max(...written.keys());
    const ours = written.get(end);
    if (ours === undefined) {
      // Every snapshot of the table ends at a tip this log wrote, unless rows were cut off or added at the end.
      if (end < newest) {
        const missing = end + 1 === newest ? `entry ${newest} is` : `entries ${end + 1} to ${newest} are`;
        return failed(end + 1, `${missing} missing from the end of the log (deleted)`);
      }
      return failed(newest + 1, `entry ${newest + 1} was not written by this log (added after its last entry)`);
    }
    if (walk.lastHash !== ours) return failed(end, `entry ${end} was rewritten with a recomputed hash`);

    const rollback = this.rolledBack?.rollback;
    if (rollback) {
      return failed(rollback.missingFrom, `${missingRange(rollback)} ${rollback.missingFrom === rollback.missingTo ? 'is' : 'are'} missing: ${rollbackMessage(rollback)}`);
    }
    return { ok: true, checked: walk.checked, firstBadSeq: null, reason: null };
  }

  /**
   * The entries written in [from, to), oldest first. The range is taken as the
   * contiguous run of seqs from the first to the last entry in it, so the
   * export is an unbroken piece of the chain even if the clock once stepped back.
   */
  exportJsonl(q: ParsedInput<'audit.export'>): AuditExport {
    const { clauses, params } = filterClauses(q);
    const sql =
      clauses.length === 0
        ? `SELECT ${COLUMNS} FROM audit_log ORDER BY seq`
        : `SELECT ${COLUMNS} FROM audit_log WHERE seq BETWEEN
             (SELECT MIN(seq) FROM audit_log${where(clauses)}) AND (SELECT MAX(seq) FROM audit_log${where(clauses)})
           ORDER BY seq`;
    let lines = '';
    let entries = 0;
    for (const row of this.query(sql).raw().iterate(...params, ...params) as Iterable<AuditRow>) {
      lines += `${JSON.stringify(toExportLine(row))}\n`;
      entries++;
    }
    return { lines, entries, sha256: sha256Hex(lines) };
  }

  private refuseIfRolledBack(): void {
    if (this.rolledBack) throw new AuditUnavailableError(rollbackMessage(this.rolledBack.rollback));
  }

  private write(input: AuditInput, tip: Tip): { row: AuditRow; tip: Tip } {
    const seq = tip.seq + 1;
    // Whole milliseconds: an export carries ISO times, which hold no finer.
    const time = Math.floor(this.clock.now());
    const actor = storable(input.actor);
    const action = storable(input.action);
    const target = input.target == null ? null : storable(input.target);
    const detailJson = input.detail ? canonicalJson(this.redacted(input.detail)) : null;
    const bytes = entryDigest(tip.hash, canonicalEntry(seq, time, actor, action, target, input.outcome, detailJson));
    this.insertRow.run(seq, time, actor, action, target, input.outcome, detailJson, tip.bytes, bytes);
    return {
      row: [seq, time, actor, action, target, input.outcome, detailJson, tip.bytes, bytes],
      tip: { seq, hash: bytes.toString('hex'), bytes },
    };
  }

  private redacted(detail: Record<string, unknown>): Record<string, unknown> {
    const clean = this.redact(detail);
    if (clean === null || typeof clean !== 'object' || Array.isArray(clean)) {
      throw new TypeError('the redactor must return the detail as an object');
    }
    return clean as Record<string, unknown>;
  }

  private tip(): Tip {
    if (this.tipCache) return this.tipCache;
    const row = this.readTip.get() as [number, Buffer | string] | undefined;
    const tip = row ? tipOf(row[0], hashText(row[1])) : tipOf(0, GENESIS_HASH);
    if (!this.db.inTransaction) this.tipCache = tip;
    return tip;
  }

  private moved(tip: Tip): void {
    this.tipCache = this.db.inTransaction ? null : tip;
    this.tipsDuringVerify?.set(tip.seq, tip.hash);
    this.opts.onAppend?.({ seq: tip.seq, hash: tip.hash });
  }

  /** Listings and exports combine optional filters; each distinct statement is prepared once. */
  private query(sql: string): Database.Statement {
    let stmt = this.queries.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.queries.set(sql, stmt);
    }
    return stmt;
  }
}

function tipOf(seq: number, hash: string): Tip {
  return { seq, hash, bytes: Buffer.from(hash, 'hex') };
}

/**
 * SQLite stores UTF-8, which cannot hold a lone UTF-16 surrogate: it would
 * come back as U+FFFD and no longer match the hash. Hashing what will be
 * stored keeps, say, a login attempt with such a username from breaking the chain.
 */
function storable(text: string): string {
  // The first test is the cheap one and fails for almost every text.
  return /[\uD800-\uDFFF]/.test(text) ? text.replace(/\p{Surrogate}/gu, '\uFFFD') : text;
}
