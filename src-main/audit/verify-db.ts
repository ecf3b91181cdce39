/**
 * Walks the chain stored in audit_log. A million rows must verify in a few
 * seconds, so the common case is kept lean: SQLite builds each row's hashed
 * text followed by its stored hash as one string (the hashes turned back
 * into hex), and JavaScript does one hash and three string comparisons per
 * row (ChainWalker.fits). A row that does not pass that way is read field by
 * field (ChainWalker.step), which either accepts it or says what is wrong
 * with it; the fast check never accepts a row the field-by-field one would
 * refuse. It runs on whatever connection it is given: the audit module's
 * verify uses a read-only one in a worker thread (verify-worker.ts).
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { canonicalEntry, GENESIS_HASH } from './canonical';
import { ChainWalker, type ChainBreak } from './chain';
import { COLUMNS, hashText, type AuditRow } from './stored-row';

/** Rows per read: enough to amortise the query, few enough to keep each page's strings small. */
const PAGE = 8_192;

/** The furthest a Date reaches either side of 1970, in ms: the times an entry can show. */
const MAX_TIME = 8_640_000_000_000_000;

/**
 * prev_hash + canonical entry + hash, the hashes as lower-case hex. The four
 * text fields come from one json_array call (one function call per row
 * rather than four json_quote calls, which halves the time SQLite spends
 * building these strings), with its brackets cut off. json_array escapes
 * every character as JSON.stringify does and integers print alike, so for
 * the rows append writes this is exactly the text that was hashed. The guards
 * keep the fast check from ever accepting a row the field-by-field one would
 * refuse: every field before the detail is a quoted string or a checked
 * integer and the hashes are exactly 32 bytes (64 hex digits), so no value can
 * borrow another's characters; a value of a type append never writes drops
 * out (NULL vanishes from concat) or, for a BLOB in a text column, makes
 * json_array refuse the whole page.
 */
const ROW_TEXT = `concat(
  CASE WHEN typeof(prev_hash) = 'blob' AND length(prev_hash) = 32 THEN lower(hex(prev_hash)) END,
  '[', seq, ',', CASE WHEN typeof(time) = 'integer' AND time BETWEEN -${MAX_TIME} AND ${MAX_TIME} THEN time END, ',',
  rtrim(substr(json_array(actor, action, target, outcome), 2), ']'), ',',
  CASE WHEN typeof(detail) <> 'blob' THEN ifnull(detail, 'null') END, ']',
  CASE WHEN typeof(hash) = 'blob' AND length(hash) = 32 THEN lower(hex(hash)) END)`;

const isText = (v: unknown) => typeof v === 'string';
const isTextOrNull = (v: unknown) => v === null || typeof v === 'string';
const isHash = (v: unknown) => Buffer.isBuffer(v) && v.length === 32;

/** What append writes in each column of a row, by position in COLUMNS. */
const COLUMN_CHECKS: readonly (readonly [name: string, fits: (v: unknown) => boolean])[] = [
  ['seq', Number.isSafeInteger],
  ['time', (v) => Number.isInteger(v) && Math.abs(v as number) <= MAX_TIME],
  ['actor', isText],
  ['action', isText],
  ['target', isTextOrNull],
  ['outcome', isText],
  ['detail', isTextOrNull],
  ['prev_hash', isHash],
  ['hash', isHash],
];

/**
 * A run of the chain to walk: the entries after `after` up to `to`. The
 * first segment (after 0) starts from the genesis hash; a later one from the
 * prev_hash its first entry carries, which whoever walked the segment before
 * must have ended on (verify-run.ts joins them).
 */
export interface ChainSegment {
  after: number;
  /** Null: to the end of the table. */
  to: number | null;
}

/** Where a walk of a segment ended: at its last entry, or at the first that does not fit. */
export interface ChainWalk {
  checked: number;
  /** Hex: the hash the segment's first entry had to link to. */
  startHash: string;
  lastSeq: number;
  /** Hex: the hash of the last entry that fits. */
  lastHash: string;
  broken: ChainBreak | null;
}

export const WHOLE_CHAIN: ChainSegment = { after: 0, to: null };

export class StoredChain {
  private readonly texts: Database.Statement;
  private readonly rows: Database.Statement;
  private readonly firstAfter: Database.Statement;

  constructor(db: Database.Database) {
    this.texts = db.prepare(`SELECT ${ROW_TEXT} FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`).pluck();
    this.rows = db.prepare(`SELECT ${COLUMNS} FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ? OFFSET ?`).raw();
    this.firstAfter = db.prepare('SELECT prev_hash FROM audit_log WHERE seq = ?').pluck();
  }

  /**
   * Walks a segment (the whole chain unless told otherwise); the walker ends
   * where the segment ends, or at the first break. onPage hears how many
   * entries are checked so far after each full page.
   */
  walk(segment: ChainSegment = WHOLE_CHAIN, onPage?: (checked: number) => void): ChainWalk {
    const startHash = segment.after === 0 ? GENESIS_HASH : this.linkOf(segment.after + 1);
    const walker = new ChainWalker(segment.after + 1, startHash);
    const to = segment.to ?? Number.MAX_SAFE_INTEGER;
    // From the start: below any valid seq, so a forged row numbered 0 or less is walked too.
    let after = segment.after === 0 ? Number.MIN_SAFE_INTEGER : segment.after;
    for (;;) {
      const checkedBefore = walker.checked;
      const texts = this.pageTexts(after, to);
      const broken = texts ? this.checkPage(walker, after, to, texts) : this.checkFieldByField(walker, after, to, 0, PAGE);
      // Without a break every row of the page was accepted, so a short page was the last.
      if (broken || walker.checked - checkedBefore < PAGE) {
        return { checked: walker.checked, startHash, lastSeq: walker.lastSeq, lastHash: walker.lastHash, broken };
      }
      onPage?.(walker.checked);
      after = walker.lastSeq;
    }
  }

  /** The prev_hash entry seq carries, as hex; empty when there is no such entry or it holds no hash. */
  private linkOf(seq: number): string {
    const stored = this.firstAfter.get(seq) as unknown;
    return Buffer.isBuffer(stored) && stored.length === 32 ? stored.toString('hex') : '';
  }

  private pageTexts(after: number, to: number): string[] | null {
    try {
      return this.texts.all(after, to, PAGE) as string[];
    } catch (err) {
      if (err instanceof Error && /JSON cannot hold BLOB/.test(err.message)) return null;
      throw err;
    }
  }

  private checkPage(walker: ChainWalker, after: number, to: number, texts: readonly string[]): ChainBreak | null {
    for (let i = 0; i < texts.length; i++) {
      if (!walker.fits(texts[i] as string)) return this.checkFieldByField(walker, after, to, i, PAGE - i);
    }
    return null;
  }

  /** The rest of the page from its skip-th row, the slow and exact way. */
  private checkFieldByField(walker: ChainWalker, after: number, to: number, skip: number, count: number): ChainBreak | null {
    for (const r of this.rows.all(after, to, count, skip) as AuditRow[]) {
      const column = r[0] === walker.lastSeq + 1 ? mistyped(r) : null;
      if (column) return { seq: r[0], reason: `the ${column} of entry ${r[0]} holds a value of a kind the log never writes (the entry was edited)` };
      const broken = walker.step(r[0], hashText(r[7]), hashText(r[8]), canonicalEntry(r[0], r[1], r[2], r[3], r[4], r[5], r[6]));
      if (broken) return broken;
    }
    return null;
  }
}

function mistyped(row: AuditRow): string | null {
  return COLUMN_CHECKS.find(([, fits], i) => !fits(row[i]))?.[0] ?? null;
}
