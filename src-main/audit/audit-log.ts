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
import { canonicalEntry, canonicalJson, entryHash, GENESIS_HASH, sha256Hex } from './canonical';
import { COLUMNS, filterClauses, toEntry, toExportLine, where, type AuditRow } from './rows';
import { StoredChain } from './verify-db';

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
  /** After entries are written, with the new last seq (for the 'audit.appended' event). */
  onAppend?: (lastSeq: number) => void;
}

export interface AuditExport {
  /** JSON Lines, one entry per line, each line ending in "\n". */
  lines: string;
  entries: number;
  /** SHA-256 hex of the UTF-8 bytes of lines. */
  sha256: string;
}

interface Tip {
  seq: number;
  hash: string;
}

export class AuditLog {
  private readonly clock: Clock;
  private readonly redact: (value: unknown) => unknown;
  private readonly onAppend: ((lastSeq: number) => void) | undefined;
  private readonly insertRow: Database.Statement;
  private readonly readTip: Database.Statement;
  private readonly chain: StoredChain;
  private readonly countRows: Database.Statement;
  private readonly queries = new Map<string, Database.Statement>();
  private readonly writeBatch: (inputs: readonly AuditInput[]) => Tip;
  /** Null when it must be read again: set inside a caller's transaction, which may still roll back. */
  private tipCache: Tip | null = null;

  constructor(
    private readonly db: Database.Database,
    opts: AuditLogOptions,
  ) {
    this.clock = opts.clock;
    this.redact = opts.redact;
    this.onAppend = opts.onAppend;
    this.insertRow = db.prepare(
      `INSERT INTO audit_log (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.readTip = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').raw();
    this.chain = new StoredChain(db);
    this.countRows = db.prepare('SELECT COUNT(*) FROM audit_log').pluck();
    this.writeBatch = db.transaction((inputs: readonly AuditInput[]) => {
      let tip = this.tip();
      for (const input of inputs) tip = tipOf(this.write(input, tip));
      return tip;
    });
    this.tip();
  }

  append(input: AuditInput): AuditEntry {
    const row = this.write(input, this.tip());
    this.moved(tipOf(row));
    return toEntry(row);
  }

  /** All or nothing, in one transaction; returns the last seq. */
  appendMany(inputs: readonly AuditInput[]): number {
    if (inputs.length > 0) this.moved(this.writeBatch(inputs));
    return this.lastSeq();
  }

  count(): number {
    return this.countRows.get() as number;
  }

  lastSeq(): number {
    return this.tip().seq;
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
   * Walks the whole chain in seq order and names the first entry that does
   * not fit; then holds the end of the table against the tip this log wrote.
   */
  verify(): AuditVerifyResult {
    const { walker, broken } = this.chain.walk();
    if (broken) return walker.failed(broken);
    const tip = this.tip();
    const end = walker.lastSeq;
    if (end < tip.seq) {
      const missing = end + 1 === tip.seq ? `entry ${tip.seq} is` : `entries ${end + 1} to ${tip.seq} are`;
      return walker.failed({ seq: end + 1, reason: `${missing} missing from the end of the log (deleted)` });
    }
    if (end > tip.seq) {
      return walker.failed({ seq: tip.seq + 1, reason: `entry ${tip.seq + 1} was not written by this log (added after its last entry)` });
    }
    if (walker.lastHash !== tip.hash) {
      return walker.failed({ seq: end, reason: `entry ${end} was rewritten with a recomputed hash` });
    }
    return walker.ok();
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

  private write(input: AuditInput, tip: Tip): AuditRow {
    const seq = tip.seq + 1;
    // Whole milliseconds: an export carries ISO times, which hold no finer.
    const time = Math.floor(this.clock.now());
    const actor = storable(input.actor);
    const action = storable(input.action);
    const target = input.target == null ? null : storable(input.target);
    const detailJson = input.detail ? canonicalJson(this.redacted(input.detail)) : null;
    const hash = entryHash(tip.hash, canonicalEntry(seq, time, actor, action, target, input.outcome, detailJson));
    this.insertRow.run(seq, time, actor, action, target, input.outcome, detailJson, tip.hash, hash);
    return [seq, time, actor, action, target, input.outcome, detailJson, tip.hash, hash];
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
    const row = this.readTip.get() as [number, string] | undefined;
    const tip = row ? { seq: row[0], hash: row[1] } : { seq: 0, hash: GENESIS_HASH };
    if (!this.db.inTransaction) this.tipCache = tip;
    return tip;
  }

  private moved(tip: Tip): void {
    this.tipCache = this.db.inTransaction ? null : tip;
    this.onAppend?.(tip.seq);
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

/**
 * SQLite stores UTF-8, which cannot hold a lone UTF-16 surrogate: it would
 * come back as U+FFFD and no longer match the hash. Hashing what will be
 * stored keeps, say, a login attempt with such a username from breaking the chain.
 */
function storable(text: string): string {
  // The first test is the cheap one and fails for almost every text.
  return /[\uD800-\uDFFF]/.test(text) ? text.replace(/\p{Surrogate}/gu, '\uFFFD') : text;
}

function tipOf(row: AuditRow): Tip {
  return { seq: row[0], hash: row[8] };
}
