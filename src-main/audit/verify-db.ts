/**
 * Walks the chain stored in audit_log. A million rows must verify in a few
 * seconds, so the common case is kept lean: SQLite builds each row's hashed
 * text followed by its stored hash as one string, and JavaScript does one
 * hash and three string comparisons per row (ChainWalker.fits). A row that
 * does not pass that way is read field by field (ChainWalker.step), which
 * either accepts it or says what is wrong with it; the fast check never
 * accepts a row the field-by-field one would refuse.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { canonicalEntry, GENESIS_HASH } from './canonical';
import { ChainWalker, type ChainBreak } from './chain';
import { COLUMNS, type AuditRow } from './rows';

/** Rows per read: enough to amortise the query, few enough to keep each page's strings small. */
const PAGE = 8_192;

/** The furthest a Date reaches either side of 1970, in ms: the times an entry can show. */
const MAX_TIME = 8_640_000_000_000_000;

/**
 * prev_hash + canonical entry + hash. json_quote escapes every character as
 * JSON.stringify does and integers print alike, so for the rows append writes
 * this is exactly the text that was hashed. The guards keep the fast check
 * from ever accepting a row the field-by-field one would refuse: every field
 * before the detail is a quoted string or a checked integer and the hashes
 * are exactly 64 characters, so no value can borrow another's characters; a
 * value of a type append never writes drops out (NULL vanishes from concat)
 * or, for a BLOB in a text column, makes json_quote refuse the whole page.
 */
const ROW_TEXT = `concat(
  CASE WHEN typeof(prev_hash) = 'text' AND length(prev_hash) = 64 THEN prev_hash END,
  '[', seq, ',', CASE WHEN typeof(time) = 'integer' AND time BETWEEN -${MAX_TIME} AND ${MAX_TIME} THEN time END, ',',
  json_quote(actor), ',', json_quote(action), ',', json_quote(target), ',', json_quote(outcome), ',',
  CASE WHEN typeof(detail) <> 'blob' THEN ifnull(detail, 'null') END, ']',
  CASE WHEN typeof(hash) = 'text' AND length(hash) = 64 THEN hash END)`;

const isText = (v: unknown) => typeof v === 'string';
const isTextOrNull = (v: unknown) => v === null || typeof v === 'string';

/** What append writes in each column of a row, by position in COLUMNS. */
const COLUMN_CHECKS: readonly (readonly [name: string, fits: (v: unknown) => boolean])[] = [
  ['seq', Number.isSafeInteger],
  ['time', (v) => Number.isInteger(v) && Math.abs(v as number) <= MAX_TIME],
  ['actor', isText],
  ['action', isText],
  ['target', isTextOrNull],
  ['outcome', isText],
  ['detail', isTextOrNull],
  ['prev_hash', isText],
  ['hash', isText],
];

export class StoredChain {
  private readonly texts: Database.Statement;
  private readonly rows: Database.Statement;

  constructor(db: Database.Database) {
    this.texts = db.prepare(`SELECT ${ROW_TEXT} FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`).pluck();
    this.rows = db.prepare(`SELECT ${COLUMNS} FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ? OFFSET ?`).raw();
  }

  /** The walker ends where the table's chain ends, or at the first break. */
  walk(): { walker: ChainWalker; broken: ChainBreak | null } {
    const walker = new ChainWalker(1, GENESIS_HASH);
    // Below any valid seq, so a forged row numbered 0 or less is walked too.
    let after = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const checkedBefore = walker.checked;
      const texts = this.pageTexts(after);
      const broken = texts ? this.checkPage(walker, after, texts) : this.checkFieldByField(walker, after, 0, PAGE);
      // Without a break every row of the page was accepted, so a short page was the last.
      if (broken || walker.checked - checkedBefore < PAGE) return { walker, broken };
      after = walker.lastSeq;
    }
  }

  private pageTexts(after: number): string[] | null {
    try {
      return this.texts.all(after, PAGE) as string[];
    } catch (err) {
      if (err instanceof Error && /JSON cannot hold BLOB/.test(err.message)) return null;
      throw err;
    }
  }

  private checkPage(walker: ChainWalker, after: number, texts: readonly string[]): ChainBreak | null {
    for (let i = 0; i < texts.length; i++) {
      if (!walker.fits(texts[i] as string)) return this.checkFieldByField(walker, after, i, PAGE - i);
    }
    return null;
  }

  /** The rest of the page from its skip-th row, the slow and exact way. */
  private checkFieldByField(walker: ChainWalker, after: number, skip: number, count: number): ChainBreak | null {
    for (const r of this.rows.all(after, count, skip) as AuditRow[]) {
      const column = r[0] === walker.lastSeq + 1 ? mistyped(r) : null;
      if (column) return { seq: r[0], reason: `the ${column} of entry ${r[0]} holds a value of a kind the log never writes (the entry was edited)` };
      const broken = walker.step(r[0], r[7], r[8], canonicalEntry(r[0], r[1], r[2], r[3], r[4], r[5], r[6]));
      if (broken) return broken;
    }
    return null;
  }
}

function mistyped(row: AuditRow): string | null {
  return COLUMN_CHECKS.find(([, fits], i) => !fits(row[i]))?.[0] ?? null;
}
