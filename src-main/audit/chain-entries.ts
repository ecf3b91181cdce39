/**
 * The stored chain as others copy it (team mode pushes it to the shared
 * database): each entry's seq, its hashes as hex and the exact canonical
 * text its hash covers, so a copy can be checked without this database.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { canonicalEntry } from './canonical';
import { COLUMNS, hashText, type AuditRow } from './stored-row';

export interface ChainEntry {
  seq: number;
  prevHash: string;
  hash: string;
  /** canonicalEntry(...) of the row: what its hash covers after prevHash. */
  canonical: string;
}

export function chainEntries(db: Database.Database): (afterSeq: number, limit: number) => ChainEntry[] {
  const page = db.prepare(`SELECT ${COLUMNS} FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`).raw();
  return (afterSeq, limit) =>
    (page.all(afterSeq, limit) as AuditRow[]).map((r) => ({
      seq: r[0],
      prevHash: hashText(r[7]),
      hash: hashText(r[8]),
      canonical: canonicalEntry(r[0], r[1], r[2], r[3], r[4], r[5], r[6]),
    }));
}
